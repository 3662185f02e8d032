//! What every query command shares: loading a rule set, reading dates and names, and printing
//! an answer as text, as text with its proof, or as JSON.

use anyhow::{anyhow, bail, Context};
use quanze_core::proof::{self, Proof};
use quanze_core::{Date, RuleSet};
use serde::Serialize;
use serde_json::Value;
use std::path::Path;
use std::process::ExitCode;

/// Output options of the query commands.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct Output {
    /// Print `{"answer": …, "named": …, "proof": …}` as JSON
    #[arg(long)]
    pub json: bool,
    /// Print the proof as indented text after the answer
    #[arg(long)]
    pub proof: bool,
}

impl Output {
    pub fn wants_proof(&self) -> bool {
        self.json || self.proof
    }
}

/// A failure the user caused: printed as `error: …`, exit status 1.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// Compiles the rule set at `path`, or reads a compiled snapshot (`.qzc`); on errors prints
/// them and refuses.
pub fn load(path: &Path) -> anyhow::Result<RuleSet> {
    if path.extension().is_some_and(|e| e == "qzc") {
        let bytes = std::fs::read(path).with_context(|| format!("reading `{}`", path.display()))?;
        return RuleSet::from_bytes(&bytes)
            .map_err(|e| Refused(format!("`{}`: {e}", path.display())).into());
    }
    let compiled = quanze_dsl::compile_path(path);
    match compiled.rules {
        Some(rules) => Ok(rules),
        None => {
            let errors = compiled.errors();
            eprint!(
                "{}",
                quanze_dsl::render::human(&errors, &compiled.sources, false)
            );
            Err(Refused(format!(
                "`{}` has {} error(s); run `quanze check` for details",
                path.display(),
                errors.len()
            ))
            .into())
        }
    }
}

pub fn date(text: &str) -> anyhow::Result<Date> {
    quanze_core::request::parse_date(text)
        .ok_or_else(|| Refused(format!("`{text}` is not a valid date; write YYYY-MM-DD")).into())
}

/// Turns a lookup or query failure into a refusal with its message.
pub fn refuse<E: std::fmt::Display>(error: E) -> anyhow::Error {
    Refused(error.to_string()).into()
}

/// Prints an answer in the chosen form. `named` is the answer's named view.
pub fn print<A: Serialize>(
    rules: &RuleSet,
    output: Output,
    title: &str,
    answer: &A,
    named: Value,
    proof: Option<&Proof>,
) -> anyhow::Result<ExitCode> {
    if output.json {
        let document = quanze_core::request::document(answer, named, proof)?;
        println!("{}", serde_json::to_string_pretty(&document)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{title}");
    let mut text = String::new();
    write_value(&mut text, &named, 1);
    print!("{text}");
    if let (true, Some(proof)) = (output.proof, proof) {
        println!("\nproof:");
        print!("{}", proof::render_text(rules, proof));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a JSON value as indented `key: value` lines, skipping nulls and empty lists.
fn write_value(out: &mut String, value: &Value, depth: usize) {
    let pad = "  ".repeat(depth);
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match v {
                    Value::Null => {}
                    Value::Array(items) if items.is_empty() => {}
                    Value::Array(items)
                        if items.iter().all(|i| !i.is_object() && !i.is_array()) =>
                    {
                        let joined: Vec<String> = items.iter().map(scalar).collect();
                        out.push_str(&format!("{pad}{key}: {}\n", joined.join(", ")));
                    }
                    Value::Object(_) | Value::Array(_) => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        write_value(out, v, depth + 1);
                    }
                    _ => out.push_str(&format!("{pad}{key}: {}\n", scalar(v))),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if item.is_object() || item.is_array() {
                    out.push_str(&format!("{pad}- [{}]\n", i + 1));
                    write_value(out, item, depth + 1);
                } else {
                    out.push_str(&format!("{pad}- {}\n", scalar(item)));
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "-".to_owned(),
        other => other.to_string(),
    }
}

/// Reads `k=v` facts.
pub fn facts(pairs: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    pairs
        .iter()
        .map(|p| {
            let (k, v) = p.split_once('=').ok_or_else(|| {
                anyhow!(Refused(format!("`{p}` is not a fact; write NAME=VALUE")))
            })?;
            if k.trim().is_empty() || v.trim().is_empty() {
                bail!(Refused(format!("`{p}` is not a fact; write NAME=VALUE")));
            }
            Ok((k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect::<anyhow::Result<Vec<_>>>()
        .context("reading --fact")
}
