//! `detect`: Document -> [`FormType`]. The SEC header's submission type wins when there is one; the
//! text's own title ("SCHEDULE 13G", "(Amendment No. 2)") fills in the rest.

use crate::load::Document;
use crate::text::re;
use regex::Regex;
use std::sync::LazyLock;

/// The form families relgraph tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Schedule13D,
    Schedule13G,
    /// Registration statements and their amendments (S-1, S-3, S-4, S-8, F-1, F-3, POS AM):
    /// signature pages and cover-page people.
    Registration,
    /// Annual reports (10-K, 10-K405, 20-F): signature pages.
    AnnualReport,
    /// Proxy statements (DEF 14A, PRE 14A): signatures, directors and ownership tables.
    Proxy,
    /// Forms 3, 4 and 5 and their amendments: insiders' holdings and relationships.
    Ownership,
    /// Any other form: reported as skipped.
    Other,
}

/// A detected form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormType {
    pub family: Family,
    /// The label to report: `SC 13G/A`, `SCHEDULE 13D`, `10-Q`, ...
    pub label: String,
    pub amendment: Option<u32>,
    /// The schedule's body is the 2024+ structured XML, not text.
    pub structured_xml: bool,
}

impl FormType {
    pub fn is_amendment(&self) -> bool {
        self.label.ends_with("/A") || self.amendment.is_some_and(|n| n > 0)
    }
}

static TITLE_13: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bSCHEDULE\s+13\s*-?\s*([DG])\b"));
static AMENDMENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\(?\s*Amendment\s+No\.?\s*:?\s*_*\s*(\d{1,3})\s*_*\s*\)?"));
static OTHER_FORMS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (
            r"(?i)POST-EFFECTIVE\s+AMENDMENT.*FORM\s+S-(\d)",
            "POS AM (S-$1)",
        ),
        (
            r"(?i)\bFORM\s+(10-K|10-Q|8-K|20-F|40-F|6-K|S-1|S-3|S-4|S-8|F-1|F-3|N-CSR|11-K)\b",
            "$1",
        ),
        (r"(?i)\bSCHEDULE\s+14A\b", "DEF 14A"),
        (r"(?i)\bSCHEDULE\s+(TO|14D-9|13E-3)\b", "SC $1"),
        (r"(?i)^\s*FORM\s+([345])(?:\s|$)", "FORM $1"),
        (
            r"(?i)ANNUAL\s+STATEMENT\s+OF\s+CHANGES\s+IN\s+BENEFICIAL\s+OWNERSHIP",
            "FORM 5",
        ),
        (
            r"(?i)INITIAL\s+STATEMENT\s+OF\s+BENEFICIAL\s+OWNERSHIP",
            "FORM 3",
        ),
        (
            r"(?i)STATEMENT\s+OF\s+CHANGES\s+IN\s+BENEFICIAL\s+OWNERSHIP",
            "FORM 4",
        ),
    ]
    .into_iter()
    .map(|(p, l)| (re(p), l))
    .collect()
});

/// How many lines from the top a schedule's title is looked for in.
const TITLE_WINDOW: usize = 120;
/// Other forms' titles can sit below long inline-XBRL or table-of-contents preambles.
const OTHER_TITLE_WINDOW: usize = 2000;

pub fn detect(doc: &Document) -> FormType {
    let head: Vec<&str> = doc
        .lines
        .iter()
        .take(TITLE_WINDOW)
        .map(|l| l.text.as_str())
        .collect();
    let amendment = head
        .iter()
        // an ASCII line without the word is not tried (case folding matches other letters)
        .filter(|l| !l.is_ascii() || crate::text::contains_ascii_ci(l, "amendment"))
        .find_map(|l| AMENDMENT.captures(l))
        .and_then(|c| c[1].parse().ok());
    let declared = doc
        .header
        .as_ref()
        .and_then(|h| h.form_type.clone())
        .or_else(|| doc.declared_type.clone())
        .or_else(|| doc.xml.first().and_then(|x| xml_form_type(&x.text)))
        // an empty `<TYPE>` says nothing: the text's own title tells
        .filter(|l| !l.trim().is_empty())
        .map(|l| ownership_label(&l));
    let structured_xml = doc.primary_is_xml;
    if let Some(label) = declared {
        return FormType {
            family: family_of_label(&label),
            label,
            amendment,
            structured_xml,
        };
    }
    // A title stands at the start of a short line; a table or sentence that mentions a schedule
    // (a README listing filings) is not one.
    let title = |l: &&&str| {
        l.len() < 120
            && TITLE_13.find(l).is_some_and(|m| {
                l[..m.start()]
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .is_empty()
            })
    };
    if let Some(family) = head.iter().filter(title).find_map(|l| {
        TITLE_13.captures(l).map(|c| match &c[1] {
            "D" | "d" => Family::Schedule13D,
            _ => Family::Schedule13G,
        })
    }) {
        let base = if family == Family::Schedule13D {
            "SC 13D"
        } else {
            "SC 13G"
        };
        let amended = amendment.is_some_and(|n| n > 0);
        return FormType {
            family,
            label: format!("{base}{}", if amended { "/A" } else { "" }),
            amendment,
            structured_xml: false,
        };
    }
    let label = doc
        .lines
        .iter()
        .take(OTHER_TITLE_WINDOW)
        .map(|l| l.text.as_str())
        .find_map(|l| {
            OTHER_FORMS.iter().find_map(|(r, label)| {
                r.captures(l).map(|c| {
                    let mut out = String::new();
                    c.expand(label, &mut out);
                    out.to_ascii_uppercase()
                })
            })
        })
        .unwrap_or_else(|| "unknown form".to_string());
    FormType {
        family: family_of_label(&label),
        label,
        amendment: None,
        structured_xml: false,
    }
}

