//! `load`: bytes -> [`Document`]. Decodes the text, unwraps EDGAR complete-submission envelopes, turns
//! HTML into lines, and keeps every line's number in the source file so evidence can point back to it.
//!
//! This is the only stage that reads input from the file system.

mod cells;
mod decode;
mod html;
mod submission;

pub use cells::{cells, Cell};
pub use decode::Encoding;
pub use submission::{HeaderParty, PartyRole, SecHeader};

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Files larger than this are refused rather than read: no real filing's text comes near it, and it
/// keeps one stray archive from taking the machine's memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Bounds on what one input may cost, each with a `relgraph build` flag (docs/reliability.md).
/// A file over one is refused with a line saying which and how to raise it; the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Larger files are refused before they are read (`--max-file-size`).
    pub file_bytes: u64,
    /// A file with a longer line, once markup is removed, is refused (`--max-line-length`): the
    /// passes over a line are linear, but no filing has a line of even 100 KB, and such a file
    /// is not one.
    pub line_bytes: usize,
    /// A filing naming more parties is refused (`--max-names`): the largest real ones (a proxy's
    /// ownership table, a fund family's joint filing) name a few hundred.
    pub parties: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            file_bytes: MAX_FILE_BYTES,
            line_bytes: 1024 * 1024,
            parties: 5_000,
        }
    }
}

impl Limits {
    /// Refuses a document with a line longer than the limit, naming the first such line.
    pub fn check_lines(&self, doc: &Document) -> Result<(), LoadError> {
        match doc.lines.iter().find(|l| l.text.len() > self.line_bytes) {
            Some(l) => Err(LoadError::LineTooLong {
                line: l.no,
                len: l.text.len(),
                limit: self.line_bytes,
            }),
            None => Ok(()),
        }
    }
}

/// One line of the text a stage reads, with its 1-based line number in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// The layout a file came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    /// An EDGAR complete-submission file (`<SEC-HEADER>`, `<IMS-HEADER>` or `.nc` tags).
    Submission,
    /// A bare structured XML document (ownershipDocument, 13D/G edgarSubmission).
    Xml,
}

/// A structured XML document carried inside a submission (13D/G primary_doc, ownership forms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlPart {
    pub doc_type: String,
    pub first_line: usize,
    pub text: String,
}

/// A filing, decoded and flattened into lines.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given on the command line (or found under a given directory).
    pub path: String,
    /// SHA-256 of the raw bytes, hex.
    pub hash: String,
    pub encoding: Encoding,
    pub format: Format,
    pub header: Option<SecHeader>,
    /// `<TYPE>` of the first document of a submission.
    pub declared_type: Option<String>,
    pub lines: Vec<Line>,
    pub xml: Vec<XmlPart>,
    /// The primary (first) document is structured XML; any text is exhibits.
    pub primary_is_xml: bool,
    /// The table cells of EDGAR's rendered view of a Form 3/4/5 (empty for any other page).
    pub cells: Vec<Cell>,
    /// The HTML documents as written, for readers whose facts are in a table's layout (a proxy's
    /// ownership table): they read its [`cells`] when they need them.
    pub html: Vec<HtmlPart>,
}

/// One HTML document of a filing and the source line of its first character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPart {
    pub first_line: usize,
    pub text: String,
}

impl Document {
    /// What evidence calls this filing: its accession number when known, else its path.
    pub fn filing_id(&self) -> String {
        self.header
            .as_ref()
            .and_then(|h| h.accession.clone())
            .unwrap_or_else(|| self.path.clone())
    }
}

/// Why a file could not be used at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("empty file")]
    Empty,
    #[error("binary data, not a text, HTML or EDGAR filing")]
    Binary,
    #[error(
        "file of {len} bytes is larger than the {limit}-byte limit; raise it with --max-file-size"
    )]
    TooLarge { len: u64, limit: u64 },
    #[error("line {line} is {len} bytes long, longer than the {limit}-byte limit; raise it with --max-line-length")]
    LineTooLong {
        line: usize,
        len: usize,
        limit: usize,
    },
    #[error("no text in the file once markup is removed")]
    NoText,
}

