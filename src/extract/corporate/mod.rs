//! Registration statements, annual reports and proxy statements: who the registrant is, who
//! signs for it and in what role, its agent for service, and its counsel.

mod bios;
mod holdings;
mod holdings_text;
mod name_cells;
mod notice;
mod officer_sections;
mod people_tables;
mod proxy;
mod roster;
mod signature_page;
mod tables;
#[cfg(test)]
mod tests;
mod text_tables;
mod titles;

use crate::extract::toolkit::captions::value_before;
use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::statements;
use crate::extract::toolkit::Cx;
use crate::extract::ExtractError;
use crate::load::PartyRole;
use crate::model::Stake;
use crate::model::{NodeKind, Relation, Statement};
use crate::names::looks_like_person;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

static REGISTRANT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\(\s*(?:exact\s+)?name\s+of\s+(?:the\s+)?registrants?\s+as\s+specified\s+in\s+(?:its|their)\s+charters?\s*\)",
    )
});
static AGENT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bof\s+agent\s+for\s+service\b"));
static COPIES_TO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:with\s+)?cop(?:y|ies)\s+to\s*:?\s*$"));
static ESQ: LazyLock<Regex> = LazyLock::new(|| re(r"(?i),?\s*Esq(?:uire)?\.?\s*$"));
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*\(?\d|(?i)\b(?:street|avenue|road|suite|floor|boulevard|blvd|drive|plaza|p\.?o\.? box|telephone|facsimile)\b",
    )
});

/// A parenthesised caption line ("(Address, including zip code, ...)"), not a phone number.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\([A-Za-z]"));

/// How many lines above the agent-for-service caption its block may start.
const AGENT_BLOCK: usize = 8;

pub(super) fn read_corporate(cx: &mut Cx) -> Result<(), ExtractError> {
    let mut parties = Parties::default();
    let Some(registrant) = registrant(cx, &mut parties) else {
        cx.warn(
            None,
            "no registrant name found: signatures cannot be attributed",
        );
        return Ok(());
    };
    let mut relations = signature_page::read_signature_page(cx, &registrant, &mut parties);
    if matches!(
        cx.family,
        crate::detect::Family::Proxy | crate::detect::Family::AnnualReport
    ) {
        let aliases = parties
            .find(&registrant)
            .map(|i| parties.get(i).aliases.clone())
            .unwrap_or_default();
        let reg = Registrant::new(&registrant, &aliases);
        relations.extend(proxy::read_people(cx, &reg, &mut parties));
    }
    relations.extend(agent_for_service(cx, &registrant, &mut parties));
    crate::extract::toolkit::aliases::read_defined_terms(cx, &mut parties, false);
    relations.extend(counsel(cx, &registrant, &mut parties));
    cx.facts.relations.append(&mut relations);
    // biographies and sections in prose: "Mr. Roe has served as our Chief Financial Officer"
    let own = parties.find(&registrant);
    let stated = statements::read_prose_relations(cx, &mut parties, Stake::default(), own);
    statements::add_holdings(&mut cx.facts, &parties, stated);
    if cx.facts.relations.is_empty() && cx.facts.holdings.is_empty() {
        cx.warn(None, "no signature or officer found in this filing");
    }
    cx.facts.parties = parties.into_vec();
    Ok(())
}

/// The registrant: the "(Exact name of registrant as specified in its charter)" caption, else the
/// header's FILER / SUBJECT COMPANY. Its CIK comes from the header.
fn registrant(cx: &Cx, parties: &mut Parties) -> Option<String> {
    let header = cx.doc.header.as_ref().and_then(|h| {
        h.parties
            .iter()
            .find(|p| matches!(p.role, PartyRole::Filer | PartyRole::SubjectCompany))
    });
    let captioned = (0..cx.lines.len().min(300))
        .find(|&i| REGISTRANT.is_match(cx.text(i)))
        .and_then(|i| value_before(cx, i, &REGISTRANT, &[&*REGISTRANT]))
        .filter(|(v, _)| crate::names::is_plausible_name(v));
    let idx = match (&captioned, header) {
        (Some((name, at)), _) => parties.upsert(name, NodeKind::Company, cx.ev(*at)),
        (None, Some(h)) => {
            parties.upsert(&h.name, NodeKind::Company, cx.ev_header(h.line, &h.name))
        }
        (None, None) => return None,
    };
    if let Some(h) = header {
        parties.add_alias(idx, &h.name);
        let p = parties.get_mut(idx);
        p.ids.cik = p.ids.cik.take().or_else(|| h.cik.clone());
        p.ids.irs = p.ids.irs.take().or_else(|| h.irs.clone());
    }
    Some(parties.get(idx).name.clone())
}

