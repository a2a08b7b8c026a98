//! The filings, in the shapes EDGAR has them: text, HTML, complete submission, XML.

use super::world::{Entity, Family, GenFiling, Insider, Issuer, TruthEdge};
use super::Rng;
use relgraph::model::EdgeKind;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Text,
    Html,
    Submission,
    Xml,
}

/// How a filing writes an organisation's name: as registered, in capitals, with the other
/// legal-form spelling, or without commas.
fn spell_org(name: &str, rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => name.to_uppercase(),
        1 => name
            .replace("L.P.", "LP")
            .replace("LLC", "L.L.C.")
            .replace("Ltd.", "Limited"),
        2 => name.replace(',', ""),
        _ => name.to_string(),
    }
}

/// How a filing writes a person's name: as is, in capitals, without the initial's period, or
/// without the middle initial.
fn spell_person(name: &str, rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => name.to_uppercase(),
        1 => name.replace('.', ""),
        2 => {
            let words: Vec<&str> = name.split_whitespace().collect();
            match words.as_slice() {
                [first, _initial, last] => format!("{first} {last}"),
                _ => name.to_string(),
            }
        }
        _ => name.to_string(),
    }
}

/// EDGAR's conformed name: "DOE JANE Q" for a person, capitals without punctuation for others.
fn conformed(e: &Entity) -> String {
    let plain: String = e
        .name
        .chars()
        .filter(|c| !matches!(c, '.' | ','))
        .collect::<String>()
        .to_uppercase();
    if e.kind == "individual" {
        let words: Vec<&str> = plain.split_whitespace().collect();
        if let Some((last, rest)) = words.split_last() {
            return format!("{last} {}", rest.join(" "));
        }
    }
    plain
}

fn spell(e: &Entity, rng: &mut Rng) -> String {
    if e.kind == "individual" {
        spell_person(&e.name, rng)
    } else {
        spell_org(&e.name, rng)
    }
}

fn edge(source: &Entity, kind: EdgeKind, target: &Entity) -> TruthEdge {
    TruthEdge {
        source: source.id.clone(),
        kind,
        target: target.id.clone(),
    }
}

/// A reporting person on a schedule, with the name as this filing writes it.
struct Reporting<'a> {
    entity: &'a Entity,
    name: String,
    code: &'static str,
    place: &'static str,
}

/// A family's Schedule 13G (or 13D) on an issuer: the funds that hold, their manager, its general
/// partner and the person who signs, each with a cover page; signature blocks whose chains say
/// who manages whom.
pub(super) fn schedule(
    i: usize,
    family: &Family,
    issuer: &Issuer,
    shape: Shape,
    rng: &mut Rng,
) -> GenFiling {
    let funds: Vec<&Entity> = family.funds.iter().filter(|_| rng.chance(70)).collect();
    let funds = if funds.is_empty() {
        vec![&family.funds[0]]
    } else {
        funds
    };
    let mut persons: Vec<Reporting> = funds
        .iter()
        .map(|f| Reporting {
            entity: f,
            name: spell(f, rng),
            code: "PN",
            place: "Delaware",
        })
        .collect();
    for (e, code, place) in [
        (&family.manager, "IA, PN", "Delaware"),
        (&family.gp, "OO", "Delaware"),
        (&family.person, "IN", "United States"),
    ] {
        persons.push(Reporting {
            entity: e,
            name: spell(e, rng),
            code,
            place,
        });
    }
    let issuer_name = spell_org(&issuer.entity.name, rng);
    let shares = 500_000 + rng.below(9_000_000) as u64;
    let outstanding = shares * (12 + rng.below(40) as u64);
    let pct = (shares as f64 * 1000.0 / outstanding as f64).round() / 10.0;
    let amendment = rng.chance(30).then(|| 1 + rng.below(4));
    let thirteen_d = rng.chance(25);
    let year = 2005 + rng.below(20);
    let mut edges = Vec::new();
    let mut spellings = vec![(issuer_name.clone(), issuer.entity.id.clone())];
    for p in &persons {
        edges.push(edge(p.entity, EdgeKind::Holds, &issuer.entity));
        spellings.push((p.name.clone(), p.entity.id.clone()));
    }
    for f in &funds {
        edges.push(edge(&family.manager, EdgeKind::Manages, f));
        edges.push(edge(&family.manager, EdgeKind::SignsFor, f));
    }
    edges.push(edge(&family.gp, EdgeKind::Manages, &family.manager));
    edges.push(edge(&family.gp, EdgeKind::SignsFor, &family.manager));
    edges.push(edge(&family.person, EdgeKind::SignsFor, &family.gp));
    let s = Schedule {
        persons: &persons,
        funds: funds.len(),
        issuer: issuer_name,
        cusip: &issuer.cusip,
        shares,
        pct,
        amendment,
        thirteen_d,
        year,
    };
    let stem = format!("{i:07}");
    let (file, form, text) = match shape {
        Shape::Text => (format!("{stem}.txt"), "text", s.text()),
        Shape::Html => (format!("{stem}.htm"), "html", html(&s.text())),
        Shape::Submission => {
            let filer = persons[0].entity;
            (
                format!("{stem}.txt"),
                "submission",
                submission(i, &s, issuer, filer, year),
            )
        }
        Shape::Xml => (format!("{stem}.xml"), "xml", s.xml(issuer)),
    };
    GenFiling {
        file,
        form,
        text,
        edges,
        spellings,
    }
}

