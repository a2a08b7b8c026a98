//! `resolve`: the parties of every filing -> entities. Mentions merge when they share a CIK or the
//! same normalised name; two different CIKs never merge, and a name shared by entities of different
//! CIKs stays apart from both. Look-alike names with different legal forms (an LLP and an LP) have
//! different keys and so never merge. Fuzzy matching across spellings comes later; every rule here
//! is exact, so its merges need no review.

use crate::model::{Evidence, Facts, NodeKind};
use crate::names::{norm_key, slug};
use std::collections::{BTreeMap, BTreeSet};

/// One real-world entity, with everything the filings say identifies it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: NodeKind,
    pub aliases: BTreeSet<String>,
    pub identifiers: BTreeMap<String, String>,
    pub evidence: BTreeSet<Evidence>,
}

/// The entities, and which entity each (filing, name key) mention belongs to.
#[derive(Debug, Default)]
pub struct Resolution {
    pub entities: Vec<Entity>,
    mentions: BTreeMap<(String, String), usize>,
    by_key: BTreeMap<String, usize>,
}

impl Resolution {
    /// The entity a name used in `filing` refers to.
    pub fn lookup(&self, filing: &str, name: &str) -> Option<usize> {
        let key = norm_key(name);
        self.mentions
            .get(&(filing.to_string(), key.clone()))
            .or_else(|| self.by_key.get(&key))
            .copied()
    }
}

/// A party of one filing, flattened for clustering.
struct Mention<'a> {
    filing: &'a str,
    key: String,
    keys: Vec<String>,
    cik: Option<String>,
    party: &'a crate::model::Party,
}

/// Resolves the parties of all filings. `facts` must be in a fixed order (the store sorts them) so
/// that ids and names do not depend on the order files were given.
pub fn resolve(facts: &[Facts]) -> Resolution {
    let mentions: Vec<Mention> = facts
        .iter()
        .flat_map(|f| {
            f.parties.iter().map(move |p| Mention {
                filing: &f.filing,
                key: norm_key(&p.name),
                keys: std::iter::once(norm_key(&p.name))
                    .chain(
                        p.aliases
                            .iter()
                            .filter(|a| is_name_alias(a, p))
                            .map(|a| norm_key(a)),
                    )
                    .collect(),
                cik: p
                    .ids
                    .cik
                    .clone()
                    .map(|c| c.trim_start_matches('0').to_string()),
                party: p,
            })
        })
        .filter(|m| !m.key.is_empty())
        .collect();
    // Which CIKs each name key has been seen with.
    let mut key_ciks: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for m in &mentions {
        if let Some(cik) = &m.cik {
            for k in &m.keys {
                key_ciks.entry(k.as_str()).or_default().insert(cik.as_str());
            }
        }
    }
    let cluster_of = |m: &Mention| -> String {
        if let Some(cik) = &m.cik {
            return format!("cik-{cik}");
        }
        match key_ciks.get(m.key.as_str()) {
            Some(ciks) if ciks.len() == 1 => {
                format!("cik-{}", ciks.iter().next().copied().unwrap_or_default())
            }
            _ => format!("n-{}", slug(&m.key)),
        }
    };
    let mut clusters: BTreeMap<String, Vec<&Mention>> = BTreeMap::new();
    for m in &mentions {
        clusters.entry(cluster_of(m)).or_default().push(m);
    }
    let mut res = Resolution::default();
    for (id, members) in clusters {
        let index = res.entities.len();
        for m in &members {
            res.mentions
                .insert((m.filing.to_string(), m.key.clone()), index);
            for k in &m.keys {
                res.mentions
                    .entry((m.filing.to_string(), k.clone()))
                    .or_insert(index);
            }
            res.by_key.entry(m.key.clone()).or_insert(index);
        }
        res.entities.push(entity(id, &members));
    }
    res
}

/// Aliases that are other spellings of the name (conformed header names), not defined terms such
/// as "the Master Fund" that mean something only inside one filing.
fn is_name_alias(alias: &str, p: &crate::model::Party) -> bool {
    let words =
        |s: &str| -> BTreeSet<String> { norm_key(s).split(' ').map(str::to_string).collect() };
    let (a, n) = (words(alias), words(&p.name));
    a.len() > 1 && a == n
}

