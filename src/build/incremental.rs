//! An incremental build: new filings change a few components of the resolution (see
//! `resolve::state`) and the edges of a few filings; only those are computed again, and the result
//! is what a full build of all the filings gives.
//!
//! 1. The components new filings reach: those of the keys they mention, of the CIKs, IRS numbers
//!    and conformed names they carry, of override pairs naming a new key, of names a *changed*
//!    key (a new one, or an old one whose first mention is now a new filing spelt otherwise) can
//!    join, and of every name in a block of candidates whose size crosses the cap (its pairs
//!    start or stop being compared).
//! 2. Those components are resolved again, alone, from their mentions in all filings.
//! 3. The filings whose look-ups now find another entity, and the new filings, have their edges
//!    made again: what they gave with the old look-ups is taken out of the stored edges, what they
//!    give now is put in.
//!
//! Anything this cannot redo exactly sends the build back to the full computation: a removed or
//! renamed filing, other overrides or another program (the digest check in `build`), a stored
//! name no party stands behind, a new file with the number and path of a stored one. New filings
//! that reach a third of the stored names are cheaper to compute in full (`worth_updating`).
//!
//! Step 1 is `reach.rs`; this file runs the update, steps 2 and 3.

use super::clock::Clock;
use super::reach::{Known, Reach};
use super::read::Inputs;
use super::summary::{self, Summary};
use crate::graph::{self, Builder, EdgeKey, EdgeMap};
use crate::model::{Evidence, Facts};
use crate::names::norm_key;
use crate::resolve::compare::NameInfo;
use crate::resolve::state::{KeyState, LookupRow};
use crate::resolve::{self, NearMiss, Overrides, Resolution};
use crate::store::{EdgeUpdate, Store, StoreError, Update};
use std::collections::{BTreeSet, HashMap, HashSet};

pub use super::reach::Refusal;

/// Tries the update in place for the filings this build read; when it is made, records the
/// graph's `digest` and fills the summary from the store. False when it was refused or failed a
/// bug: then nothing it wrote is left, and the reason is among the timings.
pub(super) fn attempt(
    store: &mut Store,
    overrides: &Overrides,
    inputs: &Inputs,
    digest: Option<&str>,
    summary: &mut Summary,
) -> Result<bool, StoreError> {
    let at = std::time::Instant::now();
    // One transaction: an update refused half way leaves nothing written. A bug in the update
    // must not cost the build either: it is undone, and everything computed in full.
    let timings = &mut summary.timings;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        store.in_snapshot(
            |s| update(s, &inputs.new_read, overrides, timings),
            Result::is_ok,
        )
    }))
    .unwrap_or(Ok(Err(
        "internal error in the update in place (please report it); computed in full",
    )))?;
    match outcome {
        Ok(()) => {
            store.set_graph_inputs(digest)?;
            summary::from_store(store, &inputs.read_paths, summary)?;
            let took = at.elapsed().as_secs_f64();
            summary
                .timings
                .push(("update the graph in place, in all", took));
            Ok(true)
        }
        Err(why) => {
            summary.timings.push((why, at.elapsed().as_secs_f64()));
            Ok(false)
        }
    }
}

