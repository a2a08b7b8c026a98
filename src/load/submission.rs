//! EDGAR complete-submission files: the `<SEC-HEADER>` (or 1994-95 `<IMS-HEADER>`, or the `.nc`
//! tag-per-line header) and the `<DOCUMENT>`s it wraps.

use super::{html, plain_lines, Document, Format, HtmlPart, Line, XmlPart};
use serde::{Deserialize, Serialize};

/// What a party is to the submission, per the header block that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartyRole {
    SubjectCompany,
    FiledBy,
    Filer,
    ReportingOwner,
    Issuer,
}

/// A FILER / SUBJECT COMPANY / FILED BY / REPORTING-OWNER block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderParty {
    pub role: PartyRole,
    pub name: String,
    pub cik: Option<String>,
    pub irs: Option<String>,
    pub state_of_incorporation: Option<String>,
    /// Source line of the conformed name.
    pub line: usize,
    /// A reporting owner's `<RELATIONSHIP>` lines (DIRECTOR, OFFICER, 10 PERCENT OWNER, OTHER).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<String>,
}

/// The parts of the SEC header relationships are built from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecHeader {
    pub accession: Option<String>,
    pub form_type: Option<String>,
    /// ISO date (YYYY-MM-DD).
    pub filed: Option<String>,
    pub period: Option<String>,
    /// GROUP MEMBERS names, each with its 1-based line in the file.
    pub group_members: Vec<(String, usize)>,
    pub parties: Vec<HeaderParty>,
}

/// A submission opens (after an optional PEM preamble) with its envelope tags at line starts; a
/// document that merely mentions them, such as a README, is not one.
pub(super) fn is_submission(text: &str) -> bool {
    text.lines().take(60).any(|l| {
        let t = l.trim_start();
        t.starts_with('<')
            && [
                "<SEC-HEADER>",
                "<IMS-HEADER>",
                "<SEC-DOCUMENT>",
                "<IMS-DOCUMENT>",
                "<SUBMISSION>",
                "<DOCUMENT>",
            ]
            .iter()
            .any(|m| t.starts_with(m))
    })
}

pub(super) fn unwrap(path: &str, text: &str) -> Document {
    let reflowed = reflow_one_line_submission(text);
    let raw: Vec<&str> = reflowed.as_deref().unwrap_or(text).split('\n').collect();
    let first_doc = raw
        .iter()
        .position(|l| is_tag_line(l, "<DOCUMENT>"))
        .unwrap_or(raw.len());
    let header = parse_header(&raw[..first_doc]);
    let mut lines = Vec::new();
    let mut xml = Vec::new();
    let mut html_parts = Vec::new();
    let mut declared_type = None;
    let mut primary_is_xml = false;
    let mut i = first_doc;
    while i < raw.len() {
        if !is_tag_line(raw[i], "<DOCUMENT>") {
            i += 1;
            continue;
        }
        let end = (i + 1..raw.len())
            .find(|&j| is_tag_line(raw[j], "</DOCUMENT>"))
            .unwrap_or(raw.len());
        let part = read_part(&raw, i + 1, end);
        let primary = declared_type.is_none();
        if primary {
            declared_type = part.doc_type.clone();
            primary_is_xml = part.is_xml();
        }
        // A structured filing is read from its XML alone; its exhibits' HTML need not be
        // flattened into lines nobody reads (it was most of the time spent on such filings).
        if primary || !primary_is_xml || part.is_xml() {
            part.push_into(&mut lines, &mut xml, &mut html_parts);
        }
        i = end + 1;
    }
    Document {
        path: path.to_string(),
        hash: String::new(),
        encoding: super::Encoding::Utf8,
        format: Format::Submission,
        header: Some(header),
        declared_type,
        lines,
        xml,
        primary_is_xml,
        cells: Vec::new(),
        html: html_parts,
    }
}

/// Whether `line` is `tag` alone between blanks (`line.trim() == tag`), told at its first
/// non-blank byte for most lines: one that is ASCII and not `<` cannot start the tag.
fn is_tag_line(line: &str, tag: &str) -> bool {
    let b = line.as_bytes();
    match b.iter().find(|c| !c.is_ascii_whitespace()) {
        Some(&b'<') => line.trim() == tag,
        // a vertical tab or a non-ASCII character may be Unicode whitespace: the full test
        Some(&c) if c == 0x0b || !c.is_ascii() => line.trim() == tag,
        _ => false,
    }
}

