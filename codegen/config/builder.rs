//! The bindgen builder both the build script and the generator use, and
//! its parse callbacks.

use std::collections::HashMap;
use std::path::Path;

use super::typing::int_kind_of;
use super::*;

/// Where bindgen found each item: (item name, header file) pairs, filled
/// by [`Callbacks`] and read by the generator.
pub type LocationSink = std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>;

/// bindgen callbacks: typed integer macros, skipped macros, derives.
#[derive(Debug)]
pub struct Callbacks {
    pub homes: HashMap<String, String>,
    /// Where each item is declared (name, file), when someone asks: the
    /// generator uses it to sort items into families.
    pub locations: Option<LocationSink>,
}

impl bindgen::callbacks::ParseCallbacks for Callbacks {
    fn will_parse_macro(&self, name: &str) -> bindgen::callbacks::MacroParsingBehavior {
        if SKIP_MACROS.iter().any(|p| glob(p, name)) {
            bindgen::callbacks::MacroParsingBehavior::Ignore
        } else {
            bindgen::callbacks::MacroParsingBehavior::Default
        }
    }

    fn int_macro(&self, name: &str, value: i64) -> Option<bindgen::callbacks::IntKind> {
        Some(int_kind_of(self.macro_type(name, value), value))
    }

    fn new_item_found(
        &self,
        _id: bindgen::callbacks::DiscoveredItemId,
        item: bindgen::callbacks::DiscoveredItem,
        location: Option<&bindgen::callbacks::SourceLocation>,
    ) {
        use bindgen::callbacks::DiscoveredItem;
        let (Some(sink), Some(file)) = (&self.locations, location.and_then(|l| l.file_name.clone())) else { return };
        let name = match item {
            DiscoveredItem::Struct { final_name, .. }
            | DiscoveredItem::Union { final_name, .. }
            | DiscoveredItem::Enum { final_name }
            | DiscoveredItem::Function { final_name }
            | DiscoveredItem::Constant { final_name }
            | DiscoveredItem::Variable { final_name } => final_name,
            DiscoveredItem::Alias { alias_name, .. } => alias_name,
            _ => return,
        };
        sink.lock().unwrap().push((name, file));
    }

    /// libc's structs are `Copy`, `Clone` and `Debug` (not `Default`), so
    /// records that embed them can derive those too, and unions holding them
    /// are real Rust unions.
    fn blocklisted_type_implements_trait(&self, name: &str, derive_trait: bindgen::callbacks::DeriveTrait) -> Option<bindgen::callbacks::ImplementsTrait> {
        use bindgen::callbacks::{DeriveTrait, ImplementsTrait};
        let name = name.trim_start_matches("struct ").trim_start_matches("union ");
        if !LIBC_TYPES.contains(&name) {
            return None;
        }
        Some(match derive_trait {
            DeriveTrait::Copy | DeriveTrait::Debug => ImplementsTrait::Yes,
            _ => ImplementsTrait::No,
        })
    }
}

/// Options for one bindgen run.
pub struct Options<'a> {
    pub sdk: &'a Sdk,
    pub target: &'a Target,
    /// The crate root (holds `wrapper.h` and `codegen/compat/`).
    pub crate_root: &'a Path,
    /// Scratch directory for clang's macro fallback.
    pub scratch: &'a Path,
    /// Which part of the bindings this run makes.
    pub part: Part,
    /// Collects item locations (see [`Callbacks::locations`]).
    pub locations: Option<LocationSink>,
    /// Functions and statics the target cannot use, left out: the build
    /// script binds one target and passes what clang calls unavailable for
    /// it (codegen/unavailable.rs) and what its SDK's libSystem does not
    /// export ([`sdk_not_exported`]). The generator passes none: it gates
    /// the first per OS, and refuses the second unless [`NOT_EXPORTED`]
    /// gives a reason.
    pub left_out: &'a [String],
}