struct Schedule<'a> {
    persons: &'a [Reporting<'a>],
    funds: usize,
    issuer: String,
    cusip: &'a str,
    shares: u64,
    pct: f64,
    amendment: Option<usize>,
    thirteen_d: bool,
    year: usize,
}

impl Schedule<'_> {
    fn form(&self) -> &'static str {
        if self.thirteen_d {
            "13D"
        } else {
            "13G"
        }
    }

    fn text(&self) -> String {
        let mut t = String::new();
        let amendment = match self.amendment {
            Some(n) => format!("(Amendment No. {n})*"),
            None => "(Amendment No. __)*".into(),
        };
        let _ = write!(
            t,
            "\n                  SECURITIES AND EXCHANGE COMMISSION\n                        Washington, D.C. 20549\n\n                             SCHEDULE {form}\n\n              Under the Securities Exchange Act of 1934\n\n                         {amendment}\n\n                     {issuer}\n                           (Name of Issuer)\n\n               Common Stock, par value $0.01 per share\n                    (Title of Class of Securities)\n\n                              {cusip}\n                            (CUSIP Number)\n\n                          December 31, {year}\n       (Date of Event Which Requires Filing of this Statement)\n\n",
            form = self.form(),
            issuer = self.issuer,
            cusip = self.cusip,
            year = self.year,
        );
        for (k, p) in self.persons.iter().enumerate() {
            let _ = write!(
                t,
                "\nCUSIP No. {cusip}                   {form}                  Page {page} of {pages} Pages\n\n 1   NAMES OF REPORTING PERSONS\n     I.R.S. IDENTIFICATION NOS. OF ABOVE PERSONS (ENTITIES ONLY)\n\n     {name}\n\n 2   CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP         (a) [ ]\n                                                              (b) [X]\n 3   SEC USE ONLY\n\n 4   CITIZENSHIP OR PLACE OF ORGANIZATION\n\n     {place}\n\n                5   SOLE VOTING POWER\n  NUMBER OF\n   SHARES           0\n BENEFICIALLY   6   SHARED VOTING POWER\n  OWNED BY\n    EACH            {shares}\n  REPORTING     7   SOLE DISPOSITIVE POWER\n   PERSON\n    WITH            0\n                8   SHARED DISPOSITIVE POWER\n\n                    {shares}\n\n 9   AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON\n\n     {shares}\n\n10   CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN\n     SHARES                                                       [ ]\n\n11   PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)\n\n     {pct}%\n\n12   TYPE OF REPORTING PERSON\n\n     {code}\n\n",
                cusip = self.cusip,
                form = self.form(),
                page = k + 2,
                pages = self.persons.len() + 3,
                name = p.name,
                place = p.place,
                shares = relgraph::text::thousands(self.shares),
                pct = self.pct,
                code = p.code,
            );
        }
        let _ = write!(
            t,
            "\nItem 1(a).  Name of Issuer:\n\n            {issuer}\n\nItem 2(a).  Name of Person Filing:\n\n            This statement is filed by the following persons (the\n            \"Reporting Persons\"):\n\n",
            issuer = self.issuer
        );
        let numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"];
        for (k, p) in self.persons.iter().enumerate() {
            let _ = writeln!(
                t,
                "            ({}) {}",
                numerals[k % numerals.len()],
                p.name
            );
        }
        let _ = write!(
            t,
            "\nItem 2(e).  CUSIP Number:\n\n            {cusip}\n\nItem 4.     Ownership.\n\n            (a) Amount beneficially owned: {shares} shares of Common\n                Stock.\n\n            (b) Percent of class: {pct}%.\n\n\n                               SIGNATURE\n\n     After reasonable inquiry and to the best of my knowledge and belief,\nI certify that the information set forth in this statement is true,\ncomplete and correct.\n\nDate: February 14, {next}\n\n",
            cusip = self.cusip,
            shares = relgraph::text::thousands(self.shares),
            pct = self.pct,
            next = self.year + 1,
        );
        let (manager, gp, person) = (
            &self.persons[self.funds],
            &self.persons[self.funds + 1],
            &self.persons[self.funds + 2],
        );
        for fund in &self.persons[..self.funds] {
            let _ = write!(
                t,
                "{fund}\n\nBy: {manager}, its investment manager\nBy: {gp}, its general partner\n\nBy: /s/ {person}\n    ----------------------------------\n    Name:  {person}\n    Title: Managing Member\n\n",
                fund = fund.name,
                manager = manager.name,
                gp = gp.name,
                person = person.name,
            );
        }
        let _ = write!(
            t,
            "{manager}\n\nBy: {gp}, its general partner\n\nBy: /s/ {person}\n    ----------------------------------\n    Name:  {person}\n    Title: Managing Member\n\n{gp}\n\nBy: /s/ {person}\n    ----------------------------------\n    Name:  {person}\n    Title: Managing Member\n\n/s/ {person}\n----------------------------------\n{person}\n",
            manager = manager.name,
            gp = gp.name,
            person = person.name,
        );
        t
    }

    fn xml(&self, issuer: &Issuer) -> String {
        let mut t = String::new();
        let kind = if self.thirteen_d {
            "SCHEDULE 13D"
        } else {
            "SCHEDULE 13G"
        };
        let kind = match self.amendment {
            Some(_) => format!("{kind}/A"),
            None => kind.to_string(),
        };
        let _ = write!(
            t,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edgarSubmission xmlns=\"http://www.sec.gov/edgar/schedule13g\" xmlns:com=\"http://www.sec.gov/edgar/common\">\n  <headerData>\n    <submissionType>{kind}</submissionType>\n  </headerData>\n  <formData>\n    <coverPageHeader>\n      <securitiesClassTitle>Common Stock, par value $0.01 per share</securitiesClassTitle>\n      <eventDateRequiresFilingThisStatement>12/31/{year}</eventDateRequiresFilingThisStatement>\n      <issuerInfo>\n        <issuerCik>{cik}</issuerCik>\n        <issuerName>{name}</issuerName>\n        <issuerCusip>{cusip}</issuerCusip>\n      </issuerInfo>\n    </coverPageHeader>\n",
            year = self.year,
            cik = issuer.entity.cik,
            name = xml_escape(&self.issuer),
            cusip = self.cusip,
        );
        for p in self.persons {
            let _ = write!(
                t,
                "    <coverPageHeaderReportingPersonDetails>\n      <reportingPersonCIK>{cik}</reportingPersonCIK>\n      <reportingPersonName>{name}</reportingPersonName>\n      <citizenshipOrOrganization>DE</citizenshipOrOrganization>\n      <reportingPersonBeneficiallyOwnedNumberOfShares>\n        <soleVotingPower>0.00</soleVotingPower>\n        <sharedVotingPower>{s}.00</sharedVotingPower>\n        <soleDispositivePower>0.00</soleDispositivePower>\n        <sharedDispositivePower>{s}.00</sharedDispositivePower>\n      </reportingPersonBeneficiallyOwnedNumberOfShares>\n      <reportingPersonBeneficiallyOwnedAggregateNumberOfShares>{s}.00</reportingPersonBeneficiallyOwnedAggregateNumberOfShares>\n      <classPercent>{pct}</classPercent>\n      <typeOfReportingPerson>{code}</typeOfReportingPerson>\n    </coverPageHeaderReportingPersonDetails>\n",
                cik = p.entity.cik,
                name = xml_escape(&p.name),
                s = self.shares,
                pct = self.pct,
                code = p.code.split(',').next().unwrap_or("OO"),
            );
        }
        let date = format!("02/14/{}", self.year + 1);
        let (manager, gp, person) = (
            &self.persons[self.funds],
            &self.persons[self.funds + 1],
            &self.persons[self.funds + 2],
        );
        let details = |t: &mut String, sig: &str, title: &str| {
            let _ = write!(
                t,
                "      <signatureDetails>\n        <signature>{}</signature>\n        <title>{}</title>\n        <date>{date}</date>\n      </signatureDetails>\n",
                xml_escape(sig),
                xml_escape(title)
            );
        };
        let signed = format!("/s/ {}", person.name);
        for fund in &self.persons[..self.funds] {
            let _ = writeln!(
                t,
                "    <signatureInformation>\n      <reportingPersonName>{}</reportingPersonName>",
                xml_escape(&fund.name)
            );
            details(&mut t, &manager.name, "its Investment Manager");
            details(&mut t, &gp.name, "its General Partner");
            details(&mut t, &signed, "Managing Member");
            t.push_str("    </signatureInformation>\n");
        }
        let _ = writeln!(
            t,
            "    <signatureInformation>\n      <reportingPersonName>{}</reportingPersonName>",
            xml_escape(&manager.name)
        );
        details(&mut t, &gp.name, "its General Partner");
        details(&mut t, &signed, "Managing Member");
        let _ = writeln!(
            t,
            "    </signatureInformation>\n    <signatureInformation>\n      <reportingPersonName>{}</reportingPersonName>",
            xml_escape(&gp.name)
        );
        details(&mut t, &signed, "Managing Member");
        t.push_str("    </signatureInformation>\n  </formData>\n</edgarSubmission>\n");
        t
    }
}

