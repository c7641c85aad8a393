//! SDK drift, told apart from failures: `cargo xtask verify --host
//! --drift-ok` on a Mac compares the committed bindings (made from the
//! stand-in SDK) with the runner's Xcode SDK. Layouts and constant values
//! legitimately differ between SDK versions (`task_vm_info` grew from 348 to
//! 372 bytes, `TASK_VM_INFO_COUNT` from 87 to 93): those are reported as
//! drift. Anything else fails: a missing symbol, a signature that no longer
//! matches, a hand-written equivalent that disagrees, a link that failed, and
//! (as before, through `Err`) any tool error or failed build.

use crate::verify::Report;

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Class {
    /// A layout or constant difference between two SDK versions.
    Drift,
    /// Anything else: the bindings are wrong for this SDK, or a tool broke.
    Failure,
}

/// The class of one mismatch line of a [`Report`] (`"<kind> <name>: ..."`).
pub fn classify(mismatch: &str) -> Class {
    // A libc type that agrees with the SDK again is news about codegen/config,
    // not drift.
    if mismatch.contains("libc now agrees") {
        return Class::Failure;
    }
    match mismatch.split_whitespace().next() {
        Some("layout" | "constant") => Class::Drift,
        _ => Class::Failure,
    }
}

/// Prints drift as drift (a GitHub warning annotation when run by Actions)
/// and every failure; `Err` if there is any failure.
pub fn judge(reports: &[Report]) -> Result<String, String> {
    let annotate = std::env::var_os("GITHUB_ACTIONS").is_some();
    let (mut drift, mut failures) = (0, 0);
    for r in reports {
        for m in &r.mismatches {
            match classify(m) {
                Class::Drift => {
                    drift += 1;
                    println!("DRIFT {}: {m}", r.target);
                }
                Class::Failure => {
                    failures += 1;
                    println!("MISMATCH {}: {m}", r.target);
                }
            }
        }
    }
    if annotate && drift > 0 {
        println!(
            "::warning title=SDK drift::{drift} layout/constant differences between the committed bindings (stand-in SDK) and this Xcode SDK; build with feature `bindgen` to bind this SDK"
        );
    }
    if failures > 0 {
        return Err(format!("{failures} mismatches outside the known drift classes (layout, constant), {drift} drift"));
    }
    Ok(format!("{drift} drift (layout, constant), no other mismatch"))
}

#[cfg(test)]
mod tests {
    use super::{Class, classify, judge};
    use crate::verify::Report;

    #[test]
    fn layout_and_constant_are_drift_the_rest_fails() {
        assert_eq!(classify("layout size(task_vm_info): C says 372 (0x174), Rust says 348 (0x15c)"), Class::Drift);
        assert_eq!(classify("constant TASK_VM_INFO_COUNT: C says 93 (0x5d), Rust says 87 (0x57)"), Class::Drift);
        assert_eq!(classify("symbol mach_exception_raise: not exported by libSystem.tbd (undefined at link time)"), Class::Failure);
        assert_eq!(classify("signature fn mach_vm_read: C type differs"), Class::Failure);
        assert_eq!(classify("inline OS_LOG_DEFAULT: C points at {}, Rust at {}"), Class::Failure);
        assert_eq!(classify("symbol check: the link failed without naming an undefined symbol:\n..."), Class::Failure);
        assert_eq!(classify("layout size(tcp_connection_info): libc now agrees with the SDK (112): move it"), Class::Failure);
    }

    #[test]
    fn judge_passes_drift_and_fails_on_anything_else() {
        let mut r = Report { target: "aarch64-apple-darwin".into(), ..Default::default() };
        r.mismatches.push("layout size(task_vm_info): C says 372 (0x174), Rust says 348 (0x15c)".into());
        assert!(judge(std::slice::from_ref(&r)).is_ok());
        r.mismatches.push("symbol vm_region: not exported by libSystem.tbd (undefined at link time)".into());
        let e = judge(std::slice::from_ref(&r)).unwrap_err();
        assert!(e.starts_with("1 mismatches outside"), "{e}");
    }
}
