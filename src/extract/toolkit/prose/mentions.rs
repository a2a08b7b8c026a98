//! Mentions: where a sentence names someone. The filing's parties by name or defined term (and a
//! collective term for several of them), "Mr. Roe" for the one Roe of the filing, a short name
//! that only one party's name starts with ("Alpha" for Alpha Capital LLC), "the Issuer", and
//! organisation names with a legal form that are no party yet ("Acme Bank", "Beta Holdings, Inc.").
//! Persons who are no party are not found here: only a relation's pattern can say a run of
//! capitalised words is a person's name (`templates`).

use super::super::parties::Parties;
use super::sentences::Sentence;
use crate::names::{key_word, legal_form_spellings, norm_key, word_tokens, WordToken};
use std::collections::HashMap;

/// Who a mention stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Who {
    Party(usize),
    /// A collective term: "the Farallon Funds" for the funds it was defined for.
    Group(Vec<usize>),
    /// An organisation no party stands for, with the term the filing defined for it, if any
    /// ("Mill Road Capital Management LLC (the "Management Company")").
    NewOrg(String, Option<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub who: Who,
}

/// Words too common to stand for a party by themselves, though a party's name starts with them.
const NOT_SHORT_NAMES: &[&str] = &[
    "CAPITAL",
    "MANAGEMENT",
    "PARTNERS",
    "FUND",
    "FUNDS",
    "TRUST",
    "GROUP",
    "HOLDINGS",
    "COMPANY",
    "INVESTMENT",
    "INVESTMENTS",
    "GLOBAL",
    "INTERNATIONAL",
    "AMERICAN",
    "NATIONAL",
    "FIRST",
    "GENERAL",
    "UNITED",
    "NORTH",
    "SOUTH",
    "EAST",
    "WEST",
    "NEW",
    "MASTER",
    "STATE",
    "BANK",
    "COMMON",
    "STOCK",
    "CLASS",
    "SERIES",
    "ITEM",
    "SCHEDULE",
    "EXHIBIT",
    "ANNEX",
    "SECTION",
    "THIS",
    "THAT",
    "THESE",
    "EACH",
    "SUCH",
    "SAID",
    "OTHER",
    "SOLE",
    "MANAGING",
    "MEMBER",
    "DIRECTOR",
    "OFFICER",
    "CHIEF",
    "PRESIDENT",
    "CHAIRMAN",
    "PERSON",
    "PERSONS",
    "REPORTING",
    "ISSUER",
    "COMPANY",
    "SHARES",
    "SECURITIES",
    "FAMILY",
    "LIMITED",
    "EQUITY",
    "ASSET",
    "ADVISORS",
    "ADVISERS",
    "VENTURES",
    "ASSOCIATES",
    "INVESTORS",
    "FINANCIAL",
    "SERVICES",
];
const HONORIFICS: &[&str] = &["MR", "MS", "MRS", "DR", "MISS", "MESSRS"];
/// Words that end an organisation's name besides a legal form.
const ORG_ENDS: &[&str] = &["TRUST", "FOUNDATION", "FUND", "BANK", "PARTNERSHIP"];
/// Capitalised words that open a title, not a name: an organisation's name found by its legal
/// form does not reach back over them ("President of Acme Corp." names Acme Corp.).
const TITLE_WORDS: &[&str] = &[
    "REFERENCE",
    "APPENDIX",
    "EXHIBIT",
    "ANNEX",
    "SCHEDULE",
    "NOTE",
    "ATTACHMENT",
    "PRESIDENT",
    "DIRECTOR",
    "DIRECTORS",
    "OFFICER",
    "OFFICERS",
    "CHAIRMAN",
    "CHAIR",
    "SECRETARY",
    "TREASURER",
    "COUNSEL",
    "TRUSTEE",
    "CONTROLLER",
    "MEMBER",
    "OF",
    "BY",
    "FOR",
    "TO",
    "FROM",
    "WITH",
    "AT",
    "IN",
    "ON",
    "AS",
    "IS",
    "ARE",
    "WAS",
    "EACH",
    "BOTH",
    "ITEM",
    "SEE",
];