/// The text as an HTML page: a paragraph per line, the layout a word processor's export has.
fn html(text: &str) -> String {
    let mut t = String::from("<html>\n<head><title>Schedule 13G</title></head>\n<body>\n");
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let _ = writeln!(t, "<p style=\"margin:0\">{}</p>", html_escape(line.trim()));
    }
    t.push_str("</body>\n</html>\n");
    t
}

/// The text inside an EDGAR complete submission, whose header names the issuer and the filer.
fn submission(i: usize, s: &Schedule, issuer: &Issuer, filer: &Entity, year: usize) -> String {
    let kind = match s.amendment {
        Some(_) => format!("SC {}/A", s.form()),
        None => format!("SC {}", s.form()),
    };
    format!(
        "<SEC-DOCUMENT>0009999999-{yy:02}-{i:06}.txt : {next}0214\n<SEC-HEADER>0009999999-{yy:02}-{i:06}.hdr.sgml : {next}0214\nACCESSION NUMBER:\t\t0009999999-{yy:02}-{i:06}\nCONFORMED SUBMISSION TYPE:\t{kind}\nPUBLIC DOCUMENT COUNT:\t\t1\nFILED AS OF DATE:\t\t{next}0214\n\nSUBJECT COMPANY:\n\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\t{issuer}\n\t\tCENTRAL INDEX KEY:\t\t\t{issuer_cik}\n\nFILED BY:\n\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\t\t\t{filer}\n\t\tCENTRAL INDEX KEY:\t\t\t{filer_cik}\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>1\n<FILENAME>d{i}.txt\n<TEXT>\n{body}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n",
        yy = (year + 1) % 100,
        next = year + 1,
        issuer = conformed(&issuer.entity),
        issuer_cik = issuer.entity.cik,
        filer = conformed(filer),
        filer_cik = filer.cik,
        body = s.text(),
    )
}

