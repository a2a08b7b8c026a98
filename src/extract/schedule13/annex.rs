//! Director and officer annexes of corporate filers ("Annex A: Members of the Supervisory Board,
//! Managing Board and Executive Officers of X"; "Schedule I: Directors and Executive Officers").
//!
//! The text is often extracted from PDF with names, positions and addresses interleaved. A person
//! is taken only where the layout ties a name to a place: a line that is just a name, a name
//! before its "Position:" label, or a name printed after the previous person's citizenship. A
//! position printed with the name decides the role; otherwise the section heading does, and only
//! while the section is certain. "Other positions" (seats elsewhere) give no edge.

use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::roles::{classify, tidy};
use crate::extract::toolkit::Cx;
use crate::model::{NodeKind, Relation, Statement};
use crate::names::looks_like_person;
use crate::text::{re, squash};
use regex::Regex;
use std::sync::LazyLock;

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:members\s+of\s+the\s+(?:supervisory|managing)\s+board|(?:the\s+)?directors\s+and\s+(?:executive\s+)?officers|executive\s+officers\s+and\s+directors|board\s+of\s+directors\s+and\s+executive\s+officers)\b.*\bof\s+(.{3,80}?)\s*$",
    )
});
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:members\s+of\s+the\s+)?(supervisory\s+board|managing\s+board|board\s+of\s+directors|directors|executive\s+officers|officers)\s*:?\s*$",
    )
});
static POSITION: LazyLock<Regex> = LazyLock::new(|| re(r"Position\s*:?"));
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:Citizenship|Address|Add\s*ess|Other\s+positions|Position)\s*[:.]"));
static OTHER: LazyLock<Regex> = LazyLock::new(|| re(r"Other\s+positions\s*:"));
static HEADER_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"Name\s*\t?\s*Current\s+Princip\s*\t?\s*o?al\s+Occupation,\s+Address\s+and\s+Citizenship")
});
static AFTER_CITIZENSHIP: LazyLock<Regex> =
    LazyLock::new(|| re(r"Citizenship\s*:\s*[A-Z][a-z]+\s+([A-Z][^:]{3,40})$"));
static NATIONALITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:American|British|Dutch|French|German|Italian|Swiss|Spanish|Belgian|Canadian|Japanese|Chinese|Swedish|Irish|Austrian|Luxembourgish|Norwegian|Danish|Finnish|Greek|Indian|Israeli|Korean|Mexican|Brazilian|Australian)\b.*$",
    )
});
static ADDRESS_TAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^.*\b(?:Switzerland|Netherlands|France|Italy|Germany)\b\s*"));
static PARTICLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:de|van|der|den|di|da|von|du|la|le|del|dos)$"));

/// How many lines below a name with an empty "Position" its position may be printed.
const POSITION_LOOKAHEAD: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Section {
    Board(String),
    Officers,
    Unknown,
}

#[derive(Debug)]
struct Entry {
    name: String,
    position: Option<String>,
    idx: usize,
    /// The company of the annex part the entry is in ("Directors and Officers of X:").
    company: String,
}

pub(super) fn read_officer_annexes(cx: &Cx, parties: &mut Parties) -> Vec<Relation> {
    let Some((start, mut company)) = title_at(cx, parties, 0) else {
        return Vec::new();
    };
    let mut entries: Vec<Entry> = Vec::new();
    let mut sections: Vec<(usize, Section)> = Vec::new();
    let mut in_other = false;
    for i in start + 1..cx.lines.len() {
        // an annex may list several companies, each under its own title
        if TITLE.is_match(cx.squashed(i)) {
            company = title_at(cx, parties, i)
                .filter(|(at, _)| *at == i)
                .map(|(_, c)| c)
                .unwrap_or_default();
            sections.push((i, Section::Unknown));
            continue;
        }
        if company.is_empty() {
            continue;
        }
        let line = HEADER_PHRASE.replace_all(cx.text(i), " ").to_string();
        if let Some(c) = SECTION.captures(&line) {
            sections.push((i, section_of(&c[1])));
            in_other = false;
            continue;
        }
        if OTHER.is_match(&line) {
            in_other = true;
        }
        if LABEL.is_match(&line) && !OTHER.is_match(&line) {
            in_other = false;
        }
        let before = entries.len();
        anchored(cx, &line, i, &company, &mut entries);
        if in_other && entries.len() == before {
            continue;
        }
        if entries.len() == before {
            let whole = squash(&line);
            if is_person(&whole) {
                // a table row flattened one cell per line: name, position, citizenship
                let position = crate::extract::toolkit::next_text(cx.lines, i)
                    .map(|j| cx.squashed(j).to_string())
                    .filter(|t| classify(t) != Default::default());
                entries.push(Entry {
                    name: whole,
                    position,
                    idx: i,
                    company: company.clone(),
                });
            } else if let Some(c) = AFTER_CITIZENSHIP.captures(line.trim()) {
                let name = squash(&c[1]);
                if is_person(&name) {
                    entries.push(Entry {
                        name,
                        position: None,
                        idx: i,
                        company: company.clone(),
                    });
                }
            }
        }
    }
    relations(cx, parties, &entries, &sections)
}

