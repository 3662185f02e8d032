//! Source locations as the core sees them: a source id and a byte range.
//!
//! Spans never take part in equality or hashing: two declarations written in
//! different files, or with different keywords, are the same declaration when
//! everything but their position agrees. Code that must compare positions (the
//! proof checker) uses [`Span::same_location`].

use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// Index of a source file in a rule set's [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Span {
    pub source: SourceId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// The span of a declaration built in code, with no text behind it.
    pub const DETACHED: Span = Span {
        source: SourceId(u32::MAX),
        start: 0,
        end: 0,
    };

    pub fn new(source: SourceId, start: usize, end: usize) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            source,
            start: clamp(start),
            end: clamp(end),
        }
    }

    pub fn is_detached(&self) -> bool {
        self.source == SourceId(u32::MAX)
    }

    /// Compares the positions, which `==` deliberately ignores.
    pub fn same_location(&self, other: &Span) -> bool {
        self.source == other.source && self.start == other.start && self.end == other.end
    }
}

impl PartialEq for Span {
    fn eq(&self, _other: &Span) -> bool {
        true
    }
}

impl Eq for Span {}

impl Hash for Span {
    fn hash<H: Hasher>(&self, _state: &mut H) {}
}

/// One source file of a rule set: its path relative to the rule-set root and its text.
///
/// The line table is built on the first position asked for, not when the file is added: a
/// rule set loaded from a snapshot answers queries without ever locating a span.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    #[serde(skip)]
    line_starts: OnceLock<Vec<u32>>,
}

/// A resolved position: 1-based line and column, the column counted in characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    /// The byte offset where each line starts; the first line starts at 0.
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            for (i, b) in self.text.bytes().enumerate() {
                if b == b'\n' {
                    starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
                }
            }
            starts
        })
    }

    /// 1-based (line, column) of a byte offset; the column counts characters, not bytes.
    pub fn line_column(&self, offset: u32) -> (u32, u32) {
        let line_starts = self.line_starts();
        let line_index = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = line_starts.get(line_index).copied().unwrap_or(0);
        let start = line_start as usize;
        let end = (offset as usize).min(self.text.len());
        let column = self
            .text
            .get(start..end)
            .map(|prefix| prefix.chars().count())
            .unwrap_or_else(|| {
                // The offset falls inside a character: count the characters that start before it.
                self.text
                    .char_indices()
                    .filter(|(i, _)| *i >= start && *i < end)
                    .count()
            });
        let line = u32::try_from(line_index + 1).unwrap_or(u32::MAX);
        (line, u32::try_from(column + 1).unwrap_or(u32::MAX))
    }

    /// The text of the 1-based line `line`, without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        let index = line.saturating_sub(1) as usize;
        let line_starts = self.line_starts();
        let start = line_starts.get(index).copied().unwrap_or(0) as usize;
        let end = line_starts
            .get(index + 1)
            .map(|e| *e as usize)
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

/// The source files of a rule set, indexed by [`SourceId`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> SourceId {
        self.files.push(file);
        SourceId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    pub fn get(&self, id: SourceId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The location of a span, or `None` for a detached span or an unknown source.
    pub fn locate(&self, span: Span) -> Option<Location> {
        let file = self.get(span.source)?;
        let (line, column) = file.line_column(span.start);
        let (end_line, end_column) = file.line_column(span.end);
        Some(Location {
            file: file.path.clone(),
            line,
            column,
            end_line,
            end_column,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_on_chinese_lines() {
        let file = SourceFile::new("a.qz", "department 住建局\nlead 综合行政执法局 x");
        let offset = "department 住建局\nlead 综合行政执法局 ".len() as u32;
        assert_eq!(file.line_column(offset), (2, 14));
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_text(2), "lead 综合行政执法局 x");
    }

    #[test]
    fn spans_do_not_take_part_in_equality() {
        let a = Span::new(SourceId(0), 1, 2);
        let b = Span::new(SourceId(3), 7, 9);
        assert_eq!(a, b);
        assert!(!a.same_location(&b));
    }
}
