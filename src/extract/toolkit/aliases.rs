//! Defined terms: `Kings Road Investments Ltd. ("KRIL")`, `STMicroelectronics N.V. ("ST"), a
//! corporation...`, `8x8, Inc., a Delaware corporation ("8x8")`, `(the “UK Investment Manager”)`.
//! A term becomes an alias only when the text just before it ends with a party's name, so terms
//! for shares, documents and laws ("Common Stock", "Act") never attach to an entity.

use super::parties::Parties;
use super::terms::DEFINED_TERM;
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

/// Attaches defined terms to parties. With `new_parties`, a defined term after an organisation
/// that is not yet a party (a parent bank, a sub-adviser) also makes that organisation a party;
/// registration statements and annual reports name too many customers and subsidiaries for that.
/// The quotes a defined term opens or closes with.
const QUOTES: [char; 3] = ['"', '\u{201c}', '\u{201d}'];

/// Whether a text may hold a defined term this pass reads: every one is quoted.
pub(crate) fn may_define(text: &str) -> bool {
    text.contains(QUOTES)
}

pub(crate) fn read_defined_terms(cx: &Cx, parties: &mut Parties, new_parties: bool) {
    for i in 0..cx.lines.len() {
        // A term may wrap onto the next line ("(the "Farallon General" / "Partner")"): read the
        // next line with this one, and take the terms that start on this one.
        // Every term opens on this line with a quote, or with a parenthesis whose quote may wrap
        // onto the next line: other lines are not read.
        let own = cx.squashed(i);
        if !own.contains(QUOTES) && !own.contains('(') {
            continue;
        }
        let next = super::next_text(cx.lines, i)
            .map(|j| super::head(cx.squashed(j), super::CONTEXT_CHARS))
            .unwrap_or_default();
        if !own.contains(QUOTES) && !next.contains(QUOTES) {
            continue;
        }
        let (own, next) = (own.to_string(), next.to_string());
        let joined = format!("{own} {next}");
        let text = joined.as_str();
        // A name often wraps onto the line of its term ("filed by Leviticus" / "Partners, L.P.,
        // a Delaware limited partnership ("Leviticus")"): read the line before with it.
        let prefix = cx.prev_squashed(i);
        let mut terms: Vec<(usize, String)> = DEFINED_TERM
            .captures_iter(text)
            .filter(|c| c.get(0).is_some_and(|m| m.start() < own.len()))
            .map(|c| {
                (
                    c.get(0).map_or(0, |m| m.start()),
                    crate::text::squash(&c[1]),
                )
            })
            .collect();
        terms.extend(
            REFERRED_AS
                .captures_iter(text)
                .filter(|c| c.get(2).is_some_and(|m| m.start() < own.len()))
                .map(|c| (c.get(1).map_or(0, |m| m.end()), crate::text::squash(&c[2]))),
        );
        for (start, term) in terms {
            if !is_party_term(&term) {
                continue;
            }
            let before = format!("{prefix} {}", crate::text::squash(&text[..start]));
            if let Some(p) = party_named_at_end(parties, &before) {
                parties.add_alias(p, &term);
            } else if let Some(p) = item_subject(
                parties,
                &format!(
                    "{} {}",
                    lines_before(cx, i, 4),
                    crate::text::squash(&text[..start])
                ),
                &term,
            ) {
                parties.add_alias(p, &term);
            } else if let Some(org) = organisation_at_end(&before, parties).filter(|_| new_parties)
            {
                // an organisation the filing names and defines, though it is not a party
                let p = parties.upsert(&org, crate::model::NodeKind::Company, cx.ev(i));
                parties.add_alias(p, &term);
            }
        }
    }
}

static ITEM_START: LazyLock<Regex> = LazyLock::new(|| re(r"\((?:[ivx]{1,5}|[a-h])\)\s+"));
static ROLE_TERM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:general\s+partner|manager|adviser|advisor|managing\s+member|trustee)\b")
});

