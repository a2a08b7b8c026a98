//! The HTML view: one self-contained file (no network, no CDN) holding the diagram, a search box,
//! and a panel that shows an entity's profile or a relation's evidence when it is clicked.
//!
//! Filing text is untrusted. The data travels as JSON inside a `<script type="application/json">`
//! element with every `<`, `>` and `&` written as a JSON escape, so no name can close the element;
//! control and bidi characters are JSON escapes too, so none is a raw byte of the page. The page's
//! script only ever puts text into the document through `textContent`, after showing such
//! characters as visible escapes. The picture comes from the DOT export, which drops them.

use crate::graph::RelGraph;
use serde_json::json;

/// The page for a graph and its picture (an SVG document, from `dot` or the built-in layout).
pub fn page(g: &RelGraph, svg: &str, engine_note: &str) -> String {
    let data = json!({
        "nodes": g.graph.node_indices().map(|n| node_data(g, n)).collect::<Vec<_>>(),
        "note": engine_note,
    });
    let data = script_safe(&data.to_string());
    let svg = svg_element(svg);
    TEMPLATE
        .replace("/*DATA*/", &data)
        .replace("<!--SVG-->", svg)
}

/// A node's profile as the page shows it: each relation with its details described as the
/// terminal describes them (`describe::details`).
fn node_data(g: &RelGraph, n: petgraph::graph::NodeIndex) -> serde_json::Value {
    let p = crate::query::profile(g, n);
    let mut v = serde_json::to_value(&p).unwrap_or_default();
    if let Some(edges) = v.get_mut("edges").and_then(|e| e.as_array_mut()) {
        for (e, view) in edges.iter_mut().zip(&p.edges) {
            e["details"] = crate::describe::details(&view.statement).into();
        }
    }
    v
}