/// The bindgen builder both the build script and the generator use.
pub fn builder(o: &Options) -> bindgen::Builder {
    let mut b = bindgen::Builder::default()
        .header(o.crate_root.join("wrapper.h").display().to_string())
        .clang_args(o.sdk.clang_args(o.target, o.crate_root))
        .rust_target(bindgen::RustTarget::stable(85, 0).expect("valid Rust target"))
        .rust_edition(bindgen::RustEdition::Edition2024)
        // rustfmt's defaults, not a rustfmt.toml found from the working directory.
        .rustfmt_configuration_file(Some(o.crate_root.join("codegen").join("rustfmt-bindings.toml")))
        .use_core()
        .ctypes_prefix("core::ffi")
        .layout_tests(false)
        .derive_default(true)
        .derive_debug(true)
        .impl_debug(false)
        .generate_comments(true)
        .generate_cstr(true)
        .prepend_enum_name(false)
        .merge_extern_blocks(true)
        .sort_semantically(true)
        .parse_callbacks(Box::new(Callbacks { locations: o.locations.clone(), ..Callbacks::new(o.sdk, o.crate_root) }));
    // libc has LIBC_TYPES_MACOS on macOS only: elsewhere they are bound
    // from the headers.
    let macos = o.target.os == Os::MacOs;
    for t in LIBC_TYPES.iter().filter(|t| macos || !LIBC_TYPES_MACOS.contains(t)).chain(BLOCKED_TYPES) {
        b = b.blocklist_type(*t);
    }
    if o.part == Part::Mig {
        // The message structs alone; everything they name is in the main part.
        return b.allowlist_type(MIG_TYPES).allowlist_recursively(false);
    }
    b = b
        .clang_macro_fallback()
        .clang_macro_fallback_build_dir(o.scratch)
        .raw_line(format!("pub use libc::{{{}}};", LIBC_TYPES.iter().filter(|t| !LIBC_TYPES_MACOS.contains(t)).copied().collect::<Vec<_>>().join(", ")))
        .blocklist_type(MIG_TYPES);
    if macos {
        b = b.raw_line(format!("#[cfg(target_os = \"macos\")] pub use libc::{{{}}};", LIBC_TYPES_MACOS.join(", ")));
    }
    for family in FAMILIES {
        for f in family.files {
            b = b.allowlist_file(*f);
        }
        for i in family.items {
            b = b.allowlist_item(*i);
        }
    }
    for t in LIBC_ORPHANS {
        b = b.blocklist_type(*t);
    }
    for f in LIBC_FUNCTIONS {
        b = b.blocklist_function(*f);
    }
    for f in NOT_EXPORTED {
        b = b.blocklist_function(*f).blocklist_var(*f);
    }
    for f in o.left_out {
        b = b.blocklist_function(f).blocklist_var(f);
    }
    b
}

/// The functions and statics the headers declare for `o.target` that the
/// SDK's own `libSystem.tbd` (a real SDK's, or the stand-in's) does not
/// export for the target's architectures and platform, beyond
/// [`NOT_EXPORTED`] (made against the pinned stand-in; another SDK may
/// declare more, or export less). Found by a quick bindgen pass over the
/// same files that emits declarations only. `None` when the SDK has no
/// export list that names the target's platform: nothing can be checked.
pub fn sdk_not_exported(o: &Options) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(o.sdk.libsystem_tbd()).ok()?;

    let exports = tbd::exports_for(&text, o.target.tbd_archs, &tbd::platform_of(o.target.clang));
    if exports.is_empty() {
        return None;
    }
    let mut b = bindgen::Builder::default()
        .header(o.crate_root.join("wrapper.h").display().to_string())
        .clang_args(o.sdk.clang_args(o.target, o.crate_root))
        .with_codegen_config(bindgen::CodegenConfig::FUNCTIONS | bindgen::CodegenConfig::VARS)
        .allowlist_recursively(false)
        .layout_tests(false)
        .generate_comments(false);
    for family in FAMILIES {
        for f in family.files {
            b = b.allowlist_file(*f);
        }
        for i in family.items {
            b = b.allowlist_item(*i);
        }
    }
    // A header that does not parse is reported by the main pass.
    let Ok(decls) = b.generate() else { return Some(Vec::new()) };
    Some(tbd::unexported(&tbd::declared_symbols(&decls.to_string()), &exports).unwrap_or_default())
}