/// Some `.nc` files hold the whole submission on one line. Their SGML tags (upper case, unlike
/// the XML inside) are put on lines of their own so the header and documents can be read; line
/// numbers then count lines of this reflowed text.
fn reflow_one_line_submission(text: &str) -> Option<String> {
    // a <DOCUMENT> tag on a line of its own: a submission with lines
    let on_own_line = |at: usize| {
        let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        text[start..end].trim() == "<DOCUMENT>"
    };
    let mut tags = text.match_indices("<DOCUMENT>").peekable();
    if tags.peek().is_none() || tags.any(|(at, _)| on_own_line(at)) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut in_text = false;
    let mut rest = text;
    while let Some(pos) = rest.find('<') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let tag_end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..tag_end];
        // Only a closed `<...>` can be a tag. An unclosed `<` runs to the end of the text, and
        // cutting its last byte off as if it were `>` split a multi-byte last character
        // ("<DOCUMENT>x<\xff" panicked: found by fuzzing, tests/fuzz_regressions.rs); with the
        // `>` there, both ends are ASCII and the slice is on character boundaries.
        let sgml = tag.len() > 2
            && tag.ends_with('>')
            && tag[1..tag.len() - 1]
                .trim_start_matches('/')
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        if sgml && (!in_text || tag == "</TEXT>") {
            if !out.ends_with('\n') && !out.is_empty() {
                out.push('\n');
            }
            out.push_str(tag);
            in_text = tag == "<TEXT>" || (in_text && tag != "</TEXT>");
            if tag == "<TEXT>"
                || tag.starts_with("</")
                || matches!(tag, "<DOCUMENT>" | "<SUBMISSION>")
            {
                out.push('\n');
            }
        } else {
            out.push_str(tag);
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    Some(out)
}

/// One `<DOCUMENT>` of a submission, located by the index of its `<TEXT>` body.
struct Part<'a> {
    doc_type: Option<String>,
    body: &'a [&'a str],
    /// Index (0-based) of the first body line in the file.
    body_start: usize,
}

fn read_part<'a>(raw: &'a [&'a str], start: usize, end: usize) -> Part<'a> {
    let mut doc_type = None;
    let mut body: &[&str] = &[];
    let mut body_start = end;
    for j in start..end {
        let t = raw[j].trim();
        if let Some(v) = t.strip_prefix("<TYPE>") {
            doc_type.get_or_insert_with(|| v.trim().to_string());
        }
        if t.starts_with("<TEXT>") {
            let close = (j + 1..end)
                .find(|&k| is_tag_line(raw[k], "</TEXT>"))
                .unwrap_or(end);
            body = &raw[j + 1..close];
            body_start = j + 1;
            break;
        }
    }
    Part {
        doc_type,
        body,
        body_start,
    }
}

impl Part<'_> {
    fn is_xml(&self) -> bool {
        let first = self
            .body
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .unwrap_or("");
        first.starts_with("<XML>") || first.starts_with("<?xml")
    }

    fn push_into(&self, lines: &mut Vec<Line>, xml: &mut Vec<XmlPart>, htmls: &mut Vec<HtmlPart>) {
        let ty = self
            .doc_type
            .clone()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let skipped = ["GRAPHIC", "ZIP", "EXCEL", "PDF", "JSON", "EX-101"];
        if skipped.iter().any(|s| ty.starts_with(s)) || self.body.is_empty() {
            return;
        }
        let first_line = self.body_start + 1;
        let joined = self.body.join("\n");
        let trimmed = joined.trim_start();
        if self.is_xml() {
            xml.push(XmlPart {
                doc_type: ty,
                first_line,
                text: joined,
            });
        } else if trimmed.starts_with("begin 6") {
            // uuencoded attachment: not text
        } else if html::looks_like_html(&joined) {
            lines.extend(html::to_lines(&joined, first_line));
            htmls.push(HtmlPart {
                first_line,
                text: joined,
            });
        } else {
            lines.extend(plain_lines(&joined, first_line));
        }
    }
}

