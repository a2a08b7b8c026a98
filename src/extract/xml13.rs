//! Schedule 13D and 13G in EDGAR's structured XML (primary_doc.xml): the issuer with its CIK and
//! CUSIPs, each reporting person's cover page with its CIK, and the signatures. The 13D and 13G
//! schemas name the same facts differently (`reportingPersonInfo` / `aggregateAmountOwned` against
//! `coverPageHeaderReportingPersonDetails` / `reportingPersonBeneficiallyOwnedAggregateNumberOfShares`),
//! so elements are found by local name, whatever their namespace.
//!
//! roxmltree refuses a DOCTYPE by default, so no entity is ever expanded or fetched.

use super::parties::Parties;
use super::Cx;
use crate::load::XmlPart;
use crate::model::{EdgeKind, Evidence, Holding, NodeKind, Percent, Relation, Subject, Warning};
use crate::names::norm_key;
use roxmltree::{Document, Node};
use std::collections::BTreeMap;

/// Why a structured filing could not be read.
#[derive(Debug, thiserror::Error)]
pub enum XmlError {
    #[error("no Schedule 13D/13G XML document in this filing")]
    Missing,
    #[error("line {line}: the XML cannot be read: {message}")]
    Malformed { line: usize, message: String },
    #[error("the XML names no issuer (issuerName is empty or missing)")]
    NoIssuer,
}

/// The XML part holding the schedule: the one whose root is an `edgarSubmission` for 13D or 13G.
fn schedule_part(parts: &[XmlPart]) -> Option<&XmlPart> {
    parts.iter().find(|p| {
        let head: String = p.text.chars().take(2000).collect::<String>().to_lowercase();
        head.contains("edgarsubmission") && head.contains("schedule13")
    })
}

