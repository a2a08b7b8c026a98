//! Whether two written names are one entity: exact rules first, then a Jaro-Winkler score on the
//! normalised words, with vetoes that no score overrides — a different legal form (LLP vs LP), a
//! different number (Fund II vs Fund III), a different place marker (Offshore, HK, Cayman), a
//! different person (given names or suffixes that disagree).
//!
//! Thresholds (see docs/resolution.md): organisations merge at a Jaro-Winkler similarity of at
//! least [`ORG_THRESHOLD`] with every word matched; persons need equal or compatible given names
//! and a surname similarity of at least [`SURNAME_THRESHOLD`]. Pairs scoring at least
//! [`NEAR_MISS`] that are kept apart are reported as near-misses.

use super::jaro::jaro_winkler;
pub use super::verdict::{Decision, Reason, Rule};
use crate::names::{legal_form, looks_like_person, norm_key};
use std::collections::BTreeSet;

/// Organisation names at least this similar (and with every word matched) are one entity.
pub const ORG_THRESHOLD: f64 = 0.95;
/// Person surnames at least this similar count as one surname ("Maurer" / "Mauruer").
pub const SURNAME_THRESHOLD: f64 = 0.93;
/// Two words at least this similar match each other ("OPERATING" / "OPERATINGT").
pub const WORD_THRESHOLD: f64 = 0.9;
/// Pairs at least this similar that are kept apart are reported by `explain`.
pub const NEAR_MISS: f64 = 0.85;

/// What a name is made of, computed once per distinct name.
#[derive(Debug, Clone)]
pub struct NameInfo {
    pub key: String,
    pub person: bool,
    tokens: Vec<String>,
    /// The words without the legal form.
    core: Vec<String>,
    /// `core` joined by spaces, the string organisations are scored on.
    core_key: String,
    /// A hash of the key without its spaces: names whose hashes differ are neither equal nor
    /// spaced differently, which `compare` then knows without reading the keys.
    squashed: u64,
    form: Option<String>,
    numbers: BTreeSet<String>,
    places: BTreeSet<String>,
    /// The name opens with an honorific ("Mr.", "Ms."); its other words are then in `tokens`.
    honorific: bool,
}

/// Generational suffixes tell a father from a son: they must agree.
const SUFFIXES: &[&str] = &["JR", "SR", "II", "III", "IV", "V"];
/// Professional suffixes say nothing about identity: "Martin H. Neidell, Esq." is Martin H. Neidell.
const PROFESSIONAL: &[&str] = &["MD", "ESQ", "PHD", "CPA", "CFA", "JD"];
const HONORIFICS: &[&str] = &["MR", "MRS", "MS", "DR", "MISS"];
const NOISE: &[&str] = &["THE", "&", "CO"];
const PLACES: &[&str] = &[
    "OFFSHORE",
    "ONSHORE",
    "CAYMAN",
    "HK",
    "HONG",
    "KONG",
    "BERMUDA",
    "DELAWARE",
    "US",
    "USA",
    "UK",
    "EUROPE",
    "EUROPEAN",
    "ASIA",
    "PACIFIC",
    "LUXEMBOURG",
    "IRELAND",
    "CANADA",
    "JAPAN",
    "CHINA",
    "BVI",
    "JERSEY",
    "GUERNSEY",
    "SINGAPORE",
    "INTERNATIONAL",
    "GLOBAL",
    "DOMESTIC",
    "OVERSEAS",
];

impl NameInfo {
    pub fn new(name: &str) -> NameInfo {
        let key = norm_key(name);
        let tokens: Vec<String> = key
            .split(' ')
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        // "J.J. Cramer & Co.": "& Co." is part of the name, not a legal form
        let and_co = tokens.len() >= 2
            && tokens[tokens.len() - 1] == "CO"
            && tokens[tokens.len() - 2] == "&";
        let form = legal_form(name).filter(|_| !and_co);
        let mut core = tokens.clone();
        if form.is_some() {
            core.pop();
        }
        let person = looks_like_person(name) && form.is_none();
        let numbers = core.iter().filter(|t| is_number(t)).cloned().collect();
        let places = core
            .iter()
            .filter(|t| PLACES.contains(&t.as_str()))
            .cloned()
            .collect();
        let first = name
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches('.')
            .to_uppercase();
        let honorific = HONORIFICS.contains(&first.as_str());
        let mut tokens = tokens;
        if honorific
            && tokens
                .first()
                .is_some_and(|t| HONORIFICS.contains(&t.as_str()))
        {
            tokens.remove(0);
        }
        NameInfo {
            squashed: squashed_hash(&key),
            core_key: core.join(" "),
            key,
            person,
            tokens,
            core,
            form,
            numbers,
            places,
            honorific,
        }
    }

