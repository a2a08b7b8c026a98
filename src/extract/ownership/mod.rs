//! Forms 3, 4 and 5: the insider reports. They come in three shapes: the ownershipDocument XML
//! (since 2003, bare or inside a complete submission), EDGAR's rendered HTML view of that XML, and
//! the plain-text forms of the years before. Each shape has its reader, and each reader fills the
//! same [`Ownership`]; one function turns that into facts, so the three cannot drift apart.
//!
//! What the facts say:
//! - each reporting owner, with its CIK and address, holds the issuer: the positions after the
//!   filing's transactions, the transactions as the holding's history, and the 10% owner and
//!   "other" relationships as attributes. With several owners the figures are the filing's, not
//!   each owner's (`group_figure`).
//! - "Director" is board-member-of, "Officer" with its title is officer-of.
//! - a signature by an attorney-in-fact, or by one owner "on behalf of himself and each other
//!   reporting person", signs for those owners.

mod rendered;
mod text;
mod xml;

use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::Cx;
use crate::extract::ExtractError;
use crate::load::Line;
use crate::model::{
    Evidence, Holding, NodeKind, Position, Relation, Signing, Stake, Statement, Subject, Trade,
    Warning,
};
use crate::names::norm_key;
use std::collections::BTreeMap;

/// One Form 3/4/5 as its reader found it.
#[derive(Debug, Default)]
pub(crate) struct Ownership {
    /// ISO date of the period of report (the event for a Form 3).
    pub period: Option<String>,
    pub issuer: Option<(String, Evidence)>,
    pub issuer_cik: Option<String>,
    pub symbol: Option<String>,
    pub owners: Vec<Owner>,
    /// "No securities beneficially owned" was checked (a Form 3 of a new director, say).
    pub no_securities: bool,
    pub rows: Vec<Row>,
    /// Footnote id ("F1", "1") -> text.
    pub footnotes: BTreeMap<String, String>,
    /// The footnotes and remarks as prose, each with its source line: they state who holds the
    /// shares reported as indirect, and for whom the owner acts.
    pub prose: Vec<Line>,
    /// Footnote id -> the source line of its text.
    pub note_lines: BTreeMap<String, usize>,
    pub signatures: Vec<Signed>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug)]
pub(crate) struct Owner {
    pub name: String,
    pub cik: Option<String>,
    pub address: Option<String>,
    pub director: bool,
    /// Flagged as an officer: the title as written ("" when none is given).
    pub officer: Option<String>,
    pub ten_percent: bool,
    pub other: Option<String>,
    pub evidence: Evidence,
}

/// One line of Table I or II.
#[derive(Debug)]
pub(crate) struct Row {
    pub derivative: bool,
    pub security: String,
    pub date: Option<String>,
    pub code: Option<String>,
    pub shares: Option<f64>,
    pub price: Option<f64>,
    /// true = acquired (A), false = disposed of (D).
    pub acquired: Option<bool>,
    pub following: Option<f64>,
    /// true = direct (D), false = indirect (I).
    pub direct: Option<bool>,
    pub nature: Option<String>,
    /// Footnote ids, in order.
    pub notes: Vec<String>,
    pub evidence: Evidence,
}

impl Row {
    fn is_transaction(&self) -> bool {
        self.code.is_some() || self.shares.is_some()
    }
}

#[derive(Debug)]
pub(crate) struct Signed {
    pub text: String,
    pub date: Option<String>,
    pub evidence: Evidence,
}

/// Reads a Form 3/4/5 in whichever shape the document has. A filing with no issuer or no owner
/// is an error for the build to report.
pub(crate) fn read_ownership_form(cx: &mut Cx) -> Result<(), ExtractError> {
    let filing = cx.facts.filing.clone();
    let own = if let Some(r) = xml::read_xml_form(cx.doc, &filing) {
        r?
    } else if !cx.doc.cells.is_empty() {
        rendered::read_rendered_form(&cx.doc.cells, &filing)
    } else {
        text::read_text_form(cx)
    };
    apply(cx, own)
}

