//! `export`: the stored graph as JSON (the contract in docs/json.md) or Graphviz DOT.

pub mod dot;
pub mod json;
pub mod select;

/// Output formats of `relgraph export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Dot,
}

/// Renders the graph in the given format; JSON also lists the filings behind it.
/// What the JSON export says beyond the graph: the filings read and the resolution's reasons.
pub struct Context<'a> {
    pub filings: &'a [crate::store::FilingRow],
    pub merges: &'a [crate::resolve::Merge],
    pub near_misses: &'a [crate::resolve::NearMiss],
}

pub fn render(g: &crate::graph::RelGraph, context: &Context, format: Format) -> String {
    match format {
        Format::Json => json::to_json(g, context),
        Format::Dot => dot::to_dot(g),
    }
}
