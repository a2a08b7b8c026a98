//! Names: the normalised key two spellings of one entity share, the legal form that tells look-alike
//! entities apart, and the person-or-organisation test.

use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Legal forms as they appear once punctuation is gone, longest first, with their canonical token.
/// A legal form only counts at the end of a name, so "Michael P. Smith" has none.
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("LIMITED LIABILITY LIMITED PARTNERSHIP", "LLLP"),
    ("LIMITED LIABILITY PARTNERSHIP", "LLP"),
    ("LIMITED LIABILITY COMPANY", "LLC"),
    ("LIMITED PARTNERSHIP", "LP"),
    ("NATIONAL ASSOCIATION", "NA"),
    ("PUBLIC LIMITED COMPANY", "PLC"),
    ("GMBH AND CO KG", "GMBH & CO KG"),
    ("GMBH CO KG", "GMBH & CO KG"),
    ("L L L P", "LLLP"),
    ("L L C", "LLC"),
    ("L L P", "LLP"),
    ("S P A", "SPA"),
    ("P L C", "PLC"),
    ("INCORPORATED", "INC"),
    ("CORPORATION", "CORP"),
    ("LIMITED", "LTD"),
    ("COMPANY", "CO"),
    ("LLLP", "LLLP"),
    ("N V", "NV"),
    ("N A", "NA"),
    ("B V", "BV"),
    ("S A", "SA"),
    ("A G", "AG"),
    ("L P", "LP"),
    ("LLC", "LLC"),
    ("LLP", "LLP"),
    ("INC", "INC"),
    ("CORP", "CORP"),
    ("LTD", "LTD"),
    ("PLC", "PLC"),
    ("GMBH", "GMBH"),
    ("SPA", "SPA"),
    ("SARL", "SARL"),
    ("SAS", "SAS"),
    ("NV", "NV"),
    ("BV", "BV"),
    ("AG", "AG"),
    ("SE", "SE"),
    ("NA", "NA"),
    ("SA", "SA"),
    ("KG", "KG"),
    ("LP", "LP"),
    ("CO", "CO"),
];

const HONORIFICS: &[&str] = &["MR", "MRS", "MS", "MISS", "DR", "PROF", "SIR", "DAME"];

/// Words that mark an organisation when a name has no legal form ("Polygon Global Opportunities
/// Master Fund", "Capital Research and Management Company").
const ORG_WORDS: &[&str] = &[
    "FUND",
    "FUNDS",
    "CAPITAL",
    "PARTNERS",
    "PARTNERSHIP",
    "MANAGEMENT",
    "HOLDINGS",
    "HOLDING",
    "TRUST",
    "GROUP",
    "BANK",
    "BANCORP",
    "INVESTMENTS",
    "INVESTMENT",
    "INVESTORS",
    "ASSOCIATES",
    "ADVISORS",
    "ADVISERS",
    "ADVISORY",
    "VENTURES",
    "VENTURE",
    "EQUITY",
    "SECURITIES",
    "FINANCIAL",
    "INTERNATIONAL",
    "SERVICES",
    "OPPORTUNITIES",
    "MASTER",
    "FOUNDATION",
    "ASSET",
    "ASSETS",
    "GLOBAL",
    "OFFSHORE",
    "ONSHORE",
    "RESEARCH",
    "INDUSTRIES",
    "SYSTEMS",
    "TECHNOLOGIES",
    "TECHNOLOGY",
    "PHARMACEUTICALS",
    "THERAPEUTICS",
    "ENERGY",
    "INSURANCE",
    "AMERICA",
    "AMERICAN",
    "CORPORATE",
    "ENTERPRISES",
    "LABORATORIES",
    "STRATEGIC",
    "SPECIAL",
    "SITUATIONS",
    "PORTFOLIO",
    "ENDOWMENT",
    "UNIVERSITY",
    "COLLEGE",
    "PENSION",
    "RETIREMENT",
    "PLAN",
    "ESTATE",
    "FAMILY",
    "COMMISSION",
    "MEDICAL",
    "HEALTH",
    "ACQUISITION",
    "PARENT",
    "INTERMEDIATE",
    "HOLDCO",
    "FINCO",
    "SUBSIDIARY",
    "AFFILIATES",
    "CAYMAN",
    "BERMUDA",
    "LUXEMBOURG",
    "DELAWARE",
    "STOCK",
    "SHARES",
    "COMMON",
    "REPORTING",
    "PERSONS",
    "PERSON",
    "ISSUER",
    "SCHEDULE",
    "ITEM",
];

