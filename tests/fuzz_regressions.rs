//! Inputs the cargo-fuzz targets in `fuzz/` found to crash, hang or exhaust memory, minimised (and
//! two of the same kind found reading the code while they ran), each pinned by a test named after
//! what it found (docs/fuzzing.md). Every test runs the pipeline `relgraph build` runs on a file
//! (load -> detect -> extract) and asserts it returns.

use relgraph::detect::Family;

/// load -> detect -> extract, as the fuzz targets run it; the facts or the error, if it got so far.
fn run(
    path: &str,
    bytes: &[u8],
) -> Option<Result<relgraph::model::Facts, relgraph::extract::ExtractError>> {
    let doc = relgraph::load::load_bytes(path, bytes).ok()?;
    let form = relgraph::detect::detect(&doc);
    (form.family != Family::Other).then(|| relgraph::extract::read_facts(&doc, &form))
}

/// html target: EDGAR's rendered Form 4 with "Table II" before "Table I" (or the notes before a
/// table). Table I was read up to Table II's start wherever that was, so `cells[a..b]` had b < a:
/// "slice index starts at 3 but ends at 2" in extract/ownership/rendered.rs.
#[test]
fn a_rendered_form_4_with_table_ii_before_table_i_does_not_panic() {
    let page = b"<title>SEC FORM 4</title>\n<p>FORM 4</p>\n\
                 <table><tr><td>Table II - Derivative</td></tr>\n\
                 <tr><td>Table I - Non-Derivative</td></tr></table>\n";
    // read as a Form 4 and extracted (no owner in it, so an error is a fine answer)
    assert!(run("fuzz.htm", page).is_some());
    // the notes before Table I: the table still ends at the end of the page
    let page = b"<title>SEC FORM 4</title>\n<p>FORM 4</p>\n\
                 <table><tr><td>Explanation of Responses:</td></tr>\n\
                 <tr><td>Table I - Non-Derivative</td></tr></table>\n";
    assert!(run("fuzz.htm", page).is_some());
}

/// xml target: a one-line (`.nc`-style) submission whose last `<` is never closed and ends in a
/// non-ASCII character (0xFF, read as Windows-1252 `ÿ`, two bytes in UTF-8). The reflow of the
/// SGML tags took the unclosed `<ÿ` for a tag and cut its last byte off as if it were `>`:
/// "end byte index 3 is not a char boundary" in load/submission.rs.
#[test]
fn an_unclosed_tag_ending_in_a_non_ascii_character_in_a_one_line_submission_does_not_panic() {
    for path in ["primary_doc.xml", "fuzz.txt"] {
        // nothing to read in it once unwrapped, so an error
        assert_eq!(
            relgraph::load::load_bytes(path, b"<DOCUMENT>tO<\xff").err(),
            Some(relgraph::load::LoadError::NoText)
        );
        run(
            path,
            "<SUBMISSION><DOCUMENT><TYPE>SC 13G<TEXT>x</TEXT><A\u{e9}".as_bytes(),
        );
    }
}

/// Found reading the code while the xml target ran (the fuzzer did not reach it in its ten
/// minutes), confirmed with the xml target on this input: a Form 4 signature whose text after
/// the comma lower-cases to more bytes than it has ("İ" is two bytes, "i̇" three). The offset of
/// "attorney in fact for " found in the lower-cased copy was used in the original, landing inside
/// "É": "start byte index 25 is not a char boundary" in extract/ownership/mod.rs.
#[test]
fn a_form_4_signature_that_lower_cases_longer_before_attorney_in_fact_does_not_panic() {
    let xml = "<?xml version=\"1.0\"?>\n<ownershipDocument>\n<documentType>4</documentType>\n\
               <issuer><issuerCik>0009990001</issuerCik><issuerName>Quillon Robotics, Inc.</issuerName></issuer>\n\
               <reportingOwner><reportingOwnerId><rptOwnerCik>0009990002</rptOwnerCik>\
               <rptOwnerName>Marlowe Petra J.</rptOwnerName></reportingOwnerId>\
               <reportingOwnerRelationship><isDirector>1</isDirector></reportingOwnerRelationship>\
               </reportingOwner>\n<ownerSignature><signatureName>/s/ Dorian Vale, \u{130} \
               attorney-in-fact for \u{c9}mile Marlowe</signatureName>\
               <signatureDate>2026-03-04</signatureDate></ownerSignature>\n</ownershipDocument>\n";
    let facts = run("primary_doc.xml", xml.as_bytes());
    assert!(facts.is_some_and(|f| f.is_ok()));
}

/// The same in a Schedule 13G's structured XML: a signature title "İ attorney-in-fact for Émile"
/// lower-cased to more bytes, and the grantor was cut from the title at the lower-cased copy's
/// offset: "byte index 25 is not a char boundary" in extract/xml13.rs.
#[test]
fn a_13g_signature_title_that_lower_cases_longer_before_attorney_in_fact_does_not_panic() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
               <edgarSubmission xmlns=\"http://www.sec.gov/edgar/schedule13g\">\n\
               <headerData><submissionType>SCHEDULE 13G</submissionType></headerData>\n\
               <formData><coverPageHeader><issuerInfo><issuerName>Quillon Robotics, Inc.</issuerName>\
               </issuerInfo></coverPageHeader>\n\
               <signatureInformation><reportingPersonName>Harrowgate Fund, L.P.</reportingPersonName>\
               <signatureDetails><signature>/s/ Dorian Vale</signature>\
               <title>\u{130} attorney-in-fact for \u{c9}mile Marlowe</title>\
               <date>02/10/2025</date></signatureDetails></signatureInformation>\n\
               </formData></edgarSubmission>\n";
    let facts = run("primary_doc.xml", xml.as_bytes());
    assert!(facts.is_some_and(|f| f.is_ok()));
}
