//! The undefined symbols a failed link reports, read from the linker's
//! messages. Three formats, because the symbol check links with whichever
//! linker the host has:
//!
//! - lld and zig's Mach-O linker (Linux, with the stand-in SDK):
//!   `error: undefined symbol: _foo`, one line per symbol;
//! - Apple's classic ld64 (Xcode 14 and older, and `-ld64` later):
//!   `Undefined symbols for architecture arm64:`, then per symbol
//!   `  "_foo", referenced from:` and indented referrers, closed by
//!   `ld: symbol(s) not found for architecture arm64`;
//! - Apple's ld-prime (Xcode 15 and later): `ld: Undefined symbols:`, then
//!   per symbol `  _foo, referenced from:` (no quotes) and referrers.
//!
//! rustc relays the linker's stderr behind `= note: ` and indentation, so
//! lines are trimmed first. Names come back as C names: the Mach-O leading
//! underscore is dropped.

/// Every undefined symbol `stderr` reports, as C names, sorted, once each.
pub fn undefined_symbols(stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_apple_block = false;
    for raw in stderr.lines() {
        let line = raw.trim();
        let line = line.strip_prefix("= note:").map(str::trim).unwrap_or(line);
        // lld, zig.
        if let Some(rest) = line.split("undefined symbol: ").nth(1) {
            out.push(c_name(rest.trim()));
            continue;
        }
        // Apple: the block header (ld64 or ld-prime).
        if line.starts_with("Undefined symbols for architecture ") || line == "ld: Undefined symbols:" {
            in_apple_block = true;
            continue;
        }
        if !in_apple_block {
            continue;
        }
        if let Some(sym) = line.strip_suffix(", referenced from:") {
            out.push(c_name(sym.trim().trim_matches('"')));
        } else if line.starts_with("ld: ") || line.starts_with("clang: ") || line.starts_with("error:") {
            // `ld: symbol(s) not found ...` (ld64) or the driver's summary
            // (ld-prime) ends the block.
            in_apple_block = false;
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `_foo` -> `foo`. C++ and Swift names ld64 prints demangled stay as they are.
fn c_name(sym: &str) -> String {
    sym.strip_prefix('_').unwrap_or(sym).to_string()
}

#[cfg(test)]
mod tests {
    use super::undefined_symbols;

    // The shapes below follow real reports of each linker (public issue
    // threads); the symbol names are ours.

    #[test]
    fn lld_and_zig() {
        let ld64_lld = "ld64.lld: error: undefined symbol: _mach_exception_raise\n\
                        >>> referenced by symbols.o:(DARWIN_SYS_SYMBOLS)\n\
                        ld64.lld: error: undefined symbol: _task_wire\n\
                        >>> referenced by symbols.o:(DARWIN_SYS_SYMBOLS)\n";
        assert_eq!(undefined_symbols(ld64_lld), ["mach_exception_raise", "task_wire"]);
        let zig = "error: undefined symbol: _vm_region\n    note: referenced by symbols.o:_DARWIN_SYS_SYMBOLS\n";
        assert_eq!(undefined_symbols(zig), ["vm_region"]);
    }

    #[test]
    fn apple_ld64_as_relayed_by_rustc() {
        let stderr = r#"error: linking with `cc` failed: exit status: 1
  |
  = note: env -u IPHONEOS_DEPLOYMENT_TARGET "cc" "-arch" "arm64" "/tmp/rustcXXXX/symbols.o" "-o" "symbols"
  = note: ld: warning: ignoring duplicate libraries: '-lc'
          Undefined symbols for architecture arm64:
            "_mach_exception_raise", referenced from:
                _DARWIN_SYS_SYMBOLS in symbols-1234.symbols.abcd-cgu.0.rcgu.o
            "__mach_make_memory_entry", referenced from:
                _DARWIN_SYS_SYMBOLS in symbols-1234.symbols.abcd-cgu.0.rcgu.o
               (maybe you meant: _mach_make_memory_entry_64)
          ld: symbol(s) not found for architecture arm64
          clang: error: linker command failed with exit code 1 (use -v to see invocation)
"#;
        assert_eq!(undefined_symbols(stderr), ["_mach_make_memory_entry", "mach_exception_raise"]);
    }

    #[test]
    fn apple_ld64_x86_64_plain() {
        let stderr = "Undefined symbols for architecture x86_64:\n  \"_vm_region_recurse\", referenced from:\n      _main in probe.o\n  \"loganInit(NSData*)\", referenced from:\n      -[AppDelegate init] in AppDelegate.o\nld: symbol(s) not found for architecture x86_64\nclang: error: linker command failed with exit code 1 (use -v to see invocation)\n";
        assert_eq!(undefined_symbols(stderr), ["loganInit(NSData*)", "vm_region_recurse"]);
    }

    #[test]
    fn apple_ld_prime() {
        let stderr = "  = note: ld: Undefined symbols:\n            _mach_exception_raise_state, referenced from:\n                _DARWIN_SYS_SYMBOLS in symbols.o\n            _dispatch_wait, referenced from:\n                _DARWIN_SYS_SYMBOLS in symbols.o\n                _main in symbols.o\n          clang: error: linker command failed with exit code 1 (use -v to see invocation)\n";
        assert_eq!(undefined_symbols(stderr), ["dispatch_wait", "mach_exception_raise_state"]);
    }

    #[test]
    fn other_failures_name_no_symbol() {
        // A failed link for another reason must not look like a clean
        // symbol report: the caller then fails with the linker's text.
        let stderr = "ld: library 'iconv' not found\nclang: error: linker command failed with exit code 1\n";
        assert!(undefined_symbols(stderr).is_empty());
        // "referenced from:" outside an Undefined block is not a symbol.
        assert!(undefined_symbols("  \"_x\", referenced from:\n").is_empty());
    }
}
