//! What a comparison of two names decides, typed: the rule that joins them or the reason that
//! keeps them apart. Resolution decides on these values; their words (`Display`) are written only
//! into the explanation (`Merge.rule`, `NearMiss.reason`) that `relgraph explain` shows.

use std::fmt;

/// The outcome of comparing two names.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Same { rule: Rule, score: f64 },
    Different { reason: Reason, score: f64 },
}

impl Decision {
    pub fn is_same(&self) -> bool {
        matches!(self, Decision::Same { .. })
    }

    pub fn score(&self) -> f64 {
        match self {
            Decision::Same { score, .. } | Decision::Different { score, .. } => *score,
        }
    }
}

/// Why two mentions are one entity.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    SameNormalisedName,
    SpacedDifferently,
    HonorificInFiling,
    LegalFormOnOneSide,
    SurnameMovedToFront,
    SimilarOrganisations {
        score: f64,
    },
    SamePerson,
    SamePersonConformedOrder,
    SurnameAndGivenNamesAgree,
    SameCik,
    SameIrs,
    SimilarWithCusipIssuer {
        score: f64,
    },
    /// The overrides file's `[[same]]`, with its reason.
    Declared(String),
    /// A name the SEC header gives as an alias of a filer (its conformed name).
    ConformedInHeader,
}

/// Two names a pair of words, as a reason shows them ("LLP / LP"); `None` when the reason is
/// below the near-miss floor, where nobody reads the words.
pub type Apart = Option<(String, String)>;

/// Why two mentions stay apart.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    EmptyName,
    PersonAndOrganisation,
    HonorificOutsideFiling,
    SurnamesDiffer(Apart),
    SurnameMisspeltAndMiddleMissing(String, String),
    LegalFormsDiffer(Apart),
    NumbersDiffer(Apart),
    PlaceMarkersDiffer(Apart),
    SuffixesDiffer(String, String),
    GivenNameMissing,
    GivenNamesDiffer(String, String),
    MiddleNamesDiffer(String),
    NoReadingAgrees,
    BelowThreshold,
    UnmatchedWords(usize),
    SimilarityBelow {
        score: f64,
        threshold: f64,
    },
    DifferentCiks(String, String),
    /// One written name used by entities of several CIKs: its mentions without one stay apart.
    NameOfSeveralCiks(String),
    DifferentIrs(String, String),
    /// The overrides file's `[[different]]`, with its reason.
    Declared(String),
}

impl Reason {
    /// Reasons that no score or signal overrides: the names say they are two entities.
    pub fn is_veto(&self) -> bool {
        matches!(
            self,
            Reason::PersonAndOrganisation
                | Reason::HonorificOutsideFiling
                | Reason::SurnamesDiffer(_)
                | Reason::SurnameMisspeltAndMiddleMissing(..)
                | Reason::LegalFormsDiffer(_)
                | Reason::NumbersDiffer(_)
                | Reason::PlaceMarkersDiffer(_)
                | Reason::SuffixesDiffer(..)
                | Reason::GivenNamesDiffer(..)
                | Reason::MiddleNamesDiffer(_)
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::SameNormalisedName => f.write_str("same normalised name"),
            Rule::SpacedDifferently => f.write_str("same letters, spaced differently"),
            Rule::HonorificInFiling => {
                f.write_str("honorific and surname of the one such person in the filing")
            }
            Rule::LegalFormOnOneSide => {
                f.write_str("same name, legal form printed on one side only")
            }
            Rule::SurnameMovedToFront => f.write_str("surname moved to the front (conformed name)"),
            Rule::SimilarOrganisations { score } => write!(
                f,
                "similar names (Jaro-Winkler {score:.3}, every word matched)"
            ),
            Rule::SamePerson => f.write_str("same person"),
            Rule::SamePersonConformedOrder => {
                f.write_str("same person, one name in conformed LAST FIRST order")
            }
            Rule::SurnameAndGivenNamesAgree => {
                f.write_str("same person: surname and given names agree")
            }
            Rule::SameCik => f.write_str("same CIK"),
            Rule::SameIrs => f.write_str("same IRS number"),
            Rule::SimilarWithCusipIssuer { score } => write!(
                f,
                "similar names ({score:.3}) and the same CUSIP issuer number"
            ),
            Rule::Declared(reason) => {
                write!(f, "declared the same in the overrides file: {reason}")
            }
            Rule::ConformedInHeader => f.write_str("conformed name in the SEC header"),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = |f: &mut fmt::Formatter<'_>, kind: &str, apart: &Apart| match apart {
            Some((a, b)) => write!(f, "{kind} ({a} / {b})"),
            None => f.write_str(kind),
        };
        match self {
            Reason::EmptyName => f.write_str("an empty name"),
            Reason::PersonAndOrganisation => f.write_str("a person and an organisation"),
            Reason::HonorificOutsideFiling => {
                f.write_str("an honorific and surname name a person only inside one filing")
            }
            Reason::SurnamesDiffer(a) => words(f, "surnames differ", a),
            Reason::SurnameMisspeltAndMiddleMissing(a, b) => write!(
                f,
                "surnames differ ({a} / {b}) and a middle name is missing"
            ),
            Reason::LegalFormsDiffer(a) => words(f, "legal forms differ", a),
            Reason::NumbersDiffer(a) => words(f, "numbers differ", a),
            Reason::PlaceMarkersDiffer(a) => words(f, "place markers differ", a),
            Reason::SuffixesDiffer(a, b) => write!(f, "suffixes differ ({a} / {b})"),
            Reason::GivenNameMissing => f.write_str("a given name is missing"),
            Reason::GivenNamesDiffer(a, b) => write!(f, "given names differ ({a} / {b})"),
            Reason::MiddleNamesDiffer(m) => write!(f, "middle names differ ({m})"),
            Reason::NoReadingAgrees => f.write_str("no reading of the names agrees"),
            Reason::BelowThreshold => f.write_str("similarity below the threshold"),
            Reason::UnmatchedWords(n) => write!(f, "{n} word(s) without a counterpart"),
            Reason::SimilarityBelow { score, threshold } => {
                write!(f, "similarity {score:.3} below {threshold}")
            }
            Reason::DifferentCiks(a, b) => write!(f, "different CIKs ({a} / {b})"),
            Reason::NameOfSeveralCiks(ciks) => write!(f, "different CIKs ({ciks})"),
            Reason::DifferentIrs(a, b) => write!(f, "different IRS numbers ({a} / {b})"),
            Reason::Declared(reason) => write!(f, "kept apart by the overrides file: {reason}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_below_the_floor_names_its_kind_only() {
        assert_eq!(
            Reason::LegalFormsDiffer(None).to_string(),
            "legal forms differ"
        );
        assert_eq!(
            Reason::LegalFormsDiffer(Some(("LLP".into(), "LP".into()))).to_string(),
            "legal forms differ (LLP / LP)"
        );
    }

    #[test]
    fn vetoes_are_decided_by_kind_not_by_words() {
        assert!(Reason::NumbersDiffer(None).is_veto());
        assert!(Reason::HonorificOutsideFiling.is_veto());
        assert!(!Reason::UnmatchedWords(2).is_veto());
        assert!(!Reason::SimilarityBelow {
            score: 0.9,
            threshold: 0.95
        }
        .is_veto());
    }
}
