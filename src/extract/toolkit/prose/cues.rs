//! The cue lexicon: the role phrases a relation is stated with, each with the edge it makes and
//! its direction. A sentence "S is the ROLE of O" (in any of the connectors `templates` knows)
//! makes the edge of ROLE's [`Tie`]:
//!
//! | role phrases | tie | edge |
//! |---|---|---|
//! | general partner, managing member, manager, investment manager / adviser, trustee, principal, control person | `Manages` | S manages O (role) |
//! | sole member, sole shareholder / stockholder / owner, parent (holding) company | `Owns(100)` | S holds O, 100% |
//! | majority owner / shareholder, controlling stockholder, owner, member, shareholder, limited partner | `Owns(None)` | S holds O |
//! | wholly owned subsidiary | `OwnedBy(100)` | O holds S, 100% |
//! | subsidiary, majority-owned subsidiary | `OwnedBy(None)` | O holds S |
//! | director, chairman, vice chairman, president, vice president, chief ... officer, secretary, treasurer, general counsel, managing director, executive officer | `Office` | board-member-of / officer-of, by `roles::classify` |
//!
//! To add a cue: add its phrase to [`ROLE`] (longest spelling first inside a group) and its tie to
//! [`tie_of`]; add a sentence in other words to the tests of `templates`; a word of it must be in
//! [`CUE_WORDS`], which routes sentences to the patterns.

use crate::text::re;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// What a role phrase makes of "S is the ROLE of O".
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Tie {
    Manages,
    /// A seat or an office: classified by `roles::classify`.
    Office,
    /// S holds O, with a percent when the role says (a sole member holds all of it).
    Owns(Option<f64>),
    /// O holds S: S is O's subsidiary.
    OwnedBy(Option<f64>),
}

/// Role phrases, lower case, on lowered squashed text; optional plural.
pub(crate) static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives = [
        // ownership first: "sole member" before "member", "wholly owned subsidiary" before "subsidiary"
        r"(?:direct\s+|indirect\s+)?(?:wholly[\s-]*owned|majority[\s-]*owned|controlled)\s+subsidiar(?:y|ies)",
        r"(?:direct\s+|indirect\s+)?subsidiar(?:y|ies)",
        r"parent(?:\s+holding)?\s+compan(?:y|ies)",
        r"(?:sole|only|100%)\s+(?:beneficial\s+|record\s+)?(?:shareholder|stockholder|owner|equity\s+owner|equity\s+holder|member|limited\s+partner)s?",
        r"(?:majority|controlling|principal)\s+(?:shareholder|stockholder|owner|member|equity\s+holder)s?",
        // management before the plain words it contains
        r"(?:sole\s+|managing\s+|co-)?general\s+partners?",
        r"managing\s+limited\s+partners?",
        r"(?:sole\s+|senior\s+)?managing\s+members?",
        r"(?:managing|founding)\s+partners?",
        r"investment\s+(?:manager|advis[eo]r|sub-?advis[eo]r)s?",
        r"(?:sub-?)?advis[eo]rs?",
        r"(?:sole\s+|co-|successor\s+)?trustees?",
        r"(?:control|controlling)\s+(?:persons?|partners?)",
        r"(?:sole\s+)?managers?",
        r"principal\s+(?:executive|financial|accounting)\s+officers?",
        r"principals?",
        // seats and offices
        r"(?:non-executive\s+|executive\s+|independent\s+)?(?:co-|vice\s+|vice-)?chair(?:man|woman|person)?(?:\s+of\s+the\s+board(?:\s+of\s+directors)?)?",
        r"(?:lead\s+independent|lead|independent|non-employee|non-executive)\s+directors?",
        r"members?\s+of\s+the\s+board(?:\s+of\s+directors)?",
        r"board\s+members?",
        r"(?:(?:executive|senior|first|group)\s+)?vice[\s-]+presidents?",
        r"(?:co-)?presidents?",
        r"chief\s+(?:[a-z]+\s+){0,3}officers?",
        r"(?:ceo|cfo|coo|cio|cto|cao)",
        r"(?:assistant\s+)?secretar(?:y|ies)",
        r"(?:assistant\s+)?treasurers?",
        r"(?:general|chief\s+legal)\s+counsel",
        r"(?:controller|comptroller)s?",
        r"managing\s+directors?",
        r"executive\s+officers?",
        r"directors?",
        r"officers?",
        // plain ownership words last
        r"(?:beneficial\s+)?owners?",
        r"(?:shareholder|stockholder|limited\s+partner)s?",
        r"members?",
    ]
    .join("|");
    re(&format!(r"\b(?:{alternatives})\b"))
});

