//! Symbols: every function and static the bindings declare links against
//! the SDK's `libSystem.tbd`.

use super::probe::run;
use super::{Ctx, Items, Report};
use crate::util::scratch;
use std::fmt::Write as _;
use std::path::Path;

/// Every function and static, generated and hand-written: (Rust name, is
/// a static).
pub fn linked(items: &Items, hand: &Items) -> Vec<(String, bool)> {
    items
        .funcs
        .iter()
        .chain(hand.funcs.iter())
        .map(|f| (f.name.clone(), false))
        .chain(items.static_names.iter().chain(hand.static_names.iter()).map(|n| (n.clone(), true)))
        .collect()
}

/// Symbol names: the probes take the address of every function and static
/// (`darwin_sys_syms`), so each object's relocations name the symbol its
/// compiler links to: C's asm label (`$V2`, `$INODE64`, `$UNIX2003`,
/// `$NOCANCEL`, ...) on one side, Rust's `link_name` on the other.
pub fn name_extras(names: &[(String, bool)]) -> (String, String) {
    // A name a header also `#define`s (`#define dispatch_once
    // _dispatch_once`, an inline wrapper) means the declared function here.
    let mut c = String::new();
    for (n, _) in names {
        writeln!(c, "#undef {n}").unwrap();
    }
    c.push_str("const void *const darwin_sys_syms[] = {\n");
    let mut r = format!("#[unsafe(no_mangle)]\npub static darwin_sys_syms: [Addr; {}] = [\n", names.len());
    for (n, is_static) in names {
        writeln!(c, "    (const void *)&{n},").unwrap();
        if *is_static {
            writeln!(r, "    Addr(&raw const darwin_sys::{n} as *const core::ffi::c_void),").unwrap();
        } else {
            writeln!(r, "    Addr(darwin_sys::{n} as *const core::ffi::c_void),").unwrap();
        }
    }
    c.push_str("};\n");
    r.push_str("];\n");
    (c, r)
}

/// The names C does not declare (a function renamed or added on the Rust
/// side only): each is a mismatch, and left out of the address arrays.
pub fn undeclared_in_c(ctx: &Ctx, names: &mut Vec<(String, bool)>, report: &mut Report) -> Result<(), String> {
    let mut src = String::from("#include \"wrapper.h\"\n#include \"codegen/compat/private.h\"\n");
    for (n, _) in names.iter() {
        writeln!(src, "#undef {n}").unwrap();
    }
    let first = src.lines().count() + 1;
    for (n, _) in names.iter() {
        writeln!(src, "const void *const darwin_sys_decl_{n} = (const void *)&{n};").unwrap();
    }
    let file = ctx.work.join("declared.c");
    std::fs::write(&file, &src).map_err(|e| e.to_string())?;
    let out = super::probe::syntax_check(ctx, &file)?;
    let bad: std::collections::BTreeSet<usize> =
        super::probe::error_lines(&String::from_utf8_lossy(&out.stderr), "declared.c").into_iter().filter(|e| e.0 >= first).map(|e| e.0 - first).collect();
    let mut i = 0;
    names.retain(|(n, _)| {
        let keep = !bad.contains(&i);
        i += 1;
        if !keep {
            report.mismatches.push(format!("link name {n}: C declares no such function or variable"));
        }
        keep
    });
    Ok(())
}

/// Compares the symbol each slot of `darwin_sys_syms` refers to.
pub fn compare_names(c_bytes: &[u8], r_bytes: &[u8], names: &[(String, bool)], report: &mut Report) -> Result<(), String> {
    for (i, (n, _)) in names.iter().enumerate() {
        *report.compared.entry("link name").or_default() += 1;
        let c = super::probe::referenced_symbols(c_bytes, "darwin_sys_syms", Some((i, 8)))?;
        let r = super::probe::referenced_symbols(r_bytes, "darwin_sys_syms", Some((i, 8)))?;
        if c != r || c.is_empty() {
            report.mismatches.push(format!("link name {n}: C links to {c:?}, Rust to {r:?}"));
        }
    }
    Ok(())
}

/// What the symbol check links: every function and static, generated and
/// hand-written (statics as `@static:name`).
pub fn link_names(items: &Items, hand: &Items) -> Vec<String> {
    items
        .funcs
        .iter()
        .chain(hand.funcs.iter())
        .map(|f| f.name.clone())
        .chain(items.static_names.iter().chain(hand.static_names.iter()).map(|n| format!("@static:{n}")))
        .collect()
}

/// Symbols: link every function and static of [`link_names`].
pub fn link_all(ctx: &Ctx, names: &[String], report: &mut Report) -> Result<(), String> {
    let (missing, failure) = link_check(ctx, names)?;
    *report.compared.entry("symbol").or_default() += names.len();
    for m in missing {
        report.mismatches.push(format!("symbol {m}: not exported by libSystem.tbd (undefined at link time)"));
    }
    // A link that failed without naming a symbol is a mismatch too, not an
    // early return: the report keeps (and the caller prints) every
    // mismatch the other checks found, then fails.
    if let Some(f) = failure {
        report.mismatches.push(format!("symbol check: the link failed without naming an undefined symbol:\n{f}"));
    }
    Ok(())
}

