//! bindgen's own run over the stand-in SDK, before any text step: what
//! the generator (`generate.rs`) finishes into a file and what the sharing
//! proof (`sharing.rs`) compares with each ABI's file.

use crate::config::{self, Options, Part, Target};
use crate::util::sdk::StandIn;
use std::path::Path;

/// bindgen's own text for `target` (the docs finished, codegen/config), and
/// where it found each item. bindgen's macro fallback works in a scratch
/// folder of the target's own, so two targets can run at once.
pub fn bindgen_text(root: &Path, s: &StandIn, target: &Target, part: Part) -> Result<(String, Vec<(String, String)>), String> {
    let scratch = root.join("target").join("stand-in").join(format!("scratch-{}", target.rust));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let sdk = s.sdk();
    let sink = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let opts = Options { sdk: &sdk, target, crate_root: root, scratch: &scratch, part, locations: Some(sink.clone()), left_out: &[] };
    let raw = config::bindings(&opts).map_err(|e| format!("bindgen failed for {}: {e}", target.rust))?;
    let locations = sink.lock().unwrap().clone();
    Ok((raw, locations))
}
