//! CPU time this process and its finished children have used, for the
//! suite's summary (`/proc/self/stat`: utime, stime, cutime, cstime).

/// Seconds of CPU (user + system) used so far by this process and by every
/// child it has waited for; None where `/proc` is not there (not Linux).
pub fn used() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse(&stat, ticks_per_second())
}

/// CPU seconds used since `before` (a value of [`used`]).
pub fn since(before: Option<f64>) -> Option<f64> {
    used().zip(before).map(|(after, before)| after - before)
}

/// The four time fields of a `/proc/<pid>/stat` line, summed, in seconds.
/// Fields are counted after the command name's closing parenthesis (the name
/// may hold spaces): utime is the 14th field of the line, cstime the 17th.
fn parse(stat: &str, ticks: f64) -> Option<f64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // rest starts at field 3 (state): field n is fields[n - 3].
    let sum: f64 = (14..=17).map(|n| fields.get(n - 3).and_then(|f| f.parse::<f64>().ok())).sum::<Option<f64>>()?;
    Some(sum / ticks)
}

/// `getconf CLK_TCK` (100 on Linux), read once.
fn ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf").arg("CLK_TCK").output().ok().and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok()).unwrap_or(100.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_the_four_time_fields() {
        // pid (name with spaces) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        let line = "42 (my tool (x)) S 1 42 42 0 -1 4194304 10 20 0 0 150 50 300 100 20 0 1 0";
        assert_eq!(parse(line, 100.0), Some(6.0));
        assert_eq!(parse("42 (short) S 1", 100.0), None);
    }

    #[test]
    fn grows_with_work() {
        // Busy until 0.1 CPU seconds are counted, or 10 s of wall time (a
        // loaded machine gives this thread less than its share).
        let before = used();
        let mut x = 0u64;
        let t = std::time::Instant::now();
        while since(before).unwrap() < 0.1 && t.elapsed().as_secs() < 10 {
            for _ in 0..100_000 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
        }
        assert!(since(before).unwrap() >= 0.1, "no CPU counted after {:?} of work ({x})", t.elapsed());
    }
}
