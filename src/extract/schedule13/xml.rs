//! Schedule 13D and 13G in EDGAR's structured XML (primary_doc.xml): the issuer with its CIK and
//! CUSIPs, each reporting person's cover page with its CIK, and the signatures. The 13D and 13G
//! schemas name the same facts differently (`reportingPersonInfo` / `aggregateAmountOwned` against
//! `coverPageHeaderReportingPersonDetails` / `reportingPersonBeneficiallyOwnedAggregateNumberOfShares`),
//! so elements are found by local name, whatever their namespace.
//!
//! roxmltree refuses a DOCTYPE by default, so no entity is ever expanded or fetched.

use crate::extract::toolkit::parties::Parties;
use crate::extract::toolkit::xml::LineIndex;
use crate::extract::toolkit::xml::XmlError;
use crate::extract::toolkit::xml::{
    descendants, descendants_any, find, find_any, iso_date, parse, part_with, shares, text_of,
};
use crate::extract::toolkit::Cx;
use crate::extract::ExtractError;
use crate::load::Line;
use crate::model::{
    Evidence, Holding, NodeKind, Percent, Relation, Signing, Stake, Statement, Subject, Warning,
};
use crate::names::norm_key;
use roxmltree::Node;

/// Reads a structured Schedule 13D/13G: the issuer, each reporting person's cover page, the
/// signatures, and the prose of the items and comments.
pub(crate) fn read_schedule13_xml(cx: &mut Cx) -> Result<(), ExtractError> {
    let part = part_with(&cx.doc.xml, "edgarsubmission", "schedule13")
        .ok_or(XmlError::Missing("Schedule 13D/13G"))?;
    let (xml, first_line) = parse(part)?;
    let lines = LineIndex::new(&xml, first_line);
    let root = xml.root_element();
    let filing = cx.facts.filing.clone();
    let ev = |n: Node| Evidence {
        filing: filing.clone(),
        line: lines.of(n),
        text: crate::extract::toolkit::quote(&text_of(n)),
    };
    let mut parties = Parties::default();
    let subject = read_subject(cx, root, &mut parties, &ev)?;
    let persons: Vec<Node> = descendants_any(
        root,
        &[
            "reportingPersonInfo",
            "coverPageHeaderReportingPersonDetails",
        ],
    )
    .collect();
    if persons.is_empty() {
        cx.warn(None, "the XML has no reporting person");
    }
    cx.facts.holdings = persons
        .iter()
        .filter_map(|p| cover_page(cx, *p, &subject, &mut parties, &ev))
        .collect();
    cx.facts.relations.extend(signed(root, &mut parties, &ev));
    cx.facts.group = if persons.len() > 1 {
        cx.facts.holdings.iter().map(|h| h.holder.clone()).collect()
    } else {
        Vec::new()
    };
    cx.facts.subject = Some(subject);
    let prose = prose_lines(&lines, root);
    read_prose(cx, &prose, &mut parties);
    crate::extract::toolkit::kinds::assign_kinds(cx, &mut parties);
    cx.facts.parties = parties.into_vec();
    Ok(())
}

