//! What a table's name cell holds: the holder's or person's name, and beside it, in the same cell,
//! an address ("The Vanguard Group / 100 Vanguard Blvd. / Malvern, PA 19355"), a second holder
//! of the same figures ("Berkshire Hathaway Inc. / Warren E. Buffett"), a role ("Art Levinson /
//! Chair", "Tim Cook / Chief Executive Officer") or footnote marks ("Lawrence J. Ellison (2)",
//! "Gianni DelSignore*"). A cell's paragraphs tell these apart; a name and an address printed in
//! one paragraph are cut at the street number.

use super::tables::{has_star, strip_marks, TCell};
use crate::extract::toolkit::roles;
use crate::names::{legal_form, looks_like_person, norm_key};
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

/// What a name cell says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct NameCell {
    /// The holders or persons named (most cells name one).
    pub names: Vec<String>,
    /// The paragraphs after the name that are a role ("Chair", "Chief Executive Officer"), and
    /// those that continue it ("Senior Vice President," / "Retail"), or name where it is held.
    pub role: Vec<String>,
    /// A star mark after the name (its footnote says what it means).
    pub star: bool,
}

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:\d|c/o\b|p\.?\s?o\.?\s+box|attn\b|attention\b)|\b\d{5}(?:-\d{4})?\b|,\s*(?-i:[A-Z]{2})\s*$|(?:\d|\b(?:one|two|three|four|five)\s).*\b(?:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|drive|suite|floor|plaza|lane|parkway|pkwy|square|tower|building|highway|court|place|way|center|centre)(?:\s|,|\.|$)",
    )
});

/// Where a name printed with its address in one paragraph ends: ", 100 Vanguard Blvd.".
static ADDRESS_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i),\s+(?:\d|c/o\b|p\.?\s?o\.?\s+box)"));

/// Words no holder's or person's name has: sub-headings ("Directors and Executive Officers",
/// "5% Holders", "Named Executive Officers") and notes ("Beneficial Ownership Excluding ...").
const NOT_NAME_WORDS: &[&str] = &[
    "OFFICERS",
    "OFFICER",
    "DIRECTORS",
    "DIRECTOR",
    "NOMINEES",
    "NOMINEE",
    "EXECUTIVE",
    "EXECUTIVES",
    "STOCKHOLDERS",
    "SHAREHOLDERS",
    "HOLDERS",
    "OWNERS",
    "OWNER",
    "BENEFICIAL",
    "BENEFICIALLY",
    "NAMED",
    "CURRENT",
    "FORMER",
    "TOTAL",
    "OTHER",
    "PERSONS",
    "MEMBERS",
    "EMPLOYEES",
    "CLASS",
    "COMMON",
    "STOCK",
    "SHARES",
    "PERCENT",
    "EXCLUDING",
    "INCLUDING",
    "SUBJECT",
    "NAME",
    "ADDRESS",
    "GROUP",
    "COMMITTEE",
    "DEPARTMENT",
    "OFFICE",
    "BOARD",
    "COUNCIL",
    "DIVISION",
    "OPERATIONS",
    // functions and departments, never a surname: "Senior Vice President of Software
    // Engineering, ..." must not read as a person called "Software Engineering"
    "ENGINEERING",
    "MARKETING",
    "SOFTWARE",
    "HARDWARE",
    "PRODUCT",
    "PRODUCTS",
    "RETAIL",
    "LEGAL",
    "COMMUNICATIONS",
    "STRATEGY",
    "DEVELOPMENT",
    "FINANCE",
    "ACCOUNTING",
    "RESOURCES",
    "RELATIONS",
    "COMPLIANCE",
    "PRIVACY",
    "SECURITY",
    "AFFAIRS",
    "MANUFACTURING",
    "LOGISTICS",
    "AUTOMOTIVE",
    "DESIGN",
    "WORLDWIDE",
    "SALES",
    "AUDIT",
    "TREASURY",
    "TAX",
    "GOVERNANCE",
    "RISK",
    "DIGITAL",
    "INFORMATION",
    "SUSTAINABILITY",
    "HUMAN",
    "PART",
    "ITEM",
];

/// Words of a table's sub-headings and notes, never of an organisation's name.
const HEADING_WORDS: &[&str] = &[
    "OFFICERS",
    "DIRECTORS",
    "NOMINEES",
    "EXECUTIVES",
    "STOCKHOLDERS",
    "SHAREHOLDERS",
    "HOLDERS",
    "OWNERS",
    "BENEFICIAL",
    "BENEFICIALLY",
    "NAMED",
    "TOTAL",
    "PERSONS",
    "NAME",
    "ADDRESS",
    "EXCLUDING",
    "INCLUDING",
    "SUBJECT",
    "PERCENT",
];

