//! What the SEC header adds: CIKs and IRS numbers for the subject company (the issuer) and for the
//! filers, and conformed names ("CRAMER J J & CO INC") as aliases of the printed ones.

use super::parties::Parties;
use super::Cx;
use crate::load::{HeaderParty, PartyRole};
use crate::model::NodeKind;
use crate::names::{legal_form, looks_like_person, norm_key};

pub(crate) fn add_header_parties(cx: &Cx, parties: &mut Parties) {
    let Some(header) = cx.doc.header.as_ref() else {
        return;
    };
    for hp in &header.parties {
        let i = match hp.role {
            PartyRole::SubjectCompany | PartyRole::Issuer => match parties.issuer() {
                Some(i) => i,
                None => parties.upsert(&hp.name, NodeKind::Issuer, cx.ev_header(hp.line, &hp.name)),
            },
            _ => match matching_party(parties, &hp.name) {
                Some(i) => i,
                None => add_filer(cx, parties, hp),
            },
        };
        parties.add_alias(i, &hp.name);
        let p = parties.get_mut(i);
        p.evidence.push(cx.ev_header(hp.line, &hp.name));
        if p.ids.cik.is_none() {
            p.ids.cik = hp.cik.clone();
        }
        if p.ids.irs.is_none() {
            p.ids.irs = hp.irs.clone().filter(|s| s.chars().any(|c| c != '0'));
        }
    }
    for (member, line) in &header.group_members {
        if matching_party(parties, member).is_none() {
            let line = *line;
            let kind = if looks_like_person(member) {
                NodeKind::Individual
            } else {
                NodeKind::Company
            };
            let i = parties.upsert(member, kind, cx.ev_header(line, member));
            parties.get_mut(i).reporting_person = true;
        }
    }
}

fn add_filer(cx: &Cx, parties: &mut Parties, hp: &HeaderParty) -> usize {
    let kind = if looks_like_person(&hp.name) {
        NodeKind::Individual
    } else {
        NodeKind::Company
    };
    let i = parties.upsert(&hp.name, kind, cx.ev_header(hp.line, &hp.name));
    parties.get_mut(i).reporting_person = true;
    i
}

/// The party a conformed name stands for: same key, or the same words in another order
/// ("SHAW D E INVESTMENTS LP" = "D.E. Shaw Investments, L.P.").
fn matching_party(parties: &Parties, conformed: &str) -> Option<usize> {
    if let Some(i) = parties.find(conformed) {
        return Some(i);
    }
    let words = sorted_words(conformed);
    let form = legal_form(conformed);
    (0..parties.len()).find(|&i| {
        let p = parties.get(i);
        p.kind != NodeKind::Issuer
            && sorted_words(&p.name) == words
            && (form.is_none() || legal_form(&p.name).is_none() || legal_form(&p.name) == form)
    })
}

/// The words of a name without its legal form, sorted.
fn sorted_words(name: &str) -> Vec<String> {
    let key = norm_key(name);
    let mut words: Vec<String> = key.split(' ').map(str::to_string).collect();
    if legal_form(name).is_some() {
        words.pop();
    }
    words.sort();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conformed_names_match_by_their_words() {
        assert_eq!(
            sorted_words("SHAW D E INVESTMENTS LP"),
            sorted_words("D.E. Shaw Investments, L.P.")
        );
        assert_eq!(
            sorted_words("CRAMER JAMES J"),
            sorted_words("James J. Cramer")
        );
        assert_ne!(
            sorted_words("CRAMER J J & CO INC"),
            sorted_words("James J. Cramer")
        );
    }
}
