//! Synthetic inputs for relgraph's tests, examples and benchmarks, kept out of the library its
//! users see: [`generate`] writes realistic filings about a fictional world with the truth they
//! state (and scores a build against it); [`synthetic`] makes names for resolution and a graph for
//! queries, exports and pictures at any size.

pub mod generate;
pub mod synthetic;
