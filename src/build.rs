//! `relgraph build`: every stage in order for each input file, then resolution and the graph over
//! everything the store holds. A bad file is reported and skipped; the build goes on.

use crate::detect::{detect, Family};
use crate::extract::extract;
use crate::graph::{self, GraphWarning, RelGraph};
use crate::load::{collect_inputs, load_file, Encoding};
use crate::model::{EdgeKind, NodeKind};
use crate::resolve::resolve;
use crate::store::{FilingRow, Store, StoreError};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub inputs: Vec<PathBuf>,
    pub db: PathBuf,
    /// Empty the store first instead of adding to it.
    pub fresh: bool,
    /// Pairs of names the user declares the same or different entities.
    pub overrides: crate::resolve::Overrides,
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
pub fn build(
    cfg: &BuildConfig,
    progress: &dyn Fn(usize, usize, &str),
) -> Result<Summary, StoreError> {
    let (files, walk_errors) = collect_inputs(&cfg.inputs);
    let mut store = Store::open_for_build(&cfg.db, cfg.fresh)?;
    let mut summary = Summary::default();
    for (path, err) in walk_errors {
        summary.files.push(FileReport {
            path: path.display().to_string(),
            outcome: Outcome::Failed { reason: err },
            encoding: None,
        });
    }
    let mut read_paths = Vec::new();
    for (n, path) in files.iter().enumerate() {
        let shown = path.display().to_string();
        let (row, report) = process(path);
        if let Some(row) = row {
            store.put_filing(&row)?;
            if row.facts.is_some() {
                read_paths.push(row.path.clone());
            }
        }
        summary.files.push(report);
        progress(n + 1, files.len(), &shown);
    }
    let facts = store.all_facts()?;
    let resolution = resolve(&facts, &cfg.overrides);
    let g = graph::build(&facts, &resolution);
    store.put_graph(&g)?;
    store.put_resolution(&resolution)?;
    tally(&g, &mut summary);
    summary.warnings = g
        .warnings
        .iter()
        .filter(|w| read_paths.contains(&w.path))
        .cloned()
        .collect();
    summary
        .warnings
        .sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
    Ok(summary)
}

/// Load, detect and extract one file: the row to store and the line to report.
fn process(path: &std::path::Path) -> (Option<FilingRow>, FileReport) {
    let shown = path.display().to_string();
    let doc = match load_file(path) {
        Ok(doc) => doc,
        Err(e) => {
            let report = FileReport {
                path: shown,
                outcome: Outcome::Failed {
                    reason: e.to_string(),
                },
                encoding: None,
            };
            return (None, report);
        }
    };
    let form = detect(&doc);
    let encoding = Some(doc.encoding);
    let (outcome, facts) = match form.family {
        Family::Other => (
            Outcome::Skipped {
                form: form.label.clone(),
                reason: format!("{} is not a form relgraph reads yet", form.label),
            },
            None,
        ),
        _ => {
            // Structured XML that cannot be read fails the file with its reason; text never does.
            let run = || {
                if form.family == Family::Ownership {
                    crate::extract::extract_ownership(&doc, &form)
                } else if form.structured_xml {
                    crate::extract::extract_xml(&doc, &form).map_err(|e| e.to_string())
                } else {
                    Ok(extract(&doc, &form))
                }
            };
            match std::panic::catch_unwind(run) {
                Ok(Ok(facts)) => (
                    Outcome::Read {
                        form: form.label.clone(),
                    },
                    Some(facts),
                ),
                Ok(Err(reason)) => (Outcome::Failed { reason }, None),
                Err(panic) => (
                    Outcome::Failed {
                        reason: format!(
                            "internal error while reading this {}: {}; please report it",
                            form.label,
                            panic_message(&panic)
                        ),
                    },
                    None,
                ),
            }
        }
    };
    let (status, reason) = match &outcome {
        Outcome::Read { .. } => ("read", None),
        Outcome::Skipped { reason, .. } => ("skipped", Some(reason.clone())),
        Outcome::Failed { reason } => ("failed", Some(reason.clone())),
    };
    let row = FilingRow {
        hash: doc.hash.clone(),
        path: shown.clone(),
        form: form.label,
        status: status.into(),
        reason,
        facts,
    };
    (
        Some(row),
        FileReport {
            path: shown,
            outcome,
            encoding,
        },
    )
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
            .insert(k.as_str(), g.edges().filter(|e| e.kind == k).count());
    }
}
