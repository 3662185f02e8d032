//! Read-only tables that questions read at random places, kept where the kernel may back them
//! with huge pages.
//!
//! A province's per-item table is tens of megabytes, and each question reads one record of it
//! at a random place. In 4 KiB pages that is a TLB miss per question, and on a virtual machine
//! a two-level page walk: on L, `who_handles` took from 96 to 268 ns from one process to the
//! next with the same code, and with the table in 2 MiB pages it stays at 74–94 ns
//! (BENCHMARKS.md). On Linux a table of at least [`HUGE_PAGE`] bytes is therefore copied into
//! an anonymous mapping that starts on a 2 MiB boundary and is advised `MADV_HUGEPAGE`; the
//! system's `transparent_hugepage` setting then decides (`madvise` and `always` give huge
//! pages, `never` does not). Smaller tables, other systems and a mapping that fails stay in
//! an ordinary `Vec`: the contents, and every answer, are the same either way.

use bytemuck::Pod;
use std::fmt;

/// The huge page size the tables are laid out for (x86-64 and arm64 with 4 KiB base pages).
pub(crate) const HUGE_PAGE: usize = 2 << 20;

/// A read-only table of plain records.
pub(crate) struct Pages<T> {
    store: Store<T>,
}

enum Store<T> {
    Heap(Vec<T>),
    #[cfg(target_os = "linux")]
    Mapped {
        map: memmap2::Mmap,
        /// Where the records start in the mapping (its first 2 MiB boundary) and end.
        start: usize,
        end: usize,
    },
}

impl<T: Pod> Pages<T> {
    /// The records, in huge pages when the table is large enough and the system allows.
    pub(crate) fn new(records: Vec<T>) -> Pages<T> {
        #[cfg(target_os = "linux")]
        if let Some((map, start, end)) = mapped(bytemuck::cast_slice(&records)) {
            return Pages {
                store: Store::Mapped { map, start, end },
            };
        }
        Pages {
            store: Store::Heap(records),
        }
    }

    pub(crate) fn as_slice(&self) -> &[T] {
        match &self.store {
            Store::Heap(records) => records,
            #[cfg(target_os = "linux")]
            Store::Mapped { map, start, end } => map
                .get(*start..*end)
                .and_then(|bytes| bytemuck::try_cast_slice(bytes).ok())
                .unwrap_or(&[]),
        }
    }

    pub(crate) fn get(&self, index: usize) -> Option<&T> {
        self.as_slice().get(index)
    }

    pub(crate) fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether the records live in a mapping advised for huge pages.
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        match &self.store {
            Store::Heap(_) => false,
            #[cfg(target_os = "linux")]
            Store::Mapped { .. } => true,
        }
    }
}

/// Copies `bytes` to the first 2 MiB boundary of a fresh anonymous mapping advised for huge
/// pages (advised before the copy, so that the first touch of each 2 MiB faults in a huge
/// page). `None` for a table under one huge page, or when the system refuses.
#[cfg(target_os = "linux")]
fn mapped(bytes: &[u8]) -> Option<(memmap2::Mmap, usize, usize)> {
    if bytes.len() < HUGE_PAGE {
        return None;
    }
    // Whole huge pages, and one more to slide the start to a boundary.
    let pages = bytes.len().div_ceil(HUGE_PAGE).checked_add(1)?;
    let mut map = memmap2::MmapMut::map_anon(pages.checked_mul(HUGE_PAGE)?).ok()?;
    let address = map.as_ptr() as usize;
    let start = address
        .checked_next_multiple_of(HUGE_PAGE)?
        .checked_sub(address)?;
    let end = start.checked_add(bytes.len())?;
    map.advise(memmap2::Advice::HugePage).ok()?;
    map.get_mut(start..end)?.copy_from_slice(bytes);
    let map = map.make_read_only().ok()?;
    Some((map, start, end))
}

impl<T: Pod> Clone for Pages<T> {
    fn clone(&self) -> Self {
        Pages::new(self.as_slice().to_vec())
    }
}

impl<T> Default for Pages<T> {
    fn default() -> Self {
        Pages {
            store: Store::Heap(Vec::new()),
        }
    }
}

impl<T: Pod> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("len", &self.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

    use super::*;

    #[test]
    fn a_small_table_stays_on_the_heap_with_its_records() {
        let pages = Pages::new(vec![1u32, 2, 3]);
        assert!(!pages.is_mapped());
        assert_eq!(pages.as_slice(), &[1, 2, 3]);
        assert_eq!(pages.get(2), Some(&3));
        assert_eq!(pages.get(3), None);
        assert_eq!(pages.clone().as_slice(), pages.as_slice());
    }

    #[test]
    fn a_large_table_keeps_every_record_wherever_it_lives() {
        let records: Vec<u64> = (0..(HUGE_PAGE as u64 / 8) * 3 + 5).collect();
        let pages = Pages::new(records.clone());
        assert_eq!(pages.as_slice(), &records[..]);
        assert_eq!(pages.clone().as_slice(), &records[..]);
        assert_eq!(pages.len(), records.len());
    }

    /// Where the kernel has transparent huge pages, a large table starts on a 2 MiB boundary of
    /// a region the kernel lists as advised for them (`hg` in its `VmFlags`).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_large_table_is_advised_for_huge_pages_where_the_kernel_has_them() {
        let records: Vec<u32> = (0..(HUGE_PAGE as u32 / 4) * 2).collect();
        let pages = Pages::new(records);
        let has_thp = std::path::Path::new("/sys/kernel/mm/transparent_hugepage/enabled").exists();
        assert_eq!(pages.is_mapped(), has_thp);
        if !has_thp {
            return;
        }
        let address = pages.as_slice().as_ptr() as usize;
        assert_eq!(address % HUGE_PAGE, 0);
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let flags = region_flags(&smaps, address).unwrap();
        assert!(
            flags.split_whitespace().any(|f| f == "hg"),
            "VmFlags of the table's region: {flags}"
        );
    }

    /// The `VmFlags` line of the mapping that contains `address`.
    #[cfg(target_os = "linux")]
    fn region_flags(smaps: &str, address: usize) -> Option<String> {
        let mut inside = false;
        for line in smaps.lines() {
            let first = line.split_whitespace().next().unwrap_or("");
            if let Some((from, to)) = first.split_once('-').filter(|_| !first.ends_with(':')) {
                let from = usize::from_str_radix(from, 16).ok()?;
                let to = usize::from_str_radix(to, 16).ok()?;
                inside = (from..to).contains(&address);
            } else if inside && line.starts_with("VmFlags:") {
                return Some(line.to_owned());
            }
        }
        None
    }
}
