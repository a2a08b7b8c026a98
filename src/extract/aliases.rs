//! Defined terms: `Kings Road Investments Ltd. ("KRIL")`, `STMicroelectronics N.V. ("ST"), a
//! corporation...`, `8x8, Inc., a Delaware corporation ("8x8")`, `(the “UK Investment Manager”)`.
//! A term becomes an alias only when the text just before it ends with a party's name, so terms
//! for shares, documents and laws ("Common Stock", "Act") never attach to an entity.

use super::item2::DEFINED_TERM;
use super::parties::Parties;
use super::Cx;
use crate::names::norm_key;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

/// Words that mark a defined term as naming a thing, not a party.
const NOT_PARTY_WORDS: &[&str] = &[
    "SHARE",
    "SHARES",
    "STOCK",
    "SECURITIES",
    "SECURITY",
    "NOTES",
    "NOTE",
    "WARRANTS",
    "WARRANT",
    "UNITS",
    "SCHEDULE",
    "STATEMENT",
    "AGREEMENT",
    "AMENDMENT",
    "ACT",
    "COMMISSION",
    "SEC",
    "FILING",
    "REPORT",
    "PLAN",
    "MERGER",
    "TRANSACTION",
    "TRANSACTIONS",
    "OFFERING",
    "DATE",
    "CLOSING",
    "RIGHTS",
    "OPTIONS",
    "LOAN",
    "CREDIT",
    "FACILITY",
    "PERSONS",
    "ITEM",
    "EXHIBIT",
    "ANNEX",
    "PURCHASE",
    "SALE",
    "PRICE",
    "CLASS",
    "ORIGINAL",
    "REGISTRATION",
    "PROSPECTUS",
    "DEBENTURES",
    "BONDS",
    "PREFERRED",
    "ORDINARY",
    "INTEREST",
    "ICS",
    "RULE",
    "LETTER",
    "PERIOD",
];

static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i),\s+(?:an?|the)\s+[^,()]{1,80}(?:corporation|company|partnership|organi[sz]ed[^,()]*|entity|trust|fund|limited[^,()]*|n\.v\.|ag)\s*,?\s*$",
    )
});

pub(super) fn read(cx: &Cx, parties: &mut Parties) {
    for i in 0..cx.lines.len() {
        let text = cx.text(i);
        for c in DEFINED_TERM.captures_iter(text) {
            let term = c[1].trim();
            if !is_party_term(term) {
                continue;
            }
            let start = c.get(0).map_or(0, |m| m.start());
            let mut before = text[..start].trim_end().to_string();
            if before.is_empty() {
                if let Some(prev) = (i.saturating_sub(2)..i)
                    .rev()
                    .find(|&j| !cx.text(j).trim().is_empty())
                {
                    before = cx.text(prev).trim_end().to_string();
                }
            }
            if let Some(p) = party_named_at_end(parties, &before) {
                parties.add_alias(p, term);
            }
        }
    }
}

/// Terms every filing defines for its issuer or filer; as aliases they would say nothing.
const GENERIC_TERMS: &[&str] = &[
    "ISSUER",
    "COMPANY",
    "REGISTRANT",
    "CORPORATION",
    "FILER",
    "PURCHASER",
    "BUYER",
    "SELLER",
];

fn is_party_term(term: &str) -> bool {
    let key = norm_key(term);
    !key.is_empty()
        && key.len() <= 60
        && !GENERIC_TERMS.contains(&term.trim().to_uppercase().as_str())
        && !key.split(' ').any(|w| NOT_PARTY_WORDS.contains(&w))
}

/// The party whose name the text ends with (after dropping an appositive such as ", a Delaware
/// corporation"); the longest name wins.
fn party_named_at_end(parties: &Parties, before: &str) -> Option<usize> {
    let trimmed = APPOSITIVE.replace(before, "");
    let key = format!(" {}", norm_key(&trimmed));
    (0..parties.len())
        .filter_map(|i| {
            let p = parties.get(i);
            let name_key = norm_key(&p.name);
            (!name_key.is_empty() && key.ends_with(&format!(" {name_key}")))
                .then_some((name_key.len(), i))
        })
        .max()
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, NodeKind};

    fn parties() -> Parties {
        let mut p = Parties::default();
        let ev = Evidence {
            filing: "f".into(),
            line: 1,
            text: String::new(),
        };
        p.upsert("8x8, Inc.", NodeKind::Issuer, ev.clone());
        p.upsert("STMicroelectronics N.V.", NodeKind::Company, ev);
        p
    }

    #[test]
    fn terms_attach_to_the_party_named_before_them() {
        let p = parties();
        assert_eq!(
            party_named_at_end(&p, "amends the Statement filed by STMicroelectronics N.V."),
            Some(1)
        );
        assert_eq!(
            party_named_at_end(&p, "of 8x8, Inc., a Delaware corporation"),
            Some(0)
        );
        assert_eq!(party_named_at_end(&p, "par value $0.001 per share"), None);
    }

    #[test]
    fn terms_for_things_are_not_aliases() {
        assert!(is_party_term("KRIL"));
        assert!(is_party_term("UK Investment Manager"));
        assert!(!is_party_term("Common Stock"));
        assert!(!is_party_term("Schedule 13D"));
        assert!(!is_party_term("Reporting Persons"));
        assert!(!is_party_term("Issuer"));
        assert!(is_party_term("General Partner"));
    }
}