/// Turns what a reader found into facts.
fn apply(cx: &mut Cx, own: Ownership) -> Result<(), ExtractError> {
    let form = || cx.facts.form.clone();
    let Some((issuer_name, issuer_ev)) = own.issuer.clone() else {
        return Err(ExtractError::NoIssuer(form()));
    };
    if own.owners.is_empty() {
        return Err(ExtractError::NoOwner(form()));
    }
    cx.facts.warnings.extend(own.warnings.iter().cloned());
    let mut parties = Parties::default();
    let issuer_at = parties.upsert(&issuer_name, NodeKind::Issuer, issuer_ev.clone());
    parties.get_mut(issuer_at).ids.cik = own.issuer_cik.clone();
    parties.get_mut(issuer_at).ids.ticker = own.symbol.clone();
    let issuer = parties.get(issuer_at).name.clone();
    let as_of = own
        .period
        .clone()
        .or_else(|| own.rows.iter().filter_map(|r| r.date.clone()).max());
    let (positions, trades) = tables(&own);
    check_running_totals(&own, &mut cx.facts.warnings);
    let shares = total_shares(&positions, own.no_securities);
    let joint = own.owners.len() > 1;
    let form = cx.facts.form.clone();
    for o in &own.owners {
        let kind = if crate::names::looks_like_person(&o.name) {
            NodeKind::Individual
        } else {
            NodeKind::Company
        };
        let at = parties.upsert(&o.name, kind, o.evidence.clone());
        let p = parties.get_mut(at);
        p.reporting_person = true;
        p.ids.cik = o.cik.clone().or(p.ids.cik.take());
        p.address = o.address.clone().or(p.address.take());
        let name = p.name.clone();
        let role = |statement: Statement| Relation {
            source: name.clone(),
            target: issuer.clone(),
            statement,
            evidence: o.evidence.clone(),
        };
        if o.director {
            cx.facts.relations.push(role(Statement::board("Director")));
        }
        if let Some(title) = &o.officer {
            let title = if title.is_empty() { "Officer" } else { title };
            cx.facts.relations.push(role(Statement::officer(title)));
        }
        let mut evidence = vec![o.evidence.clone()];
        evidence.extend(own.rows.iter().map(|r| r.evidence.clone()));
        cx.facts.holdings.push(Holding {
            holder: name.clone(),
            issuer: issuer.clone(),
            stake: Stake {
                shares,
                as_of: as_of.clone(),
                class: single_class(&positions),
                group_figure: joint,
                ten_percent_owner: o.ten_percent,
                relationship_other: o.other.clone().filter(|t| !t.is_empty()),
                positions: positions.clone(),
                trades: trades.clone(),
                ..Stake::default()
            },
            evidence,
        });
    }
    signatures(cx, &own, &mut parties);
    held_through(cx, &mut parties, &issuer, &positions, &as_of);
    let stake = Stake {
        as_of: as_of.clone(),
        ..Stake::default()
    };
    read_prose(cx, &own, &mut parties, stake);
    cx.facts.subject = Some(Subject {
        issuer: issuer.clone(),
        cusip: None,
        class: None,
        event_date: as_of,
        evidence: vec![issuer_ev],
    });
    if joint {
        // the reporting owners, not the entities their footnotes say hold the shares
        cx.facts.group = own
            .owners
            .iter()
            .filter_map(|o| parties.find(&o.name).map(|p| parties.get(p).name.clone()))
            .collect();
    }
    if own.signatures.is_empty() {
        cx.warn(None, format!("{form}: no signature found"));
    }
    cx.facts.parties = parties.into_vec();
    Ok(())
}

