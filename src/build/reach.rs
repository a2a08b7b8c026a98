//! What new filings reach (step 1 of an incremental build, see `incremental.rs`): the stored keys
//! and the blocks of candidates they make ([`Known`]), and the components and keys the new
//! filings reach ([`Reach`]): those of the keys they mention, of the CIKs, IRS numbers and
//! conformed names they carry, of override pairs naming a new key, of names a *changed* key can
//! join, and of every name in a block whose size crosses the cap.

use crate::model::{Facts, Party};
use crate::resolve::compare::{compare_from, NameInfo, NEAR_MISS};
use crate::resolve::state::KeyState;
use crate::resolve::{self, links_keys, Overrides, PartyKeys, BLOCK_CAP};
use crate::store::{Store, StoreError};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Why the update cannot be made in place (the build then computes everything).
pub type Refusal = &'static str;

/// The stored keys, and the blocks of candidates they make.
pub(super) struct Known {
    pub(super) keys: HashMap<String, KeyState>,
    comp_keys: HashMap<String, Vec<String>>,
    /// prefix -> keys, in key order
    blocks: HashMap<String, Vec<String>>,
}

impl Known {
    pub(super) fn load(store: &Store) -> Result<Known, StoreError> {
        let mut keys = HashMap::new();
        let mut comp_keys: HashMap<String, Vec<String>> = HashMap::new();
        let mut blocks: HashMap<String, Vec<String>> = HashMap::new();
        for k in store.state_keys()? {
            comp_keys
                .entry(k.comp.clone())
                .or_default()
                .push(k.key.clone());
            for p in k.prefixes.split(' ').filter(|p| !p.is_empty()) {
                blocks.entry(p.to_string()).or_default().push(k.key.clone());
            }
            keys.insert(k.key.clone(), k);
        }
        Ok(Known {
            keys,
            comp_keys,
            blocks,
        })
    }

    fn comp(&self, key: &str) -> Option<&str> {
        self.keys.get(key).map(|k| k.comp.as_str())
    }
}

/// A key whose description the new filings make or change: a new key, or an old one whose
/// first mention is now a new filing's, spelt otherwise. Its pairs are all compared again.
pub(super) struct Change {
    info: NameInfo,
    prefixes: Vec<String>,
    /// Its prefixes before (none for a new key).
    old_prefixes: Vec<String>,
}

impl Change {
    fn of(name: &str, old_prefixes: Vec<String>) -> Change {
        let info = NameInfo::new(name);
        Change {
            prefixes: resolve::prefixes(&info),
            info,
            old_prefixes,
        }
    }
}

/// What the new filings reach: the old components, and every key to resolve again.
pub(super) struct Reach {
    pub(super) comps: BTreeSet<String>,
    pub(super) keys: HashSet<String>,
    pub(super) changed: BTreeMap<String, Change>,
    /// The changed keys by prefix.
    changed_blocks: HashMap<String, Vec<String>>,
    /// Near-misses between a changed key and an unchanged one: (smaller key, other key, reason,
    /// score).
    pub(super) near: Vec<(String, String, String, f64)>,
}

/// Reaches the component of a stored `key` (a key not stored has none).
fn reach_key(comps: &mut BTreeSet<String>, known: &Known, key: &str) {
    if let Some(c) = known.comp(key) {
        comps.insert(c.to_string());
    }
}

impl Reach {
    pub(super) fn of(
        store: &Store,
        known: &Known,
        new_facts: &[Facts],
        overrides: &Overrides,
    ) -> Result<Result<Reach, Refusal>, StoreError> {
        let mut reach = Reach {
            comps: BTreeSet::new(),
            keys: HashSet::new(),
            changed: BTreeMap::new(),
            changed_blocks: HashMap::new(),
            near: Vec::new(),
        };
        if let Err(why) = reach.parties(store, known, new_facts)? {
            return Ok(Err(why));
        }
        reach.new_keys(store, known, overrides)?;
        for (k, c) in &reach.changed {
            for p in &c.prefixes {
                let block = reach.changed_blocks.entry(p.clone()).or_default();
                block.push(k.clone());
            }
        }
        reach.reach_blocks(known);
        let mut keys: HashSet<String> = reach.changed.keys().cloned().collect();
        for c in &reach.comps {
            keys.extend(known.comp_keys.get(c).into_iter().flatten().cloned());
        }
        reach.keys = keys;
        Ok(Ok(reach))
    }