/// Words that make a name an organisation's when it has no legal form.
const ORG_WORDS: &[&str] = &[
    "GROUP",
    "INVESTMENTS",
    "INVESTMENT",
    "INVESTORS",
    "MANAGEMENT",
    "CAPITAL",
    "PARTNERS",
    "PARTNERSHIP",
    "TRUST",
    "FUND",
    "FUNDS",
    "HOLDINGS",
    "ASSOCIATES",
    "ADVISORS",
    "ADVISERS",
    "BANK",
    "COMPANY",
    "CORPORATION",
    "FOUNDATION",
    "VENTURES",
    "SECURITIES",
    "FINANCIAL",
    "ASSET",
    "INSURANCE",
    "TECHNOLOGIES",
    "ENTERPRISES",
];

fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '%')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

/// An organisation's name: a legal form ("Inc.", "LLC", "L.P.", "plc") or an organisation word
/// ("The Vanguard Group", "RTW Investments").
pub(super) fn is_org_name(name: &str) -> bool {
    legal_form(name).is_some() || words(name).iter().any(|w| ORG_WORDS.contains(&w.as_str()))
}

/// A name that can be a holder or an officer: a person's or an organisation's, not a sub-heading,
/// a group row, an address or a role.
pub(super) fn is_entity_name(name: &str) -> bool {
    let t = name.trim();
    if !crate::names::is_plausible_name(t) || t.len() > 90 || ADDRESS.is_match(t) {
        return false;
    }
    let w = words(t);
    if w.iter().any(|x| x == "%" || x.ends_with('%')) || t.contains('%') {
        return false;
    }
    if looks_like_person(t) {
        return !w.iter().any(|x| NOT_NAME_WORDS.contains(&x.as_str()))
            && roles::classify(t) == roles::Roles::default();
    }
    // an organisation may be called "... Employee Stock Ownership Trust"; a heading names people
    is_org_name(t) && !w.iter().any(|x| HEADING_WORDS.contains(&x.as_str()))
}

/// Whether a paragraph is an address line.
pub(super) fn is_address(part: &str) -> bool {
    ADDRESS.is_match(part)
}

/// A name with the footnote marks, stars and a trailing comma removed.
fn bare(name: &str) -> String {
    let s = strip_marks(name.trim());
    let s = s.trim_end_matches([',', ';', ':']).trim();
    crate::text::squash(s)
}

/// Reads a name cell: the first paragraph's name (with the paragraphs that continue it: "Frank
/// A. Bennack," / "Jr."), then, until an address, a second name or a role.
pub(super) fn read_name_cell(cell: &TCell) -> NameCell {
    let mut parts: Vec<String> = cell.parts.clone();
    if parts.is_empty() && !cell.text.is_empty() {
        parts.push(cell.text.clone());
    }
    let mut out = NameCell {
        star: parts.iter().any(|p| has_star(p)),
        ..NameCell::default()
    };
    let Some(first) = parts.first() else {
        return out;
    };
    // a name printed with its address: "The Vanguard Group, 100 Vanguard Blvd., Malvern"
    let first = match ADDRESS_START.find(first) {
        Some(m) => first[..m.start()].to_string(),
        None => first.clone(),
    };
    let mut name = strip_marks(first.trim())
        .trim_end_matches([';', ':'])
        .trim()
        .to_string();
    let mut rest = parts.iter().skip(1);
    let mut roles_seen: Vec<String> = Vec::new();
    for part in rest.by_ref() {
        let p = bare(part);
        if p.is_empty() || is_address(&p) {
            break;
        }
        if continues_name(&name, &p) {
            name = format!("{name} {p}");
            continue;
        }
        name = name.trim_end_matches(',').to_string();
        let raw = crate::text::squash(strip_marks(part.trim()));
        let r = roles::classify(&p);
        if r.board.is_some() || r.officer.is_some() {
            roles_seen.push(raw);
        } else if roles_seen.is_empty() && is_second_holder(&p) {
            out.names.push(p);
        } else if !roles_seen.is_empty() && p.len() < 60 {
            // a role wrapped onto the next paragraph ("Senior Vice President," / "Retail"), or
            // the body it is held at ("Yumanity Therapeutics, LLC"): `titles` tells which
            roles_seen.push(raw);
        } else {
            break;
        }
    }
    let name = name.trim_end_matches(',').trim().to_string();
    // "Berkshire Hathaway Inc. / Warren E. Buffett": two holders of one row
    let joint: Vec<&str> = name.split(" / ").map(str::trim).collect();
    if joint.len() > 1 && joint.iter().all(|n| is_entity_name(n)) {
        for (k, n) in joint.iter().enumerate() {
            out.names.insert(k, n.to_string());
        }
        out.role = roles_seen;
        return out;
    }
    out.names.insert(0, name);
    out.names.retain(|n| !n.is_empty());
    out.role = roles_seen;
    out
}