/// The names a filing's mentions are found by, made once per filing.
pub(crate) struct Names {
    /// Each key by its first word: (the words after it, the party or group).
    by_first: HashMap<String, Vec<(Vec<String>, Target)>>,
    /// First words of one party's name, or a person's surname, that stand for that party alone
    /// (`None` when several parties share them).
    short: HashMap<String, Option<usize>>,
    /// Persons by surname, for "Mr. Roe" (`None` when several share it).
    surnames: HashMap<String, Option<usize>>,
    groups: Vec<Vec<usize>>,
    /// Organisations defined in a sentence: (name, term).
    defined: Vec<(String, String)>,
    /// The parties that are persons (their names may open an organisation's name).
    persons: std::collections::HashSet<usize>,
    issuer: Option<usize>,
    /// The one reporting person of a filing that has one: "the Reporting Person".
    reporting: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
enum Target {
    Party(usize),
    Group(usize),
    /// An organisation no party stands for, by a term a sentence defined for it.
    Defined(usize),
}

impl Names {
    pub fn new(
        parties: &Parties,
        collectives: &[(String, Vec<usize>)],
        issuer: Option<usize>,
        reporting: Option<usize>,
    ) -> Names {
        let mut names = Names {
            by_first: HashMap::new(),
            short: HashMap::new(),
            surnames: HashMap::new(),
            groups: Vec::new(),
            defined: Vec::new(),
            persons: std::collections::HashSet::new(),
            issuer,
            reporting,
        };
        for i in 0..parties.len() {
            names.add_party(parties, i);
        }
        for (key, members) in collectives {
            names.groups.push(members.clone());
            names.add_key(key, Target::Group(names.groups.len() - 1));
        }
        names
    }

    /// Adds party `i` (a party made after the index was: an organisation a sentence named).
    pub fn add_party(&mut self, parties: &Parties, i: usize) {
        for key in parties.keys_of(i) {
            self.add_key(key, Target::Party(i));
        }
        let name = &parties.get(i).name;
        let person = crate::names::looks_like_person(name);
        let key = parties.name_key(i);
        let words: Vec<&str> = key.split(' ').collect();
        // EDGAR's conformed order, "BUFFETT WARREN E": the surname first; the printed order
        // "Warren E. Buffett" names the same party
        let conformed = person
            && !name.contains('.')
            && words.len() >= 3
            && words.last().is_some_and(|w| w.len() == 1);
        if conformed {
            let printed: Vec<&str> = words[1..].iter().chain(&words[..1]).copied().collect();
            self.add_key(&printed.join(" "), Target::Party(i));
        }
        let surname = if conformed {
            words.first().map(|w| w.to_string())
        } else {
            crate::names::surname(name)
        };
        let short = if person {
            surname.clone()
        } else {
            words
                .first()
                .filter(|_| words.len() > 1)
                .map(|w| w.to_string())
        };
        let long_enough = |w: &String| w.len() >= if person { 3 } else { 4 };
        if let Some(w) = short.filter(|w| long_enough(w) && !NOT_SHORT_NAMES.contains(&w.as_str()))
        {
            let slot = self.short.entry(w).or_insert(Some(i));
            if *slot != Some(i) {
                *slot = None;
            }
        }
        if person {
            self.persons.insert(i);
            if let Some(s) = surname {
                let slot = self.surnames.entry(s).or_insert(Some(i));
                if *slot != Some(i) {
                    *slot = None;
                }
            }
        }
    }

    /// Remembers a term a sentence defined for an organisation no party stands for, so later
    /// sentences find it by the term.
    pub fn define(&mut self, name: &str, term: &str) {
        let key = norm_key(term);
        let mut words = key.split(' ');
        let first = words.next().unwrap_or("");
        let rest: Vec<&str> = words.collect();
        let known = self.by_first.get(first).is_some_and(|l| {
            l.iter()
                .any(|(r, _)| r.iter().map(String::as_str).eq(rest.iter().copied()))
        });
        if key.is_empty() || known {
            return;
        }
        self.defined.push((name.to_string(), term.to_string()));
        let d = Target::Defined(self.defined.len() - 1);
        self.add_key(&key, d);
        // the name itself too, so that the term is not found inside it
        self.add_key(&norm_key(name), d);
    }

    fn add_key(&mut self, key: &str, target: Target) {
        let mut words = key.split(' ').filter(|w| !w.is_empty()).map(str::to_string);
        let Some(first) = words.next() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        list.push((words.collect(), target));
        // the longest key first, so the longest name wins where keys share a start
        list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }

