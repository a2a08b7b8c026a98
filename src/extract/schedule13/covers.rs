//! Cover pages: one per reporting person, a fixed sequence of numbered rows (name, citizenship,
//! voting and dispositive power, aggregate, percent, type). Real layouts put a row's value after its
//! caption on the same line, on the next lines, in the next table cell, or interleaved with the
//! "NUMBER OF SHARES BENEFICIALLY OWNED..." side caption, so captions are found in the joined
//! text and a value is whatever lies between one caption and the next, minus row numbers and boxes.

use crate::extract::toolkit::index::{word_starts, Joined};
use crate::extract::toolkit::parties::push_unique;
use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::Cx;
use crate::model::NodeKind;
use crate::model::{Holding, Percent, Stake, Subject};
use crate::text::{parse_percent, parse_shares, re, squash};
use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_automata::{meta, Anchored, Input};
use std::borrow::Cow;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Name,
    Irs,
    Group,
    SecUse,
    Source,
    Legal,
    Citizenship,
    SoleVoting,
    SharedVoting,
    SoleDispositive,
    SharedDispositive,
    Aggregate,
    Excludes,
    Percent,
    Type,
}

/// A caption pattern: case-insensitive, with any whitespace between its words.
fn caption(words: &str) -> String {
    format!("(?i){}", words.replace(' ', r"\s+"))
}

/// The captions but the I.R.S. one, one search per group. The captions of a group start with the
/// same word and part ways right after it, and none holds that word further on or ends with its
/// start, so two of them never overlap: one search for all of them finds what a search for each
/// would.
static CAPTIONS: LazyLock<Vec<(Vec<Row>, meta::Regex)>> = LazyLock::new(|| {
    let group = |captions: &[(Row, String)]| {
        let patterns: Vec<&str> = captions.iter().map(|(_, p)| p.as_str()).collect();
        let regex = meta::Regex::builder()
            .configure(meta::Config::new().hybrid_cache_capacity(32 << 20))
            .build_many(&patterns)
            .unwrap_or_else(|e| panic!("bad caption pattern: {e}"));
        (captions.iter().map(|(row, _)| *row).collect(), regex)
    };
    let one = |row: Row, words: &str| group(&[(row, caption(words))]);
    vec![
        one(Row::Name, r"NAMES? OF REPORTING PERSONS?\.?"),
        group(&[
            (
                Row::Group,
                caption(r"CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP"),
            ),
            (
                Row::Legal,
                caption(r"CHECK (?:BOX )?IF DISCLOSURE OF LEGAL PROCEEDINGS"),
            ),
            (
                Row::Excludes,
                caption(r"CHECK (?:BOX )?IF (?:THE )?AGGREGATE AMOUNT"),
            ),
        ]),
        one(Row::SecUse, r"SEC USE ONLY"),
        one(Row::Source, r"SOURCE OF FUNDS"),
        one(Row::Citizenship, r"CITIZENSHIP OR PLACE OF ORGANI[SZ]ATION"),
        group(&[
            (Row::SoleVoting, caption(r"SOLE VOTING POWER")),
            (Row::SoleDispositive, caption(r"SOLE DISPOSITIVE POWER")),
        ]),
        group(&[
            (Row::SharedVoting, caption(r"SHARED VOTING POWER")),
            (Row::SharedDispositive, caption(r"SHARED DISPOSITIVE POWER")),
        ]),
        one(
            Row::Aggregate,
            r"AGGREGATE AMOUNT BENEFICIALLY(?: OWNED(?: BY EACH REPORTING PERSON)?)?",
        ),
        group(&[(
            Row::Percent,
            caption(r"PERCENT OF CLASS REPRESENT(?:ED|ING) BY AMOUNT IN ROW")
                + r"(?:\s*\(\s*\d{1,2}\s*\)|[ \t]+\d{1,2}(?:[ \t:]|\n))?",
        )]),
        one(Row::Type, r"TYPE OF REPORTING PERSON"),
    ]
});