/// A paragraph that completes the name before it: a suffix ("Jr.", "III", "M.D.") or the rest
/// of a person's name wrapped onto the next paragraph ("Linda Findley" / "Kozlowski").
fn continues_name(name: &str, next: &str) -> bool {
    static SUFFIX: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(?:Jr\.?|Sr\.?|II|III|IV|M\.D\.|Ph\.D\.|Esq\.?)$"));
    if SUFFIX.is_match(next) {
        return true;
    }
    let joined = format!("{name} {next}");
    next.split_whitespace().count() == 1
        && next.chars().next().is_some_and(char::is_uppercase)
        && name.split_whitespace().count() <= 2
        && looks_like_person(name)
        && looks_like_person(&joined)
        && roles::classify(next) == roles::Roles::default()
}

/// A paragraph after a holder's name that names another holder of the same row: a person or an
/// organisation, not an address or a place ("Hamilton, Bermuda").
fn is_second_holder(p: &str) -> bool {
    let comma_inside = p
        .trim_end_matches([',', '.'])
        .split(',')
        .skip(1)
        .any(|rest| !matches!(rest.trim(), "Jr." | "Jr" | "Sr." | "III" | "II" | "IV"));
    is_entity_name(p) && (legal_form(p).is_some() || (looks_like_person(p) && !comma_inside))
}

/// Whether a name is the registrant's own (by any of its spellings).
pub(super) fn is_registrant(name: &str, registrant_keys: &[String]) -> bool {
    let k = norm_key(name);
    !k.is_empty() && registrant_keys.contains(&k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(parts: &[&str]) -> TCell {
        TCell {
            text: parts.join(" "),
            parts: parts.iter().map(|p| p.to_string()).collect(),
            span: 1,
            ..TCell::default()
        }
    }

    #[test]
    fn addresses_end_the_name() {
        let c = read_name_cell(&cell(&[
            "Northwind Advisers LLC",
            "12 Harbor Street",
            "Dover, DE 19901",
        ]));
        assert_eq!(c.names, vec!["Northwind Advisers LLC"]);
        let c = read_name_cell(&cell(&[
            "Alder Capital Group, 40 Elm Blvd., Salem, MA 01970 (4)",
        ]));
        assert_eq!(c.names, vec!["Alder Capital Group"]);
        let c = read_name_cell(&cell(&[
            "Mira T. Oakes",
            "c/o Oakes Holdings",
            "9 Quay Road",
        ]));
        assert_eq!(c.names, vec!["Mira T. Oakes"]);
    }

    #[test]
    fn second_holders_roles_and_wrapped_names() {
        let c = read_name_cell(&cell(&["Tallis Holdings Inc.", "Hester Q. Vale"]));
        assert_eq!(c.names, vec!["Tallis Holdings Inc.", "Hester Q. Vale"]);
        let c = read_name_cell(&cell(&["Tallis Holdings Inc. / Hester Q. Vale"]));
        assert_eq!(c.names, vec!["Tallis Holdings Inc.", "Hester Q. Vale"]);
        let c = read_name_cell(&cell(&["Bram Ostrow", "Chair"]));
        assert_eq!(
            (c.names.len(), c.role.clone()),
            (1, vec!["Chair".to_string()])
        );
        let c = read_name_cell(&cell(&[
            "Odile Brandt",
            "Senior Vice President,",
            "Retail Operations",
        ]));
        assert_eq!(c.role, vec!["Senior Vice President,", "Retail Operations"]);
        let c = read_name_cell(&cell(&["Henry P. Marsh,", "Jr."]));
        assert_eq!(c.names, vec!["Henry P. Marsh, Jr."]);
        let c = read_name_cell(&cell(&["Petra Lindqvist*"]));
        assert!(c.star);
        assert_eq!(c.names, vec!["Petra Lindqvist"]);
    }

    #[test]
    fn headings_and_notes_are_not_names() {
        for t in [
            "Directors and Executive Officers:",
            "Named Executive Officers",
            "5% Stockholders",
            "Other More Than 5% Stockholders",
            "Beneficial Ownership Excluding Shares Subject to the Exchange Right",
            "All directors and executive officers as a group (12 persons)",
            "Chief Executive Officer",
            "100 Main Street",
            "c/o Harbor Trust",
        ] {
            assert!(!is_entity_name(t), "{t}");
        }
        for t in [
            "The Vanguard Group",
            "RTW Investments",
            "Peter Yu",
            "FMR LLC",
            "Dr. Joan F. Court",
            "Laura Way",
        ] {
            assert!(is_entity_name(t), "{t}");
        }
    }
}
