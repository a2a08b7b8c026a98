//! Statements described for people: the labels of the diagram's edges, the relations on a chain
//! of control, an edge's details in the terminal and the HTML view, and a holding's figures.
//! Every output that shows a statement asks this module; none reads the stored attributes.
//!
//! Two spellings of a figure are kept on purpose: the diagram's label is short ("714,400
//! (2.08%)", "<5%"), the terminal's line is words ("714,400 shares, 2.08%", "less than 5.0%",
//! a figure written as the JSON output writes it, so the two can be compared by eye).

use crate::model::{Percent, Stake, Statement};
use crate::text::{thousands, thousands_f64};

/// The diagram's label for an edge, one line each: a holding's figure and date ("714,400
/// (2.08%)", "as of 2003-12-30", or "<5%"), a manager's role, a signer's title or capacity, a
/// director's or officer's title; the kind's name when the filing states nothing more.
pub fn label_lines(s: &Statement) -> Vec<String> {
    match s {
        Statement::Holds(stake) => {
            let shares = stake.shares.map(thousands);
            let pct = stake.percent.map(short_percent);
            let figure = match (shares, pct) {
                (Some(s), Some(p)) => Some(format!("{s} ({p})")),
                (s, p) => s.or(p),
            };
            // a Form 3/4/5 flags a 10% owner without a percent
            let flag = stake.ten_percent_owner.then(|| "10% owner".to_string());
            let indirect = stake.indirect.then(|| "indirectly".to_string());
            let date = stake.as_of.as_ref().map(|d| format!("as of {d}"));
            let lines: Vec<String> = figure
                .into_iter()
                .chain(flag)
                .chain(indirect)
                .chain(date)
                .collect();
            if lines.is_empty() {
                vec!["holds".into()]
            } else {
                lines
            }
        }
        Statement::SignsFor(sig) => vec![match sig.title.as_ref().or(sig.capacity.as_ref()) {
            Some(t) => format!("signs as {t}"),
            None => "signs".into(),
        }],
        other => vec![other
            .role()
            .map(str::to_string)
            .unwrap_or_else(|| other.kind().as_str().to_string())],
    }
}

/// A relation on a step of a chain of control: "manages (investment manager)", "signs-for
/// (Principal)", "holds (100.0%)", "holds (5000 shares)".
pub fn step_relation(s: &Statement) -> String {
    let detail = match s {
        Statement::Holds(stake) => match stake.percent {
            Some(Percent::Exact(p)) => Some(format!("{}%", json_number(p))),
            _ => stake.shares.map(|n| format!("{n} shares")),
        },
        other => other.role().map(str::to_string),
    };
    match detail {
        Some(d) => format!("{} ({d})", s.kind().as_str()),
        None => s.kind().as_str().to_string(),
    }
}

