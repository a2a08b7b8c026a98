//! `relgraph render`: pictures with Graphviz when it is installed, SVG from the built-in layout
//! when it is not, and clear messages for what cannot be drawn.

use crate::util::{build, relgraph, repo};
use std::path::Path;

/// Runs `render` with PATH limited to `path` (None: the caller's PATH).
fn render(db: &Path, args: &[&str], path: Option<&Path>) -> (i32, String) {
    let mut cmd = relgraph();
    cmd.arg("render").arg("--db").arg(db).args(args);
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn without_graphviz_svg_comes_from_the_builtin_layout() {
    let b = build(&[&repo().join("tests/fixtures/llp_vs_lp_13g.txt")]);
    let empty = tempfile::tempdir().unwrap();
    let svg = empty.path().join("fenwick.svg");
    let (code, err) = render(&b.db, &["-o", svg.to_str().unwrap()], Some(empty.path()));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("with the built-in layout"), "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg"), "{text}");
    assert!(text.contains("Fenwick Row Partners LLP") && text.contains("Fenwick Row Partners LP"));
    assert!(
        text.contains("signs as Designated Member"),
        "edge labels are drawn"
    );
}

#[test]
fn png_without_graphviz_says_how_to_install_it() {
    let b = build(&[&repo().join("tests/fixtures/llp_vs_lp_13g.txt")]);
    let empty = tempfile::tempdir().unwrap();
    let png = empty.path().join("fenwick.png");
    let (code, err) = render(&b.db, &["-o", png.to_str().unwrap()], Some(empty.path()));
    assert_ne!(code, 0);
    assert!(err.contains("apt-get install graphviz"), "{err}");
    assert!(!png.exists());
    let (code, err) = render(&b.db, &["-o", "fenwick.gif"], Some(empty.path()));
    assert_ne!(code, 0);
    assert!(err.contains("name it .svg, .png or .html"), "{err}");
}

/// In the library, without the binary: the built-in layout refuses a graph over its node limit
/// rather than take minutes (the synthetic graph comes from the testkit).
#[test]
fn the_builtin_layout_refuses_what_it_cannot_draw_in_time() {
    use relgraph::render::{builtin_svg, RenderError, BUILTIN_LIMIT};
    let g = relgraph_testkit::synthetic::graph(2_000);
    assert!(g.graph.node_count() > BUILTIN_LIMIT);
    assert!(matches!(
        builtin_svg(&g),
        Err(RenderError::TooLargeForBuiltin { .. })
    ));
}

#[test]
fn the_builtin_layout_escapes_hostile_names() {
    let dir = tempfile::tempdir().unwrap();
    let filing = std::fs::read_to_string(repo().join("tests/fixtures/llp_vs_lp_13g.txt"))
        .unwrap()
        .replace(
            "Fenwick Row Partners LP",
            "Fenwick <script>alert(1)</script> & \"Co\" LP",
        );
    let path = dir.path().join("hostile.txt");
    std::fs::write(&path, filing).unwrap();
    let b = build(&[&path]);
    let svg = dir.path().join("hostile.svg");
    let (code, err) = render(
        &b.db,
        &["--engine", "builtin", "-o", svg.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(!text.contains("<script>"), "{text}");
    assert!(text.contains("&lt;script&gt;"), "{text}");
}

#[test]
fn with_graphviz_the_picture_has_its_clusters() {
    if relgraph::render::find_dot().is_none() {
        eprintln!("skipped: Graphviz's dot is not on PATH");
        return;
    }
    let b = build(&[&repo().join("tests/fixtures/llp_vs_lp_13g.txt")]);
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("fenwick.svg");
    let (code, err) = render(&b.db, &["-o", svg.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("with Graphviz dot"), "{err}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("legend"), "{text}");
    let png = dir.path().join("fenwick.png");
    let (code, err) = render(&b.db, &["-o", png.to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn the_committed_polygon_diagram_matches_what_relgraph_draws() {
    let Some(dir) = crate::util::data_dir("polygon_diagram") else {
        return;
    };
    let b = build(&[&dir.join("seeds")]);
    let out = relgraph()
        .args(["export", "--format", "dot", "--focus"])
        .arg("Polygon Investment Partners LLP")
        .arg("--db")
        .arg(&b.db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let dot = String::from_utf8(out.stdout).unwrap();
    let committed = std::fs::read_to_string(repo().join("docs/polygon.dot")).unwrap();
    assert!(
        dot == committed,
        "docs/polygon.dot is stale: run docs/diagrams.sh"
    );
    // the picture was drawn from that DOT: every entity in it is a node of the SVG
    let svg = std::fs::read_to_string(repo().join("docs/polygon.svg")).unwrap();
    let ids: Vec<&str> = dot
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("\"n-") && !l.contains(" -> "))
        .filter_map(|l| l.split('"').nth(1))
        .collect();
    assert_eq!(ids.len(), 12);
    for id in ids {
        assert!(
            // dot writes "-" in titles as "&#45;"
            svg.contains(&format!("<title>{}</title>", id.replace('-', "&#45;"))),
            "docs/polygon.svg lacks {id}: run docs/diagrams.sh"
        );
    }
}
