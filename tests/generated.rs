//! The generated corpus: the same seed writes the same bytes, and a build of it is measured
//! against the generator's truth (the 10k-filing figures are in docs/performance.md).

use crate::util::relgraph_ok;
use relgraph::store::Store;
use relgraph_testkit::generate::{generate, score, Options};
use std::path::Path;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_same_seed_writes_the_same_corpus() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let opts = Options {
        filings: 120,
        seed: 42,
    };
    let ta = generate(opts, a.path()).unwrap();
    let tb = generate(opts, b.path()).unwrap();
    assert_eq!(files(a.path()), files(b.path()));
    assert_eq!(
        serde_json::to_string(&ta).unwrap(),
        serde_json::to_string(&tb).unwrap()
    );
    let other = tempfile::tempdir().unwrap();
    generate(Options { seed: 43, ..opts }, other.path()).unwrap();
    assert_ne!(files(a.path()), files(other.path()));
    // every shape is there
    for form in ["text", "html", "submission", "xml", "form4"] {
        assert!(
            ta.filings_by_form.get(form).is_some_and(|n| *n > 0),
            "{form}"
        );
    }
}

#[test]
fn a_build_of_generated_filings_finds_what_they_state() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let truth = generate(
        Options {
            filings: 600,
            seed: 7,
        },
        &corpus,
    )
    .unwrap();
    let db = dir.path().join("g.db");
    relgraph_ok([
        "build".as_ref(),
        "--fresh".as_ref(),
        "-q".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        corpus.as_os_str(),
    ]);
    let g = Store::open_existing(&db).unwrap().graph().unwrap();
    let s = score(&truth, &g);
    assert!(
        s.precision >= 0.99 && s.recall >= 0.99,
        "precision {} recall {}: {:?}",
        s.precision,
        s.recall,
        s.examples
    );
    assert!(s.true_positives > 2000, "{}", s.true_positives);
}

/// `relgraph build -q --db DB` with `args`, which must succeed.
fn build_into(db: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut build: Vec<&std::ffi::OsStr> = vec!["build".as_ref(), "-q".as_ref(), "--db".as_ref()];
    build.push(db.as_os_str());
    build.extend_from_slice(args);
    relgraph_ok(build)
}

/// The store's export in `format`.
fn export(db: &Path, format: &str) -> Vec<u8> {
    relgraph_ok([
        "export".as_ref(),
        "--format".as_ref(),
        format.as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ])
    .stdout
}

/// `relgraph build` with `args`, then the JSON and DOT exports of the store.
fn build_and_export(db: &Path, args: &[&std::ffi::OsStr]) -> (String, Vec<u8>, Vec<u8>) {
    let out = build_into(db, args);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        export(db, "json"),
        export(db, "dot"),
    )
}

#[test]
fn an_incremental_build_equals_a_full_build_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    generate(
        Options {
            filings: 240,
            seed: 11,
        },
        &corpus,
    )
    .unwrap();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(corpus.join("0000"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let all: Vec<&std::ffi::OsStr> = files.iter().map(|p| p.as_os_str()).collect();
    let fresh = |name: &str, paths: &[&std::ffi::OsStr]| {
        let mut args = vec![std::ffi::OsStr::new("--fresh")];
        args.extend_from_slice(paths);
        build_and_export(&dir.path().join(name), &args)
    };
    let (_, full_json, full_dot) = fresh("full.db", &all);

    // most of the filings, then all of them: the new ones are read, the rest reused
    let inc = dir.path().join("inc.db");
    fresh("inc.db", &all[..220]);
    let (report, json, dot) = build_and_export(&inc, &all);
    assert!(report.contains("reused 220 file(s)"), "{report}");
    assert!(json == full_json, "JSON differs after adding filings");
    assert!(dot == full_dot, "DOT differs after adding filings");

    // files removed from the inputs: --prune takes their facts out of the store
    let kept = &all[..200];
    let (_, kept_json, kept_dot) = fresh("kept.db", kept);
    let mut args = vec![std::ffi::OsStr::new("--prune")];
    args.extend_from_slice(kept);
    let (report, json, dot) = build_and_export(&inc, &args);
    assert!(report.contains("removed 40 filing(s)"), "{report}");
    assert!(json == kept_json, "JSON differs after pruning");
    assert!(dot == kept_dot, "DOT differs after pruning");
}

/// Every file under `dir`, sorted.
fn paths_under(dir: &Path) -> Vec<std::path::PathBuf> {
    files(dir)
        .into_iter()
        .map(|(rel, _)| dir.join(rel))
        .collect()
}

/// Builds `paths` into `db` (fresh or adding) with `--timings`: the JSON and DOT exports, and
/// whether the stored graph was updated in place.
fn build_timed(db: &Path, fresh: bool, paths: &[std::path::PathBuf]) -> (Vec<u8>, Vec<u8>, bool) {
    let mut args: Vec<&std::ffi::OsStr> = vec!["--timings".as_ref()];
    if fresh {
        args.push("--fresh".as_ref());
    }
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let out = build_into(db, &args);
    let in_place = String::from_utf8_lossy(&out.stderr).contains("update the graph in place");
    (export(db, "json"), export(db, "dot"), in_place)
}

#[test]
fn filings_added_in_steps_update_the_graph_in_place_and_equal_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    generate(
        Options {
            filings: 400,
            seed: 23,
        },
        &corpus,
    )
    .unwrap();
    // every seventh file comes later, in three steps: they interleave with the stored ones, so a
    // new filing can come first for a name, spelt otherwise, and change its description
    let all = paths_under(&corpus);
    let (later, mut have): (Vec<_>, Vec<_>) = all
        .iter()
        .cloned()
        .enumerate()
        .partition(|(i, _)| i % 7 == 3);
    let later: Vec<std::path::PathBuf> = later.into_iter().map(|(_, p)| p).collect();
    let mut have: Vec<std::path::PathBuf> = have.drain(..).map(|(_, p)| p).collect();
    let inc = dir.path().join("inc.db");
    build_timed(&inc, true, &have);
    let mut in_place = 0;
    for step in later.chunks(later.len().div_ceil(3)) {
        have.extend_from_slice(step);
        let (json, dot, updated) = build_timed(&inc, false, &have);
        let (full_json, full_dot, _) = build_timed(&dir.path().join("full.db"), true, &have);
        assert!(
            json == full_json,
            "JSON differs after adding {} files",
            step.len()
        );
        assert!(
            dot == full_dot,
            "DOT differs after adding {} files",
            step.len()
        );
        in_place += usize::from(updated);
    }
    assert!(
        in_place >= 2,
        "the graph was updated in place {in_place} time(s) of 3"
    );
}
