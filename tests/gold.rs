//! Recall and precision against the hand-read gold of tests/data/gold/ (its README says how it
//! was made): each filing is built alone, its nodes matched to the gold's entities by name, and
//! its edges to the gold's edges by kind, ends and figures. The test prints a table per edge kind
//! and per family and fails below the floors, which only rise.
//!
//! `RELGRAPH_GOLD_VERBOSE=1` lists every miss and every edge the gold does not hold;
//! `RELGRAPH_GOLD_ONLY=text` scores only the gold files whose names contain `text`.

use crate::util::{build, data_dir, repo};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The floors: recall of required edges, precision of all edges relgraph states.
const RECALL_FLOOR: f64 = 0.54;
const PRECISION_FLOOR: f64 = 0.94;

#[derive(Deserialize)]
struct Gold {
    file: String,
    family: String,
    entity: Vec<GoldEntity>,
    #[serde(default)]
    edge: Vec<GoldEdge>,
}

#[derive(Deserialize)]
struct GoldEntity {
    name: String,
    #[serde(default)]
    also: Vec<String>,
}

#[derive(Deserialize, Clone)]
struct GoldEdge {
    kind: String,
    source: String,
    target: String,
    shares: Option<u64>,
    percent: Option<f64>,
    percent_below: Option<f64>,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    line: Option<u64>,
}

fn yes() -> bool {
    true
}

/// A name for matching: upper case, letters and digits only, without a leading "THE" or an
/// honorific, so "BlackRock, Inc." and "BLACKROCK INC" meet.
fn loose(name: &str) -> String {
    let upper = name.to_uppercase();
    let mut s = upper.trim();
    for prefix in ["MR. ", "MS. ", "MRS. ", "DR. ", "THE "] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Counts of one row of the table.
#[derive(Default, Clone, Copy)]
struct Tally {
    required: usize,
    found: usize,
    stated: usize,
    right: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.required += o.required;
        self.found += o.found;
        self.stated += o.stated;
        self.right += o.right;
    }
    fn recall(&self) -> f64 {
        ratio(self.found, self.required)
    }
    fn precision(&self) -> f64 {
        ratio(self.right, self.stated)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// One predicted edge: kind, the gold entities each end may be, and its attributes.
struct Predicted {
    kind: String,
    sources: BTreeSet<usize>,
    targets: BTreeSet<usize>,
    source_name: String,
    target_name: String,
    attributes: Value,
}

/// Whether a stated holding's figures agree with the gold's: every figure both state is the same
/// (a figure only one of them states does not disagree).
fn figures_agree(g: &GoldEdge, a: &Value) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() < 0.005;
    let shares = a.get("shares").and_then(Value::as_u64);
    let percent = a.get("percent").and_then(Value::as_f64);
    let bound = a.get("percent_upper_bound").and_then(Value::as_f64);
    let gold_percent = g.percent.or(g.percent_below);
    let stated_percent = percent.or(bound);
    g.shares.zip(shares).is_none_or(|(x, y)| x == y)
        && gold_percent
            .zip(stated_percent)
            .is_none_or(|(x, y)| close(x, y) && g.percent_below.is_some() == bound.is_some())
}

/// Whether a stated holding gives every figure the gold gives (and they agree).
fn figures_complete(g: &GoldEdge, a: &Value) -> bool {
    let stated = |k: &str| a.get(k).is_some_and(|v| !v.is_null());
    figures_agree(g, a)
        && (g.shares.is_none() || stated("shares"))
        && (g.percent.is_none() || stated("percent"))
        && (g.percent_below.is_none() || stated("percent_upper_bound"))
}

/// Scores one filing: per kind, the tallies; and the lines of what was missed and what is extra.
fn score(gold: &Gold, data: &Path) -> (BTreeMap<String, Tally>, usize, usize, Vec<String>) {
    let b = build(&[&data.join(&gold.file)]);
    let spellings: Vec<BTreeSet<String>> = gold
        .entity
        .iter()
        .map(|e| {
            std::iter::once(&e.name)
                .chain(&e.also)
                .map(|n| loose(n))
                .filter(|n| !n.is_empty())
                .collect()
        })
        .collect();
    let entity_of = |names: &[String]| -> BTreeSet<usize> {
        let keys: BTreeSet<String> = names.iter().map(|n| loose(n)).collect();
        (0..spellings.len())
            .filter(|&i| !spellings[i].is_disjoint(&keys))
            .collect()
    };
    let mut node_entities: BTreeMap<String, (String, BTreeSet<usize>)> = BTreeMap::new();
    for n in b.nodes() {
        let mut names = vec![n["name"].as_str().unwrap_or("").to_string()];
        for a in n["aliases"].as_array().into_iter().flatten() {
            names.push(a.as_str().unwrap_or("").to_string());
        }
        let id = n["id"].as_str().unwrap_or("").to_string();
        node_entities.insert(id, (names[0].clone(), entity_of(&names)));
    }
    let found_entities: BTreeSet<usize> = node_entities
        .values()
        .flat_map(|(_, e)| e.iter().copied())
        .collect();
    let index: BTreeMap<&str, usize> = gold
        .entity
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.as_str(), i))
        .collect();
    let predicted: Vec<Predicted> = b
        .edges()
        .iter()
        .map(|e| {
            let end = |k: &str| {
                node_entities
                    .get(e[k].as_str().unwrap_or(""))
                    .cloned()
                    .unwrap_or_default()
            };
            let (source_name, sources) = end("source");
            let (target_name, targets) = end("target");
            Predicted {
                kind: e["kind"].as_str().unwrap_or("").to_string(),
                sources,
                targets,
                source_name,
                target_name,
                attributes: e["attributes"].clone(),
            }
        })
        .collect();
    let ends = |g: &GoldEdge, p: &Predicted| {
        p.kind == g.kind
            && p.sources.contains(&index[g.source.as_str()])
            && p.targets.contains(&index[g.target.as_str()])
    };
    // found: the gold's edge with every figure it gives; right: an edge the gold states, with no
    // figure that disagrees
    let found = |g: &GoldEdge, p: &Predicted| {
        ends(g, p) && (g.kind != "holds" || figures_complete(g, &p.attributes))
    };
    let right = |g: &GoldEdge, p: &Predicted| {
        ends(g, p) && (g.kind != "holds" || figures_agree(g, &p.attributes))
    };
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut notes = Vec::new();
    for g in gold.edge.iter().filter(|g| g.required) {
        let t = tallies.entry(g.kind.clone()).or_default();
        t.required += 1;
        if predicted.iter().any(|p| found(g, p)) {
            t.found += 1;
        } else {
            let figures = match (g.shares, g.percent, g.percent_below) {
                (None, None, None) => String::new(),
                (s, p, b) => format!(" [{s:?} {p:?} <{b:?}]"),
            };
            notes.push(format!(
                "  missed {} {} -> {}{figures} (line {})",
                g.kind,
                g.source,
                g.target,
                g.line.unwrap_or(0)
            ));
        }
    }
    for p in &predicted {
        let t = tallies.entry(p.kind.clone()).or_default();
        t.stated += 1;
        if gold.edge.iter().any(|g| right(g, p)) {
            t.right += 1;
        } else {
            notes.push(format!(
                "  extra  {} {} -> {} {}",
                p.kind, p.source_name, p.target_name, p.attributes
            ));
        }
    }
    (tallies, found_entities.len(), gold.entity.len(), notes)
}

