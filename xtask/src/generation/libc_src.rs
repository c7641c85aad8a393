//! The `libc` crate's own struct definitions for a Darwin target, read from
//! its source, so that the verifier can check the field offsets of the libc
//! types darwin-sys re-exports, not only their sizes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A struct or union of libc: its public fields, in order.
pub type LibcRecords = BTreeMap<String, Vec<String>>;

/// `src/` of the libc version this workspace resolves.
pub fn libc_src(root: &Path) -> Result<PathBuf, String> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .output()
        .map_err(|e| e.to_string())?;
    let json = String::from_utf8_lossy(&out.stdout);
    for part in json.split("\"manifest_path\":\"").skip(1) {
        let path = part.split('"').next().unwrap_or("");
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        if dir.file_name().is_some_and(|n| n.to_string_lossy().starts_with("libc-0.")) {
            return Ok(dir.join("src"));
        }
    }
    Err("cargo metadata names no libc 0.2 package".into())
}

fn collect(tokens: proc_macro2::TokenStream, out: &mut LibcRecords) {
    if let Ok(file) = syn::parse2::<syn::File>(tokens.clone()) {
        for item in file.items {
            match item {
                syn::Item::Struct(s) => {
                    let fields = s
                        .fields
                        .iter()
                        .filter(|f| matches!(f.vis, syn::Visibility::Public(_)))
                        .filter_map(|f| f.ident.as_ref().map(|i| i.to_string()))
                        .collect();
                    out.entry(s.ident.to_string()).or_insert(fields);
                }
                syn::Item::Union(u) => {
                    let fields = u
                        .fields
                        .named
                        .iter()
                        .filter(|f| matches!(f.vis, syn::Visibility::Public(_)))
                        .filter_map(|f| f.ident.as_ref().map(|i| i.to_string()))
                        .collect();
                    out.entry(u.ident.to_string()).or_insert(fields);
                }
                syn::Item::Macro(m) => collect(m.mac.tokens, out),
                _ => {}
            }
        }
        return;
    }
    // `cfg_if! { if #[cfg(..)] { items } else { items } }`: look inside groups.
    for tt in tokens {
        if let proc_macro2::TokenTree::Group(g) = tt {
            collect(g.stream(), out);
        }
    }
}

/// libc's Apple structs and unions for `arch` (the arch's own files first, so
/// their definitions win over cfg'd ones elsewhere).
pub fn records(root: &Path, arch: &str) -> Result<LibcRecords, String> {
    let src = libc_src(root)?;
    let apple = src.join("unix").join("bsd").join("apple");
    let mut files = vec![apple.join("b64").join(arch).join("mod.rs"), apple.join("b64").join("mod.rs"), apple.join("mod.rs")];
    files.push(src.join("unix").join("bsd").join("mod.rs"));
    files.push(src.join("unix").join("mod.rs"));
    let mut out = LibcRecords::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        for item in file.items {
            let tokens = quote::quote!(#item);
            collect(tokens, &mut out);
        }
    }
    Ok(out)
}