/// The word every caption of a group starts with, in the order of `CAPTIONS` and in lower case
/// (for a search of `Joined::lower`): a caption can only start where its group's word does.
const LEADS: [&str; 10] = [
    "name",
    "check",
    "sec",
    "source",
    "citizenship",
    "sole",
    "shared",
    "aggregate",
    "percent",
    "type",
];

static LEAD_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(LEADS)
        .unwrap_or_else(|e| panic!("bad caption words: {e}"))
});

/// The I.R.S. number caption, anchored: it is tried only where it can start (see `irs_captions`).
static IRS_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(&caption(
        r"\A(?:(?:S\.?\s*S\.? OR )?I\.?\s*R\.?\s*S\.? IDENTIFICATION NOS?\.? OF (?:THE )?ABOVE PERSONS?(?:\s*\(ENTITIES ONLY\))?)",
    ))
});

/// One reporting person's cover page as printed.
#[derive(Debug, Clone, Default)]
pub(super) struct Cover {
    pub name: String,
    pub name_idx: usize,
    pub citizenship: Option<String>,
    pub sole_voting: Option<u64>,
    pub shared_voting: Option<u64>,
    pub sole_dispositive: Option<u64>,
    pub shared_dispositive: Option<u64>,
    pub aggregate: Option<u64>,
    pub aggregate_idx: Option<usize>,
    pub percent: Option<Percent>,
    pub percent_idx: Option<usize>,
    pub type_codes: Vec<String>,
    /// Index of the last line the cover page's rows reach.
    pub end_idx: usize,
    /// The type row, the last one, has been read.
    complete: bool,
}

/// How many lines a cover page may span from its name row to its last row.
const COVER_SPAN: usize = 90;

/// A caption found in the joined text: its row, and byte offsets of its start and end.
struct Caption {
    row: Row,
    start: usize,
    end: usize,
}

/// A cover page without figures this close to the end of the file is where the file was cut.
const TRUNCATION_TAIL: usize = 40;

pub(super) fn read_cover_pages(cx: &mut Cx) -> Vec<Cover> {
    // a caption that wraps onto the next line is still one match in the joined text
    let joined = cx.joined();
    let captions = find_captions(joined);
    let mut covers: Vec<Cover> = Vec::new();
    for (k, cap) in captions.iter().enumerate() {
        let next = captions.get(k + 1).map_or(joined.text.len(), |c| c.start);
        let raw = &joined.text[cap.end..next];
        let value = strip_row_number(raw);
        let first_idx = joined.line_of(cap.end);
        if cap.row == Row::Name {
            covers.push(Cover {
                name_idx: first_idx,
                end_idx: first_idx,
                ..Cover::default()
            });
        }
        let Some(cover) = covers.last_mut() else {
            continue;
        };
        // After its type row, or far from its name row, a caption is prose, not this cover page.
        if cap.row != Row::Name && (cover.complete || first_idx > cover.name_idx + COVER_SPAN) {
            continue;
        }
        let value_idx = first_value_line(joined, cap.end, value);
        cover.end_idx = cover.end_idx.max(value_idx.unwrap_or(first_idx));
        fill(cover, cap.row, value, value_idx);
    }
    // A name caption in prose or a table heading yields no figures: it is not a cover page. One
    // that the file ends inside is a truncated filing, which the reader is told about.
    let near_end = cx.lines.len().saturating_sub(TRUNCATION_TAIL);
    let (complete, partial): (Vec<Cover>, Vec<Cover>) = covers
        .into_iter()
        .filter(|c| crate::names::is_plausible_name(&c.name))
        .partition(|c| {
            c.aggregate.is_some()
                || c.percent.is_some()
                || c.citizenship.is_some()
                || !c.type_codes.is_empty()
        });
    if let Some(last) = partial
        .iter()
        .find(|c| c.name_idx >= near_end && c.name_idx > complete.last().map_or(0, |k| k.name_idx))
    {
        let msg = format!(
            "the cover page of {} stops before its figures: the filing looks truncated",
            last.name
        );
        cx.warn(Some(last.name_idx), msg);
    }
    complete
}

