//! Availability per OS: on which Apple OSes each bound item may be used.
//!
//! One committed bindings file serves every OS of its ABI, so each item that
//! is not usable everywhere carries a `#[cfg(...)]` naming where it is:
//!
//! - functions and statics: where the SDK's markup makes them available, as
//!   clang itself decides (`clang_getCursorAvailability` on a translation
//!   unit of `wrapper.h` parsed for each OS's triple). This needs a libclang
//!   that knows visionOS (`xros`): PyPI `libclang` 18 does not, so this step
//!   loads the libclang 22 of PyPI `libclang-ng`, provisioned like the
//!   stand-in.
//! - items of the headers that only the macOS SDK ships
//!   (`config::MACOS_ONLY_FILES`), and the `libc` types that `libc` defines
//!   for macOS only (`config::LIBC_TYPES_MACOS`) where the file re-exports
//!   them from libc: macOS.
//! - any item that refers to a gated item: where both are.
//!
//! Nothing is kept by hand: the cfgs are computed at each generation. The
//! build script (feature `bindgen`) makes bindings for one target against
//! its own SDK and does not add these lines; [`strip`] removes them for the
//! comparison of its output with the committed files.

use crate::config::{LIBC_TYPES_MACOS, MACOS_ONLY_FILES, Os};
use crate::postprocess::Refs;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The libclang that decides availability (knows `xros`).
pub const LIBCLANG: &str = "libclang-ng==22.1.4.2";

/// Names (functions and statics) clang marks unavailable, per OS.
pub type Unavailable = BTreeMap<Os, BTreeSet<String>>;

/// The clang triple each OS's availability is computed for: arm64, at the
/// oldest deployment version Rust supports for it (so nothing introduced
/// later or obsoleted counts as unavailable by version alone).
pub fn triple(os: Os) -> &'static str {
    match os {
        Os::MacOs => "arm64-apple-macos11",
        Os::Ios => "arm64-apple-ios10.0",
        Os::MacCatalyst => "arm64-apple-ios14.0-macabi",
        Os::TvOs => "arm64-apple-tvos10.0",
        Os::WatchOs => "arm64-apple-watchos5.0",
        Os::VisionOs => "arm64-apple-xros1.0",
    }
}

/// Fetches (once) the availability libclang from PyPI into `base` (the
/// stand-in's folder, `target/stand-in`).
pub fn provision(base: &Path) -> Result<PathBuf, String> {
    let dir = base.join("libclang-ng-22.1.4.2");
    crate::util::sdk::pip_install(LIBCLANG, &dir)?;
    let lib = dir.join("clang").join("native");
    if !lib.join("libclang.so").is_file() {
        return Err(format!("no libclang.so under {}", lib.display()));
    }
    Ok(lib)
}

/// Parses `wrapper.h` for each OS with the libclang in `libclang_dir` and
/// returns the functions and statics clang reports unavailable there.
pub fn compute(root: &Path, sdk: &crate::config::Sdk, libclang_dir: &Path) -> Result<Unavailable, String> {
    // clang-sys keeps the loaded library per thread: this thread's libclang
    // is not the one bindgen loads on the main thread.
    let lib_dir = libclang_dir.to_path_buf();
    let root = root.to_path_buf();
    let args: Vec<(Os, Vec<String>)> = Os::ALL
        .iter()
        .map(|&os| {
            let target = crate::config::Target { clang: triple(os), ..crate::config::TARGETS[0] };
            (os, sdk.clang_args(&target, &root))
        })
        .collect();
    std::thread::scope(|s| {
        s.spawn(|| {
            let old = std::env::var_os("LIBCLANG_PATH");
            // SAFETY: no other thread reads the environment meanwhile (the
            // main thread waits for this one).
            unsafe { std::env::set_var("LIBCLANG_PATH", &lib_dir) };
            let loaded = clang_sys::load();
            unsafe {
                match &old {
                    Some(v) => std::env::set_var("LIBCLANG_PATH", v),
                    None => std::env::remove_var("LIBCLANG_PATH"),
                }
            }
            loaded.map_err(|e| format!("cannot load {LIBCLANG}'s libclang from {}: {e}", lib_dir.display()))?;
            let mut out = Unavailable::new();
            for (os, args) in &args {
                out.insert(*os, parse::unavailable(&root.join("wrapper.h"), args)?);
            }
            clang_sys::unload().ok();
            Ok(out)
        })
        .join()
        .map_err(|_| "the availability thread panicked".to_string())?
    })
}

mod parse {
    use clang_sys::*;
    use std::collections::BTreeSet;
    use std::ffi::{CStr, CString};
    use std::os::raw::c_void;
    use std::path::Path;