/// Shares held indirectly "By Sequoia Capital XI, LP": that entity holds them. Only a name with a
/// legal form (or a fund's name of three words or more) is an entity: "By Trust", "By Living
/// Trust" and "See Footnote" name nobody (a footnote may, read as prose).
fn held_through(
    cx: &mut Cx,
    parties: &mut Parties,
    issuer: &str,
    positions: &[Position],
    as_of: &Option<String>,
) {
    let mut by: BTreeMap<String, Vec<&Position>> = BTreeMap::new();
    for p in positions
        .iter()
        .filter(|p| p.ownership.as_deref() == Some("indirect"))
    {
        if let Some(name) = p.nature.as_deref().and_then(entity_named) {
            by.entry(name).or_default().push(p);
        }
    }
    for (name, held) in by {
        let line = held[0].line;
        // the line is the table's, in the XML or the page: quote what it says of the holder
        let ev = cx.ev_header(line, held[0].nature.as_deref().unwrap_or(&name));
        let at = parties.upsert(&name, NodeKind::Company, ev.clone());
        let shares = match held.as_slice() {
            [one] if !one.derivative => one
                .shares
                .filter(|s| s.fract() == 0.0 && *s >= 0.0)
                .map(|s| s as u64),
            _ => None,
        };
        cx.facts.holdings.push(Holding {
            holder: parties.get(at).name.clone(),
            issuer: issuer.to_string(),
            stake: Stake {
                shares,
                as_of: as_of.clone(),
                class: (held.len() == 1).then(|| held[0].security.clone()),
                positions: held.iter().map(|p| (*p).clone()).collect(),
                ..Stake::default()
            },
            evidence: vec![ev],
        });
    }
}

/// The entity a nature of ownership names: "By Sequoia Capital XI, LP" -> "Sequoia Capital XI,
/// LP"; `None` for "By Trust", "See Footnote", "By Spouse".
fn entity_named(nature: &str) -> Option<String> {
    let t = crate::text::squash(nature);
    let lower = t.to_ascii_lowercase();
    let rest = ["held by ", "by ", "through "]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| &t[p.len()..]))
        .unwrap_or(&t)
        .trim()
        .trim_end_matches(['.', ',']);
    // a name, not a phrase: "through Hercules Holding II by Frisco, Inc." names two
    let connectors = ["of", "and", "&", "the", "de"];
    let phrase = rest
        .split_whitespace()
        .any(|w| w.starts_with(|c: char| c.is_lowercase()) && !connectors.contains(&w));
    if phrase {
        return None;
    }
    let words = rest.split_whitespace().count();
    let fund = rest.to_ascii_lowercase().ends_with(" fund") && words >= 3;
    let entity = crate::names::legal_form(rest).is_some() || fund;
    (entity && words >= 2 && crate::names::is_plausible_name(rest)).then(|| rest.to_string())
}

/// Relations the footnotes and remarks state ("1,000 of the reported shares are owned by Acme
/// Insurance, a subsidiary of Parent"; "the reporting person is the managing member of X LLC,
/// which holds the shares"), read by the prose layer with the footnote as evidence.
fn read_prose(cx: &mut Cx, own: &Ownership, parties: &mut Parties, stake: Stake) {
    use crate::extract::toolkit::statements;
    let prose = &own.prose;
    if prose.is_empty() || !prose.iter().any(|l| statements::may_state(&l.text)) {
        return;
    }
    let facts = std::mem::replace(&mut cx.facts, crate::model::Facts::new("", "", ""));
    let mut sub = cx.over(prose, facts);
    let mut stated = statements::read_prose_relations(&mut sub, parties, stake, None);
    for h in &mut stated {
        if h.stake.shares.is_none() && h.issuer == parties.get(0).name {
            h.stake.shares = shares_noted(own, h.evidence.first().map_or(0, |e| e.line));
        }
    }
    statements::add_holdings(&mut sub.facts, parties, stated);
    cx.facts = sub.facts;
}

/// "These shares are held of record by X" in the footnote on line `line`: the shares of the one
/// line of Table I that cites the footnote (none when several lines or a derivative cite it).
fn shares_noted(own: &Ownership, line: usize) -> Option<u64> {
    let ids: Vec<&String> = own
        .note_lines
        .iter()
        .filter(|(_, l)| **l == line)
        .map(|(id, _)| id)
        .collect();
    let [id] = ids.as_slice() else {
        return None;
    };
    let citing: Vec<&Row> = own.rows.iter().filter(|r| r.notes.contains(id)).collect();
    match citing.as_slice() {
        [row] if !row.derivative => row
            .following
            .filter(|f| f.fract() == 0.0 && *f >= 0.0)
            .map(|f| f as u64),
        _ => None,
    }
}

