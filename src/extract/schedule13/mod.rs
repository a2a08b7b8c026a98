//! Schedule 13D and 13G: the text passes over a filing's lines (front page, cover pages, Item 2,
//! defined terms, signatures, prose relations, officer annexes, Item 4 group figures, Item 5
//! transactions, consistency checks) and the reader of the structured XML schedules.

mod annex;
mod conflicts;
mod covers;
mod front;
mod item2;
mod item4;
mod transactions;
pub(super) mod xml;

use super::toolkit::parties::Parties;
use super::toolkit::{aliases, header, kinds, signatures, statements, Cx};
use super::ExtractError;
use item2::Item2;

/// Reads a Schedule 13D/13G in text, HTML or an EDGAR submission, pass by pass over its lines.
pub(super) fn read_schedule13(cx: &mut Cx) -> Result<(), ExtractError> {
    let front = front::read_front_page(cx);
    let covers = covers::read_cover_pages(cx);
    let item2 = item2::read_item2(cx);
    let mut parties = Parties::default();
    front.add_issuer(cx, &mut parties);
    for cover in &covers {
        covers::add_person(cx, &mut parties, cover);
    }
    for person in &item2.persons {
        item2::add_person(cx, &mut parties, person);
    }
    header::add_header_parties(cx, &mut parties);
    aliases::read_defined_terms(cx, &mut parties, true);
    let sigs = signatures::read_signature_blocks(cx, &parties);
    sigs.add_parties(cx, &mut parties);
    cx.facts.relations.extend(sigs.relations);
    let officers = annex::read_officer_annexes(cx, &mut parties);
    cx.facts.relations.extend(officers);
    let subject = front.subject(cx);
    covers::holdings(cx, &covers, subject.as_ref(), &parties);
    if cx.facts.holdings.is_empty() {
        item4::group_holdings(cx, subject.as_ref(), &parties);
    }
    let stated = statements::read_prose_relations(cx, &mut parties, issuer_stake(&subject), None);
    statements::add_holdings(&mut cx.facts, &parties, stated);
    cx.facts.group = group_members(cx, &parties, &item2);
    transactions::read_item5_transactions(cx);
    conflicts::check_conflicts(cx, &front, &covers);
    kinds::assign_kinds(cx, &mut parties);
    cx.facts.subject = subject;
    cx.facts.parties = parties.into_vec();
    if covers.is_empty() && item2.persons.is_empty() && cx.facts.holdings.is_empty() {
        cx.warn(None, "no cover page or Item 2 reporting person found; the filing may be truncated or not a Schedule 13D/13G body");
    } else if !sigs.found {
        cx.warn(None, "no signature found; the filing may be truncated");
    }
    Ok(())
}

/// What a holding of the issuer's shares stated in prose is stated for: the filing's class, CUSIP
/// and date of event.
fn issuer_stake(subject: &Option<crate::model::Subject>) -> crate::model::Stake {
    let s = subject.as_ref();
    crate::model::Stake {
        class: s.and_then(|s| s.class.clone()),
        cusip: s.and_then(|s| s.cusip.clone()),
        as_of: s.and_then(|s| s.event_date.clone()),
        ..crate::model::Stake::default()
    }
}

/// The persons that filed as one group: every reporting person, when the filing is joint (more than
/// one reporting person and a joint filing agreement, a group exhibit, or header group members).
fn group_members(cx: &Cx, parties: &Parties, item2: &Item2) -> Vec<String> {
    let reporting: Vec<String> = parties
        .iter()
        .filter(|p| p.reporting_person)
        .map(|p| p.name.clone())
        .collect();
    // no phrase holds a line break, so the lowered joined text has one where a line does
    let lower = &cx.joined().lower;
    let joint = [
        "joint filing agreement",
        "members of the group",
        "rule 13d-1(k)",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
        || cx
            .doc
            .header
            .as_ref()
            .is_some_and(|h| !h.group_members.is_empty())
        || item2.group_statement;
    if reporting.len() > 1 && joint {
        reporting
    } else {
        Vec::new()
    }
}
