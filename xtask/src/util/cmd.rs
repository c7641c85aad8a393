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

/// A failed run's report: every line starting with `marker` (the ones that
/// say what failed, wherever they are), then the last `n` lines.
pub fn marked_then_tail(text: &str, marker: &str, n: usize) -> String {
    let marked: Vec<&str> = text.lines().filter(|l| l.starts_with(marker)).collect();
    if marked.is_empty() {
        return tail(text, n);
    }
    format!("{}\n  ...\n{}", marked.join("\n"), tail(text, n))
}

/// `cargo`, the one that runs this tool (`$CARGO`).
pub fn cargo() -> Command {
    Command::new(env!("CARGO"))
}

/// Where two texts first differ: the line number and both lines
/// (`got`, then `want`), or `None` when they are equal.
pub fn first_difference(got: &str, want: &str) -> Option<String> {
    if got == want {
        return None;
    }
    let (mut g, mut w) = (got.lines(), want.lines());
    for n in 1.. {
        match (g.next(), w.next()) {
            (a, b) if a != b => return Some(format!("line {n}:\n  got:  {}\n  want: {}", a.unwrap_or("(end)"), b.unwrap_or("(end)"))),
            (None, None) => break,
            _ => {}
        }
    }
    Some("the texts differ only in line endings".to_string())
}

/// Rust's own `rust-lld` (ld64.lld under `-flavor darwin`), in the
/// toolchain's `lib/rustlib/<host>/bin/`: a linker that reads any SDK's
/// `libSystem.tbd` (rustup installs it with every toolchain).
pub fn rust_lld() -> Result<std::path::PathBuf, String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let sysroot = run(Command::new(&rustc).args(["--print", "sysroot"]))?;
    let version = run(Command::new(&rustc).arg("-vV"))?;
    let host = version.lines().find_map(|l| l.strip_prefix("host: ")).ok_or("`rustc -vV` names no host")?;
    let lld = std::path::Path::new(sysroot.trim()).join("lib").join("rustlib").join(host.trim()).join("bin").join("rust-lld");
    if lld.is_file() { Ok(lld) } else { Err(format!("{}: no rust-lld in this toolchain (rustup installs it with every toolchain)", lld.display())) }
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
    fn first_difference_names_the_line() {
        assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
        assert_eq!(first_difference("a\nb\n", "a\nc\n").unwrap(), "line 2:\n  got:  b\n  want: c");
        assert_eq!(first_difference("a\n", "a\nc\n").unwrap(), "line 2:\n  got:  (end)\n  want: c");
        assert!(first_difference("a\n", "a").is_some());
    }

    #[test]
    fn marked_lines_lead_the_report() {
        let r = marked_then_tail("MISMATCH a\nx\ny\nz\n", "MISMATCH", 1);
        assert_eq!(r, "MISMATCH a\n  ...\nz");
        assert_eq!(marked_then_tail("x\ny\n", "MISMATCH", 1), "y");
    }

    #[test]
    fn run_reports_success_and_failure() {
        assert_eq!(run(Command::new("sh").args(["-c", "echo out; echo err >&2"])).unwrap(), "out\nerr\n");
        let e = run(Command::new("sh").args(["-c", "for i in $(seq 1 50); do echo $i; done; exit 3"])).unwrap_err();
        assert!(e.contains("failed:\n11\n12\n") && e.ends_with("\n50") && !e.contains("\n10\n"), "{e}");
        assert!(run(&mut Command::new("/nonexistent/xtask-cmd")).unwrap_err().starts_with("cannot run"));
    }
}
