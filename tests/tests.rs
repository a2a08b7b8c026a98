//! Integration tests: every test runs the `relgraph` binary. One test binary, ripgrep-style, with
//! the shared helpers in `util`.

mod bad_input;
mod browser;
mod cli;
mod corpus;
mod crash;
mod determinism;
mod errors;
mod examples;
mod generated;
mod gold;
mod hostile;
mod output_safety;
mod ownership;
mod queries;
mod render;
mod resolution;
mod seeds;
mod util;