fn fill(cover: &mut Cover, row: Row, value: &str, idx: Option<usize>) {
    match row {
        Row::Name | Row::Irs if cover.name.is_empty() => {
            cover.name = person_name(value);
            if let (false, Some(i)) = (cover.name.is_empty(), idx) {
                cover.name_idx = i;
            }
        }
        Row::Citizenship => cover.citizenship = first_line(value).map(clean_citizenship),
        Row::SoleVoting => cover.sole_voting = parse_shares(&numeric(value)),
        Row::SharedVoting => cover.shared_voting = parse_shares(&numeric(value)),
        Row::SoleDispositive => cover.sole_dispositive = parse_shares(&numeric(value)),
        Row::SharedDispositive => cover.shared_dispositive = parse_shares(&numeric(value)),
        Row::Aggregate => {
            cover.aggregate = parse_shares(&numeric(value));
            cover.aggregate_idx = idx;
        }
        Row::Percent => {
            cover.percent = parse_percent(&numeric(value));
            cover.percent_idx = idx;
        }
        Row::Type => {
            cover.type_codes = type_codes(value);
            cover.complete = true;
        }
        _ => {}
    }
}

fn find_captions(joined: &Joined) -> Vec<Caption> {
    let text = joined.text.as_str();
    // No two rows' captions can share both ends, so the order they are gathered in does not matter.
    let mut found: Vec<Caption> = irs_captions(text)
        .into_iter()
        .map(|(start, end)| Caption {
            row: Row::Irs,
            start,
            end,
        })
        .collect();
    if text.is_ascii() {
        found.extend(captions_at_leads(text, &joined.lower));
    } else {
        // Unicode case folding lets a caption start with a letter no ASCII word search finds
        // ("ſ" for "s"): such text is searched by each group's pattern throughout.
        for (rows, r) in CAPTIONS.iter() {
            found.extend(r.find_iter(text).map(|m| Caption {
                row: rows[m.pattern().as_usize()],
                start: m.start(),
                end: m.end(),
            }));
        }
    }
    found.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut out: Vec<Caption> = Vec::with_capacity(found.len());
    for c in found {
        if out.last().is_none_or(|p| c.start >= p.end) {
            out.push(c);
        }
    }
    out
}

/// What each group's `find_iter` finds in ASCII `text`, found by trying each group's pattern,
/// anchored, only where its first word stands: one vector search for all the words instead of a
/// DFA walking every byte once per group. A search finds the leftmost start where a match begins
/// and the match the pattern prefers there, which is what an anchored try at that start gives;
/// a group's next try begins after its last match, as the search's next step would.
fn captions_at_leads(text: &str, lower: &str) -> Vec<Caption> {
    let mut found = Vec::new();
    let mut resume = [0usize; LEADS.len()];
    for hit in word_starts(&LEAD_WORDS, lower) {
        let group = hit.pattern().as_usize();
        if hit.start() < resume[group] {
            continue;
        }
        let (rows, r) = &CAPTIONS[group];
        let input = Input::new(text)
            .range(hit.start()..)
            .anchored(Anchored::Yes);
        if let Some(m) = r.search(&input) {
            resume[group] = m.end();
            found.push(Caption {
                row: rows[m.pattern().as_usize()],
                start: m.start(),
                end: m.end(),
            });
        }
    }
    found
}

static IRS_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)IDENTIFICATION"));

/// Whether a character may stand in the I.R.S. caption before its "IDENTIFICATION" word
/// ("S.S. OR I.R.S. "); any non-ASCII one may, since Unicode case folding lets "ſ" match "s".
fn irs_lead(c: char) -> bool {
    !c.is_ascii()
        || c.is_whitespace()
        || matches!(c.to_ascii_uppercase(), 'S' | 'O' | 'R' | 'I' | '.')
}

