//! Name resolution by region, shared by the rule language and by queries.
//!
//! A name declared inside a region is reached by its qualified path (`江北区/住建局`) or, unqualified,
//! from the reference's region outward: among all declarations whose path ends with the
//! reference, the one nearest in the region tree wins (distance = steps up from the reference's
//! region to the common ancestor, plus steps down to the declaration's region). Two candidates at
//! the same distance are ambiguous; the caller reports every candidate.

use crate::ids::PlaceId;
use rustc_hash::FxHashMap;

/// The outcome of resolving one reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution<T> {
    Found(T),
    /// Every candidate at the nearest distance, in declaration order.
    Ambiguous(Vec<T>),
    /// Nothing matched; the nearest known names by edit distance.
    NotFound {
        suggestions: Vec<String>,
    },
}

#[derive(Clone, Debug)]
struct Entry<T> {
    value: T,
    /// Path segments, e.g. ["宁波市", "江北区", "住建局"].
    path: Vec<String>,
    region: Option<PlaceId>,
}

/// A table of named declarations of one kind (places, units …).
#[derive(Clone, Debug)]
pub struct NameTable<T> {
    by_last: FxHashMap<String, Vec<Entry<T>>>,
}

impl<T> Default for NameTable<T> {
    fn default() -> Self {
        NameTable {
            by_last: FxHashMap::default(),
        }
    }
}

/// The parent relation of the region tree, needed to measure distances.
pub trait RegionTree {
    fn parent_of(&self, place: PlaceId) -> Option<PlaceId>;
}

fn ancestors(tree: &impl RegionTree, start: Option<PlaceId>) -> Vec<PlaceId> {
    // From the region itself up to the root; bounded by the tree's size through the depth cap.
    let mut chain = Vec::new();
    let mut current = start;
    while let Some(place) = current {
        if chain.len() > 64 {
            break;
        }
        chain.push(place);
        current = tree.parent_of(place);
    }
    chain
}

fn distance(tree: &impl RegionTree, from: &[PlaceId], to: Option<PlaceId>) -> usize {
    // Walk up from `to` until a region on `from`'s chain: the lowest common ancestor is the
    // first one met either way, so this is the same sum of steps up and down as searching
    // `from`'s chain, without building `to`'s chain (resolution runs once per reference and
    // candidate, and a province has a namesake department in every county).
    let mut down = 0usize;
    let mut current = to;
    while let Some(place) = current {
        if down > 64 {
            break;
        }
        if let Some(up) = from.iter().position(|r| *r == place) {
            return up + down;
        }
        down += 1;
        current = tree.parent_of(place);
    }
    from.len() + down
}

impl<T: Copy + PartialEq> NameTable<T> {
    /// Adds a declaration under its qualified path.
    pub fn insert(&mut self, path: &str, region: Option<PlaceId>, value: T) {
        let segments: Vec<String> = path.split('/').map(str::to_owned).collect();
        let last = segments.last().cloned().unwrap_or_default();
        self.by_last.entry(last).or_default().push(Entry {
            value,
            path: segments,
            region,
        });
    }

    /// All declarations whose path ends with `reference`.
    pub fn matching(&self, reference: &str) -> Vec<T> {
        self.matching_entries(reference).map(|e| e.value).collect()
    }

    fn matching_entries<'a>(
        &'a self,
        reference: &'a str,
    ) -> impl Iterator<Item = &'a Entry<T>> + 'a {
        let wanted: Vec<&str> = reference.split('/').collect();
        let last = wanted.last().copied().unwrap_or("");
        self.by_last
            .get(last)
            .into_iter()
            .flatten()
            .filter(move |entry| {
                entry.path.len() >= wanted.len()
                    && entry
                        .path
                        .iter()
                        .rev()
                        .zip(wanted.iter().rev())
                        .all(|(a, b)| a == b)
            })
    }

    /// Resolves `reference` as seen from `from` (the region the reference is written in).
    pub fn resolve(
        &self,
        tree: &impl RegionTree,
        reference: &str,
        from: Option<PlaceId>,
    ) -> Resolution<T> {
        // The nearest possible declaration is one made in the very region the reference is
        // written in (distance 0). When there is exactly one, no distance needs computing:
        // department names repeat in every county of a province, and computing the distance
        // to each namesake made resolving a province's items grow with its number of counties.
        let mut local = self
            .matching_entries(reference)
            .filter(|entry| entry.region == from);
        if let (Some(one), None) = (local.next(), local.next()) {
            return Resolution::Found(one.value);
        }
        let from_chain = ancestors(tree, from);
        let mut best: Option<usize> = None;
        let mut found: Vec<T> = Vec::new();
        for entry in self.matching_entries(reference) {
            let d = distance(tree, &from_chain, entry.region);
            match best {
                Some(b) if d > b => {}
                Some(b) if d == b => found.push(entry.value),
                _ => {
                    best = Some(d);
                    found.clear();
                    found.push(entry.value);
                }
            }
        }
        match found.len() {
            0 => Resolution::NotFound {
                suggestions: self.suggest(reference),
            },
            1 => found.first().map_or(
                Resolution::NotFound {
                    suggestions: Vec::new(),
                },
                |v| Resolution::Found(*v),
            ),
            _ => Resolution::Ambiguous(found),
        }
    }

    /// Up to three known names close to `reference`, nearest first.
    ///
    /// A qualified reference is compared whole with the same number of trailing segments of
    /// each declaration whose last segment is the reference's or close to it, so a slip in a
    /// region (`乐安居/某某镇` for `乐安县/某某镇`) finds the path, not only the last name.
    pub fn suggest(&self, reference: &str) -> Vec<String> {
        let wanted = reference.split('/').count();
        let last = reference.rsplit('/').next().unwrap_or(reference);
        let close_lasts = suggest(last, self.by_last.keys().map(String::as_str));
        if wanted > 1 {
            let mut tails: Vec<String> = std::iter::once(last)
                .chain(close_lasts.iter().map(String::as_str))
                .filter_map(|l| self.by_last.get(l))
                .flatten()
                .filter_map(|entry| {
                    let skip = entry.path.len().checked_sub(wanted)?;
                    entry.path.get(skip..).map(|tail| tail.join("/"))
                })
                .collect();
            tails.sort();
            tails.dedup();
            let found = suggest(reference, tails.iter().map(String::as_str));
            if !found.is_empty() {
                return found;
            }
        }
        close_lasts
    }
}