static XML_TYPE: LazyLock<Regex> =
    LazyLock::new(|| re(r"<(?:documentType|submissionType)>\s*([^<]{1,30}?)\s*</"));

/// The form a structured XML document declares: `<documentType>4</documentType>`,
/// `<submissionType>SCHEDULE 13D</submissionType>`.
fn xml_form_type(xml: &str) -> Option<String> {
    XML_TYPE.captures(xml).map(|c| c[1].to_string())
}

/// EDGAR calls ownership forms `3`, `4`, `5`, `4/A`; say "FORM 4" so a person can read it.
fn ownership_label(label: &str) -> String {
    match label.trim() {
        l @ ("3" | "4" | "5" | "3/A" | "4/A" | "5/A") => format!("FORM {l}"),
        l => l.to_string(),
    }
}

/// `SC 13G/A`, `SCHEDULE 13D`, `SC13D` -> the family.
fn family_of_label(label: &str) -> Family {
    let compact: String = label
        .to_ascii_uppercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if compact.starts_with("SC13D") || compact.starts_with("SCHEDULE13D") {
        Family::Schedule13D
    } else if compact.starts_with("SC13G") || compact.starts_with("SCHEDULE13G") {
        Family::Schedule13G
    } else if [
        "S-1", "S-3", "S-4", "S-8", "F-1", "F-3", "F-4", "POSAM", "S-11",
    ]
    .iter()
    .any(|f| {
        compact == *f
            || compact.starts_with(&format!("{f}/"))
            || (f.starts_with("POSAM") && compact.starts_with(f))
            || is_variant(&compact, f)
    }) {
        Family::Registration
    } else if ["10-K", "10-K405", "10-KSB", "20-F", "40-F"]
        .iter()
        .any(|f| compact == *f || compact.starts_with(&format!("{f}/")))
    {
        Family::AnnualReport
    } else if ["DEF14A", "PRE14A", "DEFM14A", "DEFR14A"].contains(&compact.as_str()) {
        Family::Proxy
    } else if ["FORM3", "FORM4", "FORM5", "FORM3/A", "FORM4/A", "FORM5/A"]
        .contains(&compact.as_str())
    {
        Family::Ownership
    } else {
        Family::Other
    }
}

/// A registration form's variant: the automatic shelf `S-3ASR`, `F-3ASR`, the short-form `S-1MEF`,
/// `S-3D` (dividend reinvestment), `S-3DPOS` (and their amendments).
fn is_variant(compact: &str, form: &str) -> bool {
    let Some(rest) = compact.strip_prefix(form) else {
        return false;
    };
    let rest = rest.split('/').next().unwrap_or(rest);
    ["ASR", "MEF", "D", "DPOS"].contains(&rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_bytes;

    fn detect_text(t: &str) -> FormType {
        detect(&load_bytes("t", t.as_bytes()).unwrap())
    }

    #[test]
    fn schedules_from_their_titles() {
        let f = detect_text(
            "SCHEDULE 13G\n\nUnder the Securities Exchange Act of 1934\n(Amendment No. 2)*\n",
        );
        assert_eq!(
            (f.family, f.label.as_str(), f.amendment),
            (Family::Schedule13G, "SC 13G/A", Some(2))
        );
        let f =
            detect_text("SCHEDULE 13D Under the Securities Exchange Act of 1934 (Amendment No. 2)");
        assert_eq!((f.family, f.amendment), (Family::Schedule13D, Some(2)));
        let f = detect_text("SCHEDULE 13D\n(Amendment No. _2_)\n");
        assert_eq!(f.amendment, Some(2));
        let f = detect_text("SCHEDULE 13D\n(Amendment No. )\n");
        assert_eq!((f.label.as_str(), f.amendment), ("SC 13D", None));
    }

    #[test]
    fn header_labels_old_and_new() {
        for (label, fam) in [
            ("SC 13G/A", Family::Schedule13G),
            ("SCHEDULE 13D/A", Family::Schedule13D),
            ("SC 13D", Family::Schedule13D),
            ("10-K", Family::AnnualReport),
            ("10-Q", Family::Other),
            ("DEF 14A", Family::Proxy),
            ("POS AM", Family::Registration),
            ("S-3/A", Family::Registration),
            ("S-3ASR", Family::Registration),
            ("F-3ASR", Family::Registration),
            ("S-1MEF", Family::Registration),
            ("S-11", Family::Registration),
            ("S-3X", Family::Other),
        ] {
            assert_eq!(family_of_label(label), fam, "{label}");
        }
    }

    #[test]
    fn other_forms_are_named() {
        assert_eq!(detect_text("FORM 10-Q\nQuarterly report").label, "10-Q");
        assert_eq!(
            detect_text("POST-EFFECTIVE AMENDMENT NO. 2 TO FORM S-3 REGISTRATION STATEMENT").label,
            "POS AM (S-3)"
        );
        assert_eq!(detect_text("hello").label, "unknown form");
        // an empty <TYPE> in a bare document: the cover's title tells
        let f = detect_text("<DOCUMENT>\n<TYPE>\n<TEXT>\n<html><body><p>FORM 10-K</p></body></html>\n</TEXT>\n</DOCUMENT>\n");
        assert_eq!((f.label.as_str(), f.family), ("10-K", Family::AnnualReport));
        assert_eq!(
            detect_text("| x.xml | SCHEDULE 13G (structured XML) | Acme |\n").label,
            "unknown form"
        );
        let xml = "<?xml version=\"1.0\"?>\n<ownershipDocument>\n<documentType>4</documentType>\n</ownershipDocument>\n";
        let f = detect_text(xml);
        assert_eq!((f.label.as_str(), f.structured_xml), ("FORM 4", true));
    }
}