/// The agent for service printed above "(Name, address ... of agent for service)": a name, and,
/// when a title follows it, an officer of the registrant.
fn agent_for_service(cx: &Cx, registrant: &str, parties: &mut Parties) -> Vec<Relation> {
    let Some(cap) = (0..cx.lines.len().min(300)).find(|&i| AGENT.is_match(cx.text(i))) else {
        return Vec::new();
    };
    let block: Vec<usize> = (cap.saturating_sub(AGENT_BLOCK)..cap)
        .filter(|&j| !cx.text(j).trim().is_empty())
        .collect();
    // The block starts after the previous caption (a line in parentheses).
    let start = block
        .iter()
        .rposition(|&j| CAPTION.is_match(cx.text(j)))
        .map_or(0, |k| k + 1);
    let block = &block[start..];
    let Some((&name_at, rest)) = block.split_first() else {
        return Vec::new();
    };
    let name = cx.squashed(name_at).to_string();
    if !looks_like_person(&name) {
        return Vec::new();
    }
    let Some(&title_at) = rest.first() else {
        return Vec::new();
    };
    let roles = crate::extract::toolkit::roles::classify(cx.text(title_at));
    let Some(title) = roles.officer else {
        return Vec::new();
    };
    let pi = parties.upsert(&name, NodeKind::Individual, cx.ev(name_at));
    let person = parties.get(pi).name.clone();
    vec![Relation {
        source: person,
        target: registrant.to_string(),
        statement: Statement::officer(title),
        evidence: cx.ev(title_at),
    }]
}

/// "Copies to:" counsel: each lawyer named, with the firm printed under the name.
fn counsel(cx: &Cx, registrant: &str, parties: &mut Parties) -> Vec<Relation> {
    let Some(at) = (0..cx.lines.len().min(300)).find(|&i| COPIES_TO.is_match(cx.text(i))) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut lawyer: Option<(String, usize)> = None;
    for j in at + 1..cx.lines.len().min(at + 16) {
        let t = cx.squashed(j).to_string();
        if t.is_empty() {
            if lawyer.is_none() && !out.is_empty() {
                break;
            }
            continue;
        }
        if t.starts_with('(') || t.len() > 100 {
            break;
        }
        let bare = ESQ
            .replace(&t, "")
            .trim_end_matches([',', '.', ' '])
            .to_string();
        if looks_like_person(&bare) || t.to_ascii_lowercase().contains("esq") {
            lawyer = Some((bare.trim_end_matches(',').to_string(), j));
        } else if let Some((name, name_at)) = lawyer.take_if(|_| !ADDRESS.is_match(&t)) {
            // the line under a lawyer's name is the firm
            let pi = parties.upsert(&name, NodeKind::Individual, cx.ev(name_at));
            let person = parties.get(pi).name.clone();
            let firm = crate::names::strip_honorific(&t)
                .trim_end_matches(',')
                .to_string();
            out.push(Relation {
                source: person,
                target: registrant.to_string(),
                statement: Statement::CounselTo { firm },
                evidence: cx.ev(j),
            });
        }
    }
    out
}

/// The registrant as the readers of its tables and biographies need it: its name, and the keys
/// of every spelling (the header's conformed name too), to tell its own name from a holder's and
/// an office held at it from one held elsewhere.
#[derive(Debug, Clone)]
pub(super) struct Registrant {
    pub name: String,
    pub keys: Vec<String>,
}

impl Registrant {
    pub fn new(name: &str, aliases: &[String]) -> Registrant {
        let mut keys: Vec<String> = std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .map(crate::names::norm_key)
            .filter(|k| !k.is_empty())
            .collect();
        keys.dedup();
        Registrant {
            name: name.to_string(),
            keys,
        }
    }

    /// Whether `s` names the registrant: one of its spellings, the start of one ("Apple" for
    /// "Apple Inc."), or "the Company" / "the Registrant".
    pub fn is_named(&self, s: &str) -> bool {
        let lower = s.trim().to_ascii_lowercase();
        let bare = lower.strip_prefix("the ").unwrap_or(&lower);
        if matches!(bare, "company" | "registrant" | "corporation" | "issuer") {
            return true;
        }
        let k = crate::names::norm_key(s);
        if k.is_empty() {
            return false;
        }
        self.keys
            .iter()
            .any(|r| *r == k || (r.starts_with(&k) && r[k.len()..].starts_with(' ')))
    }
}
