//! Representation: every struct and union of the bindings is `repr(C)`,
//! packed exactly where C packs; every generated item carries the family
//! tag of the header that declares it; every item of `src/private.rs`
//! keeps its **Private API** warning.

use super::probe::run;
use super::{CValue, Ctx, Entries, Items, Kind, Report};
use std::collections::HashMap;

/// (name, the `repr` arguments) of every struct and union in `text`.
fn reprs(text: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let file = syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))?;
    let mut out = Vec::new();
    for item in &file.items {
        let (name, attrs) = match item {
            syn::Item::Struct(s) => (s.ident.to_string(), &s.attrs),
            syn::Item::Union(u) => (u.ident.to_string(), &u.attrs),
            _ => continue,
        };
        let mut args = Vec::new();
        for a in attrs.iter().filter(|a| a.path().is_ident("repr")) {
            let _ = a.parse_nested_meta(|m| {
                let path = &m.path;
                let mut s = quote::quote!(#path).to_string();
                if m.input.peek(syn::token::Paren) {
                    let content;
                    syn::parenthesized!(content in m.input);
                    let lit: syn::LitInt = content.parse()?;
                    s = format!("{s}({lit})");
                }
                args.push(s);
                Ok(())
            });
        }
        out.push((name, args));
    }
    Ok(out)
}

/// `repr(C)` on every record (bindgen's own helpers aside), and one
/// `packed(T)` entry per record: C packs a record when its alignment is
/// below one of its fields' natural alignment; Rust when `repr` says
/// `packed`.
pub fn repr_entries(out: &mut Entries, report: &mut Report, texts: &[String], items: &Items, spell: &HashMap<String, String>) -> Result<(), String> {
    let mut packed: HashMap<String, bool> = HashMap::new();
    for text in texts {
        for (name, args) in reprs(text)? {
            if name.starts_with("__Bindgen") || name == "__IncompleteArrayField" {
                continue;
            }
            *report.compared.entry("repr").or_default() += 1;
            if !args.iter().any(|a| a == "C") {
                report.mismatches.push(format!("repr {name}: not repr(C) (repr({}))", args.join(", ")));
            }
            packed.insert(name, args.iter().any(|a| a.starts_with("packed")));
        }
    }
    for r in super::layout::checked_records(items) {
        if super::is_opaque(r) {
            continue;
        }
        let (Some(c), Some(p)) = (spell.get(&r.name), packed.get(&r.name)) else { continue };
        let fields = super::layout::record_fields(items, r);
        let mut expr = String::from("(0");
        for (_, cpath, ty) in &fields {
            if !super::is_incomplete_array(ty) {
                expr.push_str(&format!(" | (_Alignof({c}) < _Alignof(__typeof__((({c} *)0)->{cpath})))"));
            }
        }
        expr.push(')');
        out.push(Kind::Layout, format!("packed({})", r.name), CValue::Expr(expr), format!("{}", *p as u8));
    }
    Ok(())
}