/// An edge's details in brackets, " (role investment manager)", or "" when it states nothing
/// shown: the role, capacity and title; a holding's shares, percent (or its bound) and date.
/// Filing text, so the caller sanitises the line it makes.
pub fn details(s: &Statement) -> String {
    let named = |k: &str, v: Option<String>| v.map(|v| format!("{k} {v}"));
    let parts: Vec<String> = match s {
        Statement::Manages { role } => vec![named("role", Some(role.clone()))],
        Statement::SignsFor(sig) => vec![
            named("capacity", sig.capacity.clone()),
            named("title", sig.title.clone()),
        ],
        Statement::BoardMemberOf(seat) => vec![named("title", Some(seat.title.clone()))],
        Statement::OfficerOf { title } => vec![named("title", Some(title.clone()))],
        Statement::CounselTo { .. } => Vec::new(),
        Statement::Holds(stake) => vec![
            named("shares", stake.shares.map(|n| n.to_string())),
            match stake.percent {
                Some(Percent::Exact(p)) => named("percent", Some(json_number(p))),
                Some(Percent::LessThan(p)) => named("percent_upper_bound", Some(json_number(p))),
                None => None,
            },
            named("as_of", stake.as_of.clone()),
        ],
    }
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// A holding's figures for the terminal: "714,400 shares", "2.08%" or "less than 5.0%", "10%
/// owner", "as of 2003-12-30".
pub fn holding_figures(stake: &Stake) -> Vec<String> {
    let mut figures = Vec::new();
    if let Some(s) = stake.shares {
        figures.push(format!("{} shares", thousands(s)));
    }
    match stake.percent {
        Some(Percent::Exact(p)) => figures.push(format!("{}%", json_number(p))),
        Some(Percent::LessThan(p)) => figures.push(format!("less than {}%", json_number(p))),
        None => {}
    }
    if stake.ten_percent_owner {
        figures.push("10% owner".into());
    }
    if stake.indirect {
        figures.push("indirectly".into());
    }
    if let Some(d) = &stake.as_of {
        figures.push(format!("as of {d}"));
    }
    figures
}

/// The control a holding states: voting and dispositive power are control; shares alone, with
/// every power stated as zero, are an economic interest only.
pub fn powers(stake: &Stake) -> Vec<String> {
    let mut out: Vec<String> = [
        (stake.sole_voting, "sole voting"),
        (stake.shared_voting, "shared voting"),
        (stake.sole_dispositive, "sole dispositive"),
        (stake.shared_dispositive, "shared dispositive"),
    ]
    .iter()
    .filter(|(n, _)| n.is_some_and(|n| n > 0))
    .map(|(_, label)| format!("{label} power"))
    .collect();
    if out.is_empty() && stake.powers_stated() {
        out.push("economic interest only: no voting or dispositive power".into());
    } else if out.is_empty() {
        out.push("beneficial ownership; powers not stated".into());
    }
    out
}

/// A Form 3/4/5 position for the terminal: "Common Stock 1,250, direct (By Trust)"; "?" for
/// shares not stated.
pub fn position(p: &crate::model::Position) -> String {
    let shares = p.shares.map(thousands_f64).unwrap_or_else(|| "?".into());
    let nature = match p.nature.as_deref() {
        None | Some("") => String::new(),
        Some(n) => format!(" ({n})"),
    };
    format!(
        "{} {}, {}{}",
        p.security,
        shares,
        p.ownership.as_deref().unwrap_or(""),
        nature
    )
}

/// A percent for a label: "2.08%", "5%", or a bound, "<5%".
pub fn short_percent(p: Percent) -> String {
    match p {
        Percent::Exact(p) => format!("{}%", plain_number(p)),
        Percent::LessThan(p) => format!("<{}%", plain_number(p)),
    }
}

/// 5.0 -> "5", 2.08 -> "2.08".
fn plain_number(p: f64) -> String {
    if p.fract() == 0.0 && p.abs() < 1e15 {
        format!("{}", p as i64)
    } else {
        format!("{p}")
    }
}

/// A number as the JSON output writes it (5.0 -> "5.0").
fn json_number(p: f64) -> String {
    serde_json::Value::from(p).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Seat, Signing};

    fn stake(shares: Option<u64>, percent: Option<Percent>) -> Stake {
        Stake {
            shares,
            percent,
            as_of: Some("2003-12-30".into()),
            ..Stake::default()
        }
    }

    #[test]
    fn a_holding_reads_the_same_in_a_label_a_step_and_a_line() {
        let h = Statement::Holds(Box::new(stake(Some(714_400), Some(Percent::Exact(2.08)))));
        assert_eq!(label_lines(&h), ["714,400 (2.08%)", "as of 2003-12-30"]);
        assert_eq!(step_relation(&h), "holds (2.08%)");
        assert_eq!(
            details(&h),
            " (shares 714400, percent 2.08, as_of 2003-12-30)"
        );
        let Statement::Holds(s) = &h else {
            unreachable!()
        };
        assert_eq!(
            holding_figures(s),
            ["714,400 shares", "2.08%", "as of 2003-12-30"]
        );
    }

    #[test]
    fn a_bound_is_never_shown_as_a_figure() {
        let s = stake(None, Some(Percent::LessThan(5.0)));
        assert_eq!(
            label_lines(&Statement::Holds(Box::new(s.clone()))),
            ["<5%", "as of 2003-12-30"]
        );
        assert_eq!(
            step_relation(&Statement::Holds(Box::new(s.clone()))),
            "holds"
        );
        assert_eq!(holding_figures(&s), ["less than 5.0%", "as of 2003-12-30"]);
    }

    #[test]
    fn relations_show_their_role_title_or_capacity() {
        let m = Statement::manages("investment manager");
        assert_eq!(label_lines(&m), ["investment manager"]);
        assert_eq!(step_relation(&m), "manages (investment manager)");
        let sig = Statement::SignsFor(Signing {
            title: Some("Managing Member".into()),
            capacity: Some("General Partner".into()),
            ..Signing::default()
        });
        assert_eq!(label_lines(&sig), ["signs as Managing Member"]);
        assert_eq!(step_relation(&sig), "signs-for (General Partner)");
        assert_eq!(
            details(&sig),
            " (capacity General Partner, title Managing Member)"
        );
        let seat = Statement::BoardMemberOf(Seat {
            title: "Director".into(),
            ..Seat::default()
        });
        assert_eq!(label_lines(&seat), ["Director"]);
        let counsel = Statement::CounselTo {
            firm: "Roe LLP".into(),
        };
        assert_eq!(label_lines(&counsel), ["counsel-to"]);
        assert_eq!(details(&counsel), "");
    }

    #[test]
    fn powers_tell_control_from_an_economic_interest() {
        let mut s = Stake::default();
        assert_eq!(powers(&s), ["beneficial ownership; powers not stated"]);
        s.sole_voting = Some(0);
        assert_eq!(
            powers(&s),
            ["economic interest only: no voting or dispositive power"]
        );
        s.shared_dispositive = Some(10);
        assert_eq!(powers(&s), ["shared dispositive power"]);
    }
}
