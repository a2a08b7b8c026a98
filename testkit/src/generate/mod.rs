//! A generator of realistic filings about fictional entities, with the truth of what each says:
//! for measuring speed and accuracy at scale (`cargo run --release --example gen_corpus`).
//!
//! The world: issuers; fund families (funds, an investment manager, its general partner, the
//! person who signs for it), some with hard near-duplicates (Fund vs Fund II, an LLP manager and
//! an LP fund of one name); insiders who are directors or officers of issuers. The filings: text
//! Schedule 13G/13D (some amendments), the same in HTML and in EDGAR complete submissions, the
//! 2024+ XML schedule, and Form 4 XML. Names are written the ways filings write them: case,
//! punctuation, legal-form spellings, EDGAR's LAST FIRST order.
//!
//! Deterministic: the same options give the same bytes, on every machine (the generator has its
//! own SplitMix64, since the `rand` crate does not promise the same stream across versions).

mod score;
mod world;
mod write;

pub use score::{score, Score};
pub use world::{Truth, TruthEdge, TruthEntity};

use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub filings: usize,
    pub seed: u64,
}

/// Writes `opts.filings` filings under `out` (in subdirectories of 1,000) and returns the truth.
pub fn generate(opts: Options, out: &Path) -> std::io::Result<Truth> {
    let mut rng = Rng::new(opts.seed);
    let world = world::World::new(opts.filings, &mut rng);
    let mut truth = world.truth_entities();
    for i in 0..opts.filings {
        let filing = world.filing(i, &mut rng);
        let dir = out.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir)?;
        }
        let file = dir.join(&filing.file);
        std::fs::write(&file, &filing.text)?;
        truth.add_filing(filing);
    }
    truth.finish();
    Ok(truth)
}

/// SplitMix64: small, fast, and the same stream everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(
            (0..5).map(|_| a.next_u64()).collect::<Vec<_>>(),
            (0..5).map(|_| b.next_u64()).collect::<Vec<_>>()
        );
        assert_ne!(Rng::new(8).next_u64(), Rng::new(7).next_u64());
    }
}