    fn who(&self, t: Target) -> Who {
        match t {
            Target::Party(i) => Who::Party(i),
            Target::Group(g) => Who::Group(self.groups[g].clone()),
            Target::Defined(d) => {
                let (name, term) = &self.defined[d];
                Who::NewOrg(name.clone(), Some(term.clone()))
            }
        }
    }
}

/// The mentions of a sentence, in order and never overlapping. A name found whole wins over an
/// organisation found by its legal form, which wins over a short name or "Mr. Roe" inside it
/// ("Doe Management LLC" is not "Doe").
pub(crate) fn find(s: &Sentence, names: &Names) -> Vec<Mention> {
    let toks = word_tokens(&s.text);
    let mut whole = Vec::new();
    let mut short = Vec::new();
    let mut covered = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        if let Some((end, who, full)) = known_at(s, &toks, i, names) {
            let m = Mention {
                start: toks[i].start,
                end: with_period(s, &toks[end]),
                who,
            };
            if full {
                covered[i..=end].iter_mut().for_each(|c| *c = true);
                whole.push(m);
            } else {
                short.push(m);
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    // a known name may open a longer organisation's name: a person's ("the Thomas G. Roe, Jr.
    // Trust") or another organisation's ("M.H. Davidson & Co. GP, L.L.C." after "M.H. Davidson
    // & Co.")
    let persons: Vec<&Mention> = whole
        .iter()
        .filter(|m| {
            matches!(m.who, Who::Party(p) if names.persons.contains(&p)) || opens_a_name(s, m)
        })
        .collect();
    let orgs = new_organisations(s, &toks, &covered, &persons);
    let inside = |m: &Mention| orgs.iter().any(|o| o.start < m.end && m.start < o.end);
    short.retain(|m| !inside(m));
    whole.retain(|m| !inside(m));
    let mut out: Vec<Mention> = whole.into_iter().chain(orgs).chain(short).collect();
    out.sort_by_key(|m| m.start);
    out
}

/// A known name starting at word `i`: the index of its last word, whom it stands for, and
/// whether it is a whole name (not a short name or "Mr. Roe").
fn known_at(
    s: &Sentence,
    toks: &[WordToken],
    i: usize,
    names: &Names,
) -> Option<(usize, Who, bool)> {
    let word = key_word(&toks[i].word);
    let printed = &s.text[toks[i].start..toks[i].end];
    if let Some(list) = names.by_first.get(word) {
        for (rest, target) in list {
            // a one-word term ("CO", "Fund") is written with its capital, and as defined: the
            // word "company" is not the term "CO"
            if rest.is_empty() && (printed.to_uppercase() != *word || !starts_upper(printed)) {
                continue;
            }
            if let Some(end) = match_rest(toks, i + 1, rest) {
                return Some((end, names.who(*target), true));
            }
        }
        // "LionEye Master Fund" for LIONEYE MASTER FUND LTD: a name written without its legal
        // form, when no other party's name reads so
        let bare: Vec<(usize, Target)> = list
            .iter()
            .filter_map(|(rest, target)| without_form(toks, i + 1, rest).map(|end| (end, *target)))
            .collect();
        if let [(end, target)] = bare.as_slice() {
            return Some((*end, names.who(*target), true));
        }
    }
    let capitalised = s.text[toks[i].start..]
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase());
    if HONORIFICS.contains(&word) && i + 1 < toks.len() {
        let person = names.surnames.get(&toks[i + 1].word).copied().flatten();
        return person.map(|p| (i + 1, Who::Party(p), false));
    }
    if word == "ISSUER" && capitalised {
        return names.issuer.map(|p| (i, Who::Party(p), true));
    }
    let next = toks.get(i + 1).map(|t| t.word.as_str());
    if word == "REPORTING" && capitalised && next == Some("PERSON") {
        // "the Reporting Person" of a filing with one (not "Persons")
        return names.reporting.map(|p| (i + 1, Who::Party(p), true));
    }
    if capitalised && !is_all_caps_acronym(&s.text[toks[i].start..toks[i].end]) {
        let party = names.short.get(word).copied().flatten();
        return party.map(|p| (i, Who::Party(p), false));
    }
    None
}

fn starts_upper(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// "ACME" read alone is an acronym the filing would have defined: not a short name.
fn is_all_caps_acronym(w: &str) -> bool {
    w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase())
}

/// The index of the last word matching `rest` but its closing legal form, from word `i` on, when
/// the text goes on with no legal form: at least two words of a name.
fn without_form(toks: &[WordToken], i: usize, rest: &[String]) -> Option<usize> {
    let (form, words) = rest.split_last()?;
    if words.is_empty() || legal_form_spellings(form).next().is_none() {
        return None;
    }
    let end = match_rest(toks, i, words)?;
    let next = toks.get(end + 1).map(|t| key_word(&t.word));
    let form_follows = next.is_some_and(|w| legal_form_spellings(w).next().is_some() || w == "L");
    (!form_follows).then_some(end)
}

/// The index of the last word matching `rest` from word `i` on; a key's closing legal form may be
/// spelt out ("L.P.", "Limited Partnership") and a word abbreviated ("Company" for "CO").
fn match_rest(toks: &[WordToken], mut i: usize, rest: &[String]) -> Option<usize> {
    let last = i.checked_sub(1)?;
    if rest.is_empty() {
        return Some(last);
    }
    for (k, want) in rest.iter().enumerate() {
        let is_last = k + 1 == rest.len();
        if toks.get(i).is_some_and(|t| key_word(&t.word) == want) {
            i += 1;
            continue;
        }
        if is_last {
            return legal_form_spellings(want)
                .find(|spelling| {
                    spelling
                        .iter()
                        .enumerate()
                        .all(|(n, w)| toks.get(i + n).is_some_and(|t| t.word == *w))
                })
                .map(|spelling| i + spelling.len() - 1);
        }
        return None;
    }
    Some(i - 1)
}

/// Organisation names with a legal form (or a word such as "Trust" or "Bank" at their end) that
/// no known mention covers: the capitalised words before the form, back to a title word or
/// anything else that is not part of a name.
fn new_organisations(
    s: &Sentence,
    toks: &[WordToken],
    known: &[bool],
    persons: &[&Mention],
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut covered = known.to_vec();
    // a person's name may open an organisation's ("the Thomas G. Roe, Jr. Trust")
    for m in persons {
        for (k, t) in toks.iter().enumerate() {
            if t.start >= m.start && t.end <= m.end {
                covered[k] = false;
            }
        }
    }
    // right to left, so "Trust Company of Ohio, N.A." is found whole before "Trust Company"
    for j in (0..toks.len()).rev() {
        let Some(form_start) = form_ending_at(s, toks, j).filter(|_| !covered[j]) else {
            continue;
        };
        let start = name_start(s, toks, &covered, form_start);
        if start == form_start {
            continue;
        }
        let mut end = with_period(s, &toks[j]);
        // "Annuity Trust I", "Opportunity Fund II": a number after a trust's or fund's name
        if ORG_ENDS.contains(&toks[j].word.as_str()) {
            let number = toks
                .get(j + 1)
                .filter(|n| is_roman(&n.word) && s.text[end..n.start] == *" ");
            if let Some(n) = number {
                end = n.end;
            }
        }
        let name = s.text[toks[start].start..end]
            .trim_end_matches(',')
            .to_string();
        // a name of its own, not only words any firm's name has ("the Management Company")
        let distinctive = form_start - start >= 3
            || toks[start..form_start].iter().any(|t| {
                let w = key_word(&t.word);
                !crate::names::is_org_word(w) && !ORG_ENDS.contains(&w) && !matches!(w, "THE" | "&")
            });
        // "the Surviving Company", "the Trust Company": a term for someone, not a name
        let after_the = s.lower[..toks[start].start].ends_with("the ");
        let generic = after_the && form_start - start <= 1;
        let generic = generic
            && matches!(
                toks[j].word.as_str(),
                "COMPANY" | "CORPORATION" | "TRUST" | "FUND" | "BANK" | "PARTNERSHIP"
            );
        if distinctive
            && !generic
            && crate::names::is_plausible_name(&name)
            && norm_key(&name).contains(' ')
        {
            covered[start..=j].iter_mut().for_each(|c| *c = true);
            out.push(Mention {
                start: toks[start].start,
                end,
                who: Who::NewOrg(name, None),
            });
        }
    }
    out
}

/// Whether a known organisation's mention runs straight on into more capitalised words ending
/// in a legal form: then it is the start of another name.
fn opens_a_name(s: &Sentence, m: &Mention) -> bool {
    static ONWARD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::text::re(
            r"^\.?\s(?:[A-Z][A-Za-z0-9&.'-]*\s){0,3}[A-Z][A-Za-z0-9&.'-]*,?\s(?:L\.?L\.?C\.?|L\.?P\.?|Inc\.?|Ltd\.?|Limited|Corp\.?|Corporation|LLP|Company|Co\.|N\.A\.|plc|S\.A\.|AG|GmbH)(?:\W|$)",
        )
    });
    matches!(m.who, Who::Party(_) | Who::NewOrg(..)) && ONWARD.is_match(&s.text[m.end..])
}

