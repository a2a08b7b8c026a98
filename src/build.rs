//! `relgraph build`: every stage in order for each input file, then resolution and the graph over
//! everything the store holds. A bad file is reported and skipped; the build goes on.

use crate::detect::{detect, Family};
use crate::extract::read_facts;
use crate::graph::{self, GraphWarning, RelGraph};
use crate::load::{collect_inputs, hash_bytes, load_hashed, read_file, Encoding, Limits};
use crate::model::{EdgeKind, NodeKind};
use crate::resolve::resolve;
use crate::store::{Known, Seen, Stat, Store, StoreError, StoredRow};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
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

/// What became of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Read { form: String },
    Skipped { form: String, reason: String },
    Failed { reason: String },
}

#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub outcome: Outcome,
    pub encoding: Option<Encoding>,
}

/// The build's summary: per file, and the graph as it now stands.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: Vec<FileReport>,
    pub nodes_by_kind: BTreeMap<&'static str, usize>,
    pub edges_by_kind: BTreeMap<&'static str, usize>,
    /// Warnings of the filings read in this build, by path and line.
    pub warnings: Vec<GraphWarning>,
    /// Files whose bytes the store held already: not read again.
    pub reused: usize,
    /// Filings removed from the store by `prune`.
    pub pruned: usize,
    /// Seconds spent in each phase, in order.
    pub timings: Vec<(&'static str, f64)>,
}

/// Times consecutive phases into a list.
pub(crate) struct Clock<'a> {
    at: std::time::Instant,
    into: &'a mut Vec<(&'static str, f64)>,
}

impl<'a> Clock<'a> {
    pub(crate) fn start(into: &'a mut Vec<(&'static str, f64)>) -> Clock<'a> {
        Clock {
            at: std::time::Instant::now(),
            into,
        }
    }

    pub(crate) fn lap(&mut self, phase: &'static str) {
        self.into.push((phase, self.at.elapsed().as_secs_f64()));
        self.at = std::time::Instant::now();
        if std::env::var_os("RELGRAPH_MEMORY_TRACE").is_some() {
            eprintln!("memory after {phase}: {:?} MB peak", peak_rss_mb());
        }
    }
}

/// The process's peak resident memory so far, in MB (Linux; `None` elsewhere).
pub fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

impl Summary {
    pub fn read_by_form(&self) -> BTreeMap<String, usize> {
        self.count(|o| match o {
            Outcome::Read { form } => Some(form.clone()),
            _ => None,
        })
    }