pub(super) fn read(cx: &mut Cx) -> Result<(), XmlError> {
    let part = schedule_part(&cx.doc.xml).ok_or(XmlError::Missing)?;
    // EDGAR's <XML> wrapper (when the loader kept it) and the line break after it come before the
    // declaration, which XML forbids there.
    let mut text = part.text.trim_start();
    if text.len() >= 5 && text[..5].eq_ignore_ascii_case("<xml>") {
        text = text[5..].trim_start();
    }
    let text = match text.to_ascii_lowercase().rfind("</xml>") {
        Some(end) if text[end..].trim().len() == 6 => &text[..end],
        _ => text,
    };
    let first_line = part.first_line
        + part.text[..part.text.len() - text.len()]
            .matches('\n')
            .count();
    let xml = Document::parse(text).map_err(|e| XmlError::Malformed {
        line: first_line + e.pos().row as usize - 1,
        message: e.to_string(),
    })?;
    let root = xml.root_element();
    let filing = cx.facts.filing.clone();
    let ev = |n: Node| Evidence {
        filing: filing.clone(),
        line: first_line + xml.text_pos_at(n.range().start).row as usize - 1,
        text: super::quote(&text_of(n)),
    };
    let mut parties = Parties::default();

    let issuer_node = find(root, "issuerName").ok_or(XmlError::NoIssuer)?;
    let issuer = text_of(issuer_node);
    if issuer.is_empty() {
        return Err(XmlError::NoIssuer);
    }
    let issuer_at = parties.upsert(&issuer, NodeKind::Issuer, ev(issuer_node));
    let mut cusips = Vec::new();
    for c in descendants_any(root, &["issuerCusipNumber", "issuerCusip", "issuerCUSIP"]) {
        let cusip = text_of(c);
        if cusip.is_empty() {
            continue;
        }
        if !crate::text::cusip_is_valid(&cusip) {
            cx.facts.warnings.push(Warning {
                line: Some(ev(c).line),
                message: format!("the issuer's CUSIP {cusip} is not a valid CUSIP (length or check digit); kept as filed"),
            });
        }
        cusips.push(cusip);
    }
    {
        let p = parties.get_mut(issuer_at);
        p.ids.cik = find_any(root, &["issuerCIK", "issuerCik"])
            .map(text_of)
            .filter(|c| !c.is_empty());
        p.ids.cusips = cusips.clone();
    }
    let class = find(root, "securitiesClassTitle").map(text_of);
    let event_date = find_any(
        root,
        &["dateOfEvent", "eventDateRequiresFilingThisStatement"],
    )
    .map(text_of)
    .and_then(|d| iso_date(&d));
    let issuer = parties.get(issuer_at).name.clone();

    let persons: Vec<Node> = descendants_any(
        root,
        &[
            "reportingPersonInfo",
            "coverPageHeaderReportingPersonDetails",
        ],
    )
    .collect();
    let mut holdings = Vec::new();
    for person in &persons {
        let Some(name_node) = find(*person, "reportingPersonName") else {
            continue;
        };
        let name = text_of(name_node);
        if name.is_empty() {
            cx.facts.warnings.push(Warning {
                line: Some(ev(*person).line),
                message: "a reporting person has no name; skipped".into(),
            });
            continue;
        }
        let codes: Vec<String> = find(*person, "typeOfReportingPerson")
            .map(text_of)
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        let kind = if codes.iter().any(|c| c == "IN") {
            NodeKind::Individual
        } else {
            NodeKind::Company
        };
        let at = parties.upsert(&name, kind, ev(name_node));
        let p = parties.get_mut(at);
        p.reporting_person = true;
        p.type_codes = codes;
        p.citizenship = find(*person, "citizenshipOrOrganization").map(text_of);
        p.ids.cik = find(*person, "reportingPersonCIK")
            .map(text_of)
            .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()));
        let number = |tag: &str| find(*person, tag).and_then(|n| shares(&text_of(n)));
        let aggregate = find_any(
            *person,
            &[
                "aggregateAmountOwned",
                "reportingPersonBeneficiallyOwnedAggregateNumberOfShares",
            ],
        );
        let percent = find_any(*person, &["percentOfClass", "classPercent"]);
        let mut evidence = vec![ev(name_node)];
        evidence.extend(aggregate.map(ev));
        evidence.extend(percent.map(ev));
        holdings.push(Holding {
            holder: parties.get(at).name.clone(),
            issuer: issuer.clone(),
            shares: aggregate.and_then(|n| shares(&text_of(n))),
            percent: percent
                .and_then(|n| text_of(n).trim_end_matches('%').trim().parse::<f64>().ok())
                .map(Percent::Exact),
            sole_voting: number("soleVotingPower"),
            shared_voting: number("sharedVotingPower"),
            sole_dispositive: number("soleDispositivePower"),
            shared_dispositive: number("sharedDispositivePower"),
            class: class.clone(),
            cusip: cusips.first().cloned(),
            as_of: event_date.clone(),
            group_figure: false,
            evidence,
        });
    }
    if persons.is_empty() {
        cx.warn(None, "the XML has no reporting person");
    }
    let relations = signatures(root, &mut parties, &ev);
    cx.facts.subject = Some(Subject {
        issuer: issuer.clone(),
        cusip: cusips.first().cloned(),
        class,
        event_date,
        evidence: vec![ev(issuer_node)],
    });
    cx.facts.holdings = holdings;
    cx.facts.relations.extend(relations);
    cx.facts.group = if persons.len() > 1 {
        cx.facts.holdings.iter().map(|h| h.holder.clone()).collect()
    } else {
        Vec::new()
    };
    super::kinds::assign(cx, &mut parties);
    cx.facts.parties = parties.into_vec();
    Ok(())
}

