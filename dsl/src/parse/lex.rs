//! Lexical passes the grammar does not do: skipping trivia between declarations, collecting
//! comments for the formatter, bounding bracket depth, and scanning for braces during recovery.

use crate::ast::Comment;
use quanze_core::{SourceId, Span};

/// Deepest nesting of `(` and `[` the language accepts. Deeper text is refused with a
/// diagnostic before the parser sees it, so the parser never recurses without bound.
pub const MAX_BRACKET_DEPTH: usize = 64;

/// Deepest nesting of region blocks.
pub const MAX_REGION_DEPTH: usize = 32;

/// Skips whitespace and comments from `pos`; returns the first offset that is neither.
pub fn skip_trivia(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = text.get(pos..).unwrap_or("");
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        pos += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            pos += trimmed.find('\n').unwrap_or(trimmed.len());
        } else if let Some(body) = trimmed.strip_prefix("/*") {
            pos += 2 + body.find("*/").map_or(body.len(), |end| end + 2);
        } else {
            return pos;
        }
    }
}

/// A scanner over code, strings and comments that reports each code character.
pub fn code_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut chars = text.char_indices().peekable();
    let mut in_string = false;
    std::iter::from_fn(move || loop {
        let (i, c) = chars.next()?;
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                for (_, n) in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(_, n)| *n == '*') => {
                chars.next();
                let mut star = false;
                for (_, n) in chars.by_ref() {
                    if star && n == '/' {
                        break;
                    }
                    star = n == '*';
                }
            }
            _ => return Some((i, c)),
        }
    })
}

/// Collects every comment with its span.
pub fn comments(source: SourceId, text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut in_string = false;
    while let Some((i, c)) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        let next_is = |chars: &mut std::iter::Peekable<std::str::CharIndices>, want: char| {
            chars.peek().is_some_and(|(_, n)| *n == want)
        };
        if c == '"' {
            in_string = true;
        } else if c == '/' && next_is(&mut chars, '/') {
            let end = text
                .get(i..)
                .and_then(|r| r.find('\n'))
                .map_or(text.len(), |e| i + e);
            out.push(Comment {
                text: text.get(i..end).unwrap_or("").to_owned(),
                span: Span::new(source, i, end),
            });
            while chars.peek().is_some_and(|(j, _)| *j < end) {
                chars.next();
            }
        } else if c == '/' && next_is(&mut chars, '*') {
            let end = text
                .get(i + 2..)
                .and_then(|r| r.find("*/"))
                .map_or(text.len(), |e| i + 2 + e + 2);
            out.push(Comment {
                text: text.get(i..end).unwrap_or("").to_owned(),
                span: Span::new(source, i, end),
            });
            while chars.peek().is_some_and(|(j, _)| *j < end) {
                chars.next();
            }
        }
    }
    out
}

/// Finds the first `(` or `[` nested deeper than [`MAX_BRACKET_DEPTH`]. Returns its offset and a
/// copy of the text where every bracket beyond the limit is blanked to a space, so offsets stay
/// the same and the parser's recursion stays bounded.
pub fn bound_brackets(text: &str) -> Option<(usize, String)> {
    let mut depth = 0usize;
    let mut first = None;
    let mut blank = Vec::new();
    for (i, c) in code_chars(text) {
        match c {
            '(' | '[' => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    first.get_or_insert(i);
                    blank.push(i);
                }
            }
            ')' | ']' => {
                if depth > MAX_BRACKET_DEPTH {
                    blank.push(i);
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    let first = first?;
    let mut bytes = text.as_bytes().to_vec();
    for i in blank {
        // Brackets are ASCII, one byte each: blanking keeps the text valid UTF-8.
        if let Some(b) = bytes.get_mut(i) {
            *b = b' ';
        }
    }
    Some((first, String::from_utf8(bytes).unwrap_or_default()))
}

/// After a syntax error in the declaration starting at `start`, finds where to resume: the first
/// line after `error` whose first word can begin a declaration, with the braces opened by the
/// broken declaration closed again, or a `}` that closes an enclosing block.
pub fn recovery_point(
    text: &str,
    start: usize,
    error: usize,
    begins_decl: impl Fn(usize) -> bool,
) -> usize {
    if error <= start {
        // Nothing of a declaration was read: skip this word only, so a stray `；` does not take the
        // rest of the line (and its `}`) with it. Linear: every call moves past one word.
        let rest = text.get(start..).unwrap_or("");
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let word = rest
            .get(first..)
            .and_then(|r| r.find(|c: char| c.is_whitespace() || c == '}'))
            .map_or(rest.len(), |i| i + first);
        return start + word;
    }
    let mut depth = 0usize;
    let mut line_start_pending = false;
    for (i, c) in code_chars(text.get(start..).unwrap_or("")) {
        let at = start + i;
        if c == '\n' {
            line_start_pending = true;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let fresh_line = std::mem::take(&mut line_start_pending);
        match c {
            '{' => depth += 1,
            // A `}` with no `{` of this declaration open closes an enclosing block: resume there
            // (after the error, or just past it when it stands before the error).
            '}' if depth == 0 => return if at > error { at } else { at + 1 },
            '}' => {
                depth -= 1;
                if depth == 0 && at >= error {
                    return at + 1;
                }
            }
            _ if fresh_line && depth == 0 && at > error && begins_decl(at) => return at,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trivia_and_comments() {
        let text = "  // a\n /* b */ item";
        assert_eq!(skip_trivia(text, 0), text.len() - 4);
        let found = comments(SourceId(0), "x \"//not\" // yes\n/* two */");
        let texts: Vec<_> = found.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["// yes", "/* two */"]);
    }

    #[test]
    fn brackets_beyond_the_limit_are_blanked() {
        let text = format!("when {}", "(".repeat(100_000));
        let (first, bounded) = bound_brackets(&text).unwrap();
        assert_eq!(first, 5 + MAX_BRACKET_DEPTH);
        assert_eq!(bounded.len(), text.len());
        assert_eq!(bounded.matches('(').count(), MAX_BRACKET_DEPTH);
        assert!(bound_brackets("when (a == b)").is_none());
    }
}