/// The issuer (a party, with its CIK and every CUSIP, each checked) and what the filing is about.
fn read_subject(
    cx: &mut Cx,
    root: Node,
    parties: &mut Parties,
    ev: &dyn Fn(Node) -> Evidence,
) -> Result<Subject, ExtractError> {
    let issuer_node = find(root, "issuerName").ok_or(XmlError::NoIssuer)?;
    let issuer = text_of(issuer_node);
    if issuer.is_empty() {
        return Err(XmlError::NoIssuer.into());
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
    let p = parties.get_mut(issuer_at);
    p.ids.cik = find_any(root, &["issuerCIK", "issuerCik"])
        .map(text_of)
        .filter(|c| !c.is_empty());
    p.ids.cusips = cusips.clone();
    Ok(Subject {
        issuer: p.name.clone(),
        cusip: cusips.first().cloned(),
        class: find(root, "securitiesClassTitle").map(text_of),
        event_date: find_any(
            root,
            &["dateOfEvent", "eventDateRequiresFilingThisStatement"],
        )
        .map(text_of)
        .and_then(|d| iso_date(&d)),
        evidence: vec![ev(issuer_node)],
    })
}

/// One reporting person's cover page: the person as a party and their holding, or nothing (with
/// a warning) when the page names nobody.
fn cover_page(
    cx: &mut Cx,
    person: Node,
    subject: &Subject,
    parties: &mut Parties,
    ev: &dyn Fn(Node) -> Evidence,
) -> Option<Holding> {
    let name_node = find(person, "reportingPersonName")?;
    let name = text_of(name_node);
    if name.is_empty() {
        cx.facts.warnings.push(Warning {
            line: Some(ev(person).line),
            message: "a reporting person has no name; skipped".into(),
        });
        return None;
    }
    let codes: Vec<String> = find(person, "typeOfReportingPerson")
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
    p.citizenship = find(person, "citizenshipOrOrganization").map(text_of);
    p.ids.cik = find(person, "reportingPersonCIK")
        .map(text_of)
        .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()));
    let aggregate = find_any(
        person,
        &[
            "aggregateAmountOwned",
            "reportingPersonBeneficiallyOwnedAggregateNumberOfShares",
        ],
    );
    let percent = find_any(person, &["percentOfClass", "classPercent"]);
    let mut evidence = vec![ev(name_node)];
    evidence.extend(aggregate.map(ev));
    evidence.extend(percent.map(ev));
    Some(Holding {
        holder: parties.get(at).name.clone(),
        issuer: subject.issuer.clone(),
        stake: stake(person, aggregate, percent, subject),
        evidence,
    })
}

/// The figures of a cover page.
fn stake(person: Node, aggregate: Option<Node>, percent: Option<Node>, subject: &Subject) -> Stake {
    let number = |tag: &str| find(person, tag).and_then(|n| shares(&text_of(n)));
    Stake {
        shares: aggregate.and_then(|n| shares(&text_of(n))),
        percent: percent
            .and_then(|n| text_of(n).trim_end_matches('%').trim().parse::<f64>().ok())
            .map(Percent::Exact),
        sole_voting: number("soleVotingPower"),
        shared_voting: number("sharedVotingPower"),
        sole_dispositive: number("soleDispositivePower"),
        shared_dispositive: number("sharedDispositivePower"),
        class: subject.class.clone(),
        cusip: subject.cusip.clone(),
        as_of: subject.event_date.clone(),
        group_figure: false,
        member_of_group: find_any(person, &["memberGroup", "memberOfGroup"])
            .map(text_of)
            .and_then(|g| match g.trim().to_ascii_lowercase().as_str() {
                "a" => Some(true),
                "b" => Some(false),
                _ => None,
            }),
        source_of_funds: find(person, "fundType")
            .map(text_of)
            .filter(|f| !f.is_empty()),
        comment: find_any(person, &["comments", "commentContent"])
            .map(text_of)
            .filter(|c| !c.is_empty()),
        ..Stake::default()
    }
}

/// The signatures, each with the note under them: "executed by Mark McDonnell pursuant to a
/// Power of Attorney filed as Exhibit 24.2 ..." is about every signature.
fn signed(root: Node, parties: &mut Parties, ev: &dyn Fn(Node) -> Evidence) -> Vec<Relation> {
    let mut relations = signatures(root, parties, ev);
    let note = find(root, "signatureInfo")
        .and_then(|s| {
            s.children()
                .find(|c| COMMENTS.contains(&c.tag_name().name()))
        })
        .map(text_of)
        .filter(|c| !c.is_empty());
    if let Some(note) = note {
        for r in relations.iter_mut() {
            if let Statement::SignsFor(s) = &mut r.statement {
                s.comment = Some(note.clone());
            }
        }
    }
    relations
}

/// Comments on cover pages and signatures, read as prose.
const COMMENTS: [&str; 3] = ["commentText", "comments", "commentContent"];

/// The items whose prose says who the persons are and how they are tied: Item 2 (identity and
/// background), Items 5 and 6 (interest, arrangements), and a 13G's Items 7 and 8 (subsidiary,
/// group members). Items 1, 3 and 4 (the issuer, the source of funds, the purpose) are long
/// and name no relation between the persons, so they are not read.
const RELATION_ITEMS: [&str; 5] = ["item2", "item5", "item6", "item7", "item8"];