/// The key two spellings of one entity share: NFKC, upper case, punctuation gone, EDGAR
/// decorations (`/DE/`, `/ADV`) and honorifics dropped, legal forms in canonical form.
/// "8X8, INC." and "8x8, Inc." share `8X8 INC`; "Patrick G.G. Dear" and "Patrick G. G. Dear"
/// share `PATRICK G G DEAR`.
pub fn norm_key(name: &str) -> String {
    let mut tokens = tokens(name);
    if tokens.first().is_some_and(|t| t == "THE") && tokens.len() > 1 {
        tokens.remove(0);
    }
    if tokens.len() > 2 && HONORIFICS.contains(&tokens[0].as_str()) {
        tokens.remove(0);
    }
    canonical_form(&mut tokens);
    for t in tokens.iter_mut() {
        if let Some(short) = abbreviation(t) {
            *t = short.to_string();
        }
    }
    tokens.join(" ")
}

/// [`norm_key`], remembered per thread for the last few thousand names. A filing's passes ask for
/// the key of the same party names again and again (every signature line, every look-up); the
/// memory is bounded by clearing it when full.
pub fn norm_key_memo(name: &str) -> String {
    const MEMO_SIZE: usize = 4096;
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<String, String>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    MEMO.with(|memo| {
        if let Some(key) = memo.borrow().get(name) {
            return key.clone();
        }
        let key = norm_key(name);
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_SIZE {
            memo.clear();
        }
        memo.insert(name.to_string(), key.clone());
        key
    })
}

/// Words filings spell out or abbreviate at will, anywhere in a name
/// ("Carl Marks Management Company, L.P." = "CARL MARKS MANAGEMENT CO L P").
fn abbreviation(word: &str) -> Option<&'static str> {
    Some(match word {
        "COMPANY" => "CO",
        "CORPORATION" => "CORP",
        "INCORPORATED" => "INC",
        "LIMITED" => "LTD",
        "BROTHERS" => "BROS",
        _ => return None,
    })
}

/// First words that start prose, captions or table headings, never a name.
const NOT_NAME_STARTS: &[&str] = &[
    "THIS",
    "EACH",
    "SEE",
    "NAME",
    "NAMES",
    "ADDRESS",
    "DATE",
    "SHARES",
    "ITEM",
    "NONE",
    "NOT",
    "AMOUNT",
    "PERCENT",
    "TITLE",
    "CUSIP",
    "CHECK",
    "TYPE",
    "SOLE",
    "SHARED",
    "NUMBER",
    "AGGREGATE",
    "CITIZENSHIP",
    "SOURCE",
    "PURSUANT",
    "AS",
    "IF",
    "IN",
    "ON",
    "BY",
    "FOR",
    "TO",
    "OF",
    "AND",
    "OR",
    "WITH",
    "ALL",
    "ANY",
    "SUCH",
    "SIGNATURE",
    "SIGNATURES",
    "EXHIBIT",
    "ANNEX",
    "SCHEDULE",
];

/// True when a string can be a party's name: it starts with a capital or a digit, has letters, no
/// colon, at most 15 words, and does not open like a caption or a sentence.
pub fn is_plausible_name(name: &str) -> bool {
    let t = name.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let first = words
        .first()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_uppercase()
        })
        .unwrap_or_default();
    (2..=150).contains(&t.len())
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && t.chars().any(char::is_alphabetic)
        && !t.contains(':')
        && words.len() <= 15
        && !NOT_NAME_STARTS.contains(&first.as_str())
}

/// The canonical legal form at the end of a name, if any: `Polygon Investment Partners LLP` ->
/// `LLP`; `Polygon Investment Partners GP, LLC` -> `LLC`.
pub fn legal_form(name: &str) -> Option<String> {
    let mut tokens = tokens(name);
    canonical_form(&mut tokens);
    let last = tokens.last()?;
    LEGAL_FORMS
        .iter()
        .any(|(_, canon)| canon == last)
        .then(|| last.clone())
}

