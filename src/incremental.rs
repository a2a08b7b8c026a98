//! An incremental build: new filings change a few components of the resolution (see
//! `resolve::state`) and the edges of a few filings; only those are computed again, and the result
//! is what a full build of all the filings gives.
//!
//! 1. The components new filings reach: those of the keys they mention, of the CIKs, IRS numbers
//!    and conformed names they carry, of override pairs naming a new key, of names a *changed*
//!    key (a new one, or an old one whose first mention is now a new filing spelt otherwise) can
//!    join, and of every name in a block of candidates whose size crosses the cap (its pairs
//!    start or stop being compared).
//! 2. Those components are resolved again, alone, from their mentions in all filings.
//! 3. The filings whose look-ups now find another entity, and the new filings, have their edges
//!    made again: what they gave with the old look-ups is taken out of the stored edges, what they
//!    give now is put in.
//!
//! Anything this cannot redo exactly sends the build back to the full computation: a removed or
//! renamed filing, other overrides or another program (the digest check in `build`), a stored
//! name no party stands behind, a new file with the number and path of a stored one. New filings
//! that reach a third of the stored names are cheaper to compute in full (`worth_updating`).

use crate::build::Clock;
use crate::graph::{self, Builder, EdgeKey, EdgeMap};
use crate::model::{Evidence, Facts};
use crate::names::norm_key;
use crate::resolve::compare::{compare_from, NameInfo, NEAR_MISS};
use crate::resolve::state::{KeyState, LookupRow};
use crate::resolve::{self, links_keys, NearMiss, Overrides, PartyKeys, Resolution, BLOCK_CAP};
use crate::store::state::{EdgeUpdate, Update};
use crate::store::{Store, StoreError};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Why the update cannot be made in place (the build then computes everything).
pub type Refusal = &'static str;