    pub fn skipped_by_form(&self) -> BTreeMap<String, usize> {
        self.count(|o| match o {
            Outcome::Skipped { form, .. } => Some(form.clone()),
            _ => None,
        })
    }

    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Failed { .. }))
            .count()
    }

    fn count(&self, key: impl Fn(&Outcome) -> Option<String>) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for f in &self.files {
            if let Some(k) = key(&f.outcome) {
                *m.entry(k).or_insert(0) += 1;
            }
        }
        m
    }
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
    let known = store.known_filings()?;
    let seen = store.seen_files()?;
    let mut keep: HashSet<String> = HashSet::new();
    let mut read_paths = Vec::new();
    // the files stored by this build, and those of them read
    let mut new_hashes: HashSet<String> = HashSet::new();
    let mut new_read: Vec<String> = Vec::new();
    let mut done = 0;
    // Rows are written on a thread of their own while the next chunk is read: the store's
    // single writer would otherwise leave the cores idle between chunks.
    let (to_writer, chunks) = std::sync::mpsc::sync_channel::<Chunk>(2);
    std::thread::scope(|scope| -> Result<(), StoreError> {
        let store = &mut *store;
        let writer = scope.spawn(move || -> Result<(), StoreError> {
            for (rows, records) in chunks {
                store.put_filings(&rows)?;
                store.put_seen(&records)?;
            }
            Ok(())
        });
        for chunk in files.chunks(CHUNK) {
            // extraction in parallel; the results come back in input order, so the store and
            // the report are the same whatever the thread count
            let results: Vec<(Processed, Option<(String, Seen)>)> = chunk
                .par_iter()
                .map(|p| process(p, &known, &seen, &cfg.limits))
                .collect();
            let mut rows = Vec::new();
            let mut records = Vec::new();
            for (r, record) in results {
                records.extend(record);
                match r {
                    Processed::New(row, report) => {
                        if let Some(row) = row {
                            keep.insert(row.hash.clone());
                            new_hashes.insert(row.hash.clone());
                            if row.facts_json.is_some() {
                                read_paths.push(row.path.clone());
                                new_read.push(row.hash.clone());
                            }
                            rows.push(row);
                        }
                        summary.files.push(report);
                    }
                    Processed::Known(hash, report) => {
                        keep.insert(hash.clone());
                        if matches!(report.outcome, Outcome::Read { .. }) {
                            read_paths.push(known[&hash].path.clone());
                        }
                        summary.reused += 1;
                        summary.files.push(report);
                    }
                }
                done += 1;
            }
            if to_writer.send((rows, records)).is_err() {
                break; // the writer stopped on an error, returned below
            }
            if let Some(last) = chunk.last() {
                progress(done, files.len(), &last.display().to_string());
            }
        }
        drop(to_writer);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    if cfg.prune {
        summary.pruned = store.prune(&keep)?;
    }
    summary.timings.push((
        "read, extract, store filings",
        started.elapsed().as_secs_f64(),
    ));
    let read_paths: HashSet<String> = read_paths.into_iter().collect();
    // The graph is a function of the stored filings, the overrides and this program: when none
    // changed since it was computed (a build with nothing new), it stands as stored.
    let settings = graph_settings(&cfg.overrides);
    // the digest of all stored filings, and of those stored before this build
    let (digest, before) = match &settings {
        Some(settings) => {
            let (all, before) = store.inputs_digests(settings, &new_hashes)?;
            (Some(all), Some(before))
        }
        None => (None, None),
    };
    let stored = store.graph_inputs()?;
    if digest.is_some() && digest == stored {
        let at = std::time::Instant::now();
        summary_from_store(store, &read_paths, &mut summary)?;
        let took = at.elapsed().as_secs_f64();
        summary
            .timings
            .push(("graph already computed from these inputs", took));
        return Ok(summary);
    }
    store.set_graph_inputs(None)?;
    // When the stored graph was computed from exactly the filings stored before this build (same
    // program, same overrides, nothing removed or moved), the new filings update it in place.
    if stored.is_some() && before == stored {
        let at = std::time::Instant::now();
        let new_read: BTreeSet<String> = new_read.into_iter().collect();
        // One transaction: an update refused half way leaves nothing written. A bug in the update
        // must not cost the build either: it is undone, and everything computed in full.
        let timings = &mut summary.timings;
        let update = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store.in_snapshot(
                |s| crate::incremental::update(s, &new_read, &cfg.overrides, timings),
                Result::is_ok,
            )
        }))
        .unwrap_or(Ok(Err(
            "internal error in the update in place (please report it); computed in full",
        )))?;
        match update {
            Ok(()) => {
                store.set_graph_inputs(digest.as_deref())?;
                summary_from_store(store, &read_paths, &mut summary)?;
                let took = at.elapsed().as_secs_f64();
                summary
                    .timings
                    .push(("update the graph in place, in all", took));
                return Ok(summary);
            }
            Err(why) => summary.timings.push((why, at.elapsed().as_secs_f64())),
        }
    }
    let g = compute_graph(cfg, store, &mut summary.timings)?;
    if let Some(d) = &digest {
        store.set_graph_inputs(Some(d))?;
    }
    tally(&g, &mut summary);
    summary.warnings = g
        .warnings
        .iter()
        .filter(|w| read_paths.contains(&w.path))
        .cloned()
        .collect();
    sort_warnings(&mut summary.warnings);
    // Freeing a large graph takes seconds the caller need not wait for.
    std::thread::spawn(move || drop(g));
    Ok(summary)
}