/// Upper-cased words of a name with punctuation removed. `&` is kept as a word; EDGAR's trailing
/// `/DE/`-style state tags are dropped.
fn tokens(name: &str) -> Vec<String> {
    // ASCII is its own NFKC form; most names are ASCII
    let s: String = if name.is_ascii() {
        name.to_ascii_uppercase()
    } else {
        name.nfkc().collect::<String>().to_uppercase()
    };
    let s = strip_edgar_decoration(&s);
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in s.chars() {
        // "Alexander's" and "ALEXANDERS" are one word
        if ch == '\'' || ch == '\u{2019}' {
            continue;
        }
        if ch.is_alphanumeric() {
            cur.push(ch);
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if ch == '&' {
                out.push("&".to_string());
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    // "AND" and "&" are one word in names ("Goldman, Sachs & Co." / "and Co.").
    for t in out.iter_mut() {
        if t == "AND" {
            *t = "&".to_string();
        }
    }
    out
}

/// A word of running text as a name key sees it: upper case, letters and digits only ("&" and
/// "AND" are "&", apostrophes dropped), with the byte range it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordToken {
    pub word: String,
    pub start: usize,
    pub end: usize,
}

/// The words of a text as [`norm_key`] splits a name, each with its byte range: a name's key is
/// a run of these words (legal forms aside, see [`legal_form_spellings`]).
pub fn word_tokens(text: &str) -> Vec<WordToken> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut end = 0;
    for (i, ch) in text.char_indices() {
        if ch == '\'' || ch == '\u{2019}' {
            continue;
        }
        if ch.is_alphanumeric() {
            if cur.is_empty() {
                start = i;
            }
            // most text is ASCII: one byte in, one byte out, no case-mapping table
            if ch.is_ascii() {
                cur.push(ch.to_ascii_uppercase());
            } else {
                cur.extend(ch.to_uppercase());
            }
            end = i + ch.len_utf8();
            continue;
        }
        if !cur.is_empty() {
            let word = if cur == "AND" {
                "&".to_string()
            } else {
                std::mem::take(&mut cur)
            };
            cur.clear();
            out.push(WordToken { word, start, end });
        }
        if ch == '&' {
            out.push(WordToken {
                word: "&".into(),
                start: i,
                end: i + 1,
            });
        }
    }
    if !cur.is_empty() {
        let word = if cur == "AND" { "&".to_string() } else { cur };
        out.push(WordToken { word, start, end });
    }
    out
}

/// The words a canonical legal form is written with at the end of a name: "LP" is "L P",
/// "LIMITED PARTNERSHIP" or "LP"; empty for a word that is no legal form.
pub fn legal_form_spellings(canon: &str) -> impl Iterator<Item = Vec<&'static str>> + '_ {
    LEGAL_FORMS
        .iter()
        .filter(move |(_, c)| *c == canon)
        .map(|(form, _)| form.split(' ').collect())
}

/// The word a key writes for a word of a name ("COMPANY" -> "CO"), or the word itself.
pub fn key_word(word: &str) -> &str {
    abbreviation(word).unwrap_or(word)
}

/// Whether a word (upper case) is one of the words that mark an organisation ("FUND", "CAPITAL").
pub fn is_org_word(word: &str) -> bool {
    ORG_WORDS.contains(&word)
}

/// EDGAR conformed names carry state or status tags: `SUBURBAN BANCORP INC /DE/`,
/// `CARL MARKS MANAGEMENT CO L P /NY/`, `BROOKFIELD Corp /ON/`, `SOME ADVISER /ADV`.
fn strip_edgar_decoration(s: &str) -> String {
    let mut s = s.trim_end().to_string();
    for tail in [" ET AL", " ET AL."] {
        if let Some(stem) = s.strip_suffix(tail) {
            s = stem.trim_end().to_string();
        }
    }
    loop {
        let t = s.trim_end_matches('/').trim_end();
        let Some(slash) = t.rfind('/') else { break };
        let tag = &t[slash + 1..];
        let is_tag = (1..=4).contains(&tag.len()) && tag.chars().all(|c| c.is_ascii_alphabetic());
        // "/DE/" after a space; "/CA" glued to a legal form ("FARALLON PARTNERS L L C/CA")
        let glued_state = tag.len() == 2
            && t[..slash].ends_with(|c: char| c.is_ascii_uppercase())
            && t[..slash]
                .split(' ')
                .next_back()
                .is_some_and(|w| w.len() <= 3);
        if !is_tag || !(t[..slash].ends_with(' ') || glued_state) {
            break;
        }
        s = t[..slash].trim_end().to_string();
    }
    s
}

/// Rewrites the trailing legal form into its canonical token(s), in place.
fn canonical_form(tokens: &mut Vec<String>) {
    // each legal form's words, split once
    static FORMS: LazyLock<Vec<(Vec<&'static str>, &'static str)>> = LazyLock::new(|| {
        LEGAL_FORMS
            .iter()
            .map(|(form, canon)| (form.split(' ').collect(), *canon))
            .collect()
    });
    for (words, canon) in FORMS.iter() {
        let n = words.len();
        if tokens.len() > n
            && tokens[tokens.len() - n..]
                .iter()
                .zip(words)
                .all(|(t, w)| t == w)
        {
            tokens.truncate(tokens.len() - n);
            tokens.extend(canon.split(' ').map(str::to_string));
            return;
        }
    }
}

/// True when a name reads as a natural person's: no legal form, no organisation word, two to five
/// words that are capitalised names or initials. "Michael P. Smith" is a person; "Kings Road
/// Investments Ltd." is not.
pub fn looks_like_person(name: &str) -> bool {
    let mut toks = tokens(name);
    if toks
        .first()
        .is_some_and(|t| HONORIFICS.contains(&t.as_str()))
        && toks.len() >= 2
    {
        toks.remove(0);
        if toks.len() == 1 {
            // "Mr. Dear": an honorific and a surname
            return toks[0].chars().all(char::is_alphabetic);
        }
    }
    while toks
        .last()
        .is_some_and(|t| matches!(t.as_str(), "JR" | "SR" | "II" | "III" | "IV" | "ESQ"))
    {
        toks.pop();
    }
    if !(2..=5).contains(&toks.len()) {
        return false;
    }
    if toks.iter().any(|t| {
        t == "&"
            || matches!(t.as_str(), "OF" | "THE" | "FOR")
            || t.chars().any(|c| c.is_ascii_digit())
            || ORG_WORDS.contains(&t.as_str())
    }) {
        return false;
    }
    if legal_form(name).is_some() && !ends_with_initial(name) {
        return false;
    }
    toks.iter().all(|t| t.chars().all(char::is_alphabetic))
}

/// "Michael P." ends with an initial, not with the legal form "P." of "L.P.".
fn ends_with_initial(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [.., prev, last] => {
            let l = last.trim_end_matches('.');
            l.chars().count() == 1 && !prev.trim_end_matches(['.', ',']).eq_ignore_ascii_case("L")
        }
        _ => false,
    }
}

