//! What an edge states: one variant per edge kind, with the terms the filing gives for it.
//!
//! Statements are typed from extraction to the store. They are written as an `attributes` object
//! only where they leave the process (the store's rows, the exports), by [`Statement::attributes`],
//! and read back by [`Statement::from_attributes`]; the keys are listed once, here
//! (docs/json.md describes them for users).

use super::{EdgeKind, Evidence, Percent, Relation, Stake};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What one edge says, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// holder -> issuer, with the figures as stated
    Holds(Box<Stake>),
    /// manager -> managed: "investment manager", "general partner", "managing member", ...
    Manages { role: String },
    /// signatory -> the one signed for
    SignsFor(Signing),
    /// person -> company
    BoardMemberOf(Seat),
    /// person -> company
    OfficerOf { title: String },
    /// lawyer -> the company they are counsel to, with their firm
    CounselTo { firm: String },
}

/// What a signature states of the signer: their title, the capacity they sign in (an entity's
/// role in a chain, "attorney-in-fact"), the date, and the note under a structured filing's
/// signatures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signing {
    pub title: Option<String>,
    pub capacity: Option<String>,
    pub date: Option<String>,
    pub comment: Option<String>,
}

/// A seat on a board: the title, and a proxy's "Director Since" year and nominee mark.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seat {
    pub title: String,
    pub since: Option<String>,
    pub nominee: bool,
}

/// A stored statement that cannot be read back (a store written by another program).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} statement: {reason}")]
pub struct StatementError {
    kind: &'static str,
    reason: String,
}

impl Statement {
    pub fn kind(&self) -> EdgeKind {
        match self {
            Statement::Holds(_) => EdgeKind::Holds,
            Statement::Manages { .. } => EdgeKind::Manages,
            Statement::SignsFor(_) => EdgeKind::SignsFor,
            Statement::BoardMemberOf(_) => EdgeKind::BoardMemberOf,
            Statement::OfficerOf { .. } => EdgeKind::OfficerOf,
            Statement::CounselTo { .. } => EdgeKind::CounselTo,
        }
    }

    /// A plain board seat with this title.
    pub fn board(title: impl Into<String>) -> Statement {
        Statement::BoardMemberOf(Seat {
            title: title.into(),
            ..Seat::default()
        })
    }

    pub fn officer(title: impl Into<String>) -> Statement {
        Statement::OfficerOf {
            title: title.into(),
        }
    }

    pub fn manages(role: impl Into<String>) -> Statement {
        Statement::Manages { role: role.into() }
    }

    /// The holding's terms, for a `holds` statement.
    pub fn stake(&self) -> Option<&Stake> {
        match self {
            Statement::Holds(s) => Some(s),
            _ => None,
        }
    }

    /// The role, capacity or title the statement gives its source, in that order of preference:
    /// what a chain of control shows on a step.
    pub fn role(&self) -> Option<&str> {
        match self {
            Statement::Manages { role } => Some(role),
            Statement::SignsFor(s) => s.capacity.as_deref().or(s.title.as_deref()),
            Statement::BoardMemberOf(s) => Some(&s.title),
            Statement::OfficerOf { title } => Some(title),
            Statement::Holds(_) | Statement::CounselTo { .. } => None,
        }
    }

    /// The statement as the `attributes` object of the exports and the store. A bound ("less
    /// than 5%") is written as a bound, never as a figure; relations' values are text.
    pub fn attributes(&self) -> Map<String, Value> {
        let mut m = Map::new();
        let mut text = |k: &str, v: Option<&String>| {
            if let Some(v) = v {
                m.insert(k.to_string(), Value::String(v.clone()));
            }
        };
        match self {
            Statement::Holds(stake) => return stake.attributes(),
            Statement::Manages { role } => text("role", Some(role)),
            Statement::SignsFor(s) => {
                text("title", s.title.as_ref());
                text("capacity", s.capacity.as_ref());
                text("date", s.date.as_ref());
                text("comment", s.comment.as_ref());
            }
            Statement::BoardMemberOf(s) => {
                text("title", Some(&s.title));
                text("since", s.since.as_ref());
                text("nominee", s.nominee.then(|| "true".to_string()).as_ref());
            }
            Statement::OfficerOf { title } => text("title", Some(title)),
            Statement::CounselTo { firm } => text("firm", Some(firm)),
        }
        m
    }