    /// "Mr. Dear": an honorific and a surname, which names someone only inside one filing.
    pub fn is_surname_reference(&self) -> bool {
        self.honorific && (1..=2).contains(&self.tokens.len())
    }

    /// The words to block candidates on: every word but the legal form and noise words.
    pub fn blocking_words(&self) -> impl Iterator<Item = &String> {
        self.core.iter().filter(|t| !NOISE.contains(&t.as_str()))
    }
}

/// Roman numerals, digits, ordinals and share-class markers that tell sibling funds apart.
fn is_number(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_digit())
        || matches!(
            t,
            "I" | "II"
                | "III"
                | "IV"
                | "V"
                | "VI"
                | "VII"
                | "VIII"
                | "IX"
                | "X"
                | "XI"
                | "XII"
                | "XIII"
                | "XIV"
                | "XV"
                | "QP"
                | "GP"
                | "FIRST"
                | "SECOND"
                | "THIRD"
                | "FOURTH"
                | "FIFTH"
        )
}

/// Compares two names. `same_filing` allows "Mr. Dear" to match the one Dear of that filing.
pub fn compare(a: &NameInfo, b: &NameInfo, same_filing: bool) -> Decision {
    compare_from(a, b, same_filing, 0.0)
}

/// As [`compare`], but a pair kept apart with a score below `floor` is told only the kind of its
/// reason ("legal forms differ"), not the words that differ. Resolution drops such pairs unread
/// (a near-miss starts at [`NEAR_MISS`]), and at 100k names formatting their reasons, and
/// matching their words one by one, was a third of the comparisons' time.
pub fn compare_from(a: &NameInfo, b: &NameInfo, same_filing: bool, floor: f64) -> Decision {
    if a.key.is_empty() || b.key.is_empty() {
        return different(Reason::EmptyName, 0.0);
    }
    if a.squashed == b.squashed {
        if a.key == b.key {
            return same(Rule::SameNormalisedName, 1.0);
        }
        if unspaced(&a.key).eq(unspaced(&b.key)) {
            return same(Rule::SpacedDifferently, 1.0);
        }
    }
    if a.is_surname_reference() || b.is_surname_reference() {
        return surname_reference(a, b, same_filing);
    }
    if a.person != b.person {
        return different(Reason::PersonAndOrganisation, jaro_winkler(&a.key, &b.key));
    }
    if a.person {
        compare_persons(a, b, floor)
    } else {
        compare_orgs(a, b, floor)
    }
}

fn unspaced(key: &str) -> impl Iterator<Item = u8> + '_ {
    key.bytes().filter(|&c| c != b' ')
}

fn squashed_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in unspaced(key) {
        c.hash(&mut h);
    }
    h.finish()
}

fn same(rule: Rule, score: f64) -> Decision {
    Decision::Same { rule, score }
}

fn different(reason: Reason, score: f64) -> Decision {
    Decision::Different { reason, score }
}

/// Kept apart for the reason `kind` makes, with the words that differ at or above `floor` and
/// without them below it.
fn apart(
    floor: f64,
    score: f64,
    kind: fn(super::verdict::Apart) -> Reason,
    words: impl FnOnce() -> (String, String),
) -> Decision {
    if score < floor {
        different(kind(None), score)
    } else {
        different(kind(Some(words())), score)
    }
}

fn surname_reference(a: &NameInfo, b: &NameInfo, same_filing: bool) -> Decision {
    let (r, full) = if a.is_surname_reference() {
        (a, b)
    } else {
        (b, a)
    };
    // "Mr. Del Grosso", "Ms. Springsteen-Abbott": the words after the honorific end the full name
    let surname = &r.tokens[..];
    let words: Vec<&String> = full
        .tokens
        .iter()
        .filter(|t| !SUFFIXES.contains(&t.as_str()) && !PROFESSIONAL.contains(&t.as_str()))
        .collect();
    let matches = full.person
        && words.len() > surname.len()
        && words[words.len() - surname.len()..]
            .iter()
            .zip(surname)
            .all(|(x, y)| *x == y);
    match (matches, same_filing) {
        (true, true) => same(Rule::HonorificInFiling, 1.0),
        (true, false) => different(Reason::HonorificOutsideFiling, 0.9),
        _ => different(Reason::SurnamesDiffer(None), jaro_winkler(&a.key, &b.key)),
    }
}