/// The first annex title line at or after `from`, and the company it is about, which must be a
/// party of the filing.
fn title_at(cx: &Cx, parties: &Parties, from: usize) -> Option<(usize, String)> {
    (from..cx.lines.len()).find_map(|i| {
        let t = cx.squashed(i);
        if t.len() > 200 || !may_be_title(t) {
            return None;
        }
        let c = TITLE.captures(t)?;
        let p = parties
            .find(c[1].trim_end_matches(['.', ':']).trim())
            .or_else(|| parties.find(&c[1]))?;
        Some((i, parties.get(p).name.clone()))
    })
}

/// Whether a squashed line may be an annex title: every title starts with one of these words.
/// Only ASCII lines are judged so (case folding matches other letters); the rest are tried.
fn may_be_title(t: &str) -> bool {
    !t.is_ascii()
        || ["members", "the", "directors", "executive", "board"]
            .iter()
            .any(|w| {
                t.len() >= w.len() && t.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            })
}

fn section_of(heading: &str) -> Section {
    let h = heading.to_ascii_lowercase();
    if h.contains("officer") {
        Section::Officers
    } else if h.contains("supervisory") {
        Section::Board("Member of the Supervisory Board".into())
    } else if h.contains("managing") {
        Section::Board("Member of the Managing Board".into())
    } else {
        Section::Board("Director".into())
    }
}

/// Names tied to a "Position" label on this line: the words right before it, with the position
/// printed after it (or on a "Position:" line just below when it is empty here).
fn anchored(cx: &Cx, line: &str, i: usize, company: &str, entries: &mut Vec<Entry>) {
    let anchors: Vec<(usize, usize)> = POSITION
        .find_iter(line)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut prev_end = 0;
    for (k, &(s, e)) in anchors.iter().enumerate() {
        let before = &line[prev_end..s];
        // The name is right before the label, or opens the entry with part of the title after it
        // ("Alain Dutheil Corporate Vice President, Strategic Position: Planning and ...").
        let entry = ADDRESS_TAIL.replace(before, "").to_string();
        let found = person_before(before)
            .map(|(name, at)| (name, ADDRESS_TAIL.replace(&before[..at], "").to_string()))
            .or_else(|| person_at_start(&entry));
        let Some((name, prefix)) = found else {
            prev_end = e;
            continue;
        };
        let next_anchor = anchors.get(k + 1).map_or(line.len(), |a| a.0);
        let after = &line[e..next_anchor];
        let mut position = position_text(after);
        if position.is_empty() {
            position = position_below(cx, i);
        } else if position.ends_with(" and") || position.ends_with(',') {
            // "Corporate Vice President, Discrete and" / "Standard ICs Group"
            if let Some(k) = crate::extract::toolkit::next_text(cx.lines, i) {
                let cont = cx.squashed(k).to_string();
                if !LABEL.is_match(&cont) && cont.len() < 40 {
                    position = format!("{position} {cont}");
                }
            }
        }
        let full = squash(&format!(
            "{} {}",
            prefix.trim_end_matches([',', ' ']),
            position
        ));
        let full = full.trim().trim_start_matches([',', ' ']).to_string();
        entries.push(Entry {
            name,
            position: (!full.is_empty()).then_some(full),
            idx: i,
            company: company.to_string(),
        });
        prev_end = e;
    }
}

