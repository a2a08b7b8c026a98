//! `resolve`: the parties of every filing -> entities, with the reason for every merge.
//!
//! Mentions merge, in this order, when an override says so, when they normalise to the same key,
//! when they share a CIK or an IRS number, and when [`compare`] finds two names one entity.
//! A merge is refused when it would join two CIKs, two IRS numbers, or a pair an override keeps
//! apart; such refusals and the close pairs `compare` kept apart are near-misses, kept for
//! `relgraph explain`. Candidate pairs for fuzzy comparison come from blocks of names sharing a
//! word prefix, so the work grows with the number of names, not its square.

pub mod compare;
mod entities;
pub mod jaro;
pub mod overrides;
pub mod state;
pub mod verdict;

pub(crate) use entities::sort_near_misses;
use entities::{finish, is_name_alias};

use crate::model::{Evidence, Facts, NodeKind, Party};
use crate::names::{norm_key, slug};
use compare::{compare_from, Decision, NameInfo, Reason, Rule, NEAR_MISS};
pub use overrides::Overrides;
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
pub use state::State;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Blocks larger than this (a prefix shared by many names, like "CAPI") are not compared within.
pub(crate) const BLOCK_CAP: usize = 64;
/// Letters of each word that make a blocking key: typos after them still meet.
const PREFIX: usize = 4;
/// The maps of name keys resolution fills: hashed with foldhash rather than SipHash.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
// a prefix of PREFIX characters (at most 4 bytes each) fits the u128 candidate_pairs packs it in
const _: () = assert!(PREFIX * 4 <= 16);

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

/// Why two written names became one entity: the explanation `relgraph explain` shows and the
/// store keeps. `rule` is the words of the typed [`Rule`] that joined them; nothing decides on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    pub entity: String,
    pub a: String,
    pub b: String,
    pub rule: String,
    pub score: f64,
}

/// Two close names kept apart, and why (the words of the typed [`Reason`], for people).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearMiss {
    pub a: String,
    pub a_entity: String,
    pub b: String,
    pub b_entity: String,
    pub reason: String,
    pub score: f64,
}

/// A written name of an entity and the filing it was written in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Spelling {
    pub entity: String,
    pub name: String,
    pub filing: String,
}

/// The entities, which entity each (filing, name key) mention belongs to, and the explanation.
#[derive(Debug, Default)]
pub struct Resolution {
    pub entities: Vec<Entity>,
    pub merges: Vec<Merge>,
    pub near_misses: Vec<NearMiss>,
    pub spellings: Vec<Spelling>,
    /// What an incremental build needs to redo part of this resolution (see [`state`]).
    pub state: State,
    /// filing -> name key -> entity: nested so a look-up borrows instead of allocating.
    mentions: FastMap<String, FastMap<String, usize>>,
    by_key: FastMap<String, usize>,
}

/// How a name was found: among its filing's own parties, or by its key across all filings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    InFiling(usize),
    ByKey(usize),
}

impl Found {
    pub fn entity(self) -> usize {
        match self {
            Found::InFiling(i) | Found::ByKey(i) => i,
        }
    }
}

impl Resolution {
    /// The entity a name used in `filing` refers to.
    pub fn lookup(&self, filing: &str, name: &str) -> Option<usize> {
        self.lookup_key(filing, &norm_key(name))
    }

    /// [`Resolution::lookup`] by the name's `norm_key`.
    pub fn lookup_key(&self, filing: &str, key: &str) -> Option<usize> {
        self.find_key(filing, key).map(Found::entity)
    }

    /// [`Resolution::lookup_key`], saying how the name was found.
    pub fn find_key(&self, filing: &str, key: &str) -> Option<Found> {
        match self.mentions.get(filing).and_then(|m| m.get(key)) {
            Some(&i) => Some(Found::InFiling(i)),
            None => self.by_key.get(key).map(|&i| Found::ByKey(i)),
        }
    }

