//! Small text parsers shared by the extractors: share counts, percents, dates, CUSIPs.

use crate::model::Percent;
use regex::Regex;
use std::sync::LazyLock;

/// Compiles a pattern known at build time; every caller's pattern is covered by a unit test.
pub fn re(pattern: &str) -> Regex {
    // The lazy DFA gets room to stay lazy: the case-insensitive role and caption patterns have
    // many states, and once its cache thrashes the engine falls back to a much slower one.
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(32 << 20)
        .build()
        .unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// Words a case-insensitive pattern needs, to find first: a line without any of them is not tried
/// against the pattern. One vector search in any ASCII case (a case-insensitive regex of the
/// words runs a DFA over every byte instead).
pub struct Words(aho_corasick::AhoCorasick);

impl Words {
    pub fn new(words: &[&str]) -> Words {
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .unwrap_or_else(|e| panic!("bad built-in words {words:?}: {e}"));
        Words(ac)
    }

    /// Whether `hay` may hold one of the words. Text with non-ASCII characters may: Unicode case
    /// folding lets a pattern match other letters ("ſ" matches "s", the Kelvin sign "k").
    pub fn may_occur_in(&self, hay: &str) -> bool {
        !hay.is_ascii() || self.0.is_match(hay)
    }
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(-0-|\bnone\b|\bnil\b|\d{1,3}(?:,\d{3})+|\d+)(\d?)(\.\d+)?(\s*(?:%|percent))?")
});

/// The first share count in a cover-page value: `387,100`, `992411`, `-0-`, `None` (= 0).
/// Numbers followed by `%` are percents, and numbers inside words or amounts ($4.50) are skipped;
/// a footnote digit glued to a grouped number (`1,353,4681`) is dropped.
pub fn parse_shares(s: &str) -> Option<u64> {
    if let Some(figure) = plain_figure(s) {
        return figure;
    }
    let s = s.replace(['\u{2014}', '\u{2013}'], "-");
    NUMBER.captures_iter(&s).find_map(|c| {
        let whole = c.get(0)?;
        let before = s[..whole.start()].chars().next_back();
        if before.is_some_and(|b| b.is_alphanumeric() || b == '$' || b == '.' || b == ',')
            || c.get(4).is_some()
        {
            return None;
        }
        let tok = c.get(1)?.as_str();
        let lower = tok.to_ascii_lowercase();
        if lower == "-0-" || lower == "none" || lower == "nil" {
            return Some(0);
        }
        if c.get(3).is_some() && !tok.contains(',') {
            return None;
        }
        tok.replace(',', "").parse().ok()
    })
}

/// What `parse_shares` makes of a value that is one figure between ASCII blanks, `1,567,532` or
/// `992411` (most cover-page values), read without the pattern; `None` for any other value. The
/// pattern's first match is then the whole figure, with nothing before or after it that rejects it.
fn plain_figure(s: &str) -> Option<Option<u64>> {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
    let b = t.as_bytes();
    if b.is_empty() {
        return None;
    }
    if b.iter().all(u8::is_ascii_digit) {
        return Some(t.parse().ok());
    }
    // grouped in threes: 1 to 3 digits, then ",ddd" groups
    let head = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let grouped = (1..=3).contains(&head)
        && (b.len() - head) % 4 == 0
        && b[head..]
            .chunks(4)
            .all(|g| g[0] == b',' && g[1..].iter().all(u8::is_ascii_digit));
    grouped.then(|| t.replace(',', "").parse().ok())
}

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(less\s+than|under|<)?\s*(\d{0,3}(?:\.\d+)?)\s*(%|percent|per\s+cent)")
});
static BARE_PERCENT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(\d{0,3}\.\d+|\d{1,3})\s*\**\s*$"));

/// A percent of class: `8.5%`, `.7%`, `2.08%*`, `Less than 5%`, or a bare `8.5` in a percent row.
pub fn parse_percent(s: &str) -> Option<Percent> {
    if let Some(c) = PERCENT.captures(s) {
        let value: f64 = c.get(2)?.as_str().parse().ok()?;
        return Some(if c.get(1).is_some() {
            Percent::LessThan(value)
        } else {
            Percent::Exact(value)
        });
    }
    let c = BARE_PERCENT.captures(s)?;
    let value: f64 = c.get(1)?.as_str().parse().ok()?;
    (value <= 100.0).then_some(Percent::Exact(value))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static DATE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})\b",
    )
});
static DATE_DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b",
    )
});
static DATE_SLASH: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b"));
static DATE_ISO: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{4})-(\d{2})-(\d{2})\b"));