/// Parses both header styles: `KEY:<tab>value` (SGML `.txt`) and `<KEY-NAME>value` (`.nc`).
fn parse_header(raw: &[&str]) -> SecHeader {
    let mut h = SecHeader::default();
    let mut current: Option<HeaderParty> = None;
    for (i, line) in raw.iter().enumerate() {
        let Some((key, value)) = split_key(line) else {
            continue;
        };
        if let Some(role) = section_role(&key) {
            if let Some(p) = current.take() {
                h.parties.push(p);
            }
            current = Some(HeaderParty {
                role,
                name: String::new(),
                cik: None,
                irs: None,
                state_of_incorporation: None,
                line: i + 1,
                relationships: Vec::new(),
            });
            continue;
        }
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "ACCESSION NUMBER" => h.accession = Some(value),
            "CONFORMED SUBMISSION TYPE" | "TYPE" if h.form_type.is_none() => {
                h.form_type = Some(value)
            }
            "FILED AS OF DATE" | "FILING DATE" => h.filed = iso_date(&value),
            "CONFORMED PERIOD OF REPORT" | "PERIOD" => h.period = iso_date(&value),
            "GROUP MEMBERS" => h.group_members.push((value, i + 1)),
            "COMPANY CONFORMED NAME" | "CONFORMED NAME" | "OWNER NAME" => {
                if let Some(p) = current.as_mut().filter(|p| p.name.is_empty()) {
                    p.name = value;
                    p.line = i + 1;
                }
            }
            "CENTRAL INDEX KEY" | "CIK" => {
                if let Some(p) = current.as_mut() {
                    p.cik.get_or_insert(value);
                }
            }
            "RELATIONSHIP" => {
                if let Some(p) = current.as_mut() {
                    p.relationships.push(value);
                }
            }
            "IRS NUMBER" => {
                if let Some(p) = current.as_mut() {
                    p.irs.get_or_insert(value);
                }
            }
            "STATE OF INCORPORATION" => {
                if let Some(p) = current.as_mut() {
                    p.state_of_incorporation.get_or_insert(value);
                }
            }
            _ => {}
        }
    }
    if let Some(p) = current.take() {
        h.parties.push(p);
    }
    h.parties.retain(|p| !p.name.is_empty());
    h
}

/// `KEY:\tvalue` -> ("KEY", "value"); `<KEY-NAME>value` -> ("KEY NAME", "value").
fn split_key(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix('<') {
        if rest.starts_with('/') {
            return None;
        }
        let (key, value) = rest.split_once('>')?;
        return Some((key.replace('-', " "), value.trim().to_string()));
    }
    let (key, value) = t.split_once(':')?;
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == ' ' || c == '-')
    {
        return None;
    }
    Some((key.replace('-', " "), value.trim().to_string()))
}

fn section_role(key: &str) -> Option<PartyRole> {
    Some(match key {
        "SUBJECT COMPANY" => PartyRole::SubjectCompany,
        "FILED BY" => PartyRole::FiledBy,
        "FILER" => PartyRole::Filer,
        "REPORTING OWNER" => PartyRole::ReportingOwner,
        "ISSUER" => PartyRole::Issuer,
        _ => return None,
    })
}

