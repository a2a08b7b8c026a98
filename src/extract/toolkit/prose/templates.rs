//! The patterns that read a relation around a cue, on one sentence and its mentions:
//!
//! - "S is the ROLE of O" and its connectors: "S serves as / acts as / has been / became / was
//!   elected ROLE of O", "S, which (in turn) is ...", "S, who are ...", "S, the ROLE of O", "S (the
//!   ROLE of O)", "S, as ROLE of O", "S has served as our ROLE";
//! - a chain of roles: "S is the sole shareholder, one of two directors and the President of O";
//! - "respectively": "S1 and S2 are R1 and R2, respectively, of O";
//! - reversed: "the ROLEs of O are S1, S2 and S3", "O, of which S is the ROLE", "O, in which S1
//!   and S2 are individual ROLEs";
//! - holdings: "S owns 520,000 shares, or 4.0% of the outstanding shares" (of the issuer), "S owns
//!   35% of the voting stock of O", "S and T each own in excess of 10% of the stock of O", "1,000
//!   of the reported shares are owned by S".
//!
//! Subjects and objects are lists ("A, B and C", "each of A and B"). A role stated as past or
//! denied ("formerly", "served as ... until", "is not") states nothing now, and is left out.

use super::cues::{tie_of, Tie, ROLE};
use super::mentions::{Mention, Who};
use super::sentences::Sentence;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

/// One end of a stated relation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum End {
    Who(Who),
    /// A person no party stands for, named in full where a pattern expects a name.
    NewPerson(String),
    /// "our", "the Company", "the Registrant": the registrant of a corporate filing.
    Registrant,
    /// The issuer of the filing's securities ("owns 1,000 shares" of it).
    Issuer,
}

/// What a sentence states.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum What {
    Role {
        tie: Tie,
        printed: String,
    },
    /// A holding with the figures the sentence gives.
    Holding {
        shares: Option<u64>,
        percent: Option<f64>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stated {
    pub source: End,
    pub target: End,
    pub what: What,
    /// Where in the sentence it is stated (for the evidence line).
    pub at: usize,
}

/// What a pattern may take as the company a role is held at when the sentence names none.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'d> {
    /// "our", "the Company" and "the Registrant" mean the filer (a corporate filing).
    pub registrant: bool,
    /// The whole document's text: a capitalised run whose every word the document also writes
    /// in lower case ("Annual Meeting", "Matching Gifts Program") is a heading, not a person.
    pub document: &'d str,
}

impl Scope<'_> {
    /// Whether the document writes `word` in lower case as a word of its own.
    fn writes_lower(&self, word: &str) -> bool {
        let lower = word.to_ascii_lowercase();
        if lower == word || lower.len() < 3 {
            return false;
        }
        let bytes = self.document.as_bytes();
        self.document.match_indices(lower.as_str()).any(|(at, _)| {
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(at + lower.len()).copied();
            !before.is_some_and(|b| b.is_ascii_alphanumeric())
                && !after.is_some_and(|b| b.is_ascii_alphanumeric())
        })
    }
}

/// The connector between a subject and its role, read back from the role.
static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?:",
        r",?\s*(?:which|who)\s+(?:in\s+turn\s+|also\s+|currently\s+|now\s+|each\s+)*",
        r"(?:is|are|serves\s+as|serve\s+as|acts\s+as|act\s+as|has\s+been|have\s+been)",
        r"|\s+(?:also\s+|currently\s+|now\s+|each\s+|jointly\s+)*",
        r"(?:is|are|serves\s+as|serve\s+as|acts\s+as|act\s+as|became|becomes|",
        r"was\s+(?:elected|appointed|named)(?:\s+as)?|were\s+(?:elected|appointed|named)(?:\s+as)?|",
        r"has\s+(?:also\s+)?(?:been|served\s+as)|have\s+(?:also\s+)?(?:been|served\s+as))",
        r"(?:\s+(?:also|each|currently|now|jointly))?",
        r"|,?\s+(?:acting\s+)?as",
        r"|,",
        r"|\s*\(",
        r")\s*",
        r"(?P<det>(?:the|an?|its|their|our|his|her)\s+|one\s+of\s+(?:the\s+|its\s+|our\s+)?",
        r"(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+)?$",
    ))
});