    fn string(s: CXString) -> String {
        // SAFETY: a CXString from libclang, disposed once read.
        unsafe {
            let c = clang_getCString(s);
            let out = if c.is_null() { String::new() } else { CStr::from_ptr(c).to_string_lossy().into_owned() };
            clang_disposeString(s);
            out
        }
    }

    extern "C" fn visit(cursor: CXCursor, _parent: CXCursor, data: CXClientData) -> CXChildVisitResult {
        // SAFETY: `data` is the `BTreeSet` passed by `unavailable`.
        let names = unsafe { &mut *(data as *mut BTreeSet<String>) };
        unsafe {
            let kind = clang_getCursorKind(cursor);
            if (kind == CXCursor_FunctionDecl || kind == CXCursor_VarDecl) && clang_getCursorAvailability(cursor) == CXAvailability_NotAvailable {
                names.insert(string(clang_getCursorSpelling(cursor)));
            }
        }
        CXChildVisit_Continue
    }

    /// File-scope functions and variables of `header` that clang reports
    /// unavailable with `args` (any of their declarations).
    pub fn unavailable(header: &Path, args: &[String]) -> Result<BTreeSet<String>, String> {
        let cargs: Vec<CString> = args.iter().map(|a| CString::new(a.as_str()).unwrap()).collect();
        let ptrs: Vec<*const i8> = cargs.iter().map(|a| a.as_ptr()).collect();
        let file = CString::new(header.display().to_string()).unwrap();
        let mut names = BTreeSet::new();
        // SAFETY: plain libclang calls; every object is disposed before return.
        unsafe {
            let index = clang_createIndex(0, 0);
            let tu = clang_parseTranslationUnit(
                index,
                file.as_ptr(),
                ptrs.as_ptr(),
                ptrs.len() as i32,
                std::ptr::null_mut(),
                0,
                CXTranslationUnit_SkipFunctionBodies,
            );
            if tu.is_null() {
                clang_disposeIndex(index);
                return Err(format!("libclang could not parse {} ({})", header.display(), args.join(" ")));
            }
            let mut errors = Vec::new();
            for i in 0..clang_getNumDiagnostics(tu) {
                let d = clang_getDiagnostic(tu, i);
                if clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error {
                    errors.push(string(clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions())));
                }
                clang_disposeDiagnostic(d);
            }
            if errors.is_empty() {
                clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, &mut names as *mut _ as *mut c_void);
            }
            clang_disposeTranslationUnit(tu);
            clang_disposeIndex(index);
            if !errors.is_empty() {
                return Err(format!("wrapper.h does not parse for {}:\n{}", args[0], errors.join("\n")));
            }
        }
        Ok(names)
    }
}

/// The `cfg` predicate that holds on exactly the OSes of `on`, or `None`
/// for all of them. Written as the shorter of "on these" and "not on
/// those"; iOS with Mac Catalyst is `target_os = "ios"`.
pub fn cfg_for(on: &BTreeSet<Os>) -> Option<String> {
    let all: BTreeSet<Os> = Os::ALL.into_iter().collect();
    if *on == all {
        return None;
    }
    let off: BTreeSet<Os> = all.difference(on).copied().collect();
    let list = |set: &BTreeSet<Os>| -> Vec<&'static str> {
        let both = set.contains(&Os::Ios) && set.contains(&Os::MacCatalyst);
        set.iter().filter(|o| !(both && **o == Os::MacCatalyst)).map(|o| if both && *o == Os::Ios { "target_os = \"ios\"" } else { o.cfg() }).collect()
    };
    let (pos, neg) = (list(on), list(&off));
    let any = |v: Vec<&str>| if v.len() == 1 { v[0].to_string() } else { format!("any({})", v.join(", ")) };
    Some(if pos.len() <= neg.len() { any(pos) } else { format!("not({})", any(neg)) })
}

struct Entry {
    line: usize,
    name: String,
    refs: BTreeSet<String>,
    /// Function or static: its availability is clang's.
    linked: bool,
}

/// The functions and statics of `items`, in extern blocks and in modules
/// (`mod same_as_libc`, the declarations of what libc's re-exports stand
/// for).
fn linked_names(items: &[syn::Item], out: &mut BTreeSet<String>) {
    for item in items {
        match item {
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => out.insert(f.sig.ident.to_string()),
                        syn::ForeignItem::Static(s) => out.insert(s.ident.to_string()),
                        _ => false,
                    };
                }
            }
            syn::Item::Mod(m) => linked_names(m.content.as_ref().map_or(&[][..], |c| &c.1), out),
            _ => {}
        }
    }
}