/// `; did you mean `a` or `b`?` for a message, or nothing without suggestions.
pub fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean `{one}`?"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|s| format!("`{s}`")).collect();
            format!("; did you mean {} or `{last}`?", init.join(", "))
        }
    }
}

/// The longest name a query may give, in characters. Declared names are far shorter (the
/// longest in the examples is under 40); a longer one is refused before any lookup, so that no
/// request can make resolution or suggestions expensive.
pub const MAX_NAME_CHARS: usize = 256;

/// Whether `name` is longer than [`MAX_NAME_CHARS`]. Counts at most one character past the
/// limit, so a megabyte of text is not walked to the end.
pub fn is_too_long(name: &str) -> bool {
    name.chars().nth(MAX_NAME_CHARS).is_some()
}

/// Up to three of `candidates` close to `name` by edit distance over characters, nearest first,
/// ties broken by name so the output is deterministic. Works for Chinese names: `住建居` → `住建局`.
///
/// The work is linear in the number of candidates and in the name's length: a candidate whose
/// length differs from the name's by more than the allowed distance is passed over without a
/// distance (unless one contains the other, and then the distance is the length difference), and
/// the distance itself is computed only within a band as wide as the allowed distance. A name
/// longer than [`MAX_NAME_CHARS`] gets no suggestions.
pub fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    if is_too_long(name) {
        return Vec::new();
    }
    let wanted: Vec<char> = name.chars().collect();
    let len = wanted.len();
    let limit = match len {
        0..=2 => 1,
        3..=5 => 2,
        _ => 3,
    };
    let mut row = Vec::new();
    let mut scored: Vec<(usize, &str)> = candidates
        .filter(|c| *c != name)
        .filter_map(|c| {
            let c_len = c.chars().count();
            // The distance is at least the length difference, and exactly it when one name
            // contains the other.
            let gap = len.abs_diff(c_len);
            let contains = len >= 2 && c_len > 0 && (c.contains(name) || name.contains(c));
            if contains {
                return Some((gap, c));
            }
            if gap > limit {
                return None;
            }
            banded_distance(&wanted, c, limit, &mut row).map(|d| (d, c))
        })
        .collect();
    scored.sort();
    scored.dedup();
    scored
        .into_iter()
        .take(3)
        .map(|(_, c)| c.to_owned())
        .collect()
}