/// Another role in a chain: ", one of two directors and the President".
static CHAIN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*|\s*&\s*)(?:the\s+|an?\s+|its\s+|one\s+of\s+(?:the\s+|its\s+)?(?:two|three|four|five|six|seven|several|\d+)\s+)?",
    )
});
static RESPECTIVELY: LazyLock<Regex> = LazyLock::new(|| re(r"^,?\s*respectively\s*,?"));
/// The object after a role.
static OF: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s+(?:of|to|for|at|in)\s+(?:each\s+of\s+|both\s+|all\s+of\s+|either\s+of\s+)?")
});
/// Words that state the role as past, denied or hedged.
pub(super) static NOT_NOW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:not|no\s+longer|former|formerly|previously|prior|until|retired|resigned|ceased|whether|if|may\s+be\s+deemed)\b",
    )
});
/// A past role's dates after it: "from 2005 to 2010", "until 2019", "(2001-2009)".
static PAST_DATES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[^.;]{0,60}?(?:\bfrom\s+(?:\w+\s+)?\d{4}\s+(?:to|until|through)\b|\buntil\b|\bprior\s+to\b|\(\d{4}\s*[-–]\s*\d{4}\))",
    )
});
/// The registrant naming itself as a subject: "The Company has", "We own".
static REGISTRANT_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\s)(?:the\s+(?:company|registrant|corporation)|we)$"));
/// Generic names of the registrant in its own filing.
static REGISTRANT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:the\s+)?(?:company|registrant|corporation)\b"));
/// A full person's name ending a text: "Jane Q. Roe", "Mr. John Doe, Jr.".
static PERSON_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?\b([A-Z][a-z]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][a-zA-Z'\-]+){1,2}(?:,?\s+(?:Jr\.|Sr\.|II|III|IV))?)$",
    )
});
/// A full person's name starting a text.
static PERSON_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:Mr|Ms|Mrs|Dr)\.?\s+)?([A-Z][a-z]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][a-zA-Z'\-]+){1,2}(?:,?\s+(?:Jr\.|Sr\.|II|III|IV))?)\b",
    )
});
/// What may stand between a subject and its connector: a defined term, an appositive.
static SUBJECT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?:\s*\(\s*(?:the\s+|each\s+(?:a|an)\s+)?["“][^"”()]{1,60}["”]\s*\)|,\s+an?\s+[^,()"]{1,80})\s*,?\s*$"#,
    )
});
/// A list's separator, read back from the next item.
static SEP_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?$"));
/// What ends right before a list that is another phrase's object: a preposition or a verb.
static OBJECT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:of|to|for|at|in|by|with|from|than|and|is|are|was|were|owns?|holds?)\s+(?:the\s+|each\s+of\s+(?:the\s+)?)?$",
    )
});
/// A list's separator before the next item.
static SEP_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)(?:the\s+)?"));
/// What joins a role to the one before it that shares its subjects: "... of A and the ROLE".
static AND_THE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*,?\s*and\s+(?:also\s+)?(?:the\s+|an?\s+|its\s+)?$"));
/// "O[, a Delaware limited partnership,] whose ROLE is S": read back from the role.
static WHOSE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:,?\s+(?:is|are)\s+an?\s+[^,;()]{1,80}?)?,?\s+whose\s+$"));
/// "the ROLEs of O are S ...": the object before the subjects.
static REVERSED_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*,?\s*(?:is|are|include|includes|were)\s+(?:the\s+following\s*:?\s*)?")
});
/// "O, of which S is the ROLE" / "in which S are individual ROLEs": read back from the role.
static OF_WHICH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:,\s*)?\b(?:of|in)\s+which\s+(?P<subjects>.{1,200}?)\s+(?:is|are|acts\s+as|act\s+as|serves\s+as|serve\s+as)\s+(?:the\s+|an?\s+|individual\s+|its\s+)*$",
    )
});

/// "Mill Road Capital Management LLC, a Delaware limited liability company (the "Management
/// Company")": the terms a sentence defines for organisations no party stands for.
pub(crate) fn definitions(s: &Sentence, mentions: &[Mention]) -> Vec<(String, String)> {
    mentions
        .iter()
        .filter_map(|m| match &m.who {
            Who::NewOrg(name, None) => {
                let c = DEFINES.captures(&s.text[m.end..])?;
                // the term is this name's, not another's the appositive names ("Columbia
                // Insurance Company, a subsidiary of Berkshire Hathaway Inc. ("Berkshire")")
                let paren = m.end + c.get(1).map_or(0, |t| t.start());
                let between = mentions.iter().any(|o| o.start >= m.end && o.start < paren);
                (!between).then(|| (name.clone(), c[1].trim().to_string()))
            }
            _ => None,
        })
        .collect()
}