fn entries(text: &str) -> Result<Vec<Entry>, String> {
    use quote::ToTokens;
    let file = syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))?;
    let mut linked = BTreeSet::new();
    linked_names(&file.items, &mut linked);
    let mut out = Vec::new();
    let mut push = |tokens: proc_macro2::TokenStream, name: String, linked: bool, f: &dyn Fn(&mut Refs)| {
        let line = tokens.into_iter().next().map_or(0, |t| t.span().start().line);
        let mut r = Refs::default();
        f(&mut r);
        out.push(Entry { line, name, refs: r.0, linked });
    };
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => push(s.to_token_stream(), s.ident.to_string(), false, &|r| r.visit_item_struct(s)),
            syn::Item::Union(u) => push(u.to_token_stream(), u.ident.to_string(), false, &|r| r.visit_item_union(u)),
            syn::Item::Type(t) => push(t.to_token_stream(), t.ident.to_string(), false, &|r| r.visit_item_type(t)),
            syn::Item::Const(c) => push(c.to_token_stream(), c.ident.to_string(), false, &|r| r.visit_item_const(c)),
            syn::Item::Use(u) => {
                let syn::UseTree::Path(p) = &u.tree else { continue };
                match &*p.tree {
                    // `pub use self::task_role as task_role_t;`
                    syn::UseTree::Rename(r) if p.ident == "self" => {
                        let target = r.ident.to_string();
                        push(u.to_token_stream(), r.rename.to_string(), false, &|refs| {
                            refs.0.insert(target.clone());
                        });
                    }
                    // `pub use libc::mach_msg;`: available where the
                    // function it stands for is.
                    syn::UseTree::Name(n) if p.ident == "libc" => {
                        let name = n.ident.to_string();
                        push(u.to_token_stream(), name.clone(), linked.contains(&name), &|_| {});
                    }
                    _ => {}
                }
            }
            syn::Item::Impl(i) => {
                let name = match &*i.self_ty {
                    syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
                    _ => String::new(),
                };
                push(i.to_token_stream(), format!("impl {name}"), false, &|r| {
                    r.0.insert(name.clone());
                    r.visit_item_impl(i)
                });
            }
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => push(f.to_token_stream(), f.sig.ident.to_string(), true, &|r| r.visit_foreign_item_fn(f)),
                        syn::ForeignItem::Static(s) => push(s.to_token_stream(), s.ident.to_string(), true, &|r| r.visit_foreign_item_static(s)),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// What [`gate`] decided: the OSes of each gated item.
#[derive(Default)]
pub struct Gates {
    pub on: BTreeMap<String, BTreeSet<Os>>,
    /// Functions and statics of the file.
    pub linked: BTreeSet<String>,
}

impl Gates {
    /// Functions and statics bound on `os`.
    pub fn linked_on(&self, os: Os) -> usize {
        self.linked.iter().filter(|n| self.on.get(*n).is_none_or(|s| s.contains(&os))).count()
    }
}

/// Inserts the availability cfgs into a generated file. `locations` are
/// bindgen's (item, header) reports; `unavailable` is [`compute`]'s answer.
pub fn gate(text: &str, locations: &[(String, String)], unavailable: &Unavailable) -> Result<(String, Gates), String> {
    let items = entries(text)?;
    let mut on = known_oses(text, &items, &macos_only(locations), unavailable);
    follow_references(&items, &mut on);
    let (inserts, gates) = decide(&items, &on)?;
    Ok((insert_cfgs(text, inserts), gates))
}

/// The items bindgen located in a header of [`MACOS_ONLY_FILES`].
fn macos_only(locations: &[(String, String)]) -> BTreeSet<&str> {
    let files: Vec<Regex> = MACOS_ONLY_FILES.iter().map(|p| Regex::new(&format!("^(?:{p})$")).expect("valid regex")).collect();
    locations.iter().filter(|(_, f)| files.iter().any(|r| r.is_match(f))).map(|(n, _)| n.as_str()).collect()
}