fn row(label: &str, t: &Tally) -> String {
    format!(
        "{label:<18} {:>5} {:>5}  {:>6.3}   {:>5} {:>5}  {:>6.3}",
        t.required,
        t.found,
        t.recall(),
        t.stated,
        t.right,
        t.precision()
    )
}

#[test]
fn recall_and_precision_against_the_hand_read_gold() {
    let Some(data) = data_dir("gold") else {
        return;
    };
    let only = std::env::var("RELGRAPH_GOLD_ONLY").unwrap_or_default();
    let verbose = std::env::var_os("RELGRAPH_GOLD_VERBOSE").is_some();
    let mut files: Vec<_> = std::fs::read_dir(repo().join("tests/data/gold"))
        .expect("the gold folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| p.to_string_lossy().contains(&only))
        .collect();
    files.sort();
    assert!(
        only.is_empty() || !files.is_empty(),
        "no gold file matches {only}"
    );
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_family: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut entities_found, mut entities) = (0, 0);
    let mut report = String::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("a gold file");
        let gold: Gold = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(
            data.join(&gold.file).is_file(),
            "{}: the filing {} is missing",
            f.display(),
            gold.file
        );
        let (tallies, found, all, notes) = score(&gold, &data);
        entities_found += found;
        entities += all;
        let mut filing = Tally::default();
        for (kind, t) in tallies {
            by_kind.entry(kind).or_default().add(t);
            filing.add(t);
        }
        by_family
            .entry(gold.family.clone())
            .or_default()
            .add(filing);
        let name = f.file_stem().unwrap_or_default().to_string_lossy();
        report.push_str(&format!(
            "{}\n",
            row(&name.chars().take(18).collect::<String>(), &filing)
        ));
        if verbose {
            report.push_str(&format!("{}: {}\n", name, gold.file));
            for n in notes {
                report.push_str(&n);
                report.push('\n');
            }
        }
    }
    let mut all = Tally::default();
    let mut table = format!(
        "{:<18} {:>5} {:>5}  {:>6}   {:>5} {:>5}  {:>6}\n",
        "", "req", "found", "recall", "said", "right", "prec."
    );
    for (kind, t) in &by_kind {
        table.push_str(&row(kind, t));
        table.push('\n');
        all.add(*t);
    }
    table.push('\n');
    for (family, t) in &by_family {
        table.push_str(&row(family, t));
        table.push('\n');
    }
    table.push_str(&format!("\n{}\n", row("all", &all)));
    table.push_str(&format!(
        "entities found: {entities_found} of {entities}; {} filings\n",
        files.len()
    ));
    eprintln!("{report}\n{table}");
    if only.is_empty() {
        assert!(
            all.recall() >= RECALL_FLOOR && all.precision() >= PRECISION_FLOOR,
            "below the floors (recall {RECALL_FLOOR}, precision {PRECISION_FLOOR}):\n{table}"
        );
    }
}