    /// A resolution made of look-ups alone (filing -> key -> entity id, and key -> entity id for
    /// names a filing does not list among its parties), for rebuilding some filings' edges.
    pub fn from_lookups(
        in_filing: Vec<(String, String, String)>,
        by_key: Vec<(String, String)>,
    ) -> Resolution {
        let mut ids: FastMap<String, usize> = FastMap::default();
        let mut res = Resolution::default();
        let mut index = |res: &mut Resolution, id: String| -> usize {
            *ids.entry(id.clone()).or_insert_with(|| {
                res.entities.push(Entity {
                    id,
                    name: String::new(),
                    kind: NodeKind::Company,
                    aliases: BTreeSet::new(),
                    identifiers: BTreeMap::new(),
                    evidence: BTreeSet::new(),
                });
                res.entities.len() - 1
            })
        };
        for (filing, key, id) in in_filing {
            let i = index(&mut res, id);
            res.mentions.entry(filing).or_default().insert(key, i);
        }
        for (key, id) in by_key {
            let i = index(&mut res, id);
            res.by_key.insert(key, i);
        }
        res
    }

    /// Every (filing, key) look-up the filings' own parties answer, with the entity's id.
    pub fn in_filing_lookups(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.mentions.iter().flat_map(move |(f, m)| {
            m.iter()
                .map(move |(k, &i)| (f.as_str(), k.as_str(), self.entities[i].id.as_str()))
        })
    }

    /// [`Resolution::in_filing_lookups`], a filing per task on every core.
    pub(crate) fn par_in_filing_lookups(&self) -> impl ParallelIterator<Item = (&str, &str, &str)> {
        self.mentions.par_iter().flat_map_iter(move |(f, m)| {
            m.iter()
                .map(move |(k, &i)| (f.as_str(), k.as_str(), self.entities[i].id.as_str()))
        })
    }

    /// The entity id each key stands for when a filing names it without listing it.
    pub fn by_key_id(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(|&i| self.entities[i].id.as_str())
    }
}

/// A party of one filing, flattened for clustering.
struct Mention<'a> {
    filing: &'a str,
    path: &'a str,
    key: String,
    /// Other spellings of the name itself (conformed header names), not defined terms.
    alias_keys: Vec<String>,
    cik: Option<String>,
    irs: Option<String>,
    party: &'a Party,
}

/// The clustering state: union-find over mentions plus what each cluster may not absorb.
struct Clusters<'a> {
    mentions: Vec<Mention<'a>>,
    uf: UnionFind<usize>,
    ciks: Vec<BTreeSet<String>>,
    irs: Vec<BTreeSet<String>>,
    /// Each cluster's keys (at its root); empty unless the overrides keep pairs apart.
    keys: Vec<BTreeSet<String>>,
    apart: Vec<(String, String, String)>,
    merges: Vec<(usize, usize, Rule, f64)>,
    refused: Vec<(usize, usize, Reason, f64)>,
}