/// EDGAR's conformed order for a firm named after a person: "SHAW D E INVESTMENTS" is "D. E. Shaw
/// Investments", the surname moved before the initials and the rest in place. Other reorderings
/// are other firms ("Alderney Valemont Capital" is not "Valemont Alderney Capital").
fn surname_first(conformed: &[String], written: &[String]) -> bool {
    let n = conformed.len();
    if n != written.len() || n < 2 {
        return false;
    }
    (1..n).any(|k| {
        // written: initials g1..gk, surname S, rest; conformed: S, g1..gk, rest
        written[k] == conformed[0]
            && written[..k] == conformed[1..=k]
            && written[k + 1..] == conformed[k + 1..]
            && written[..k].iter().all(|g| g.chars().count() == 1)
    })
}

fn compare_orgs(a: &NameInfo, b: &NameInfo, floor: f64) -> Decision {
    let score = jaro_winkler(&a.core_key, &b.core_key);
    // "MGA Insurance Company" / "MGA Insurance Company, Inc.": one name plus a legal form
    if (a.form.is_some() && a.core == b.tokens) || (b.form.is_some() && b.core == a.tokens) {
        return same(Rule::LegalFormOnOneSide, 1.0);
    }
    if let (Some(fa), Some(fb)) = (&a.form, &b.form) {
        if fa != fb {
            return apart(floor, score, Reason::LegalFormsDiffer, || {
                (fa.to_string(), fb.to_string())
            });
        }
    }
    if a.numbers != b.numbers {
        return apart(floor, score, Reason::NumbersDiffer, || {
            (join(&a.numbers), join(&b.numbers))
        });
    }
    if a.places != b.places {
        return apart(floor, score, Reason::PlaceMarkersDiffer, || {
            (join(&a.places), join(&b.places))
        });
    }
    if a.core == b.core && !a.core.is_empty() {
        return same(Rule::LegalFormOnOneSide, 1.0);
    }
    if surname_first(&a.core, &b.core) || surname_first(&b.core, &a.core) {
        return same(Rule::SurnameMovedToFront, 1.0);
    }
    if score < floor {
        // below the threshold too: kept apart whichever words match
        return different(Reason::BelowThreshold, score);
    }
    let unmatched = unmatched_words(&a.core, &b.core);
    if score >= ORG_THRESHOLD && unmatched == 0 {
        return same(Rule::SimilarOrganisations { score }, score);
    }
    if unmatched > 0 {
        different(Reason::UnmatchedWords(unmatched), score)
    } else {
        let threshold = ORG_THRESHOLD;
        different(Reason::SimilarityBelow { score, threshold }, score)
    }
}

/// Words of one name with no close counterpart in the other (noise words aside).
fn unmatched_words(a: &[String], b: &[String]) -> usize {
    let a: Vec<&String> = a.iter().filter(|t| !NOISE.contains(&t.as_str())).collect();
    let b: Vec<&String> = b.iter().filter(|t| !NOISE.contains(&t.as_str())).collect();
    // Short words are acronyms ("MG" / "MGP"): only an exact match counts for them.
    let close = |t: &str, u: &str| {
        t == u || (t.len() > 4 && u.len() > 4 && jaro_winkler(t, u) >= WORD_THRESHOLD)
    };
    let missing =
        |x: &[&String], y: &[&String]| x.iter().filter(|t| !y.iter().any(|u| close(t, u))).count();
    missing(&a, &b) + missing(&b, &a)
}

/// A person's name split into given names, surname and suffix, in printed order or in EDGAR's
/// conformed "LAST FIRST MIDDLE" order.
struct PersonParts<'a> {
    given: Vec<&'a str>,
    surname: &'a str,
    suffix: Option<&'a str>,
}

fn person_parts(tokens: &[String], conformed: bool) -> Option<PersonParts<'_>> {
    let mut t: Vec<&str> = tokens
        .iter()
        .map(String::as_str)
        .filter(|t| !PROFESSIONAL.contains(t))
        .collect();
    let suffix = if t.len() > 2 && SUFFIXES.contains(t.last()?) {
        t.pop()
    } else {
        None
    };
    if t.len() < 2 {
        return None;
    }
    let (surname, given) = if conformed {
        (t[0], t[1..].to_vec())
    } else {
        (*t.last()?, t[..t.len() - 1].to_vec())
    };
    Some(PersonParts {
        given,
        surname,
        suffix,
    })
}