/// The position after its label, up to the next label; a value printed in the next table cell
/// after a row of labels ("Position: Citizenship: Address:\tCorporate Vice President, Treasurer
/// Italian c/o ...") is cut before the nationality.
fn position_text(after: &str) -> String {
    let upto = LABEL.find(after).map_or(after.len(), |m| m.start());
    let mut text = after[..upto].to_string();
    if squash(&text).is_empty() {
        if let Some(last) = LABEL.find_iter(after).last() {
            text = after[last.end()..].to_string();
        }
    }
    let text = ADDRESS_TAIL.replace(&text, "").to_string();
    let text = NATIONALITY.replace(&text, "").to_string();
    let text = text.split("c/o").next().unwrap_or("").to_string();
    squash(&text).trim_matches([',', ' ', ':']).to_string()
}

/// "Carlo Bozotti Position" with the position two lines down: "Position: Corporate Vice
/// President, Memory" / "Products Group".
fn position_below(cx: &Cx, i: usize) -> String {
    for j in i + 1..cx.lines.len().min(i + 1 + POSITION_LOOKAHEAD) {
        let t = cx.squashed(j).to_string();
        if let Some(rest) = t.strip_prefix("Position:") {
            let mut p = position_text(rest);
            if p.ends_with(',') || p.ends_with(" and") || p.split(' ').count() <= 4 {
                if let Some(k) = crate::extract::toolkit::next_text(cx.lines, j) {
                    let cont = cx.squashed(k).to_string();
                    if !LABEL.is_match(&cont) && cont.len() < 40 {
                        p = format!("{p} {cont}");
                    }
                }
            }
            return p;
        }
        if POSITION.is_match(&t) {
            break;
        }
    }
    String::new()
}

/// The person's name that `text` ends with: the last two capitalised words, or three when the
/// middle one is an initial or a particle ("Robert M. White", "Tom de Waard"). Returns the name
/// and where it starts in `text`.
fn person_before(text: &str) -> Option<(String, usize)> {
    let trimmed = text.trim_end();
    let words: Vec<(usize, &str)> = trimmed
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - trimmed.as_ptr() as usize, w))
        .collect();
    let n = words.len();
    if n < 2 {
        return None;
    }
    let cap =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with([',', ':', ';']);
    let middle_ok = |w: &str| (w.len() <= 2 && w.ends_with('.')) || PARTICLE.is_match(w);
    let take = if n >= 3 && cap(words[n - 3].1) && middle_ok(words[n - 2].1) && cap(words[n - 1].1)
    {
        3
    } else if cap(words[n - 2].1) && cap(words[n - 1].1) {
        2
    } else {
        return None;
    };
    let start = words[n - take].0;
    let name = squash(&trimmed[start..]);
    is_person(&name).then_some((name, start))
}

/// A name opening an entry, followed by the start of a title: returns the name and that title part.
fn person_at_start(entry: &str) -> Option<(String, String)> {
    let words: Vec<&str> = entry.split_whitespace().collect();
    if words.len() < 3
        || crate::extract::toolkit::roles::classify(&words[2..].join(" "))
            .officer
            .is_none()
    {
        return None;
    }
    let name = words[..2].join(" ");
    is_person(&name).then(|| (name, words[2..].join(" ")))
}

/// A person's name, not a title, place or heading that happens to be two capitalised words.
fn is_person(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (2..=4).contains(&words)
        && looks_like_person(name)
        && crate::names::is_plausible_name(name)
        && classify(name) == Default::default()
        && !LABEL.is_match(name)
        && !name.chars().any(|c| c.is_ascii_digit())
        && !PLACE_WORDS.is_match(name)
}

static PLACE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:street|avenue|road|boulevard|square|airport|chemin|champ|filles|geneva|switzerland|netherlands|amsterdam|schipol|london|paris|milan|rome|new\s+york|region|group|products|manufacturing|quality|technology|research|development|resources|planning|markets|telecommunications|peripherals|automotive|subsystems|division|management|communication|microcontroller|memory|standard|advanced|strategic|central|emerging|total|environmental|consumer|discrete|system|systems|current|principal|occupation|citizenship|name|position|address|members?|supervisory|managing|executive|officers?|board|annex)\b",
    )
});