/// The positions after the filing (the last line for each security, form of ownership and
/// nature) and the transactions, with footnote texts in place of their ids.
fn tables(own: &Ownership) -> (Vec<Position>, Vec<Trade>) {
    let notes = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| own.footnotes.get(id))
            .cloned()
            .collect()
    };
    let mut positions: Vec<Position> = Vec::new();
    // indexes of the positions that transactions have made
    let mut chain: Vec<usize> = Vec::new();
    let mut trades = Vec::new();
    for r in &own.rows {
        let ownership = r
            .direct
            .map(|d| if d { "direct" } else { "indirect" }.to_string());
        let position = Position {
            security: r.security.clone(),
            derivative: r.derivative,
            shares: r.following,
            ownership,
            nature: r.nature.clone().filter(|n| !n.is_empty()),
            footnotes: notes(&r.notes),
            line: r.evidence.line,
        };
        let same = |p: &Position| {
            (p.derivative, &p.ownership, &p.nature)
                == (position.derivative, &position.ownership, &position.nature)
                && same_security(&p.security, &position.security)
        };
        // A transaction moves the position the one before it in the same security and form of
        // ownership left; a holding line is a position of its own (eight trusts for eight
        // children are eight lines that read alike).
        let chained = r.is_transaction() && chain.iter().any(|&k| same(&positions[k]));
        if chained {
            let k = chain
                .iter()
                .copied()
                .rfind(|&k| same(&positions[k]))
                .unwrap_or_default();
            positions[k] = position;
        } else {
            if r.is_transaction() {
                chain.push(positions.len());
            }
            positions.push(position);
        }
        if r.is_transaction() {
            trades.push(Trade {
                security: r.security.clone(),
                derivative: r.derivative,
                date: r.date.clone(),
                code: r.code.clone(),
                shares: r.shares,
                price: r.price,
                direction: r
                    .acquired
                    .map(|a| if a { "acquired" } else { "disposed" }.to_string()),
                footnotes: notes(&r.notes),
                line: r.evidence.line,
            });
        }
    }
    (positions, trades)
}