/// The signature blocks. Each lists its details in order, as a text signature block does: "ARCH
/// Venture Fund XII, L.P. / ARCH Venture Partners XII, L.P., its General Partner / ARCH Venture
/// Partners XII, LLC, its General Partner / /s/ Mark McDonnell*, as Attorney-in-Fact for Keith
/// Crandell, Managing Director". So each signer signs for the one before it (the first for the
/// reporting person); "its general partner" also states who manages whom; and "X, as
/// Attorney-in-Fact for Y, TITLE" means Y signs with TITLE, through X.
fn signatures(root: Node, parties: &mut Parties, ev: &dyn Fn(Node) -> Evidence) -> Vec<Relation> {
    let mut out = Vec::new();
    for block in descendants_any(root, &["signaturePerson", "signatureInformation"]) {
        let Some(entity) = find_any(block, &["signatureReportingPerson", "reportingPersonName"])
            .map(text_of)
            .filter(|e| !e.is_empty())
        else {
            continue;
        };
        let mut principal = entity;
        for details in descendants(block, "signatureDetails") {
            let Some(sig) = find(details, "signature") else {
                continue;
            };
            let signer = text_of(sig)
                .trim_start_matches("/s/")
                .trim_end_matches('*')
                .trim()
                .to_string();
            if signer.is_empty() || norm_key(&signer) == norm_key(&principal) {
                continue;
            }
            let title = find(details, "title")
                .map(|t| without_name(&text_of(t), &signer))
                .filter(|t| !t.is_empty());
            let date = find(details, "date")
                .map(text_of)
                .and_then(|d| iso_date(&d));
            let person = crate::names::looks_like_person(&signer);
            let kind = if person {
                NodeKind::Individual
            } else {
                NodeKind::Company
            };
            let s = parties.upsert(&signer, kind, ev(sig));
            let p = parties.upsert(&principal, NodeKind::Company, ev(sig));
            let (signer, target) = (parties.get(s).name.clone(), parties.get(p).name.clone());
            let attrs = |title: Option<String>| {
                let mut a = BTreeMap::new();
                a.extend(title.map(|t| ("title".to_string(), t)));
                a.extend(date.clone().map(|d| ("date".to_string(), d)));
                a
            };
            let through = title.as_deref().and_then(|t| attorney_for(t, &signer));
            match through {
                Some((grantor, grantor_title)) => {
                    let g = parties.upsert(&grantor, NodeKind::Individual, ev(sig));
                    let grantor = parties.get(g).name.clone();
                    out.push(relation(
                        EdgeKind::SignsFor,
                        &grantor,
                        &target,
                        attrs(grantor_title),
                        ev(details),
                    ));
                    out.push(relation(
                        EdgeKind::SignsFor,
                        &signer,
                        &grantor,
                        attrs(Some("Attorney-in-Fact".into())),
                        ev(sig),
                    ));
                }
                None => {
                    if let Some(role) = title.as_deref().and_then(|t| role_of(t, person)) {
                        let mut a = BTreeMap::new();
                        a.insert("role".to_string(), role);
                        out.push(relation(
                            EdgeKind::Manages,
                            &signer,
                            &target,
                            a,
                            ev(details),
                        ));
                    }
                    out.push(relation(
                        EdgeKind::SignsFor,
                        &signer,
                        &target,
                        attrs(title),
                        ev(sig),
                    ));
                }
            }
            if person {
                break;
            }
            principal = signer;
        }
    }
    out
}

fn relation(
    kind: EdgeKind,
    source: &str,
    target: &str,
    attributes: BTreeMap<String, String>,
    evidence: Evidence,
) -> Relation {
    Relation {
        kind,
        source: source.to_string(),
        target: target.to_string(),
        attributes,
        evidence,
    }
}

/// "Jessica Lomm, Secretary" / "Brian Lee / Authorized Signatory" signed by that person ->
/// "Secretary": the title without the signer's name repeated before it.
fn without_name(title: &str, signer: &str) -> String {
    let t = title.trim();
    if t.len() > signer.len()
        && t.is_char_boundary(signer.len())
        && norm_key(&t[..signer.len()]) == norm_key(signer)
    {
        let rest = t[signer.len()..].trim_start_matches([',', '/', '-', ' ']);
        if !rest.is_empty() {
            return rest.to_string();
        }
    }
    t.to_string()
}

/// "its General Partner" -> "general partner": the capacity in which an organisation signs for
/// the one before it in a chain ("General Partner" alone too, when the signer is an organisation;
/// a person's title is an office, not a management relation).
fn role_of(title: &str, person: bool) -> Option<String> {
    let t = title.trim().to_lowercase();
    let role = match t.strip_prefix("its ") {
        Some(r) => r.trim(),
        None if !person => t.as_str(),
        None => return None,
    };
    const ROLES: [&str; 6] = [
        "general partner",
        "investment manager",
        "managing member",
        "manager",
        "sole member",
        "investment adviser",
    ];
    ROLES.contains(&role).then(|| role.to_string())
}

