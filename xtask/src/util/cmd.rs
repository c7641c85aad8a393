//! Running a command: its output on success, the command and the end of
//! its output on failure.

use std::process::Command;

/// How many lines of output a failure keeps.
const TAIL_LINES: usize = 40;

/// Runs `cmd`; Ok(its stdout then stderr, as text) if it succeeds, else
/// Err naming the command with the last 40 lines of that text.
pub fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if out.status.success() { Ok(text) } else { Err(format!("{cmd:?} failed:\n{}", tail(&text, TAIL_LINES))) }
}

/// The last `n` lines of `text`.
pub fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_lines() {
        assert_eq!(tail("a\nb\nc\n", 2), "b\nc");
        assert_eq!(tail("a\nb", 5), "a\nb");
        assert_eq!(tail("", 3), "");
    }

    #[test]
    fn run_reports_success_and_failure() {
        assert_eq!(run(Command::new("sh").args(["-c", "echo out; echo err >&2"])).unwrap(), "out\nerr\n");
        let e = run(Command::new("sh").args(["-c", "for i in $(seq 1 50); do echo $i; done; exit 3"])).unwrap_err();
        assert!(e.contains("failed:\n11\n12\n") && e.ends_with("\n50") && !e.contains("\n10\n"), "{e}");
        assert!(run(&mut Command::new("/nonexistent/xtask-cmd")).unwrap_err().starts_with("cannot run"));
    }
}