    /// The attributes as compact JSON: the edge's key in the store and the graph's order.
    pub fn attributes_json(&self) -> String {
        serde_json::to_string(&self.attributes()).unwrap_or_default()
    }

    /// Reads back what [`Statement::attributes`] wrote for an edge of `kind`.
    pub fn from_attributes(
        kind: EdgeKind,
        mut a: Map<String, Value>,
    ) -> Result<Statement, StatementError> {
        let error = |reason: String| StatementError {
            kind: kind.as_str(),
            reason,
        };
        let mut text = |k: &str| -> Result<Option<String>, StatementError> {
            match a.remove(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(other) => Err(error(format!("{k} is not text: {other}"))),
            }
        };
        Ok(match kind {
            EdgeKind::Holds => Statement::Holds(Box::new(stake_from(a).map_err(error)?)),
            EdgeKind::Manages => Statement::Manages {
                role: text("role")?.unwrap_or_default(),
            },
            EdgeKind::SignsFor => Statement::SignsFor(Signing {
                title: text("title")?,
                capacity: text("capacity")?,
                date: text("date")?,
                comment: text("comment")?,
            }),
            EdgeKind::BoardMemberOf => Statement::BoardMemberOf(Seat {
                title: text("title")?.unwrap_or_default(),
                since: text("since")?,
                nominee: text("nominee")?.is_some_and(|n| n == "true"),
            }),
            EdgeKind::OfficerOf => Statement::OfficerOf {
                title: text("title")?.unwrap_or_default(),
            },
            EdgeKind::CounselTo => Statement::CounselTo {
                firm: text("firm")?.unwrap_or_default(),
            },
        })
    }
}

impl Stake {
    /// A holding's attributes. Lists are written only when they have something in them, and the
    /// Form 3/4/5 flag only when set, as the JSON contract has it.
    pub fn attributes(&self) -> Map<String, Value> {
        stake_attributes(self)
    }
}

fn stake_attributes(h: &Stake) -> Map<String, Value> {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.to_string(), v);
        }
    };
    put("shares", h.shares.map(Value::from));
    match h.percent {
        Some(Percent::Exact(p)) => put("percent", Some(Value::from(p))),
        Some(Percent::LessThan(p)) => put("percent_upper_bound", Some(Value::from(p))),
        None => {}
    }
    put("sole_voting", h.sole_voting.map(Value::from));
    put("shared_voting", h.shared_voting.map(Value::from));
    put("sole_dispositive", h.sole_dispositive.map(Value::from));
    put("shared_dispositive", h.shared_dispositive.map(Value::from));
    put("class", h.class.clone().map(Value::from));
    put("cusip", h.cusip.clone().map(Value::from));
    put("as_of", h.as_of.clone().map(Value::from));
    put("group_figure", Some(Value::from(h.group_figure)));
    put("member_of_group", h.member_of_group.map(Value::from));
    put(
        "source_of_funds",
        h.source_of_funds.clone().map(Value::from),
    );
    put("comment", h.comment.clone().map(Value::from));
    put("indirect", h.indirect.then(|| Value::from(true)));
    put(
        "ten_percent_owner",
        h.ten_percent_owner.then(|| Value::from(true)),
    );
    put(
        "relationship_other",
        h.relationship_other.clone().map(Value::from),
    );
    let list = |v: Option<Value>| v.filter(|v| v.as_array().is_some_and(|a| !a.is_empty()));
    put("positions", list(serde_json::to_value(&h.positions).ok()));
    put("transactions", list(serde_json::to_value(&h.trades).ok()));
    m
}

/// Reads a holding's attributes back: the percent from `percent` or `percent_upper_bound`, the
/// trades from `transactions`, every other field from its own key.
fn stake_from(mut a: Map<String, Value>) -> Result<Stake, String> {
    let percent = match (a.remove("percent"), a.remove("percent_upper_bound")) {
        (Some(p), _) => Some(Percent::Exact(number(&p, "percent")?)),
        (None, Some(b)) => Some(Percent::LessThan(number(&b, "percent_upper_bound")?)),
        (None, None) => None,
    };
    if let Some(t) = a.remove("transactions") {
        a.insert("trades".into(), t);
    }
    let mut stake: Stake = serde_json::from_value(Value::Object(a)).map_err(|e| e.to_string())?;
    stake.percent = percent;
    Ok(stake)
}