/// The prose of the schedule as lines, each with its source line, in document order: the text
/// extractor's passes read them as they read a text filing's items.
fn prose_lines(lines: &LineIndex, root: Node) -> Vec<Line> {
    let in_items = |n: Node| {
        let mut up = n.ancestors();
        up.any(|a| RELATION_ITEMS.contains(&a.tag_name().name()))
            && up.any(|a| matches!(a.tag_name().name(), "items1To7" | "items"))
    };
    let mut out = Vec::new();
    for n in root.descendants().filter(|n| n.is_element()) {
        let leaf = !n.children().any(|c| c.is_element());
        if !leaf || !(in_items(n) || COMMENTS.contains(&n.tag_name().name())) {
            continue;
        }
        let Some(text) = n.text() else { continue };
        let start = lines.of(n);
        for (k, piece) in text.split('\n').enumerate() {
            let t = crate::load::clean_line(piece);
            if !t.trim().is_empty() {
                out.push(Line {
                    no: start + k,
                    text: t.trim().to_string(),
                });
            }
        }
        out.push(Line {
            no: start,
            text: String::new(),
        });
    }
    out
}

/// Defined terms ("ARCH Venture Partners XII, L.P. ("AVP XII LP")") and relations stated in the
/// items ("AVP XII LP which is the sole general partner of AVF XII"), by the text extractor's own
/// passes over the prose lines.
fn read_prose(cx: &mut Cx, prose: &[Line], parties: &mut Parties) {
    // Defined terms need a quote, stated relations a role word or a quoted collective term: prose
    // with neither (short 13G items, as a rule) has nothing for the passes.
    if !prose.iter().any(|l| {
        crate::extract::toolkit::aliases::may_define(&l.text)
            || crate::extract::toolkit::statements::may_state(&l.text)
    }) {
        return;
    }
    let facts = std::mem::replace(&mut cx.facts, crate::model::Facts::new("", "", ""));
    let mut sub = cx.over(prose, facts);
    crate::extract::toolkit::aliases::read_defined_terms(&sub, parties, false);
    let stake = Stake {
        class: sub.facts.subject.as_ref().and_then(|s| s.class.clone()),
        cusip: sub.facts.subject.as_ref().and_then(|s| s.cusip.clone()),
        as_of: sub
            .facts
            .subject
            .as_ref()
            .and_then(|s| s.event_date.clone()),
        ..Stake::default()
    };
    let stated =
        crate::extract::toolkit::statements::read_prose_relations(&mut sub, parties, stake, None);
    crate::extract::toolkit::statements::add_holdings(&mut sub.facts, parties, stated);
    cx.facts = sub.facts;
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
            let signs = |title: Option<String>| {
                Statement::SignsFor(Signing {
                    title,
                    date: date.clone(),
                    ..Signing::default()
                })
            };
            let through = title.as_deref().and_then(|t| attorney_for(t, &signer));
            match through {
                Some((grantor, grantor_title)) => {
                    let g = parties.upsert(&grantor, NodeKind::Individual, ev(sig));
                    let grantor = parties.get(g).name.clone();
                    out.push(relation(
                        &grantor,
                        &target,
                        signs(grantor_title),
                        ev(details),
                    ));
                    out.push(relation(
                        &signer,
                        &grantor,
                        signs(Some("Attorney-in-Fact".into())),
                        ev(sig),
                    ));
                }
                None => {
                    if let Some(role) = title.as_deref().and_then(|t| role_of(t, person)) {
                        let manages = Statement::manages(role);
                        out.push(relation(&signer, &target, manages, ev(details)));
                    }
                    out.push(relation(&signer, &target, signs(title), ev(sig)));
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

fn relation(source: &str, target: &str, statement: Statement, evidence: Evidence) -> Relation {
    Relation {
        source: source.to_string(),
        target: target.to_string(),
        statement,
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
    // ASCII lower case, so the offset found is one in `title` too: Unicode lower case can change
    // a character's length ("İ" -> "i̇"), and `title` was cut inside a character (found while
    // fuzzing, tests/fuzz_regressions.rs).
    let lower = title.to_ascii_lowercase();
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
}