/// The spans a search for the I.R.S. caption would find in `text`, found fast.
/// The caption starts with optional abbreviations, so its pattern has no literal prefix for the
/// engine to look for and a search walks every byte of the text. Every match holds the word
/// "IDENTIFICATION" and starts in the run of `irs_lead` characters just before it (a run that
/// cannot reach back over an earlier "IDENTIFICATION"), so the pattern is tried only at the
/// positions of those runs that can start it (an S or an I), leftmost first, as the search would.
fn irs_captions(text: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut next = 0;
    for word in IRS_WORD.find_iter(text) {
        let lead = text[..word.start()]
            .char_indices()
            .rev()
            .take_while(|&(i, c)| i >= next && irs_lead(c))
            .last()
            .map_or(word.start(), |(i, _)| i);
        let found = text[lead..word.start()]
            .char_indices()
            .filter(|&(_, c)| !c.is_ascii() || matches!(c.to_ascii_uppercase(), 'S' | 'I'))
            .find_map(|(i, _)| {
                IRS_CAPTION
                    .find(&text[lead + i..])
                    .map(|m| (lead + i, lead + i + m.end()))
            });
        if let Some(span) = found {
            next = span.1;
            spans.push(span);
        }
    }
    spans
}

static TRAILING_ROW_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\s)\(?(\d{1,2})\)?[.:]?\s*$"));

/// The row number of the next caption stands just before it; it is not part of this value.
fn strip_row_number(value: &str) -> &str {
    // The pattern can only match the last word and the one space before it, so it runs on that
    // tail: a long value is not scanned. At the tail's start `^` cannot help a match, as the tail
    // starts with that space (or is the whole value).
    let tail = value.trim_end().rfind(char::is_whitespace).unwrap_or(0);
    let Some(m) = TRAILING_ROW_NUMBER.find(&value[tail..]) else {
        return value;
    };
    // The digits are what is left of the match without spaces, brackets and the final stop.
    let digits = m
        .as_str()
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '.' | ':'));
    if digits.parse::<u32>().is_ok_and(|n| (1..=14).contains(&n)) {
        &value[..tail + m.start()]
    } else {
        value
    }
}

/// Index of the line holding the first non-blank character of a value.
/// A row number printed on its own line under the caption ("9" above "6,941,000") is skipped, so
/// the evidence quotes the value.
fn first_value_line(joined: &Joined, offset: usize, value: &str) -> Option<usize> {
    let is_filler = |c: char| c.is_whitespace() || c == ':' || c == '.';
    let mut rest = value.trim_start_matches(is_filler);
    // A row number at the start is alone on the first line: only that line is searched.
    let first = rest.split('\n').next().unwrap_or(rest);
    if let Some(m) = LONE_ROW_NUMBER.find(first).filter(|m| m.start() == 0) {
        let after = rest[m.end()..].trim_start_matches(is_filler);
        if !after.is_empty() {
            rest = after;
        }
    }
    (!rest.is_empty()).then(|| joined.line_of(offset + value.len() - rest.len()))
}

fn first_line(value: &str) -> Option<&str> {
    value
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '.'))
        .find(|l| !l.is_empty() && !is_box(l))
}

static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)
        \(\s*(?:see|as\s+defined\s+in)\s[^)]*\)      # (see Item 5), (See instructions)
        | \bsee\s+(?:item|row|response|footnote|instructions?|note)s?\b[^\n]*
        | \b(?:item|row|rows)\s*\(?\d{1,2}\)?
        | \(\s*\d{1,2}\s*\)                         # (11), (1) footnote marks
        | \[\s*\d{1,2}\s*\]
        | NUMBER\s+OF | SHARES\s+BENEFICIALLY | BENEFICIALLY | OWNED\s+BY | EACH\s+REPORTING
        | PERSON\s+WITH:? | REPORTING | \bWITH\b:?
    ")
});

static LONE_ROW_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?m)^[ \t]*\(?([1-9]|1[0-4])\)?\.?[ \t]*$"));

