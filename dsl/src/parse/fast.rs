//! A fast path for the most common declaration, a plain `item` on a few lines, read by hand.
//!
//! A province is mostly item declarations (540,000 of them in the benches' size L), and the
//! grammar reads them at about 11 MB/s. This reader accepts a strict subset of `item_decl` —
//! `item CODE ["NAME"] { CLAUSE* }` with the clauses `list`, `type`, `holder`, `basis`, `flags`
//! and `parts`, names made of plain identifier segments, strings without escapes, no comments
//! — and builds exactly the tree the grammar and `tree.rs` would. Anything else, or anything it
//! is unsure of (a character outside ASCII and the CJK ideographs in a name), makes it return
//! `None`, and the driver asks the grammar as before: the fast path never changes what a file
//! means or which diagnostics it gets. A test parses every example, fixture and generated
//! province both ways and compares the trees with their spans.

use crate::ast::{Decl, HolderSyntax, ItemDecl, Word};
use quanze_core::{SourceId, Span};

struct Reader<'a> {
    text: &'a str,
    /// Offset of `text` in its file.
    base: usize,
    source: SourceId,
    pos: usize,
}

/// Characters the grammar's `ident_char` certainly accepts (a conservative subset of Unicode
/// letters, numbers and marks, plus `_`, `-`, `.`).
fn ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '_' | '-' | '.')
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Characters the grammar certainly does not take into an identifier.
fn surely_not_ident(c: char) -> bool {
    (c.is_ascii() && !ident_char(c)) || c == '\u{3000}'
}

impl<'a> Reader<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.source, self.base + start, self.base + end)
    }

    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|r| r.chars().next())
    }

    /// The grammar's implicit whitespace; `None` at the start of a comment.
    fn skip_space(&mut self) -> Option<()> {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' | '\n' | '\u{3000}' | '\u{FEFF}' => self.pos += c.len_utf8(),
                '/' => {
                    let next = self.text.get(self.pos + 1..).and_then(|r| r.chars().next());
                    if matches!(next, Some('/' | '*')) {
                        return None;
                    }
                    return Some(());
                }
                _ => return Some(()),
            }
        }
        Some(())
    }

    /// A maximal run of identifier characters; `None` if it ends on a character the grammar
    /// might also take.
    fn ident(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if ident_char(c) {
                self.pos += c.len_utf8();
            } else if surely_not_ident(c) {
                break;
            } else {
                return None;
            }
        }
        (self.pos > start).then_some((start, self.pos))
    }

    fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        self.text.get(start..end)
    }

    /// A keyword: the identifier run equals one of `forms`.
    fn keyword(&mut self, forms: &[&str]) -> Option<()> {
        let (start, end) = self.ident()?;
        let word = self.slice(start, end)?;
        forms.contains(&word).then_some(())
    }

    fn word_of_ident(&mut self) -> Option<Word> {
        let (start, end) = self.ident()?;
        Some(Word {
            text: self.slice(start, end)?.to_owned(),
            span: self.span(start, end),
        })
    }

    /// A name of identifier segments joined by `/` (no quoted segments, no spaces around `/`).
    fn name(&mut self) -> Option<Word> {
        let start = self.pos;
        self.ident()?;
        while self.peek() == Some('/') {
            self.pos += 1;
            self.ident()?;
        }
        Some(Word {
            text: self.slice(start, self.pos)?.to_owned(),
            span: self.span(start, self.pos),
        })
    }

    /// A string without escapes or line breaks.
    fn string(&mut self) -> Option<Word> {
        let start = self.pos;
        let rest = self.text.get(start..)?.strip_prefix('"')?;
        let len = rest.find(['"', '\\', '\n'])?;
        if !rest.get(len..)?.starts_with('"') {
            return None;
        }
        let text = rest.get(..len)?.to_owned();
        self.pos = start + 1 + len + 1;
        Some(Word {
            text,
            span: self.span(start, self.pos),
        })
    }

    fn expect(&mut self, c: char) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.pos += c.len_utf8())
    }

    /// `[name, name, …]`, a trailing comma allowed.
    fn name_list(&mut self) -> Option<Vec<Word>> {
        self.expect('[')?;
        let mut out = Vec::new();
        loop {
            self.skip_space()?;
            if self.expect(']').is_some() {
                return Some(out);
            }
            out.push(self.name()?);
            self.skip_space()?;
            if self.expect(',').is_none() {
                self.skip_space()?;
                self.expect(']')?;
                return Some(out);
            }
        }
    }

    fn holder(&mut self) -> Option<HolderSyntax> {
        let start = self.pos;
        let save = self.pos;
        if self.keyword(&["each", "每个"]).is_some() {
            self.skip_space()?;
            let (s, e) = self.ident()?;
            let level = self.slice(s, e)?;
            let span = self.span(start, e);
            let word = Word {
                text: level.to_owned(),
                span: self.span(s, e),
            };
            return if ["township", "乡镇", "街道", "镇", "乡"].contains(&level) {
                Some(HolderSyntax::EachTownship(span, word))
            } else if ["village", "村", "社区"].contains(&level) {
                Some(HolderSyntax::EachVillage(span, word))
            } else {
                None
            };
        }
        self.pos = save;
        self.name().map(HolderSyntax::Named)
    }
}

/// Records a clause given twice, as `tree.rs` does.
fn set<T>(slot: &mut Option<T>, value: T, span: Span, repeated: &mut Vec<Span>) {
    if slot.is_some() {
        repeated.push(span);
    }
    *slot = Some(value);
}

/// Reads a plain item declaration at the start of `rest` (which sits at `base` in its file).
/// Returns the declaration and the offset in `rest` just after its `}`.
pub fn item(source: SourceId, base: usize, rest: &str) -> Option<(Decl, usize)> {
    let mut r = Reader {
        text: rest,
        base,
        source,
        pos: 0,
    };
    r.keyword(&["item", "power", "事项"])?;
    r.skip_space()?;
    let code = r.name()?;
    r.skip_space()?;
    let name = if r.peek() == Some('"') {
        let name = r.string()?;
        r.skip_space()?;
        Some(name)
    } else {
        None
    };
    r.expect('{')?;
    let mut decl = ItemDecl::new(false, code, name, r.span(0, 0));
    loop {
        r.skip_space()?;
        if r.expect('}').is_some() {
            break;
        }
        let start = r.pos;
        let (ks, ke) = r.ident()?;
        let keyword = r.slice(ks, ke)?;
        r.skip_space()?;
        match keyword {
            "list" | "清单" => {
                let value = r.word_of_ident()?;
                set(
                    &mut decl.list,
                    value,
                    r.span(start, r.pos),
                    &mut decl.repeated,
                );
            }
            "type" | "类型" => {
                let value = r.word_of_ident()?;
                set(
                    &mut decl.power_type,
                    value,
                    r.span(start, r.pos),
                    &mut decl.repeated,
                );
            }
            "holder" | "实施主体" => {
                let value = r.holder()?;
                set(
                    &mut decl.holder,
                    value,
                    r.span(start, r.pos),
                    &mut decl.repeated,
                );
            }
            "basis" | "依据" => decl.basis.push(r.string()?),
            "flags" | "标记" => decl.flags.extend(r.name_list()?),
            "parts" | "部分" => decl.parts.extend(r.name_list()?),
            _ => return None,
        }
    }
    decl.span = r.span(0, r.pos);
    Some((Decl::Item(decl), r.pos))
}
