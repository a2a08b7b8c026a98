//! Clusters of mentions made entities: each entity's id, name, kind, aliases and identifiers,
//! each filing's look-ups, and the recorded joins and refusals as the explanation.

use super::*;

/// Turns the clusters into entities, and the recorded joins into the explanation.
/// Also returns each mention's entity (index).
pub(super) fn finish(
    mut cl: Clusters,
    by_key: &BTreeMap<String, Vec<usize>>,
    near: Vec<(usize, usize, Reason, f64)>,
) -> (Resolution, Vec<usize>) {
    let n = cl.mentions.len();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        groups.entry(cl.uf.find(i)).or_default().push(i);
    }
    let mut clusters: Vec<(String, Vec<usize>)> = groups
        .into_values()
        .map(|members| (cluster_id(&cl.mentions, &members), members))
        .collect();
    clusters.par_sort_unstable();
    // each entity is made from its own mentions alone (their names, ids and evidence): on every core
    let mut res = Resolution {
        entities: clusters
            .par_iter()
            .map(|(id, members)| {
                let refs: Vec<&Mention> = members.iter().map(|&m| &cl.mentions[m]).collect();
                entity(id.clone(), &refs)
            })
            .collect(),
        ..Resolution::default()
    };
    let mut entity_of = vec![0usize; n];
    for (index, (_, members)) in clusters.iter().enumerate() {
        for &m in members {
            entity_of[m] = index;
        }
    }
    res.mentions = filing_lookups(&cl.mentions, &entity_of);
    res.by_key = by_key
        .par_iter()
        .map(|(k, ms)| {
            (
                k.clone(),
                ms.iter().map(|&m| entity_of[m]).min().unwrap_or(0),
            )
        })
        .collect();
    res.spellings = clusters
        .par_iter()
        .flat_map_iter(|(id, members)| {
            members.iter().map(|&m| Spelling {
                entity: id.clone(),
                name: cl.mentions[m].party.name.clone(),
                filing: cl.mentions[m].filing.to_string(),
            })
        })
        .collect();
    res.spellings.par_sort();
    res.spellings.dedup();
    // in the order they were made (the sorts below are stable), on every core
    let (mentions, entities) = (&cl.mentions, &res.entities);
    res.merges = std::mem::take(&mut cl.merges)
        .into_par_iter()
        .filter_map(|(a, b, rule, score)| {
            let (na, nb) = (&mentions[a].party.name, &mentions[b].party.name);
            let (x, y) = if na < nb { (na, nb) } else { (nb, na) };
            (na != nb).then(|| Merge {
                entity: entities[entity_of[a]].id.clone(),
                a: x.clone(),
                b: y.clone(),
                rule: rule.to_string(),
                score,
            })
        })
        .collect();
    let mut refused = std::mem::take(&mut cl.refused);
    refused.extend(near);
    res.near_misses = refused
        .into_par_iter()
        .filter_map(|(a, b, reason, score)| {
            let (ea, eb) = (entity_of[a], entity_of[b]);
            (ea != eb).then(|| NearMiss {
                a: mentions[a].party.name.clone(),
                a_entity: entities[ea].id.clone(),
                b: mentions[b].party.name.clone(),
                b_entity: entities[eb].id.clone(),
                reason: reason.to_string(),
                score,
            })
        })
        .collect();
    res.merges
        .par_sort_by(|x, y| (&x.entity, &x.a, &x.b).cmp(&(&y.entity, &y.a, &y.b)));
    res.merges
        .dedup_by(|x, y| x.entity == y.entity && x.a == y.a && x.b == y.b);
    sort_near_misses(&mut res.near_misses);
    (res, entity_of)
}

/// Each filing's look-ups: its parties' keys, and their conformed aliases, to their entities. A
/// filing whose key names two entities (kept apart by their CIKs) answers with the later entity
/// for the key and the first for an alias: the rules are applied in (entity, mention) order, one
/// filing at a time on every core.
fn filing_lookups(
    mentions: &[Mention],
    entity_of: &[usize],
) -> FastMap<String, FastMap<String, usize>> {
    let same_filing = |x: &usize, y: &usize| mentions[*x].filing == mentions[*y].filing;
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    // a filing's parties come one after another, unless a caller gave its facts twice
    let heads: Vec<&str> = order
        .chunk_by(same_filing)
        .map(|run| mentions[run[0]].filing)
        .collect();
    if heads.iter().collect::<HashSet<_>>().len() != heads.len() {
        order.par_sort_by_key(|&m| mentions[m].filing);
    }
    order
        .par_chunk_by(same_filing)
        .map(|ms| {
            let mut ms = ms.to_vec();
            ms.sort_unstable_by_key(|&m| (entity_of[m], m));
            let mut of_filing: FastMap<String, usize> = FastMap::default();
            for &m in &ms {
                let (mention, index) = (&mentions[m], entity_of[m]);
                of_filing.insert(mention.key.clone(), index);
                for k in &mention.alias_keys {
                    of_filing.entry(k.clone()).or_insert(index);
                }
            }
            (mentions[ms[0]].filing.to_string(), of_filing)
        })
        .collect()
}

/// Near-misses by (entities, names), each pair once: the first of equal ones is kept (the sort is
/// stable), so which one stays depends on the order they were found in.
pub(crate) fn sort_near_misses(near: &mut Vec<NearMiss>) {
    near.par_sort_by(|x, y| {
        (&x.a_entity, &x.b_entity, &x.a, &x.b).cmp(&(&y.a_entity, &y.b_entity, &y.a, &y.b))
    });
    near.dedup_by(|x, y| {
        x.a_entity == y.a_entity && x.b_entity == y.b_entity && x.a == y.a && x.b == y.b
    });
}

/// `cik-<n>` when the cluster has a CIK, else `n-<the smallest name key>`: the same inputs give
/// the same ids.
fn cluster_id(mentions: &[Mention], members: &[usize]) -> String {
    if let Some(cik) = members
        .iter()
        .filter_map(|&m| mentions[m].cik.as_ref())
        .min()
    {
        return format!("cik-{cik}");
    }
    let key = members
        .iter()
        .map(|&m| &mentions[m].key)
        .min()
        .cloned()
        .unwrap_or_default();
    format!("n-{}", slug(&key))
}

/// Aliases that are other spellings of the name (conformed header names), not defined terms such
/// as "the Master Fund" that mean something only inside one filing.
pub(super) fn is_name_alias(alias: &str, p: &Party) -> bool {
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
    // distinct values are gathered borrowed and copied once
    let aliases: BTreeSet<String> = members
        .iter()
        .flat_map(|m| std::iter::once(&m.party.name).chain(&m.party.aliases))
        .filter(|a| **a != name)
        .collect::<BTreeSet<&String>>()
        .into_iter()
        .cloned()
        .collect();
    let mut identifiers = BTreeMap::new();
    let mut all = |key: &str, values: BTreeSet<&str>| {
        if !values.is_empty() {
            identifiers.insert(
                key.to_string(),
                values.into_iter().collect::<Vec<_>>().join(", "),
            );
        }
    };
    all(
        "cik",
        members
            .iter()
            .filter_map(|m| m.party.ids.cik.as_deref())
            .collect(),
    );
    all(
        "irs",
        members
            .iter()
            .filter_map(|m| m.party.ids.irs.as_deref())
            .collect(),
    );
    all(
        "ticker",
        members
            .iter()
            .filter_map(|m| m.party.ids.ticker.as_deref())
            .collect(),
    );
    all(
        "cusip",
        members
            .iter()
            .flat_map(|m| m.party.ids.cusips.iter().map(String::as_str))
            .collect(),
    );
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