fn number(v: &Value, key: &str) -> Result<f64, String> {
    v.as_f64()
        .ok_or_else(|| format!("{key} is not a number: {v}"))
}

/// A relation is stored with its filing's facts as `kind`, `source`, `target`, `attributes`,
/// `evidence`.
impl Serialize for Relation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Relation", 5)?;
        st.serialize_field("kind", &self.kind())?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("target", &self.target)?;
        st.serialize_field("attributes", &self.statement.attributes())?;
        st.serialize_field("evidence", &self.evidence)?;
        st.end()
    }
}

#[derive(Deserialize)]
pub(super) struct RelationWire {
    kind: EdgeKind,
    source: String,
    target: String,
    attributes: Map<String, Value>,
    evidence: Evidence,
}

impl TryFrom<RelationWire> for Relation {
    type Error = StatementError;
    fn try_from(w: RelationWire) -> Result<Relation, StatementError> {
        Ok(Relation {
            statement: Statement::from_attributes(w.kind, w.attributes)?,
            source: w.source,
            target: w.target,
            evidence: w.evidence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Position, Trade};

    fn round_trip(s: &Statement) -> Statement {
        let json = s.attributes_json();
        let back: Map<String, Value> = serde_json::from_str(&json).expect("attributes as JSON");
        Statement::from_attributes(s.kind(), back).expect("read back")
    }

    #[test]
    fn every_kind_of_statement_reads_back_as_it_was_written() {
        let stake = Stake {
            shares: Some(714_400),
            percent: Some(Percent::LessThan(5.0)),
            sole_voting: Some(0),
            class: Some("Common Stock".into()),
            as_of: Some("2003-12-30".into()),
            group_figure: true,
            member_of_group: Some(false),
            ten_percent_owner: true,
            positions: vec![Position {
                security: "Common Stock".into(),
                derivative: false,
                shares: Some(1.5),
                ownership: Some("direct".into()),
                nature: None,
                footnotes: vec!["F1".into()],
                line: 9,
            }],
            trades: vec![Trade {
                security: "Common Stock".into(),
                derivative: false,
                date: Some("2024-01-02".into()),
                code: Some("S".into()),
                shares: Some(10.0),
                price: Some(2.25),
                direction: Some("disposed".into()),
                footnotes: Vec::new(),
                line: 10,
            }],
            ..Stake::default()
        };
        let all = [
            Statement::Holds(Box::new(stake)),
            Statement::manages("investment manager"),
            Statement::SignsFor(Signing {
                title: Some("Managing Member".into()),
                capacity: Some("General Partner".into()),
                date: Some("2024-02-14".into()),
                comment: Some("see Exhibit 99".into()),
            }),
            Statement::BoardMemberOf(Seat {
                title: "Director".into(),
                since: Some("2018".into()),
                nominee: true,
            }),
            Statement::officer("Chief Executive Officer"),
            Statement::CounselTo {
                firm: "Roe & Poe LLP".into(),
            },
        ];
        for s in &all {
            assert_eq!(&round_trip(s), s);
        }
    }

    #[test]
    fn the_attributes_are_the_json_contract() {
        let s = Statement::Holds(Box::new(Stake {
            shares: Some(10),
            percent: Some(Percent::Exact(2.08)),
            ..Stake::default()
        }));
        assert_eq!(
            s.attributes_json(),
            r#"{"group_figure":false,"percent":2.08,"shares":10}"#
        );
        let seat = Statement::BoardMemberOf(Seat {
            title: "Director".into(),
            since: Some("2018".into()),
            nominee: true,
        });
        assert_eq!(
            seat.attributes_json(),
            r#"{"nominee":"true","since":"2018","title":"Director"}"#
        );
    }

    #[test]
    fn a_stored_statement_of_the_wrong_shape_is_an_error() {
        let a: Map<String, Value> = serde_json::from_str(r#"{"role": 5}"#).expect("json");
        let e = Statement::from_attributes(EdgeKind::Manages, a).expect_err("a number role");
        assert!(e.to_string().contains("role is not text"), "{e}");
    }
}