/// A defined term right after a name, past an appositive: `, a Delaware company ("Term")`.
static DEFINES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"^,?\s*(?:an?\s+[^,()"“”]{1,80},?\s*)?\(\s*(?:the\s+|each\s+an?\s+)?["“]([^"“”()]{1,40})["”]\s*\)"#,
    )
});

/// Every relation a sentence states.
pub(crate) fn read(s: &Sentence, mentions: &[Mention], scope: Scope<'_>) -> Vec<Stated> {
    let mut out = Vec::new();
    let mut done = 0;
    // the subjects of the last role stated, and where its objects end: "S are the managing
    // members of A and the controlling partners of B" gives the second role S too
    let mut last: Option<(Vec<End>, usize)> = None;
    for m in ROLE.find_iter(&s.lower) {
        if m.start() < done {
            continue;
        }
        let chain = chain_from(s, m.start(), m.end());
        done = chain.last().map_or(m.end(), |r| r.1);
        let inherited = last
            .as_ref()
            .filter(|(_, end)| *end <= m.start() && AND_THE.is_match(&s.lower[*end..m.start()]))
            .map(|(subjects, _)| subjects.clone());
        last = roles(s, mentions, scope, &chain, inherited, &mut out);
    }
    super::holdings::read(s, mentions, scope, &mut out);
    out
}

/// The roles chained from the one at `start..end` ("President and Chief Executive Officer").
fn chain_from(s: &Sentence, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut chain = vec![(start, end)];
    let mut at = end;
    while let Some(sep) = CHAIN.find(&s.lower[at..]) {
        let next = at + sep.end();
        match ROLE.find_at(&s.lower, next) {
            Some(r) if r.start() == next && chain.len() < 6 => {
                chain.push((r.start(), r.end()));
                at = r.end();
            }
            _ => break,
        }
    }
    chain
}

/// The relations of a chain of roles, forward ("S is ROLE of O") or reversed ("the ROLE of O is
/// S", "O, of which S is the ROLE").
fn roles(
    s: &Sentence,
    mentions: &[Mention],
    scope: Scope<'_>,
    chain: &[(usize, usize)],
    inherited: Option<Vec<End>>,
    out: &mut Vec<Stated>,
) -> Option<(Vec<End>, usize)> {
    let (first, last) = (chain[0].0, chain[chain.len() - 1].1);
    let respectively = RESPECTIVELY.find(&s.lower[last..]).map(|m| m.end());
    let after = last + respectively.unwrap_or(0);
    let (objects, objects_end) = OF
        .find(&s.lower[after..])
        .map(|m| list_span(s, mentions, after + m.end(), scope, false))
        .unwrap_or_default();
    // "of X and Y, respectively" after the objects pairs them with the subjects too
    let respectively = respectively.or_else(|| {
        (objects.len() > 1)
            .then(|| RESPECTIVELY.find(&s.lower[objects_end..]).map(|m| m.end()))
            .flatten()
    });
    if PAST_DATES.is_match(&s.lower[last..]) {
        return None;
    }
    if let Some(subjects) = inherited.filter(|_| !objects.is_empty()) {
        emit(s, chain, &subjects, &objects, false, out);
        return Some((subjects, objects_end));
    }
    let before = &s.lower[..first];
    if let Some(c) = OF_WHICH.captures(before) {
        let whole = c.get(0).map_or(first, |m| m.start());
        let sub = c.name("subjects").map_or(first..first, |m| m.range());
        let (subjects, end) = list_span(s, mentions, sub.start, scope, true);
        // the names must be all there is between "of which" and the verb
        if !subjects.is_empty() && end == sub.end && !NOT_NOW.is_match(&s.lower[sub]) {
            let owners = list_before(s, mentions, whole, false, scope);
            emit(s, chain, &subjects, &owners, false, out);
            return None;
        }
    }
    if let Some(c) = CONNECTOR.captures(before) {
        let whole = c.get(0).map_or(first, |m| m.start());
        if NOT_NOW.is_match(&before[whole..]) || past_tense(&before[whole..]) {
            return None;
        }
        let our = c.name("det").is_some_and(|d| d.as_str().trim() == "our");
        let objects = if objects.is_empty() && our && scope.registrant {
            vec![End::Registrant]
        } else {
            objects
        };
        if objects.is_empty() || negated_before(s, whole) {
            return None;
        }
        // "A and B, which are the ROLEs of X": the relative clause's antecedent is the whole
        // list, however it is joined to what comes before
        let relative = c.get(0).is_some_and(|m| {
            let t = m.as_str().trim_start_matches([',', ' ']);
            t.starts_with("which") || t.starts_with("who")
        });
        let subjects = list_before(s, mentions, whole, persons_may_hold(s, chain), scope);
        let subjects = if relative {
            whole_list_before(s, mentions, whole, scope).unwrap_or(subjects)
        } else {
            subjects
        };
        emit(s, chain, &subjects, &objects, respectively.is_some(), out);
        return Some((subjects, objects_end));
    }
    // "Acme LP is a Delaware limited partnership whose sole general partner is Acme GP LLC"
    if let Some(w) = WHOSE.find(before) {
        let verb = REVERSED_VERB.find(&s.lower[last..]).map(|m| last + m.end());
        if let Some(v) = verb.filter(|_| objects.is_empty()) {
            let subjects = list_after(s, mentions, v, scope, true);
            let owners = list_before(s, mentions, w.start(), false, scope);
            emit(s, chain, &subjects, &owners, false, out);
            return None;
        }
    }
    // "the general partners of Acme LP are Smith, Jones and Acme GP, Inc."
    if before.ends_with("the ") && objects.len() == 1 {
        let end_of_object = object_end(s, mentions, after);
        if let Some(v) =
            end_of_object.and_then(|e| REVERSED_VERB.find(&s.lower[e..]).map(|m| e + m.end()))
        {
            let subjects = list_after(s, mentions, v, scope, true);
            emit(s, chain, &subjects, &objects, false, out);
        }
    }
    None
}

