//! The relation layer for prose: sentences -> mentions -> relation cues -> edges.
//!
//! 1. `sentences`: the paragraphs that hold a cue word (found in one search of the document's
//!    lowered text), joined across wrapped lines and cells and split into sentences;
//! 2. `mentions`: where each sentence names a party (by name, defined term, collective term,
//!    "Mr. Roe", a unique short name, "the Issuer") or an organisation with a legal form;
//! 3. `cues`: the lexicon of role phrases, each with the edge it makes and its direction;
//! 4. `templates`: the patterns around a cue (connectors, chains, "respectively", reversed
//!    forms, holdings with figures) that give subjects and objects;
//!
//! and here, each stated relation becomes a `manages`, `board-member-of`, `officer-of` edge or a
//! holding, quoting the sentence's line. Persons and organisations a relation names that are no
//! party yet become parties, of the right kind. docs/forms.md describes the lexicon and how to
//! add a cue.

mod cues;
mod holdings;
mod mentions;
mod sentences;
mod templates;

use super::parties::Parties;
use super::roles::classify;
use super::Cx;
use crate::model::{Holding, NodeKind, Percent, Relation, Stake, Statement};
use cues::{role_name, Tie, CUE_SEARCH};
use mentions::{Names, Who};
use std::ops::Range;
use templates::{End, Scope, Stated, What};

/// Whether a text may state a relation the layer reads (it holds a cue word).
pub(crate) fn may_state(text: &str) -> bool {
    CUE_SEARCH.is_match(&text.to_ascii_lowercase())
}

/// What the prose of a filing states.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub relations: Vec<Relation>,
    /// Holdings, of the issuer or of one entity in another.
    pub holdings: Vec<Holding>,
}

/// What a filing lets its prose refer to without naming it.
pub(crate) struct Context<'a> {
    /// The issuer's (or the registrant's) party, for "the Issuer", "owns 1,000 shares", "our".
    pub issuer: Option<usize>,
    /// A corporate filing: "our", "the Company" and "the Registrant" are the issuer.
    pub registrant: bool,
    /// The filing's one reporting person, when it has one: "the Reporting Person".
    pub reporting: Option<usize>,
    /// The class, CUSIP and date a holding of the issuer's shares is stated for.
    pub issuer_stake: Stake,
    /// Collective defined terms: a term and the parties it stands for.
    pub collectives: &'a [(String, Vec<usize>)],
}

/// Reads the relations the prose of `lines` states.
pub(crate) fn read_relations(
    cx: &Cx,
    parties: &mut Parties,
    lines: Range<usize>,
    ctx: &Context,
) -> Found {
    let sentences = sentences::sentences_with(cx, lines, &CUE_SEARCH);
    let mut found = Found::default();
    if sentences.is_empty() {
        return found;
    }
    let mut names = Names::new(parties, ctx.collectives, ctx.issuer, ctx.reporting);
    let scope = Scope {
        registrant: ctx.registrant,
        document: &cx.joined().text,
    };
    let trace = std::env::var_os("RELGRAPH_PROSE_TRACE").is_some();
    for s in &sentences {
        let mut mentions = mentions::find(s, &names);
        // a registrant's prose may name nobody known yet ("Jane Roe has served as a director
        // of the Company since 2010")
        if mentions.is_empty() && !ctx.registrant {
            continue;
        }
        let defined = templates::definitions(s, &mentions);
        if !defined.is_empty() {
            // the sentence may use a term it defines ("... ("CO GP"), is the general partner of
            // CO and Kelp LLC is the managing member of CO GP")
            for (name, term) in defined {
                names.define(&name, &term);
            }
            mentions = mentions::find(s, &names);
        }
        let stated = templates::read(s, &mentions, scope);
        if trace {
            // for whoever adds a cue: what each sentence was read as (docs/forms.md)
            eprintln!("prose: line {}: {}", cx.lines[s.line_at(0)].no, s.text);
            for m in &mentions {
                eprintln!("  mention {:?}: {:?}", &s.text[m.start..m.end], m.who);
            }
            for st in &stated {
                eprintln!("  stated {st:?}");
            }
        }
        for st in stated {
            // a relation whose ends cannot hold it makes no parties ("CCC is Senior Vice
            // President of CIGF, Inc.": an office held by a company)
            let person = |e: &End| end_is_person(parties, e);
            if let (Some(a), Some(b)) = (person(&st.source), person(&st.target)) {
                if !fits(&st.what, a, b) {
                    continue;
                }
            }
            let line = s.line_at(st.at);
            let mut ends = Ends {
                cx,
                parties: &mut *parties,
                names: &mut names,
                ctx,
                line,
            };
            let (sources, targets) = (ends.resolve(&st.source), ends.resolve(&st.target));
            for &a in &sources {
                for &b in targets.iter().filter(|&&b| b != a) {
                    add(cx, parties, ctx, &st, a, b, line, &mut found);
                }
            }
        }
    }
    found
}

/// Turns the ends of stated relations into parties.
struct Ends<'e, 'c> {
    cx: &'e Cx<'c>,
    parties: &'e mut Parties,
    names: &'e mut Names,
    ctx: &'e Context<'e>,
    line: usize,
}