/// The OSes of each named item, starting from what is known of it: its
/// header, and for a function or static the SDKs that lack it.
fn known_oses(text: &str, items: &[Entry], macos_only: &BTreeSet<&str>, unavailable: &Unavailable) -> HashMap<String, BTreeSet<Os>> {
    let all: BTreeSet<Os> = Os::ALL.into_iter().collect();
    let macos: BTreeSet<Os> = [Os::MacOs].into_iter().collect();
    let mut on: HashMap<String, BTreeSet<Os>> = HashMap::new();
    // Re-exported from libc for macOS only (the macOS bindings say so).
    if text.contains("#[cfg(target_os = \"macos\")] pub use libc::{") {
        for t in LIBC_TYPES_MACOS {
            on.insert(t.to_string(), macos.clone());
        }
    }
    for e in items {
        let mut set = if macos_only.contains(e.name.as_str()) { macos.clone() } else { all.clone() };
        if e.linked {
            set.retain(|os| !unavailable.get(os).is_some_and(|u| u.contains(&e.name)));
        }
        let entry = on.entry(e.name.clone()).or_insert_with(|| all.clone());
        *entry = entry.intersection(&set).copied().collect();
    }
    on
}

/// An item is only where everything it refers to is: narrows `on` until
/// nothing changes.
fn follow_references(items: &[Entry], on: &mut HashMap<String, BTreeSet<Os>>) {
    loop {
        let mut changed = false;
        for e in items {
            let mut set = on[&e.name].clone();
            for r in &e.refs {
                if r != &e.name
                    && let Some(s) = on.get(r)
                {
                    set = set.intersection(s).copied().collect();
                }
            }
            if set != on[&e.name] {
                on.insert(e.name.clone(), set);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The cfg to insert before each item not on every OS, as (line, cfg); and
/// the [`Gates`]. An item on no OS at all is an error.
fn decide(items: &[Entry], on: &HashMap<String, BTreeSet<Os>>) -> Result<(Vec<(usize, String)>, Gates), String> {
    let mut gates = Gates::default();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    for e in items {
        if e.linked {
            gates.linked.insert(e.name.clone());
        }
        let set = &on[&e.name];
        if let Some(cfg) = cfg_for(set) {
            if set.is_empty() {
                return Err(format!("{} is available on no OS at all: leave it out in codegen/config", e.name));
            }
            inserts.push((e.line, cfg));
            gates.on.insert(e.name.clone(), set.clone());
        }
    }
    Ok((inserts, gates))
}

/// `text` with `#[cfg(<cfg>)]` inserted before each (1-based) line, at
/// that line's indentation.
fn insert_cfgs(text: &str, mut inserts: Vec<(usize, String)>) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    inserts.sort_by_key(|i| std::cmp::Reverse(i.0));
    for (line, cfg) in &inserts {
        let at = line - 1;
        let indent: String = lines[at].chars().take_while(|c| c.is_whitespace()).collect();
        lines.insert(at, format!("{indent}#[cfg({cfg})]"));
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Is `line` a line [`gate`] inserted?
fn is_gate(line: &str) -> bool {
    let l = line.trim();
    l.starts_with("#[cfg(") && l.ends_with(")]") && l.contains("target_os = ")
}

/// The text without the availability cfgs.
pub fn strip(text: &str) -> String {
    let mut out: String = text.lines().filter(|l| !is_gate(l)).collect::<Vec<_>>().join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[Os]) -> BTreeSet<Os> {
        v.iter().copied().collect()
    }

    #[test]
    fn cfgs_name_the_oses() {
        assert_eq!(cfg_for(&set(&Os::ALL)), None);
        assert_eq!(cfg_for(&set(&[Os::MacOs])).unwrap(), "target_os = \"macos\"");
        assert_eq!(cfg_for(&set(&[Os::MacOs, Os::Ios, Os::MacCatalyst, Os::VisionOs])).unwrap(), "not(any(target_os = \"tvos\", target_os = \"watchos\"))");
        assert_eq!(cfg_for(&set(&[Os::MacOs, Os::MacCatalyst])).unwrap(), "any(target_os = \"macos\", all(target_os = \"ios\", target_abi = \"macabi\"))");
    }

    #[test]
    fn gates_follow_references() {
        let text = "pub type a = u32;\npub struct s {\n    pub f: a,\n}\nunsafe extern \"C\" {\n    pub fn f(x: s);\n    pub fn g() -> u32;\n}\n";
        let locs = vec![("a".to_string(), "/sdk/libproc.h".to_string())];
        let mut un = Unavailable::new();
        un.insert(Os::TvOs, ["g".to_string()].into_iter().collect());
        let (out, gates) = gate(text, &locs, &un).unwrap();
        assert_eq!(gates.on["s"], set(&[Os::MacOs]));
        assert_eq!(gates.on["f"], set(&[Os::MacOs]));
        assert_eq!(gates.linked_on(Os::TvOs), 0);
        assert_eq!(gates.linked_on(Os::MacOs), 2);
        assert!(out.contains("#[cfg(not(target_os = \"tvos\"))]\n    pub fn g"));
        assert_eq!(strip(&out), text);
    }
}