/// Whether the connector states a past role ("served as" without "has", "was" but for "was
/// elected / appointed / named").
fn past_tense(connector: &str) -> bool {
    let c = connector.trim_start_matches(',').trim();
    (c.starts_with("served") || c.starts_with("was ") || c.starts_with("were "))
        && !(c.contains("elected") || c.contains("appointed") || c.contains("named"))
}

/// "is not", "did not", "no longer" just before a connector's start.
fn negated_before(s: &Sentence, at: usize) -> bool {
    let from = s.lower[..at]
        .char_indices()
        .rev()
        .nth(20)
        .map_or(0, |(i, _)| i);
    s.lower[from..at].ends_with(" not") || s.lower[from..at].contains("no longer")
}

/// The end of the mention (list) that starts right after `at` (an OF match's end).
fn object_end(s: &Sentence, mentions: &[Mention], at: usize) -> Option<usize> {
    let from = OF.find(&s.lower[at..]).map_or(at, |m| at + m.end());
    let mut end = None;
    let mut p = skip_the(s, from);
    while let Some(m) = mentions.iter().find(|m| m.start == p) {
        end = Some(m.end);
        match SEP_AFTER.find(&s.lower[m.end..]) {
            Some(sep) => p = m.end + sep.end(),
            None => break,
        }
    }
    end
}

fn skip_the(s: &Sentence, at: usize) -> usize {
    if s.lower[at..].starts_with("the ") {
        at + 4
    } else {
        at
    }
}

/// The ends listed from `at` on: "A, B and C", "the Funds", a person's full name where `persons`
/// allows it, "the Company" in a registrant's own filing.
pub(super) fn list_after(
    s: &Sentence,
    mentions: &[Mention],
    at: usize,
    scope: Scope<'_>,
    persons: bool,
) -> Vec<End> {
    list_span(s, mentions, at, scope, persons).0
}

/// [`list_after`], and where the list ends.
pub(super) fn list_span(
    s: &Sentence,
    mentions: &[Mention],
    at: usize,
    scope: Scope<'_>,
    persons: bool,
) -> (Vec<End>, usize) {
    // a list of subjects ("in which A and B are ...") goes on to its verb; objects do not
    let objects = !persons;
    let mut end = at;
    let mut out = Vec::new();
    let mut p = at;
    loop {
        let q = skip_the(s, p);
        if let Some(m) = mentions.iter().find(|m| m.start == q || m.start == p) {
            out.push(End::Who(m.who.clone()));
            p = m.end;
        } else if scope.registrant && REGISTRANT.is_match(&s.lower[p..]) {
            out.push(End::Registrant);
            p += REGISTRANT.find(&s.lower[p..]).map_or(0, |m| m.end());
        } else if let Some(c) = persons
            .then(|| PERSON_AFTER.captures(&s.text[q..]))
            .flatten()
        {
            let name = c[1].trim_end_matches(',').to_string();
            if !is_new_person(&name, scope) {
                break;
            }
            p = q + c.get(0).map_or(0, |m| m.end());
            out.push(End::NewPerson(name));
        } else {
            break;
        }
        if objects && out.len() > 1 && CLAUSE_VERB.is_match(&s.lower[p..]) {
            // "of A and B, and C is ...": C opens the next clause
            out.pop();
            break;
        }
        end = p;
        match SEP_AFTER.find(&s.lower[p..]) {
            Some(sep) => p += sep.end(),
            None => break,
        }
    }
    (out, end)
}

