//! Parsing one file: the driver that reads region blocks and hands each declaration to the
//! grammar, recovering after an error so one run reports every syntax error it can.
//!
//! **Invariant:** parsing never fails and never panics: it returns a tree (possibly partial)
//! and the diagnostics. Recursion is bounded: brackets deeper than [`lex::MAX_BRACKET_DEPTH`]
//! are refused before the grammar sees them, and region blocks are a loop, not recursion.

pub mod errors;
mod fast;
pub mod lex;
#[cfg(test)]
mod tests;
mod tree;

use crate::ast::{Decl, File, PlaceDecl};
use crate::codes;
use pest::Parser as _;
use quanze_core::{Diagnostic, SourceId, Span};

#[derive(pest_derive::Parser)]
#[grammar = "grammar.pest"]
pub struct QzParser;

/// The grammar's rules; only the parser and its error mapping see them.
pub use self::Rule as GrammarRule;

/// Syntax errors reported per file before the parser gives up on the rest of it.
pub const MAX_SYNTAX_ERRORS: usize = 50;

/// An open region block: its head and where its `{` stands.
struct Open {
    place: PlaceDecl,
    brace: usize,
}

/// Parses one file's text. `source` is the id its spans carry.
pub fn parse_file(source: SourceId, text: &str) -> (File, Vec<Diagnostic>) {
    parse_with(source, text, true)
}

/// [`parse_file`] with every declaration read by the grammar, for the test that the fast path
/// for plain items (`fast.rs`) builds the same trees.
#[doc(hidden)]
pub fn parse_file_by_grammar_only(source: SourceId, text: &str) -> (File, Vec<Diagnostic>) {
    parse_with(source, text, false)
}

