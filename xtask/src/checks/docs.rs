//! `cargo xtask docs` (a step of `cargo xtask test`): the docs build and
//! read well.
//!
//! - `cargo doc` for every target with `RUSTDOCFLAGS=-D warnings`, every
//!   family and `mig` (what docs.rs builds); again on nightly with
//!   `--cfg docsrs` (the feature badges) for docs.rs's default target when a
//!   nightly toolchain is there;
//! - no rendered page shows a raw HeaderDoc tag (`@function`, `@param`, ...);
//! - the crate page lists the hand-written items at the root and hides
//!   bindgen's helper types;
//! - the crate docs' examples compile for every target;
//! - the share of crate-page items with a description, printed.

use crate::config::TARGETS;
use crate::util::scratch;
use std::path::{Path, PathBuf};
use std::process::Command;

/// HeaderDoc block and inline tags that must not reach a page.
const TAGS: &[&str] = &[
    "function",
    "abstract",
    "param",
    "result",
    "discussion",
    "const",
    "constant",
    "typedef",
    "brief",
    "enum",
    "struct",
    "union",
    "define",
    "defineblock",
    "callback",
    "field",
    "return",
    "returns",
    "see",
    "seealso",
    "note",
    "c",
    "a",
    "p",
    "link",
    "code",
    "endcode",
    "group",
    "availability",
    "details",
];

