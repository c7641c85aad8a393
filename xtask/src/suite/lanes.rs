//! The suite's side lane: a few long steps run in a child process
//! (`xtask test --only KEY`) beside the main lane, whose steps run one after
//! another in this process. Most steps leave one of the two cores idle much
//! of the time (a `cargo check` is mostly one rustc thread), and the side
//! lane fills it.
//!
//! A side step must share nothing with the main lane but the cores: its
//! target folders are its own, and it makes no verify report (the summary of
//! verify's tables is printed by the main lane).

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Instant;

/// The side lane's steps, in the order it runs them. `targets` builds in
/// `target/apple-targets/` (the per-OS probes wait on cargo's lock there and
/// reuse its `core`), `floors` in `target/floors/`.
pub const SIDE_LANE: &[&str] = &["targets", "floors"];

/// How a side step went: what its child process printed, and its own
/// summary's CPU seconds.
pub struct SideOutcome {
    pub key: &'static str,
    pub ok: bool,
    pub secs: f64,
    pub cpu: Option<f64>,
}

/// CPU seconds of side children reaped so far: the main lane takes them off
/// its steps' CPU (`/proc/self/stat` counts a child when it is waited for).
pub static REAPED_CPU: Mutex<f64> = Mutex::new(0.0);

/// Runs each of `keys` in a child process, one after another; each child's
/// output goes to `target/suite-side/KEY.log` and is printed in one block
/// when the child ends.
pub fn run(root: &Path, keys: &[&'static str]) -> Vec<SideOutcome> {
    let dir = root.join("target").join("suite-side");
    let _ = std::fs::create_dir_all(&dir);
    keys.iter().map(|&key| run_one(root, &dir, key)).collect()
}

fn run_one(root: &Path, dir: &Path, key: &'static str) -> SideOutcome {
    let log = dir.join(format!("{key}.log"));
    let t = Instant::now();
    let status = std::fs::File::create(&log).and_then(|out| {
        let err = out.try_clone()?;
        Command::new(std::env::current_exe()?).args(["test", "--only", key]).current_dir(root).stdin(Stdio::null()).stdout(out).stderr(err).status()
    });
    let secs = t.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let cpu = child_cpu(&text);
    *REAPED_CPU.lock().unwrap() += cpu.unwrap_or(0.0);
    let ok = status.as_ref().is_ok_and(|s| s.success());
    let how = match &status {
        Ok(_) if ok => "ok".to_string(),
        Ok(s) => format!("FAILED ({s})"),
        Err(e) => format!("FAILED (cannot run: {e})"),
    };
    print!("\n==> side lane: {key} {how} ({secs:.1} s); its output ({}):\n{text}", log.display());
    SideOutcome { key, ok, secs, cpu }
}

/// The CPU seconds a child's summary reports (`wall time …, CPU N s (setup
/// and steps)`).
fn child_cpu(text: &str) -> Option<f64> {
    let line = text.lines().rev().find(|l| l.starts_with("wall time "))?;
    let n = line.split(", CPU ").nth(1)?.split(' ').next()?;
    n.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_childs_cpu() {
        let text = "step secs\nwall time 402.5 s, CPU 640.2 s (setup and steps)\n1 passed, 0 failed\n";
        assert_eq!(child_cpu(text), Some(640.2));
        assert_eq!(child_cpu("wall time 3.0 s\n"), None);
    }

    #[test]
    fn side_steps_are_steps() {
        for key in SIDE_LANE {
            assert!(super::super::STEPS.iter().any(|s| s.key == *key), "{key} is not a step");
        }
    }
}
