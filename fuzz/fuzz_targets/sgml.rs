//! EDGAR complete-submission files: <SEC-DOCUMENT>/<SEC-HEADER>/<DOCUMENT> envelopes.
//! Same path as `text`; the seeds (fuzz/seed.sh) are submissions, so the unwrapping code is fuzzed.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::run("fuzz.txt", data));