/// Reads and decodes one file.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    let bytes = read_file(path, MAX_FILE_BYTES)?;
    load_bytes(&path.display().to_string(), &bytes)
}

/// A file's bytes, refusing one over `limit` bytes before reading it.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::Io(e.to_string()))?;
    if meta.len() > limit {
        return Err(LoadError::TooLarge {
            len: meta.len(),
            limit,
        });
    }
    std::fs::read(path).map_err(|e| LoadError::Io(e.to_string()))
}

/// SHA-256 of the bytes, hex: a filing's identity in the store.
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Decodes bytes that came from `path`: the pure part of [`load_file`].
pub fn load_bytes(path: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    load_hashed(path, bytes, hash_bytes(bytes))
}

/// [`load_bytes`] when the hash is known already.
pub fn load_hashed(path: &str, bytes: &[u8], hash: String) -> Result<Document, LoadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty);
    }
    if decode::looks_binary(bytes) {
        return Err(LoadError::Binary);
    }
    let (text, encoding) = decode::decode(bytes);
    let mut doc = if submission::is_submission(&text) {
        submission::unwrap(path, &text)
    } else if looks_like_xml(&text) {
        let mut d = Document::bare(path, Format::Xml, Vec::new());
        d.xml.push(XmlPart {
            doc_type: String::new(),
            first_line: 1,
            text,
        });
        d.primary_is_xml = true;
        d
    } else if html::looks_like_html(&text) {
        let mut d = Document::bare(path, Format::Html, html::to_lines(&text, 1));
        if cells::is_rendered_ownership_form(&text) {
            d.cells = cells::cells(&text, 1);
        }
        d.html.push(HtmlPart {
            first_line: 1,
            text,
        });
        d
    } else {
        Document::bare(path, Format::Text, plain_lines(&text, 1))
    };
    doc.hash = hash;
    doc.encoding = encoding;
    if doc.lines.iter().all(|l| l.text.trim().is_empty()) && doc.xml.is_empty() {
        return Err(LoadError::NoText);
    }
    Ok(doc)
}

impl Document {
    fn bare(path: &str, format: Format, lines: Vec<Line>) -> Document {
        Document {
            path: path.to_string(),
            hash: String::new(),
            encoding: Encoding::Utf8,
            format,
            header: None,
            declared_type: None,
            lines,
            xml: Vec::new(),
            primary_is_xml: false,
            cells: Vec::new(),
            html: Vec::new(),
        }
    }
}

/// A bare XML document rather than text: it opens with an XML declaration or an EDGAR root element.
fn looks_like_xml(text: &str) -> bool {
    let t = text.trim_start();
    let opens = t.starts_with("<?xml")
        || t.starts_with("<ownershipDocument")
        || t.starts_with("<edgarSubmission");
    // inline XBRL is XHTML: an XML declaration followed by <html>
    opens && !crate::text::contains_ascii_ci(crate::text::first_chars(t, 4096), "<html")
}

/// Splits plain text into cleaned lines numbered from `first_line`.
pub(crate) fn plain_lines(text: &str, first_line: usize) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            no: first_line + i,
            text: clean_line(raw),
        })
        .collect()
}

/// Normalises one line of filing text: no-break spaces become spaces, PDF-extraction markdown
/// (`**bold**`, `\$`) is undone, page markers and trailing blanks go.
pub(crate) fn clean_line(raw: &str) -> String {
    let trimmed = raw.trim_end_matches(['\r', ' ', '\t']);
    // Most lines are plain printable ASCII with nothing below to undo: no `*` or `\`, and no
    // `<` that could open a page marker. One look at each byte tells, and the line is copied.
    let (mut plain, mut simple) = (true, true);
    for &b in trimmed.as_bytes() {
        plain &= (0x20..0x7f).contains(&b) || b == b'\t';
        simple &= !matches!(b, b'*' | b'\\' | b'<');
    }
    if plain && simple {
        return trimmed.to_string();
    }
    let mut s: String = if plain {
        trimmed.to_string()
    } else {
        trimmed
            .chars()
            .map(|c| match c {
                '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
                // C0 and C1 controls: no text holds them (a Windows-1252 file's undefined bytes
                // decode to C1), and a terminal could read them as commands
                '\u{0}'..='\u{8}'
                | '\u{b}'
                | '\u{c}'
                | '\u{e}'..='\u{1f}'
                | '\u{7f}'..='\u{9f}' => ' ',
                c => c,
            })
            .collect()
    };
    if s.contains("**") {
        s = s.replace("**", "");
    }
    if s.contains("\\$") {
        s = s.replace("\\$", "$");
    }
    if is_page_marker(&s) {
        return String::new();
    }
    s.trim_end().to_string()
}