impl<'a> Clusters<'a> {
    fn new(mentions: Vec<Mention<'a>>, apart: Vec<(String, String, String)>) -> Clusters<'a> {
        let n = mentions.len();
        let ciks = mentions
            .iter()
            .map(|m| m.cik.iter().cloned().collect())
            .collect();
        let irs = mentions
            .iter()
            .map(|m| m.irs.iter().cloned().collect())
            .collect();
        // a cluster's keys are only asked for by the overrides' "keep apart" pairs
        let keys = if apart.is_empty() {
            Vec::new()
        } else {
            mentions
                .iter()
                .map(|m| std::iter::once(m.key.clone()).collect())
                .collect()
        };
        Clusters {
            mentions,
            uf: UnionFind::new(n),
            ciks,
            irs,
            keys,
            apart,
            merges: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// Joins the clusters of mentions `a` and `b` unless a key, CIK or override forbids it.
    fn join(&mut self, a: usize, b: usize, rule: Rule, score: f64) -> bool {
        let (ra, rb) = (self.uf.find(a), self.uf.find(b));
        if ra == rb {
            return true;
        }
        if let Some(why) = self.forbidden(ra, rb) {
            self.refused.push((a, b, why, score));
            return false;
        }
        self.uf.union(ra, rb);
        let root = self.uf.find(ra);
        let other = if root == ra { rb } else { ra };
        let (c, i) = (
            std::mem::take(&mut self.ciks[other]),
            std::mem::take(&mut self.irs[other]),
        );
        self.ciks[root].extend(c);
        self.irs[root].extend(i);
        if !self.keys.is_empty() {
            let k = std::mem::take(&mut self.keys[other]);
            self.keys[root].extend(k);
        }
        self.merges.push((a, b, rule, score));
        true
    }

    fn forbidden(&self, ra: usize, rb: usize) -> Option<Reason> {
        let (ca, cb) = (&self.ciks[ra], &self.ciks[rb]);
        if !ca.is_empty() && !cb.is_empty() && ca != cb {
            return Some(Reason::DifferentCiks(join(ca), join(cb)));
        }
        let (ia, ib) = (&self.irs[ra], &self.irs[rb]);
        if !ia.is_empty() && !ib.is_empty() && ia != ib {
            return Some(Reason::DifferentIrs(join(ia), join(ib)));
        }
        self.apart.iter().find_map(|(x, y, reason)| {
            let spans = (self.keys[ra].contains(x) && self.keys[rb].contains(y))
                || (self.keys[ra].contains(y) && self.keys[rb].contains(x));
            spans.then(|| Reason::Declared(reason.clone()))
        })
    }
}

fn join(s: &BTreeSet<String>) -> String {
    s.iter().cloned().collect::<Vec<_>>().join(", ")
}

/// Resolves the parties of all filings. `facts` must be in a fixed order (the store sorts them) so
/// that ids and names do not depend on the order files were given.
pub fn resolve(facts: &[Facts], overrides: &Overrides) -> Resolution {
    resolve_in(facts, overrides, None, &|_, infos| candidate_pairs(infos))
}

/// The candidate pairs of a resolution's distinct keys (sorted) and their descriptions.
pub(crate) type PairsOf<'p> = dyn Fn(&[&String], &[NameInfo]) -> Vec<(usize, usize)> + Sync + 'p;

/// [`resolve`] of the mentions whose key is in `keep` (all when None), comparing the pairs
/// `pairs_of` gives. An incremental build resolves again only the keys a change can reach: as
/// every step below decides from the clusters of the two mentions it joins, the same mentions
/// and pairs in the same order give the same entities as the whole resolution did.
pub(crate) fn resolve_in(
    facts: &[Facts],
    overrides: &Overrides,
    keep: Option<&HashSet<String>>,
    pairs_of: &PairsOf,
) -> Resolution {
    let mentions = collect_mentions(facts, keep);
    let mut cl = Clusters::new(mentions, overrides.different_pairs());
    let by_key = index_by(&cl.mentions, |m| Some(m.key.clone()));
    join_overrides(&mut cl, &by_key, overrides);
    join_same_keys(&mut cl, &by_key);
    join_alias_keys(&mut cl, &by_key);
    for (rule, ids) in [
        (Rule::SameCik, index_by(&cl.mentions, |m| m.cik.clone())),
        (Rule::SameIrs, index_by(&cl.mentions, |m| m.irs.clone())),
    ] {
        for members in ids.values() {
            for w in members.windows(2) {
                cl.join(w[0], w[1], rule.clone(), 1.0);
            }
        }
    }
    let similar = join_similar(&mut cl, &by_key, pairs_of);
    let state = state::Parts::of(&cl.mentions, &by_key, &similar, overrides);
    let (mut res, entity_of) = finish(cl, &by_key, similar.near);
    res.state = state.into_state(&res, &entity_of);
    res
}

/// Every party of every filing as a mention, in order. Normalising the names is most of the work
/// and each name is its own, so the filings are read on every core.
fn collect_mentions<'a>(facts: &'a [Facts], keep: Option<&HashSet<String>>) -> Vec<Mention<'a>> {
    facts
        .par_iter()
        .flat_map_iter(|f| {
            f.parties.iter().map(move |p| {
                let PartyKeys {
                    key,
                    alias_keys,
                    cik,
                    irs,
                } = PartyKeys::of(p);
                Mention {
                    filing: &f.filing,
                    path: &f.path,
                    key,
                    alias_keys,
                    cik,
                    irs,
                    party: p,
                }
            })
        })
        .filter(|m| !m.key.is_empty() && keep.is_none_or(|k| k.contains(&m.key)))
        .collect()
}

/// What of a party resolution compares exactly: its name's key, the keys of other spellings of
/// the name itself, and its CIK and IRS number as compared (no leading zeros, no dash).
pub(crate) struct PartyKeys {
    pub key: String,
    pub alias_keys: Vec<String>,
    pub cik: Option<String>,
    pub irs: Option<String>,
}

impl PartyKeys {
    pub(crate) fn of(p: &Party) -> PartyKeys {
        PartyKeys {
            key: norm_key(&p.name),
            alias_keys: p
                .aliases
                .iter()
                .filter(|a| is_name_alias(a, p))
                .map(|a| norm_key(a))
                .collect(),
            cik: p
                .ids
                .cik
                .clone()
                .map(|c| c.trim_start_matches('0').to_string())
                .filter(|c| !c.is_empty()),
            irs: p
                .ids
                .irs
                .clone()
                .map(|i| i.replace('-', ""))
                .filter(|i| i.chars().any(|c| c != '0')),
        }
    }
}

fn index_by(
    mentions: &[Mention],
    key: impl Fn(&Mention) -> Option<String> + Sync,
) -> BTreeMap<String, Vec<usize>> {
    // sorted on every core, then grouped: each key's mentions in mention order
    let mut pairs: Vec<(String, usize)> = mentions
        .par_iter()
        .enumerate()
        .filter_map(|(i, x)| key(x).map(|k| (k, i)))
        .collect();
    pairs.par_sort_unstable();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (k, i) in pairs {
        match groups.last_mut() {
            Some((last, members)) if *last == k => members.push(i),
            _ => groups.push((k, vec![i])),
        }
    }
    groups.into_iter().collect()
}

fn join_overrides(cl: &mut Clusters, by_key: &BTreeMap<String, Vec<usize>>, overrides: &Overrides) {
    for (a, b, reason) in overrides.same_pairs() {
        if let (Some(x), Some(y)) = (by_key.get(&a), by_key.get(&b)) {
            cl.join(x[0], y[0], Rule::Declared(reason), 1.0);
        }
    }
}

/// Mentions of one key join, except that a key written by entities of two CIKs stays ambiguous:
/// its mentions without a CIK then join neither.
fn join_same_keys(cl: &mut Clusters, by_key: &BTreeMap<String, Vec<usize>>) {
    for members in by_key.values() {
        let ciks: BTreeSet<&String> = members
            .iter()
            .filter_map(|&i| cl.mentions[i].cik.as_ref())
            .collect();
        if ciks.len() > 1 {
            let firsts: Vec<usize> = ciks
                .iter()
                .filter_map(|c| {
                    members
                        .iter()
                        .copied()
                        .find(|&i| cl.mentions[i].cik.as_ref() == Some(*c))
                })
                .collect();
            for w in firsts.windows(2) {
                let why = Reason::NameOfSeveralCiks(
                    ciks.iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                );
                cl.refused.push((w[0], w[1], why, 1.0));
            }
            let loose: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| cl.mentions[i].cik.is_none())
                .collect();
            for w in loose.windows(2) {
                cl.join(w[0], w[1], Rule::SameNormalisedName, 1.0);
            }
            continue;
        }
        for w in members.windows(2) {
            cl.join(w[0], w[1], Rule::SameNormalisedName, 1.0);
        }
    }
}