/// The first date in `s`, as ISO `YYYY-MM-DD`: "December 31, 2006", "Dec. 31 2006",
/// "31 December 2006", "12/31/2006", "2006-12-31".
pub fn parse_date(s: &str) -> Option<String> {
    let found = [
        DATE_WORDS.captures(s).and_then(|c| {
            let m = month(&c[1])?;
            Some((c.get(0)?.start(), ymd(&c[3], m, &c[2])?))
        }),
        DATE_DAY_FIRST.captures(s).and_then(|c| {
            let m = month(&c[2])?;
            Some((c.get(0)?.start(), ymd(&c[3], m, &c[1])?))
        }),
        DATE_SLASH.captures(s).and_then(|c| {
            let m: u32 = c[1].parse().ok()?;
            let y = if c[3].len() == 2 {
                let yy: u32 = c[3].parse().ok()?;
                format!("{}", if yy < 50 { 2000 + yy } else { 1900 + yy })
            } else {
                c[3].to_string()
            };
            Some((c.get(0)?.start(), ymd(&y, m, &c[2])?))
        }),
        DATE_ISO.captures(s).and_then(|c| {
            let m: u32 = c[2].parse().ok()?;
            Some((c.get(0)?.start(), ymd(&c[1], m, &c[3])?))
        }),
    ];
    found.into_iter().flatten().min().map(|(_, d)| d)
}

fn month(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn ymd(year: &str, month: u32, day: &str) -> Option<String> {
    let y: u32 = year.parse().ok()?;
    let d: u32 = day.parse().ok()?;
    ((1900..=2100).contains(&y) && (1..=12).contains(&month) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{month:02}-{d:02}"))
}

static CUSIP: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b[0-9A-Z](?:[ \-]?[0-9A-Z]){8}\b"));

/// The first CUSIP-shaped token, separators removed: `282914100`, `282912 10 4`, `957 550 106`,
/// `33743 H 204`, `724-081-104`, `G39319101`. It must have at least five digits, one of them in
/// the first six characters, and end in a digit, so words are not taken for CUSIPs.
pub fn find_cusip(s: &str) -> Option<String> {
    CUSIP.find_iter(s).find_map(|m| {
        let id: String = m
            .as_str()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_uppercase();
        (id.len() == 9
            && id[..6].chars().any(|ch| ch.is_ascii_digit())
            && id.ends_with(|ch: char| ch.is_ascii_digit())
            && id.chars().filter(|ch| ch.is_ascii_digit()).count() >= 5)
            .then_some(id)
    })
}

/// The check digit a CUSIP's first eight characters call for (the "modulus 10 double add double"
/// rule), or `None` when a character is not allowed.
pub fn cusip_check_digit(first8: &str) -> Option<u32> {
    let mut sum = 0;
    for (i, ch) in first8.chars().enumerate() {
        let mut v = match ch {
            '0'..='9' => ch as u32 - '0' as u32,
            'A'..='Z' => ch as u32 - 'A' as u32 + 10,
            '*' => 36,
            '@' => 37,
            '#' => 38,
            _ => return None,
        };
        if i % 2 == 1 {
            v *= 2;
        }
        sum += v / 10 + v % 10;
    }
    Some((10 - sum % 10) % 10)
}

/// True when a nine-character CUSIP's last digit matches its check digit.
pub fn cusip_is_valid(cusip: &str) -> bool {
    cusip.len() == 9
        && cusip.is_ascii()
        && cusip_check_digit(&cusip[..8]).is_some_and(|d| cusip[8..].parse::<u32>() == Ok(d))
}

/// 48500.0 -> "48,500"; 5381.2 -> "5,381.2": a share count that may hold a fraction.
pub fn thousands_f64(n: f64) -> String {
    if !(0.0..1e15).contains(&n) {
        return format!("{n}");
    }
    let whole = thousands(n.trunc() as u64);
    let frac = format!("{n}");
    match frac.split_once('.') {
        Some((_, f)) => format!("{whole}.{f}"),
        None => whole,
    }
}

/// 1487600 -> "1,487,600".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether `hay` contains `needle` (ASCII, in lower case), whatever the case of `hay`'s ASCII
/// letters: what `hay.to_ascii_lowercase().contains(needle)` says, without the copy (format
/// sniffing asks it of every file's first kilobytes).
pub fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h)
        .any(|at| h.len() - at >= n.len() && h[at..at + n.len()].eq_ignore_ascii_case(n))
}