/// A numeric row's value with captions, references, footnote marks and a row number printed on
/// its own line ("9" above "6,941,000") removed.
fn numeric(value: &str) -> Cow<'_, str> {
    // Every kind of noise has a letter, a `(` or a `[`: a plain figure skips the noise pattern.
    let may_hold_noise = value
        .chars()
        .any(|c| !c.is_ascii() || c.is_ascii_alphabetic() || c == '(' || c == '[');
    let cleaned = if may_hold_noise {
        NOISE.replace_all(value, " ")
    } else {
        Cow::Borrowed(value)
    };
    let without_rows = match LONE_ROW_NUMBER.replace_all(&cleaned, "") {
        Cow::Borrowed(_) => return cleaned,
        Cow::Owned(s) => s,
    };
    let zero_word = || {
        let l = without_rows.to_ascii_lowercase();
        l.contains("none") || l.contains("nil")
    };
    if without_rows.chars().any(|c| c.is_ascii_digit()) || zero_word() {
        Cow::Owned(without_rows)
    } else {
        cleaned
    }
}

fn is_box(s: &str) -> bool {
    let t = s.trim();
    t.chars().all(|c| "[]()xXoO_|$\\mid ☐☒■□þýo¨".contains(c))
}

static NAME_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"(?ix)
        \s*\(\s*(?:the\s+)?["“”'][^)]*\)\s*     # a defined term: ("SVP VI")
        | \s*\[[^\]]*\]\s*                          # [See Preliminary Note]
        | \s*I\.?\s*D\.?\s*No\b\.?\s*:?\s*[\d-]*
        | \s*\(?\s*(?:I\.?R\.?S\.?|Tax|S\.?S\.?)\s*(?:Identification\s*)?(?:No|\#)\.?:?\s*[\d-]*\)?
        | \s+\d{2}-\d{7}\b
    "#)
});

/// The reporting person's name from the name row's value: its first text line, joined with the
/// next when the name wraps before its legal form ("Fund III QP," / "L.P.").
fn person_name(value: &str) -> String {
    let lines: Vec<&str> = value
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '*'))
        .filter(|l| !l.is_empty() && !is_box(l))
        .collect();
    let Some(first) = lines.first() else {
        return String::new();
    };
    let mut name = first.to_string();
    if name.ends_with(',') {
        if let Some(next) = lines
            .get(1)
            .filter(|n| crate::names::legal_form(&format!("X {n}")).is_some() && n.len() < 12)
        {
            name = format!("{name} {next}");
        }
    }
    let cleaned = squash(&NAME_NOISE.replace_all(&name, " "));
    let cleaned =
        cleaned.trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c.is_whitespace());
    if cleaned.len() < 2 || cleaned.chars().all(|c| !c.is_alphabetic()) {
        return String::new();
    }
    keep_abbreviation_period(cleaned)
}

/// A final period belongs to an abbreviation ("Ltd.", "L.P.", "Jr.", an initial), not to a sentence.
pub(super) fn keep_abbreviation_period(name: &str) -> String {
    let Some(stem) = name.strip_suffix('.') else {
        return name.to_string();
    };
    let last = stem.rsplit([' ', '.']).next().unwrap_or("");
    if last.len() <= 4 || crate::names::legal_form(name).is_some() {
        name.to_string()
    } else {
        stem.to_string()
    }
}

static CITIZEN_NOISE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\s*NUMBER\s+OF\s+SHARES.*$|\s*\(see[^)]*\)"));

fn clean_citizenship(s: &str) -> String {
    squash(&CITIZEN_NOISE.replace_all(s, ""))
        .trim_matches(|c: char| c == ':' || c == '.' || c.is_whitespace())
        .to_string()
}

static TYPE_CODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(IN|CO|PN|IA|HC|BD|BK|IC|IV|EP|OO|FI|CP|SA|GP|SO)\b"));

/// Type-of-reporting-person codes from the first two lines of the row: `PN, IA`, `OO (LLC)`.
fn type_codes(value: &str) -> Vec<String> {
    let head: Vec<&str> = value
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .collect();
    let mut codes: Vec<String> = Vec::new();
    for l in head {
        if l.split_whitespace().count() > 8 {
            break;
        }
        for c in TYPE_CODE.captures_iter(l) {
            if !codes.contains(&c[1].to_string()) {
                codes.push(c[1].to_string());
            }
        }
    }
    codes
}

