//! Relations stated in prose: "ACP LLP serves as the investment manager of the Master Fund",
//! "The General Partner is the general partner of the Partnership". Both ends must be parties the
//! filing names (by name or defined term), so a sentence about anyone else yields nothing.

use super::parties::Parties;
use super::word;
use super::Cx;
use crate::model::{Holding, Relation, Stake, Statement};
use crate::names::norm_key;
use crate::text::{re, squash, Words};
use regex::Regex;
use std::sync::LazyLock;

/// The words every role contains, for text outside a document's line index.
static ROLE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&super::index::ROLE_WORDS));

/// Whether a text may hold a statement this pass reads: every one names a role, or (a collective
/// term) quotes its term.
pub(crate) fn may_state(text: &str) -> bool {
    ROLE_WORDS.may_occur_in(text)
        || text.contains(['"', '\u{201c}'])
        || super::prose::may_state(text)
}

/// Reads the relations the prose states (`prose`) into the facts, and the "persons who are
/// ROLEs of X: A, B and C" lists; returns the holdings the prose states, for the caller to add
/// where no cover page states them (`add_holdings`). `registrant` is a corporate filing's own
/// party, whom "our" and "the Company" mean.
pub(crate) fn read_prose_relations(
    cx: &mut Cx,
    parties: &mut Parties,
    issuer_stake: Stake,
    registrant: Option<usize>,
) -> Vec<Holding> {
    let collectives = collectives(cx, parties);
    let reporting: Vec<usize> = (0..parties.len())
        .filter(|&i| parties.get(i).reporting_person)
        .collect();
    // a corporate filing's registrant is the issuer its prose speaks of ("our", "the Company")
    let ctx = super::prose::Context {
        issuer: registrant.or_else(|| parties.issuer()),
        registrant: registrant.is_some(),
        reporting: (reporting.len() == 1).then(|| reporting[0]),
        issuer_stake,
        collectives: &collectives,
    };
    let found = super::prose::read_relations(cx, parties, 0..cx.lines.len(), &ctx);
    add_relations(&mut cx.facts, parties, found.relations);
    persons_who(cx, parties, &collectives);
    found.holdings
}

/// Adds relations stated in prose, except a seat or an office the facts give the same person
/// at the same company already under another title: a signature page's, a table's or a form's
/// own statement of it is the filing's, and one person holds one seat however often the prose
/// names it ("Chairman of the Board" on the signature page, "our Executive Chairman" in Item 13).
/// The same relation stated again is kept: its evidence joins the first's.
fn add_relations(facts: &mut crate::model::Facts, parties: &Parties, relations: Vec<Relation>) {
    let who = |name: &str| parties.find(name).map_or_else(|| Err(norm_key(name)), Ok);
    let key = |r: &Relation| (r.kind(), who(&r.source), who(&r.target));
    let held: Vec<_> = facts
        .relations
        .iter()
        .filter(|r| {
            matches!(
                r.statement,
                Statement::BoardMemberOf(_) | Statement::OfficerOf { .. }
            )
        })
        .map(|r| (key(r), &r.statement))
        .collect();
    let fresh: Vec<Relation> = relations
        .into_iter()
        .filter(|r| {
            let k = key(r);
            held.iter().all(|(hk, st)| *hk != k || **st == r.statement)
        })
        .collect();
    facts.relations.extend(fresh);
}

/// Adds holdings stated in prose, except where the facts hold one of the same holder in the
/// same company already (a cover page's figures are the filing's own statement of them). Names
/// are compared as the parties they stand for: a cover page may spell the holder otherwise.
pub(crate) fn add_holdings(
    facts: &mut crate::model::Facts,
    parties: &Parties,
    holdings: Vec<Holding>,
) {
    let who = |name: &str| parties.find(name).map_or_else(|| Err(norm_key(name)), Ok);
    let key = |x: &Holding| (who(&x.holder), who(&x.issuer));
    for h in holdings {
        let k = key(&h);
        // the same count of the same company's shares is the cover page's holding, whoever of a
        // holder's spellings the prose used ("Braden M. Leonard" for "Leonard Braden Michael")
        let restated = |x: &Holding| {
            key(x).1 == k.1
                && h.stake.shares.is_some()
                && x.stake.shares == h.stake.shares
                && same_words(&x.holder, &h.holder)
        };
        if !facts.holdings.iter().any(|x| key(x) == k || restated(x)) {
            facts.holdings.push(h);
        }
    }
}

/// Whether two spellings share at least two words of three letters or more ("LEONARD BRADEN
/// MICHAEL" and "Braden M. Leonard"; not "Columbia Insurance Company" and "Berkshire Hathaway").
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        norm_key(s)
            .split(' ')
            .filter(|w| w.len() >= 3)
            .map(str::to_string)
            .collect()
    };
    words(a).intersection(&words(b)).count() >= 2
}

