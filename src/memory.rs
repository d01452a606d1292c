//! This process's memory, as Linux reports it: the bound tests and the benchmark read it.

/// Peak resident memory of this process so far, in MB (Linux; 0 elsewhere).
pub fn peak_rss_mb() -> f64 {
    read_status_kb("VmHWM:") / 1024.0
}

/// Current resident memory, in MB.
pub fn rss_mb() -> f64 {
    read_status_kb("VmRSS:") / 1024.0
}

fn read_status_kb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0.0)
}