/// Resolution and the graph over everything the store holds, written to the store.
fn compute_graph(
    cfg: &BuildConfig,
    store: &mut Store,
    timings: &mut Vec<(&'static str, f64)>,
) -> Result<RelGraph, StoreError> {
    let mut clock = Clock::start(timings);
    // Two passes over the stored facts, so they are never all in memory: the names first (all
    // that resolution needs), then each filing's statements into the graph.
    let (names, hashes) = store.read_names()?;
    let filings: Vec<(String, String)> = names
        .iter()
        .zip(hashes)
        .map(|(f, h)| (f.filing.clone(), h))
        .collect();
    clock.lap("load stored names");
    let resolution = resolve(&names, &cfg.overrides);
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
    let g = graph::assemble(gathered, resolution.entities);
    clock.lap("build graph");
    store.put_graph(&g)?;
    // an orphan (a name no party stands behind) is a look-up an incremental build cannot redo
    store.put_by_key(&by_key, orphans == 0)?;
    clock.lap("write graph");
    Ok(g)
}

/// What besides the stored filings the graph depends on: the program that computes it (its
/// executable's size and time, which change with every rebuild of it) and the overrides. None
/// when the executable cannot be looked at: then the graph is always computed.
fn graph_settings(overrides: &crate::resolve::Overrides) -> Option<String> {
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

/// The summary's graph figures and warnings as the store holds them.
fn summary_from_store(
    store: &Store,
    read_paths: &HashSet<String>,
    s: &mut Summary,
) -> Result<(), StoreError> {
    let (nodes, edges) = store.kind_counts()?;
    for k in NodeKind::ALL {
        let n = nodes.get(k.as_str()).copied().unwrap_or(0);
        s.nodes_by_kind.insert(k.as_str(), n);
    }
    for k in EdgeKind::ALL {
        let n = edges.get(k.as_str()).copied().unwrap_or(0);
        s.edges_by_kind.insert(k.as_str(), n);
    }
    s.warnings = store
        .warnings()?
        .into_iter()
        .filter(|w| read_paths.contains(&w.path))
        .collect();
    sort_warnings(&mut s.warnings);
    Ok(())
}

fn sort_warnings(warnings: &mut [GraphWarning]) {
    warnings.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
}

/// What became of one input file: read now (the row to store, if any, and the line to report),
/// or already in the store under its hash.
enum Processed {
    New(Option<StoredRow>, FileReport),
    Known(String, FileReport),
}

/// A chunk's rows for the writer: new filings, and the metadata of files just hashed.
type Chunk = (Vec<StoredRow>, Vec<(String, Seen)>);

/// Files are read, extracted and written in chunks of this many: enough to keep every core busy
/// and the writer fed, few enough that facts in flight take little memory.
const CHUNK: usize = 256;

/// Load, detect and extract one file, unless its bytes are in the store already.
fn process(
    path: &std::path::Path,
    known: &HashMap<String, Known>,
    seen: &HashMap<String, Seen>,
    limits: &Limits,
) -> (Processed, Option<(String, Seen)>) {
    let shown = path.display().to_string();
    let failed = |reason: String| failed_file(&shown, reason);
    // a file as it was when its bytes were hashed has those bytes: not read again
    let stat = std::fs::metadata(path).ok().and_then(|m| Stat::of(&m));
    if let (Some(now), Some(before)) = (&stat, seen.get(&shown)) {
        if before.stat == *now {
            if let Some(k) = known_under(known, &before.hash, &shown) {
                return (known_file(before.hash.clone(), shown, k), None);
            }
        }
    }
    let bytes = match read_file(path, limits.file_bytes) {
        Ok(b) => b,
        Err(e) => return (failed(e.to_string()), None),
    };
    let hash = hash_bytes(&bytes);
    let record = stat.filter(Stat::settled).map(|stat| {
        (
            shown.clone(),
            Seen {
                stat,
                hash: hash.clone(),
            },
        )
    });
    if let Some(k) = known_under(known, &hash, &shown) {
        return (known_file(hash, shown, k), record);
    }
    (read_new(shown, bytes, hash, limits), record)
}

/// The stored filing with these bytes, unless it is stored under a larger path than `shown`: a
/// filing with no accession number is named by its path, in its facts too, so the copy under the
/// smallest path is the one read and kept, whatever order the copies come in.
fn known_under<'k>(
    known: &'k HashMap<String, Known>,
    hash: &str,
    shown: &str,
) -> Option<&'k Known> {
    known.get(hash).filter(|k| k.path.as_str() <= shown)
}

/// The report of a file that could not be read.
fn failed_file(shown: &str, reason: String) -> Processed {
    let report = FileReport {
        path: shown.to_string(),
        outcome: Outcome::Failed { reason },
        encoding: None,
    };
    Processed::New(None, report)
}

