//! The pipeline every target runs: load -> detect -> extract, as `relgraph build` does per file.
//! Bad input must give an error or empty facts, never a panic, a hang or unbounded memory.

pub fn run(path: &str, data: &[u8]) {
    let Ok(doc) = relgraph::load::load_bytes(path, data) else {
        return;
    };
    let form = relgraph::detect::detect(&doc);
    if form.family != relgraph::detect::Family::Other {
        let _ = relgraph::extract::read_facts(&doc, &form);
    }
}