/// A verb right after a name: the name is a clause's subject, not a list's item.
static CLAUSE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:\([^)]{0,80}\)\s*)?(?:,\s*an?\s+[^,()]{1,80},)?,?\s*(?:is|are|was|were|serves|acts|has|have|owns|holds|became|may|shall|will)\b",
    )
});

/// Whether a chain's subject may be a person: not for "S is a subsidiary of O".
fn persons_may_hold(s: &Sentence, chain: &[(usize, usize)]) -> bool {
    chain
        .iter()
        .all(|r| !matches!(tie_of(&s.lower[r.0..r.1]), Tie::OwnedBy(_)))
}

/// The ends listed right before `at`: "A, B and C" (read back), past a defined term in brackets
/// or an appositive ("Acme GP LLC, a Delaware limited liability company,"); a person's full name
/// where `persons` allows it.
pub(super) fn list_before(
    s: &Sentence,
    mentions: &[Mention],
    at: usize,
    persons: bool,
    scope: Scope<'_>,
) -> Vec<End> {
    let mut out = Vec::new();
    let mut p = at;
    // ", a corporation organized under the laws of the United Kingdom ("CCL")": each in turn
    while let Some(t) = SUBJECT_TAIL.find(&s.text[..p]) {
        p = t.start();
    }
    let text = s.text[..p].trim_end_matches([' ', ',']);
    p = text.len();
    if scope.registrant {
        if let Some(m) = REGISTRANT_BEFORE.find(&s.lower[..p]) {
            return vec![End::Registrant]
                .into_iter()
                .filter(|_| m.end() == p)
                .collect();
        }
    }
    // the separators read, each with the number of items after it
    let mut joins: Vec<(bool, usize)> = Vec::new();
    loop {
        if let Some(m) = mentions.iter().find(|m| m.end == p) {
            out.push(End::Who(m.who.clone()));
            p = m.start;
        } else if let Some(c) = persons
            .then(|| PERSON_BEFORE.captures(&s.text[..p]))
            .flatten()
        {
            let name = c[1].to_string();
            if !is_new_person(&name, scope) {
                break;
            }
            out.push(End::NewPerson(name));
            p = c.get(0).map_or(p, |m| m.start());
        } else {
            break;
        }
        match SEP_BEFORE.find(&s.lower[..p]) {
            Some(sep) if !s.lower[..sep.start()].ends_with(" each of") => {
                joins.push((sep.as_str().trim_start().starts_with(','), out.len()));
                p = sep.start();
            }
            _ => break,
        }
    }
    // "general partner to A and B, and C is the general partner of D": the subject is C alone,
    // as what comes before it is another phrase's object
    if OBJECT_BEFORE.is_match(&s.lower[..p]) || joins.len() >= out.len() {
        if let Some(&(_, n)) = joins.iter().find(|(comma, _)| *comma) {
            out.truncate(n);
        } else if OBJECT_BEFORE.is_match(&s.lower[..p]) {
            out.truncate(1);
        }
    }
    out.reverse();
    out
}

/// The list right before a relative clause, whole: the objects of the phrase before it when it
/// is one ("the general partner of each of A and B, which are ..." -> A and B).
fn whole_list_before(
    s: &Sentence,
    mentions: &[Mention],
    at: usize,
    scope: Scope<'_>,
) -> Option<Vec<End>> {
    let mut p = at;
    while let Some(t) = SUBJECT_TAIL.find(&s.text[..p]) {
        p = t.start();
    }
    p = s.text[..p].trim_end_matches([' ', ',']).len();
    let mut out = Vec::new();
    while let Some(m) = mentions.iter().find(|m| m.end == p) {
        out.push(End::Who(m.who.clone()));
        p = m.start;
        match SEP_BEFORE.find(&s.lower[..p]) {
            Some(sep) => p = sep.start(),
            None => break,
        }
    }
    let _ = scope;
    (out.len() > 1).then(|| {
        out.reverse();
        out
    })
}

