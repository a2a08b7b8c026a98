//! Beneficial-ownership tables of plain text (and of HTML printed as lines, not as a table): a
//! holder's name, then on its line or the next the shares, footnote marks, and the percent or "*"
//! (less than one percent).

use super::Registrant;
use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::Cx;
use crate::model::{Holding, NodeKind, Percent, Stake};
use crate::names::looks_like_person;
use crate::text::{parse_date, parse_percent, parse_shares, re, squash};
use regex::Regex;
use std::sync::LazyLock;

static OWNERSHIP_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:item\s+\d{1,2}\.?\s*)?(?:security\s+ownership\s+of|beneficial\s+(?:stock\s+)?ownership\s+of|stock\s+ownership\s+of|principal\s+(?:stock|share)holders|beneficial\s+owners)",
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

/// A row on one line: "AIM Management Group.......   20,363,000(2)   6.06%", "Marni Gaer (2) *
/// 2,400,000 10.3%".
static ONE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*[;,]?\s*(?P<name>[A-Z][^\t]*?)(?:\s*\.{2,})?\s+(?P<shares>\d{1,3}(?:,\d{3})+|\d+)(?:\s*\(\d{1,2}\))*\s+(?P<pct>\d{1,3}(?:\.\d+)?\s*%|\*)\s*$",
    )
});

/// How long the ownership table may run after its heading.
const TABLE_LINES: usize = 400;

/// The beneficial-ownership table: a holder's name, then (on its line or the next) the shares,
/// footnote marks, and the percent or "*" (what its footnote says it is).
pub(super) fn read_lines(cx: &mut Cx, registrant: &Registrant, parties: &mut Parties) {
    let Some(start) = (0..cx.lines.len())
        .find(|&i| OWNERSHIP_HEADING.is_match(cx.text(i)) && has_rows_after(cx, i))
    else {
        return;
    };
    let end = table_end(cx, start);
    let as_of = (start..end.min(start + 20))
        .find_map(|i| AS_OF.captures(cx.text(i)).and_then(|c| parse_date(&c[1])));
    let below_one = star_means_below_one(cx, start, end);
    let mut seen: Vec<String> = Vec::new();
    for i in start + 1..end {
        let Some((name_at, name, shares, percent)) = row(cx, i, below_one) else {
            continue;
        };
        let name = name
            .trim_end_matches(|c: char| c == '*' || c == ')' || c == '(' || c.is_ascii_digit())
            .trim()
            .to_string();
        let name = super::tables::strip_marks(name.trim_start_matches([';', ',', ' '])).to_string();
        if GROUP_ROW.is_match(&name)
            || !super::name_cells::is_entity_name(&name)
            || super::name_cells::is_registrant(&name, &registrant.keys)
            || seen.contains(&name)
        {
            continue;
        }
        seen.push(name.clone());
        let mut evidence = vec![cx.ev(name_at)];
        if i != name_at {
            evidence.push(cx.ev(i));
        }
        let stake = Stake {
            shares: Some(shares),
            percent,
            as_of: as_of.clone(),
            ..Stake::default()
        };
        push_holding(cx, &name, stake, evidence, registrant, parties);
    }
}

/// The table ends with its "as a group" row or its footnotes.
fn table_end(cx: &Cx, start: usize) -> usize {
    (start + 1..cx.lines.len().min(start + TABLE_LINES))
        .find(|&i| {
            (GROUP_ROW.is_match(cx.text(i)) && cx.text(i).len() < 80)
                || TABLE_END.is_match(cx.text(i))
        })
        .map_or(cx.lines.len().min(start + TABLE_LINES), |i| i + 2)
}

/// Whether a "*" in the table means less than one percent: its footnote says so ("* Less than
/// 1%"), not something else ("*Indicates current officer or director").
fn star_means_below_one(cx: &Cx, start: usize, end: usize) -> bool {
    let lines = start..cx.lines.len().min(end + 10);
    let note = lines.clone().map(|i| cx.text(i).trim_start()).find(|l| {
        l.strip_prefix('*')
            .is_some_and(|r| r.chars().filter(|c| c.is_alphabetic()).count() >= 3)
    });
    match note {
        Some(n) => super::holdings::star_bound(n).is_some(),
        None => lines.into_iter().any(|i| {
            let t = cx.text(i).to_ascii_lowercase();
            t.contains("less than one percent") || t.contains("less than 1%")
        }),
    }
}

fn push_holding(
    cx: &mut Cx,
    name: &str,
    stake: Stake,
    evidence: Vec<crate::model::Evidence>,
    registrant: &Registrant,
    parties: &mut Parties,
) {
    let kind = if looks_like_person(name) {
        NodeKind::Individual
    } else {
        NodeKind::Company
    };
    let pi = parties.upsert(name, kind, evidence[0].clone());
    cx.facts.holdings.push(Holding {
        holder: parties.get(pi).name.clone(),
        issuer: registrant.name.clone(),
        stake,
        evidence,
    });
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
fn row(cx: &Cx, i: usize, below_one: bool) -> Option<(usize, String, u64, Option<Percent>)> {
    let line = cx.text(i);
    if let Some(c) = ONE_LINE.captures(line) {
        let name = c["name"].trim();
        if is_holder_line(name) && !line.contains('\t') {
            let shares = parse_shares(&c["shares"])?;
            let pct = c["pct"].trim();
            let percent = if pct.starts_with('*') {
                below_one.then_some(Percent::LessThan(1.0))
            } else {
                parse_percent(pct)
            };
            return Some((i, squash(name), shares, percent));
        }
    }
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
    // a row states a percent or "*"; a table-of-contents line has only a page number; a
    // percent alone ("22%") is not a share count
    if !ROW_TAIL.is_match(&c[2]) || !c[2].contains(['%', '*']) || c[2].trim_start().starts_with('%')
    {
        return None;
    }
    let shares = parse_shares(&c[1])?;
    let rest = c[2].replace('|', " ");
    let percent = if rest.trim_start().starts_with('*') && below_one {
        Some(Percent::LessThan(1.0))
    } else {
        parse_percent(&rest)
    };
    let name = squash(cx.text(name_at).split('\t').next().unwrap_or(""));
    Some((name_at, name, shares, percent))
}