/// Updates the stored resolution and graph for the filings `new` (hashes just stored). `Ok(Err)`
/// when it cannot; the caller runs it in one transaction (`Store::in_snapshot`) and then undoes
/// whatever it wrote.
pub fn update(
    store: &mut Store,
    new: &BTreeSet<String>,
    overrides: &Overrides,
    timings: &mut Vec<(&'static str, f64)>,
) -> Result<Result<(), Refusal>, StoreError> {
    let mut clock = Clock::start(timings);
    if !store.state_complete()? {
        return Ok(Err("the stored resolution is not complete"));
    }
    let new_files = store.facts_of(new)?;
    if new_files.is_empty() {
        return Ok(Ok(()));
    }
    let new_rows: Vec<(String, String)> = new_files
        .iter()
        .map(|(h, f)| (f.filing.clone(), h.clone()))
        .collect();
    let new_facts: Vec<Facts> = new_files.into_iter().map(|(_, f)| f).collect();
    clock.lap("update: new facts");
    let known = Known::load(store)?;
    clock.lap("update: load the state");
    let reach = match Reach::of(store, &known, &new_facts, overrides)? {
        Ok(r) => r,
        Err(why) => return Ok(Err(why)),
    };
    clock.lap("update: reach");
    if !worth_updating(&reach, &known) {
        return Ok(Err("the new filings reach a third of the stored names"));
    }
    // the components' mentions in every filing, and the new filings, in resolution order
    let old_rows = store.lookups_in(&reach.comps)?;
    clock.lap("update: the components' look-ups");
    let old_filings: BTreeSet<String> = old_rows.iter().map(|l| l.filing.clone()).collect();
    let mut hashes = store.hashes_of(&old_filings)?;
    hashes.extend(new.iter().cloned());
    clock.lap("update: their files");
    let names: Vec<Facts> = store
        .names_of(&hashes)?
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    clock.lap("update: read the components' filings");
    let pairs_of = |keys: &[&String], infos: &[NameInfo]| reach.pairs(keys, infos, &known);
    let mut mini = resolve::resolve_in(&names, overrides, Some(&reach.keys), &pairs_of);
    drop(names);
    clock.lap("update: resolve the components");
    if mini.state.keys.len() != reach.keys.len() {
        return Ok(Err("the stored look-ups do not cover the components"));
    }
    let redo = Redo::of(store, &known, &reach, &old_rows, &mini, &new_facts)?;
    if std::env::var_os("RELGRAPH_INCREMENTAL_TRACE").is_some() {
        let described = reach.changed.keys().filter(|k| known.keys.contains_key(*k));
        eprintln!(
            "incremental: {} new file(s) reach {} of {} keys ({} component(s)); {} key(s) new, {} described anew; {} filing(s) redone",
            new_facts.len(),
            reach.keys.len(),
            known.keys.len(),
            reach.comps.len(),
            reach.changed.len() - described.clone().count(),
            described.count(),
            redo.filings.len()
        );
    }
    clock.lap("update: filings to redo");
    let mut old_entities: BTreeSet<String> = old_rows.iter().map(|l| l.entity.clone()).collect();
    old_entities.extend(
        reach
            .keys
            .iter()
            .filter_map(|k| known.keys.get(k))
            .map(|k| k.entity.clone()),
    );
    let mut nodes: Vec<graph::Node> = mini.entities.iter().cloned().map(graph::node).collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    nodes.dedup_by(|a, b| a.id == b.id);
    let near_misses = near_misses(store, &known, &reach, &mini, &old_entities)?;
    let update = Update {
        old_comps: reach.comps.clone(),
        old_entities,
        nodes,
        near_misses,
        spellings: std::mem::take(&mut mini.spellings),
        merges: std::mem::take(&mut mini.merges),
        state: std::mem::take(&mut mini.state),
        filings: new_rows,
    };
    clock.lap("update: the components' rows");
    // The edges are made again on a second, read-only connection, which sees the store as it was
    // (this one's writes are not committed), while this one writes the resolution's rows.
    let path = store.path().to_string();
    let (edges, written) = std::thread::scope(|scope| {
        let edges = scope.spawn(|| {
            let reader = Store::open_existing(std::path::Path::new(&path))?;
            redo.edges(&reader, &known, &reach, &mini, &new_facts)
        });
        let written = store.apply_update(&update);
        let edges = edges
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (edges, written)
    });
    written?;
    clock.lap("update: write the components' rows while redoing the edges");
    let edges = match edges? {
        Ok(e) => e,
        Err(why) => return Ok(Err(why)),
    };
    store.apply_edges(&edges)?;
    clock.lap("update: write the edges");
    Ok(Ok(()))
}

/// Whether updating in place is cheaper than computing whole. What the update saves is the stored
/// names it need not resolve again; what it costs beyond a whole build grows with the stored
/// names it does reach (their components' filings read again, their old rows and edges taken
/// out). New names cost the same either way, so they are not counted: a batch of filings about
/// new issuers and holders touches little that is stored, however many names it brings.
/// Measured on 20,000 generated filings (docs/performance.md): reaching 68% of the stored names,
/// the update took 5.2 s and the whole build 4.3 s; at the +1% of bench/incremental.sh it takes
/// a tenth of the whole. Below 3,000 reached names both take well under a second.
fn worth_updating(reach: &Reach, known: &Known) -> bool {
    let stored_reached = reach
        .keys
        .iter()
        .filter(|k| known.keys.contains_key(*k))
        .count();
    stored_reached * 3 <= known.keys.len().max(3000)
}

/// The stored keys, and the blocks of candidates they make.
struct Known {
    keys: HashMap<String, KeyState>,
    comp_keys: HashMap<String, Vec<String>>,
    /// prefix -> keys, in key order
    blocks: HashMap<String, Vec<String>>,
}

impl Known {
    fn load(store: &Store) -> Result<Known, StoreError> {
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
struct Change {
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
struct Reach {
    comps: BTreeSet<String>,
    keys: HashSet<String>,
    changed: BTreeMap<String, Change>,
    /// The changed keys by prefix.
    changed_blocks: HashMap<String, Vec<String>>,
    /// Near-misses between a changed key and an unchanged one: (smaller key, other key, reason,
    /// score).
    near: Vec<(String, String, String, f64)>,
}

impl Reach {
    fn of(
        store: &Store,
        known: &Known,
        new_facts: &[Facts],
        overrides: &Overrides,
    ) -> Result<Result<Reach, Refusal>, StoreError> {
        let mut comps = BTreeSet::new();
        let mut changed: BTreeMap<String, Change> = BTreeMap::new();
        let mut seen: HashSet<String> = HashSet::new();
        let reach_key = |comps: &mut BTreeSet<String>, key: &str| {
            if let Some(c) = known.comp(key) {
                comps.insert(c.to_string());
            }
        };
        // the new facts come in resolution order: a key's first new mention is the earliest
        for f in new_facts {
            for p in &f.parties {
                let pk = PartyKeys::of(p);
                if pk.key.is_empty() {
                    continue;
                }
                let first_new = seen.insert(pk.key.clone());
                match known.keys.get(&pk.key) {
                    Some(k) => {
                        let here = (f.filing.as_str(), f.path.as_str());
                        let first = (k.first_filing.as_str(), k.first_path.as_str());
                        if here == first {
                            return Ok(Err("a new file has the path and number of a stored one"));
                        }
                        if first_new && here < first && p.name != k.name {
                            let old = k.prefixes.split(' ').filter(|p| !p.is_empty());
                            let change = Change::of(&p.name, old.map(str::to_string).collect());
                            changed.insert(pk.key.clone(), change);
                        }
                        comps.insert(k.comp.clone());
                    }
                    None if first_new => {
                        changed.insert(pk.key.clone(), Change::of(&p.name, Vec::new()));
                    }
                    None => {}
                }
                for a in &pk.alias_keys {
                    reach_key(&mut comps, a);
                    for k in store.keys_with_alias(a)? {
                        reach_key(&mut comps, &k);
                    }
                }
                for (kind, value) in [("cik", &pk.cik), ("irs", &pk.irs)] {
                    if let Some(v) = value {
                        for k in store.keys_with_id(kind, v)? {
                            reach_key(&mut comps, &k);
                        }
                    }
                }
            }
        }
        let is_new = |k: &str| !known.keys.contains_key(k);
        for key in changed.keys().filter(|k| is_new(k)) {
            for k in store.keys_with_alias(key)? {
                reach_key(&mut comps, &k);
            }
        }
        for (a, b, _) in overrides
            .same_pairs()
            .into_iter()
            .chain(overrides.different_pairs())
        {
            if (changed.contains_key(&a) && is_new(&a)) || (changed.contains_key(&b) && is_new(&b))
            {
                reach_key(&mut comps, &a);
                reach_key(&mut comps, &b);
            }
        }
        let mut changed_blocks: HashMap<String, Vec<String>> = HashMap::new();
        for (k, c) in &changed {
            for p in &c.prefixes {
                changed_blocks.entry(p.clone()).or_default().push(k.clone());
            }
        }
        let mut reach = Reach {
            comps,
            keys: HashSet::new(),
            changed,
            changed_blocks,
            near: Vec::new(),
        };
        reach.reach_blocks(known);
        let mut keys: HashSet<String> = reach.changed.keys().cloned().collect();
        for c in &reach.comps {
            keys.extend(known.comp_keys.get(c).into_iter().flatten().cloned());
        }
        reach.keys = keys;
        Ok(Ok(reach))
    }

    /// The candidate pairs among `keys` (the reached keys, sorted) as a resolution of all keys
    /// makes them: blocks are sized by every key, old and new.
    fn pairs(&self, keys: &[&String], infos: &[NameInfo], known: &Known) -> Vec<(usize, usize)> {
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
                            .push((a.to_string(), b.to_string(), reason, score));
                    }
                }
            }
        }
    }
}