/// "Class A Common Stock" and "CLASS A  COMMON STOCK" are one security.
fn same_security(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

fn security_key(s: &str) -> String {
    crate::text::squash(s).to_lowercase()
}

/// Whole shares of the one class of non-derivative security held, direct and indirect together;
/// none when several classes are held (adding Class A to Class B would mean nothing).
fn total_shares(positions: &[Position], no_securities: bool) -> Option<u64> {
    let held: Vec<&Position> = positions.iter().filter(|p| !p.derivative).collect();
    if held.is_empty() {
        return no_securities.then_some(0);
    }
    single_class(positions)?;
    let sum: f64 = held.iter().filter_map(|p| p.shares).sum();
    held.iter()
        .any(|p| p.shares.is_some())
        .then_some(sum.max(0.0).floor() as u64)
}

fn single_class(positions: &[Position]) -> Option<String> {
    let mut classes = positions
        .iter()
        .filter(|p| !p.derivative)
        .map(|p| &p.security);
    let first = classes.next()?;
    classes
        .all(|c| same_security(c, first))
        .then(|| first.clone())
}

/// Consecutive transactions in one non-derivative position must add up: the amount after each is
/// the amount after the one before, plus what was acquired or minus what was disposed of.
fn check_running_totals(own: &Ownership, warnings: &mut Vec<Warning>) {
    let mut last: BTreeMap<(String, Option<bool>, Option<String>), f64> = BTreeMap::new();
    for r in own
        .rows
        .iter()
        .filter(|r| !r.derivative && r.is_transaction())
    {
        let key = (security_key(&r.security), r.direct, r.nature.clone());
        if let (Some(before), Some(shares), Some(acquired), Some(after)) =
            (last.get(&key), r.shares, r.acquired, r.following)
        {
            let expected = if acquired {
                before + shares
            } else {
                before - shares
            };
            if (expected - after).abs() > 0.5 {
                warnings.push(Warning {
                    line: Some(r.evidence.line),
                    message: format!(
                        "transactions do not add up: {} {} {} after {} gives {}, but the form states {} owned after",
                        if acquired { "acquiring" } else { "disposing of" },
                        fmt_shares(shares),
                        r.security,
                        fmt_shares(*before),
                        fmt_shares(expected),
                        fmt_shares(after)
                    ),
                });
            }
        }
        if let Some(after) = r.following {
            last.insert(key, after);
        }
    }
}

fn fmt_shares(n: f64) -> String {
    crate::text::thousands_f64(n)
}

/// The signatures: the owner signing for himself adds evidence; an attorney-in-fact signs for the
/// owner named; "on behalf of himself and each other reporting person" signs for every owner.
fn signatures(cx: &mut Cx, own: &Ownership, parties: &mut Parties) {
    let owners: Vec<String> = own
        .owners
        .iter()
        .map(|o| parties.canonical(&o.name))
        .collect();
    for s in &own.signatures {
        let Some(sig) = parse_signature(&s.text) else {
            continue;
        };
        let owner_named = |name: &str| owners.iter().find(|o| same_person(name, o)).cloned();
        let signer = owner_named(&sig.signer).unwrap_or_else(|| sig.signer.clone());
        let kind = if crate::names::looks_like_person(&signer) {
            NodeKind::Individual
        } else {
            NodeKind::Company
        };
        parties.upsert(&signer, kind, s.evidence.clone());
        let mut targets: Vec<(String, &str)> = Vec::new();
        if let Some(grantor) = &sig.attorney_for {
            let g = owner_named(grantor).unwrap_or_else(|| grantor.clone());
            parties.upsert(&g, NodeKind::Individual, s.evidence.clone());
            targets.push((g, "Attorney-in-Fact"));
        } else if sig.for_all {
            for o in &owners {
                targets.push((o.clone(), "for each reporting person"));
            }
        } else if owner_named(&sig.signer).is_none() {
            // The line is the reporting person's signature: whoever else signs it ("/s/ Travis
            // Shrout, Attorney-in-Fact") signs for the owners.
            let title = if sig.attorney {
                "Attorney-in-Fact"
            } else {
                "for the reporting person"
            };
            for o in &owners {
                targets.push((o.clone(), title));
            }
        }
        for (target, title) in targets {
            if norm_key(&target) == norm_key(&signer) {
                continue;
            }
            let signing = Signing {
                title: Some(title.to_string()),
                date: s.date.clone(),
                ..Signing::default()
            };
            cx.facts.relations.push(Relation {
                source: parties.canonical(&signer),
                target: parties.canonical(&target),
                statement: Statement::SignsFor(signing),
                evidence: s.evidence.clone(),
            });
        }
    }
}

#[derive(Debug, PartialEq)]
struct Signature {
    signer: String,
    attorney_for: Option<String>,
    /// Signed as attorney-in-fact or under a power of attorney, whether or not it says for whom.
    attorney: bool,
    for_all: bool,
}

/// "/s/ Lauren Walz, as attorney-in-fact for Vinayak Hegde", "/s/Jessica L. Brosius, Attorney in
/// Fact for Nora B. Sullivan", "/s/ Warren E. Buffett, on behalf of himself and each other
/// reporting person hereunder". A line that names no one ("/s/ See Signatures Included in
/// Exhibit 99.2") gives none.
fn parse_signature(text: &str) -> Option<Signature> {
    let t = crate::text::squash(text);
    let t = t
        .trim_start_matches(|c: char| c == '*' || c.is_whitespace())
        .trim_start_matches("/s/")
        .trim_start_matches("/S/")
        .trim();
    let lower = t.to_lowercase();
    if lower.starts_with("see ") || lower.contains("exhibit") || lower.contains("signatures") {
        return None;
    }
    let (name, rest) = match t.split_once(',') {
        Some((n, r)) => (n.trim(), r.trim()),
        None => (t, ""),
    };
    let name = name.trim_end_matches('*').trim();
    // ASCII lower case keeps every byte where it was, so an offset found in `rest_lower` is one in
    // `rest`. Full Unicode lower case does not ("İ" is two bytes, "i̇" three): the grantor was cut
    // from `rest` inside a character and panicked (found while fuzzing, tests/fuzz_regressions.rs).
    // The words searched for are ASCII.
    let rest_lower = rest.to_ascii_lowercase().replace('-', " ");
    let attorney_for = ["attorney in fact for ", "attorney in fact on behalf of "]
        .iter()
        .find_map(|k| rest_lower.find(k).map(|at| at + k.len()))
        .map(|at| rest[at..].trim().trim_end_matches(['.', ',']).to_string())
        .filter(|g| !g.is_empty());
    let for_all = rest_lower.contains("each other reporting person")
        || rest_lower.contains("all reporting persons")
        || rest_lower.contains("each reporting person");
    let attorney = rest_lower.contains("attorney");
    (!name.is_empty() && name.chars().any(char::is_alphabetic)).then(|| Signature {
        signer: name.to_string(),
        attorney_for,
        attorney,
        for_all,
    })
}

/// "Vinayak Hegde" and EDGAR's "Hegde Vinayak"; "Rajesh Melkote" and "Melkote Rajesh Ramaswamy":
/// every word of the shorter is in the longer, and the longer's first word (EDGAR's surname) is
/// among them.
fn same_person(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        norm_key(s)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 2 || long.is_empty() {
        return !short.is_empty() && short == long;
    }
    let in_long = |w: &String| {
        long.iter()
            .any(|l| l == w || (w.len() == 1 && l.starts_with(w.as_str())))
    };
    short.iter().all(in_long) && (short.contains(&long[0]) || short.last() == long.last())
}

/// "1"/"true" (either case) is set; "0", "false" and empty are not.
pub(crate) fn flag(s: &str) -> bool {
    matches!(s.trim().to_ascii_lowercase().as_str(), "1" | "true")
}

/// "5,381.2", "$39.52", "1,000 (1)" -> the number.
pub(crate) fn number(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .trim_start_matches('$')
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.' || *c == '$' || *c == ' ')
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    t.parse().ok().filter(|n: &f64| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_name_who_signs_for_whom() {
        let s = parse_signature("/s/ Lauren Walz, as attorney-in-fact for Vinayak Hegde").unwrap();
        assert_eq!(s.signer, "Lauren Walz");
        assert_eq!(s.attorney_for.as_deref(), Some("Vinayak Hegde"));
        let s = parse_signature("/s/Jessica L. Brosius, Attorney in Fact for Nora B. Sullivan")
            .unwrap();
        assert_eq!(
            (s.signer.as_str(), s.attorney_for.as_deref()),
            ("Jessica L. Brosius", Some("Nora B. Sullivan"))
        );
        let s = parse_signature(
            "/s/ Warren E. Buffett, on behalf of himself and each other reporting person hereunder",
        )
        .unwrap();
        assert!(s.for_all && s.attorney_for.is_none());
        assert_eq!(
            parse_signature("/s/ See Signatures Included in Exhibit 99.2"),
            None
        );
        assert_eq!(parse_signature("/s/ "), None);
    }

    #[test]
    fn edgar_order_matches_signed_names() {
        assert!(same_person("Vinayak Hegde", "Hegde Vinayak"));
        assert!(same_person("Warren E. Buffett", "BUFFETT WARREN E"));
        assert!(same_person("Rajesh Melkote", "Melkote Rajesh Ramaswamy"));
        assert!(same_person("Nora B. Sullivan", "SULLIVAN NORA B"));
        assert!(!same_person("Lauren Walz", "Hegde Vinayak"));
        assert!(!same_person("Nora Sullivan", "Sullivan Brian"));
    }

    #[test]
    fn numbers_and_flags() {
        assert_eq!(number("5,381.2"), Some(5381.2));
        assert_eq!(number("$39.52"), Some(39.52));
        assert_eq!(number("101,158,891"), Some(101_158_891.0));
        assert_eq!(number("-"), None);
        assert!(flag("1") && flag("true") && flag(" TRUE "));
        assert!(!flag("0") && !flag("false") && !flag(""));
    }
}
