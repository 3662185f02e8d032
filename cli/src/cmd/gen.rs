//! `quanze gen --size S|M|L|XL --seed N --out DIR`: write a synthetic province as `.qz` files,
//! the same one the benches compile (deterministic per seed; see `benches/src/gen.rs`).

use anyhow::Context;
use quanze_benches::{text, Province, Size};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// S (3 counties × 10 townships, 20 departments × 50 items), M (11 × 15, 30 × 200),
    /// L (90 × 15, 30 × 200) or XL (2,800 × 14, 30 × 200)
    #[arg(long, value_parser = parse_size)]
    pub size: Size,
    /// The seed: the same seed gives byte-identical files
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The directory to write (created if missing)
    #[arg(long)]
    pub out: PathBuf,
}

fn parse_size(s: &str) -> Result<Size, String> {
    Size::from_name(s).ok_or_else(|| format!("unknown size `{s}`: expected S, M, L or XL"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let province = Province::generate(args.size, args.seed);
    let bytes = text::write(&province, &args.out)
        .with_context(|| format!("cannot write to `{}`", args.out.display()))?;
    println!(
        "wrote {} ({} counties, {} items, {} delegation statements, {:.1} MB)",
        args.out.display(),
        province.counties.len(),
        province.item_count(),
        province.delegation_count(),
        bytes as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
