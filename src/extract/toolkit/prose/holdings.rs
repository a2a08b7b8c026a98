//! Holdings stated in prose: "S owns 520,000 shares, or 4.0%" (of the issuer), "S owns 35% of
//! the voting stock of O", "S and T each own in excess of 10% of O", "S owns all voting units of
//! O (representing a 10% equity interest)", "32,165,227 shares held by S", "1,000 of the
//! reported shares are owned by S".

use super::mentions::Mention;
use super::sentences::Sentence;
use super::templates::{list_after, list_before, list_span, End, Scope, Stated, What, NOT_NOW};
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

/// "S owns 520,000 shares ... or 4.0%": S holds the issuer with the figures.
static OWNS_SHARES: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:beneficially\s+|directly\s+|also\s+|collectively\s+)*",
        r"(?:owns?|owned|holds?|held|may\s+be\s+deemed\s+to\s+(?:beneficially\s+)?own|",
        r"(?:is|are)\s+the\s+(?:direct\s+)?(?:beneficial\s+|record\s+)?owners?\s+of|",
        r"(?:has|have)\s+(?:sole\s+|shared\s+)?beneficial\s+ownership\s+of)\s+",
        r"(?:directly\s+|of\s+record\s+|an\s+aggregate\s+of\s+|a\s+total\s+of\s+|approximately\s+|beneficially\s+)*",
        r"(?P<shares>\d[\d,]*)\s+(?:shares?|ordinary\s+shares|units|ads|american\s+depositary\s+shares)\b",
        r"(?:[^.;%]{0,120}?(?:,\s*|\s+)(?:or|representing|constituting|which\s+represents?|",
        r"which\s+represented|equal\s+to|being)\s+(?:approximately\s+|about\s+|roughly\s+)?",
        r"(?P<percent>\d{1,3}(?:\.\d+)?)\s*%)?",
    ))
});
/// "S owns 35% of the voting stock of O", "S has a 70% equity interest in O".
static OWNS_PERCENT_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:owns?|holds?|owned|held|has|have)\s+(?:approximately\s+|about\s+|an?\s+)?",
        r"(?P<percent>\d{1,3}(?:\.\d+)?)\s*%\s+",
        r"(?:(?:equity|ownership|economic|voting)\s+)?(?:interest\s+in|of\s+(?:the\s+)?",
        r"(?:(?:outstanding|issued|voting|common|capital|equity|ordinary|limited\s+liability\s+company|membership|partnership)\s+)*",
        r"(?:stock|shares|securities|interests?|equity|units)?\s*(?:of|in))\s+",
    ))
});
/// "S and T each own in excess of 10% of the common stock of O": a holding with no figure.
static OWNS_OVER: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:each\s+)?(?:owns?|holds?)\s+(?:in\s+excess\s+of|more\s+than|over|at\s+least|greater\s+than)\s+",
        r"\d{1,3}(?:\.\d+)?\s*%\s+of\s+(?:the\s+)?",
        r"(?:(?:outstanding|issued|voting|common|capital|equity)\s+)*(?:stock|shares|securities|interests?|equity)?\s*(?:of|in)\s+",
    ))
});
/// "1,000 of the reported shares are owned by S", "the shares are held of record by S".
static OWNED_BY: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"(?:(?P<shares>\d[\d,]*)\s+(?:of\s+the(?:se)?\s+)?(?:reported\s+)?(?:shares|securities)|",
        r"\b(?:these|such|the)\s+(?:reported\s+)?(?:shares|securities))\s+(?:reported\s+(?:herein\s+)?)?",
        r"(?:are|is|were|was)\s+(?:directly\s+|indirectly\s+)?(?:held|owned)\s+(?:directly\s+|indirectly\s+|of\s+record\s+)*by\s+",
    ))
});

