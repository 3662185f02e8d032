//! Pictures of a rule set as plain graphs (nodes, edges, colours) written as Graphviz DOT or
//! Mermaid: a scenario's workflow chart, a unit's responsibilities, a county's delegation
//! edges, a proof tree. Building a picture is pure; drawing it (SVG, PNG) is the caller's.
//!
//! Colours say the mode everywhere: grant green, entrust blue, statutory purple, own grey,
//! territorial and cooperation orange. Labels keep Chinese text as is; renderers need a CJK
//! font, named by [`FONT_FAMILY`].

mod county;
mod proof;
mod scenario;
mod unit;

pub use county::county;
pub use proof::proof;
pub use scenario::scenario;
pub use unit::unit;

use crate::answer::HandleMode;
use std::fmt::Write;

/// The font list written into pictures: the first CJK font the renderer has wins.
pub const FONT_FAMILY: &str =
    "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif";

/// Which way the graph flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    TopDown,
    LeftRight,
}

/// A node's outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Box,
    Rounded,
    Ellipse,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    /// Lines of the label.
    pub label: Vec<String>,
    pub shape: Shape,
    pub fill: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    pub color: &'static str,
    pub dashed: bool,
}

/// A picture: nodes and edges in the order they were added (output is deterministic).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    pub title: String,
    pub direction: Direction,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The colour of a handling mode.
pub fn mode_color(mode: HandleMode) -> &'static str {
    match mode {
        HandleMode::Grant => GRANT,
        HandleMode::Entrust => ENTRUST,
        HandleMode::Statutory => STATUTORY,
        HandleMode::Own | HandleMode::Reserved => OWN,
        HandleMode::Territorial => TERRITORIAL,
    }
}

pub const GRANT: &str = "#2e7d32";
pub const ENTRUST: &str = "#1565c0";
pub const STATUTORY: &str = "#6a1b9a";
pub const OWN: &str = "#616161";
pub const TERRITORIAL: &str = "#ef6c00";
/// Node fills: departments, townships, items, steps, headers.
pub const FILL_DEPARTMENT: &str = "#e3f2fd";
pub const FILL_TOWNSHIP: &str = "#e8f5e9";
pub const FILL_ITEM: &str = "#fafafa";
pub const FILL_LEAD: &str = "#fff3e0";
pub const FILL_HEADER: &str = "#fffde7";

impl Picture {
    pub fn new(title: impl Into<String>, direction: Direction) -> Picture {
        Picture {
            title: title.into(),
            direction,
            nodes: Vec::new(),
            edges: Vec::new(),
        }
    }

    /// Adds a node unless one with this id exists; returns the id.
    pub fn node(
        &mut self,
        id: &str,
        label: Vec<String>,
        shape: Shape,
        fill: &'static str,
    ) -> String {
        if !self.nodes.iter().any(|n| n.id == id) {
            self.nodes.push(Node {
                id: id.to_owned(),
                label,
                shape,
                fill,
            });
        }
        id.to_owned()
    }

    pub fn edge(
        &mut self,
        from: &str,
        to: &str,
        label: Option<String>,
        color: &'static str,
        dashed: bool,
    ) {
        self.edges.push(Edge {
            from: from.to_owned(),
            to: to.to_owned(),
            label,
            color,
            dashed,
        });
    }

    /// Graphviz DOT. Attributes are written on each node and edge (no defaults block), so
    /// small DOT readers such as `layout-rs` read them too.
    pub fn to_dot(&self) -> String {
        let mut out = format!("digraph {} {{\n", dot_string(&self.title));
        let rankdir = match self.direction {
            Direction::TopDown => "TB",
            Direction::LeftRight => "LR",
        };
        let _ = writeln!(out, "  rankdir={rankdir};");
        for n in &self.nodes {
            let (shape, style) = match n.shape {
                Shape::Box => ("box", "filled"),
                Shape::Rounded => ("box", "rounded,filled"),
                Shape::Ellipse => ("ellipse", "filled"),
            };
            let _ = writeln!(
                out,
                "  {} [label={}, shape={shape}, style=\"{style}\", fillcolor=\"{}\", fontname=\"{FONT_FAMILY}\"];",
                n.id,
                dot_string(&n.label.join("\n")),
                n.fill
            );
        }
        for e in &self.edges {
            let mut attrs = vec![format!("color=\"{}\"", e.color)];
            if let Some(label) = &e.label {
                attrs.push(format!("label={}", dot_string(label)));
                attrs.push(format!("fontcolor=\"{}\"", e.color));
            }
            if e.dashed {
                attrs.push("style=\"dashed\"".to_owned());
            }
            let _ = writeln!(out, "  {} -> {} [{}];", e.from, e.to, attrs.join(", "));
        }
        out.push_str("}\n");
        out
    }

    /// Mermaid `flowchart` source.
    pub fn to_mermaid(&self) -> String {
        let direction = match self.direction {
            Direction::TopDown => "TD",
            Direction::LeftRight => "LR",
        };
        let mut out = format!("---\ntitle: {}\n---\nflowchart {direction}\n", self.title);
        for n in &self.nodes {
            let label = mermaid_text(&n.label.join("<br/>"));
            let shaped = match n.shape {
                Shape::Box => format!("[\"{label}\"]"),
                Shape::Rounded => format!("(\"{label}\")"),
                Shape::Ellipse => format!("([\"{label}\"])"),
            };
            let _ = writeln!(out, "  {}{shaped}", n.id);
        }
        for e in &self.edges {
            let arrow = if e.dashed { "-.->" } else { "-->" };
            match &e.label {
                Some(label) => {
                    let _ = writeln!(
                        out,
                        "  {} {arrow}|\"{}\"| {}",
                        e.from,
                        mermaid_text(label),
                        e.to
                    );
                }
                None => {
                    let _ = writeln!(out, "  {} {arrow} {}", e.from, e.to);
                }
            }
        }
        for n in &self.nodes {
            let _ = writeln!(out, "  style {} fill:{}", n.id, n.fill);
        }
        for (i, e) in self.edges.iter().enumerate() {
            let _ = writeln!(out, "  linkStyle {i} stroke:{},color:{}", e.color, e.color);
        }
        out
    }
}

/// A DOT quoted string.
fn dot_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

/// Mermaid label text: quotes become entities.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "#quot;")
}
