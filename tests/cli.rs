//! The command line's contracts: export formats, output files, help.

use crate::util::{build, relgraph, relgraph_ok, repo};

#[test]
fn dot_export_labels_edges_and_shapes_nodes_by_kind() {
    let b = build(&[&repo().join("tests/fixtures/llp_vs_lp_13g.txt")]);
    let out = relgraph()
        .args(["export", "--format", "dot", "--db"])
        .arg(&b.db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph relgraph {"), "{dot}");
    assert!(
        dot.contains("label=\"2,407,200 (6%)\\nas of 2023-12-31\" style=\"solid\""),
        "{dot}"
    );
    assert!(
        dot.contains("shape=\"doubleoctagon\""),
        "issuers are drawn apart: {dot}"
    );
    assert!(
        dot.contains("label=\"signs as Director\" style=\"dotted\""),
        "{dot}"
    );
    assert!(
        dot.contains("label=\"investment manager\" style=\"bold\""),
        "{dot}"
    );
    assert!(dot.contains("subgraph cluster_legend {"), "{dot}");
}

fn export_dot(db: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = relgraph()
        .args(["export", "--format", "dot", "--db"])
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Entity node ids in a DOT text (legend entries left out).
fn dot_nodes(dot: &str) -> Vec<&str> {
    dot.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("\"n-") && !l.contains(" -> "))
        .filter_map(|l| l.split('"').nth(1))
        .collect()
}

#[test]
fn dot_export_selects_by_focus_kinds_and_issuer() {
    let b = build(&[&repo().join("tests/fixtures/llp_vs_lp_13g.txt")]);
    let (ok, dot, _) = export_dot(&b.db, &["--focus", "Rafferty J. Quennell", "--depth", "1"]);
    assert!(ok);
    assert_eq!(
        dot_nodes(&dot),
        ["n-fenwick-row-partners-lp", "n-rafferty-j-quennell"],
        "{dot}"
    );
    let (ok, dot, _) = export_dot(&b.db, &["--kinds", "manages"]);
    assert!(ok);
    assert_eq!(
        dot_nodes(&dot),
        [
            "n-fenwick-row-investment-management-ltd",
            "n-fenwick-row-investments-ltd"
        ],
        "{dot}"
    );
    let (ok, dot, _) = export_dot(&b.db, &["--issuer", "Quillon Biologics"]);
    assert!(ok);
    assert_eq!(dot_nodes(&dot).len(), 7, "{dot}");
    let (ok, _, err) = export_dot(&b.db, &["--kinds", "owns"]);
    assert!(!ok && err.contains("unknown edge kind \"owns\""), "{err}");
    let (ok, _, err) = export_dot(&b.db, &["--focus", "Fenwick Row Partners"]);
    assert!(!ok && err.contains("names several entities"), "{err}");
}

#[test]
fn export_writes_to_a_file() {
    let b = build(&[&repo().join("tests/fixtures/llp_vs_lp_13g.txt")]);
    let out_path = b.db.with_extension("json");
    relgraph()
        .args(["export", "--format", "json", "-o"])
        .arg(&out_path)
        .arg("--db")
        .arg(&b.db)
        .assert()
        .success()
        .stdout("");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(v["nodes"], b.json["nodes"]);
}

#[test]
fn build_without_paths_is_a_usage_error() {
    let out = relgraph().arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn polygon_focus_diagram_holds_the_group_and_its_holding() {
    let Some(dir) = crate::util::data_dir("polygon_focus_diagram") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    let (ok, dot, err) = export_dot(&b.db, &["--focus", "Polygon Investment Partners LLP"]);
    assert!(ok, "{err}");
    let nodes = dot_nodes(&dot);
    // the eleven entities of the group and the issuer, nothing of 8x8's board or of ST
    assert_eq!(nodes.len(), 12, "{nodes:?}");
    assert!(nodes.contains(&"n-8x8-inc") && nodes.contains(&"n-patrick-g-g-dear"));
    assert!(dot.contains("label=\"reporting group on 8x8, Inc. (000_ccb6bbf9a024dceb.txt)\""));
    assert!(dot.contains(
        "\"n-kings-road-investments-ltd\" -> \"n-8x8-inc\" [label=\"<5%\\nas of 2006-12-31\""
    ));
    assert!(dot.contains(
        "\"n-patrick-g-g-dear\" -> \"n-polygon-investment-partners-llp\" [label=\"signs as Principal\" style=\"dotted\""
    ));
}

/// A build whose stored filings, overrides and program are those the graph was computed from
/// keeps the stored graph, and reports exactly what computing it again would report.
#[test]
fn a_build_with_nothing_new_keeps_the_graph_and_reports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("same.db");
    let inputs = [repo().join("examples"), repo().join("tests/fixtures")];
    let run = |extra: &[&str]| {
        let out = relgraph()
            .arg("build")
            .args(&inputs)
            .arg("--db")
            .arg(&db)
            .args(extra)
            .output()
            .unwrap();
        (out.status.code(), out.stdout, out.stderr)
    };
    let export = || {
        let out = relgraph()
            .args(["export", "--format", "json", "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    run(&[]);
    let graph = export();
    let kept = run(&[]);
    let timed = run(&["--timings"]);
    let stderr = String::from_utf8_lossy(&timed.2);
    assert!(
        stderr.contains("graph already computed from these inputs"),
        "{stderr}"
    );
    // forget that the graph is current: it is computed again, with the same report and graph
    let conn = rusqlite::Connection::open(&db).unwrap();
    let forgot = conn
        .execute("DELETE FROM meta WHERE key = 'graph_inputs'", [])
        .unwrap();
    assert_eq!(
        forgot, 1,
        "the build recorded what its graph was computed from"
    );
    drop(conn);
    let computed = run(&[]);
    assert_eq!(kept, computed);
    assert_eq!(export(), graph);
    // new overrides change the graph although no filing changed
    let overrides = dir.path().join("relgraph.overrides.toml");
    std::fs::write(
        &overrides,
        "[[same]]\nnames = [\"Fenwick Row Partners LLP\", \"Fenwick Row Partners LP\"]\n",
    )
    .unwrap();
    run(&["--overrides", overrides.to_str().unwrap()]);
    let joined = export();
    let nodes = |json: &[u8]| -> usize {
        let v: serde_json::Value = serde_json::from_slice(json).unwrap();
        v["nodes"].as_array().unwrap().len()
    };
    assert_eq!(nodes(&joined), nodes(&graph) - 1);
}

#[test]
fn a_file_changed_in_place_is_read_again_even_with_its_old_modification_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let file = dir.path().join("filing.txt");
    let first = std::fs::read(repo().join("tests/fixtures/conflict_13g.txt")).unwrap();
    // the same size, one letter changed: only the change time can tell the bytes changed
    let second = String::from_utf8_lossy(&first)
        .replacen("Item", "ITEM", 1)
        .into_bytes();
    assert!(second.len() == first.len() && second != first);
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let write = |bytes: &[u8]| {
        std::fs::write(&file, bytes).unwrap();
        let f = std::fs::File::options().write(true).open(&file).unwrap();
        f.set_modified(an_hour_ago).unwrap();
    };
    let build = || {
        let out = relgraph_ok([
            "build".as_ref(),
            file.as_os_str(),
            "--db".as_ref(),
            db.as_os_str(),
        ]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    write(&first);
    assert!(build().starts_with("read 1 filing(s)"));
    // the same file untouched: known by its recorded size and times, not read again
    assert!(build().contains("reused 1 file(s)"));
    // new bytes under the same name and modification time: the change time tells, so it is read
    write(&second);
    let report = build();
    assert!(report.starts_with("read 1 filing(s)"), "{report}");
    assert!(!report.contains("reused"), "{report}");
}

#[test]
fn a_store_made_by_another_version_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
         INSERT INTO meta VALUES ('facts_version', '3');",
    )
    .unwrap();
    drop(conn);
    let out = relgraph()
        .args(["export", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("was made by another version of relgraph; build it again"),
        "{stderr}"
    );
    // a build makes it again
    let filing = repo().join("tests/fixtures/conflict_13g.txt");
    relgraph_ok([
        "build".as_ref(),
        filing.as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    relgraph_ok([
        "export".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
}

#[test]
fn a_fresh_build_starts_from_an_empty_store_and_never_removes_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let (first, second) = (
        repo().join("tests/fixtures/llp_vs_lp_13g.txt"),
        repo().join("tests/fixtures/conflict_13g.txt"),
    );
    let build_fresh = |filing: &std::path::Path, db: &std::path::Path| {
        relgraph()
            .arg("build")
            .arg(filing)
            .args(["--fresh", "-q", "--db"])
            .arg(db)
            .output()
            .unwrap()
    };
    assert!(build_fresh(&first, &db).status.success());
    assert!(build_fresh(&second, &db).status.success());
    let out = relgraph_ok([
        "export".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let filings: Vec<&str> = v["filings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(filings.len(), 1, "{filings:?}");
    assert!(filings[0].ends_with("conflict_13g.txt"), "{filings:?}");
    // a file that is not a relgraph store is refused, and left as it was
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a store\n".repeat(1000)).unwrap();
    let out = build_fresh(&second, &notes);
    assert!(!out.status.success());
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "not a store\n".repeat(1000)
    );
}
