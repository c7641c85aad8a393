//! What clang itself calls unavailable: the file-scope functions and
//! variables of `wrapper.h` that `clang_getCursorAvailability` reports
//! `NotAvailable` for a triple (the SDK's `unavailable` and `obsoleted`
//! markup, at the triple's deployment version).
//!
//! Shared by the generator (xtask/src/generation/availability.rs, which
//! asks once per OS and gates the committed items with `cfg`s) and the
//! build script (feature `bindgen`, which asks for its one target and
//! leaves those items out): one reading of the markup for both.

pub use clang_sys;
use clang_sys::*;
use std::collections::BTreeSet;
use std::ffi::{CStr, CString};
use std::os::raw::c_void;
use std::path::{Path, PathBuf};

/// For each argument list of `args`, the names clang reports unavailable in
/// `header`. libclang is loaded on a thread of its own (clang-sys keeps the
/// loaded library per thread, so bindgen's is untouched): from `libclang_dir`
/// if given, else where clang-sys (and bindgen) look (`LIBCLANG_PATH`, ...).
/// `Err(Load(..))` when no libclang loads, `Err(Parse(..))` on clang errors.
pub fn unavailable_for(header: &Path, args: &[Vec<String>], libclang_dir: Option<&Path>) -> Result<Vec<BTreeSet<String>>, Failure> {
    let header = header.to_path_buf();
    let dir: Option<PathBuf> = libclang_dir.map(Path::to_path_buf);
    std::thread::scope(|s| {
        s.spawn(|| {
            let loaded = match &dir {
                Some(d) => load_from(d),
                None => clang_sys::load(),
            };
            loaded.map_err(Failure::Load)?;
            let out = args.iter().map(|a| unavailable(&header, a)).collect::<Result<Vec<_>, _>>();
            clang_sys::unload().ok();
            out.map_err(Failure::Parse)
        })
        .join()
        .map_err(|_| Failure::Parse("the libclang thread panicked".to_string()))?
    })
}

/// Why [`unavailable_for`] failed.
#[derive(Debug)]
pub enum Failure {
    /// No libclang could be loaded (clang-sys's message).
    Load(String),
    /// libclang parsed `wrapper.h` with errors (clang's messages).
    Parse(String),
}

/// Loads the libclang of `dir`, whatever `LIBCLANG_PATH` says.
fn load_from(dir: &Path) -> Result<(), String> {
    let old = std::env::var_os("LIBCLANG_PATH");
    // SAFETY: the callers' other threads wait for this one and read no
    // environment meanwhile.
    unsafe { std::env::set_var("LIBCLANG_PATH", dir) };
    let loaded = clang_sys::load();
    unsafe {
        match &old {
            Some(v) => std::env::set_var("LIBCLANG_PATH", v),
            None => std::env::remove_var("LIBCLANG_PATH"),
        }
    }
    loaded.map_err(|e| format!("{e} (from {})", dir.display()))
}

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
/// unavailable with `args` (any of their declarations), on a thread that
/// has loaded libclang.
fn unavailable(header: &Path, args: &[String]) -> Result<BTreeSet<String>, String> {
    let cargs: Vec<CString> = args.iter().map(|a| CString::new(a.as_str()).unwrap()).collect();
    let ptrs: Vec<*const std::os::raw::c_char> = cargs.iter().map(|a| a.as_ptr()).collect();
    let file = CString::new(header.display().to_string()).unwrap();
    let mut names = BTreeSet::new();
    // SAFETY: plain libclang calls; every object is disposed before return.
    unsafe {
        let index = clang_createIndex(0, 0);
        let tu =
            clang_parseTranslationUnit(index, file.as_ptr(), ptrs.as_ptr(), ptrs.len() as i32, std::ptr::null_mut(), 0, CXTranslationUnit_SkipFunctionBodies);
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
            return Err(format!("wrapper.h does not parse for {}:\n{}", args.first().map_or("", String::as_str), errors.join("\n")));
        }
    }
    Ok(names)
}