    /// The components and the changed keys of the new filings' parties.
    fn parties(
        &mut self,
        store: &Store,
        known: &Known,
        new_facts: &[Facts],
    ) -> Result<Result<(), Refusal>, StoreError> {
        let mut seen: HashSet<String> = HashSet::new();
        // the new facts come in resolution order: a key's first new mention is the earliest
        for f in new_facts {
            for p in &f.parties {
                let pk = PartyKeys::of(p);
                if pk.key.is_empty() {
                    continue;
                }
                let first_new = seen.insert(pk.key.clone());
                if let Err(why) = self.party(known, f, p, &pk.key, first_new) {
                    return Ok(Err(why));
                }
                self.links(store, known, &pk)?;
            }
        }
        Ok(Ok(()))
    }

    /// A party of the new filing `f` under `key`: its component if the key is stored, and the key
    /// as changed if this is its first new mention and it is new, or comes before the key's first
    /// mention spelt otherwise.
    fn party(
        &mut self,
        known: &Known,
        f: &Facts,
        p: &Party,
        key: &str,
        first_new: bool,
    ) -> Result<(), Refusal> {
        match known.keys.get(key) {
            Some(k) => {
                let here = (f.filing.as_str(), f.path.as_str());
                let first = (k.first_filing.as_str(), k.first_path.as_str());
                if here == first {
                    return Err("a new file has the path and number of a stored one");
                }
                if first_new && here < first && p.name != k.name {
                    let old = k.prefixes.split(' ').filter(|p| !p.is_empty());
                    let change = Change::of(&p.name, old.map(str::to_string).collect());
                    self.changed.insert(key.to_string(), change);
                }
                self.comps.insert(k.comp.clone());
            }
            None if first_new => {
                self.changed
                    .insert(key.to_string(), Change::of(&p.name, Vec::new()));
            }
            None => {}
        }
        Ok(())
    }

    /// The components of the stored keys a party shares a conformed name, a CIK or an IRS number
    /// with.
    fn links(&mut self, store: &Store, known: &Known, pk: &PartyKeys) -> Result<(), StoreError> {
        for a in &pk.alias_keys {
            reach_key(&mut self.comps, known, a);
            for k in store.keys_with_alias(a)? {
                reach_key(&mut self.comps, known, &k);
            }
        }
        for (kind, value) in [("cik", &pk.cik), ("irs", &pk.irs)] {
            if let Some(v) = value {
                for k in store.keys_with_id(kind, v)? {
                    reach_key(&mut self.comps, known, &k);
                }
            }
        }
        Ok(())
    }

    /// The components a new key reaches besides its own: those of the stored keys it is the
    /// conformed name of, and of both names of an override pair naming it.
    fn new_keys(
        &mut self,
        store: &Store,
        known: &Known,
        overrides: &Overrides,
    ) -> Result<(), StoreError> {
        let is_new = |k: &str| !known.keys.contains_key(k);
        for key in self.changed.keys().filter(|k| is_new(k)) {
            for k in store.keys_with_alias(key)? {
                reach_key(&mut self.comps, known, &k);
            }
        }
        for (a, b, _) in overrides
            .same_pairs()
            .into_iter()
            .chain(overrides.different_pairs())
        {
            let names_new = |k: &String| self.changed.contains_key(k) && is_new(k);
            if names_new(&a) || names_new(&b) {
                reach_key(&mut self.comps, known, &a);
                reach_key(&mut self.comps, known, &b);
            }
        }
        Ok(())
    }