/// A party's conformed header name ("SHAW D E INVESTMENTS LP") also names it elsewhere.
fn join_alias_keys(cl: &mut Clusters, by_key: &BTreeMap<String, Vec<usize>>) {
    for i in 0..cl.mentions.len() {
        let aliases = cl.mentions[i].alias_keys.clone();
        for k in aliases {
            if let Some(&j) = by_key.get(&k).and_then(|v| v.first()) {
                cl.join(i, j, Rule::ConformedInHeader, 1.0);
            }
        }
    }
}

/// What the fuzzy comparison found: near-misses, the descriptions of the distinct keys (in key
/// order), and the pairs of keys (indexes) whose decision can join or explain them.
pub(crate) struct Similar {
    near: Vec<(usize, usize, Reason, f64)>,
    infos: Vec<NameInfo>,
    links: Vec<(usize, usize)>,
}

/// Fuzzy comparison of distinct names that share a blocking key.
fn join_similar(
    cl: &mut Clusters,
    by_key: &BTreeMap<String, Vec<usize>>,
    pairs_of: &PairsOf,
) -> Similar {
    let keys: Vec<&String> = by_key.keys().collect();
    // each key's first mention, which stands for it in the joins
    let first: Vec<usize> = by_key.values().map(|m| m[0]).collect();
    let infos: Vec<NameInfo> = first
        .par_iter()
        .map(|&m| NameInfo::new(&cl.mentions[m].party.name))
        .collect();
    let mut near = Vec::new();
    let mut links = Vec::new();
    // Comparing is pure and runs on every core, a slice of pairs at a time; the joins are then made
    // one by one in pair order, as their order matters (a join can forbid a later one).
    let pairs = pairs_of(&keys, &infos);
    for slice in pairs.chunks(COMPARE_SLICE) {
        let decisions: Vec<Decision> = slice
            .par_iter()
            .map(|&(i, j)| compare_from(&infos[i], &infos[j], false, NEAR_MISS))
            .collect();
        for (&(i, j), decision) in slice.iter().zip(decisions) {
            if links_keys(&decision) {
                links.push((i, j));
            }
            apply(cl, &mut near, first[i], first[j], decision);
        }
    }
    Similar { near, infos, links }
}

