//! `quanze graph PATH --format dot|mermaid|svg` with one of `--scenario ID`, `--unit U`,
//! `--county C` or `--proof FILE`: pictures of a rule set. The pictures themselves are built
//! in `quanze_core::picture`; SVG is drawn here from the DOT text by `layout-rs` (pure Rust, no
//! system Graphviz), with the font list swapped for one that has Chinese glyphs.

use super::common::{date, load, refuse, Refused};
use clap::ValueEnum;
use quanze_core::picture::{self, Picture, FONT_FAMILY};
use quanze_core::proof::Proof;
use quanze_core::RuleSet;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["scenario", "unit", "county", "proof"])))]
pub struct Args {
    /// A rule-set directory (every .qz file under it) or one .qz file
    pub path: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// A scenario's workflow chart: steps, actors, time limits, lead and collaborators
    #[arg(long)]
    pub scenario: Option<String>,
    /// A unit's responsibilities and the delegations that reach it (needs --date)
    #[arg(long)]
    pub unit: Option<String>,
    /// A county's departments, townships and delegation edges by mode (needs --date)
    #[arg(long)]
    pub county: Option<String>,
    /// The proof tree of a `--json` answer file
    #[arg(long)]
    pub proof: Option<PathBuf>,
    /// The date for --unit and --county (YYYY-MM-DD)
    #[arg(long)]
    pub date: Option<String>,
    /// Write to this file instead of standard output
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT
    Dot,
    /// Mermaid flowchart
    Mermaid,
    /// SVG drawn without a system Graphviz
    Svg,
}

fn needs_date(args: &Args) -> anyhow::Result<quanze_core::Date> {
    let text = args
        .date
        .as_deref()
        .ok_or_else(|| Refused("this picture needs --date YYYY-MM-DD".to_owned()))?;
    date(text)
}

fn picture(rules: &RuleSet, args: &Args) -> anyhow::Result<Picture> {
    if let Some(id) = &args.scenario {
        let id = rules.lookup_scenario(id).map_err(refuse)?;
        return picture::scenario(rules, id).ok_or_else(|| refuse("unknown scenario"));
    }
    if let Some(name) = &args.unit {
        let unit = rules.lookup_unit(name).map_err(refuse)?;
        return picture::unit(rules, unit, needs_date(args)?).map_err(refuse);
    }
    if let Some(name) = &args.county {
        let county = rules.lookup_place(name).map_err(refuse)?;
        return Ok(picture::county(rules, county, needs_date(args)?));
    }
    let file = args
        .proof
        .as_ref()
        .ok_or_else(|| refuse("name what to draw: --scenario, --unit, --county or --proof"))?;
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("cannot read `{}`: {e}", file.display()))?;
    let document: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| refuse(format!("`{}` is not JSON: {e}", file.display())))?;
    // A `--json` answer holds the proof under "proof"; a bare proof is accepted too.
    let value = document.get("proof").cloned().unwrap_or(document);
    let proof: Proof = serde_json::from_value(value)
        .map_err(|e| refuse(format!("`{}` holds no proof: {e}", file.display())))?;
    Ok(picture::proof(rules, &proof))
}

/// SVG from DOT, laid out by `layout-rs`; labels use [`FONT_FAMILY`].
pub fn svg(dot: &str) -> anyhow::Result<String> {
    let mut parser = layout::gv::DotParser::new(dot);
    let graph = parser
        .process()
        .map_err(|e| anyhow::anyhow!("cannot lay out the picture: {e}"))?;
    let mut builder = layout::gv::GraphBuilder::new();
    builder.visit_graph(&graph);
    let mut visual = builder.get();
    let mut writer = layout::backends::svg::SVGWriter::new();
    visual.do_it(false, false, false, &mut writer);
    Ok(writer.finalize().replace(
        "font-family: Times, serif;",
        &format!("font-family: {FONT_FAMILY};"),
    ))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = load(&args.path)?;
    let picture = picture(&rules, &args)?;
    let text = match args.format {
        GraphFormat::Dot => picture.to_dot(),
        GraphFormat::Mermaid => picture.to_mermaid(),
        GraphFormat::Svg => svg(&picture.to_dot())?,
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| anyhow::anyhow!("cannot write `{}`: {e}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
