//! relgraph reads SEC ownership filings and builds a graph of who holds, manages, signs for and sits
//! on the board of whom, with the evidence for every fact.
//!
//! The pipeline is a chain of pure stages over plain data (see `docs/architecture.md`):
//! [`load`] bytes into a [`load::Document`], [`detect`] its form, [`extract`] per-filing
//! [`model::Facts`], [`resolve`] names into entities, assemble the [`graph::RelGraph`], and keep it in
//! the [`store`]. [`export`] and the query side read the store and never re-parse.

pub mod build;
pub mod cli;
pub mod detect;
pub mod error;
pub mod export;
pub mod extract;
pub mod generate;
pub mod graph;
pub mod html;
pub mod incremental;
pub mod load;
pub mod model;
pub mod names;
pub mod query;
pub mod render;
pub mod resolve;
pub mod sanitize;
pub mod store;
pub mod text;