/// Whether a decision can make `apply` join the two names (whatever their CUSIPs): the pairs an
/// incremental build keeps in one component. A near-miss alone does not: it joins nothing, and
/// an incremental build carries it over (see `crate::incremental`).
pub(crate) fn links_keys(decision: &Decision) -> bool {
    match decision {
        Decision::Same { .. } => true,
        Decision::Different { score, reason } => *score >= CUSIP_SIGNAL && !reason.is_veto(),
    }
}

/// The near-miss `apply` records for a pair that does not join, if any: (reason, score).
pub(crate) fn near_miss_of(decision: Decision) -> Option<(Reason, f64)> {
    match decision {
        Decision::Different { reason, score } if score >= NEAR_MISS => Some((reason, score)),
        _ => None,
    }
}

/// Pairs compared at once: enough to keep every core busy, few enough to bound the decisions
/// held.
const COMPARE_SLICE: usize = 16 * 1024;

/// Joins a compared pair of mentions, or records why it stays apart.
fn apply(
    cl: &mut Clusters,
    near: &mut Vec<(usize, usize, Reason, f64)>,
    mi: usize,
    mj: usize,
    decision: Decision,
) {
    match decision {
        Decision::Same { rule, score } => {
            cl.join(mi, mj, rule, score);
        }
        Decision::Different { reason, score }
            if score >= CUSIP_SIGNAL
                && !reason.is_veto()
                && same_issuer_number(&cl.mentions[mi], &cl.mentions[mj]) =>
        {
            cl.join(mi, mj, Rule::SimilarWithCusipIssuer { score }, score);
        }
        Decision::Different { reason, score } if score >= NEAR_MISS => {
            near.push((mi, mj, reason, score))
        }
        Decision::Different { .. } => {}
    }
}

