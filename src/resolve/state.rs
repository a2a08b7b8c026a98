//! What an incremental build needs to redo part of a resolution instead of all of it.
//!
//! Every step of [`super::resolve`] decides from the clusters of the two mentions it joins, so the
//! resolution falls apart into *components*: the sets of keys that a join attempt, a comparison
//! that can join or explain (a near-miss), a shared CIK or IRS number, a conformed-name alias or an
//! override ties together. Resolving one component alone, with its mentions and pairs in the
//! global order, gives what the whole resolution gives it. An incremental build therefore keeps,
//! for every key, its component (named by its smallest key), what blocks it (its description's
//! person flag and prefixes, from the first mention's spelling), and the entity each filing's
//! look-up of it finds; new filings then reach a few components, and only those are resolved
//! again (see `crate::incremental`).

use super::{FastMap, Mention, Overrides, Resolution, Similar};
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// One distinct key of a resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyState {
    pub key: String,
    /// The smallest key of its component.
    pub comp: String,
    /// Its description's person flag and blocking prefixes (space-separated).
    pub person: bool,
    pub prefixes: String,
    /// The first mention: its spelling (what the key's description is made from), filing and
    /// path (what "first" is ordered by).
    pub name: String,
    pub first_filing: String,
    pub first_path: String,
    /// The entity a filing that names the key without listing it finds.
    pub entity: String,
    /// The entity of the first mention (the one a near-miss names).
    pub first_entity: String,
}

/// A look-up a filing's own parties answer: (filing, key) -> entity, in a component.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LookupRow {
    pub filing: String,
    pub key: String,
    pub entity: String,
    pub comp: String,
}

/// The state of a resolution, by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub keys: Vec<KeyState>,
    /// ("cik" or "irs", the number as compared, key): who else a new number reaches.
    pub ids: Vec<(String, String, String)>,
    /// (alias key, key of the mention that gives it): who a new key is the conformed name of.
    pub aliases: Vec<(String, String)>,
    pub lookups: Vec<LookupRow>,
}

/// The state as far as the clustering knows it; [`Parts::into_state`] adds the entities.
pub(super) struct Parts {
    keys: Vec<KeyState>,
    /// each key's first mention
    firsts: Vec<usize>,
    ids: Vec<(String, String, String)>,
    aliases: Vec<(String, String)>,
}

impl Parts {
    pub(super) fn of(
        mentions: &[Mention],
        by_key: &BTreeMap<String, Vec<usize>>,
        similar: &Similar,
        overrides: &Overrides,
    ) -> Parts {
        let keys: Vec<&String> = by_key.keys().collect();
        let index: FastMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut uf = UnionFind::<usize>::new(keys.len());
        for &(i, j) in &similar.links {
            uf.union(i, j);
        }
        // the rows to keep, gathered and sorted on every core
        let mut ids: Vec<(String, String, String)> = mentions
            .par_iter()
            .flat_map_iter(|m| {
                [("cik", &m.cik), ("irs", &m.irs)]
                    .into_iter()
                    .filter_map(|(kind, v)| {
                        Some((kind.to_string(), v.as_ref()?.clone(), m.key.clone()))
                    })
            })
            .collect();
        ids.par_sort_unstable();
        ids.dedup();
        let mut aliases: Vec<(String, String)> = mentions
            .par_iter()
            .flat_map_iter(|m| m.alias_keys.iter().map(|a| (a.clone(), m.key.clone())))
            .collect();
        aliases.par_sort_unstable();
        aliases.dedup();
        let mut by_id: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut by_alias: FastMap<&str, usize> = FastMap::default();
        for m in mentions {
            let i = index[m.key.as_str()];
            for a in &m.alias_keys {
                if let Some(&j) = index.get(a.as_str()) {
                    uf.union(i, j);
                }
                // two parties giving one alias write the same look-up: one component
                if let Some(&j) = by_alias.get(a.as_str()) {
                    uf.union(i, j);
                }
                by_alias.entry(a.as_str()).or_insert(i);
            }
            for (kind, value) in [("cik", &m.cik), ("irs", &m.irs)] {
                if let Some(v) = value {
                    match by_id.get(&(kind, v.as_str())) {
                        Some(&j) => {
                            uf.union(i, j);
                        }
                        None => {
                            by_id.insert((kind, v.as_str()), i);
                        }
                    }
                }
            }
        }
        for (a, b, _) in overrides
            .same_pairs()
            .into_iter()
            .chain(overrides.different_pairs())
        {
            if let (Some(&i), Some(&j)) = (index.get(a.as_str()), index.get(b.as_str())) {
                uf.union(i, j);
            }
        }
        // a component is named by its smallest key: the first index of its members, keys being sorted
        let mut smallest: FastMap<usize, usize> = FastMap::default();
        for i in 0..keys.len() {
            smallest.entry(uf.find(i)).or_insert(i);
        }
        let keys = keys
            .par_iter()
            .enumerate()
            .map(|(i, k)| {
                let first = &mentions[by_key[*k][0]];
                let info = &similar.infos[i];
                KeyState {
                    key: (*k).clone(),
                    comp: keys[smallest[&uf.find(i)]].clone(),
                    person: info.person,
                    prefixes: super::prefixes(info).join(" "),
                    name: first.party.name.clone(),
                    first_filing: first.filing.to_string(),
                    first_path: first.path.to_string(),
                    entity: String::new(),
                    first_entity: String::new(),
                }
            })
            .collect();
        Parts {
            keys,
            firsts: by_key.values().map(|m| m[0]).collect(),
            ids,
            aliases,
        }
    }

    pub(super) fn into_state(self, res: &Resolution, entity_of: &[usize]) -> State {
        let Parts {
            mut keys,
            firsts,
            ids,
            aliases,
        } = self;
        let comp_of: FastMap<&str, &str> = keys
            .iter()
            .map(|k| (k.key.as_str(), k.comp.as_str()))
            .collect();
        // an entity's keys are all of one component; an alias look-up takes its entity's
        let entity_comp: FastMap<&str, &str> = res
            .par_in_filing_lookups()
            .filter_map(|(_, key, entity)| Some((entity, *comp_of.get(key)?)))
            .collect();
        let mut lookups: Vec<LookupRow> = res
            .par_in_filing_lookups()
            .map(|(filing, key, entity)| LookupRow {
                filing: filing.to_string(),
                key: key.to_string(),
                entity: entity.to_string(),
                comp: entity_comp.get(entity).copied().unwrap_or(key).to_string(),
            })
            .collect();
        lookups.par_sort_unstable();
        keys.par_iter_mut().zip(firsts).for_each(|(k, first)| {
            k.entity = res.by_key_id(&k.key).unwrap_or_default().to_string();
            k.first_entity = res.entities[entity_of[first]].id.clone();
        });
        State {
            keys,
            ids,
            aliases,
            lookups,
        }
    }
}