/// The report of a file whose bytes the store holds.
fn known_file(hash: String, shown: String, k: &Known) -> Processed {
    let outcome = match k.status.as_str() {
        "read" => Outcome::Read {
            form: k.form.clone(),
        },
        "skipped" => Outcome::Skipped {
            form: k.form.clone(),
            reason: k.reason.clone().unwrap_or_default(),
        },
        _ => Outcome::Failed {
            reason: k.reason.clone().unwrap_or_default(),
        },
    };
    let report = FileReport {
        path: shown,
        outcome,
        encoding: None,
    };
    Processed::Known(hash, report)
}

/// Load, detect and extract a file the store does not hold.
fn read_new(shown: String, bytes: Vec<u8>, hash: String, limits: &Limits) -> Processed {
    let failed = |reason: String| failed_file(&shown, reason);
    // a bug anywhere in loading, detecting or extracting costs this file, not the build
    let name = shown.as_str();
    let read = std::panic::catch_unwind(move || {
        let doc = load_hashed(name, &bytes, hash).map_err(|e| e.to_string())?;
        drop(bytes); // the document holds the text: the bytes' memory is free for extraction
        limits.check_lines(&doc).map_err(|e| e.to_string())?;
        let form = detect(&doc);
        let facts = match form.family {
            Family::Other => None,
            _ => Some(
                read_facts(&doc, &form)
                    .map_err(|e| e.to_string())
                    .and_then(|f| within_limits(f, limits)),
            ),
        };
        Ok::<_, String>((doc.hash.clone(), doc.encoding, form, facts))
    });
    let (hash, encoding, form, facts) = match read {
        Ok(Ok(read)) => read,
        Ok(Err(reason)) => return failed(reason),
        Err(panic) => {
            let reason = format!(
                "internal error while reading this file: {}; please report it",
                panic_message(&panic)
            );
            return failed(reason);
        }
    };
    let encoding = Some(encoding);
    let (outcome, facts) = match facts {
        None => (
            Outcome::Skipped {
                form: form.label.clone(),
                reason: format!("{} is not a form relgraph reads yet", form.label),
            },
            None,
        ),
        Some(Ok(facts)) => (
            Outcome::Read {
                form: form.label.clone(),
            },
            Some(facts),
        ),
        Some(Err(reason)) => (Outcome::Failed { reason }, None),
    };
    let (status, reason) = match &outcome {
        Outcome::Read { .. } => ("read", None),
        Outcome::Skipped { reason, .. } => ("skipped", Some(reason.clone())),
        Outcome::Failed { reason } => ("failed", Some(reason.clone())),
    };
    let row = StoredRow {
        hash,
        path: shown.clone(),
        form: form.label,
        status: status.into(),
        reason,
        facts_json: facts.as_ref().and_then(|f| serde_json::to_string(f).ok()),
        names_json: facts
            .as_ref()
            .and_then(|f| serde_json::to_string(&NamesOf(f)).ok()),
    };
    Processed::New(
        Some(row),
        FileReport {
            path: shown,
            outcome,
            encoding,
        },
    )
}

/// Refuses facts naming more parties than the limit: a file of thousands of names is not a
/// filing, and would cost resolution more than every real filing together.
fn within_limits(
    facts: crate::model::Facts,
    limits: &Limits,
) -> Result<crate::model::Facts, String> {
    match facts.parties.len() > limits.parties {
        true => Err(format!(
            "names {} parties, more than the limit of {} for one filing; raise it with --max-names",
            facts.parties.len(),
            limits.parties
        )),
        false => Ok(facts),
    }
}

/// A filing's [`crate::store::StoredNames`], serialised from its facts without copying them.
struct NamesOf<'a>(&'a crate::model::Facts);

impl serde::Serialize for NamesOf<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("StoredNames", 3)?;
        st.serialize_field("filing", &self.0.filing)?;
        st.serialize_field("form", &self.0.form)?;
        st.serialize_field("parties", &self.0.parties)?;
        st.end()
    }
}

/// A bug in an extractor must not end the build: the file is reported as failed instead.
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "unknown panic".to_string())
}

fn tally(g: &RelGraph, s: &mut Summary) {
    for k in NodeKind::ALL {
        s.nodes_by_kind
            .insert(k.as_str(), g.nodes().filter(|n| n.kind == k).count());
    }
    for k in EdgeKind::ALL {
        s.edges_by_kind
            .insert(k.as_str(), g.edges().filter(|e| e.kind() == k).count());
    }
}