fn compare_persons(a: &NameInfo, b: &NameInfo, floor: f64) -> Decision {
    let mut best = different(Reason::NoReadingAgrees, jaro_winkler(&a.key, &b.key));
    for (ca, cb) in [(false, false), (true, false), (false, true)] {
        let (Some(pa), Some(pb)) = (person_parts(&a.tokens, ca), person_parts(&b.tokens, cb))
        else {
            continue;
        };
        let d = compare_person_parts(&pa, &pb, floor);
        if d.is_same() {
            let rule = if ca || cb {
                Rule::SamePersonConformedOrder
            } else {
                Rule::SurnameAndGivenNamesAgree
            };
            return same(rule, d.score());
        }
        if d.score() > best.score() || !(ca || cb) {
            best = d;
        }
    }
    best
}

fn compare_person_parts(a: &PersonParts, b: &PersonParts, floor: f64) -> Decision {
    let surname = jaro_winkler(a.surname, b.surname);
    if a.suffix != b.suffix {
        let (sa, sb) = (a.suffix.unwrap_or("none"), b.suffix.unwrap_or("none"));
        return different(Reason::SuffixesDiffer(sa.into(), sb.into()), surname);
    }
    if surname < SURNAME_THRESHOLD {
        return apart(floor, surname, Reason::SurnamesDiffer, || {
            (a.surname.to_string(), b.surname.to_string())
        });
    }
    let (Some(fa), Some(fb)) = (a.given.first(), b.given.first()) else {
        return different(Reason::GivenNameMissing, surname);
    };
    if !compatible(fa, fb) {
        return different(
            Reason::GivenNamesDiffer(fa.to_string(), fb.to_string()),
            surname,
        );
    }
    // Middle names: the shorter list must be found, in order, in the longer one ("Kimberly
    // Springsteen-Abbott" / "Kimberly A. Springsteen-Abbott").
    let (short, long) = if a.given.len() <= b.given.len() {
        (&a.given[1..], &b.given[1..])
    } else {
        (&b.given[1..], &a.given[1..])
    };
    let mut rest = long.iter();
    for m in short {
        if !rest.any(|l| compatible(m, l)) {
            return different(Reason::MiddleNamesDiffer(m.to_string()), surname);
        }
    }
    // A misspelt surname is forgiven only when the rest of the name agrees in full: "Richard M.
    // Mauruer" is Richard M. Maurer, but "Oskar Halvorwell" need not be Oskar R. Halvornell.
    if a.surname != b.surname && short.len() < long.len() {
        let (sa, sb) = (a.surname.to_string(), b.surname.to_string());
        return different(Reason::SurnameMisspeltAndMiddleMissing(sa, sb), surname);
    }
    same(Rule::SamePerson, surname)
}

/// Equal, an initial of the other ("G" / "GEORGE"), or a short form of it ("DAN" / "DANIEL").
fn compatible(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    a == b
        || (short.len() == 1 && long.starts_with(short))
        || (short.len() >= 3 && long.starts_with(short))
}

