//! The check registry: stable, unique codes and names, and a complete documentation block in
//! every check's file.

use super::*;

#[test]
fn codes_and_names_are_unique_and_in_order() {
    let all: Vec<&Check> = checks().collect();
    assert_eq!(all.len(), 23);
    for pair in all.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "{} before {}",
            pair[0].code,
            pair[1].code
        );
    }
    let mut names: Vec<&str> = all.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len());
    assert!(check("Q0310").is_some_and(|c| c.name == "conflicting-delegations"));
}

#[test]
fn every_check_documents_itself_in_four_sections() {
    for c in checks() {
        let doc = c.doc();
        assert!(
            doc.starts_with(&format!("{} `{}`: ", c.code, c.name)),
            "{}: the block opens with its code and name",
            c.code
        );
        for title in ["What it does", "Why it matters", "Example", "Fix"] {
            let section = c.section(title).unwrap_or_default();
            assert!(
                !section.is_empty(),
                "{}: section `{title}` is missing",
                c.code
            );
        }
    }
}