/// The near-misses of the components resolved again: those within them, as resolved now; those
/// with a name outside, carried over with the entity their side has now; and those of new names
/// with old ones outside.
fn near_misses(
    store: &Store,
    known: &Known,
    reach: &Reach,
    mini: &Resolution,
    old_entities: &BTreeSet<String>,
) -> Result<Vec<NearMiss>, StoreError> {
    let now: HashMap<&str, &KeyState> = mini
        .state
        .keys
        .iter()
        .map(|k| (k.key.as_str(), k))
        .collect();
    let mut out = mini.near_misses.clone();
    for mut n in store.near_misses_of(old_entities)? {
        let (a, b) = (norm_key(&n.a), norm_key(&n.b));
        // a changed key's near-misses are all made again (its pairs were compared again)
        if reach.changed.contains_key(&a) || reach.changed.contains_key(&b) {
            continue;
        }
        match (now.get(a.as_str()), now.get(b.as_str())) {
            (Some(k), None) => n.a_entity = k.first_entity.clone(),
            (None, Some(k)) => n.b_entity = k.first_entity.clone(),
            _ => continue, // within the components: resolved again above
        }
        out.push(n);
    }
    let side = |key: &str| -> Option<(String, String)> {
        match now.get(key) {
            Some(k) => Some((k.name.clone(), k.first_entity.clone())),
            None => known
                .keys
                .get(key)
                .map(|k| (k.name.clone(), k.first_entity.clone())),
        }
    };
    for (a, b, reason, score) in &reach.near {
        if reach.keys.contains(a) && reach.keys.contains(b) {
            continue;
        }
        if let (Some((a, a_entity)), Some((b, b_entity))) = (side(a), side(b)) {
            out.push(NearMiss {
                a,
                a_entity,
                b,
                b_entity,
                reason: reason.clone(),
                score: *score,
            });
        }
    }
    // a near-miss taken out twice (its two sides' entities both changed) comes back once
    resolve::sort_near_misses(&mut out);
    Ok(out)
}