/// Updates the stored resolution and graph for the filings `new` (hashes just stored). `Ok(Err)`
/// when it cannot; the caller runs it in one transaction (`Store::in_snapshot`) and then undoes
/// whatever it wrote.
pub fn update(
    store: &mut Store,
    new: &BTreeSet<String>,
    overrides: &Overrides,
    timings: &mut Vec<(&'static str, f64)>,
) -> Result<Result<(), Refusal>, StoreError> {
    let mut clock = Clock::start(timings);
    if !store.state_complete()? {
        return Ok(Err("the stored resolution is not complete"));
    }
    let new_files = store.facts_of(new)?;
    if new_files.is_empty() {
        return Ok(Ok(()));
    }
    let new_rows: Vec<(String, String)> = new_files
        .iter()
        .map(|(h, f)| (f.filing.clone(), h.clone()))
        .collect();
    let new_facts: Vec<Facts> = new_files.into_iter().map(|(_, f)| f).collect();
    clock.lap("update: new facts");
    let known = Known::load(store)?;
    clock.lap("update: load the state");
    let reach = match Reach::of(store, &known, &new_facts, overrides)? {
        Ok(r) => r,
        Err(why) => return Ok(Err(why)),
    };
    clock.lap("update: reach");
    if !worth_updating(&reach, &known) {
        return Ok(Err("the new filings reach a third of the stored names"));
    }
    let (old_rows, mut mini) = resolve_reached(store, &known, &reach, new, overrides, &mut clock)?;
    if mini.state.keys.len() != reach.keys.len() {
        return Ok(Err("the stored look-ups do not cover the components"));
    }
    let redo = Redo::of(store, &known, &reach, &old_rows, &mini, &new_facts)?;
    trace(&known, &reach, &redo, new_facts.len());
    clock.lap("update: filings to redo");
    let rows = rows_of(store, &known, &reach, &old_rows, &mut mini, new_rows)?;
    clock.lap("update: the components' rows");
    let edges = write_rows(store, &rows, &redo, &known, &reach, &mini, &new_facts)?;
    clock.lap("update: write the components' rows while redoing the edges");
    let edges = match edges {
        Ok(e) => e,
        Err(why) => return Ok(Err(why)),
    };
    store.apply_edges(&edges)?;
    clock.lap("update: write the edges");
    Ok(Ok(()))
}

/// The components' look-ups in every filing, and the components resolved again, alone, from
/// their mentions in every filing (the new ones included), in resolution order.
fn resolve_reached(
    store: &Store,
    known: &Known,
    reach: &Reach,
    new: &BTreeSet<String>,
    overrides: &Overrides,
    clock: &mut Clock<'_>,
) -> Result<(Vec<LookupRow>, Resolution), StoreError> {
    let old_rows = store.lookups_in(&reach.comps)?;
    clock.lap("update: the components' look-ups");
    let old_filings: BTreeSet<String> = old_rows.iter().map(|l| l.filing.clone()).collect();
    let mut hashes = store.hashes_of(&old_filings)?;
    hashes.extend(new.iter().cloned());
    clock.lap("update: their files");
    let names: Vec<Facts> = store
        .names_of(&hashes)?
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    clock.lap("update: read the components' filings");
    let pairs_of = |keys: &[&String], infos: &[NameInfo]| reach.pairs(keys, infos, known);
    let mini = resolve::resolve_in(&names, overrides, Some(&reach.keys), &pairs_of);
    drop(names);
    clock.lap("update: resolve the components");
    Ok((old_rows, mini))
}

/// What an update reached, on standard error when `RELGRAPH_INCREMENTAL_TRACE` is set.
fn trace(known: &Known, reach: &Reach, redo: &Redo, new_files: usize) {
    if std::env::var_os("RELGRAPH_INCREMENTAL_TRACE").is_none() {
        return;
    }
    let described = reach.changed.keys().filter(|k| known.keys.contains_key(*k));
    eprintln!(
        "incremental: {} new file(s) reach {} of {} keys ({} component(s)); {} key(s) new, {} described anew; {} filing(s) redone",
        new_files,
        reach.keys.len(),
        known.keys.len(),
        reach.comps.len(),
        reach.changed.len() - described.clone().count(),
        described.count(),
        redo.filings.len()
    );
}

/// The rows that replace those of the components resolved again; the explanation and the state
/// are taken out of `mini`. `new_rows` are the new files' (filing, hash).
fn rows_of(
    store: &Store,
    known: &Known,
    reach: &Reach,
    old_rows: &[LookupRow],
    mini: &mut Resolution,
    new_rows: Vec<(String, String)>,
) -> Result<Update, StoreError> {
    let mut old_entities: BTreeSet<String> = old_rows.iter().map(|l| l.entity.clone()).collect();
    old_entities.extend(
        reach
            .keys
            .iter()
            .filter_map(|k| known.keys.get(k))
            .map(|k| k.entity.clone()),
    );
    let mut nodes: Vec<graph::Node> = mini.entities.iter().cloned().map(graph::node).collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    nodes.dedup_by(|a, b| a.id == b.id);
    let near_misses = near_misses(store, known, reach, mini, &old_entities)?;
    Ok(Update {
        old_comps: reach.comps.clone(),
        old_entities,
        nodes,
        near_misses,
        spellings: std::mem::take(&mut mini.spellings),
        merges: std::mem::take(&mut mini.merges),
        state: std::mem::take(&mut mini.state),
        filings: new_rows,
    })
}

/// Writes the components' rows while the edges of the filings to redo are made again, on a second,
/// read-only connection, which sees the store as it was (this one's writes are not committed).
fn write_rows(
    store: &mut Store,
    rows: &Update,
    redo: &Redo,
    known: &Known,
    reach: &Reach,
    mini: &Resolution,
    new_facts: &[Facts],
) -> Result<Result<EdgeUpdate, Refusal>, StoreError> {
    let path = store.path().to_string();
    let (edges, written) = std::thread::scope(|scope| {
        let edges = scope.spawn(|| {
            let reader = Store::open_existing(std::path::Path::new(&path))?;
            redo.edges(&reader, known, reach, mini, new_facts)
        });
        let written = store.apply_update(rows);
        let edges = edges
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (edges, written)
    });
    written?;
    edges
}

/// Whether updating in place is cheaper than computing whole. What the update saves is the stored
/// names it need not resolve again; what it costs beyond a whole build grows with the stored
/// names it does reach (their components' filings read again, their old rows and edges taken
/// out). New names cost the same either way, so they are not counted: a batch of filings about
/// new issuers and holders touches little that is stored, however many names it brings.
/// Measured on 20,000 generated filings (docs/performance.md): reaching 68% of the stored names,
/// the update took 5.2 s and the whole build 4.3 s; at the +1% of bench/incremental.sh it takes
/// a tenth of the whole. Below 3,000 reached names both take well under a second.
fn worth_updating(reach: &Reach, known: &Known) -> bool {
    let stored_reached = reach
        .keys
        .iter()
        .filter(|k| known.keys.contains_key(*k))
        .count();
    stored_reached * 3 <= known.keys.len().max(3000)
}

/// The near-misses of the components resolved again: those within them, as resolved now; those
/// with a name outside, carried over with the entity their side has now; and those of new names
/// with old ones outside.
fn near_misses(
    store: &Store,
    known: &Known,
    reach: &Reach,
    mini: &Resolution,
    old_entities: &BTreeSet<String>,
) -> Result<Vec<NearMiss>, StoreError> {
    let now: HashMap<&str, &KeyState> = mini
        .state
        .keys
        .iter()
        .map(|k| (k.key.as_str(), k))
        .collect();
    let mut out = mini.near_misses.clone();
    for mut n in store.near_misses_of(old_entities)? {
        let (a, b) = (norm_key(&n.a), norm_key(&n.b));
        // a changed key's near-misses are all made again (its pairs were compared again)
        if reach.changed.contains_key(&a) || reach.changed.contains_key(&b) {
            continue;
        }
        match (now.get(a.as_str()), now.get(b.as_str())) {
            (Some(k), None) => n.a_entity = k.first_entity.clone(),
            (None, Some(k)) => n.b_entity = k.first_entity.clone(),
            _ => continue, // within the components: resolved again above
        }
        out.push(n);
    }
    let side = |key: &str| -> Option<(String, String)> {
        match now.get(key) {
            Some(k) => Some((k.name.clone(), k.first_entity.clone())),
            None => known
                .keys
                .get(key)
                .map(|k| (k.name.clone(), k.first_entity.clone())),
        }
    };
    for (a, b, reason, score) in &reach.near {
        if reach.keys.contains(a) && reach.keys.contains(b) {
            continue;
        }
        if let (Some((a, a_entity)), Some((b, b_entity))) = (side(a), side(b)) {
            out.push(NearMiss {
                a,
                a_entity,
                b,
                b_entity,
                reason: reason.clone(),
                score: *score,
            });
        }
    }
    // a near-miss taken out twice (its two sides' entities both changed) comes back once
    resolve::sort_near_misses(&mut out);
    Ok(out)
}

/// The filings whose edges are made again: those whose look-ups now find another entity, and
/// the new ones.
struct Redo {
    filings: BTreeSet<String>,
}

impl Redo {
    fn of(
        store: &Store,
        known: &Known,
        reach: &Reach,
        old_rows: &[LookupRow],
        mini: &Resolution,
        new_facts: &[Facts],
    ) -> Result<Redo, StoreError> {
        let old: HashMap<(&str, &str), &str> = old_rows
            .iter()
            .map(|l| ((l.filing.as_str(), l.key.as_str()), l.entity.as_str()))
            .collect();
        let new: HashMap<(&str, &str), &str> = mini
            .in_filing_lookups()
            .map(|(f, k, e)| ((f, k), e))
            .collect();
        let mut filings: BTreeSet<String> = new_facts.iter().map(|f| f.filing.clone()).collect();
        for (fk, e) in &old {
            if new.get(fk) != Some(e) {
                filings.insert(fk.0.to_string());
            }
        }
        for (fk, e) in &new {
            if old.get(fk) != Some(e) {
                filings.insert(fk.0.to_string());
            }
        }
        for key in &reach.keys {
            if let Some(k) = known.keys.get(key) {
                if mini.by_key_id(key) != Some(k.entity.as_str()) {
                    filings.extend(store.by_key_users(key)?);
                }
            }
        }
        Ok(Redo { filings })
    }

    /// The edges of the filings to redo: taken out as the old look-ups made them, put in as the
    /// new ones do.
    fn edges(
        &self,
        store: &Store,
        known: &Known,
        reach: &Reach,
        mini: &Resolution,
        new_facts: &[Facts],
    ) -> Result<Result<EdgeUpdate, Refusal>, StoreError> {
        let (old_view, new_view) = self.views(store, known, reach, mini)?;
        // the stored files of the filings to redo (new ones included, as a new file may share
        // its filing's number with an old one)
        let old_hashes = store.hashes_of(&self.filings)?;
        let old_facts: Vec<Facts> = store
            .facts_of(&old_hashes)?
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        // what they gave before and what they give now, on two cores
        let (before, after) = rayon::join(
            || {
                let mut before = Builder::new(&old_view);
                for f in &old_facts {
                    before.add(f.clone());
                }
                before.into_gathered()
            },
            || {
                let mut after = Builder::new(&new_view);
                for f in old_facts.iter().chain(new_facts) {
                    after.add(f.clone());
                }
                after.into_gathered()
            },
        );
        if !before.orphans.is_empty() || !after.orphans.is_empty() {
            return Ok(Err("a name no party stands behind"));
        }
        let mut by_key = after.by_key.clone();
        by_key.sort_unstable();
        by_key.dedup();
        let mut update = EdgeUpdate {
            redone_filings: self.filings.clone(),
            by_key,
            ..EdgeUpdate::default()
        };
        let (taken, _) = before.into_parts();
        let (given, warnings) = after.into_parts();
        let merged = merge_edges(store, taken, given)?;
        (update.new_edges, update.changed_edges, update.gone_edges) = merged;
        update.warnings = warnings;
        Ok(Ok(update))
    }

    /// The look-ups of the filings to redo, before (as stored) and now (the stored ones outside
    /// the components, the components' from `mini`).
    fn views(
        &self,
        store: &Store,
        known: &Known,
        reach: &Reach,
        mini: &Resolution,
    ) -> Result<(Resolution, Resolution), StoreError> {
        let stored_rows = store.lookups_of(&self.filings)?;
        let by_key_old: Vec<(String, String)> = known
            .keys
            .values()
            .map(|k| (k.key.clone(), k.entity.clone()))
            .collect();
        let old_view = Resolution::from_lookups(
            stored_rows
                .iter()
                .map(|l| (l.filing.clone(), l.key.clone(), l.entity.clone()))
                .collect(),
            by_key_old.clone(),
        );
        // the new look-ups: the stored ones outside the components, the components' from `mini`
        let mut in_filing: Vec<(String, String, String)> = stored_rows
            .iter()
            .filter(|l| !reach.comps.contains(&l.comp))
            .map(|l| (l.filing.clone(), l.key.clone(), l.entity.clone()))
            .collect();
        in_filing.extend(
            mini.in_filing_lookups()
                .filter(|(f, _, _)| self.filings.contains(*f))
                .map(|(f, k, e)| (f.to_string(), k.to_string(), e.to_string())),
        );
        let mut by_key: HashMap<String, String> = by_key_old.into_iter().collect();
        for k in &reach.keys {
            if let Some(id) = mini.by_key_id(k) {
                by_key.insert(k.clone(), id.to_string());
            }
        }
        let new_view = Resolution::from_lookups(in_filing, by_key.into_iter().collect());
        Ok((old_view, new_view))
    }
}

/// The stored edges with the old contributions taken out and the new ones put in: the edges new
/// to the store, the stored ones that changed, and those left with no evidence.
type Merged = (Vec<graph::Edge>, Vec<graph::Edge>, Vec<graph::Edge>);

fn merge_edges(store: &Store, taken: EdgeMap, given: EdgeMap) -> Result<Merged, StoreError> {
    let keys: BTreeSet<EdgeKey> = taken.keys().chain(given.keys()).cloned().collect();
    let keys: Vec<EdgeKey> = keys.into_iter().collect();
    let stored: HashMap<EdgeKey, Vec<Evidence>> = store
        .edges_with_keys(&keys)?
        .into_iter()
        .map(|e| (graph::edge_key(&e), e.evidence))
        .collect();
    let (mut new, mut changed, mut gone) = (Vec::new(), Vec::new(), Vec::new());
    for key in keys {
        let out: HashSet<&Evidence> = taken.get(&key).into_iter().flatten().collect();
        let mut evidence: Vec<Evidence> = stored
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|e| !out.contains(e))
            .cloned()
            .collect();
        evidence.extend(given.get(&key).into_iter().flatten().cloned());
        let edge = graph::edge(key.clone(), evidence);
        match stored.get(&key) {
            None if edge.evidence.is_empty() => {}
            None => new.push(edge),
            Some(_) if edge.evidence.is_empty() => gone.push(edge),
            Some(before) if *before == edge.evidence => {}
            Some(_) => changed.push(edge),
        }
    }
    Ok((new, changed, gone))
}