    /// The candidate pairs among `keys` (the reached keys, sorted) as a resolution of all keys
    /// makes them: blocks are sized by every key, old and new.
    pub(super) fn pairs(
        &self,
        keys: &[&String],
        infos: &[NameInfo],
        known: &Known,
    ) -> Vec<(usize, usize)> {
        let index: HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut pairs = BTreeSet::new();
        let mut seen_blocks = HashSet::new();
        for info in infos {
            for prefix in resolve::prefixes(info) {
                if !seen_blocks.insert(prefix.clone()) {
                    continue;
                }
                let members = self.block(known, &prefix);
                if members.len() < 2 || members.len() > BLOCK_CAP {
                    continue;
                }
                let here: Vec<usize> = members
                    .iter()
                    .filter_map(|k| index.get(k.as_str()).copied())
                    .collect();
                for (x, &a) in here.iter().enumerate() {
                    for &b in &here[x + 1..] {
                        if infos[a].person == infos[b].person {
                            pairs.insert((a.min(b), a.max(b)));
                        }
                    }
                }
            }
        }
        pairs.into_iter().collect()
    }

    /// Every key with this blocking prefix now: the old members, less the changed keys that left,
    /// and the changed keys that have it.
    fn block<'a>(&'a self, known: &'a Known, prefix: &str) -> Vec<&'a String> {
        let old = known.blocks.get(prefix).into_iter().flatten();
        let mut members: Vec<&String> = old.filter(|k| !self.changed.contains_key(*k)).collect();
        members.extend(self.changed_blocks.get(prefix).into_iter().flatten());
        members
    }

    /// The blocks changed keys join or leave. A block that starts or stops being compared
    /// within (its size crosses the cap) has its members' components resolved again; in a block
    /// compared within, a changed key that can join an unchanged one reaches its component, and
    /// one close to it is a near-miss.
    fn reach_blocks(&mut self, known: &Known) {
        let prefixes: BTreeSet<String> = self
            .changed
            .values()
            .flat_map(|c| c.prefixes.iter().chain(&c.old_prefixes).cloned())
            .collect();
        let active = |n: usize| (2..=BLOCK_CAP).contains(&n);
        let mut infos: HashMap<String, NameInfo> = HashMap::new();
        let mut compared = HashSet::new();
        for prefix in prefixes {
            let before = known.blocks.get(&prefix).map_or(0, Vec::len);
            let members: Vec<String> = self.block(known, &prefix).into_iter().cloned().collect();
            if active(before) != active(members.len()) {
                for k in members
                    .iter()
                    .chain(known.blocks.get(&prefix).into_iter().flatten())
                {
                    if let Some(c) = known.comp(k) {
                        self.comps.insert(c.to_string());
                    }
                }
            }
            if !active(members.len()) {
                continue;
            }
            for c in members.iter().filter(|k| self.changed.contains_key(*k)) {
                let info = &self.changed[c].info;
                for o in members.iter().filter(|k| !self.changed.contains_key(*k)) {
                    if !compared.insert((c.clone(), o.clone())) {
                        continue;
                    }
                    let other = infos
                        .entry(o.clone())
                        .or_insert_with(|| NameInfo::new(&known.keys[o].name));
                    if info.person != other.person {
                        continue;
                    }
                    // in key order, as the whole resolution compares them
                    let (a, b, decision) = if c < o {
                        (c, o, compare_from(info, other, false, NEAR_MISS))
                    } else {
                        (o, c, compare_from(other, info, false, NEAR_MISS))
                    };
                    if links_keys(&decision) {
                        self.comps.insert(known.keys[o].comp.clone());
                    } else if let Some((reason, score)) = resolve::near_miss_of(decision) {
                        self.near
                            .push((a.to_string(), b.to_string(), reason.to_string(), score));
                    }
                }
            }
        }
    }
}