/// An EDGAR page break (`<PAGE>`), which is not text of the filing.
fn is_page_marker(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("<PAGE>") || t.eq_ignore_ascii_case("<page>")
}

/// Every file under the given paths, directories read recursively, in a stable (sorted) order.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        walk(p, &mut files, &mut errors);
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(path: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<(PathBuf, String)>) {
    match std::fs::metadata(path) {
        Err(e) => errors.push((path.to_path_buf(), e.to_string())),
        Ok(m) if m.is_dir() => walk_dir(path, files, errors),
        Ok(_) => files.push(path.to_path_buf()),
    }
}

/// The files under a directory, in sorted order, hidden ones left out. An entry's type comes with
/// the directory listing, so only symbolic links cost a look-up of their own.
fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<(PathBuf, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Err(e) => return errors.push((dir.to_path_buf(), e.to_string())),
        Ok(entries) => entries,
    };
    let mut children: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .flatten()
        .map(|e| (e.path(), e.file_type().ok()))
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (child, kind) in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        match kind {
            _ if hidden => {}
            Some(k) if k.is_file() => files.push(child),
            Some(k) if k.is_dir() => walk_dir(&child, files, errors),
            _ => walk(&child, files, errors),
        }
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cleaned_of_markup_page_marks_and_trailing_blanks() {
        for (raw, clean) in [
            ("  Item 4.  Ownership \t\r", "  Item 4.  Ownership"),
            ("**Item 4.** Ownership", "Item 4. Ownership"),
            ("price \\$4.50 * note", "price $4.50 * note"),
            ("   <PAGE>  ", ""),
            ("<page>", ""),
            ("<PAGE> 12", ""),
            ("a < b", "a < b"),
            ("x\u{a0}y\u{1}z  ", "x y z"),
            ("caf\u{e9} **bold**", "caf\u{e9} bold"),
            ("", ""),
        ] {
            assert_eq!(clean_line(raw), clean, "{raw:?}");
        }
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert_eq!(load_bytes("e", b"").unwrap_err(), LoadError::Empty);
        assert_eq!(load_bytes("e", b" \n\r\n\t").unwrap_err(), LoadError::Empty);
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
        assert_eq!(load_bytes("b", &bytes).unwrap_err(), LoadError::Binary);
    }

    #[test]
    fn markup_only_html_has_no_text() {
        let err = load_bytes("h", b"<html><body><p> </p></body></html>").unwrap_err();
        assert_eq!(err, LoadError::NoText);
    }

    #[test]
    fn plain_text_keeps_line_numbers_and_undoes_pdf_markdown() {
        let doc = load_bytes("t", b"**SCHEDULE 13G**\n\nPar value \\$.001\r\n").unwrap();
        assert_eq!(doc.format, Format::Text);
        assert_eq!(doc.lines[0].text, "SCHEDULE 13G");
        assert_eq!(doc.lines[2].no, 3);
        assert_eq!(doc.lines[2].text, "Par value $.001");
    }

    #[test]
    fn latin1_is_decoded() {
        let doc = load_bytes("l", b"Soci\xe9t\xe9 \x93Fictive\x94\n").unwrap();
        assert_eq!(doc.encoding, Encoding::Windows1252);
        assert_eq!(
            doc.lines[0].text,
            "Soci\u{e9}t\u{e9} \u{201c}Fictive\u{201d}"
        );
    }
}
