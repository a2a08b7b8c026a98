//! Synthetic inputs for benchmarks, deterministic in their size: filers' names with the variants
//! real filings show (for resolution), and a graph of issuers, funds, managers and signatories
//! (for queries, exports and pictures).

mod facts;
mod graph;

pub use facts::facts;
pub use graph::graph;