fn is_roman(w: &str) -> bool {
    matches!(
        w,
        "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X" | "XI" | "XII"
    )
}

/// A legal form's word ("INC", "LLC", "P" of "L.P.").
fn is_form_word(w: &str) -> bool {
    matches!(
        w,
        "INC"
            | "LLC"
            | "LP"
            | "LLP"
            | "LTD"
            | "CORP"
            | "CO"
            | "PLC"
            | "NA"
            | "SA"
            | "AG"
            | "NV"
            | "BV"
            | "GMBH"
            | "P"
            | "C"
    )
}

/// The end of a name whose last word is `last`: "Inc.", "Co.", "L.P." and an initial keep their
/// period (a sentence's period after "LLC" is no part of it).
fn with_period(s: &Sentence, last: &WordToken) -> usize {
    let abbreviated = matches!(
        last.word.as_str(),
        "INC" | "CO" | "CORP" | "LTD" | "BROS" | "JR" | "SR"
    ) || last.word.len() == 1;
    if abbreviated && s.text[last.end..].starts_with('.') {
        last.end + 1
    } else {
        last.end
    }
}

/// Where the legal form (or organisation word) that ends at word `j` starts, if one does.
fn form_ending_at(s: &Sentence, toks: &[WordToken], j: usize) -> Option<usize> {
    let w = toks[j].word.as_str();
    if s.text[toks[j].end..].starts_with('-') {
        // "Co-Invest", "Trust-Based": a word that goes on
        return None;
    }
    if ORG_ENDS.contains(&w) {
        return Some(j);
    }
    const FORMS: &[&str] = &[
        "INC",
        "INCORPORATED",
        "LLC",
        "LP",
        "LLP",
        "LLLP",
        "LTD",
        "LIMITED",
        "CORP",
        "CORPORATION",
        "CO",
        "COMPANY",
        "PLC",
        "NA",
        "SA",
        "AG",
        "NV",
        "BV",
        "GMBH",
        "SARL",
        "SPA",
    ];
    if FORMS.contains(&w) {
        return Some(j);
    }
    // "L.P.", "L.L.C.", "N.A." as letters
    let letters =
        |n: usize, word: &[&str]| j + 1 >= n && (0..n).all(|k| toks[j + 1 - n + k].word == word[k]);
    for spelling in [
        &["L", "L", "C"][..],
        &["L", "P"],
        &["L", "L", "P"],
        &["G", "P"],
        &["N", "A"],
        &["N", "V"],
        &["B", "V"],
        &["S", "A"],
    ] {
        if letters(spelling.len(), spelling) {
            return Some(j + 1 - spelling.len());
        }
    }
    None
}