/// A person's name a pattern found where it expects one: two to five capitalised words that
/// read as a person's (not a place: "United Kingdom", "New York").
fn is_new_person(name: &str, scope: Scope<'_>) -> bool {
    const NOT_NAMES: &[&str] = &[
        "UNITED",
        "KINGDOM",
        "STATES",
        "AMERICA",
        "NEW",
        "YORK",
        "JERSEY",
        "DELAWARE",
        "CAYMAN",
        "ISLANDS",
        "BERMUDA",
        "NEVADA",
        "CALIFORNIA",
        "TEXAS",
        "FLORIDA",
        "ILLINOIS",
        "OHIO",
        "MASSACHUSETTS",
        "CONNECTICUT",
        "VIRGINIA",
        "MARYLAND",
        "KONG",
        "HONG",
        "JAPAN",
        "CHINA",
        "GERMANY",
        "FRANCE",
        "SWITZERLAND",
        "LUXEMBOURG",
        "NETHERLANDS",
        "CANADA",
        "ENGLAND",
        "WALES",
        "IRELAND",
        "SINGAPORE",
        "AUSTRALIA",
        "ARABIA",
        "SAUDI",
        "COMMON",
        "STOCK",
        "CLASS",
        "SERIES",
        "BOARD",
        "DIRECTORS",
        "COMMITTEE",
        "ITEM",
        "SCHEDULE",
        "EXHIBIT",
        "ANNEX",
        "ACT",
        "RULE",
        "SECTION",
        "AGREEMENT",
        "PLAN",
        "CORPORATE",
        "EXECUTIVE",
        "OFFICER",
        "PRESIDENT",
        "CHAIRMAN",
        "VICE",
        "CHIEF",
        "GENERAL",
        "COUNSEL",
        "SECRETARY",
        "REPORTING",
        "PERSON",
        "PERSONS",
        "ISSUER",
        "COMPANY",
        "FUND",
        "PARTNERS",
        "MANAGEMENT",
        "CAPITAL",
        "PROFESSOR",
        "DOCTOR",
        "JUDGE",
        "SENATOR",
        "GOVERNOR",
        "AMBASSADOR",
        "MEETING",
        "PROGRAM",
        "PROGRAMS",
    ];
    let tokens = crate::names::word_tokens(name);
    crate::names::looks_like_person(name)
        && !starts_a_clause(name)
        && !tokens.iter().any(|t| NOT_NAMES.contains(&t.word.as_str()))
        && !name
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.len() > 1)
            .all(|w| scope.writes_lower(w))
}

/// A capitalised run that opens a sentence rather than names someone ("Each Reporting Person").
fn starts_a_clause(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "The"
            | "Each"
            | "Both"
            | "All"
            | "Such"
            | "This"
            | "These"
            | "Since"
            | "As"
            | "In"
            | "On"
            | "By"
            | "For"
            | "If"
            | "Item"
            | "See"
            | "Because"
            | "Under"
            | "Pursuant"
    )
}

/// The relations of a chain between subjects and objects: each subject with each role and each
/// object, or subject i with role i where "respectively" pairs them.
fn emit(
    s: &Sentence,
    chain: &[(usize, usize)],
    subjects: &[End],
    objects: &[End],
    respectively: bool,
    out: &mut Vec<Stated>,
) {
    let role = |r: &(usize, usize)| (tie_of(&s.lower[r.0..r.1]), s.text[r.0..r.1].to_string());
    let mut push = |subject: &End, r: &(usize, usize)| {
        let (tie, printed) = role(r);
        for o in objects {
            out.push(Stated {
                source: subject.clone(),
                target: o.clone(),
                what: What::Role {
                    tie,
                    printed: printed.clone(),
                },
                at: r.0,
            });
        }
    };
    if respectively && subjects.len() == chain.len() && chain.len() > 1 {
        for (subject, r) in subjects.iter().zip(chain) {
            push(subject, r);
        }
    } else if respectively && chain.len() == 1 && subjects.len() == objects.len() {
        // "A and B are the managing members of X and Y, respectively"
        let (tie, printed) = role(&chain[0]);
        for (subject, object) in subjects.iter().zip(objects) {
            out.push(Stated {
                source: subject.clone(),
                target: object.clone(),
                what: What::Role {
                    tie,
                    printed: printed.clone(),
                },
                at: chain[0].0,
            });
        }
    } else if !respectively {
        for subject in subjects {
            for r in chain {
                push(subject, r);
            }
        }
    }
}