/// JSON that cannot end the script element it sits in: `<`, `>` and `&` only occur inside JSON
/// strings, where their \u escapes mean the same. Control and bidi characters are \u escapes too
/// (`json_safe`), so none is a raw byte of the page; the page's script shows them as visible
/// escapes (`shown`) rather than letting an override reverse the text around it.
fn script_safe(json: &str) -> String {
    crate::sanitize::json_safe(json.to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The `<svg ...>...</svg>` element of an SVG document (without its XML prolog and doctype).
fn svg_element(svg: &str) -> &str {
    svg.find("<svg").map_or("", |i| &svg[i..])
}

const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>relgraph</title>
<style>
body { margin: 0; font-family: Helvetica, Arial, sans-serif; display: flex; height: 100vh; }
#side { width: 30em; overflow: auto; padding: 0.8em; border-right: 1px solid #ccc; box-sizing: border-box; }
#picture { flex: 1; overflow: auto; }
#picture svg { max-width: none; }
#search { width: 100%; font-size: 1em; padding: 0.3em; box-sizing: border-box; }
#results li, #panel .edge { cursor: pointer; }
#results li:hover { background: #eef; }
.evidence { font-family: monospace; font-size: 0.85em; color: #333; margin: 0.2em 0 0.6em 1em; white-space: pre-wrap; }
.selected polygon, .selected ellipse, .selected path { stroke: #e69138 !important; stroke-width: 3px !important; }
g.node, g.edge { cursor: pointer; }
#note { color: #777; font-size: 0.8em; }
</style>
</head>
<body>
<div id="side">
<input id="search" type="search" placeholder="Search entities" aria-label="Search entities">
<ul id="results"></ul>
<div id="panel"><p>Click an entity or a relation in the diagram, or search.</p></div>
<p id="note"></p>
</div>
<div id="picture"><!--SVG--></div>
<script type="application/json" id="data">/*DATA*/</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const byId = new Map(data.nodes.map(n => [n.id, n]));
const byName = new Map(data.nodes.map(n => [n.name, n]));
document.getElementById("note").textContent = shown(data.note);

// Filing text is untrusted: controls (ESC, U+009B), bidi marks, overrides and isolates, and line
// separators are shown as \u{...} escapes, as the terminal shows them, instead of acting on the
// text around them. The same set as sanitize::is_hidden_control, plus the zero-width characters.
function shown(text) {
  return String(text).replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    c => "\\u{" + c.charCodeAt(0).toString(16) + "}");
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = shown(text);
  if (cls) e.className = cls;
  return e;
}

function evidence(list, into) {
  for (const ev of list) {
    into.appendChild(el("div", ev.filing + ":" + ev.line + "  \u201c" + ev.text + "\u201d", "evidence"));
  }
}

function highlight(ids) {
  document.querySelectorAll(".selected").forEach(e => e.classList.remove("selected"));
  document.querySelectorAll("g.node, g.edge").forEach(g => {
    const t = g.querySelector("title");
    if (t && ids.includes(t.textContent)) g.classList.add("selected");
  });
}

function showNode(id) {
  const n = byId.get(id);
  if (!n) return;
  const panel = document.getElementById("panel");
  panel.replaceChildren();
  panel.appendChild(el("h2", n.name));
  panel.appendChild(el("p", n.kind + " \u00b7 id " + n.id));
  if (n.aliases.length) panel.appendChild(el("p", "also called: " + n.aliases.join("; ")));
  for (const [k, v] of Object.entries(n.identifiers)) panel.appendChild(el("p", k + ": " + v));
  panel.appendChild(el("h3", "Relations"));
  for (const e of n.edges) {
    const d = el("div", e.source + " \u2014" + e.kind + e.details + "\u2192 " + e.target, "edge");
    d.addEventListener("click", () => { const o = byName.get(e.source === n.name ? e.target : e.source); if (o) showNode(o.id); });
    panel.appendChild(d);
    evidence(e.evidence, panel);
  }
  panel.appendChild(el("h3", "Filings"));
  for (const f of n.filings) panel.appendChild(el("div", f, "evidence"));
  highlight([id]);
}

function showEdge(source, target) {
  const s = byId.get(source), t = byId.get(target);
  if (!s || !t) return;
  const panel = document.getElementById("panel");
  panel.replaceChildren();
  panel.appendChild(el("h2", s.name + " \u2192 " + t.name));
  for (const e of s.edges.filter(e => e.source === s.name && e.target === t.name)) {
    panel.appendChild(el("div", e.kind + e.details, "edge"));
    evidence(e.evidence, panel);
  }
  highlight([source + "->" + target]);
}

document.querySelectorAll("g.node").forEach(g => g.addEventListener("click", () => {
  const t = g.querySelector("title");
  if (t) showNode(t.textContent);
}));
document.querySelectorAll("g.edge").forEach(g => g.addEventListener("click", () => {
  const t = g.querySelector("title");
  if (!t) return;
  const [s, d] = t.textContent.split("->");
  showEdge(s, d);
}));

document.getElementById("search").addEventListener("input", ev => {
  const q = ev.target.value.trim().toLowerCase();
  const results = document.getElementById("results");
  results.replaceChildren();
  if (!q) return;
  const hits = data.nodes.filter(n => n.name.toLowerCase().includes(q) || n.aliases.some(a => a.toLowerCase().includes(q)));
  for (const n of hits.slice(0, 20)) {
    const li = el("li", n.name + " (" + n.kind + ")");
    li.addEventListener("click", () => showNode(n.id));
    results.appendChild(li);
  }
});
</script>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;
    use crate::model::NodeKind;

    /// A graph of one fund named `name`.
    fn one_fund(name: &str) -> RelGraph {
        RelGraph::from_parts(
            vec![Node {
                id: "n-x".into(),
                name: name.into(),
                kind: NodeKind::Fund,
                aliases: vec![],
                identifiers: Default::default(),
                evidence: vec![],
            }],
            vec![],
            vec![],
        )
    }

    #[test]
    fn hostile_names_stay_inside_the_data() {
        let g = one_fund("</script><script>alert(1)</script> & <b>");
        let html = page(&g, "<?xml?><svg></svg>", "note");
        assert_eq!(html.matches("</script>").count(), 2, "only the page's own");
        assert!(html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
        assert!(!html.contains("<?xml"));
        let data = html.split("id=\"data\">").nth(1).unwrap();
        let json = data.split("</script>").next().unwrap();
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(
            v["nodes"][0]["name"],
            "</script><script>alert(1)</script> & <b>"
        );
    }

    #[test]
    fn control_and_bidi_characters_are_not_raw_bytes_of_the_page() {
        let name = "Red\u{1b}[31m \u{9b}2J \u{202e}dnuF\u{202c} \u{2066}x\u{2069}\u{2028}";
        let g = one_fund(name);
        let html = page(&g, "<svg></svg>", "note");
        let raw: Vec<char> = html
            .chars()
            .filter(|&c| crate::sanitize::is_hidden_control(c) && c != '\n')
            .collect();
        assert!(raw.is_empty(), "raw controls in the page: {raw:?}");
        let data = html.split("id=\"data\">").nth(1).unwrap();
        let json = data.split("</script>").next().unwrap();
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(v["nodes"][0]["name"], name, "the data itself is unchanged");
    }
}
