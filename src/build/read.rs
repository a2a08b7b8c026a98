//! The input files, read into the store: in sorted order, in chunks of [`CHUNK`]. Within a chunk,
//! files are hashed, loaded and extracted on every core, and the results come back in input
//! order; a writer thread of its own writes the chunk's rows while the next chunk is extracted.
//! A file the store holds is not read again, and not even opened when its metadata is that
//! recorded when it was hashed. Each file is held to the build's limits, and a panic while reading
//! it costs that file, not the build.

use super::summary::{FileReport, Outcome, Summary};
use crate::detect::{detect, Family, FormType};
use crate::extract::read_facts;
use crate::load::{hash_bytes, load_hashed, read_file, Encoding, Limits};
use crate::model::Facts;
use crate::store::{FilingStatus, Known, Seen, Stat, Store, StoreError, StoredRow};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

/// The build's inputs as the store now holds them.
#[derive(Debug, Default)]
pub(super) struct Inputs {
    /// The hashes of the inputs stored (now or by an earlier build): what `--prune` keeps.
    pub keep: HashSet<String>,
    /// The paths of the inputs read (now or by an earlier build): their warnings are reported.
    pub read_paths: HashSet<String>,
    /// The hashes of the files stored by this build...
    pub new_hashes: HashSet<String>,
    /// ...and of those of them read.
    pub new_read: BTreeSet<String>,
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

/// Reads `files` into the store, each file's report into `summary`. `progress` is told (done,
/// total, path) after each chunk.
pub(super) fn read_files(
    store: &mut Store,
    files: &[PathBuf],
    limits: &Limits,
    progress: &dyn Fn(usize, usize, &str),
    summary: &mut Summary,
) -> Result<Inputs, StoreError> {
    let known = store.known_filings()?;
    let seen = store.seen_files()?;
    let mut inputs = Inputs::default();
    let mut done = 0;
    // Rows are written on a thread of their own while the next chunk is read: the store's
    // single writer would otherwise leave the cores idle between chunks.
    let (to_writer, chunks) = std::sync::mpsc::sync_channel::<Chunk>(2);
    std::thread::scope(|scope| -> Result<(), StoreError> {
        let writer = scope.spawn(move || write_chunks(store, chunks));
        for chunk in files.chunks(CHUNK) {
            // extraction in parallel; the results come back in input order, so the store and
            // the report are the same whatever the thread count
            let results: Vec<(Processed, Option<(String, Seen)>)> = chunk
                .par_iter()
                .map(|p| process(p, &known, &seen, limits))
                .collect();
            done += results.len();
            let rows = inputs.add(results, &known, summary);
            if to_writer.send(rows).is_err() {
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
    Ok(inputs)
}

/// The writer thread: each chunk's rows in one transaction (of the build's), until the chunks end
/// or a write fails.
fn write_chunks(store: &mut Store, chunks: Receiver<Chunk>) -> Result<(), StoreError> {
    for (rows, records) in chunks {
        store.put_filings(&rows)?;
        store.put_seen(&records)?;
    }
    Ok(())
}

impl Inputs {
    /// Takes a chunk's results in input order: each file's report goes to `summary`, and the rows
    /// to write are returned.
    fn add(
        &mut self,
        results: Vec<(Processed, Option<(String, Seen)>)>,
        known: &HashMap<String, Known>,
        summary: &mut Summary,
    ) -> Chunk {
        let mut rows = Vec::new();
        let mut records = Vec::new();
        for (r, record) in results {
            records.extend(record);
            match r {
                Processed::New(row, report) => {
                    if let Some(row) = row {
                        self.keep.insert(row.hash.clone());
                        self.new_hashes.insert(row.hash.clone());
                        if row.facts_json.is_some() {
                            self.read_paths.insert(row.path.clone());
                            self.new_read.insert(row.hash.clone());
                        }
                        rows.push(row);
                    }
                    summary.files.push(report);
                }
                Processed::Known(hash, report) => {
                    if matches!(report.outcome, Outcome::Read { .. }) {
                        self.read_paths.insert(known[&hash].path.clone());
                    }
                    self.keep.insert(hash);
                    summary.reused += 1;
                    summary.files.push(report);
                }
            }
        }
        (rows, records)
    }
}

/// Load, detect and extract one file, unless its bytes are in the store already.
fn process(
    path: &Path,
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
    let outcome = match k.status {
        FilingStatus::Read => Outcome::Read {
            form: k.form.clone(),
        },
        FilingStatus::Skipped => Outcome::Skipped {
            form: k.form.clone(),
            reason: k.reason.clone().unwrap_or_default(),
        },
        FilingStatus::Failed => Outcome::Failed {
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

/// What reading a file gives: its hash, encoding and form, and its facts (none for a form
/// relgraph does not read; an error for a filing beyond the limits or that cannot be read).
type Read = (String, Encoding, FormType, Option<Result<Facts, String>>);

/// Load, detect and extract a file the store does not hold.
fn read_new(shown: String, bytes: Vec<u8>, hash: String, limits: &Limits) -> Processed {
    let (hash, encoding, form, facts) = match read_guarded(&shown, bytes, hash, limits) {
        Ok(read) => read,
        Err(reason) => return failed_file(&shown, reason),
    };
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
    let row = stored_row(hash, &shown, form.label, &outcome, facts.as_ref());
    Processed::New(
        Some(row),
        FileReport {
            path: shown,
            outcome,
            encoding: Some(encoding),
        },
    )
}

/// Loads, detects and extracts, guarded: a bug anywhere in loading, detecting or extracting costs
/// this file, not the build. `Err` says why the file failed.
fn read_guarded(
    shown: &str,
    bytes: Vec<u8>,
    hash: String,
    limits: &Limits,
) -> Result<Read, String> {
    let read = std::panic::catch_unwind(move || {
        let doc = load_hashed(shown, &bytes, hash).map_err(|e| e.to_string())?;
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
    match read {
        Ok(read) => read,
        Err(panic) => Err(format!(
            "internal error while reading this file: {}; please report it",
            panic_message(&panic)
        )),
    }
}

/// The row a file read now is stored as.
fn stored_row(
    hash: String,
    shown: &str,
    form: String,
    outcome: &Outcome,
    facts: Option<&Facts>,
) -> StoredRow {
    let (status, reason) = match outcome {
        Outcome::Read { .. } => (FilingStatus::Read, None),
        Outcome::Skipped { reason, .. } => (FilingStatus::Skipped, Some(reason.clone())),
        Outcome::Failed { reason } => (FilingStatus::Failed, Some(reason.clone())),
    };
    StoredRow {
        hash,
        path: shown.to_string(),
        form,
        status,
        reason,
        facts_json: facts.and_then(|f| serde_json::to_string(f).ok()),
        names_json: facts.and_then(|f| serde_json::to_string(&NamesOf(f)).ok()),
    }
}

/// Refuses facts naming more parties than the limit: a file of thousands of names is not a
/// filing, and would cost resolution more than every real filing together.
fn within_limits(facts: Facts, limits: &Limits) -> Result<Facts, String> {
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
struct NamesOf<'a>(&'a Facts);

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