fn join(s: &BTreeSet<String>) -> String {
    if s.is_empty() {
        "none".into()
    } else {
        s.iter().cloned().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_entity(a: &str, b: &str) -> bool {
        compare(&NameInfo::new(a), &NameInfo::new(b), false).is_same()
    }

    #[test]
    fn a_floor_changes_only_the_words_of_reasons_below_it() {
        let names = [
            "Polygon Investment Partners LLP",
            "Polygon Investment Partners LP",
            "Polygon Investments Ltd.",
            "Polygon Global Opportunities Master Fund",
            "Polygon Global Opportunities Master Fund II",
            "Kings Road Investments Ltd.",
            "Patrick G.G. Dear",
            "Patrick G. G. Dear",
            "Patrick Dear",
            "Reade E. Griffith",
            "Reade Griffith Jr.",
            "Mr. Dear",
            "SHAW D E INVESTMENTS LP",
            "D. E. Shaw Investments, L.P.",
            "Fenwick Marlow Capital 237 II LLC",
            "Fenwick Marlow Capital 237 LLC",
            "Ashgrove Cedar Holdings (Offshore) Ltd.",
            "Ashgrove Cedar Holdings Ltd.",
        ];
        let infos: Vec<NameInfo> = names.iter().map(|n| NameInfo::new(n)).collect();
        for a in &infos {
            for b in &infos {
                let (full, floored) = (compare(a, b, false), compare_from(a, b, false, NEAR_MISS));
                assert_eq!(full.is_same(), floored.is_same(), "{} / {}", a.key, b.key);
                assert_eq!(full.score().to_bits(), floored.score().to_bits());
                if full.score() >= NEAR_MISS || full.is_same() {
                    assert_eq!(full, floored);
                }
            }
        }
    }

    #[test]
    fn spellings_of_one_entity() {
        assert!(same_entity("8X8, INC.", "8x8, Inc."));
        assert!(same_entity("Patrick G.G. Dear", "Patrick G. G. Dear"));
        assert!(same_entity("BRYAN R. MARTIN", "Bryan R. Martin"));
        assert!(same_entity(
            "SHAW D E INVESTMENTS LP",
            "D.E. Shaw Investments, L.P."
        ));
        assert!(same_entity("CRAMER JAMES J", "James J. Cramer"));
        assert!(same_entity(
            "THL OPERATINGT PARTNERS L.P.",
            "THL Operating Partners, L.P."
        ));
        assert!(same_entity("RICHARD M. MAURUER", "Richard M. Maurer"));
        assert!(same_entity("Guy L. Hecker, Jr.", "Guy L. Hecker Jr."));
        assert!(same_entity("BUFFETT WARREN E", "Warren E. Buffett"));
        assert!(same_entity("8x8", "8x8, Inc."));
    }

    #[test]
    fn a_misspelt_surname_needs_the_whole_rest_of_the_name() {
        assert!(!same_entity("Oskar Halvorwell", "Oskar R. Halvornell"));
        assert!(!same_entity("Helena Ellingridge", "Helena W. Ellingried"));
        assert!(same_entity("RICHARD M. MAURUER", "Richard M. Maurer"));
        assert!(same_entity("Oskar Halvornell", "Oskar R. Halvornell"));
    }

    #[test]
    fn firms_whose_words_are_reordered_stay_apart() {
        assert!(!same_entity(
            "Alderney Valemont Capital GP, LLC",
            "Valemont Alderney Capital GP, L.L.C."
        ));
        assert!(!same_entity(
            "ALDERNEY VALEMONT CAPITAL GP, LLC",
            "Valemont Alderney Capital GP, LLC"
        ));
        assert!(same_entity(
            "SHAW D E INVESTMENTS LP",
            "D. E. Shaw Investments, L.P."
        ));
    }

    #[test]
    fn look_alikes_stay_apart() {
        assert!(!same_entity(
            "Polygon Investment Partners LLP",
            "Polygon Investment Partners LP"
        ));
        assert!(!same_entity(
            "Polygon Investments Ltd.",
            "Polygon Investment Management Limited"
        ));
        assert!(!same_entity(
            "Polygon Investment Partners GP, LLC",
            "Polygon Investment Partners LP"
        ));
        assert!(!same_entity(
            "Farallon Capital Institutional Partners II, L.P.",
            "Farallon Capital Institutional Partners III, L.P."
        ));
        assert!(!same_entity(
            "Special Situations Fund III QP, L.P.",
            "Special Situations Fund III, L.P."
        ));
        assert!(!same_entity("Icahn Offshore LP", "Icahn Onshore LP"));
        assert!(!same_entity("Carlo Ferro", "Carlo Bozotti"));
        assert!(!same_entity("Charles B. Johnson", "Rupert H. Johnson"));
        assert!(!same_entity(
            "Gerald F. Fitzgerald",
            "Gerald F. Fitzgerald, Jr."
        ));
        assert!(!same_entity("James J. Cramer", "Karen L. Cramer"));
        assert!(!same_entity(
            "Michael P. Smith",
            "Michael P. Smith Capital LP"
        ));
        assert!(!same_entity("MG ADVISERS L.L.C.", "MGP ADVISERS LLC"));
    }

    #[test]
    fn surname_references_only_inside_a_filing() {
        let (mr, full) = (
            NameInfo::new("Mr. Dear"),
            NameInfo::new("Patrick G. G. Dear"),
        );
        assert!(compare(&mr, &full, true).is_same());
        assert!(!compare(&mr, &full, false).is_same());
        assert!(!compare(&mr, &NameInfo::new("Reade E. Griffith"), true).is_same());
    }
}
