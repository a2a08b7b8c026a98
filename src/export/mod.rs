//! `export`: the stored graph as JSON (the contract in docs/json.md) or Graphviz DOT.

pub mod dot;
pub mod json;

/// Output formats of `relgraph export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Dot,
}

/// Renders the graph in the given format; JSON also lists the filings behind it.
pub fn render(
    g: &crate::graph::RelGraph,
    filings: &[crate::store::FilingRow],
    format: Format,
) -> String {
    match format {
        Format::Json => json::to_json(g, filings),
        Format::Dot => dot::to_dot(g),
    }
}