fn entity(id: String, members: &[&Mention]) -> Entity {
    let kind = members
        .iter()
        .map(|m| m.party.kind)
        .max_by_key(|k| kind_rank(*k))
        .unwrap_or(NodeKind::Company);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in members {
        *counts.entry(m.party.name.as_str()).or_default() += 1;
    }
    let name = counts
        .iter()
        .max_by(|(a, ca), (b, cb)| {
            (!crate::names::is_all_caps(a), **ca)
                .cmp(&(!crate::names::is_all_caps(b), **cb))
                .then_with(|| b.cmp(a))
        })
        .map(|(n, _)| n.to_string())
        .unwrap_or_default();
    let mut aliases: BTreeSet<String> = members
        .iter()
        .flat_map(|m| std::iter::once(m.party.name.clone()).chain(m.party.aliases.iter().cloned()))
        .collect();
    aliases.remove(&name);
    let mut identifiers = BTreeMap::new();
    for m in members {
        if let Some(cik) = &m.party.ids.cik {
            identifiers
                .entry("cik".to_string())
                .or_insert_with(|| cik.clone());
        }
        if let Some(irs) = &m.party.ids.irs {
            identifiers
                .entry("irs".to_string())
                .or_insert_with(|| irs.clone());
        }
    }
    let evidence = members
        .iter()
        .flat_map(|m| m.party.evidence.iter().cloned())
        .collect();
    Entity {
        id,
        name,
        kind,
        aliases,
        identifiers,
        evidence,
    }
}

/// When filings disagree on a kind, the most specific wins: a person is a person; a manager that
/// is also managed is still a manager; an issuer is a company whose securities a filing is about.
fn kind_rank(k: NodeKind) -> u8 {
    match k {
        NodeKind::Individual => 5,
        NodeKind::Manager => 4,
        NodeKind::Fund => 3,
        NodeKind::Issuer => 2,
        NodeKind::Company => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Identifiers, Party};

    fn party(name: &str, cik: Option<&str>, kind: NodeKind) -> Party {
        Party {
            name: name.into(),
            kind,
            aliases: vec![],
            ids: Identifiers {
                cik: cik.map(str::to_string),
                irs: None,
            },
            citizenship: None,
            address: None,
            type_codes: vec![],
            reporting_person: true,
            evidence: vec![],
        }
    }

    fn facts(filing: &str, parties: Vec<Party>) -> Facts {
        Facts {
            filing: filing.into(),
            path: filing.into(),
            form: "SC 13G".into(),
            amendment: None,
            filed: None,
            subject: None,
            parties,
            holdings: vec![],
            relations: vec![],
            group: vec![],
            transactions: vec![],
            transaction_check: None,
            warnings: vec![],
        }
    }

    #[test]
    fn same_name_merges_and_ciks_veto() {
        let r = resolve(&[
            facts(
                "a",
                vec![
                    party("8X8, INC.", Some("0000785557"), NodeKind::Issuer),
                    party("Alpha Fund LP", None, NodeKind::Fund),
                ],
            ),
            facts(
                "b",
                vec![
                    party("8x8, Inc.", None, NodeKind::Issuer),
                    party("Alpha Fund L.P.", Some("1"), NodeKind::Fund),
                    party("Alpha Fund LLP", None, NodeKind::Manager),
                ],
            ),
            facts("c", vec![party("Alpha Fund LP", Some("2"), NodeKind::Fund)]),
        ]);
        let names: Vec<(&str, &str)> = r
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("cik-1", "Alpha Fund L.P."),
                ("cik-2", "Alpha Fund LP"),
                ("cik-785557", "8x8, Inc."),
                ("n-alpha-fund-llp", "Alpha Fund LLP"),
                ("n-alpha-fund-lp", "Alpha Fund LP")
            ]
        );
        assert_eq!(r.lookup("b", "8X8 INC"), Some(2));
    }
}