/// The filings whose edges are made again: those whose look-ups now find another entity, and
/// the new ones.
struct Redo {
    filings: BTreeSet<String>,
}

impl Redo {
    fn of(
        store: &Store,
        known: &Known,
        reach: &Reach,
        old_rows: &[LookupRow],
        mini: &Resolution,
        new_facts: &[Facts],
    ) -> Result<Redo, StoreError> {
        let old: HashMap<(&str, &str), &str> = old_rows
            .iter()
            .map(|l| ((l.filing.as_str(), l.key.as_str()), l.entity.as_str()))
            .collect();
        let new: HashMap<(&str, &str), &str> = mini
            .in_filing_lookups()
            .map(|(f, k, e)| ((f, k), e))
            .collect();
        let mut filings: BTreeSet<String> = new_facts.iter().map(|f| f.filing.clone()).collect();
        for (fk, e) in &old {
            if new.get(fk) != Some(e) {
                filings.insert(fk.0.to_string());
            }
        }
        for (fk, e) in &new {
            if old.get(fk) != Some(e) {
                filings.insert(fk.0.to_string());
            }
        }
        for key in &reach.keys {
            if let Some(k) = known.keys.get(key) {
                if mini.by_key_id(key) != Some(k.entity.as_str()) {
                    filings.extend(store.by_key_users(key)?);
                }
            }
        }
        Ok(Redo { filings })
    }

