//! `quanze diff OLD NEW --date D [--json]`: what changed between two rule sets, in answers:
//! handling per (item, township), scenario roles per county, duty lists per unit, each with
//! the declarations responsible on each side. The comparison is `quanze_core::diff`; this
//! file only prints it.

use super::common::{date, load};
use quanze_core::diff::{HandlingSide, RuleSetDiff, ScenarioSide};
use quanze_core::Location;
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The rule set before the change (a directory or one .qz file)
    pub old: PathBuf,
    /// The rule set after the change
    pub new: PathBuf,
    /// The date the answers are compared on (YYYY-MM-DD)
    #[arg(long)]
    pub date: String,
    /// Print `{"date", "counts", "handling", "scenarios", "duties"}` as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let on = date(&args.date)?;
    let old = load(&args.old)?;
    let new = load(&args.new)?;
    let changes = quanze_core::diff::diff(&old, &new, on);
    if args.json {
        let document = serde_json::json!({
            "date": args.date,
            "counts": {
                "handling": changes.handling.len(),
                "scenarios": changes.scenarios.len(),
                "duties": changes.duties.len(),
            },
            "handling": changes.handling,
            "scenarios": changes.scenarios,
            "duties": changes.duties,
        });
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        print!("{}", human(&changes, &args.date));
    }
    Ok(ExitCode::SUCCESS)
}

fn at(side: &str, locations: &[Location]) -> String {
    if locations.is_empty() {
        return String::new();
    }
    let places: Vec<String> = locations
        .iter()
        .map(|l| format!("{}:{}:{}", l.file, l.line, l.column))
        .collect();
    format!("  ({side}: {})", places.join(", "))
}

fn handling(side: Option<&HandlingSide>) -> String {
    match side {
        None => "does not apply".to_owned(),
        Some(h) if h.handler == h.in_name_of => format!("{} {} in its own name", h.handler, h.mode),
        Some(h) => format!("{} {} in the name of {}", h.handler, h.mode, h.in_name_of),
    }
}

fn scenario(side: Option<&ScenarioSide>) -> String {
    match side {
        None => "absent".to_owned(),
        Some(s) => format!(
            "lead {}; assist [{}]; township [{}]",
            s.lead.as_deref().unwrap_or("-"),
            s.assist.join(", "),
            s.township_duties.join(", ")
        ),
    }
}

/// The changes grouped by kind (and handling by item), each group counted.
pub fn human(changes: &RuleSetDiff, on: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "changes on {on}: {} handling, {} scenario, {} duty list",
        changes.handling.len(),
        changes.scenarios.len(),
        changes.duties.len()
    );
    if changes.is_empty() {
        let _ = writeln!(out, "the two rule sets give the same answers");
        return out;
    }
    if !changes.handling.is_empty() {
        let _ = writeln!(out, "\nhandling ({})", changes.handling.len());
        let mut last_item = None;
        for c in &changes.handling {
            if last_item != Some(&c.item) {
                let count = changes.handling.iter().filter(|o| o.item == c.item).count();
                let _ = writeln!(out, "  {} ({count} township{})", c.item, plural(count));
                last_item = Some(&c.item);
            }
            let _ = writeln!(out, "    {}", c.township);
            let old = c.old.as_ref();
            let new = c.new.as_ref();
            let _ = writeln!(
                out,
                "      - {}{}",
                handling(old),
                at("old", old.map_or(&[][..], |h| &h.declarations))
            );
            let _ = writeln!(
                out,
                "      + {}{}",
                handling(new),
                at("new", new.map_or(&[][..], |h| &h.declarations))
            );
        }
    }
    if !changes.scenarios.is_empty() {
        let _ = writeln!(out, "\nscenarios ({})", changes.scenarios.len());
        for c in &changes.scenarios {
            let _ = writeln!(out, "  {} in {}", c.scenario, c.county);
            let old = c.old.as_ref();
            let new = c.new.as_ref();
            let decl = |s: Option<&ScenarioSide>| s.and_then(|s| s.declaration.clone());
            let _ = writeln!(
                out,
                "    - {}{}",
                scenario(old),
                at("old", decl(old).as_slice())
            );
            let _ = writeln!(
                out,
                "    + {}{}",
                scenario(new),
                at("new", decl(new).as_slice())
            );
        }
    }
    if !changes.duties.is_empty() {
        let _ = writeln!(out, "\nduty lists ({})", changes.duties.len());
        for c in &changes.duties {
            let mut decls = Vec::new();
            if let Some(l) = &c.old_declaration {
                decls.push(at("old", std::slice::from_ref(l)));
            }
            if let Some(l) = &c.new_declaration {
                decls.push(at("new", std::slice::from_ref(l)));
            }
            let _ = writeln!(out, "  {}{}", c.unit, decls.concat());
            for line in &c.removed {
                let _ = writeln!(out, "    - {line}");
            }
            for line in &c.added {
                let _ = writeln!(out, "    + {line}");
            }
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
