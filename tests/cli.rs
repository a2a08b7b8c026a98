//! The command line's contracts: export formats, output files, help.

use crate::util::{build, relgraph, repo};

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
    assert!(dot.contains("label=\"holds 2,407,200 (6.0%)\""), "{dot}");
    assert!(
        dot.contains("shape=\"doubleoctagon\""),
        "issuers are drawn apart: {dot}"
    );
    assert!(dot.contains("label=\"signs-for Director\""), "{dot}");
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