/// The first `n` characters of `s`, at a character boundary, without copying.
pub fn first_chars(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    if s.as_bytes()[..n].is_ascii() {
        return &s[..n];
    }
    match s.char_indices().nth(n) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// Collapses runs of whitespace (tabs included) into single spaces and trims.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squash_into(s, &mut out);
    out
}

/// [`squash`], appended to `out`.
pub fn squash_into(s: &str, out: &mut String) {
    if is_squashed(s) {
        out.push_str(s);
        return;
    }
    let mut first = true;
    let mut push = |w: &str| {
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(w);
    };
    if s.is_ascii() {
        // the common case, split on ASCII whitespace bytes: every byte is a character boundary
        let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
        let b = s.as_bytes();
        let mut at = 0;
        while at < b.len() {
            let start = at + b[at..].iter().take_while(|&&c| is_space(c)).count();
            let end = start + b[start..].iter().take_while(|&&c| !is_space(c)).count();
            if end > start {
                push(&s[start..end]);
            }
            at = end;
        }
        return;
    }
    for w in s.split_whitespace() {
        push(w);
    }
}

/// True when `s` is already squashed: single spaces between words, none at the ends, no other
/// whitespace. Most lines of a filing are, and then squashing is one copy.
fn is_squashed(s: &str) -> bool {
    let b = s.as_bytes();
    let mut prev_space = true; // a space at the start is not squashed
    for &c in b {
        match c {
            b' ' if prev_space => return false,
            b' ' => prev_space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            // other whitespace (no-break space, U+0085, U+2000...) is not ASCII
            c if !c.is_ascii() => return false,
            _ => prev_space = false,
        }
    }
    !prev_space || b.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_figures_read_as_the_pattern_reads_them() {
        let by_pattern = |s: &str| {
            let s = format!("x {s}");
            // the same value read by the pattern: a leading word keeps the fast path away
            parse_shares(&s)
        };
        for s in [
            "1,567,532",
            "\n     1,567,532\n\n",
            "992411",
            "0",
            " 12345 ",
            "1,23",
            "1,5673",
            "1,234,56",
            "1234,567",
            ",123",
            "123,",
            "99999999999999999999999",
            "1,000,000,000",
            "\t7\x0b",
            "",
            "  ",
        ] {
            let fast = plain_figure(s);
            if let Some(v) = fast {
                assert_eq!(Some(v), Some(by_pattern(s)), "{s:?}");
            }
            assert_eq!(
                parse_shares(s),
                fast.unwrap_or_else(|| by_pattern(s)),
                "{s:?}"
            );
        }
        assert_eq!(plain_figure("1,567,532"), Some(Some(1_567_532)));
        assert_eq!(plain_figure("1,23"), None);
    }

    #[test]
    fn squashing_agrees_with_splitting_on_whitespace() {
        for s in [
            "",
            "   ",
            "a",
            "  Item 4.\t\tOwnership  ",
            "a\x0bb\x0cc\rd\ne",
            "already squashed",
            "  non\u{a0}breaking  space\u{2003}here ",
            "x\u{85}y",
        ] {
            let words: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(squash(s), words.join(" "), "{s:?}");
            let mut out = String::from("kept|");
            squash_into(s, &mut out);
            assert_eq!(out, format!("kept|{}", words.join(" ")));
        }
    }

    #[test]
    fn ascii_case_blind_search_agrees_with_a_lowered_copy() {
        for (hay, needle) in [
            ("<?xml?><HTML>", "<html"),
            ("<?xml?><HtMl>", "<html"),
            ("<?xml?><htm", "<html"),
            ("", "<html"),
            ("abc", ""),
            ("Ünïcödé <Body>", "<body"),
            ("<<<<body", "<body"),
            ("edgarSubmission schedule13g", "schedule13"),
        ] {
            assert_eq!(
                contains_ascii_ci(hay, needle),
                hay.to_ascii_lowercase().contains(needle),
                "{hay:?} / {needle:?}"
            );
        }
    }

    #[test]
    fn words_are_found_in_any_case_and_non_ascii_text_may_hold_them() {
        let w = Words::new(&["cusip", "item"]);
        assert!(w.may_occur_in("CUSIP No. 282914100"));
        assert!(w.may_occur_in("see iTeM 4"));
        assert!(!w.may_occur_in("NAME OF REPORTING PERSON"));
        // "CUſIP" matches a case-insensitive CUSIP pattern: the prefilter must not rule it out
        let pattern = re(r"(?i)CUSIP");
        for line in ["CU\u{17f}IP 12345", "no word here \u{201c}quoted\u{201d}"] {
            assert!(w.may_occur_in(line) || !pattern.is_match(line), "{line}");
        }
        assert!(w.may_occur_in("CU\u{17f}IP 12345"));
    }

    #[test]
    fn squash_gives_the_same_with_and_without_its_fast_path() {
        let slow = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for s in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{a0}b",
            "x\u{b}y",
            "é b",
            "a\n",
            "Kings Road Investments Ltd.",
        ] {
            assert_eq!(squash(s), slow(s), "{s:?}");
        }
        assert!(is_squashed("a b") && !is_squashed("a  b") && !is_squashed(" a"));
    }

    #[test]
    fn fractional_share_counts() {
        assert_eq!(thousands_f64(48500.0), "48,500");
        assert_eq!(thousands_f64(5381.2), "5,381.2");
        assert_eq!(thousands_f64(0.5), "0.5");
    }

    #[test]
    fn shares() {
        assert_eq!(parse_shares("714,400 shares of common stock"), Some(714400));
        assert_eq!(parse_shares("  -0-"), Some(0));
        assert_eq!(parse_shares("None (Item 5)"), Some(0));
        assert_eq!(parse_shares("992411"), Some(992411));
        assert_eq!(parse_shares("8.5%"), None);
        assert_eq!(parse_shares("$ _ $"), None);
        assert_eq!(parse_shares("\u{2014}0\u{2014}"), Some(0));
    }

    #[test]
    fn percents() {
        assert_eq!(parse_percent("2.08%*"), Some(Percent::Exact(2.08)));
        assert_eq!(parse_percent(".7%"), Some(Percent::Exact(0.7)));
        assert_eq!(parse_percent("Less than 5%."), Some(Percent::LessThan(5.0)));
        assert_eq!(parse_percent("8.5"), Some(Percent::Exact(8.5)));
        assert_eq!(parse_percent("12 percent"), Some(Percent::Exact(12.0)));
        assert_eq!(parse_percent("see Item 4"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("this 8th day of December, 2015").as_deref(),
            Some("2015-12-08")
        );
        assert_eq!(
            parse_date("December 31, 2006").as_deref(),
            Some("2006-12-31")
        );
        assert_eq!(
            parse_date("Date: February 9, 2007").as_deref(),
            Some("2007-02-09")
        );
        assert_eq!(parse_date("Sept. 3 1999").as_deref(), Some("1999-09-03"));
        assert_eq!(
            parse_date("31 December 2006").as_deref(),
            Some("2006-12-31")
        );
        assert_eq!(parse_date("12/29/2003").as_deref(), Some("2003-12-29"));
        assert_eq!(parse_date("on 2024-05-01.").as_deref(), Some("2024-05-01"));
        assert_eq!(parse_date("no date"), None);
    }

    #[test]
    fn cusips() {
        assert_eq!(find_cusip("282914100").as_deref(), Some("282914100"));
        assert_eq!(
            find_cusip("282912 10 4 (CUSIP Number)").as_deref(),
            Some("282912104")
        );
        assert_eq!(
            find_cusip("CUSIP No. G39319101").as_deref(),
            Some("G39319101")
        );
        assert_eq!(find_cusip("CUSIP NUMBER"), None);
        // nine bytes that are not nine characters: no slicing inside a character
        assert!(!cusip_is_valid("1234567é"));
        assert!(!cusip_is_valid("1850532047"));
        assert_eq!(find_cusip("957 550 106").as_deref(), Some("957550106"));
        assert_eq!(find_cusip("33743 H 204").as_deref(), Some("33743H204"));
        assert_eq!(find_cusip("724-081-104").as_deref(), Some("724081104"));
        assert_eq!(find_cusip("Page 2 of 10 Pages"), None);
        assert!(cusip_is_valid("282914100"));
        assert!(cusip_is_valid("037833100"));
        assert!(!cusip_is_valid("282914101"));
    }
}