/// "The following persons who are managing members of the General Partner ...: A, B and C".
fn persons_who(cx: &mut Cx, parties: &Parties, collectives: &[(String, Vec<usize>)]) {
    let mut found = Vec::new();
    for i in 0..cx.lines.len() {
        if !cx.may_hold(i, word::ROLE) {
            continue;
        }
        let this = cx.squashed(i);
        let Some(c) = PERSONS_WHO.captures(this) else {
            continue;
        };
        let next = super::next_text(cx.lines, i)
            .map_or("", |j| super::head(cx.squashed(j), super::CONTEXT_CHARS));
        let role = singular(&squash(&c[1]).to_lowercase());
        let rest = &this[c.get(0).map_or(0, |m| m.end())..];
        let Some(target) = named_at_start(parties, collectives, &format!("{rest} {next}"))
            .first()
            .copied()
        else {
            continue;
        };
        let listed = listed_persons(cx, parties, i);
        for a in listed.into_iter().filter(|&a| a != target) {
            found.push(manages(cx, parties, a, target, &role, i));
        }
    }
    cx.facts.relations.extend(found);
}

fn manages(cx: &Cx, parties: &Parties, a: usize, b: usize, role: &str, at: usize) -> Relation {
    Relation {
        source: parties.get(a).name.clone(),
        target: parties.get(b).name.clone(),
        statement: Statement::manages(role),
        evidence: cx.ev(at),
    }
}

static COLLECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)([A-Z][^.;:"“”]{2,200}?)\s+(?:are|is)\s+(?:together\s+|collectively\s+|hereinafter\s+)?(?:referred\s+to\s+)?(?:herein\s+)?as\s+(?:the\s+)?["“]([^"”]{2,40})["”]"#,
    )
});
/// The part of [`COLLECTIVE`] every match contains: `as "Term"`.
static COLLECTIVE_AS: LazyLock<Regex> = LazyLock::new(|| re(r#"(?i)as\s+(?:the\s+)?["“]"#));
static PERSONS_WHO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)persons\s+who\s+are\s+(?:the\s+)?(managing\s+members|general\s+partners|members|managers)\s+of\s+(?:each\s+of\s+)?",
    )
});

/// Collective defined terms: "FCP, FCIP, FCIP II and Tinicum are together referred to herein as
/// the "Farallon Funds"" -> "Farallon Funds" stands for those five parties.
fn collectives(cx: &Cx, parties: &Parties) -> Vec<(String, Vec<usize>)> {
    let mut out = Vec::new();
    for i in 0..cx.lines.len() {
        let this = cx.squashed(i);
        if !this.contains(['"', '\u{201c}']) {
            continue;
        }
        let prev = cx.prev_squashed(i);
        let text = format!("{prev} {this}");
        // The full pattern is costly (its bounded subject grows the DFA); most quoted lines do
        // not say "as "...": those are not tried.
        if !COLLECTIVE_AS.is_match(&text) {
            continue;
        }
        for c in COLLECTIVE.captures_iter(&text) {
            let members: Vec<usize> = super::terms::split_name_list(&c[1])
                .iter()
                .filter_map(|n| parties.find(n))
                .collect();
            if members.len() > 1 {
                out.push((crate::names::norm_key(&c[2]), members));
            }
        }
    }
    out
}

/// The party (or the members of the collective term) the text starts with.
fn named_at_start(
    parties: &Parties,
    collectives: &[(String, Vec<usize>)],
    text: &str,
) -> Vec<usize> {
    let key = norm_key(super::head(text, super::CONTEXT_CHARS));
    let is_named = |k: &str| format!("{key} ").starts_with(&format!("{k} "));
    if let Some((_, members)) = collectives.iter().find(|(k, _)| is_named(k)) {
        return members.clone();
    }
    parties.named_at_start(text).into_iter().collect()
}

/// The persons named in the list that follows a "persons who are" line (to the end of its
/// paragraph), by their names as the filing's parties know them.
fn listed_persons(cx: &Cx, parties: &Parties, i: usize) -> Vec<usize> {
    // The list runs to the end of its paragraph (a blank line), but never past twenty lines.
    let window: String = (i..cx.lines.len().min(i + 20))
        .map(|j| cx.squashed(j).to_string())
        .take_while(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let key = format!(" {} ", crate::names::norm_key(&window));
    (0..parties.len())
        .filter(|&p| crate::names::looks_like_person(&parties.get(p).name))
        .filter(|&p| {
            key.contains(&format!(
                " {} ",
                crate::names::norm_key(&parties.get(p).name)
            ))
        })
        .collect()
}

fn singular(role: &str) -> String {
    role.strip_suffix('s').unwrap_or(role).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_collective_terms() {
        let c = PERSONS_WHO
            .captures("(vii) The following persons who are managing members of the")
            .unwrap();
        assert_eq!(singular(&c[1].to_lowercase()), "managing member");
        let c = COLLECTIVE
            .captures(
                r#"FCP, FCIP and Tinicum are together referred to herein as the "Farallon Funds.""#,
            )
            .unwrap();
        assert_eq!(&c[1], "FCP, FCIP and Tinicum");
        assert_eq!(&c[2], "Farallon Funds.");
    }
}
