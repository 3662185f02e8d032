//! Spans of the syntax tree: every declaration ends at its last token, never on the comments
//! and blank lines after it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "tests fail loudly on purpose"
)]

use super::parse_file;
use crate::ast::{Decl, ExpectSyntax};
use quanze_core::{SourceId, Span};

/// One declaration of every kind, each followed by a comment and a blank line.
const EVERY_DECLARATION: &str = r#"
region 江北区 county
// after a place head

township 慈城镇 class 一般 tags [镇队合一]
// after a place with attributes

department 住建局 at 慈城镇
// after a department

unit 慈城镇执法队 kind enforcement-team of 慈城镇
// after a unit

route 慈城镇 行政处罚 to 慈城镇执法队
// after a route

item X1 "x" { list power holder 住建局 }
// after an item

territorial T1 "t" { primary 住建局 township [发现, 报告] }
// after a territorial item

grant X1 to 慈城镇 since 2024-01-01 basis "d"
// after a grant

entrust X1 from 住建局 to 慈城镇 since 2024-01-01 until 2025-01-01 instrument "委托书"
/* after an entrustment */

revoke X1 from 慈城镇 since 2025-01-01
// after a revocation

topic 建筑垃圾 { fact 环节: 运输 | 消纳 }
// after a topic

scenario S1 on 建筑垃圾 { when 环节 == 运输 lead 住建局 flow 发现(网格员) -> 处置 2h }
// after a scenario

ladder 分级 { level 小 closes village level 大 closes department }
// after a ladder

accept at 慈城镇 items all from 江北区
// after an acceptance

office-limit 一般 6, 较大 7
// after an office limit

approved-duties [发现, 报告]
// after approved duties

test "t" { who X1 at 慈城镇 on 2024-05-01 expect handler 慈城镇 }
// after a test
"#;

fn text_of(span: Span) -> &'static str {
    &EVERY_DECLARATION[span.start as usize..span.end as usize]
}

fn span_of(decl: &Decl) -> Span {
    match decl {
        Decl::Place(d) => d.span,
        Decl::Unit(d) => d.span,
        Decl::Route(d) => d.span,
        Decl::Item(d) => d.span,
        Decl::Delegation(d) => d.span,
        Decl::Topic(d) => d.span,
        Decl::Scenario(d) => d.span,
        Decl::Ladder(d) => d.span,
        Decl::Accept(d) => d.span,
        Decl::Org(
            crate::ast::OrgDecl::OfficeLimit { span, .. }
            | crate::ast::OrgDecl::ApprovedDuties { span, .. }
            | crate::ast::OrgDecl::RequiredOffices { span, .. },
        ) => *span,
        Decl::Test(d) => d.span,
    }
}

#[test]
fn every_declaration_ends_at_its_last_token() {
    let (file, diagnostics) = parse_file(SourceId(0), EVERY_DECLARATION);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(file.decls.len(), 17);
    let ends = [
        "county",
        "[镇队合一]",
        "at 慈城镇",
        "of 慈城镇",
        "to 慈城镇执法队",
        "holder 住建局 }",
        "[发现, 报告] }",
        "basis \"d\"",
        "instrument \"委托书\"",
        "since 2025-01-01",
        "运输 | 消纳 }",
        "处置 2h }",
        "closes department }",
        "from 江北区",
        "较大 7",
        "[发现, 报告]",
        "handler 慈城镇 }",
    ];
    let spans: Vec<Span> = file.decls.iter().map(span_of).collect();
    for (span, end) in spans.iter().zip(ends) {
        let text = text_of(*span);
        assert!(text.ends_with(end), "`{text}` does not end with `{end}`");
        assert!(!text.contains("after"), "`{text}` swallows a comment");
    }
}

#[test]
fn clauses_steps_and_queries_end_at_their_last_token() {
    let (file, _) = parse_file(SourceId(0), EVERY_DECLARATION);
    for decl in &file.decls {
        match decl {
            Decl::Scenario(s) => {
                let steps: Vec<&str> = s.flow.iter().map(|st| text_of(st.span)).collect();
                assert_eq!(steps, ["发现(网格员)", "处置 2h"]);
            }
            Decl::Ladder(l) => {
                let levels: Vec<&str> = l.levels.iter().map(|lv| text_of(lv.span)).collect();
                assert_eq!(
                    levels,
                    ["level 小 closes village", "level 大 closes department"]
                );
            }
            Decl::Test(t) => {
                assert_eq!(text_of(t.query.span), "who X1 at 慈城镇 on 2024-05-01");
                let ExpectSyntax::Word { span, .. } = &t.expects[0] else {
                    panic!("{:?}", t.expects)
                };
                assert_eq!(text_of(*span), "expect handler 慈城镇");
            }
            _ => {}
        }
    }
}
