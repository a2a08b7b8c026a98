//! `relgraph explain NAME`: which written names became the entity, from which filings, by which
//! rule or score, and which close names were kept apart and why.

use crate::error::Error;
use crate::graph::Node;
use crate::names::norm_key;
use crate::sanitize::sanitize;
use crate::store::Store;
use serde_json::json;
use std::path::Path;

pub fn run(db: &Path, name: &str, as_json: bool) -> Result<u8, Error> {
    let store = Store::open_existing(db)?;
    let graph = store.graph()?;
    let key = norm_key(name);
    let found: Option<&Node> = graph
        .nodes()
        .find(|n| norm_key(&n.name) == key || n.id == name)
        .or_else(|| {
            graph
                .nodes()
                .find(|n| n.aliases.iter().any(|a| norm_key(a) == key))
        });
    let Some(node) = found else {
        let mut close: Vec<(f64, &str)> = graph
            .nodes()
            .map(|n| {
                (
                    crate::resolve::jaro::jaro_winkler(&norm_key(&n.name), &key),
                    n.name.as_str(),
                )
            })
            .collect();
        close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        eprintln!("relgraph: no entity named \"{}\"", sanitize(name));
        if let Some((score, best)) = close.first().filter(|(s, _)| *s >= 0.8) {
            eprintln!(
                "did you mean \"{}\"? (similarity {score:.2})",
                sanitize(best)
            );
        }
        return Ok(1);
    };
    let crate::store::Explanation {
        spellings,
        merges,
        near_misses: near,
    } = store.explanation(&node.id)?;
    if as_json {
        let doc = json!({"id": node.id, "name": node.name, "kind": node.kind.as_str(), "identifiers": node.identifiers,
            "spellings": spellings, "merges": merges, "near_misses": near});
        // names as written, control and bidi characters as \u escapes (see sanitize::json_safe)
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        out!("{}", crate::sanitize::json_safe(text));
        return Ok(0);
    }
    let ids: Vec<String> = node
        .identifiers
        .iter()
        .map(|(k, v)| sanitize(&format!("{k} {v}")))
        .collect();
    out!(
        "{} ({}, id {}{})",
        sanitize(&node.name),
        node.kind.as_str(),
        sanitize(&node.id),
        if ids.is_empty() {
            String::new()
        } else {
            format!(", {}", ids.join(", "))
        }
    );
    if !node.aliases.is_empty() {
        out!(
            "also called: {}",
            node.aliases
                .iter()
                .map(|a| format!("\"{}\"", sanitize(a)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out!("written as:");
    for s in &spellings {
        out!("  \"{}\" in {}", sanitize(&s.name), sanitize(&s.filing));
    }
    if !merges.is_empty() {
        out!("merged because:");
        for m in &merges {
            out!(
                "  \"{}\" = \"{}\": {}",
                sanitize(&m.a),
                sanitize(&m.b),
                sanitize(&m.rule)
            );
        }
    }
    if !near.is_empty() {
        out!("kept apart from:");
        for n in &near {
            let (mine, other, other_id) = if n.a_entity == node.id {
                (&n.a, &n.b, &n.b_entity)
            } else {
                (&n.b, &n.a, &n.a_entity)
            };
            out!(
                "  \"{}\" ({}) vs \"{}\": {} (similarity {:.2})",
                sanitize(other),
                sanitize(other_id),
                sanitize(mine),
                sanitize(&n.reason),
                n.score
            );
        }
    }
    Ok(0)
}
