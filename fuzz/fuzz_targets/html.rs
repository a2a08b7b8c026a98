//! HTML filings: 13D/G, 10-K, rendered Form 4 pages (tokeniser, table cells).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::run("fuzz.htm", data));
