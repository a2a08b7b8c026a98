//! Jaro-Winkler similarity, as strsim computes it, on the bytes of ASCII names.
//!
//! strsim walks `char` iterators and restarts the inner scan at the start of the second string for
//! every character; at 100k names that was a third of resolution's time. Normalised keys are
//! almost always ASCII and short, so this version works on bytes, with the match flags in bit
//! sets: for keys of at most 64 bytes of upper case, digits and punctuation, each byte's match is
//! the lowest bit of a mask (one step per byte); other ASCII of at most 128 bytes scans the window;
//! anything else goes to strsim. It follows strsim's algorithm step by step (same window, same
//! first free match, same transposition count, same arithmetic in the same order), so the scores
//! are the same `f64` bits: the tests below check it on every pair of a set of names, and on
//! random strings of every path.

/// Jaro-Winkler similarity of `a` and `b`: equal to `strsim::jaro_winkler(a, b)`, bit for bit.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let sim = if x.len() <= 64 && y.len() <= 64 && masked(x) && masked(y) {
        jaro(x, y, Flags::by_masks)
    } else if a.is_ascii() && b.is_ascii() && x.len() <= 128 && y.len() <= 128 {
        jaro(x, y, Flags::by_scan)
    } else {
        return strsim::jaro_winkler(a, b);
    };
    if sim > 0.7 {
        let prefix = x.iter().take(4).zip(y).take_while(|(p, q)| p == q).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// Every byte in 32..96 (upper case, digits, punctuation: what normalised keys are made of), so
/// that `c - 32` indexes a table of 64 masks.
fn masked(s: &[u8]) -> bool {
    s.iter().fold(true, |ok, &c| ok & (c.wrapping_sub(32) < 64))
}

/// Which bytes of each side matched, as bit sets.
struct Flags {
    a: u128,
    b: u128,
}

impl Flags {
    /// Each byte of `a` takes the first free equal byte of `b` within `range` of its position
    /// (strsim's rule), found as the lowest bit of a mask: one step per byte instead of a scan of
    /// the window. Both sides are at most 64 bytes, all [`masked`].
    fn by_masks(a: &[u8], b: &[u8], range: usize) -> Flags {
        let mut at = [0u64; 64];
        for (j, &d) in b.iter().enumerate() {
            at[usize::from(d - 32)] |= 1 << j;
        }
        let (mut a_flags, mut b_flags) = (0u64, 0u64);
        for (i, &c) in a.iter().enumerate() {
            let hi = b.len().min(i + range + 1);
            let window = below64(hi) & !below64(i.saturating_sub(range));
            let free = at[usize::from(c - 32)] & window & !b_flags;
            if free != 0 {
                a_flags |= 1 << i;
                b_flags |= free & free.wrapping_neg();
            }
        }
        Flags {
            a: a_flags.into(),
            b: b_flags.into(),
        }
    }

    /// The same rule, scanning the window byte by byte: for any ASCII of at most 128 bytes.
    fn by_scan(a: &[u8], b: &[u8], range: usize) -> Flags {
        let (mut a_flags, mut b_flags) = (0u128, 0u128);
        for (i, &c) in a.iter().enumerate() {
            let lo = i.saturating_sub(range);
            let hi = b.len().min(i + range + 1);
            for (j, &d) in b.iter().enumerate().take(hi).skip(lo) {
                if c == d && b_flags & (1 << j) == 0 {
                    a_flags |= 1 << i;
                    b_flags |= 1 << j;
                    break;
                }
            }
        }
        Flags {
            a: a_flags,
            b: b_flags,
        }
    }
}

/// strsim's `generic_jaro` for byte strings, with the matches found by `flags`.
fn jaro(a: &[u8], b: &[u8], flags: fn(&[u8], &[u8], usize) -> Flags) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    } else if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    let Flags { a: mut x, b: mut y } = flags(a, b, range);
    let matches = x.count_ones() as usize;
    if matches == 0 {
        return 0.0;
    }
    // the matched bytes of each side, in order, compared pairwise
    let mut transpositions = 0usize;
    while x != 0 {
        let (i, j) = (x.trailing_zeros() as usize, y.trailing_zeros() as usize);
        if a[i] != b[j] {
            transpositions += 1;
        }
        x &= x - 1;
        y &= y - 1;
    }
    transpositions /= 2;
    ((matches as f64 / a.len() as f64)
        + (matches as f64 / b.len() as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0
}

/// The bits below `n` (n ≤ 64).
fn below64(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::jaro_winkler;

    fn same_bits(a: &str, b: &str) {
        let (ours, theirs) = (jaro_winkler(a, b), strsim::jaro_winkler(a, b));
        assert_eq!(ours.to_bits(), theirs.to_bits(), "{a:?} / {b:?}");
    }

    #[test]
    fn equals_strsim_on_names() {
        let names = [
            "",
            "A",
            "POLYGON INVESTMENT PARTNERS LLP",
            "POLYGON INVESTMENT PARTNERS LP",
            "POLYGON INVESTMENTS LTD",
            "KINGS ROAD INVESTMENTS LTD",
            "8X8 INC",
            "DEAR PATRICK G G",
            "PATRICK G G DEAR",
            "MAURER",
            "MAURUER",
            "OPERATING",
            "OPERATINGT",
            "CHEESEBURGER",
            "CHEESE FRIES",
            "DIXON",
            "DICKSONX",
            "MARTHA",
            "MARHTA",
            "AAAAAAAAAA",
            "AAAAAAAAAB",
            "ÉCOLE GÉNÉRALE",
            "ECOLE GENERALE",
        ];
        for a in names {
            for b in names {
                same_bits(a, b);
            }
        }
    }

    #[test]
    fn equals_strsim_on_random_strings() {
        // a small LCG: deterministic, and no dependency for one test
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize
        };
        // upper case (the masks) and lower case (the scan)
        let alphabet = b"ABCDE FGab&";
        for _ in 0..20_000 {
            let mut word = |max: usize| -> String {
                let n = next() % max;
                (0..n)
                    .map(|_| alphabet[next() % alphabet.len()] as char)
                    .collect()
            };
            let (a, b) = (word(90), word(90));
            same_bits(&a, &b);
        }
        // around the 64-byte (masks) and 128-byte (scan) limits
        for n in [31, 32, 33, 64, 65] {
            let long = "AB".repeat(n);
            same_bits(&long, &long[1..]);
            same_bits(&long, &format!("{long}C"));
            same_bits(&long, &long.replace('B', "b"));
        }
    }
}
