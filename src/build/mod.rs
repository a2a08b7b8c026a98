//! `relgraph build`: every stage in order for each input file, then resolution and the graph over
//! everything the store holds. A bad file is reported and skipped; the build goes on.
//!
//! - `read.rs`: the input files read into the store, in chunks, on every core.
//! - `graph.rs`: the graph kept (the digest check), or computed in full.
//! - `incremental.rs`: the graph updated in place for new filings; `reach.rs`: what they reach.
//! - `summary.rs`: what the build reports; `clock.rs`: the time of each phase.

mod clock;
mod graph;
pub mod incremental;
mod reach;
mod read;
mod summary;

pub use clock::peak_rss_mb;
pub use summary::{FileReport, Outcome, Summary};

use crate::load::collect_inputs;
use crate::store::{Store, StoreError};
use std::path::PathBuf;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub inputs: Vec<PathBuf>,
    pub db: PathBuf,
    /// Empty the store first instead of adding to it.
    pub fresh: bool,
    /// Remove from the store every filing that is not among this build's inputs.
    pub prune: bool,
    /// Pairs of names the user declares the same or different entities.
    pub overrides: crate::resolve::Overrides,
    /// Wait for another build of the same store to end, instead of failing at once.
    pub wait: bool,
    /// What one input file may cost.
    pub limits: crate::load::Limits,
}

/// Runs a build. `progress` is told (done, total, path) after each file.
///
/// The build is one transaction of the store: until it ends, queries see the store as the last
/// build left it, and a build that fails or is killed at any moment leaves exactly that.
pub fn build(
    cfg: &BuildConfig,
    progress: &dyn Fn(usize, usize, &str),
) -> Result<Summary, StoreError> {
    let mut store = Store::open_for_build(&cfg.db, cfg.fresh, cfg.wait)?;
    let summary = build_into(&mut store, cfg, progress)?;
    store.commit()?;
    Ok(summary)
}

/// The build inside its transaction: the inputs read into the store, the filings not among them
/// removed (`--prune`), then the graph brought up to date.
fn build_into(
    store: &mut Store,
    cfg: &BuildConfig,
    progress: &dyn Fn(usize, usize, &str),
) -> Result<Summary, StoreError> {
    let (files, walk_errors) = collect_inputs(&cfg.inputs);
    let mut summary = Summary::default();
    for (path, err) in walk_errors {
        summary.files.push(FileReport {
            path: path.display().to_string(),
            outcome: Outcome::Failed { reason: err },
            encoding: None,
        });
    }
    let started = std::time::Instant::now();
    let inputs = read::read_files(store, &files, &cfg.limits, progress, &mut summary)?;
    if cfg.prune {
        summary.pruned = store.prune(&inputs.keep)?;
    }
    summary.timings.push((
        "read, extract, store filings",
        started.elapsed().as_secs_f64(),
    ));
    graph::bring_up_to_date(store, &cfg.overrides, &inputs, &mut summary)?;
    Ok(summary)
}