fn parse_with(source: SourceId, text: &str, fast_items: bool) -> (File, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let bounded;
    let text = match lex::bound_brackets(text) {
        Some((offset, blanked)) => {
            diagnostics.push(
                Diagnostic::error(
                    codes::TOO_DEEP,
                    format!("brackets nested more than {} deep", lex::MAX_BRACKET_DEPTH),
                    Span::new(source, offset, offset + 1),
                )
                .with_label_here("this bracket is too deep")
                .with_help("split the condition into simpler parts; deeper nesting is refused"),
            );
            bounded = blanked;
            bounded.as_str()
        }
        None => text,
    };
    let mut file = File {
        decls: Vec::new(),
        comments: lex::comments(source, text),
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut pos = 0usize;
    let mut syntax_errors = 0usize;
    // A syntax error on the line of the previous one, with nothing read in between, adds only
    // noise: it is not reported.
    let mut quiet_until_line_end: Option<usize> = None;
    loop {
        if syntax_errors >= MAX_SYNTAX_ERRORS {
            diagnostics.push(
                Diagnostic::warning(codes::SYNTAX, format!("more than {MAX_SYNTAX_ERRORS} syntax errors; the rest of this file is not read"), Span::new(source, pos, pos))
                    .with_help("fix the errors above and check again"),
            );
            break;
        }
        pos = lex::skip_trivia(text, pos);
        let Some(rest) = text.get(pos..).filter(|r| !r.is_empty()) else {
            break;
        };
        let ctx = tree::Ctx { source, base: pos };
        if rest.starts_with('}') {
            match stack.pop() {
                Some(mut open) => {
                    open.place.span = Span::new(source, open.place.span.start as usize, pos + 1);
                    push(&mut stack, &mut file.decls, Decl::Place(open.place));
                }
                None => {
                    syntax_errors += 1;
                    diagnostics.push(
                        Diagnostic::error(
                            codes::UNBALANCED,
                            "this `}` closes no block",
                            Span::new(source, pos, pos + 1),
                        )
                        .with_label_here("no `{` is open here")
                        .with_help("remove it, or check the braces above"),
                    );
                }
            }
            pos += 1;
            continue;
        }
        let head = may_begin_place(rest).then(|| QzParser::parse(Rule::place_head, rest));
        if let Some(Ok(pairs)) = head {
            let Some(pair) = tree::single(pairs) else {
                break;
            };
            let end = pos + pair.as_span().end();
            let place = tree::place_head(ctx, pair);
            let after = lex::skip_trivia(text, end);
            if text.get(after..).is_some_and(|r| r.starts_with('{')) {
                if stack.len() >= lex::MAX_REGION_DEPTH {
                    diagnostics.push(
                        Diagnostic::error(
                            codes::TOO_DEEP,
                            format!("regions nested more than {} deep", lex::MAX_REGION_DEPTH),
                            Span::new(source, after, after + 1),
                        )
                        .with_label_here("this block is too deep"),
                    );
                    pos = lex::recovery_point(text, pos, after, |_| false);
                    continue;
                }
                stack.push(Open {
                    place,
                    brace: after,
                });
                pos = after + 1;
            } else {
                push(&mut stack, &mut file.decls, Decl::Place(place));
                pos = end;
            }
            continue;
        }
        if let Some((decl, len)) = fast_items.then(|| fast::item(source, pos, rest)).flatten() {
            push(&mut stack, &mut file.decls, decl);
            quiet_until_line_end = None;
            pos += len.max(1);
            continue;
        }
        match QzParser::parse(Rule::decl, rest) {
            Ok(pairs) => {
                let Some(pair) = tree::single(pairs) else {
                    break;
                };
                let end = pos + pair.as_span().end();
                if let Some(decl) = tree::decl(ctx, pair) {
                    push(&mut stack, &mut file.decls, decl);
                }
                quiet_until_line_end = None;
                pos = end.max(pos + 1);
            }
            Err(decl_error) => {
                // Report whichever attempt got further: a broken place head reads better as such.
                let (offset, diagnostic) = match head {
                    Some(Err(head_error))
                        if error_offset(&head_error) > error_offset(&decl_error) =>
                    {
                        errors::syntax_diagnostic(source, text, pos, &head_error)
                    }
                    _ => errors::syntax_diagnostic(source, text, pos, &decl_error),
                };
                if quiet_until_line_end.is_none_or(|end| offset > end) {
                    diagnostics.push(diagnostic);
                    syntax_errors += 1;
                }
                quiet_until_line_end = Some(
                    text.get(offset..)
                        .and_then(|r| r.find('\n'))
                        .map_or(text.len(), |i| offset + i),
                );
                let next = lex::recovery_point(text, pos, offset, |at| begins_decl(text, at));
                pos = next.max(pos + 1);
                // Never stop inside a character.
                while !text.is_char_boundary(pos) && pos < text.len() {
                    pos += 1;
                }
            }
        }
    }
    while let Some(open) = stack.pop() {
        diagnostics.push(
            Diagnostic::error(
                codes::UNBALANCED,
                format!("the block of `{}` is never closed", open.place.name.text),
                Span::new(source, open.brace, open.brace + 1),
            )
            .with_label_here("this `{` has no matching `}`")
            .with_help("add a `}` where the region ends"),
        );
        let mut place = open.place;
        place.span = Span::new(source, place.span.start as usize, text.len());
        push(&mut stack, &mut file.decls, Decl::Place(place));
    }
    (file, diagnostics)
}

fn push(stack: &mut [Open], top: &mut Vec<Decl>, decl: Decl) {
    match stack.last_mut() {
        Some(open) => open.place.children.push(decl),
        None => top.push(decl),
    }
}

fn error_offset(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// The words a place head may begin with: `region` and the level keywords (docs/LANGUAGE.md).
const PLACE_WORDS: [&str; 21] = [
    "region",
    "区域",
    "province",
    "省",
    "city",
    "市",
    "county",
    "县",
    "区",
    "township",
    "乡镇",
    "街道",
    "镇",
    "乡",
    "village",
    "村",
    "社区",
    "grid",
    "网格",
    "micro-grid",
    "微网格",
];

/// Whether `rest` may begin a place head, judged by its first characters only.
///
/// A failed pest parse costs time in proportion to the rest of the file (pest's error locates its
/// line by scanning the input from the end), which made parsing quadratic when every
/// declaration was first tried as a place head. The grammar is asked only when a place word
/// could start here; otherwise the head would fail at offset 0, and the declaration's own
/// error is the one reported anyway. A false positive only costs that one attempt.
fn may_begin_place(rest: &str) -> bool {
    PLACE_WORDS.iter().any(|word| rest.starts_with(word))
}

fn begins_decl(text: &str, at: usize) -> bool {
    text.get(at..)
        .is_some_and(|rest| QzParser::parse(Rule::decl_start, rest).is_ok())
}