fn relations(
    cx: &Cx,
    parties: &mut Parties,
    entries: &[Entry],
    sections: &[(usize, Section)],
) -> Vec<Relation> {
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    // A section stays certain until an entry's own position contradicts it.
    let mut overridden_from: Option<usize> = None;
    for e in entries {
        let company = e.company.as_str();
        let person_key = crate::names::norm_key(&e.name);
        let key = format!("{person_key}|{}", crate::names::norm_key(company));
        if seen.contains(&key) || crate::names::norm_key(company) == person_key {
            continue;
        }
        let section = sections
            .iter()
            .rev()
            .find(|(at, _)| *at < e.idx)
            .map_or(Section::Unknown, |(_, s)| s.clone());
        let roles = e.position.as_deref().map(classify).unwrap_or_default();
        let (board, officer) = if roles.board.is_some() || roles.officer.is_some() {
            if roles.officer.is_some()
                && roles.board.is_none()
                && matches!(section, Section::Board(_))
            {
                overridden_from.get_or_insert(e.idx);
            }
            (roles.board, roles.officer)
        } else {
            let section_certain = overridden_from
                .is_none_or(|from| sections.iter().any(|(at, _)| *at > from && *at < e.idx));
            match section {
                Section::Board(t) if section_certain => (Some(t), None),
                Section::Officers if section_certain => {
                    (None, Some("Executive Officer".to_string()))
                }
                _ => (None, None),
            }
        };
        if board.is_none() && officer.is_none() {
            continue;
        }
        seen.push(key);
        let pi = parties.upsert(&e.name, NodeKind::Individual, cx.ev(e.idx));
        let person = parties.get(pi).name.clone();
        let seats = board.map(|t| Statement::board(tidy(&t)));
        let offices = officer.map(|t| Statement::officer(tidy(&t)));
        for statement in seats.into_iter().chain(offices) {
            out.push(Relation {
                source: person.clone(),
                target: company.to_string(),
                statement,
                evidence: cx.ev(e.idx),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_title_is_a_line_that_may_be_one() {
        let titles = [
            "Members of the Supervisory Board of STMicroelectronics N.V.",
            "DIRECTORS AND EXECUTIVE OFFICERS OF ACME HOLDINGS, INC.",
            "The Directors and Officers of Acme Corp.",
            "Executive Officers and Directors of Acme Corp",
            "board of directors and executive officers of Acme Corp:",
            "MEMBERS OF THE MANAGING BOARD OF ST HOLDING",
        ];
        for t in titles {
            assert!(TITLE.is_match(t) && may_be_title(t), "{t}");
        }
        for t in [
            "Item 2. Identity",
            "Officers of Acme",
            "",
            "Name of the Issuer",
        ] {
            assert!(!may_be_title(t) && !TITLE.is_match(t), "{t}");
        }
        assert!(may_be_title("Ｄirectors and officers of X"));
    }

    #[test]
    fn names_before_their_position_label() {
        assert_eq!(
            person_before("Member of the Supervisory Board of Remy Dullieux ")
                .map(|p| p.0)
                .as_deref(),
            Some("Remy Dullieux")
        );
        assert_eq!(
            person_before("Corporate Vice President, Advanced Andrea Cuomo ")
                .map(|p| p.0)
                .as_deref(),
            Some("Andrea Cuomo")
        );
        assert_eq!(
            person_before("Citizenship: Italian Robert M. White")
                .map(|p| p.0)
                .as_deref(),
            Some("Robert M. White")
        );
        assert_eq!(
            person_before("Bruno Steve ").map(|p| p.0).as_deref(),
            Some("Bruno Steve")
        );
        assert_eq!(person_before("Corporate Vice President, Strategic "), None);
    }

    #[test]
    fn positions_stop_at_the_next_label() {
        assert_eq!(
            position_text(": Chairman of the Supervisory Board"),
            "Chairman of the Supervisory Board"
        );
        assert_eq!(
            position_text(
                " Citizenship: Address:\tCorporate Vice President, Treasurer Italian c/o X"
            ),
            "Corporate Vice President, Treasurer"
        );
        assert_eq!(
            position_text(":\tGeneva, Switzerland Corporate Vice President, Communication"),
            "Corporate Vice President, Communication"
        );
    }

    #[test]
    fn places_and_titles_are_not_people() {
        assert!(is_person("Douglas Dunn"));
        assert!(!is_person("Geneva, Switzerland"));
        assert!(!is_person("Products Group"));
        assert!(!is_person("Vice President"));
    }
}
