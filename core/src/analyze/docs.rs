//! docs/CHECKS.md, assembled from the documentation block that opens each check's file.

use super::checks;

/// The leading `//!` lines of a source file, without their markers.
pub(super) fn doc_block(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//!") else {
            break;
        };
        out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        out.push('\n');
    }
    out
}

/// The body of the `## title` section of a documentation block, trimmed.
pub(super) fn section(doc: &str, title: &str) -> Option<String> {
    let heading = format!("## {title}");
    let mut lines = doc.lines().skip_while(|l| l.trim() != heading);
    lines.next()?;
    let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).collect();
    Some(body.join("\n").trim().to_owned())
}

/// The whole of docs/CHECKS.md.
pub fn checks_markdown() -> String {
    let mut out = String::from(
        "# Checks\n\n\
         <!-- Generated from the documentation block of each file in core/src/analyze/ by \
         `UPDATE_CHECKS=1 cargo test -p quanze-core --test checks_doc`. Do not edit by hand. -->\n\n\
         `quanze check` runs these after the rule set compiles (the rule language's own codes, \
         Q00xx–Q02xx, are in LANGUAGE.md). Errors make the exit status 1; warnings alone do \
         not. Each finding has a stable code, a primary span, labelled secondary spans, a help \
         line and, for semantic findings, a witness: the township, date or fact combination \
         that shows the problem.\n\n\
         | code | name | severity | summary |\n|---|---|---|---|\n",
    );
    for c in checks() {
        out.push_str(&format!(
            "| [{}](#{}) | `{}` | {} | {} |\n",
            c.code,
            c.code.to_lowercase(),
            c.name,
            c.severity.as_str(),
            c.summary
        ));
    }
    for c in checks() {
        out.push_str(&format!(
            "\n## {}\n\n`{}` · {} · {}\n\n",
            c.code,
            c.name,
            c.severity.as_str(),
            c.summary
        ));
        // The block's first paragraph names the module; the sections follow it.
        let doc = c.doc();
        let body = doc
            .find("## ")
            .and_then(|i| doc.get(i..))
            .unwrap_or(doc.as_str());
        out.push_str(&body.replace("## ", "### "));
    }
    out
}
