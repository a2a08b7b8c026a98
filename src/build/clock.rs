//! The time of each phase of a build (`--timings`), and its memory when asked for
//! (`RELGRAPH_MEMORY_TRACE`).

/// Times consecutive phases into a list.
pub(crate) struct Clock<'a> {
    at: std::time::Instant,
    into: &'a mut Vec<(&'static str, f64)>,
}

impl<'a> Clock<'a> {
    pub(crate) fn start(into: &'a mut Vec<(&'static str, f64)>) -> Clock<'a> {
        Clock {
            at: std::time::Instant::now(),
            into,
        }
    }

    pub(crate) fn lap(&mut self, phase: &'static str) {
        self.into.push((phase, self.at.elapsed().as_secs_f64()));
        self.at = std::time::Instant::now();
        if std::env::var_os("RELGRAPH_MEMORY_TRACE").is_some() {
            eprintln!("memory after {phase}: {:?} MB peak", peak_rss_mb());
        }
    }
}

/// The process's peak resident memory so far, in MB (Linux; `None` elsewhere).
pub fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