/// The `n` lines before line `i`, joined.
fn lines_before(cx: &Cx, i: usize, n: usize) -> String {
    (i.saturating_sub(n)..i)
        .map(|j| cx.squashed(j).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "(vi) Farallon Partners, L.L.C., ... which is the general partner of each of the Farallon
/// Funds (the "Farallon General Partner")": a role term at the end of an enumerated item names
/// the party the item opens with.
fn item_subject(parties: &Parties, before: &str, term: &str) -> Option<usize> {
    if !ROLE_TERM.is_match(term) {
        return None;
    }
    let start = ITEM_START.find_iter(before).last()?.end();
    let item = &before[start..];
    // Legal forms are normalised only at the end of a name, so try each comma-ended prefix
    // ("Farallon Partners, L.L.C.,") before the whole text.
    item.match_indices(',')
        .rev()
        .find_map(|(at, _)| parties.find(&item[..at]))
        .or_else(|| parties.named_at_start(item))
}

static REFERRED_AS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)(.{3,}?)\s+(?:is|are)\s+(?:hereinafter\s+|sometimes\s+)?(?:referred\s+to\s+as|called)\s+(?:the\s+)?["“]([^"”]{1,40})["”]"#,
    )
});

/// The organisation name a text ends with: capitalised words (and "&", "of", "and") ending in a
/// legal form, after dropping an appositive: "... by Centaurus Capital Limited" -> "Centaurus
/// Capital Limited".
fn organisation_at_end(before: &str, parties: &Parties) -> Option<String> {
    let trimmed = APPOSITIVE.replace(before.trim_end(), "");
    let words: Vec<&str> = trimmed.trim_end_matches([',', ' ']).split(' ').collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        let connector = matches!(w, "&" | "of" | "and" | "de" | "du");
        // a sentence's last word ("... the Company. Deloitte & Touche LLP") ends the search
        let sentence_end = start < words.len()
            && w.ends_with('.')
            && w.len() > 4
            && crate::names::legal_form(&format!("X {w}")).is_none();
        let capitalised = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if !(capitalised || connector) || w.contains(['(', ')', '"', '“', '”']) || sentence_end
        {
            break;
        }
        start -= 1;
    }
    while start < words.len()
        && matches!(
            words[start],
            "&" | "of"
                | "and"
                | "de"
                | "du"
                | "The"
                | "Registrant"
                | "Company"
                | "Issuer"
                | "Partnership"
        )
    {
        start += 1;
    }
    // "PHK and Swoosh Holdings, LLC": a party named before "and" is another name, not a part
    if let Some(and) = (start..words.len()).rev().find(|&k| words[k] == "and") {
        if parties.find(&words[start..and].join(" ")).is_some() {
            start = and + 1;
        }
    }
    let name = words[start..].join(" ");
    // no word before the name: it may have begun on a line not read ("Joint Energy" /
    // "Development Investments II Limited Partnership")
    let ok = start > 0
        && words.len() - start >= 2
        && words.len() - start <= 8
        && crate::names::legal_form(&name).is_some()
        && !crate::names::looks_like_person(&name)
        && crate::names::is_plausible_name(&name);
    ok.then_some(name)
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
    // an appositive ("..., a Delaware limited partnership") may stand between name and term
    let before = super::tail(before, 2 * super::CONTEXT_CHARS);
    let trimmed = APPOSITIVE.replace(before, "");
    let key = format!(" {}", norm_key(&trimmed));
    (0..parties.len())
        .filter_map(|i| {
            let name_key = parties.name_key(i);
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
    fn organisations_defined_but_not_parties() {
        assert_eq!(
            organisation_at_end("is owned by Centaurus Capital Limited", &parties()).as_deref(),
            Some("Centaurus Capital Limited")
        );
        assert_eq!(
            organisation_at_end(
                "a subsidiary of Bank of Montreal, a Canadian chartered bank",
                &parties()
            ),
            None
        );
        assert_eq!(
            organisation_at_end("shares of common stock", &parties()),
            None
        );
        // a party named before "and" is another name
        assert_eq!(
            organisation_at_end("8x8, Inc. and Palisade Holdings, LLC", &parties()).as_deref(),
            Some("Palisade Holdings, LLC")
        );
        assert_eq!(
            organisation_at_end("Development Investments II Limited Partnership", &parties()),
            None
        );
        assert!(REFERRED_AS
            .is_match("previous filing, Idanta Partners Ltd. is referred to as \"IPL\", Dunn"));
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
