//! Where clang's resource headers are for the libclang bindgen loads.
//!
//! clang's own headers (`stddef.h`, `stdbool.h`, `stdarg.h`, ...) come with
//! clang, not with the SDK. libclang looks for them in `../lib/clang/<N>/include`
//! beside itself, which is where LLVM, Xcode and the Command Line Tools
//! install them. PyPI's packages put them elsewhere (`libclang-ng`:
//! `clang/native/resource/include`) or ship none (`libclang`), and bindgen
//! only adds the search paths of a `clang` executable it finds on `PATH`.
//! The build script (feature `bindgen`, a real SDK) asks [`find`] and passes
//! what it found with `-isystem`; the stand-in brings zig's own.

use std::path::{Path, PathBuf};

/// The resource headers' `include` folder beside a libclang in `lib_dir`
/// (the folder that holds `libclang.so`/`libclang.dylib`), in the layouts
/// libclang is shipped in, the newest clang version first where several are:
/// - `resource/include` (PyPI `libclang-ng`);
/// - `clang/<N>/include` (LLVM's `lib/`, Xcode's toolchain `usr/lib/`, the
///   Command Line Tools' `usr/lib/`, Debian's `/usr/lib/llvm-N/lib/`);
/// - `../lib/clang/<N>/include` (a libclang in `bin/`).
///
/// A folder counts only if it holds `stddef.h`.
#[allow(dead_code)] // The tool only tests it; build.rs calls it.
pub fn beside_libclang(lib_dir: &Path) -> Option<PathBuf> {
    let versioned = |base: PathBuf| -> Vec<PathBuf> {
        let mut dirs: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir(&base)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_str()?.to_string();
                let version = name.split('.').map(|p| p.parse::<u32>().ok()).collect::<Option<Vec<u32>>>()?;
                Some((version, e.path().join("include")))
            })
            .collect();
        dirs.sort();
        dirs.into_iter().rev().map(|(_, d)| d).collect()
    };
    std::iter::once(lib_dir.join("resource").join("include"))
        .chain(versioned(lib_dir.join("clang")))
        .chain(versioned(lib_dir.join("..").join("lib").join("clang")))
        .find(|d| d.join("stddef.h").is_file())
}

/// The folder of the libclang clang-sys (and so bindgen) loads: a
/// `LIBCLANG_PATH` that names a file or a folder, else the library
/// clang-sys finds, loaded and unloaded on a thread of its own (clang-sys
/// keeps the loaded library per thread). `None` if none loads.
#[allow(dead_code)] // Used by build.rs; the generator passes its SDK's own builtins.
pub fn libclang_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LIBCLANG_PATH").map(PathBuf::from) {
        if p.is_file() {
            return p.parent().map(Path::to_path_buf);
        }
        if p.is_dir() {
            return Some(p);
        }
    }
    std::thread::scope(|s| {
        s.spawn(|| {
            clang_sys::load().ok()?;
            let dir = clang_sys::get_library().and_then(|l| l.path().parent().map(Path::to_path_buf));
            clang_sys::unload().ok();
            dir
        })
        .join()
        .ok()
        .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::beside_libclang;

    #[test]
    fn finds_the_layouts_libclang_ships_in() {
        let base = std::env::temp_dir().join(format!("darwin-sys-resource-headers-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let put = |dir: &str| {
            let d = base.join(dir);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join("stddef.h"), "").unwrap();
            d
        };
        // PyPI libclang-ng.
        let ng = put("ng/native/resource/include");
        assert_eq!(beside_libclang(&base.join("ng/native")), Some(ng));
        // LLVM's lib/ (and Xcode's usr/lib/): the newest version, numerically.
        put("llvm/lib/clang/9/include");
        let newest = put("llvm/lib/clang/18/include");
        std::fs::create_dir_all(base.join("llvm/lib/clang/19/include")).unwrap(); // no stddef.h
        assert_eq!(beside_libclang(&base.join("llvm/lib")), Some(newest));
        // A libclang in bin/.
        let bin = put("win/lib/clang/17.0.6/include");
        std::fs::create_dir_all(base.join("win/bin")).unwrap();
        assert_eq!(beside_libclang(&base.join("win/bin")).map(|p| p.canonicalize().unwrap()), Some(bin.canonicalize().unwrap()));
        // PyPI libclang: nothing.
        std::fs::create_dir_all(base.join("pypi/native")).unwrap();
        assert_eq!(beside_libclang(&base.join("pypi/native")), None);
        std::fs::remove_dir_all(&base).unwrap();
    }
}