    /// The edges of the filings to redo: taken out as the old look-ups made them, put in as the
    /// new ones do.
    fn edges(
        &self,
        store: &Store,
        known: &Known,
        reach: &Reach,
        mini: &Resolution,
        new_facts: &[Facts],
    ) -> Result<Result<EdgeUpdate, Refusal>, StoreError> {
        let stored_rows = store.lookups_of(&self.filings)?;
        let by_key_old: Vec<(String, String)> = known
            .keys
            .values()
            .map(|k| (k.key.clone(), k.entity.clone()))
            .collect();
        let old_view = Resolution::from_lookups(
            stored_rows
                .iter()
                .map(|l| (l.filing.clone(), l.key.clone(), l.entity.clone()))
                .collect(),
            by_key_old.clone(),
        );
        // the new look-ups: the stored ones outside the components, the components' from `mini`
        let mut in_filing: Vec<(String, String, String)> = stored_rows
            .iter()
            .filter(|l| !reach.comps.contains(&l.comp))
            .map(|l| (l.filing.clone(), l.key.clone(), l.entity.clone()))
            .collect();
        in_filing.extend(
            mini.in_filing_lookups()
                .filter(|(f, _, _)| self.filings.contains(*f))
                .map(|(f, k, e)| (f.to_string(), k.to_string(), e.to_string())),
        );
        let mut by_key: HashMap<String, String> = by_key_old.into_iter().collect();
        for k in &reach.keys {
            if let Some(id) = mini.by_key_id(k) {
                by_key.insert(k.clone(), id.to_string());
            }
        }
        let new_view = Resolution::from_lookups(in_filing, by_key.into_iter().collect());
        // the stored files of the filings to redo (new ones included, as a new file may share
        // its filing's number with an old one)
        let old_hashes = store.hashes_of(&self.filings)?;
        let old_facts: Vec<Facts> = store
            .facts_of(&old_hashes)?
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        // what they gave before and what they give now, on two cores
        let (before, after) = rayon::join(
            || {
                let mut before = Builder::new(&old_view);
                for f in &old_facts {
                    before.add(f.clone());
                }
                before.into_gathered()
            },
            || {
                let mut after = Builder::new(&new_view);
                for f in old_facts.iter().chain(new_facts) {
                    after.add(f.clone());
                }
                after.into_gathered()
            },
        );
        if !before.orphans.is_empty() || !after.orphans.is_empty() {
            return Ok(Err("a name no party stands behind"));
        }
        let mut by_key = after.by_key.clone();
        by_key.sort_unstable();
        by_key.dedup();
        let mut update = EdgeUpdate {
            redone_filings: self.filings.clone(),
            by_key,
            ..EdgeUpdate::default()
        };
        let (taken, _) = before.into_parts();
        let (given, warnings) = after.into_parts();
        let merged = merge_edges(store, taken, given)?;
        (update.new_edges, update.changed_edges, update.gone_edges) = merged;
        update.warnings = warnings;
        Ok(Ok(update))
    }
}

/// The stored edges with the old contributions taken out and the new ones put in: the edges new
/// to the store, the stored ones that changed, and those left with no evidence.
type Merged = (Vec<graph::Edge>, Vec<graph::Edge>, Vec<graph::Edge>);

fn merge_edges(store: &Store, taken: EdgeMap, given: EdgeMap) -> Result<Merged, StoreError> {
    let keys: BTreeSet<EdgeKey> = taken.keys().chain(given.keys()).cloned().collect();
    let keys: Vec<EdgeKey> = keys.into_iter().collect();
    let stored: HashMap<EdgeKey, Vec<Evidence>> = store
        .edges_with_keys(&keys)?
        .into_iter()
        .map(|e| (graph::edge_key(&e), e.evidence))
        .collect();
    let (mut new, mut changed, mut gone) = (Vec::new(), Vec::new(), Vec::new());
    for key in keys {
        let out: HashSet<&Evidence> = taken.get(&key).into_iter().flatten().collect();
        let mut evidence: Vec<Evidence> = stored
            .get(&key)
            .into_iter()
            .flatten()
            .filter(|e| !out.contains(e))
            .cloned()
            .collect();
        evidence.extend(given.get(&key).into_iter().flatten().cloned());
        let edge = graph::edge(key.clone(), evidence);
        match stored.get(&key) {
            None if edge.evidence.is_empty() => {}
            None => new.push(edge),
            Some(_) if edge.evidence.is_empty() => gone.push(edge),
            Some(before) if *before == edge.evidence => {}
            Some(_) => changed.push(edge),
        }
    }
    Ok((new, changed, gone))
}