/// "32,165,227 shares of common stock held by S": a count held by someone, with no verb.
static SHARES_HELD_BY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?P<shares>\d[\d,]*)\s+(?:shares|units)\s+(?:of\s+(?:the\s+issuer.s\s+)?(?:[a-z]+\s+){0,3}?(?:stock|shares)\s+)?(?:held|owned)\s+(?:directly\s+|of\s+record\s+)*by\s+",
    )
});
/// "S owns all (of the) voting units of O (representing a 10% equity interest in O)".
static OWNS_ALL: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:owns?|holds?)\s+all\s+(?:of\s+)?(?:the\s+)?(?P<what>(?:outstanding\s+|issued\s+)?(?:[a-z-]+\s+)?",
        r"(?:units|shares|stock|interests|equity|membership\s+interests|partnership\s+interests))\s+(?:of|in)\s+",
    ))
});
/// "(representing a 90% equity interest in O)" after [`OWNS_ALL`]'s object.
static REPRESENTING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*\(?(?:,\s*)?(?:representing|constituting|or)\s+(?:an?\s+|approximately\s+)?(?P<percent>\d{1,3}(?:\.\d+)?)\s*%",
    )
});

/// Holdings stated with figures, or as owned by someone.
pub(super) fn read(s: &Sentence, mentions: &[Mention], scope: Scope, out: &mut Vec<Stated>) {
    let figure = |c: &regex::Captures, k: &str| {
        c.name(k)
            .and_then(|m| crate::text::parse_shares(m.as_str()))
    };
    for c in OWNS_SHARES.captures_iter(&s.lower) {
        let at = c.get(0).map_or(0, |m| m.start());
        let percent = c
            .name("percent")
            .and_then(|p| p.as_str().parse::<f64>().ok());
        let what = What::Holding {
            shares: figure(&c, "shares"),
            percent,
        };
        if let [holder] = list_before(s, mentions, at, true, scope).as_slice() {
            if !NOT_NOW.is_match(&s.lower[at..c.get(0).map_or(at, |m| m.end())]) {
                push_holding(out, holder, End::Issuer, what, at);
            }
        }
    }
    for c in OWNS_PERCENT_OF.captures_iter(&s.lower) {
        let (at, end) = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        let percent = c
            .name("percent")
            .and_then(|p| p.as_str().parse::<f64>().ok());
        let objects = list_after(s, mentions, end, scope, false);
        if let ([holder], [owned]) = (
            list_before(s, mentions, at, true, scope).as_slice(),
            objects.as_slice(),
        ) {
            let what = What::Holding {
                shares: None,
                percent,
            };
            push_holding(out, holder, owned.clone(), what, at);
        }
    }
    for c in OWNS_OVER.captures_iter(&s.lower) {
        let (at, end) = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        if let [owned] = list_after(s, mentions, end, scope, false).as_slice() {
            for holder in list_before(s, mentions, at, true, scope) {
                let what = What::Holding {
                    shares: None,
                    percent: None,
                };
                push_holding(out, &holder, owned.clone(), what, at);
            }
        }
    }
    for c in SHARES_HELD_BY.captures_iter(&s.lower) {
        let end = c.get(0).map_or(0, |m| m.end());
        if let [holder] = list_after(s, mentions, end, scope, true).as_slice() {
            let what = What::Holding {
                shares: figure(&c, "shares"),
                percent: None,
            };
            push_holding(
                out,
                holder,
                End::Issuer,
                what,
                c.get(0).map_or(0, |m| m.start()),
            );
        }
    }
    for c in OWNS_ALL.captures_iter(&s.lower) {
        let (at, end) = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        let (owned, after) = list_span(s, mentions, end, scope, false);
        let outstanding = c.name("what").is_some_and(|w| {
            w.as_str().starts_with("outstanding") || w.as_str().starts_with("issued")
        });
        let percent = REPRESENTING
            .captures(&s.lower[after..])
            .and_then(|r| r["percent"].parse::<f64>().ok())
            .or(outstanding.then_some(100.0));
        if let ([holder], [owned]) = (
            list_before(s, mentions, at, true, scope).as_slice(),
            owned.as_slice(),
        ) {
            push_holding(
                out,
                holder,
                owned.clone(),
                What::Holding {
                    shares: None,
                    percent,
                },
                at,
            );
        }
    }
    for c in OWNED_BY.captures_iter(&s.lower) {
        let (at, end) = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        let holders = list_after(s, mentions, end, scope, true);
        let shares = if holders.len() == 1 {
            figure(&c, "shares")
        } else {
            None
        };
        for holder in holders {
            let what = What::Holding {
                shares,
                percent: None,
            };
            push_holding(out, &holder, End::Issuer, what, at);
        }
    }
}

fn push_holding(out: &mut Vec<Stated>, holder: &End, owned: End, what: What, at: usize) {
    out.push(Stated {
        source: holder.clone(),
        target: owned,
        what,
        at,
    });
}
