//! The formatter: one file's text, parsed, printed again in the canonical layout.
//!
//! It works from the syntax tree, so layout and keyword language are its own choice, while
//! everything that reaches the model is kept: the formatted rule set compiles to an equal
//! [`quanze_core::Decls`]. The printer ([`print`]) turns declarations into [`Line`]s, each
//! remembering the source ranges of the words on it. Comments come from the parser's side
//! table and are placed afterwards by position alone:
//!
//! - a comment that follows a word on the same source line, with no line break between, stays
//!   at the end of the output line that holds that word (a trailing comment);
//! - any other comment goes on its own line just before the output line holding the first word
//!   that follows it in the source: the next declaration or clause, or the closing brace of the
//!   enclosing block, or the end of the file.
//!
//! A blank line before a declaration or a comment in the source is kept as one blank line.
//! Because placement depends only on the order of words and comments, formatting twice gives
//! the same text as formatting once.
//!
//! A file with syntax errors is not formatted: its diagnostics are returned instead. So is a
//! clause given twice, which the tree keeps only once.

pub mod keywords;
mod print;
mod print_decls;
mod print_scenario;
mod print_tests;

use crate::ast::Comment;
use crate::codes;
use crate::parse::parse_file;
pub use keywords::Lang;
use quanze_core::{Diagnostic, SourceId, Span};

/// Lines longer than this (in display columns) are broken where the layout allows it.
pub const MAX_WIDTH: usize = 100;

/// What to do with keywords.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Rewrite every keyword (and fixed value word) into this language; `None` keeps the
    /// language most of the file's keywords are written in.
    pub keywords: Option<Lang>,
}

/// Formats one file. `source` is the id the returned diagnostics carry.
pub fn format_text(
    source: SourceId,
    text: &str,
    options: Options,
) -> Result<String, Vec<Diagnostic>> {
    let (file, diagnostics) = parse_file(source, text);
    let mut errors: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
    errors.extend(
        print::repeated_clauses(&file.decls)
            .into_iter()
            .map(|span| {
                Diagnostic::error(codes::REPEATED_CLAUSE, "this clause is given twice", span)
                    .with_label_here("given again here")
                    .with_help("keep one before formatting; the formatter would drop the other")
            }),
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let lang = options
        .keywords
        .unwrap_or_else(|| keywords::dominant(code_words(text)));
    let mut printer = print::Printer::new(text, lang, options.keywords.is_some(), &file.comments);
    for decl in &file.decls {
        printer.decl(decl);
    }
    Ok(render(text, printer.lines, &file.comments))
}

/// Words outside strings and comments: where keywords are.
fn code_words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut current = String::new();
    let mut chars = crate::parse::lex::code_chars(text)
        .map(|(_, c)| c)
        .chain(Some(' '));
    std::iter::from_fn(move || {
        for c in chars.by_ref() {
            if is_ident_char(c) {
                current.push(c);
            } else if !current.is_empty() {
                return Some(std::mem::take(&mut current));
            }
        }
        None
    })
}

/// A character a bare name may hold (the grammar's `ident_char`, conservatively).
pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// One output line, before comments are placed.
#[derive(Debug, Default)]
pub(crate) struct Line {
    pub indent: usize,
    pub text: String,
    /// Source byte ranges of the words printed on this line.
    pub elems: Vec<(usize, usize)>,
    /// Begins a declaration: a blank line before it in the source is kept.
    pub blank_before: bool,
    /// A closing brace: comments placed before it are indented as the block's content.
    pub closes: bool,
}

/// Where a comment goes.
enum Place {
    Trailing(usize),
    Leading(usize),
    End,
}

fn place_comment(
    text: &str,
    comment: &Comment,
    by_end: &[(usize, usize)],
    by_start: &[(usize, usize)],
) -> Place {
    let (start, end) = (comment.span.start as usize, comment.span.end as usize);
    let before = by_end.partition_point(|(e, _)| *e <= start);
    if let Some((e, line)) = before.checked_sub(1).and_then(|i| by_end.get(i)) {
        if text.get(*e..start).is_some_and(|gap| !gap.contains('\n')) {
            return Place::Trailing(*line);
        }
    }
    let after = by_start.partition_point(|(s, _)| *s < end);
    match by_start.get(after) {
        Some((_, line)) => Place::Leading(*line),
        None => Place::End,
    }
}

/// Whether the source has an empty line just before `offset`.
fn blank_before(text: &str, offset: usize) -> bool {
    let head = text.get(..offset).unwrap_or("");
    let gap = head.len()
        - head
            .trim_end_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
            .len();
    head.get(head.len() - gap..)
        .is_some_and(|g| g.matches('\n').count() >= 2)
}

fn comment_text(comment: &Comment) -> &str {
    if comment.text.starts_with("//") {
        comment.text.trim_end()
    } else {
        &comment.text
    }
}

/// Joins the lines and places the comments.
fn render(text: &str, lines: Vec<Line>, comments: &[Comment]) -> String {
    let mut by_end = Vec::new();
    let mut by_start = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for (s, e) in &line.elems {
            by_end.push((*e, i));
            by_start.push((*s, i));
        }
    }
    by_end.sort_unstable();
    by_start.sort_unstable();
    let mut leading: Vec<Vec<&Comment>> = lines.iter().map(|_| Vec::new()).collect();
    let mut trailing: Vec<Vec<&Comment>> = lines.iter().map(|_| Vec::new()).collect();
    let mut end = Vec::new();
    for comment in comments {
        match place_comment(text, comment, &by_end, &by_start) {
            Place::Trailing(i) => trailing
                .get_mut(i)
                .into_iter()
                .for_each(|v| v.push(comment)),
            Place::Leading(i) => leading.get_mut(i).into_iter().for_each(|v| v.push(comment)),
            Place::End => end.push(comment),
        }
    }
    let mut out = Output::default();
    for (i, line) in lines.iter().enumerate() {
        let comment_indent = line.indent + usize::from(line.closes);
        for comment in leading.get(i).into_iter().flatten() {
            out.blank_if(blank_before(text, comment.span.start as usize));
            out.line(comment_indent, comment_text(comment));
        }
        out.blank_if(
            line.blank_before && blank_before(text, line.elems.first().map_or(0, |e| e.0)),
        );
        let mut full = line.text.clone();
        let trail: Vec<&str> = trailing
            .get(i)
            .into_iter()
            .flatten()
            .map(|c| comment_text(c))
            .collect();
        if !trail.is_empty() {
            full.push_str("  ");
            full.push_str(&trail.join(" "));
        }
        out.line(line.indent, &full);
    }
    for comment in end {
        out.blank_if(blank_before(text, comment.span.start as usize));
        out.line(0, comment_text(comment));
    }
    out.text
}

#[derive(Default)]
struct Output {
    text: String,
}

impl Output {
    fn blank_if(&mut self, wanted: bool) {
        let after_open = self.text.trim_end_matches('\n').ends_with('{');
        if wanted && !self.text.is_empty() && !self.text.ends_with("\n\n") && !after_open {
            self.text.push('\n');
        }
    }

    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.text.push_str("  ");
        }
        self.text.push_str(text);
        self.text.push('\n');
    }
}

/// The display width of a text: CJK and full-width characters take two columns.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

/// A span's byte range.
pub(crate) fn range(span: Span) -> (usize, usize) {
    (span.start as usize, span.end as usize)
}

#[cfg(test)]
mod tests;