/// Turns cover pages into holdings of the subject's security.
pub(super) fn holdings(
    cx: &mut Cx,
    covers: &[Cover],
    subject: Option<&Subject>,
    parties: &Parties,
) {
    let Some(subject) = subject else { return };
    for cover in covers {
        if cover.aggregate.is_none() && cover.percent.is_none() {
            continue;
        }
        let mut evidence = vec![cx.ev(cover.name_idx)];
        evidence.extend(cover.aggregate_idx.map(|i| cx.ev(i)));
        evidence.extend(cover.percent_idx.map(|i| cx.ev(i)));
        evidence.dedup();
        let holding = Holding {
            holder: parties.canonical(&cover.name),
            issuer: parties.canonical(&subject.issuer),
            stake: Stake {
                shares: cover.aggregate,
                percent: cover.percent,
                sole_voting: cover.sole_voting,
                shared_voting: cover.shared_voting,
                sole_dispositive: cover.sole_dispositive,
                shared_dispositive: cover.shared_dispositive,
                class: subject.class.clone(),
                cusip: subject.cusip.clone(),
                as_of: subject.event_date.clone(),
                group_figure: false,
                ..Stake::default()
            },
            evidence,
        };
        let same_holder = cx
            .facts
            .holdings
            .iter()
            .position(|h| h.holder == holding.holder);
        match same_holder {
            Some(k)
                if cx.facts.holdings[k].stake.shares == holding.stake.shares
                    && cx.facts.holdings[k].stake.percent == holding.stake.percent =>
            {
                let ev = holding.evidence;
                cx.facts.holdings[k].evidence.extend(ev);
            }
            Some(_) => {
                let msg = format!(
                    "cover pages for {} state different figures; both are kept",
                    holding.holder
                );
                cx.warn(Some(cover.name_idx), msg);
                cx.facts.holdings.push(holding);
            }
            None => cx.facts.holdings.push(holding),
        }
    }
}