impl Ends<'_, '_> {
    fn resolve(&mut self, end: &End) -> Vec<usize> {
        match end {
            End::Who(Who::Party(i)) => vec![*i],
            End::Who(Who::Group(members)) => members.clone(),
            End::Who(Who::NewOrg(name, term)) => {
                let i = self.new_party(name, NodeKind::Company);
                if let Some(t) = term {
                    self.parties.add_alias(i, t);
                }
                vec![i]
            }
            End::NewPerson(name) => vec![self.new_party(name, NodeKind::Individual)],
            End::Registrant | End::Issuer => self.ctx.issuer.into_iter().collect(),
        }
    }

    fn new_party(&mut self, name: &str, kind: NodeKind) -> usize {
        let before = self.parties.len();
        let i = self.parties.upsert(name, kind, self.cx.ev(self.line));
        if self.parties.len() > before {
            self.names.add_party(self.parties, i);
        }
        i
    }
}

/// The edge or holding one stated relation makes between parties `a` and `b`.
#[allow(clippy::too_many_arguments)]
fn add(
    cx: &Cx,
    parties: &Parties,
    ctx: &Context,
    st: &Stated,
    a: usize,
    b: usize,
    line: usize,
    found: &mut Found,
) {
    let person = |i: usize| is_person(parties, i);
    let relation = |statement: Statement| Relation {
        source: parties.get(a).name.clone(),
        target: parties.get(b).name.clone(),
        statement,
        evidence: cx.ev(line),
    };
    let holding = |holder: usize, held: usize, stake: Stake| Holding {
        holder: parties.get(holder).name.clone(),
        issuer: parties.get(held).name.clone(),
        stake,
        evidence: vec![cx.ev(line)],
    };
    let percent = |p: Option<f64>| Stake {
        percent: p.map(Percent::Exact),
        ..Stake::default()
    };
    match &st.what {
        What::Role {
            tie: Tie::Manages,
            printed,
        } if fits(&st.what, person(a), person(b)) => {
            found
                .relations
                .push(relation(Statement::manages(role_name(printed))));
        }
        What::Role {
            tie: Tie::Office,
            printed,
        } if fits(&st.what, person(a), person(b)) => {
            let roles = classify(&singular_title(printed));
            let seat = roles.board.map(Statement::board);
            let office = roles.officer.map(Statement::officer);
            found
                .relations
                .extend(seat.into_iter().chain(office).map(relation));
        }
        What::Role {
            tie: Tie::Owns(p), ..
        } if fits(&st.what, person(a), person(b)) => {
            found.holdings.push(holding(a, b, percent(*p)));
        }
        What::Role {
            tie: Tie::OwnedBy(p),
            printed,
        } if fits(&st.what, person(a), person(b)) => {
            let stake = Stake {
                indirect: printed.to_ascii_lowercase().contains("indirect"),
                ..percent(*p)
            };
            found.holdings.push(holding(b, a, stake));
        }
        What::Holding { shares, percent } if fits(&st.what, person(a), person(b)) => {
            let base = if Some(b) == ctx.issuer {
                ctx.issuer_stake.clone()
            } else {
                Stake::default()
            };
            let stake = Stake {
                shares: *shares,
                percent: percent.map(Percent::Exact),
                ..base
            };
            found.holdings.push(holding(a, b, stake));
        }
        _ => {}
    }
}

/// Whether a stated relation may hold between ends of these kinds: nobody manages, owns or is
/// an officer of a person; only a person holds an office; a subsidiary and its parent are
/// companies.
fn fits(what: &What, a_person: bool, b_person: bool) -> bool {
    match what {
        What::Role {
            tie: Tie::Office, ..
        } => a_person && !b_person,
        What::Role {
            tie: Tie::OwnedBy(_),
            ..
        } => !a_person && !b_person,
        _ => !b_person,
    }
}

fn is_person(parties: &Parties, i: usize) -> bool {
    let p = parties.get(i);
    p.kind == NodeKind::Individual || crate::names::looks_like_person(&p.name)
}

/// Whether an end is a person, when that is known before it becomes a party (a group's members
/// may be either).
fn end_is_person(parties: &Parties, end: &End) -> Option<bool> {
    match end {
        End::Who(Who::Party(i)) => Some(is_person(parties, *i)),
        End::Who(Who::NewOrg(..)) | End::Registrant | End::Issuer => Some(false),
        End::NewPerson(_) => Some(true),
        End::Who(Who::Group(_)) => None,
    }
}

/// A title as one person holds it: "executive officers" -> "executive officer", "Directors" ->
/// "Director".
fn singular_title(title: &str) -> String {
    let t = printed_case(&crate::text::squash(title));
    match t.rsplit_once(' ').map_or(("", t.as_str()), |(a, b)| (a, b)) {
        (head, last) if last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") => {
            let one = &last[..last.len() - 1];
            if head.is_empty() {
                one.to_string()
            } else {
                format!("{head} {one}")
            }
        }
        _ => t,
    }
}

/// A title written in lower case, as prose writes it ("a director of"), in the capitals a
/// signature page gives it ("Director"), so one seat is one title; a title with capitals of its
/// own ("CEO", "Vice President") is kept as printed.
fn printed_case(title: &str) -> String {
    if title.chars().any(|c| c.is_uppercase()) {
        return title.to_string();
    }
    let word = |(k, w): (usize, &str)| {
        if k > 0 && matches!(w, "of" | "the" | "and" | "to" | "for" | "on" | "in") {
            return w.to_string();
        }
        let mut c = w.chars();
        c.next()
            .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
    };
    title
        .split(' ')
        .enumerate()
        .map(word)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