/// An insider's Form 4 in XML: a director or officer of the issuer, a sale or purchase, signed by
/// the insider or by an attorney-in-fact.
pub(super) fn form4(i: usize, insider: &Insider, issuer: &Issuer, rng: &mut Rng) -> GenFiling {
    let owner = conformed(&insider.person);
    let issuer_name = spell_org(&issuer.entity.name, rng);
    let year = 2010 + rng.below(15);
    let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
    let shares = 1_000 + rng.below(50_000) as u64;
    let after = shares + rng.below(400_000) as u64;
    let buy = rng.chance(40);
    let (code, ad) = if buy { ("P", "A") } else { ("S", "D") };
    let attorney = rng.chance(50);
    let mut edges = vec![edge(&insider.person, EdgeKind::Holds, &issuer.entity)];
    let mut spellings = vec![
        (owner.clone(), insider.person.id.clone()),
        (issuer_name.clone(), issuer.entity.id.clone()),
    ];
    let relationship = match insider.title {
        None => {
            edges.push(edge(
                &insider.person,
                EdgeKind::BoardMemberOf,
                &issuer.entity,
            ));
            "<isDirector>1</isDirector>\n      <isOfficer>0</isOfficer>".to_string()
        }
        Some(title) => {
            edges.push(edge(&insider.person, EdgeKind::OfficerOf, &issuer.entity));
            format!("<isDirector>0</isDirector>\n      <isOfficer>1</isOfficer>\n      <officerTitle>{title}</officerTitle>")
        }
    };
    let signature = if attorney {
        edges.push(edge(&insider.agent, EdgeKind::SignsFor, &insider.person));
        spellings.push((insider.agent.name.clone(), insider.agent.id.clone()));
        spellings.push((insider.person.name.clone(), insider.person.id.clone()));
        format!(
            "/s/ {}, Attorney-in-Fact for {}",
            insider.agent.name, insider.person.name
        )
    } else {
        format!("/s/ {}", insider.person.name)
    };
    let text = format!(
        "<?xml version=\"1.0\"?>\n<ownershipDocument>\n  <schemaVersion>X0508</schemaVersion>\n  <documentType>4</documentType>\n  <periodOfReport>{year}-{month:02}-{day:02}</periodOfReport>\n  <issuer>\n    <issuerCik>{icik}</issuerCik>\n    <issuerName>{iname}</issuerName>\n    <issuerTradingSymbol>{symbol}</issuerTradingSymbol>\n  </issuer>\n  <reportingOwner>\n    <reportingOwnerId>\n      <rptOwnerCik>{ocik}</rptOwnerCik>\n      <rptOwnerName>{owner}</rptOwnerName>\n    </reportingOwnerId>\n    <reportingOwnerRelationship>\n      {relationship}\n    </reportingOwnerRelationship>\n  </reportingOwner>\n  <nonDerivativeTable>\n    <nonDerivativeTransaction>\n      <securityTitle><value>Common Stock</value></securityTitle>\n      <transactionDate><value>{year}-{month:02}-{day:02}</value></transactionDate>\n      <transactionCoding>\n        <transactionFormType>4</transactionFormType>\n        <transactionCode>{code}</transactionCode>\n        <equitySwapInvolved>0</equitySwapInvolved>\n      </transactionCoding>\n      <transactionAmounts>\n        <transactionShares><value>{shares}</value></transactionShares>\n        <transactionPricePerShare><value>{price}.{cents:02}</value></transactionPricePerShare>\n        <transactionAcquiredDisposedCode><value>{ad}</value></transactionAcquiredDisposedCode>\n      </transactionAmounts>\n      <postTransactionAmounts>\n        <sharesOwnedFollowingTransaction><value>{after}</value></sharesOwnedFollowingTransaction>\n      </postTransactionAmounts>\n      <ownershipNature>\n        <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>\n      </ownershipNature>\n    </nonDerivativeTransaction>\n  </nonDerivativeTable>\n  <ownerSignature>\n    <signatureName>{signature}</signatureName>\n    <signatureDate>{year}-{month:02}-{day:02}</signatureDate>\n  </ownerSignature>\n</ownershipDocument>\n",
        icik = issuer.entity.cik,
        iname = xml_escape(&issuer_name),
        symbol = issuer.symbol,
        ocik = insider.person.cik,
        owner = xml_escape(&owner),
        price = 5 + rng.below(200),
        cents = rng.below(100),
        signature = xml_escape(&signature),
    );
    GenFiling {
        file: format!("{i:07}.xml"),
        form: "form4",
        text,
        edges,
        spellings,
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn html_escape(s: &str) -> String {
    xml_escape(s).replace('"', "&quot;")
}