/// Adds a cover page's reporting person, with citizenship and type codes.
pub(super) fn add_person(cx: &Cx, parties: &mut Parties, cover: &Cover) {
    let i = parties.upsert(&cover.name, NodeKind::Company, cx.ev(cover.name_idx));
    let p = parties.get_mut(i);
    p.reporting_person = true;
    if p.citizenship.is_none() {
        p.citizenship = cover.citizenship.clone().filter(|c| !c.is_empty());
    }
    for code in &cover.type_codes {
        push_unique(&mut p.type_codes, code.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every caption each group's own search finds, the slow way the fast path stands in for.
    fn captions_by_search(text: &str) -> Vec<(usize, usize, Row)> {
        let mut found: Vec<_> = CAPTIONS
            .iter()
            .flat_map(|(rows, r)| {
                r.find_iter(text)
                    .map(|m| (m.start(), m.end(), rows[m.pattern().as_usize()]))
            })
            .collect();
        found.sort_by_key(|&(start, end, _)| (start, end));
        found
    }

    #[test]
    fn no_caption_word_starts_another() {
        for a in LEADS {
            for b in LEADS {
                assert!(a == b || !b.starts_with(a), "{a} starts {b}");
            }
        }
    }

    #[test]
    fn captions_found_at_their_words_are_those_each_search_finds() {
        let mut texts: Vec<String> = [
            "1 NAMES OF REPORTING PERSONS\nAcme\n5 SOLE VOTING POWER 0 7 SOLE\nDISPOSITIVE POWER 9",
            "CHECKCHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP (a) [ ] CHECK IF THE AGGREGATE AMOUNT",
            "SHARED SHARED VOTING POWER SHAREDDISPOSITIVE POWER shared   dispositive\tpower 8",
            "SECSEC USE ONLY Source of Funds: WC citizenship or place of organisation Type of Reporting Person IN",
            "PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11) 5.1% percent of class representing by amount in row 9\n",
            "Aggregate amount beneficially owned by each reporting person 1,000 aggregate amount beneficially",
            "NAMENAME OF REPORTING PERSON nameS OF reporting persons. typetype of reporting person",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for fixture in [
            "conflict_13g.txt",
            "llp_vs_lp_13g.txt",
            "sales_mismatch_13d.txt",
        ] {
            let path = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
            texts.push(std::fs::read_to_string(path).expect("fixture"));
        }
        for text in &texts {
            let mut fast: Vec<_> = captions_at_leads(text, &text.to_ascii_lowercase())
                .iter()
                .map(|c| (c.start, c.end, c.row))
                .collect();
            fast.sort_by_key(|&(start, end, _)| (start, end));
            let slow = captions_by_search(text);
            assert_eq!(fast, slow, "{text}");
        }
    }

    #[test]
    fn row_numbers_before_the_next_caption_are_not_values() {
        assert_eq!(strip_row_number("\n0\n6\n").trim(), "0");
        assert_eq!(
            strip_row_number(" 714,400 shares\t\t8\t").trim(),
            "714,400 shares"
        );
        assert_eq!(strip_row_number("\n992,411\n").trim(), "992,411");
    }

    #[test]
    fn numeric_values_lose_side_captions_and_references() {
        assert_eq!(
            parse_shares(&numeric("\nNUMBER OF\nSHARES     387,100\nBENEFICIALLY\n")),
            Some(387100)
        );
        assert_eq!(parse_shares(&numeric("-0- (See Item 5)")), Some(0));
        assert_eq!(parse_shares(&numeric("(see Item 4)")), None);
        assert_eq!(
            parse_percent(&numeric("(11)\n8.5%")),
            Some(Percent::Exact(8.5))
        );
        assert_eq!(
            parse_shares(&numeric(
                "\n   9\n       6,941,000  Beneficial ownership disclaimed"
            )),
            Some(6941000)
        );
        assert_eq!(parse_shares(&numeric("\n   9\n")), Some(9));
        assert_eq!(parse_shares(&numeric("\n   6\n       NONE\n")), Some(0));
    }

    #[test]
    fn names_lose_identification_numbers_and_defined_terms() {
        assert_eq!(person_name("\n   J.J. Cramer & Co.\n"), "J.J. Cramer & Co.");
        assert_eq!(
            person_name(": STMicroelectronics N.V.\n"),
            "STMicroelectronics N.V."
        );
        assert_eq!(
            person_name("\nSofinnova Venture Partners VI, L.P. (\u{201c}SVP VI\u{201d})\n"),
            "Sofinnova Venture Partners VI, L.P."
        );
        assert_eq!(
            person_name("\nJason E. Moment [See Preliminary Note]\n"),
            "Jason E. Moment"
        );
        assert_eq!(
            person_name("\nGabelli Funds, LLC   I.D. No. 13-4044523\n"),
            "Gabelli Funds, LLC"
        );
        assert_eq!(
            person_name("\nSpecial Situations Fund III QP,\nL.P.\n"),
            "Special Situations Fund III QP, L.P."
        );
    }

    #[test]
    fn irs_captions_are_what_a_search_finds() {
        let pattern = IRS_CAPTION.as_str().replacen(r"\A", "", 1);
        let search = re(&pattern);
        for text in [
            "NAME OF REPORTING PERSON\nS.S. OR I.R.S. IDENTIFICATION NO. OF ABOVE PERSON\nX",
            "I.R.S. Identification Nos. of above persons (entities only)  IRS IDENTIFICATION NO. OF ABOVE PERSONS",
            "ſ.S. OR I R S\tIDENTIFICATION\nNOS. OF THE ABOVE PERSONS identification I.R.S. IDENTIFICATION",
            "IRS IDENTIFICATION NO. OF ABOVE PERSONIRS IDENTIFICATION NO. OF ABOVE PERSON",
        ] {
            let want: Vec<(usize, usize)> = search.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(irs_captions(text), want, "{text}");
        }
    }

    #[test]
    fn type_codes_are_read() {
        assert_eq!(type_codes("\n  PN, IA\n"), vec!["PN", "IA"]);
        assert_eq!(type_codes(": CO\n* Based on 34,309,526 shares of common stock outstanding at November 30, 2003, as declared"), vec!["CO"]);
    }
}
