//! Structured XML: 13D/G edgarSubmission primary_doc.xml and Form 3/4/5 ownershipDocument.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::run("primary_doc.xml", data));