/// Writes the symbol check's crate (`<work>/symbols`, its `main.rs` a
/// placeholder until [`link_check`] writes it) and returns its folder. Its
/// dependencies (libc's features unify), feature `mig` and profile are the
/// probe crate's: one darwin-sys build serves both, and with feature
/// `bindgen` the verifier reads the bindings from that build.
pub fn write_crate(ctx: &Ctx) -> Result<std::path::PathBuf, String> {
    let dir = ctx.work.join("symbols");
    let deps = format!(
        "libc = \"0.2\"\n{}",
        scratch::darwin_sys(ctx.root, &format!(", features = [\"mig\"{}]", if ctx.bindgen_feature { ", \"bindgen\"" } else { "" }))
    );
    scratch::Crate {
        name: "darwin-sys-symbols",
        targets: "[[bin]]\nname = \"symbols\"\npath = \"src/main.rs\"\n\n",
        deps: &deps,
        extra: &format!("{}\n", super::probe::PROFILE),
    }
    .write(&dir, scratch::workspace_lock(&ctx.target_dir))?;
    let main = dir.join("src").join("main.rs");
    if !main.is_file() {
        std::fs::write(&main, "").map_err(|e| e.to_string())?;
    }
    Ok(dir)
}

/// Links a Mach-O executable that takes the address of every bound function
/// and static; returns the symbols the linker could not find (lld's, zig's
/// or Apple's ld's messages, `crate::util::ld_messages`), and the linker's text if
/// the link failed without naming any.
fn link_check(ctx: &Ctx, names: &[String]) -> Result<(Vec<String>, Option<String>), String> {
    let dir = write_crate(ctx)?;
    let mut s = String::from(
        "// darwin-sys symbol check: generated by `cargo xtask verify`.\n#![no_std]\n#![no_main]\n\
         #[repr(transparent)] pub struct Addr(pub *const ());\nunsafe impl Sync for Addr {}\n",
    );
    writeln!(s, "#[used]\n#[unsafe(no_mangle)]\npub static DARWIN_SYS_SYMBOLS: [Addr; {}] = [", names.len()).unwrap();
    for n in names {
        writeln!(s, "    Addr(darwin_sys::{n} as *const ()),").unwrap();
    }
    s.push_str(
        "];\n#[unsafe(no_mangle)]\npub extern \"C\" fn main() -> i32 {\n    unsafe { core::ptr::read_volatile(&DARWIN_SYS_SYMBOLS[0].0) }.is_null() as i32\n}\n\
                #[panic_handler]\nfn panic(_: &core::panic::PanicInfo) -> ! { loop {} }\n",
    );
    // Statics are referenced with `&raw const`.
    let s = s.replace("darwin_sys::@static:", "&raw const darwin_sys::");
    std::fs::write(dir.join("src").join("main.rs"), s).map_err(|e| e.to_string())?;
    let mut cmd = super::probe::cargo(ctx, "build")?;
    cmd.arg("--manifest-path").arg(dir.join("Cargo.toml"));
    let out = run(&mut cmd)?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let missing = crate::util::ld_messages::undefined_symbols(&stderr);
    if !out.status.success() && missing.is_empty() {
        let text = stderr.lines().take(40).collect::<Vec<_>>().join("\n");
        return Ok((missing, Some(format!("symbol check for {} failed to build:\n{text}", ctx.target.rust))));
    }
    Ok((missing, None))
}

/// Mac Catalyst: every function and static the arm64 and x86_64 files bind
/// there (their cfgs evaluated for Catalyst) is exported by libSystem.tbd
/// for `maccatalyst`.
pub fn catalyst(root: &Path, sdk: &crate::config::Sdk) -> Result<String, String> {
    use crate::config::{Os, Part, TARGETS};
    let tbd = std::fs::read_to_string(sdk.libsystem_tbd()).map_err(|e| format!("libSystem.tbd: {e}"))?;
    let mut notes = Vec::new();
    let mut missing = Vec::new();
    for t in TARGETS {
        let exports = crate::tbd::exports_for(&tbd, t.tbd_archs, "maccatalyst");
        let text = std::fs::read_to_string(crate::generation::generate::path(root, t, Part::Main)).map_err(|e| e.to_string())?;
        let (on, _) = super::availability::split(&text, Os::MacCatalyst)?;
        let items = Items::parse(&text)?;
        let link: std::collections::HashMap<&str, &str> = items
            .funcs
            .iter()
            .map(|f| (f.name.as_str(), f.link_name.as_str()))
            .chain(items.static_names.iter().zip(&items.statics).map(|(n, (l, _))| (n.as_str(), l.as_str())))
            .collect();
        for n in &on {
            let sym = link.get(n.as_str()).map_or_else(|| format!("_{n}"), |s| s.to_string());
            if !exports.contains(&sym) {
                missing.push(format!("{}: {sym}", t.abi));
            }
        }
        notes.push(format!("{} {} symbols", t.abi, on.len()));
    }
    if missing.is_empty() {
        Ok(format!("Mac Catalyst: {} exported for maccatalyst", notes.join(", ")))
    } else {
        Err(format!("bound on Mac Catalyst, not exported by libSystem.tbd for maccatalyst: {}", missing.join(", ")))
    }
}