/// Raw HeaderDoc tags in one page's text: `@tag` after a space, `>` or a
/// line start, followed by a non-word character. (`@rpath` and other words
/// are not tags.)
pub fn raw_tags(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    for (i, _) in html.match_indices('@') {
        if i > 0 && !matches!(b[i - 1], b' ' | b'\n' | b'>' | b'\t' | b'(' | b'{') {
            continue;
        }
        let word: String = html[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if TAGS.contains(&word.as_str()) {
            out.push(format!("@{word}"));
        }
    }
    out
}

/// (items on the crate page, items with a description) from its index.html.
/// Re-export rows (`pub use libc::...` when not inlined) do not count.
pub fn described(index_html: &str) -> (usize, usize) {
    let mut items = 0;
    let mut with = 0;
    let mut rest = index_html;
    while let Some(at) = rest.find("<dt>") {
        rest = &rest[at + 4..];
        let end = rest.find("</dt>").unwrap_or(rest.len());
        let row = &rest[..end];
        rest = &rest[end..];
        if row.contains("pub use") {
            continue;
        }
        items += 1;
        let after = rest.trim_start_matches("</dt>");
        if after.starts_with("<dd>") && !after.starts_with("<dd></dd>") {
            with += 1;
        }
    }
    (items, with)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

/// What [`scan`] found under a docs folder.
pub struct Scan {
    /// How many HTML pages were read.
    pub pages: usize,
    /// The pages that show raw HeaderDoc tags: (page, the tags).
    pub raw: Vec<(String, Vec<String>)>,
}

/// Pages under `doc_dir` (a `.../doc/darwin_sys` folder) that show raw
/// HeaderDoc tags, with the tags found.
pub fn scan(doc_dir: &Path) -> Result<Scan, String> {
    let mut files = Vec::new();
    html_files(doc_dir, &mut files);
    if files.is_empty() {
        return Err(format!("no pages under {}", doc_dir.display()));
    }
    files.sort();
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let tags = raw_tags(&text);
        if !tags.is_empty() {
            let name = f.strip_prefix(doc_dir).unwrap_or(f).display().to_string();
            bad.push((name, tags));
        }
    }
    Ok(Scan { pages: files.len(), raw: bad })
}

/// The `rust` code blocks of the crate docs (`//!` lines of src/lib.rs).
pub fn crate_doc_examples(lib_rs: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in lib_rs.lines() {
        let Some(doc) = line.strip_prefix("//!") else { continue };
        let doc = doc.strip_prefix(' ').unwrap_or(doc);
        if let Some(lang) = doc.trim().strip_prefix("```") {
            match cur.take() {
                Some(code) => out.push(code),
                None if lang.is_empty() || lang.split(',').all(|w| matches!(w.trim(), "rust" | "no_run" | "should_panic" | "edition2024")) => {
                    cur = Some(String::new())
                }
                None => cur = None,
            }
            continue;
        }
        if let Some(code) = cur.as_mut() {
            // rustdoc's hidden lines (`# fn main() {}`) are code too.
            let l = doc.strip_prefix("# ").or_else(|| (doc == "#").then_some("")).unwrap_or(doc);
            code.push_str(l);
            code.push('\n');
        }
    }
    out
}

use crate::util::cmd::cargo;

/// Whether `rustup run nightly` works and has the Darwin standard libraries
/// (added here when missing).
fn nightly() -> bool {
    let ok = Command::new("rustup").args(["run", "nightly", "rustc", "--version"]).output().is_ok_and(|o| o.status.success());
    ok && Command::new("rustup")
        .args(["target", "add", "--toolchain", "nightly"])
        .args(TARGETS.iter().map(|t| t.rust))
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The checks of the page that hold for a good crate page.
fn check_crate_page(index: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for hidden in ["__BindgenBitfieldUnit", "__IncompleteArrayField", "type._bindgen_ty_"] {
        if index.contains(&format!("href=\"{hidden}")) || index.contains(&format!("href=\"struct.{hidden}")) {
            bad.push(format!("the crate page lists bindgen's `{hidden}`"));
        }
    }
    for root in ["fn.mach_task_self.html", "fn.MACH_MSGH_BITS.html", "fn.mach_msg_port_descriptor.html", "fn.__ulock_wait.html"] {
        if !index.contains(&format!("href=\"{root}\"")) {
            bad.push(format!("the crate page does not list `{root}` at the root"));
        }
    }
    for module in ["inline/index.html", "private/index.html"] {
        if index.contains(module) {
            bad.push(format!("the crate page shows the module `{module}`"));
        }
    }
    bad
}

pub fn run(root: &Path) -> Result<String, String> {
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    let docs = root.join("target").join("docs");
    for t in TARGETS {
        crate::util::cmd::run(
            cargo()
                .args(["doc", "--quiet", "--no-deps", "-p", "darwin-sys", "--features", "mig", "--target", t.rust])
                .env("RUSTDOCFLAGS", "-D warnings")
                .env("CARGO_TARGET_DIR", &docs),
        )?;
        let dir = docs.join(t.rust).join("doc").join("darwin_sys");
        let Scan { pages, raw: bad } = scan(&dir)?;
        for (page, tags) in bad.iter().take(20) {
            problems.push(format!("{}: {page} shows raw HeaderDoc {}", t.rust, tags.join(" ")));
        }
        if bad.len() > 20 {
            problems.push(format!("{}: ... {} pages in all", t.rust, bad.len()));
        }
        let index = std::fs::read_to_string(dir.join("index.html")).map_err(|e| e.to_string())?;
        problems.extend(check_crate_page(&index).into_iter().map(|p| format!("{}: {p}", t.rust)));
        let (items, with) = described(&index);
        println!(
            "docs {}: {pages} pages, none with raw HeaderDoc; crate page: {with} of {items} items described ({:.1}%)",
            t.rust,
            100.0 * with as f64 / items.max(1) as f64
        );
        notes.push(format!("{}: {with}/{items} described", t.rust));
    }
    if nightly() {
        // docs.rs's default target (the badges do not depend on it).
        for t in TARGETS.iter().filter(|t| t.arch == "aarch64") {
            crate::util::cmd::run(
                Command::new("rustup")
                    .args(["run", "nightly", "cargo", "doc", "--quiet", "--no-deps", "-p", "darwin-sys", "--features", "mig", "--target", t.rust])
                    .env("RUSTDOCFLAGS", "--cfg docsrs -D warnings")
                    .env("CARGO_TARGET_DIR", root.join("target").join("docs-nightly")),
            )?;
            // The badges: an item of a family names its feature.
            let page = root.join("target").join("docs-nightly").join(t.rust).join("doc").join("darwin_sys").join("fn.dispatch_async_f.html");
            let text = std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
            if !text.contains("Available on") || !text.contains("<code>dispatch</code>") {
                problems.push(format!("{}: --cfg docsrs: no feature badge on dispatch_async_f", t.rust));
            }
        }
        notes.push("nightly --cfg docsrs with badges".into());
    } else {
        notes.push("no nightly toolchain: --cfg docsrs not built".into());
    }
    // The crate docs' examples, checked for every target.
    let lib = std::fs::read_to_string(root.join("src").join("lib.rs")).map_err(|e| e.to_string())?;
    let examples = crate_doc_examples(&lib);
    if examples.is_empty() {
        problems.push("src/lib.rs: the crate docs have no example".into());
    }
    let dir = root.join("target").join("doc-examples");
    for (i, code) in examples.iter().enumerate() {
        let crate_dir = dir.join(format!("example{i}"));
        let deps = scratch::darwin_sys(root, "");
        scratch::Crate { name: &format!("doc-example-{i}"), targets: scratch::LIB, deps: &deps, extra: "" }
            .write(&crate_dir, scratch::workspace_lock(&root.join("target")))?;
        // A library: the example's `main` is not run, only compiled.
        std::fs::write(crate_dir.join("src").join("lib.rs"), format!("#![allow(dead_code)]\n{code}")).map_err(|e| e.to_string())?;
        for t in TARGETS {
            crate::util::cmd::run(
                cargo()
                    .args(["check", "--quiet", "--target", t.rust, "--manifest-path"])
                    .arg(crate_dir.join("Cargo.toml"))
                    .env("CARGO_TARGET_DIR", root.join("target"))
                    .env("RUSTFLAGS", "-D warnings"),
            )
            .map_err(|e| format!("crate docs example {i} on {}: {e}", t.rust))?;
        }
    }
    notes.push(format!("{} crate-docs example(s) checked", examples.len()));
    if !problems.is_empty() {
        return Err(format!("{} problems:\n{}", problems.len(), problems.join("\n")));
    }
    Ok(notes.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_tags_are_found_and_words_are_not() {
        assert_eq!(raw_tags("<p>@function f</p> <p>Call it.\n@param x the x</p>"), ["@function", "@param"]);
        assert_eq!(raw_tags("<code>@rpath</code> a@c.com @preserve_signum (@result)"), ["@result"]);
        assert!(raw_tags("<p>Frobs a port.</p>").is_empty());
    }

    #[test]
    fn described_counts_rows_with_a_description() {
        let html = "<dl><dt><code>pub use libc::x;</code></dt><dt><a>a</a></dt><dd>Does a.</dd><dt><a>b</a></dt><dt><a>c</a></dt><dd>Does c.</dd></dl>";
        assert_eq!(described(html), (3, 2));
    }

    #[test]
    fn crate_page_checks_fail_on_a_bad_page() {
        let bad =
            check_crate_page("<a href=\"struct.__BindgenBitfieldUnit.html\"></a><a href=\"type._bindgen_ty_1.html\"></a><a href=\"inline/index.html\"></a>");
        assert!(bad.iter().any(|b| b.contains("_bindgen_ty_")));
        assert!(bad.iter().any(|b| b.contains("__BindgenBitfieldUnit")));
        assert!(bad.iter().any(|b| b.contains("inline/index.html")));
        assert!(bad.iter().any(|b| b.contains("mach_task_self")));
    }

    #[test]
    fn examples_are_read_from_the_crate_docs() {
        let lib = "//! Text.\n//!\n//! ```no_run\n//! use x::*;\n//! # fn main() {}\n//! ```\n//!\n//! ```text\n//! not rust\n//! ```\n#![no_std]\n";
        assert_eq!(crate_doc_examples(lib), ["use x::*;\nfn main() {}\n"]);
    }
}
