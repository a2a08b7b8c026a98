//! Plain-text Schedule 13D/13G (and the other text forms detect reads).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::run("fuzz.txt", data));
