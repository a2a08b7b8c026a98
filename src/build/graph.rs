//! Resolution and the graph over everything the store holds. The graph is a function of the
//! stored filings, the overrides and the program, so a build records a digest of them with it: a
//! build that finds the digest unchanged keeps the stored graph; one that finds the digest of the
//! filings stored before it tries the update in place (`incremental.rs`); any other computes the
//! graph in full.

use super::clock::Clock;
use super::incremental;
use super::read::Inputs;
use super::summary::{self, Summary};
use crate::graph::{self, RelGraph};
use crate::resolve::{resolve, Overrides, Resolution};
use crate::store::{Store, StoreError};
use std::collections::HashSet;

/// Brings the stored graph up to date with the stored filings, and fills the summary's graph
/// figures and the warnings of the inputs read.
pub(super) fn bring_up_to_date(
    store: &mut Store,
    overrides: &Overrides,
    inputs: &Inputs,
    summary: &mut Summary,
) -> Result<(), StoreError> {
    // The graph is a function of the stored filings, the overrides and this program: when none
    // changed since it was computed (a build with nothing new), it stands as stored.
    let (digest, before) = digests(store, overrides, &inputs.new_hashes)?;
    let stored = store.graph_inputs()?;
    if digest.is_some() && digest == stored {
        let at = std::time::Instant::now();
        summary::from_store(store, &inputs.read_paths, summary)?;
        let took = at.elapsed().as_secs_f64();
        summary
            .timings
            .push(("graph already computed from these inputs", took));
        return Ok(());
    }
    store.set_graph_inputs(None)?;
    // When the stored graph was computed from exactly the filings stored before this build (same
    // program, same overrides, nothing removed or moved), the new filings update it in place.
    if stored.is_some()
        && before == stored
        && incremental::attempt(store, overrides, inputs, digest.as_deref(), summary)?
    {
        return Ok(());
    }
    let g = compute_graph(store, overrides, &mut summary.timings)?;
    if let Some(d) = &digest {
        store.set_graph_inputs(Some(d))?;
    }
    summary::from_graph(&g, &inputs.read_paths, summary);
    // Freeing a large graph takes seconds the caller need not wait for.
    std::thread::spawn(move || drop(g));
    Ok(())
}

/// The digest of all stored filings, and of those stored before this build (all but `new`); none
/// when the program cannot be looked at (then the graph is always computed).
fn digests(
    store: &Store,
    overrides: &Overrides,
    new: &HashSet<String>,
) -> Result<(Option<String>, Option<String>), StoreError> {
    let Some(settings) = graph_settings(overrides) else {
        return Ok((None, None));
    };
    let (all, before) = store.inputs_digests(&settings, new)?;
    Ok((Some(all), Some(before)))
}

/// What besides the stored filings the graph depends on: the program that computes it (its
/// executable's size and time, which change with every rebuild of it) and the overrides. None
/// when the executable cannot be looked at: then the graph is always computed.
fn graph_settings(overrides: &Overrides) -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {} {}\n{overrides:?}",
        exe.display(),
        meta.len(),
        modified.as_nanos(),
        env!("CARGO_PKG_VERSION")
    ))
}

/// Resolution and the graph over everything the store holds, written to the store.
fn compute_graph(
    store: &mut Store,
    overrides: &Overrides,
    timings: &mut Vec<(&'static str, f64)>,
) -> Result<RelGraph, StoreError> {
    let mut clock = Clock::start(timings);
    let resolution = resolve_stored(store, overrides, &mut clock)?;
    let Assembled {
        graph,
        by_key,
        orphans,
    } = assemble(store, resolution)?;
    clock.lap("build graph");
    store.put_graph(&graph)?;
    // an orphan (a name no party stands behind) is a look-up an incremental build cannot redo
    store.put_by_key(&by_key, orphans == 0)?;
    clock.lap("write graph");
    Ok(graph)
}

/// Resolves the names of every stored filing, and stores the resolution's explanation and state.
/// What is returned holds only what the graph needs: the entities and the look-ups.
fn resolve_stored(
    store: &mut Store,
    overrides: &Overrides,
    clock: &mut Clock,
) -> Result<Resolution, StoreError> {
    // Two passes over the stored facts, so they are never all in memory: the names first (all
    // that resolution needs), then each filing's statements into the graph.
    let (names, hashes) = store.read_names()?;
    let filings: Vec<(String, String)> = names
        .iter()
        .zip(hashes)
        .map(|(f, h)| (f.filing.clone(), h))
        .collect();
    clock.lap("load stored names");
    let resolution = resolve(&names, overrides);
    drop(names);
    clock.lap("resolve names");
    store.put_resolution(&resolution)?;
    // the explanation and the state are stored; the graph needs only the entities and the look-up
    let mut resolution = resolution;
    resolution.spellings = Vec::new();
    resolution.merges = Vec::new();
    resolution.near_misses = Vec::new();
    let state = std::mem::take(&mut resolution.state);
    store.put_state(&state, &filings)?;
    drop((state, filings));
    clock.lap("store the resolution");
    Ok(resolution)
}

/// The graph of every stored filing's facts, and what an incremental build needs of its making.
struct Assembled {
    graph: RelGraph,
    /// The (filing, key) look-ups the graph made by key.
    by_key: Vec<(String, String)>,
    /// How many names no party stands behind it met.
    orphans: usize,
}

/// The graph of every stored filing's facts: the second pass, one builder per worker.
fn assemble(store: &Store, resolution: Resolution) -> Result<Assembled, StoreError> {
    let builders = (0..rayon::current_num_threads())
        .map(|_| graph::Builder::new(&resolution))
        .collect();
    let builders = store.scatter_facts(builders, |builder, f| {
        builder.add(f);
        Ok(())
    })?;
    let mut gathered: Vec<graph::Gathered> =
        builders.into_iter().map(|b| b.into_gathered()).collect();
    let mut by_key: Vec<(String, String)> = Vec::new();
    let mut orphans = 0;
    for g in &mut gathered {
        by_key.append(&mut g.by_key);
        orphans += g.orphans.len();
    }
    by_key.sort_unstable();
    by_key.dedup();
    Ok(Assembled {
        graph: graph::assemble(gathered, resolution.entities),
        by_key,
        orphans,
    })
}
