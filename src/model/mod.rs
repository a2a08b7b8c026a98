//! The plain data that flows between stages: per-filing facts, and the evidence behind each one.

use serde::{Deserialize, Serialize};

mod statement;
pub use statement::{Seat, Signing, Statement, StatementError};

/// Where a fact came from: the filing (accession number when known, else its path), the 1-based
/// line in the source file, and the quoted text of that line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub filing: String,
    pub line: usize,
    pub text: String,
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    Fund,
    Manager,
    Individual,
    Issuer,
    Company,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Fund => "fund",
            NodeKind::Manager => "manager",
            NodeKind::Individual => "individual",
            NodeKind::Issuer => "issuer",
            NodeKind::Company => "company",
        }
    }

    pub const ALL: [NodeKind; 5] = [
        NodeKind::Fund,
        NodeKind::Manager,
        NodeKind::Individual,
        NodeKind::Issuer,
        NodeKind::Company,
    ];
}

/// What an edge states, source -> target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// holder -> issuer
    Holds,
    /// manager -> managed entity
    Manages,
    /// signatory -> entity or person signed for
    SignsFor,
    /// person -> company
    BoardMemberOf,
    /// person -> company
    OfficerOf,
    /// lawyer -> the company they are counsel to ("Copies to:" on a registration statement)
    CounselTo,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Holds => "holds",
            EdgeKind::Manages => "manages",
            EdgeKind::SignsFor => "signs-for",
            EdgeKind::BoardMemberOf => "board-member-of",
            EdgeKind::OfficerOf => "officer-of",
            EdgeKind::CounselTo => "counsel-to",
        }
    }

    pub const ALL: [EdgeKind; 6] = [
        EdgeKind::Holds,
        EdgeKind::Manages,
        EdgeKind::SignsFor,
        EdgeKind::BoardMemberOf,
        EdgeKind::OfficerOf,
        EdgeKind::CounselTo,
    ];
}

/// A percent of class as printed: an exact figure, or only a bound ("less than 5%").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "kebab-case")]
pub enum Percent {
    Exact(f64),
    LessThan(f64),
}

/// The identifiers a filing gives for a party.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifiers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cik: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub irs: Option<String>,
    /// Trading symbol (Forms 3/4/5 give the issuer's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticker: Option<String>,
    /// CUSIPs of the securities a filing says this issuer issued (an issuer has several over time).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cusips: Vec<String>,
}

/// A person or organisation named in a filing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    /// The kind this filing suggests; resolution settles the final kind across filings.
    pub kind: NodeKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub ids: Identifiers,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Cover-page "type of reporting person" codes (IN, CO, PN, IA, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_codes: Vec<String>,
    #[serde(default)]
    pub reporting_person: bool,
    pub evidence: Vec<Evidence>,
}

/// The security a 13D/13G is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    pub issuer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cusip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// ISO date of the event that required the filing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
    pub evidence: Vec<Evidence>,
}

/// One reporting person's position, as its cover page (or Item 4, or a Form 3/4/5) states it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Holding {
    pub holder: String,
    pub issuer: String,
    /// What the holding is: figures, powers, dates. The same terms are the `holds` edge's.
    #[serde(flatten)]
    pub stake: Stake,
    pub evidence: Vec<Evidence>,
}

/// The terms of a holding: what a `holds` statement says beyond who holds what.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stake {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shares: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<Percent>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sole_voting: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_voting: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sole_dispositive: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_dispositive: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cusip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The figure is stated for the group as a whole, not for this person alone.
    pub group_figure: bool,
    /// Cover row 2: box (a) checked, a member of a group (true); box (b), not (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_of_group: Option<bool>,
    /// Cover row 4 of a 13D: the source of funds code (WC, AF, PF, OO, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_of_funds: Option<String>,
    /// A comment the filer attached to this person's cover page (13D/G XML `comments`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Held through other entities rather than directly ("an indirect wholly owned subsidiary
    /// of"): a shortcut over a chain the filing does not spell out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub indirect: bool,
    /// Form 3/4/5: the owner is flagged as a 10% owner of the issuer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ten_percent_owner: bool,
    /// Form 3/4/5: the "Other (specify below)" relationship, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_other: Option<String>,
    /// Form 3/4/5: each line of the tables after the filing's transactions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Position>,
    /// Form 4/5: the transactions reported, kept as the holding's history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trades: Vec<Trade>,
}

impl Stake {
    /// Whether the holding states any voting or dispositive power (zero included).
    pub fn powers_stated(&self) -> bool {
        [
            self.sole_voting,
            self.shared_voting,
            self.sole_dispositive,
            self.shared_dispositive,
        ]
        .iter()
        .any(Option::is_some)
    }
}

/// One line of a Form 3/4/5 table: a security held after the reported transactions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub security: String,
    /// Option, warrant, convertible: Table II rather than Table I.
    pub derivative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shares: Option<f64>,
    /// "direct" or "indirect".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ownership: Option<String>,
    /// How an indirect holding is held: "By Trust", "By spouse", "See footnote".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nature: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
    pub line: usize,
}

/// One transaction of a Form 4/5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trade {
    pub security: String,
    pub derivative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The SEC transaction code: P purchase, S sale, A grant, M exercise, G gift, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shares: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    /// "acquired" or "disposed".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
    pub line: usize,
}

/// A stated relation between two named parties (manages, signs-for, board-member-of, ...):
/// who, to whom, and what the filing says of it. Stored with the facts as `kind`, `source`,
/// `target`, `attributes` (see `statement.rs`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "statement::RelationWire")]
pub struct Relation {
    pub source: String,
    pub target: String,
    pub statement: Statement,
    pub evidence: Evidence,
}

impl Relation {
    pub fn kind(&self) -> EdgeKind {
        self.statement.kind()
    }
}

/// One purchase or sale listed in a filing (Item 5(c) tables).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    pub date: String,
    pub shares: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<String>,
    pub line: usize,
}

/// A finding about the filing itself that a reader should see: conflicts, things that do not add up.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based source line, when one line is to blame.
    pub line: Option<usize>,
    pub message: String,
}

/// Everything extracted from one filing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    /// Accession number when known, else the path.
    pub filing: String,
    pub path: String,
    pub form: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amendment: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
    pub parties: Vec<Party>,
    pub holdings: Vec<Holding>,
    pub relations: Vec<Relation>,
    /// Names of the persons that filed jointly as a group.
    pub group: Vec<String>,
    pub transactions: Vec<Transaction>,
    /// The listed transactions checked against the aggregate the text states.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_check: Option<TransactionCheck>,
    pub warnings: Vec<Warning>,
}

impl Facts {
    /// The facts of a filing before anything is extracted from it.
    pub fn new(
        filing: impl Into<String>,
        path: impl Into<String>,
        form: impl Into<String>,
    ) -> Facts {
        Facts {
            filing: filing.into(),
            path: path.into(),
            form: form.into(),
            amendment: None,
            filed: None,
            subject: None,
            parties: Vec::new(),
            holdings: Vec::new(),
            relations: Vec::new(),
            group: Vec::new(),
            transactions: Vec::new(),
            transaction_check: None,
            warnings: Vec::new(),
        }
    }
}

/// The sum of the listed transactions against the aggregate the filing states for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionCheck {
    pub count: usize,
    pub sum: u64,
    pub stated: u64,
    /// Source line of the statement.
    pub line: usize,
}

impl TransactionCheck {
    pub fn adds_up(&self) -> bool {
        self.sum == self.stated
    }
}