/// Every item of `src/private.rs` (functions, statics, constants, types)
/// says it is private API.
pub fn private_markers(private: &str, report: &mut Report) -> Result<(), String> {
    let file = syn::parse_file(private).map_err(|e| format!("src/private.rs: {e}"))?;
    let marked =
        |attrs: &[syn::Attribute]| attrs.iter().filter(|a| a.path().is_ident("doc")).any(|a| quote::quote!(#a).to_string().contains("**Private API.**"));
    let mut check = |name: String, attrs: &[syn::Attribute]| {
        *report.compared.entry("repr").or_default() += 1;
        if !marked(attrs) {
            report.mismatches.push(format!("private {name}: its doc lost the **Private API.** warning"));
        }
    };
    for item in &file.items {
        match item {
            syn::Item::Const(c) => check(c.ident.to_string(), &c.attrs),
            syn::Item::Static(s) => check(s.ident.to_string(), &s.attrs),
            syn::Item::Type(t) => check(t.ident.to_string(), &t.attrs),
            syn::Item::Struct(s) => check(s.ident.to_string(), &s.attrs),
            syn::Item::Fn(f) => check(f.sig.ident.to_string(), &f.attrs),
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => check(f.sig.ident.to_string(), &f.attrs),
                        syn::ForeignItem::Static(s) => check(s.ident.to_string(), &s.attrs),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Where each identifier first appears in `wrapper.h` preprocessed for
/// this target: C declares before it uses, so that is the header that
/// declares it. A record tag is the exception: a pointer may name it first
/// (`struct vmspace *p_vmspace;` in sys/proc.h), so its definition's header
/// counts (sys/vm.h), else that of its declaration alone (`struct vnode;`),
/// as bindgen and the generator locate it.
fn first_files(ctx: &Ctx) -> Result<FirstFiles, String> {
    let out = run(ctx
        .cc
        .command(ctx.target)
        .args(["-E", "-dD", "-w"])
        .arg(format!("-I{}", ctx.root.display()))
        .arg(ctx.root.join("wrapper.h"))
        .current_dir(&ctx.work))?;
    if !out.status.success() {
        return Err(format!("preprocessing wrapper.h failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(locate(&String::from_utf8_lossy(&out.stdout)))
}

/// Where each name first appears in the preprocessed headers.
struct FirstFiles {
    /// Identifier (or `name(` for a function) -> file.
    names: HashMap<String, String>,
    /// Macro -> file of its first `#define`.
    macros: HashMap<String, String>,
}

/// [`first_files`] of preprocessed text `text`.
fn locate(text: &str) -> FirstFiles {
    let mut l = Locator::default();
    for line in text.lines() {
        l.line(line);
    }
    l.finish()
}

/// The state of [`locate`] between lines.
#[derive(Default)]
struct Locator {
    /// Identifier (or `name(`) -> the file it first appears in.
    map: HashMap<String, String>,
    /// Macro -> the file of its first `#define`.
    macros: HashMap<String, String>,
    /// The file of the current line (from the last `# <n> "file"` marker).
    file: String,
    /// The last word of the previous line, whose `(` may open the next.
    pending: Option<String>,
    /// Record tag -> the file of its first definition (`struct x {`).
    records: HashMap<String, String>,
    /// Record tag -> the file of its first declaration alone (`struct x;`).
    forward: HashMap<String, String>,
    /// Whether the previous word was `struct` or `union`.
    prev_tag: bool,
}

impl Locator {
    /// One line of preprocessor output.
    fn line(&mut self, line: &str) {
        if let Some(rest) = line.strip_prefix("# ") {
            if let Some(f) = rest.split('"').nth(1) {
                self.file = f.to_string();
            }
            return;
        }
        if let Some(rest) = line.strip_prefix("#define ") {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            self.macros.entry(name).or_insert_with(|| self.file.clone());
            return;
        }
        if line.starts_with('#') {
            return;
        }
        // MIG headers put the `(` of a declaration on the next line.
        if let Some(w) = self.pending.take()
            && line.trim_start().starts_with('(')
        {
            self.map.entry(format!("{w}(")).or_insert_with(|| self.file.clone());
        }
        if line.trim().is_empty() {
            return;
        }
        self.words(line);
    }

    /// Identifiers outside string literals; a name followed by `(` is also
    /// recorded as a call or function declaration.
    fn words(&mut self, line: &str) {
        let mut word = String::new();
        let mut in_str = false;
        let chars: Vec<char> = line.chars().chain(std::iter::once(' ')).collect();
        for (i, &ch) in chars.iter().enumerate() {
            if ch == '"' && (i == 0 || chars[i - 1] != '\\') {
                in_str = !in_str;
                word.clear();
                continue;
            }
            if in_str {
                continue;
            }
            if ch.is_ascii_alphanumeric() || ch == '_' {
                word.push(ch);
            } else if !word.is_empty() {
                if word.starts_with(|c: char| c.is_ascii_digit()) {
                    self.prev_tag = false;
                } else {
                    self.word(&word, chars[i..].iter().find(|c| !c.is_whitespace()).copied());
                }
                word.clear();
            }
        }
    }

    /// An identifier, followed by `next` (the next non-blank character of
    /// the line, if any).
    fn word(&mut self, word: &str, next: Option<char>) {
        if next.is_none() {
            self.pending = Some(word.to_string());
        }
        if next == Some('(') {
            self.map.entry(format!("{word}(")).or_insert_with(|| self.file.clone());
        }
        // A record tag is declared where it is defined (`struct vmspace {`),
        // else where it is declared alone (`struct vnode;`), not where a
        // pointer first names it.
        if self.prev_tag {
            match next {
                Some('{') => {
                    self.records.entry(word.to_string()).or_insert_with(|| self.file.clone());
                }
                Some(';') => {
                    self.forward.entry(word.to_string()).or_insert_with(|| self.file.clone());
                }
                _ => {}
            }
        }
        self.prev_tag = word == "struct" || word == "union";
        self.map.entry(word.to_string()).or_insert_with(|| self.file.clone());
    }

    /// The map, with each record tag at its definition's file, else its
    /// declaration's; and the macros.
    fn finish(self) -> FirstFiles {
        let Locator { mut map, macros, records, forward, .. } = self;
        for (name, file) in forward {
            if !records.contains_key(&name) {
                map.insert(name, file);
            }
        }
        map.extend(records);
        FirstFiles { names: map, macros }
    }
}

/// The name of every item of a bindings file, and for bindgen's anonymous
/// enum types (`_bindgen_ty_N`) the name of one of their constants.
fn item_names(file: &syn::File) -> (Vec<String>, HashMap<String, String>) {
    let mut names = Vec::new();
    let mut fns = Vec::new();
    let mut anon = HashMap::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => names.push(s.ident.to_string()),
            syn::Item::Union(u) => names.push(u.ident.to_string()),
            syn::Item::Type(t) => names.push(t.ident.to_string()),
            syn::Item::Const(c) => {
                names.push(c.ident.to_string());
                let ty = &c.ty;
                let t = quote::quote!(#ty).to_string();
                if t.starts_with("_bindgen_ty_") {
                    anon.entry(t).or_insert_with(|| c.ident.to_string());
                }
            }
            syn::Item::Use(u) => {
                if let syn::UseTree::Path(p) = &u.tree {
                    match &*p.tree {
                        syn::UseTree::Rename(r) => names.push(r.rename.to_string()),
                        // `pub use libc::X;`: an item libc defines identically,
                        // tagged with the family of X's header.
                        syn::UseTree::Name(n) if p.ident == "libc" => names.push(n.ident.to_string()),
                        _ => {}
                    }
                }
            }
            syn::Item::ForeignMod(m) => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => fns.push(format!("{}(", f.sig.ident)),
                        syn::ForeignItem::Static(s) => names.push(s.ident.to_string()),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // Functions last: a function's header wins over a type of the same
    // name (`mach_memory_info`), as in the generator.
    names.extend(fns);
    (names, anon)
}

/// (family tag, line) for each line of a generated body, tag lines folded
/// into the line they tag.
fn tagged_lines(body: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut tag = None;
    for l in body.lines() {
        let t = l.trim();
        if let Some(f) = t.strip_prefix("#[cfg(feature = \"").and_then(|r| r.strip_suffix("\")]")) {
            tag = Some(f.to_string());
            continue;
        }
        out.push((tag.take(), l.to_string()));
    }
    out
}

/// Family tags: the declaring header of every generated item (from the
/// preprocessor, and for macros from their `#define`), classified by
/// codegen/config FAMILIES with the generator's own rules (`families`), must
/// give the tags the committed bindings carry. The MIG part is Mach's.
pub fn family_tags(ctx: &Ctx, texts: &[String], report: &mut Report) -> Result<(), String> {
    let FirstFiles { names: first, macros } = first_files(ctx)?;
    let parts = [None, Some("mach")];
    for (text, all) in texts.iter().zip(parts) {
        // Less the availability cfgs, which the generator adds after the tags.
        let body = crate::generation::availability::strip(text.split_once("\n\n").map_or(text.as_str(), |x| x.1));
        let body = body.as_str();
        let stripped = strip_tags(body);
        let file = syn::parse_file(&stripped).map_err(|e| format!("cannot parse bindings: {e}"))?;
        let (names, anon) = item_names(&file);
        let mut locations = Vec::new();
        for key in names {
            let n = key.trim_end_matches('(').to_string();
            let c = anon.get(&n).map_or(super::c_field(&n), |k| k.as_str());
            let skipped_macro = crate::config::SKIP_MACROS.iter().any(|p| crate::config::glob(p, c));
            let file = macros
                .get(c)
                .filter(|_| !skipped_macro)
                .or_else(|| first.get(&key))
                .or_else(|| first.get(c))
                .or_else(|| n.split("__bindgen_ty_").next().and_then(|p| first.get(p)))
                // A nested type codegen/postprocess.rs named `<parent>_<field>`
                // (`in_sockinfo_insi_v4`): its parent's header.
                .or_else(|| n.match_indices('_').rev().find_map(|(i, _)| first.get(&n[..i])))
                .cloned();
            if let Some(f) = file {
                locations.push((n, f));
            }
        }
        let fam = crate::postprocess::Classifier::new().attribute(&locations);
        let expected = crate::postprocess::gate(&stripped, &fam, all)?;
        let (want, have) = (tagged_lines(&expected), tagged_lines(body));
        if want.len() != have.len() {
            return Err("family tags: the committed bindings and their re-tagged text do not line up".into());
        }
        for (i, ((w, _), (h, _))) in want.iter().zip(&have).enumerate() {
            let line = want[i..].iter().map(|x| x.1.trim()).find(|l| l.starts_with("pub ")).unwrap_or("");
            if w.is_some() || h.is_some() {
                *report.compared.entry("repr").or_default() += 1;
            }
            if w != h {
                report.mismatches.push(format!(
                    "family `{}`: tagged {}, but its header is in family {}",
                    line,
                    h.as_deref().unwrap_or("(none)"),
                    w.as_deref().unwrap_or("(none: always on)")
                ));
            }
        }
    }
    Ok(())
}

/// The generated text without its family tag lines.
fn strip_tags(text: &str) -> String {
    let mut out: String =
        text.lines().filter(|l| !(l.trim_start().starts_with("#[cfg(feature = \"") && l.trim_end().ends_with("\")]"))).collect::<Vec<_>>().join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{FirstFiles, locate};
    use std::collections::HashMap;

    /// The map of (name, file) pairs.
    fn map(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn names_land_in_the_file_they_first_appear_in() {
        let text = "# 1 \"a.h\"\ntypedef int foo_t;\nint bar(foo_t x);\n# 3 \"b.h\" 2\nfoo_t baz;\nint bar(foo_t x);\n";
        let FirstFiles { names, macros } = locate(text);
        let a = "a.h";
        assert_eq!(names, map(&[("typedef", a), ("int", a), ("foo_t", a), ("bar", a), ("bar(", a), ("x", a), ("baz", "b.h")]));
        assert!(macros.is_empty());
    }

    #[test]
    fn defines_are_macros_and_other_directives_are_skipped() {
        let text = "# 1 \"m.h\"\n#define ONE 1\n#define FN(x) ((x) + ONE)\n#pragma pack(4)\n# 1 \"n.h\"\n#define ONE 2\n#define TWO 2\n";
        let FirstFiles { names, macros } = locate(text);
        assert_eq!(macros, map(&[("ONE", "m.h"), ("FN", "m.h"), ("TWO", "n.h")]));
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn string_literals_and_numbers_are_not_names() {
        let text = "# 1 \"s.h\"\nconst char *msg = \"hidden \\\" still_hidden(\" ; int after = 0x10u;\n";
        let FirstFiles { names, .. } = locate(text);
        let s = "s.h";
        assert_eq!(names, map(&[("const", s), ("char", s), ("msg", s), ("int", s), ("after", s)]));
    }

    #[test]
    fn a_parenthesis_on_the_next_line_makes_a_call() {
        let text = "# 1 \"mig.h\"\nkern_return_t mach_port_names\n(\n\tipc_space_t task\n);\nint other\n;\n";
        let FirstFiles { names, .. } = locate(text);
        let m = "mig.h";
        assert_eq!(
            names,
            map(&[("kern_return_t", m), ("mach_port_names", m), ("mach_port_names(", m), ("ipc_space_t", m), ("task", m), ("int", m), ("other", m),])
        );
    }

    #[test]
    fn a_record_tag_is_where_it_is_defined_else_declared() {
        let text = "# 1 \"proc.h\"\nstruct vmspace *p_vmspace;\nstruct vnode *v;\nstruct outer { struct inner { int a; } i; };\n\
                    # 1 \"vm.h\"\nstruct vmspace { int vm_refcnt; };\nstruct vnode;\n# 1 \"late.h\"\nstruct vnode { int x; };\n";
        let FirstFiles { names, .. } = locate(text);
        let p = "proc.h";
        assert_eq!(
            names,
            map(&[
                ("struct", p),
                ("vmspace", "vm.h"),
                ("p_vmspace", p),
                ("vnode", "late.h"),
                ("v", p),
                ("outer", p),
                ("inner", p),
                ("int", p),
                ("a", p),
                ("i", p),
                ("vm_refcnt", "vm.h"),
                ("x", "late.h"),
            ])
        );
    }

    #[test]
    fn a_forward_declaration_counts_when_nothing_defines_the_tag() {
        let text = "# 1 \"a.h\"\nstruct opaque *p;\nunion u *q;\n# 1 \"b.h\"\nstruct opaque;\nunion u;\n";
        let FirstFiles { names, .. } = locate(text);
        assert_eq!(names, map(&[("struct", "a.h"), ("opaque", "b.h"), ("p", "a.h"), ("union", "a.h"), ("u", "b.h"), ("q", "a.h")]));
    }
}