/// Words one of which every cue contains: a sentence without any of them is not read.
pub(crate) const CUE_WORDS: &[&str] = &[
    "subsidiar",
    "parent",
    "owner",
    "holder",
    "member",
    "partner",
    "manag",
    "advis",
    "trustee",
    "control",
    "principal",
    "chair",
    "director",
    "president",
    "officer",
    "secretar",
    "treasurer",
    "counsel",
    "controller",
    "comptroller",
    "owns",
    "owned",
    "held by",
    "holds",
    "ceo",
    "cfo",
    "coo",
    "interest in",
    "% of",
];

pub(crate) static CUE_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(CUE_WORDS).unwrap_or_else(|e| panic!("bad built-in cue words: {e}"))
});

/// The tie a role phrase (as matched, lower case) makes.
pub(crate) fn tie_of(role: &str) -> Tie {
    let r = role.trim();
    let has = |w: &str| r.contains(w);
    if has("subsidiar") {
        return Tie::OwnedBy(has("wholly").then_some(100.0));
    }
    if has("parent") {
        return Tie::Owns(None);
    }
    if has("managing limited partner") {
        return Tie::Manages;
    }
    let sole = r.starts_with("sole ") || r.starts_with("only ") || r.starts_with("100%");
    let owner_word = [
        "shareholder",
        "stockholder",
        "owner",
        "equity",
        "limited partner",
    ]
    .iter()
    .any(|w| has(w));
    if owner_word || (has("member") && !has("managing") && !has("board")) {
        return Tie::Owns((sole && !has("managing")).then_some(100.0));
    }
    let manages = [
        "general partner",
        "managing member",
        "managing partner",
        "founding partner",
        "manager",
        "advis",
        "trustee",
        "control",
        "principal",
    ];
    if manages.iter().any(|w| has(w)) && !has("officer") {
        return Tie::Manages;
    }
    Tie::Office
}

/// A role as `manages` records it: lower case, singular ("general partners" -> "general partner").
pub(crate) fn role_name(role: &str) -> String {
    let r = crate::text::squash(role).to_lowercase();
    if let Some(stem) = r.strip_suffix("ies") {
        return format!("{stem}y");
    }
    match r.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') => stem.to_string(),
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(s: &str) -> Tie {
        let m = ROLE.find(s).expect("a role");
        tie_of(m.as_str())
    }

    #[test]
    fn every_role_phrase_has_its_tie() {
        assert_eq!(tie("is the sole member of"), Tie::Owns(Some(100.0)));
        assert_eq!(
            tie("is a wholly-owned subsidiary of"),
            Tie::OwnedBy(Some(100.0))
        );
        assert_eq!(
            tie("is a wholly owned subsidiary of"),
            Tie::OwnedBy(Some(100.0))
        );
        assert_eq!(tie("an indirect subsidiary of"), Tie::OwnedBy(None));
        assert_eq!(tie("the general partners of"), Tie::Manages);
        assert_eq!(tie("the managing member of"), Tie::Manages);
        assert_eq!(tie("the managing limited partner of"), Tie::Manages);
        assert_eq!(tie("a limited partner of"), Tie::Owns(None));
        assert_eq!(tie("the investment adviser to"), Tie::Manages);
        assert_eq!(tie("the principal of"), Tie::Manages);
        assert_eq!(tie("the controlling stockholder of"), Tie::Owns(None));
        assert_eq!(tie("majority owner of"), Tie::Owns(None));
        assert_eq!(tie("is the parent holding company of"), Tie::Owns(None));
        assert_eq!(
            tie("Vice Chairman of the Board".to_lowercase().as_str()),
            Tie::Office
        );
        assert_eq!(tie("an executive vice president of"), Tie::Office);
        assert_eq!(tie("the chief compliance officer of"), Tie::Office);
        assert_eq!(tie("a member of the board of directors of"), Tie::Office);
        assert_eq!(tie("one of two directors of"), Tie::Office);
        assert_eq!(role_name("General Partners"), "general partner");
        assert_eq!(role_name("managing members"), "managing member");
    }
}
