//! The user's overrides file: pairs of names declared the same entity or different entities.
//!
//! ```toml
//! # relgraph.overrides.toml
//! [[same]]
//! names = ["Polygon Investment Partners LLP", "Polygon Investment Partners (UK) LLP"]
//! reason = "renamed in 2008"
//!
//! [[different]]
//! names = ["John A. Smith", "John Smith"]
//! reason = "two people"
//! ```
//!
//! Names are matched by their normalised key, so case and punctuation do not matter.

use crate::names::norm_key;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Overrides {
    #[serde(default)]
    pub same: Vec<Rule>,
    #[serde(default)]
    pub different: Vec<Rule>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Rule {
    pub names: Vec<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum OverridesError {
    #[error("cannot read overrides file {path}: {detail}")]
    Read { path: String, detail: String },
    #[error("overrides file {path}: {detail}")]
    Parse { path: String, detail: String },
    #[error("overrides file {path}: a rule needs at least two names: {names:?}")]
    TooFew { path: String, names: Vec<String> },
}

impl Overrides {
    pub fn load(path: &Path) -> Result<Overrides, OverridesError> {
        let p = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| OverridesError::Read {
            path: p.clone(),
            detail: e.to_string(),
        })?;
        Overrides::parse(&p, &text)
    }

    pub fn parse(path: &str, text: &str) -> Result<Overrides, OverridesError> {
        let o: Overrides = toml::from_str(text).map_err(|e| OverridesError::Parse {
            path: path.to_string(),
            detail: e.to_string().trim().replace('\n', " "),
        })?;
        for rule in o.same.iter().chain(&o.different) {
            if rule.names.len() < 2 {
                return Err(OverridesError::TooFew {
                    path: path.to_string(),
                    names: rule.names.clone(),
                });
            }
        }
        Ok(o)
    }

    /// Pairs of normalised keys declared the same, with the reason to show.
    pub fn same_pairs(&self) -> Vec<(String, String, String)> {
        pairs(&self.same)
    }

    /// Pairs of normalised keys declared different, with the reason to show.
    pub fn different_pairs(&self) -> Vec<(String, String, String)> {
        pairs(&self.different)
    }
}

fn pairs(rules: &[Rule]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for r in rules {
        let reason = r
            .reason
            .clone()
            .unwrap_or_else(|| "declared in the overrides file".to_string());
        for i in 0..r.names.len() {
            for j in i + 1..r.names.len() {
                out.push((norm_key(&r.names[i]), norm_key(&r.names[j]), reason.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_rules() {
        let o = Overrides::parse("o.toml", "[[same]]\nnames = [\"A Corp\", \"A Corporation\"]\n\n[[different]]\nnames = [\"John Smith\", \"John A. Smith\"]\nreason = \"two people\"\n").unwrap();
        assert_eq!(
            o.same_pairs(),
            vec![(
                "A CORP".into(),
                "A CORP".into(),
                "declared in the overrides file".into()
            )]
        );
        assert_eq!(o.different_pairs()[0].2, "two people");
        assert!(Overrides::parse("o.toml", "[[same]]\nnames = [\"A\"]\n").is_err());
        assert!(Overrides::parse("o.toml", "[[same]\n").is_err());
    }
}