/// The Levenshtein distance between `a` and `b` over characters if it is at most `limit`, else
/// `None`. Only cells within `limit` of the diagonal are computed, and the computation stops as
/// soon as a whole row exceeds the limit: O(len × limit) rather than O(len²).
fn banded_distance(a: &[char], b: &str, limit: usize, row: &mut Vec<usize>) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let far = limit + 1;
    // row[j] = distance between a[..i] and b[..j], for the current i; cells outside the band
    // hold `far`, which is as good as infinity here.
    row.clear();
    row.extend((0..=b.len()).map(|j| j.min(far)));
    for (i, ca) in a.iter().enumerate() {
        let i = i + 1;
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(b.len());
        // diagonal = row[j - 1] of the previous row.
        let mut diagonal = row.first().copied().unwrap_or(far);
        if let Some(first) = row.first_mut() {
            *first = i.min(far);
        }
        let mut best = row.first().copied().unwrap_or(far);
        if lo > 1 {
            diagonal = row.get(lo - 1).copied().unwrap_or(far);
            if let Some(cell) = row.get_mut(lo - 1) {
                *cell = far;
            }
            best = far;
        }
        for j in lo..=hi {
            let above = row.get(j).copied().unwrap_or(far);
            let left = row.get(j - 1).copied().unwrap_or(far);
            let cost = usize::from(b.get(j - 1) != Some(ca));
            let cell = (diagonal + cost).min(above + 1).min(left + 1).min(far);
            diagonal = above;
            if let Some(slot) = row.get_mut(j) {
                *slot = cell;
            }
            best = best.min(cell);
        }
        if let Some(slot) = row.get_mut(hi + 1) {
            *slot = far;
        }
        if best > limit {
            return None;
        }
    }
    row.get(b.len()).copied().filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Tree(Vec<Option<PlaceId>>);
    impl RegionTree for Tree {
        fn parent_of(&self, place: PlaceId) -> Option<PlaceId> {
            self.0.get(place.index()).copied().flatten()
        }
    }

    // 0 宁波市 → 1 江北区 → 2 慈城镇; 0 → 3 鄞州区
    fn tree() -> Tree {
        Tree(vec![
            None,
            Some(PlaceId(0)),
            Some(PlaceId(1)),
            Some(PlaceId(0)),
        ])
    }

    #[test]
    fn nearest_declaration_wins_and_ties_are_ambiguous() {
        let mut t = NameTable::default();
        t.insert("宁波市/江北区/住建局", Some(PlaceId(1)), 10u32);
        t.insert("宁波市/鄞州区/住建局", Some(PlaceId(3)), 11u32);
        assert_eq!(
            t.resolve(&tree(), "住建局", Some(PlaceId(2))),
            Resolution::Found(10)
        );
        assert_eq!(
            t.resolve(&tree(), "住建局", Some(PlaceId(0))),
            Resolution::Ambiguous(vec![10, 11])
        );
        assert_eq!(
            t.resolve(&tree(), "鄞州区/住建局", Some(PlaceId(2))),
            Resolution::Found(11)
        );
        assert_eq!(
            t.resolve(&tree(), "住建局", None),
            Resolution::Ambiguous(vec![10, 11])
        );
    }

    #[test]
    fn a_slip_in_the_region_of_a_qualified_name_suggests_the_path() {
        let mut t = NameTable::default();
        t.insert("丽水市/乐安县/某某镇", Some(PlaceId(1)), 1u32);
        t.insert("丽水市/乐安县/某某乡", Some(PlaceId(1)), 2u32);
        t.insert("丽水市/江北区/慈城镇", Some(PlaceId(3)), 3u32);
        let suggestions = |reference| match t.resolve(&tree(), reference, None) {
            Resolution::NotFound { suggestions } => suggestions,
            other => panic!("{reference}: expected not found, got {other:?}"),
        };
        assert_eq!(
            suggestions("乐安居/某某镇"),
            ["乐安县/某某镇", "乐安县/某某乡"]
        );
        assert_eq!(
            suggestions("丽水市/乐安居/某某镇")[0],
            "丽水市/乐安县/某某镇"
        );
        // A slip in the last name of a qualified reference still finds it.
        assert!(suggestions("乐安县/某某真").contains(&"乐安县/某某镇".to_owned()));
        // An unqualified reference is compared by its name.
        assert_eq!(suggestions("慈城真"), ["慈城镇"]);
    }

    #[test]
    fn suggestions_work_for_chinese_names() {
        let mut t = NameTable::default();
        t.insert("江北区/住建局", Some(PlaceId(1)), 1u32);
        t.insert("江北区/公安分局", Some(PlaceId(1)), 2u32);
        match t.resolve(&tree(), "住建居", None) {
            Resolution::NotFound { suggestions } => {
                assert_eq!(suggestions, vec!["住建局".to_owned()])
            }
            other => panic!("expected not found, got {other:?}"),
        }
    }

    proptest::proptest! {
        #[test]
        fn the_banded_distance_agrees_with_the_full_one(
            a in "[ab住建局]{0,9}",
            b in "[ab住建局]{0,9}",
            limit in 0usize..4,
        ) {
            let full = strsim::levenshtein(&a, &b);
            let wanted: Vec<char> = a.chars().collect();
            let banded = banded_distance(&wanted, &b, limit, &mut Vec::new());
            proptest::prop_assert_eq!(banded, (full <= limit).then_some(full));
        }
    }

    #[test]
    fn a_long_unknown_name_is_cheap() {
        // 20,000 characters against many candidates of similar length took seconds when every
        // pair had its full distance computed.
        let long: String = "住".repeat(20_000);
        let candidates: Vec<String> = (0..200)
            .map(|i| format!("{}{i}", "建".repeat(19_990)))
            .collect();
        let started = std::time::Instant::now();
        assert!(suggest(&long, candidates.iter().map(String::as_str)).is_empty());
        let short: String = "住".repeat(250);
        assert!(suggest(&short, candidates.iter().map(String::as_str)).is_empty());
        let near: Vec<String> = (0..2000)
            .map(|i| format!("{}{i}", "住".repeat(247)))
            .collect();
        assert_eq!(suggest(&short, near.iter().map(String::as_str)).len(), 3);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert!(is_too_long(&long) && !is_too_long(&short));
    }
}
