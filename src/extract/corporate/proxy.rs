//! Proxy statements (DEF 14A): the directors and nominees from their biographies ("Director
//! Since: 2018"), and the beneficial-ownership table — holders of more than 5%, and the directors'
//! and officers' own holdings — as holds edges with shares and percent.

use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::Cx;
use crate::model::{Holding, NodeKind, Percent, Relation, Seat, Stake, Statement};
use crate::names::looks_like_person;
use crate::text::{parse_date, parse_percent, parse_shares, re, squash};
use regex::Regex;
use std::sync::LazyLock;

static DIRECTOR_SINCE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*Director\s+since\s*:?\s*(\d{4})"));
static NOMINEE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\(\s*nominee"));
static OWNERSHIP_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:security\s+ownership\s+of|beneficial\s+(?:stock\s+)?ownership\s+of|stock\s+ownership\s+of|principal\s+(?:stock|share)holders|beneficial\s+owners)",
    )
});
static FIGURES: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:\|\s*)?(?:\(\d{1,2}\)\s*(?:\|\s*)?)*(.*)$")
});
static AS_OF: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bas\s+of\s+([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"));
static TABLE_END: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^\s*\*?\s*less\s+than\s+(?:one|1)\s*(?:percent|%)|^\s*\(?1\)?\.?\s*$")
});
/// What may follow the shares in a row: footnote marks, a percent, or "*".
static ROW_TAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[\s|]*(?:\*|\d{0,3}(?:\.\d+)?\s*\|?\s*%)?[\s|*]*$"));
static GROUP_ROW: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bas\s+a\s+group\b|\ball\s+(?:current\s+)?directors\b"));

/// How far a biography's name may be above its "Director Since" line.
const BIO_LINES: usize = 8;
/// How long the ownership table may run after its heading.
const TABLE_LINES: usize = 400;

pub(super) fn read_proxy(cx: &mut Cx, registrant: &str, parties: &mut Parties) -> Vec<Relation> {
    let directors = directors(cx, registrant, parties);
    ownership(cx, registrant, parties);
    directors
}

/// "Cynthia A. Arnold" / "(Nominee for Election)" / "Director Since: 2018".
fn directors(cx: &Cx, registrant: &str, parties: &mut Parties) -> Vec<Relation> {
    let mut out = Vec::new();
    for i in 0..cx.lines.len() {
        let Some(c) = DIRECTOR_SINCE.captures(cx.text(i)) else {
            continue;
        };
        let Some((n, name, title)) = (i.saturating_sub(BIO_LINES)..i)
            .rev()
            .find_map(|j| bio_name(cx, j))
        else {
            continue;
        };
        let pi = parties.upsert(&name, NodeKind::Individual, cx.ev(n));
        let seat = Seat {
            title,
            since: Some(c[1].to_string()),
            nominee: (n..i).any(|j| NOMINEE.is_match(cx.text(j))),
        };
        out.push(Relation {
            source: parties.get(pi).name.clone(),
            target: registrant.to_string(),
            statement: Statement::BoardMemberOf(seat),
            evidence: cx.ev(i),
        });
    }
    out
}

/// A biography's name line: "Cynthia A. Arnold", or a name with its board title run on
/// ("Michael M. Morrow Non-Executive" / "Chair of the Board").
fn bio_name(cx: &Cx, j: usize) -> Option<(usize, String, String)> {
    let t = cx.squashed(j).to_string();
    let words: Vec<&str> = t.split(' ').collect();
    let cut = words
        .iter()
        .position(|w| TITLE_WORD.is_match(w))
        .unwrap_or(words.len());
    let name = words[..cut].join(" ");
    if !(looks_like_person(&name)
        && crate::names::is_plausible_name(&name)
        && (2..=4).contains(&cut))
    {
        return None;
    }
    let mut title = words[cut..].join(" ");
    if !title.is_empty() {
        if let Some(k) = crate::extract::toolkit::next_text(cx.lines, j) {
            let next = cx.squashed(k).to_string();
            if crate::extract::toolkit::roles::classify(&format!("{title} {next}"))
                .board
                .is_some()
                && next.len() < 40
            {
                title = format!("{title} {next}");
            }
        }
    }
    let board = crate::extract::toolkit::roles::classify(&title)
        .board
        .unwrap_or_else(|| "Director".to_string());
    Some((j, name, board))
}

static TITLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:non-executive|executive|chair(?:man|woman|person)?|lead|independent|director|president|vice|chief|ceo)\b",
    )
});

/// The beneficial-ownership table: a holder's name, then (on its line or the next) the shares,
/// footnote marks, and the percent or "*" (less than one percent).
fn ownership(cx: &mut Cx, registrant: &str, parties: &mut Parties) {
    let Some(start) = (0..cx.lines.len())
        .find(|&i| OWNERSHIP_HEADING.is_match(cx.text(i)) && has_rows_after(cx, i))
    else {
        return;
    };
    // The table ends with its "as a group" row or its footnotes.
    let end = (start + 1..cx.lines.len().min(start + TABLE_LINES))
        .find(|&i| {
            (GROUP_ROW.is_match(cx.text(i)) && cx.text(i).len() < 80)
                || TABLE_END.is_match(cx.text(i))
        })
        .map_or(cx.lines.len().min(start + TABLE_LINES), |i| i + 2);
    let as_of = (start..end.min(start + 20))
        .find_map(|i| AS_OF.captures(cx.text(i)).and_then(|c| parse_date(&c[1])));
    let below_one = (start..cx.lines.len().min(end + 10)).any(|i| {
        cx.text(i)
            .to_ascii_lowercase()
            .contains("less than one percent")
            || cx.text(i).contains("less than 1%")
    });
    let mut seen: Vec<String> = Vec::new();
    for i in start + 1..end {
        let Some((name_at, shares, percent)) = row(cx, i, below_one) else {
            continue;
        };
        let name = squash(cx.text(name_at).split('\t').next().unwrap_or(""));
        let name = name
            .trim_end_matches(|c: char| c == '*' || c == ')' || c == '(' || c.is_ascii_digit())
            .trim()
            .to_string();
        if GROUP_ROW.is_match(&name)
            || !crate::names::is_plausible_name(&name)
            || seen.contains(&name)
        {
            continue;
        }
        seen.push(name.clone());
        let kind = if looks_like_person(&name) {
            NodeKind::Individual
        } else {
            NodeKind::Company
        };
        let pi = parties.upsert(&name, kind, cx.ev(name_at));
        let holder = parties.get(pi).name.clone();
        let mut evidence = vec![cx.ev(name_at)];
        if i != name_at {
            evidence.push(cx.ev(i));
        }
        cx.facts.holdings.push(Holding {
            holder,
            issuer: registrant.to_string(),
            stake: Stake {
                shares: Some(shares),
                percent,
                sole_voting: None,
                shared_voting: None,
                sole_dispositive: None,
                shared_dispositive: None,
                class: None,
                cusip: None,
                as_of: as_of.clone(),
                group_figure: false,
                ..Stake::default()
            },
            evidence,
        });
    }
}

fn has_rows_after(cx: &Cx, i: usize) -> bool {
    (i + 1..cx.lines.len().min(i + 80)).any(|j| row(cx, j, true).is_some())
}

fn is_holder_line(t: &str) -> bool {
    let t = squash(t.split('\t').next().unwrap_or(""));
    crate::names::is_plausible_name(&t)
        && !t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.len() < 100
}

/// A table row whose figures are on line `i`: the name is on the same line (first cell) or on the
/// line above. Returns the name's line, the shares and the percent.
fn row(cx: &Cx, i: usize, below_one: bool) -> Option<(usize, u64, Option<Percent>)> {
    let line = cx.text(i);
    let (name_at, figures) = match line.split_once('\t') {
        Some((first, rest)) if is_holder_line(first) && FIGURES.is_match(rest.trim_start()) => {
            (i, rest.trim_start().to_string())
        }
        _ => {
            let prev = cx.prev_text(i)?;
            if !FIGURES.is_match(line)
                || !is_holder_line(cx.text(prev))
                || FIGURES.is_match(cx.text(prev))
            {
                return None;
            }
            (prev, line.to_string())
        }
    };
    let c = FIGURES.captures(&figures)?;
    // a row states a percent or "*"; a table-of-contents line has only a page number
    if !ROW_TAIL.is_match(&c[2]) || !c[2].contains(['%', '*']) {
        return None;
    }
    let shares = parse_shares(&c[1])?;
    let rest = c[2].replace('|', " ");
    let percent = if rest.trim_start().starts_with('*') && below_one {
        Some(Percent::LessThan(1.0))
    } else {
        parse_percent(&rest)
    };
    Some((name_at, shares, percent))
}