/// The first word of the name whose form starts at word `form`: back over capitalised words joined
/// by spaces (a comma only right before the form, "&" and a hyphen or initial's period inside),
/// at most eight of them.
fn name_start(s: &Sentence, toks: &[WordToken], covered: &[bool], form: usize) -> usize {
    let mut start = form;
    while start > 0 && form - start < 8 {
        let prev = &toks[start - 1];
        if prev.word == "OF" && s.text[prev.start..prev.end] == *"of" && start >= 2 {
            // "Bank of Ohio, N.A.", but not "President of Acme Corp."
            let before = &toks[start - 2];
            let capital = s.text[before.start..].starts_with(|c: char| c.is_uppercase());
            // "a Division of Acme Corp." names Acme, not a company called "Division of Acme"
            let part = matches!(
                before.word.as_str(),
                "DIVISION" | "SUBSIDIARY" | "AFFILIATE" | "UNIT" | "MEMBER" | "PARTNER"
            );
            if capital
                && !part
                && !TITLE_WORDS.contains(&before.word.as_str())
                && !covered[start - 2]
            {
                start -= 1;
                continue;
            }
            break;
        }
        if covered[start - 1] || TITLE_WORDS.contains(&prev.word.as_str()) {
            break;
        }
        // another name's legal form ends before this one: "... GP, L.P., which ... CRP LLC"
        // ("& Co." may open a longer name: "Orca & Co. GP, L.L.C.")
        let form_word = is_form_word(&prev.word) && prev.word != "CO";
        if start < form && form_word && s.text[prev.end..].starts_with(['.', ',']) {
            break;
        }
        let original = &s.text[prev.start..prev.end];
        let capital = original
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&');
        let gap = &s.text[prev.end..toks[start].start];
        let suffix = matches!(toks[start].word.as_str(), "JR" | "SR" | "II" | "III" | "IV");
        // "CoreSite Holdings (VCOC I), LLC": a bracketed part inside a name
        let bracket = matches!(gap, " (" | ") ") || (gap == "), " && start == form);
        // a note mark ("(2) Acme LLC") or a number ending a sentence ("NC 27513. Acme Inc.")
        // is no part of the name
        let number = original.bytes().all(|b| b.is_ascii_digit());
        if number && (bracket || gap.starts_with('.')) {
            break;
        }
        // "EG&G, Inc.": "&" with no space inside a name
        let joins = matches!(gap, " " | "-" | ". " | "." | " & " | "&" | "")
            || (gap == ", " && (start == form || suffix))
            || bracket;
        if !capital || !joins || original.eq_ignore_ascii_case("and") {
            break;
        }
        start -= 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, NodeKind};

    fn parties(names: &[&str]) -> Parties {
        let mut p = Parties::default();
        for n in names {
            p.upsert(
                n,
                NodeKind::Company,
                Evidence {
                    filing: "f".into(),
                    line: 1,
                    text: String::new(),
                },
            );
        }
        p
    }

    fn found(text: &str, p: &Parties) -> Vec<(String, Who)> {
        let names = Names::new(p, &[], Some(0), None);
        find(&Sentence::of(text), &names)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.who))
            .collect()
    }

    #[test]
    fn parties_are_found_in_any_spelling_of_their_name() {
        let p = parties(&[
            "Beta Issuer Corp.",
            "Alpha Capital Partners, L.P.",
            "Jane Q. Roe",
        ]);
        assert_eq!(
            found(
                "ALPHA CAPITAL PARTNERS LIMITED PARTNERSHIP and Ms. Roe own the Issuer",
                &p
            ),
            [
                (
                    "ALPHA CAPITAL PARTNERS LIMITED PARTNERSHIP".to_string(),
                    Who::Party(1)
                ),
                ("Ms. Roe".to_string(), Who::Party(2)),
                ("Issuer".to_string(), Who::Party(0)),
            ]
        );
        // a short name only one party's name starts with
        assert_eq!(
            found("Alpha is the sole member", &p),
            [("Alpha".to_string(), Who::Party(1))]
        );
    }

    #[test]
    fn organisations_are_found_by_their_legal_form_and_never_reach_over_a_title() {
        let p = parties(&["Beta Issuer Corp."]);
        let f = found("Since 1994 Mr. Poe has been an Executive Vice President of Acme Savings Bank and a director of Gamma Holdings, Inc. and Delta L.P.", &p);
        let names: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            names,
            ["Acme Savings Bank", "Gamma Holdings, Inc.", "Delta L.P."]
        );
        let f = found(
            "held by the Gerald F. Doe, Jr. Trust and the Management Company",
            &p,
        );
        let names: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(names, ["Gerald F. Doe, Jr. Trust"]);
        assert!(found(
            "the general partners are Smith, Jones and Acme GP, Inc.",
            &p
        )
        .iter()
        .any(|(t, _)| t == "Acme GP, Inc."));
    }

    #[test]
    fn organisation_names_stop_at_note_marks_numbers_and_parts_of_another_company() {
        let p = parties(&["Beta Issuer Corp."]);
        let names =
            |text: &str| -> Vec<String> { found(text, &p).into_iter().map(|(t, _)| t).collect() };
        assert_eq!(
            names("(2) Kestrel Partners LLC is the manager"),
            ["Kestrel Partners LLC"]
        );
        assert_eq!(
            names("Raleigh, NC 27513. Heron Holdings Inc. is the parent"),
            ["Heron Holdings Inc."]
        );
        assert_eq!(
            names("formerly a Division of Osprey Industries, Inc."),
            ["Osprey Industries, Inc."]
        );
        assert_eq!(names("a director of EG&G, Inc. since 1990"), ["EG&G, Inc."]);
        // an "of" inside a name still joins
        assert_eq!(
            names("a director of Bank of Ohio, N.A."),
            ["Bank of Ohio, N.A."]
        );
    }
}