/// "Mark McDonnell, as Attorney-in-Fact for Keith Crandell, Managing Director" (signed by Mark
/// McDonnell) -> ("Keith Crandell", Some("Managing Director")).
fn attorney_for(title: &str, signer: &str) -> Option<(String, Option<String>)> {
    let lower = title.to_lowercase();
    let at = lower.find("attorney-in-fact for ")?;
    let rest = title[at + "attorney-in-fact for ".len()..].trim();
    let before = title[..at].trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    let before = before
        .strip_suffix(" as")
        .unwrap_or(before)
        .trim_end_matches(',')
        .trim();
    if !before.is_empty() && norm_key(before) != norm_key(signer) {
        return None;
    }
    let (grantor, grantor_title) = match rest.split_once(',') {
        Some((g, t)) => (
            g.trim(),
            Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        ),
        None => (rest, None),
    };
    (!grantor.is_empty()).then(|| (grantor.to_string(), grantor_title))
}

fn find<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.descendants()
        .find(|d| d.is_element() && d.tag_name().name() == name)
}

fn descendants<'a, 'i: 'a>(
    n: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.descendants()
        .filter(move |d| d.is_element() && d.tag_name().name() == name)
}

/// The first element with the first of `names` that occurs: the schemas' spellings of one fact,
/// in order of preference.
fn find_any<'a, 'i>(n: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    names.iter().find_map(|name| find(n, name))
}

/// Every element with any of `names`, in document order.
fn descendants_any<'a, 'i: 'a>(
    n: Node<'a, 'i>,
    names: &'a [&'a str],
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.descendants()
        .filter(move |d| d.is_element() && names.contains(&d.tag_name().name()))
}

/// The element's text, whitespace squashed.
fn text_of(n: Node) -> String {
    let s: String = n
        .descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect();
    crate::text::squash(&s)
}

/// "6294951", "10000000.00", "1,234" -> shares; a fraction of a share is dropped.
fn shares(s: &str) -> Option<u64> {
    let s = s.replace(',', "");
    let whole = s.trim().split('.').next()?;
    whole.parse().ok()
}

/// "05/04/2026" (EDGAR XML's MM/DD/YYYY) or "2026-05-04" -> "2026-05-04".
fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let [m, d, y] = s.split('/').collect::<Vec<_>>()[..] {
        let (m, d, y): (u32, u32, u32) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
        return ((1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"));
    }
    (s.len() == 10 && s.as_bytes()[4] == b'-').then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_titles() {
        assert_eq!(
            role_of("its General Partner", false).as_deref(),
            Some("general partner")
        );
        assert_eq!(
            role_of("Sole Member", false).as_deref(),
            Some("sole member")
        );
        assert_eq!(role_of("Manager", true), None);
        assert_eq!(role_of("COO", false), None);
        assert_eq!(
            without_name("Jessica Lomm, Secretary", "Jessica Lomm"),
            "Secretary"
        );
        assert_eq!(
            without_name("Brian Lee / Authorized Signatory", "Brian Lee"),
            "Authorized Signatory"
        );
        assert_eq!(
            without_name("Managing Director", "Keith Crandell"),
            "Managing Director"
        );
        assert_eq!(
            attorney_for(
                "Mark McDonnell, as Attorney-in-Fact for Keith Crandell, Managing Director",
                "Mark McDonnell"
            ),
            Some(("Keith Crandell".into(), Some("Managing Director".into())))
        );
        assert_eq!(
            attorney_for("Attorney-in-Fact for Jane Roe", "John Doe"),
            Some(("Jane Roe".into(), None))
        );
        assert_eq!(
            attorney_for("Someone Else, as Attorney-in-Fact for Jane Roe", "John Doe"),
            None
        );
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(shares("10000000.00"), Some(10_000_000));
        assert_eq!(shares("1,234"), Some(1234));
        assert_eq!(shares("n/a"), None);
        assert_eq!(iso_date("05/04/2026").as_deref(), Some("2026-05-04"));
        assert_eq!(iso_date("2024-12-31").as_deref(), Some("2024-12-31"));
        assert_eq!(iso_date("13/40/2020"), None);
    }
}
