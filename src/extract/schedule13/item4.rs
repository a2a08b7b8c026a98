//! Item 4 (Ownership) when there are no cover-page figures: a filing such as "the Reporting Persons
//! may be collectively deemed to be beneficial owner of less than 5%" states one figure for the
//! whole group. Each reporting person then holds, marked as a group figure; a bound ("less than
//! 5%") stays a bound.

use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::Cx;
use crate::model::{Holding, Stake, Subject};
use crate::text::{parse_date, parse_percent, re};
use regex::Regex;
use std::sync::LazyLock;

static OWNER_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)beneficial(?:ly)?\s+own(?:er|ers|ed)?\s+(?:of\s+)?(\d{1,3}(?:,\d{3})+|\d+)\s+shares")
});
static AS_OF: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bas\s+of\s+([^,;]{6,30})"));

pub(super) fn group_holdings(cx: &mut Cx, subject: Option<&Subject>, parties: &Parties) {
    let Some(subject) = subject else { return };
    let Some((start, end)) = crate::extract::toolkit::item_region(cx.lines, 4, 60) else {
        return;
    };
    let Some(pct_idx) =
        (start..end).find(|&i| parse_percent(cx.text(i)).is_some_and(|_| cx.text(i).contains('%')))
    else {
        return;
    };
    let percent = parse_percent(cx.text(pct_idx));
    let shares_at = (start..end).find_map(|i| {
        OWNER_OF
            .captures(cx.text(i))
            .map(|c| (c[1].replace(',', "").parse::<u64>().ok(), i))
    });
    let as_of = (start..end)
        .find_map(|i| AS_OF.captures(cx.text(i)).and_then(|c| parse_date(&c[1])))
        .or_else(|| subject.event_date.clone());
    let region: String = (start..end)
        .map(|i| cx.text(i).to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let reporting: Vec<String> = parties
        .iter()
        .filter(|p| p.reporting_person)
        .map(|p| p.name.clone())
        .collect();
    let group = reporting.len() > 1
        || region.contains("collectively")
        || region.contains("reporting persons");
    let mut evidence = vec![cx.ev(pct_idx)];
    if let Some((_, i)) = shares_at {
        evidence.push(cx.ev(i));
    }
    evidence.sort();
    evidence.dedup();
    let issuer = parties.canonical(&subject.issuer);
    for holder in reporting {
        cx.facts.holdings.push(Holding {
            holder,
            issuer: issuer.clone(),
            stake: Stake {
                shares: shares_at.and_then(|(s, _)| s),
                percent,
                sole_voting: None,
                shared_voting: None,
                sole_dispositive: None,
                shared_dispositive: None,
                class: subject.class.clone(),
                cusip: subject.cusip.clone(),
                as_of: as_of.clone(),
                group_figure: group,
                ..Stake::default()
            },
            evidence: evidence.clone(),
        });
    }
}