/// Names this similar merge when their CUSIPs share the issuer number (the first six characters).
/// A different issuer number is no veto: an issuer's CUSIP changes over time.
const CUSIP_SIGNAL: f64 = 0.88;
// `apply` reads a decision below NEAR_MISS for nothing, so the comparisons skip its details
const _: () = assert!(CUSIP_SIGNAL >= NEAR_MISS);

fn same_issuer_number(a: &Mention, b: &Mention) -> bool {
    let prefixes = |m: &Mention| -> BTreeSet<String> {
        m.party
            .ids
            .cusips
            .iter()
            .filter(|c| c.len() >= 6)
            .map(|c| c[..6].to_string())
            .collect()
    };
    !prefixes(a).is_disjoint(&prefixes(b))
}

/// The blocking prefixes of a name, each once, in the order of its words.
pub(crate) fn prefixes(info: &NameInfo) -> Vec<String> {
    let mut seen = Vec::new();
    for w in info.blocking_words() {
        let prefix: String = w.chars().take(PREFIX).collect();
        if !seen.contains(&prefix) {
            seen.push(prefix);
        }
    }
    seen
}

/// Pairs of distinct names (indexes, i < j, sorted) that share a word prefix in a small block.
pub fn candidate_pairs(infos: &[NameInfo]) -> Vec<(usize, usize)> {
    // (prefix, name) sorted on every core: each block's names in order, as runs; a prefix (four
    // characters, at most 16 bytes, no NUL) is packed in a u128 to sort without reading strings
    let pack = |p: &str| p.bytes().fold(0u128, |acc, b| acc << 8 | u128::from(b));
    let mut entries: Vec<(u128, usize)> = infos
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, info)| prefixes(info).into_iter().map(move |p| (pack(&p), i)))
        .collect();
    entries.par_sort_unstable();
    let blocks: Vec<&[(u128, usize)]> = entries
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|m| m.len() > 1 && m.len() <= BLOCK_CAP)
        .collect();
    let mut pairs: Vec<(usize, usize)> = blocks
        .par_iter()
        .flat_map_iter(|members| {
            members.iter().enumerate().flat_map(move |(x, &(_, i))| {
                members[x + 1..]
                    .iter()
                    .filter(move |&&(_, j)| infos[i].person == infos[j].person)
                    .map(move |&(_, j)| (i, j))
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
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
                ..Default::default()
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
            parties,
            ..Facts::new(filing, filing, "SC 13G")
        }
    }

    #[test]
    fn same_name_merges_and_ciks_veto() {
        let r = resolve(
            &[
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
            ],
            &Overrides::default(),
        );
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
        assert!(
            r.near_misses
                .iter()
                .any(|n| n.reason.starts_with("different CIKs")),
            "{:?}",
            r.near_misses
        );
    }

    #[test]
    fn fuzzy_merges_are_explained_and_overrides_win() {
        let f = vec![
            facts(
                "a",
                vec![
                    party("THL Operating Partners, L.P.", None, NodeKind::Fund),
                    party("Richard M. Maurer", None, NodeKind::Individual),
                ],
            ),
            facts(
                "b",
                vec![
                    party("THL OPERATINGT PARTNERS L.P.", None, NodeKind::Fund),
                    party("RICHARD M. MAURUER", None, NodeKind::Individual),
                ],
            ),
        ];
        let r = resolve(&f, &Overrides::default());
        assert_eq!(r.entities.len(), 2, "{:?}", r.entities);
        assert!(
            r.merges.iter().any(|m| m.rule.starts_with("similar names")),
            "{:?}",
            r.merges
        );
        let o = Overrides::parse("o", "[[different]]\nnames = [\"Richard M. Maurer\", \"RICHARD M. MAURUER\"]\nreason = \"father and son\"\n").unwrap();
        let r = resolve(&f, &o);
        assert_eq!(r.entities.len(), 3);
        assert!(
            r.near_misses
                .iter()
                .any(|n| n.reason.contains("father and son")),
            "{:?}",
            r.near_misses
        );
    }
}