/// Drops a leading honorific for display: "Mr. Reade E. Griffith" -> "Reade E. Griffith".
pub fn strip_honorific(name: &str) -> &str {
    let t = name.trim();
    for h in [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "MR.", "MS.", "DR.",
    ] {
        if let Some(rest) = t.strip_prefix(h) {
            if rest.starts_with(' ') {
                return rest.trim_start();
            }
        }
    }
    t
}

/// The surname of a person's name, for matching "Mr. Dear" to "Patrick G. G. Dear".
pub fn surname(name: &str) -> Option<String> {
    let toks = tokens(name);
    toks.into_iter()
        .rev()
        .find(|t| !matches!(t.as_str(), "JR" | "SR" | "II" | "III" | "IV" | "ESQ") && t.len() > 1)
}

/// True for a name printed in capitals only ("POLYGON INVESTMENT PARTNERS LLP"); a mixed-case
/// spelling of the same name reads better.
pub fn is_all_caps(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic()) && !s.chars().any(|c| c.is_lowercase())
}

/// A stable identifier fragment from a key: lower case, words joined by `-`.
pub fn slug(key: &str) -> String {
    key.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        assert_eq!(norm_key("8X8, INC."), norm_key("8x8, Inc."));
        assert_eq!(
            norm_key("Patrick G.G. Dear"),
            norm_key("Patrick G. G. Dear")
        );
        assert_eq!(
            norm_key("Mr. Patrick G. G. Dear"),
            norm_key("Patrick G. G. Dear")
        );
        assert_eq!(norm_key("Cramer Partners, L.P."), "CRAMER PARTNERS LP");
        assert_eq!(
            norm_key("SUBURBAN BANCORP INC /DE/"),
            "SUBURBAN BANCORP INC"
        );
        assert_eq!(
            norm_key("Quarry Lane Management, L.L.C."),
            norm_key("QUARRY LANE MANAGEMENT LLC")
        );
        assert_eq!(
            norm_key("Polygon Investment Management Limited"),
            "POLYGON INVESTMENT MANAGEMENT LTD"
        );
        assert_eq!(
            norm_key("Goldman, Sachs & Co."),
            norm_key("Goldman Sachs and Co")
        );
    }

    #[test]
    fn edgar_decorations_are_dropped() {
        assert_eq!(
            norm_key("FARALLON PARTNERS L L C/CA"),
            norm_key("Farallon Partners, L.L.C.")
        );
        assert_eq!(
            norm_key("GAMCO INVESTORS, INC. ET AL"),
            norm_key("GAMCO Investors, Inc.")
        );
        assert_eq!(norm_key("HI/FN INC"), "HI FN INC");
    }

    #[test]
    fn plausible_names() {
        assert!(is_plausible_name("The Goldman Sachs Group, L.P."));
        assert!(is_plausible_name("8x8, Inc."));
        assert!(!is_plausible_name("persons"));
        assert!(!is_plausible_name("Date of Transaction"));
        assert!(!is_plausible_name(
            "This Schedule 13G/A is jointly filed by Leviticus"
        ));
        assert!(!is_plausible_name("Shares Shares"));
        assert_eq!(
            norm_key("Carl Marks Management Company, L.P."),
            norm_key("CARL MARKS MANAGEMENT CO L P /NY/")
        );
        assert_eq!(legal_form("Citibank, N.A.").as_deref(), Some("NA"));
    }

    #[test]
    fn look_alike_entities_keep_apart() {
        assert_ne!(
            norm_key("Polygon Investment Partners LLP"),
            norm_key("Polygon Investment Partners LP")
        );
        assert_ne!(
            norm_key("Polygon Investments Ltd."),
            norm_key("Polygon Investment Management Limited")
        );
        assert_eq!(
            legal_form("Polygon Investment Partners LLP").as_deref(),
            Some("LLP")
        );
        assert_eq!(
            legal_form("Polygon Investment Partners L.P.").as_deref(),
            Some("LP")
        );
        assert_eq!(
            legal_form("Polygon Investment Partners GP, LLC").as_deref(),
            Some("LLC")
        );
        assert_eq!(legal_form("STMicroelectronics N.V.").as_deref(), Some("NV"));
    }

    #[test]
    fn persons_and_organisations() {
        assert!(looks_like_person("Patrick G. G. Dear"));
        assert!(looks_like_person("Mr. Reade E. Griffith"));
        assert!(looks_like_person("JAMES J. CRAMER"));
        assert!(looks_like_person("Guy L. Hecker, Jr."));
        assert!(looks_like_person("Michael P."));
        assert!(!looks_like_person("Kings Road Investments Ltd."));
        assert!(!looks_like_person(
            "Polygon Global Opportunities Master Fund"
        ));
        assert!(!looks_like_person("Cramer Partners, L.P."));
        assert!(!looks_like_person("J.J. Cramer & Co."));
        assert!(!looks_like_person("Centaurus Capital LP"));
        assert!(!looks_like_person("MR & Associates"));
        assert!(looks_like_person("Mr. Dear"));
    }

    #[test]
    fn surnames_and_slugs() {
        assert_eq!(surname("Patrick G. G. Dear").as_deref(), Some("DEAR"));
        assert_eq!(surname("Guy L. Hecker, Jr.").as_deref(), Some("HECKER"));
        assert_eq!(slug("8X8 INC"), "8x8-inc");
        assert_eq!(
            strip_honorific("Mr. Reade E. Griffith"),
            "Reade E. Griffith"
        );
    }
}
