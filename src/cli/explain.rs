//! `relgraph explain NAME`: which written names became the entity, from which filings, by which
//! rule or score, and which close names were kept apart and why.

use crate::error::Error;
use crate::names::norm_key;
use crate::query::{Index, Lookup};
use crate::sanitize::sanitize;
use crate::store::Store;
use serde_json::json;
use std::path::Path;

pub fn run(db: &Path, name: &str, as_json: bool) -> Result<u8, Error> {
    let store = Store::open_existing(db)?;
    let graph = store.graph()?;
    // the one look-up of names as typed, as `query` and `--focus` use it
    let index = Index::new(&graph);
    let found = match index.lookup(name) {
        Lookup::Found(n) => n,
        // A name or defined term several entities share ("the Fund"): explain answers, as it
        // always has, with the first of them (in id order) that has it as its name, else as an
        // alias. Shared by the starts of several names, it is ambiguous, as for `query`.
        Lookup::Ambiguous(candidates) => match index.exact(name) {
            [] => {
                super::query::say_ambiguous(name, &candidates);
                return Ok(1);
            }
            exact => {
                let key = norm_key(name);
                let named = exact
                    .iter()
                    .find(|n| norm_key(&graph.graph[**n].name) == key);
                *named.unwrap_or(&exact[0])
            }
        },
        Lookup::NotFound(close) => {
            eprintln!("relgraph: no entity named \"{}\"", sanitize(name));
            if let Some(best) = close.first() {
                eprintln!(
                    "did you mean \"{}\"? (similarity {:.2})",
                    sanitize(&best.name),
                    best.score
                );
            }
            return Ok(1);
        }
    };
    let node = &graph.graph[found];
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
