//! What kind of entity each party is, from what this filing says of it: a person's name or type
//! code IN makes an individual; managing someone, a manager's defined term ("the General Partner")
//! or code IA makes a manager; being managed, or "Fund" in the name, makes a fund.

use super::parties::Parties;
use super::Cx;
use crate::model::{EdgeKind, NodeKind};
use crate::names::{legal_form, looks_like_person, norm_key};
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

static MANAGER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(investment\s+manager|general\s+partner|manager|adviser|advisor|advisers|advisors|managing\s+member|management|GP)\b",
    )
});
static FUND_WORDS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(fund|funds|master\s+fund|feeder)\b"));

pub(crate) fn assign_kinds(cx: &mut Cx, parties: &mut Parties) {
    let managers: Vec<String> = relation_ends(cx, |r| norm_key(&r.source));
    let managed: Vec<String> = relation_ends(cx, |r| norm_key(&r.target));
    let mut conflicts = Vec::new();
    for i in 0..parties.len() {
        let p = parties.get(i);
        if p.kind == NodeKind::Issuer && !p.reporting_person {
            continue;
        }
        let key = norm_key(&p.name);
        let codes = &p.type_codes;
        let names: Vec<&str> = std::iter::once(p.name.as_str())
            .chain(p.aliases.iter().map(String::as_str))
            .collect();
        let organisation = legal_form(&p.name).is_some() || FUND_WORDS.is_match(&p.name);
        let coded_individual = codes.iter().any(|c| c == "IN");
        // A type code is the filer's word, the name is the entity's own: "Key Colony Fund, L.P."
        // coded IN is still a fund, and the contradiction is worth a warning.
        if coded_individual && organisation {
            let at = p.evidence.first().map(|e| e.line);
            conflicts.push((at, format!("the cover page gives type IN (individual) for {}, whose name is an organisation's", p.name)));
        }
        let person = !organisation
            && (coded_individual || looks_like_person(&p.name) || p.kind == NodeKind::Individual);
        let manager = managers.contains(&key)
            || codes.iter().any(|c| c == "IA")
            || names.iter().any(|n| MANAGER_WORDS.is_match(n));
        let fund = managed.contains(&key)
            || codes.iter().any(|c| c == "IV")
            || names.iter().any(|n| FUND_WORDS.is_match(n));
        let kind = if person {
            NodeKind::Individual
        } else if manager {
            NodeKind::Manager
        } else if fund {
            NodeKind::Fund
        } else {
            NodeKind::Company
        };
        parties.get_mut(i).kind = kind;
    }
    for (line, msg) in conflicts {
        let idx = line.and_then(|l| cx.lines.iter().position(|x| x.no == l));
        cx.warn(idx, msg);
    }
}

/// Normalised names at one end of every manages relation.
fn relation_ends(cx: &Cx, end: impl Fn(&crate::model::Relation) -> String) -> Vec<String> {
    cx.facts
        .relations
        .iter()
        .filter(|r| r.kind() == EdgeKind::Manages)
        .map(end)
        .collect()
}