/// `19960715` -> `1996-07-15`.
fn iso_date(v: &str) -> Option<String> {
    let d: String = v.chars().take(8).collect();
    (d.len() == 8 && d.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_lines_are_told_as_trimming_tells_them() {
        for line in [
            "<DOCUMENT>",
            "  <DOCUMENT>\r",
            "\u{a0}<DOCUMENT>",
            "\x0b<DOCUMENT>",
            "<DOCUMENT> x",
            "text <DOCUMENT>",
            "",
            "   ",
            "</DOCUMENT>",
        ] {
            for tag in ["<DOCUMENT>", "</DOCUMENT>"] {
                assert_eq!(is_tag_line(line, tag), line.trim() == tag, "{line:?} {tag}");
            }
        }
    }

    const SGML: &str = "<SEC-DOCUMENT>x\n<SEC-HEADER>x\nACCESSION NUMBER:\t\t0000950142-96-000297\nCONFORMED SUBMISSION TYPE:\tSC 13D/A\nFILED AS OF DATE:\t\t19960715\nGROUP MEMBERS:\t\tJAMES J. CRAMER\n\nSUBJECT COMPANY:\t\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tWESTERFED FINANCIAL CORP\n\t\tCENTRAL INDEX KEY:\t\t\t0000912428\n\t\tIRS NUMBER:\t\t\t\t810487794\n\nFILED BY:\t\t\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tCRAMER J J & CO INC\n\t\tCENTRAL INDEX KEY:\t\t\t0001013994\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>SC 13D/A\n<SEQUENCE>1\n<TEXT>\n\n  SCHEDULE 13D\n<PAGE>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n";

    #[test]
    fn sgml_header_and_text_document() {
        let doc = unwrap("p", SGML);
        let h = doc.header.unwrap();
        assert_eq!(h.accession.as_deref(), Some("0000950142-96-000297"));
        assert_eq!(h.form_type.as_deref(), Some("SC 13D/A"));
        assert_eq!(h.filed.as_deref(), Some("1996-07-15"));
        assert_eq!(h.group_members, vec![("JAMES J. CRAMER".to_string(), 6)]);
        assert_eq!(h.parties.len(), 2);
        assert_eq!(h.parties[0].role, PartyRole::SubjectCompany);
        assert_eq!(h.parties[0].name, "WESTERFED FINANCIAL CORP");
        assert_eq!(h.parties[0].cik.as_deref(), Some("0000912428"));
        assert_eq!(h.parties[0].irs.as_deref(), Some("810487794"));
        assert_eq!(h.parties[1].role, PartyRole::FiledBy);
        assert_eq!(doc.declared_type.as_deref(), Some("SC 13D/A"));
        let l = doc
            .lines
            .iter()
            .find(|l| l.text.contains("SCHEDULE"))
            .unwrap();
        assert_eq!(l.no, 26);
    }

    #[test]
    fn nc_header() {
        let nc = "<SUBMISSION>\n<ACCESSION-NUMBER>0001076809-24-000144\n<TYPE>SC 13G\n<FILING-DATE>20241213\n<SUBJECT-COMPANY>\n<COMPANY-DATA>\n<CONFORMED-NAME>Avid Bioservices, Inc.\n<CIK>0000704562\n</COMPANY-DATA>\n</SUBJECT-COMPANY>\n<FILED-BY>\n<COMPANY-DATA>\n<CONFORMED-NAME>GLAZER CAPITAL, LLC\n<CIK>0001076809\n</COMPANY-DATA>\n</FILED-BY>\n<DOCUMENT>\n<TYPE>SC 13G\n<TEXT>\n<html><body><p>SCHEDULE 13G</p></body></html>\n</TEXT>\n</DOCUMENT>\n";
        let doc = unwrap("p", nc);
        let h = doc.header.unwrap();
        assert_eq!(h.form_type.as_deref(), Some("SC 13G"));
        assert_eq!(h.filed.as_deref(), Some("2024-12-13"));
        assert_eq!(h.parties[1].name, "GLAZER CAPITAL, LLC");
        assert_eq!(h.parties[1].cik.as_deref(), Some("0001076809"));
        assert_eq!(doc.lines[0].text, "SCHEDULE 13G");
        assert_eq!(doc.lines[0].no, 20);
    }

    #[test]
    fn one_line_nc_files_are_reflowed() {
        let nc = "<SUBMISSION>\n<ACCESSION-NUMBER>0001127602-25-004598<TYPE>4<FILING-DATE>20250213<REPORTING-OWNER><OWNER-DATA><CONFORMED-NAME>Jane Roe<CIK>0001870985</OWNER-DATA></REPORTING-OWNER><DOCUMENT><TYPE>4<SEQUENCE>1<TEXT><XML><?xml version=\"1.0\"?><ownershipDocument><documentType>4</documentType></ownershipDocument></XML></TEXT></DOCUMENT></SUBMISSION>";
        let doc = unwrap("p", nc);
        let h = doc.header.unwrap();
        assert_eq!(h.form_type.as_deref(), Some("4"));
        assert_eq!(h.parties[0].name, "Jane Roe");
        assert_eq!(h.parties[0].role, PartyRole::ReportingOwner);
        assert_eq!(doc.xml.len(), 1);
        assert!(doc.xml[0].text.contains("<documentType>4</documentType>"));
    }

    #[test]
    fn truncated_submission_does_not_panic() {
        let doc = unwrap(
            "p",
            "<SEC-HEADER>\nACCESSION NUMBER: 1\n<DOCUMENT>\n<TYPE>SC 13G\n<TEXT>\nSCHEDULE",
        );
        assert_eq!(doc.lines.last().unwrap().text, "SCHEDULE");
    }
}
