//! The ownershipDocument XML of Forms 3, 4 and 5 (schemas X0101 to X0508): bare, or inside a
//! complete submission (`.txt` or `.nc`).

use super::{flag, number, Owner, Ownership, Row, Signed};
use crate::extract::toolkit::xml::{
    descendants, descendants_any, find, iso_date, parse, part_with, text_of, LineIndex, XmlError,
};
use crate::load::Document;
use crate::model::{Evidence, Warning};
use roxmltree::Node;

/// The filing's ownershipDocument, read; `None` when it has none.
pub(crate) fn read_xml_form(doc: &Document, filing: &str) -> Option<Result<Ownership, XmlError>> {
    let part = part_with(&doc.xml, "ownershipdocument", "")?;
    Some(parse_part(part, filing))
}

fn parse_part(part: &crate::load::XmlPart, filing: &str) -> Result<Ownership, XmlError> {
    let (xml, first_line) = parse(part)?;
    let lines = LineIndex::new(&xml, first_line);
    let root = xml.root_element();
    if root.tag_name().name() != "ownershipDocument" {
        return Err(XmlError::Missing("Form 3/4/5 ownershipDocument"));
    }
    let ev = |n: Node| Evidence {
        filing: filing.to_string(),
        line: lines.of(n),
        text: crate::extract::toolkit::quote(&text_of(n)),
    };
    let child = |n: Node, name: &str| find(n, name).map(text_of).filter(|t| !t.is_empty());
    let mut own = Ownership {
        period: child(root, "periodOfReport").and_then(|d| iso_date(&d)),
        no_securities: child(root, "noSecuritiesOwned").is_some_and(|f| flag(&f)),
        ..Ownership::default()
    };
    let issuer = find(root, "issuer").ok_or(XmlError::NoIssuer)?;
    let name = find(issuer, "issuerName").ok_or(XmlError::NoIssuer)?;
    if text_of(name).is_empty() {
        return Err(XmlError::NoIssuer);
    }
    own.issuer = Some((text_of(name), ev(name)));
    own.issuer_cik = child(issuer, "issuerCik");
    own.symbol = child(issuer, "issuerTradingSymbol");
    for o in descendants(root, "reportingOwner") {
        match owner(o, &ev, &child) {
            Some(owner) => own.owners.push(owner),
            None => own.warnings.push(Warning {
                line: Some(ev(o).line),
                message: "a reporting owner has no name (rptOwnerName is empty); skipped".into(),
            }),
        }
    }
    if own.owners.is_empty() {
        return Err(XmlError::NoOwner);
    }
    for r in descendants_any(
        root,
        &[
            "nonDerivativeTransaction",
            "nonDerivativeHolding",
            "derivativeTransaction",
            "derivativeHolding",
        ],
    ) {
        own.rows.push(row(r, &ev));
    }
    for f in descendants(root, "footnote") {
        if let Some(id) = f.attribute("id") {
            own.footnotes.insert(id.to_string(), text_of(f));
        }
    }
    for f in descendants_any(root, &["footnote", "remarks"]) {
        let text = text_of(f);
        if !text.is_empty() {
            let no = ev(f).line;
            if let Some(id) = f.attribute("id") {
                own.note_lines.insert(id.to_string(), no);
            }
            own.prose.push(crate::load::Line { no, text });
        }
    }
    for s in descendants(root, "ownerSignature") {
        if let Some(n) = find(s, "signatureName").filter(|n| !text_of(*n).is_empty()) {
            own.signatures.push(Signed {
                text: text_of(n),
                date: child(s, "signatureDate").and_then(|d| iso_date(&d)),
                evidence: ev(n),
            });
        }
    }
    Ok(own)
}

fn owner(
    o: Node,
    ev: &dyn Fn(Node) -> Evidence,
    child: &dyn Fn(Node, &str) -> Option<String>,
) -> Option<Owner> {
    let name_node = find(o, "rptOwnerName")?;
    let name = text_of(name_node);
    if name.is_empty() {
        return None;
    }
    let address = find(o, "reportingOwnerAddress").map(|a| {
        [
            "rptOwnerStreet1",
            "rptOwnerStreet2",
            "rptOwnerCity",
            "rptOwnerState",
            "rptOwnerZipCode",
        ]
        .iter()
        .filter_map(|t| child(a, t))
        .collect::<Vec<_>>()
        .join(", ")
    });
    let rel = find(o, "reportingOwnerRelationship");
    let is = |name: &str| rel.and_then(|r| child(r, name)).is_some_and(|f| flag(&f));
    let text = |name: &str| rel.and_then(|r| child(r, name)).unwrap_or_default();
    Some(Owner {
        name,
        cik: child(o, "rptOwnerCik"),
        address: address.filter(|a| !a.is_empty()),
        director: is("isDirector"),
        officer: is("isOfficer").then(|| text("officerTitle")),
        ten_percent: is("isTenPercentOwner"),
        other: is("isOther").then(|| text("otherText")),
        evidence: ev(name_node),
    })
}

/// A table line. Values sit in a `<value>` under their element; a footnote may stand in for one.
fn row(r: Node, ev: &dyn Fn(Node) -> Evidence) -> Row {
    let value = |name: &str| {
        find(r, name)
            .and_then(|n| find(n, "value"))
            .map(text_of)
            .filter(|t| !t.is_empty())
    };
    let mut notes: Vec<String> = Vec::new();
    for f in descendants(r, "footnoteId") {
        if let Some(id) = f.attribute("id") {
            if !notes.iter().any(|n| n == id) {
                notes.push(id.to_string());
            }
        }
    }
    Row {
        derivative: r.tag_name().name().starts_with("derivative"),
        security: value("securityTitle").unwrap_or_default(),
        date: value("transactionDate").and_then(|d| iso_date(&d)),
        code: find(r, "transactionCode")
            .map(text_of)
            .filter(|t| !t.is_empty()),
        shares: value("transactionShares")
            .or_else(|| value("transactionTotalValue"))
            .and_then(|v| number(&v)),
        price: value("transactionPricePerShare").and_then(|v| number(&v)),
        acquired: value("transactionAcquiredDisposedCode").map(|c| c.eq_ignore_ascii_case("A")),
        // a Form 3 states a derivative holding by the shares underlying it
        following: value("sharesOwnedFollowingTransaction")
            .or_else(|| value("valueOwnedFollowingTransaction"))
            .or_else(|| {
                (r.tag_name().name() == "derivativeHolding")
                    .then(|| value("underlyingSecurityShares"))
                    .flatten()
            })
            .and_then(|v| number(&v)),
        direct: value("directOrIndirectOwnership").map(|c| c.eq_ignore_ascii_case("D")),
        nature: value("natureOfOwnership"),
        notes,
        evidence: ev(r),
    }
}
