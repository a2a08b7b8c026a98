//! Helpers shared by the integration tests: running the binary, finding the real filings, and a
//! compact, reviewable text form of what a build extracted (used for snapshots).

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub fn relgraph() -> Command {
    Command::cargo_bin("relgraph").expect("relgraph binary is built")
}

/// Runs `relgraph` with `args`, which must succeed (its stderr is the failure message).
pub fn relgraph_ok<I, S>(args: I) -> std::process::Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = relgraph().args(args).output().expect("run relgraph");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The folder holding `seeds/` and `corpus/`: `$RELGRAPH_DATA`, else `../shared`. When it is
/// missing the caller skips, printing why; with `RELGRAPH_REQUIRE_CORPUS=1` that is a failure.
pub fn data_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("RELGRAPH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if dir.join("seeds").is_dir() && dir.join("corpus").is_dir() {
        return Some(dir);
    }
    let msg = format!(
        "{test}: real filings not found at {} (set RELGRAPH_DATA)",
        dir.display()
    );
    if std::env::var("RELGRAPH_REQUIRE_CORPUS").is_ok_and(|v| v == "1") {
        panic!("{msg}; RELGRAPH_REQUIRE_CORPUS=1 requires them");
    }
    eprintln!("skipped: {msg}");
    None
}

/// The result of `relgraph build` on some paths, and the JSON export of the store it wrote.
pub struct Built {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    pub json: Value,
    pub db: PathBuf,
    _dir: tempfile::TempDir,
}

pub fn build(paths: &[&Path]) -> Built {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    let out = relgraph()
        .arg("build")
        .args(paths)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("run build");
    let export = relgraph()
        .args(["export", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .expect("run export");
    assert!(
        export.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&export.stderr)
    );
    let json: Value = serde_json::from_slice(&export.stdout).expect("export is JSON");
    Built {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
        json,
        db: db.clone(),
        _dir: dir,
    }
}

impl Built {
    pub fn nodes(&self) -> &Vec<Value> {
        self.json["nodes"].as_array().expect("nodes")
    }

    pub fn edges(&self) -> &Vec<Value> {
        self.json["edges"].as_array().expect("edges")
    }

    pub fn node(&self, name: &str) -> &Value {
        self.nodes()
            .iter()
            .find(|n| n["name"] == name)
            .unwrap_or_else(|| panic!("no node named {name}; nodes: {:?}", self.names()))
    }

    pub fn names(&self) -> Vec<String> {
        self.nodes()
            .iter()
            .map(|n| n["name"].as_str().unwrap_or("").to_string())
            .collect()
    }

    pub fn name_of(&self, id: &Value) -> String {
        self.nodes()
            .iter()
            .find(|n| n["id"] == *id)
            .map(|n| n["name"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    }

    /// Edges of a kind as (source name, target name, attributes).
    pub fn edges_of(&self, kind: &str) -> Vec<(String, String, &Value)> {
        self.edges()
            .iter()
            .filter(|e| e["kind"] == kind)
            .map(|e| {
                (
                    self.name_of(&e["source"]),
                    self.name_of(&e["target"]),
                    &e["attributes"],
                )
            })
            .collect()
    }

    pub fn edge(&self, kind: &str, source: &str, target: &str) -> &Value {
        self.edges()
            .iter()
            .find(|e| {
                e["kind"] == kind
                    && self.name_of(&e["source"]) == source
                    && self.name_of(&e["target"]) == target
            })
            .unwrap_or_else(|| {
                panic!(
                    "no {kind} edge {source} -> {target}; have {:?}",
                    self.edges_of(kind)
                        .iter()
                        .map(|(s, t, _)| format!("{s} -> {t}"))
                        .collect::<Vec<_>>()
                )
            })
    }

    pub fn warnings(&self) -> Vec<String> {
        self.json["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .map(|w| format!("{}: {}", w["line"], w["message"].as_str().unwrap_or("")))
            .collect()
    }

    /// The extraction in a compact text form for snapshots: filings, nodes, edges with their
    /// evidence lines, warnings. Paths are given relative to `base`.
    pub fn summary(&self, base: &Path) -> String {
        let rel = |p: &str| p.replace(&format!("{}/", base.display()), "");
        let mut out = Vec::new();
        for f in self.json["filings"].as_array().expect("filings") {
            out.push(format!(
                "filing {} form={} status={} amendment={} filed={}",
                rel(f["path"].as_str().unwrap_or("")),
                f["form"],
                f["status"],
                f["amendment"],
                f["filed"]
            ));
            if let Some(r) = f["reason"].as_str() {
                out.push(format!("  reason: {r}"));
            }
            if !f["subject"].is_null() {
                out.push(format!("  subject: {}", f["subject"]));
            }
            if f["transactions"].as_u64().unwrap_or(0) > 0 {
                out.push(format!(
                    "  transactions: {} check: {}",
                    f["transactions"], f["transaction_check"]
                ));
            }
            if f["group"].as_array().is_some_and(|g| !g.is_empty()) {
                out.push(format!("  group: {}", f["group"]));
            }
        }
        for n in self.nodes() {
            out.push(format!(
                "node {} {:?} aliases={} ids={}",
                n["kind"].as_str().unwrap_or(""),
                n["name"].as_str().unwrap_or(""),
                n["aliases"],
                n["identifiers"]
            ));
        }
        for e in self.edges() {
            let lines: Vec<String> = e["evidence"]
                .as_array()
                .map(|ev| ev.iter().map(|x| x["line"].to_string()).collect())
                .unwrap_or_default();
            out.push(format!(
                "edge {} {:?} -> {:?} {} lines=[{}]",
                e["kind"].as_str().unwrap_or(""),
                self.name_of(&e["source"]),
                self.name_of(&e["target"]),
                e["attributes"],
                lines.join(",")
            ));
        }
        for w in self.json["warnings"].as_array().expect("warnings") {
            out.push(format!(
                "warning {}:{}: {}",
                rel(w["path"].as_str().unwrap_or("")),
                w["line"],
                w["message"].as_str().unwrap_or("")
            ));
        }
        out.join("\n") + "\n"
    }

    /// Invariants every build keeps: each node and edge has evidence with a line and quoted text,
    /// each edge's ends are nodes, ids are unique.
    pub fn check_invariants(&self) {
        let ids: Vec<&Value> = self.nodes().iter().map(|n| &n["id"]).collect();
        let mut unique = ids.clone();
        unique.sort_by_key(|v| v.to_string());
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "node ids are unique");
        for n in self.nodes() {
            assert_evidence(&n["evidence"], &format!("node {}", n["name"]));
        }
        for e in self.edges() {
            assert!(
                ids.contains(&&e["source"]) && ids.contains(&&e["target"]),
                "edge ends exist: {e}"
            );
            assert_evidence(&e["evidence"], &format!("edge {}", e["kind"]));
        }
    }
}

fn assert_evidence(ev: &Value, what: &str) {
    let ev = ev
        .as_array()
        .unwrap_or_else(|| panic!("{what} has an evidence list"));
    assert!(!ev.is_empty(), "{what} has evidence");
    for x in ev {
        assert!(
            x["line"].as_u64().is_some_and(|l| l > 0),
            "{what}: evidence has a line: {x}"
        );
        assert!(
            x["filing"].as_str().is_some_and(|f| !f.is_empty()),
            "{what}: evidence names its filing"
        );
        assert!(
            x["text"].as_str().is_some_and(|t| !t.trim().is_empty()),
            "{what}: evidence quotes text: {x}"
        );
    }
}
