//! Item 5(c) transaction tables ("12/29/2003  100,500  4.50"), checked against the aggregate the
//! text states for them ("sold an aggregate of 1,487,600 shares").

use crate::extract::toolkit::Cx;
use crate::model::{Transaction, TransactionCheck};
use crate::text::{parse_date, re};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

static ROW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*((?:\d{1,2}/\d{1,2}/\d{2,4})|(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})|(?:\d{4}-\d{2}-\d{2}))\s*[\t|]?\s*(?:(?:Sale|Sold|Purchase|Purchased|Buy|Sell|Bought)\s+)?[\t|]?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*[\t|]?\s*(?:\$\s*)?(\d*\.\d+|\d+)?\s*$",
    )
});
static STATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:sold|purchased|acquired|bought|disposed\s+of)\s+(?:an\s+|in\s+the\s+)?aggregate\s+(?:of\s+)?(\d{1,3}(?:,\d{3})+|\d+)\s+shares",
    )
});

static BARE_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*$"));
static BARE_AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*\$?\s*[\d,]*\.?\d+\s*(?:\(\d\))?\s*$"));

/// A table row as one line. HTML tables whose cells hold paragraphs come out one cell per line
/// ("04/09/2024" / "85,000" / "$ 14.2315"); a lone date followed by amount lines is joined back.
fn row_text<'a>(cx: &'a Cx, i: usize) -> Cow<'a, str> {
    let text = cx.text(i);
    // a date has a slash (an ASCII line without one is not tried; `\d` matches other digits)
    if (text.is_ascii() && !text.contains('/')) || !BARE_DATE.is_match(text) {
        return Cow::Borrowed(text);
    }
    let mut joined = text.trim().to_string();
    let mut j = i;
    for _ in 0..2 {
        match crate::extract::toolkit::next_text(cx.lines, j) {
            Some(k) if k <= j + 3 && BARE_AMOUNT.is_match(cx.text(k)) => {
                joined.push('\t');
                joined.push_str(cx.text(k).trim());
                j = k;
            }
            _ => break,
        }
    }
    Cow::Owned(joined)
}

/// Whether `text` may be a row: one starts with a date, which starts with a digit or a letter,
/// and ends with a figure or the `|` or `$` before a missing one. Only ASCII text is judged so
/// (Unicode classes and case folding match other characters); the rest is left to the pattern.
fn may_be_row(text: &str) -> bool {
    if !text.is_ascii() {
        return true;
    }
    let starts = text
        .trim_start()
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphanumeric());
    let ends = text
        .trim_end()
        .bytes()
        .next_back()
        .is_some_and(|b| b.is_ascii_digit() || b == b'|' || b == b'$');
    starts && ends
}

/// How far before the first row the statement of the aggregate is looked for.
const STATEMENT_WINDOW: usize = 40;

pub(super) fn read_item5_transactions(cx: &mut Cx) {
    let mut rows = Vec::new();
    for (i, line) in cx.lines.iter().enumerate() {
        let text = row_text(cx, i);
        if !may_be_row(&text) {
            continue;
        }
        let Some(c) = ROW.captures(&text) else {
            continue;
        };
        let (Some(date), Ok(shares)) = (parse_date(&c[1]), c[2].replace(',', "").parse::<u64>())
        else {
            continue;
        };
        rows.push((
            i,
            Transaction {
                date,
                shares,
                price: c.get(3).map(|m| m.as_str().to_string()),
                line: line.no,
            },
        ));
    }
    let Some(&(first, _)) = rows.first() else {
        return;
    };
    let stated = (first.saturating_sub(STATEMENT_WINDOW)..first)
        .rev()
        .find_map(|i| {
            STATED
                .captures(cx.text(i))
                .and_then(|c| c[1].replace(',', "").parse::<u64>().ok().map(|n| (n, i)))
        });
    let transactions: Vec<Transaction> = rows.into_iter().map(|(_, t)| t).collect();
    let sum: u64 = transactions.iter().map(|t| t.shares).sum();
    if let Some((stated, i)) = stated {
        let check = TransactionCheck {
            count: transactions.len(),
            sum,
            stated,
            line: cx.lines[i].no,
        };
        if !check.adds_up() {
            let msg = format!(
                "the {} listed transactions add up to {} shares, but the text states an aggregate of {}",
                check.count, check.sum, check.stated
            );
            cx.warn(Some(i), msg);
        }
        cx.facts.transaction_check = Some(check);
    }
    cx.facts.transactions = transactions;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_in_real_layouts() {
        let c = ROW.captures("12/29/2003\t100,500\t4.50").unwrap();
        assert_eq!(
            (&c[1], &c[2], c.get(3).map(|m| m.as_str())),
            ("12/29/2003", "100,500", Some("4.50"))
        );
        assert!(ROW.is_match("01/13/2004\t2,500\t5.6231"));
        assert!(ROW.is_match("March 3, 2024 | 12,000 | $17.25"));
        assert!(!ROW.is_match("December 31, 2006"));
        assert!(STATED.is_match("ST sold an aggregate of 1,487,600 shares of Common Stock"));
    }

    #[test]
    fn lines_judged_not_rows_are_lines_the_pattern_rejects() {
        let rows = [
            "12/29/2003\t100,500\t4.50",
            "  March 3, 2024 | 12,000 | $17.25  ",
            "2024-03-03 Sold 500 |",
            "2024-03-03 500 $",
            "\u{a0}12/29/2003 100",
        ];
        let others = [
            "",
            "   ",
            "December 31, 2006",
            "(a) 12/29/2003 100",
            "12/29/2003 100 shares",
            "Item 5. Interest in Securities of the Issuer 5",
        ];
        for t in rows {
            assert!(may_be_row(t) && ROW.is_match(t), "{t:?}");
        }
        for t in others {
            assert!(!ROW.is_match(t), "{t:?}");
        }
        for t in rows.iter().chain(&others) {
            assert!(may_be_row(t) || !ROW.is_match(t), "{t:?}");
        }
    }
}
