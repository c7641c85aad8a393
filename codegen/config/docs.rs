//! Docs: the SDK's comments (HeaderDoc) as rustdoc Markdown.

use std::collections::HashMap;

use super::*;

// ---------------------------------------------------------------------------
// Docs: the SDK's comments as rustdoc Markdown.
//
// bindgen hands every comment it keeps to `process_comment` ([`DocCallbacks`]),
// which rewrites HeaderDoc (`@function`, `@abstract`, `@param`, `@result`,
// `@const`, ...) as Markdown: the summary first, then the discussion, then
// `# Arguments`, `# Returns` and `# Constants` sections. bindgen attaches no
// comment to macros, so [`finish`] gives each constant left without docs the
// text its header has for it: its own `@const` entry in the HeaderDoc of its
// enum or group, else the comment on its `#define` line, else the comment
// right above that line. It also hides bindgen's helper types. [`bindings`]
// runs both, so the build script and the generator make the same text.
// ---------------------------------------------------------------------------

/// What bindgen reported while generating, for [`finish`].
#[derive(Debug, Default)]
pub struct DocFacts {
    /// constant -> (header, 1-based line of its `#define`).
    pub macro_lines: std::collections::BTreeMap<String, (String, usize)>,
    /// constant -> its `@const` entry, as Markdown.
    pub const_docs: std::collections::BTreeMap<String, String>,
}

/// bindgen callbacks for docs: HeaderDoc to Markdown, and where each macro
/// constant is defined.
#[derive(Debug, Default)]
pub struct DocCallbacks {
    pub facts: std::sync::Arc<std::sync::Mutex<DocFacts>>,
}

impl bindgen::callbacks::ParseCallbacks for DocCallbacks {
    fn process_comment(&self, comment: &str) -> Option<String> {
        let mut consts = Vec::new();
        let md = doc_markdown(comment, &mut consts);
        let mut facts = self.facts.lock().unwrap();
        for (name, text) in consts {
            facts.const_docs.entry(name).or_insert(text);
        }
        Some(md)
    }

    fn new_item_found(
        &self,
        _id: bindgen::callbacks::DiscoveredItemId,
        item: bindgen::callbacks::DiscoveredItem,
        location: Option<&bindgen::callbacks::SourceLocation>,
    ) {
        // (No let chains: build.rs includes this file, and the crate's
        // rust-version is 1.85.)
        if let (bindgen::callbacks::DiscoveredItem::Constant { final_name }, Some(Some(file)), Some(loc)) = (item, location.map(|l| &l.file_name), location) {
            self.facts.lock().unwrap().macro_lines.entry(final_name).or_insert((file.clone(), loc.line));
        }
    }
}

/// Generates one part of the bindings, with the docs finished: what the build
/// script writes and what the generator commits (before its family tags).
pub fn bindings(o: &Options) -> Result<String, bindgen::BindgenError> {
    let docs = DocCallbacks::default();
    let facts = docs.facts.clone();
    let b = builder(o).parse_callbacks(Box::new(docs)).generate()?;
    let text = b.to_string();
    let facts = facts.lock().unwrap();
    Ok(finish(&text, &facts))
}

/// bindgen's own helper types: hidden from the docs (still public, as the
/// generated structs name them in their fields).
const BINDGEN_HELPERS: &[&str] =
    &["__BindgenBitfieldUnit", "__IncompleteArrayField", "__BindgenUnionField", "__BindgenFloat16", "__BindgenComplex", "__BindgenOpaqueArray"];

/// Post-processing of bindgen's text (see the section comment above).
pub fn finish(text: &str, facts: &DocFacts) -> String {
    let mut files: HashMap<String, Option<Vec<String>>> = HashMap::new();
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        // Attributes directly above this line (what bindgen put on the item).
        let has_doc = out.iter().rev().take_while(|l| l.trim_start().starts_with("#[")).any(|l| l.trim_start().starts_with("#[doc"));
        if let Some(rest) = trimmed.strip_prefix("pub const ") {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // Its own `@const` entry replaces what bindgen gave an enum's
            // constant (the whole enum's comment).
            if let Some(own) = facts.const_docs.get(&name) {
                let attrs = out.iter().rev().take_while(|l| l.trim_start().starts_with("#[")).count();
                let at = out.len() - attrs;
                let kept: Vec<String> = out.split_off(at).into_iter().filter(|l| !l.trim_start().starts_with("#[doc")).collect();
                out.extend(kept);
                out.push(format!("{indent}#[doc = {}]", rust_str(own)));
            } else if !has_doc && !name.is_empty() {
                let doc = facts.macro_lines.get(&name).and_then(|(file, line_no)| {
                    let lines = files
                        .entry(file.clone())
                        .or_insert_with(|| std::fs::read(file).ok().map(|b| String::from_utf8_lossy(&b).lines().map(str::to_string).collect()));
                    let comment = macro_comment(lines.as_ref()?, *line_no)?;
                    Some(doc_markdown(&strip_comment_markers(&comment), &mut Vec::new()))
                });
                if let Some(doc) = doc.filter(|d| !d.trim().is_empty()) {
                    out.push(format!("{indent}#[doc = {}]", rust_str(&doc)));
                }
            }
        }
        let hidden = ["pub struct ", "pub type ", "pub union "].iter().find_map(|k| trimmed.strip_prefix(k)).is_some_and(|rest| {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            BINDGEN_HELPERS.contains(&name.as_str()) || name.starts_with("_bindgen_ty_")
        });
        if hidden {
            // Above the item's attributes.
            let at = out.len() - out.iter().rev().take_while(|l| l.trim_start().starts_with("#[")).count();
            out.insert(at, format!("{indent}#[doc(hidden)]"));
        }
        out.push(line.to_string());
    }
    let mut s = out.join("\n");
    if text.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// A Rust string literal holding `s`.
fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// The comment the header has for the macro `#define`d at `line` (1-based):
/// the one that follows the definition on its line (running on over later
/// lines until it closes), else one on lines of its own right below or
/// right above (see below which). Comment markers included.
pub fn macro_comment(lines: &[String], line: usize) -> Option<String> {
    let def = lines.get(line.checked_sub(1)?)?;
    if !def.trim_start().starts_with('#') {
        return None;
    }
    // Trailing: after the definition, outside string and char literals.
    let code = def.trim_end().trim_end_matches('\\');
    let mut quote = None;
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(_) if c == b'\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'/' && b.get(i + 1) == Some(&b'/') => return Some(code[i..].to_string()),
            None if c == b'/' && b.get(i + 1) == Some(&b'*') => {
                let mut text = def[i..].to_string();
                let mut next = line;
                while !text[2..].contains("*/") {
                    text.push('\n');
                    text.push_str(lines.get(next)?);
                    next += 1;
                }
                let end = 2 + text[2..].find("*/").unwrap() + 2;
                return Some(text[..end].to_string());
            }
            None => {}
        }
        i += 1;
    }
    // Otherwise a comment on lines of its own, right below or right above.
    // Headers use both styles: `#define A 1` / `/* A's doc */` (mach's
    // message.h, kern_return.h) and `/* B's doc */` / `#define B 2`. In a run
    // of lines without a blank one, a run that ends with a comment is in
    // the first style, one that ends with a definition in the second.
    // HeaderDoc (`/*!`) always precedes.
    let idx = line - 1;
    let above = idx.checked_sub(1).and_then(|i| own_line_comment_ending(lines, i));
    if above.as_ref().is_some_and(|c| c.starts_with("/*!") || c.starts_with("///")) {
        return above;
    }
    let mut end = idx;
    while end + 1 < lines.len() && !lines[end + 1].trim().is_empty() {
        end += 1;
    }
    while end > idx && is_conditional(&lines[end]) {
        end -= 1;
    }
    if own_line_comment_ending(lines, end).is_some() && end > idx {
        own_line_comment_starting(lines, idx + 1)
    } else if lines.get(idx + 1).is_some_and(|l| l.trim_start().starts_with('#') && !is_conditional(l)) {
        // A comment above several definitions in a row heads the group:
        // it is no one constant's doc.
        None
    } else {
        above
    }
}

/// `#if`, `#ifdef`, `#else`, `#endif`, ...: not a definition.
fn is_conditional(l: &str) -> bool {
    let t = l.trim_start();
    t.starts_with('#') && !t.trim_start_matches('#').trim_start().starts_with("define")
}

/// The comment that ends on line `end` (0-based) and starts a line of its own.
fn own_line_comment_ending(lines: &[String], end: usize) -> Option<String> {
    let last = lines.get(end)?.trim();
    if last.ends_with("*/") {
        let mut start = end;
        loop {
            let l = &lines[start];
            if let Some(at) = l.find("/*") {
                // The comment must start its line (not trail a declaration),
                // and be one comment.
                if !l[..at].trim().is_empty() || lines[start..=end].concat().matches("/*").count() != 1 {
                    return None;
                }
                return Some(lines[start..=end].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"));
            }
            start = start.checked_sub(1)?;
            if end - start > 200 {
                return None;
            }
        }
    }
    if last.starts_with("//") {
        let mut start = end;
        while start > 0 && lines[start - 1].trim().starts_with("//") {
            start -= 1;
        }
        return Some(lines[start..=end].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"));
    }
    None
}

/// The comment that starts line `start` (0-based) on its own.
fn own_line_comment_starting(lines: &[String], start: usize) -> Option<String> {
    let first = lines.get(start)?.trim();
    if first.starts_with("/*") {
        let mut end = start;
        while !lines[start..=end].concat()[2..].contains("*/") {
            end += 1;
            if end >= lines.len() || end - start > 200 {
                return None;
            }
        }
        // Nothing after the comment on its last line.
        if !lines[end].trim_end().ends_with("*/") || lines[start..=end].concat().matches("/*").count() != 1 {
            return None;
        }
        return Some(lines[start..=end].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"));
    }
    if first.starts_with("//") {
        let mut end = start;
        while end + 1 < lines.len() && lines[end + 1].trim().starts_with("//") {
            end += 1;
        }
        return Some(lines[start..=end].iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"));
    }
    None
}

/// `/* ... */`, `/*! ... */`, `/**< ... */`, `// ...` less their markers and
/// the `*` that starts each inner line, as bindgen does for the comments it
/// keeps.
pub fn strip_comment_markers(c: &str) -> String {
    let c = c.trim();
    let body = if let Some(b) = c.strip_prefix("/*") {
        let b = b.strip_suffix("*/").unwrap_or(b);
        let b = b.trim_start_matches(['*', '!']).trim_start_matches('<');
        b.lines()
            .map(|l| {
                let t = l.trim_start();
                match t.strip_prefix('*') {
                    Some(r) if !r.starts_with('/') => r.trim_start(),
                    _ => t,
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        c.lines().map(|l| l.trim_start().trim_start_matches('/').trim_start_matches(['!', '<']).trim_start()).collect::<Vec<_>>().join("\n")
    };
    body.trim_matches('\n').to_string()
}

/// Block tags that name the item they document (`@function dispatch_async`):
/// the name is dropped, the rest of the line is summary text.
const HD_NAMING: &[&str] = &[
    "function",
    "typedef",
    "enum",
    "struct",
    "union",
    "define",
    "defineblock",
    "callback",
    "class",
    "header",
    "group",
    "functiongroup",
    "var",
    "method",
    "property",
    "protocol",
    "category",
    "interface",
    "framework",
    "methodgroup",
    "const_group",
];

#[derive(Clone, Copy, PartialEq)]
enum Sect {
    Lead,
    Abstract,
    Discussion,
    Param,
    Returns,
    Const,
    Field,
    Note,
    See,
    Other,
}

/// HeaderDoc tag -> section; `None` for a word that is no block tag.
fn hd_section(tag: &str) -> Option<Sect> {
    Some(match tag {
        t if HD_NAMING.contains(&t) => Sect::Lead,
        "abstract" | "brief" | "summary" => Sect::Abstract,
        "discussion" | "details" | "description" => Sect::Discussion,
        "param" | "arg" | "argument" | "templatefield" => Sect::Param,
        "result" | "return" | "returns" | "retval" => Sect::Returns,
        "const" | "constant" | "enumerator" | "value" => Sect::Const,
        "field" | "member" => Sect::Field,
        "note" | "important" | "warning" | "attention" | "caution" => Sect::Note,
        "see" | "seealso" | "sa" => Sect::See,
        "availability" | "deprecated" | "updated" | "version" | "since" | "indexgroup" | "ignore" | "internal" | "unsorted" | "copyright" | "author"
        | "throws" | "compilerflag" | "charset" | "encoding" | "namespace" | "dependency" | "superclass" | "apiuid" | "textblock" => Sect::Other,
        _ => return None,
    })
}

/// One section of a comment: its kind, its name (`@param NAME`, or the tag
/// of an [`Sect::Other`] one) and its lines, fenced code blocks kept whole.
type Section = (Sect, String, Vec<String>);

/// One comment (as bindgen hands it over: markers stripped) as rustdoc
/// Markdown. `@const NAME text` entries are also pushed to `consts`.
pub fn doc_markdown(raw: &str, consts: &mut Vec<(String, String)>) -> String {
    let sects = sections(&dedent(raw));
    let mut out: Vec<String> = Vec::new();
    prose(&sects, &mut out);
    entry_lists(&sects, &mut out);
    returns_and_see(&sects, &mut out);
    const_docs(&sects, consts);
    doc_text(&out)
}

/// `lines` cut into sections at each HeaderDoc block tag, the text before
/// the first one a [`Sect::Lead`]. `<code>`/`<pre>` blocks and `@code` ...
/// `@endcode` become plain-text fences, their lines marked with a NUL
/// (removed at the end) so no later step touches them.
fn sections(lines: &[String]) -> Vec<Section> {
    let mut sects: Vec<Section> = vec![(Sect::Lead, String::new(), Vec::new())];
    let mut in_code = false;
    for line in lines {
        let t = line.trim();
        let cur = &mut sects.last_mut().unwrap().2;
        if in_code {
            in_code = code_line(line, cur);
            continue;
        }
        if open_code(t, cur) {
            in_code = true;
            continue;
        }
        if let Some(s) = tag_section(t) {
            sects.push(s);
            continue;
        }
        cur.push(line.clone());
    }
    if in_code {
        sects.last_mut().unwrap().2.push("```".into());
    }
    sects
}

/// Opens a code block if trimmed line `t` has `<code>`, `<pre>` or `@code`
/// with no closing tag after it: pushes to `cur` the text before the tag,
/// the fence and the text after it, and says so.
fn open_code(t: &str, cur: &mut Vec<String>) -> bool {
    let Some((o, at)) = ["<code>", "<pre>", "@code"].iter().filter_map(|o| t.rfind(*o).map(|at| (*o, at))).next() else {
        return false;
    };
    let close = match o {
        "<code>" => "</code>",
        "<pre>" => "</pre>",
        _ => "@endcode",
    };
    let rest = &t[at + o.len()..];
    if rest.contains(close) {
        return false;
    }
    if !t[..at].trim().is_empty() {
        cur.push(t[..at].trim_end().to_string());
    }
    cur.push("```text".into());
    if !rest.trim().is_empty() {
        cur.push(rest.trim_end().to_string());
    }
    true
}

/// One line inside a code block, pushed to `cur`; or, at its closing tag,
/// the text before the tag and the closing fence. Whether the block goes on.
fn code_line(line: &str, cur: &mut Vec<String>) -> bool {
    let Some(at) = ["</code>", "</pre>", "@endcode"].iter().find_map(|c| line.find(c)) else {
        cur.push(format!("\u{0}{line}"));
        return true;
    };
    let before = &line[..at];
    if !before.trim().is_empty() {
        cur.push(before.trim_end().to_string());
    }
    cur.push("```".into());
    false
}

/// The section trimmed line `t` opens, if it starts with a HeaderDoc block
/// tag: named by its first word for the tags that name something, by the
/// tag for [`Sect::Other`]; the rest of the line is its first line.
fn tag_section(t: &str) -> Option<Section> {
    let rest = t.strip_prefix('@')?;
    let tag: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let s = hd_section(&tag.to_ascii_lowercase())?;
    let after = rest[tag.len()..].trim();
    let (name, text) = match s {
        Sect::Lead | Sect::Param | Sect::Const | Sect::Field => {
            let n: String = after.chars().take_while(|c| !c.is_whitespace()).collect();
            (n.trim_end_matches([':', ',']).to_string(), after[n.len()..].trim().to_string())
        }
        Sect::Other => (tag.clone(), after.to_string()),
        _ => (String::new(), after.to_string()),
    };
    let mut v = Vec::new();
    if !text.is_empty() {
        v.push(text);
    }
    Some((s, name, v))
}

/// A section's lines as Markdown: inline markup converted, blank lines at
/// either end dropped, indented code fenced.
fn section_text(v: &[String]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|l| inline_md(l)).collect();
    while v.first().is_some_and(|l| l.trim().is_empty()) {
        v.remove(0);
    }
    while v.last().is_some_and(|l| l.trim().is_empty()) {
        v.pop();
    }
    indented_code_to_fences(v)
}

/// The non-empty texts of the sections of kind `s`, in order.
fn texts_of(sects: &[Section], s: Sect) -> Vec<Vec<String>> {
    sects.iter().filter(|x| x.0 == s).map(|x| section_text(&x.2)).filter(|v| !v.is_empty()).collect()
}

/// Appends paragraph `v` to `out`, after a blank line unless it is first.
fn para(out: &mut Vec<String>, v: &[String]) {
    if !out.is_empty() {
        out.push(String::new());
    }
    out.extend(v.iter().cloned());
}

/// The running text: the summary (the abstract, else the text before the
/// first tag), the discussion, the other tags as `*Tag:* text`, the notes
/// as `**Note:** text`.
fn prose(sects: &[Section], out: &mut Vec<String>) {
    for v in texts_of(sects, Sect::Abstract).iter().chain(texts_of(sects, Sect::Lead).iter()) {
        para(out, v);
    }
    for v in texts_of(sects, Sect::Discussion) {
        para(out, &v);
    }
    for (s, name, v) in sects {
        if *s == Sect::Other {
            let t = section_text(v);
            if !t.is_empty() {
                let mut t = t.clone();
                t[0] = format!("*{}{}:* {}", name[..1].to_ascii_uppercase(), &name[1..], t[0]);
                para(out, &t);
            }
        }
    }
    for v in texts_of(sects, Sect::Note) {
        let mut v = v.clone();
        v[0] = format!("**Note:** {}", v[0]);
        para(out, &v);
    }
}

/// The named sections of kind `s` as a Markdown list: ``- `name`: text``,
/// further lines indented under it.
fn entry_list(sects: &[Section], s: Sect) -> Vec<String> {
    let mut items = Vec::new();
    for (k, name, v) in sects {
        if *k != s || name.is_empty() {
            continue;
        }
        let t = section_text(v);
        let mut first = true;
        let mut item = format!("- `{name}`");
        if t.is_empty() {
            items.push(item);
            continue;
        }
        for l in &t {
            if first {
                item.push_str(": ");
                item.push_str(l.trim_start());
                items.push(std::mem::take(&mut item));
                first = false;
            } else if l.trim().is_empty() {
                items.push(String::new());
            } else {
                items.push(format!("  {l}"));
            }
        }
    }
    items
}

/// The `# Arguments`, `# Constants` and `# Fields` lists, those that have
/// entries.
fn entry_lists(sects: &[Section], out: &mut Vec<String>) {
    for (s, title) in [(Sect::Param, "# Arguments"), (Sect::Const, "# Constants"), (Sect::Field, "# Fields")] {
        let items = entry_list(sects, s);
        if !items.is_empty() {
            para(out, &[title.to_string(), String::new()]);
            out.pop();
            out.extend(items);
        }
    }
}

/// The `# Returns` section and the `See also:` line, if there is anything
/// to put in them.
fn returns_and_see(sects: &[Section], out: &mut Vec<String>) {
    let returns = texts_of(sects, Sect::Returns);
    if !returns.is_empty() {
        para(out, &["# Returns".to_string()]);
        for v in returns {
            para(out, &v);
        }
    }
    let see: Vec<String> =
        sects.iter().filter(|x| x.0 == Sect::See).flat_map(|x| section_text(&x.2)).map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    if !see.is_empty() {
        para(out, &[format!("See also: {}.", see.join(", ").trim_end_matches('.'))]);
    }
}

/// Pushes each `@const` entry with text to `consts`, as a doc of its own.
fn const_docs(sects: &[Section], consts: &mut Vec<(String, String)>) {
    for (s, name, v) in sects {
        if *s == Sect::Const && !name.is_empty() {
            let t = section_text(v);
            if !t.is_empty() {
                consts.push((name.clone(), t.iter().map(|l| format!(" {}", l.trim_start().replace('\u{0}', ""))).collect::<Vec<_>>().join("\n")));
            }
        }
    }
}

/// The lines of `out` as one doc comment: each after a space (rustdoc's
/// `/// ` style), code markers removed.
fn doc_text(out: &[String]) -> String {
    let mut s = String::new();
    for l in out {
        s.push(' ');
        s.push_str(&l.replace('\u{0}', ""));
        s.push('\n');
    }
    s.pop();
    s
}

/// Lines less their common indentation.
fn dedent(raw: &str) -> Vec<String> {
    let lines: Vec<&str> = raw.lines().map(|l| l.trim_end()).collect();
    let min = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    lines.iter().map(|l| if l.len() >= min { l[min..].to_string() } else { String::new() }).collect()
}

/// Markdown would make a code block (a Rust doctest!) of lines indented by
/// four or more after a blank line: fence them as plain text instead.
fn indented_code_to_fences(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut in_fence = false;
    while i < v.len() {
        let l = &v[i];
        if l.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let code = |l: &String| l.starts_with("    ") || l.starts_with('\t');
        if !in_fence && code(l) && out.last().is_none_or(|p: &String| p.trim().is_empty()) {
            out.push("```text".into());
            while i < v.len() && (code(&v[i]) || (v[i].trim().is_empty() && v.get(i + 1).is_some_and(code))) {
                out.push(format!("\u{0}{}", v[i]));
                i += 1;
            }
            out.push("```".into());
            continue;
        }
        out.push(l.clone());
        i += 1;
    }
    out
}

/// Inline HeaderDoc and HTML in one line of text, as Markdown: `@c x`,
/// `@p x`, `{@link x}`, `<code>x</code>` become code; `@a x` emphasis; C
/// identifiers with underscores and `f()` calls become code (so `__x__` is
/// not bold); `<` is escaped; a leading `#` or `>` is escaped.
fn inline_md(line: &str) -> String {
    if let Some(code) = line.strip_prefix('\u{0}') {
        return code.to_string();
    }
    if line.trim_start().starts_with("```") {
        return line.to_string();
    }
    let mut l = line.to_string();
    // Spans first.
    while let (Some(a), Some(b)) = (l.find("<code>"), l.find("</code>")) {
        if b < a {
            break;
        }
        let inner = l[a + 6..b].to_string();
        l = format!("{}`{}`{}", &l[..a], inner.replace('`', "'"), &l[b + 7..]);
    }
    while let Some(a) = l.find("{@link") {
        let Some(b) = l[a..].find('}') else { break };
        let inner = l[a + 6..a + b].trim().to_string();
        l = format!("{}`{}`{}", &l[..a], inner, &l[a + b + 1..]);
    }
    l = l.replace("@/link", "").replace("</b>", "").replace("<b>", "").replace("<i>", "").replace("</i>", "");
    let mut out = String::new();
    // Outside backtick spans: tags, identifiers, escapes.
    for (k, seg) in l.split('`').enumerate() {
        if k > 0 {
            out.push('`');
        }
        if k % 2 == 1 {
            out.push_str(seg);
            continue;
        }
        out.push_str(&inline_words(seg));
    }
    let t = out.trim_start();
    let indent = &out[..out.len() - t.len()];
    if t.starts_with('#') || t.starts_with('>') {
        out = format!("{indent}\\{t}");
    }
    out
}

fn inline_words(seg: &str) -> String {
    let chars: Vec<char> = seg.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        if c == '@' && chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) && (i == 0 || !ident(chars[i - 1])) {
            let mut j = i + 1;
            while j < chars.len() && ident(chars[j]) {
                j += 1;
            }
            let tag: String = chars[i + 1..j].iter().collect();
            if matches!(tag.as_str(), "c" | "p" | "a" | "b" | "e" | "em" | "code" | "link") {
                // The next word is the argument.
                let mut k = j;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                let mut e = k;
                while e < chars.len() && !chars[e].is_whitespace() && !matches!(chars[e], ',' | ';' | ')') {
                    e += 1;
                }
                let mut word: String = chars[k..e].iter().collect();
                let mut tail = String::new();
                while word.ends_with(['.', ':']) && !word.ends_with("()") {
                    tail.insert(0, word.pop().unwrap());
                }
                if word.is_empty() {
                    i = j;
                    continue;
                }
                if matches!(tag.as_str(), "a" | "e" | "em") {
                    out.push_str(&format!("*{word}*{tail}"));
                } else {
                    out.push_str(&format!("`{word}`{tail}"));
                }
                i = e;
                continue;
            }
            if matches!(
                tag.as_str(),
                "rpath"
                    | "executable_path"
                    | "loader_path"
                    | "autoreleasepool"
                    | "synchronized"
                    | "try"
                    | "catch"
                    | "finally"
                    | "selector"
                    | "encode"
                    | "protocol"
                    | "interface"
                    | "implementation"
                    | "end"
                    | "property"
                    | "class"
            ) {
                out.push_str(&format!("`@{tag}`"));
            } else {
                // A parameter named in prose (`@callback`).
                out.push_str(&format!("`{tag}`"));
            }
            i = j;
            continue;
        }
        if ident(c) && (i == 0 || !ident(chars[i - 1])) {
            let mut j = i;
            while j < chars.len() && ident(chars[j]) {
                j += 1;
            }
            // A file name (`mach_vm.defs`) is one word.
            while chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(|c| c.is_ascii_alphanumeric()) {
                j += 1;
                while j < chars.len() && ident(chars[j]) {
                    j += 1;
                }
            }
            let word: String = chars[i..j].iter().collect();
            let call = chars.get(j) == Some(&'(') && chars.get(j + 1) == Some(&')');
            let is_ident = word.chars().next().is_some_and(|c| !c.is_ascii_digit());
            // `_x_` is Markdown emphasis; `a_b`, `__x` and `x()` are C.
            let interior = word.trim_matches('_').contains('_') || word.starts_with("__");
            if is_ident && (call || (interior && word.chars().any(|c| c.is_ascii_alphabetic()))) {
                if call {
                    out.push_str(&format!("`{word}()`"));
                    i = j + 2;
                } else {
                    out.push_str(&format!("`{word}`"));
                    i = j;
                }
                continue;
            }
            out.push_str(&word);
            i = j;
            continue;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn headerdoc_becomes_markdown() {
        let mut consts = Vec::new();
        let md = doc_markdown(
            " @function frob_port\n\n @abstract\n Frobs a port.\n\n @discussion\n Call it twice.\n\n @param port\n The port, see @c other_port.\n @param n\n How often.\n\n @result\n KERN_SUCCESS or an error.",
            &mut consts,
        );
        assert_eq!(
            md,
            " Frobs a port.\n \n Call it twice.\n \n # Arguments\n - `port`: The port, see `other_port`.\n - `n`: How often.\n \n # Returns\n \n `KERN_SUCCESS` or an error."
        );
        assert!(consts.is_empty());
        let md =
            doc_markdown(" @typedef frob_t\n Kinds of frobbing.\n\n @const FROB_A\n The first.\n\n @const FROB_B\n The second,\n on two lines.", &mut consts);
        assert_eq!(md, " Kinds of frobbing.\n \n # Constants\n - `FROB_A`: The first.\n - `FROB_B`: The second,\n   on two lines.");
        assert_eq!(consts, [("FROB_A".to_string(), " The first.".to_string()), ("FROB_B".to_string(), " The second,\n on two lines.".to_string())]);
        for tag in ["@function", "@abstract", "@param", "@result", "@const", "@discussion", "@typedef"] {
            assert!(!md.contains(tag));
        }
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        let md = doc_markdown(" Use it so:\n\n     frob(x);\n     frob(y);\n\n Done. <code>\n a < b\n </code>", &mut Vec::new());
        assert_eq!(md, " Use it so:\n \n ```text\n     frob(x);\n     frob(y);\n ```\n \n Done.\n ```text\n a < b\n ```");
        // `<` escaped outside code, identifiers as code, no heading.
        assert_eq!(doc_markdown(" #include <a.h> and __x__ or f()", &mut Vec::new()), " \\#include &lt;a.h> and `__x__` or `f()`");
        assert_eq!(doc_markdown(" See mach_vm.defs, and e.g. this.", &mut Vec::new()), " See `mach_vm.defs`, and e.g. this.");
    }

    #[test]
    fn sections_come_in_a_fixed_order() {
        let mut consts = Vec::new();
        let md = doc_markdown(
            " @struct frob\n @field a\n The a.\n @field b\n @see frob_a\n @note Mind it.\n @deprecated Use other.\n @discussion\n Before:\n @code\n x = 1;\n @endcode\n @abstract A frob.\n @see frob_b.",
            &mut consts,
        );
        assert_eq!(
            md,
            " A frob.\n \n Before:\n ```text\n x = 1;\n ```\n \n *Deprecated:* Use other.\n \n **Note:** Mind it.\n \n # Fields\n - `a`: The a.\n - `b`\n \n See also: `frob_a`, `frob_b`."
        );
        assert!(consts.is_empty());
    }

    #[test]
    fn code_blocks_open_after_text() {
        let md = doc_markdown(" Like this: <pre>\n a_b(1);\n   c();\n </pre>\n Then <code>inline_x</code> here.", &mut Vec::new());
        assert_eq!(md, " Like this:\n ```text\n a_b(1);\n   c();\n ```\n Then `inline_x` here.");
        // An unclosed block is closed at the end.
        assert_eq!(doc_markdown(" @code\n x < y", &mut Vec::new()), " ```text\n x < y\n ```");
    }

    #[test]
    fn macro_comments_in_both_styles() {
        let below = lines("#define A 1\n/* A's doc. */\n#define B 2\n/* B's doc,\n * two lines. */\n\n#define C 3");
        assert_eq!(macro_comment(&below, 1).as_deref(), Some("/* A's doc. */"));
        assert_eq!(macro_comment(&below, 3).as_deref(), Some("/* B's doc,\n* two lines. */"));
        assert_eq!(macro_comment(&below, 7), None);
        let above = lines("/* A's doc. */\n#define A 1\n// B's doc.\n#define B 2\n\n/* Group. */\n#define C 3\n#define D 4");
        assert_eq!(macro_comment(&above, 7), None);
        assert_eq!(macro_comment(&above, 2).as_deref(), Some("/* A's doc. */"));
        assert_eq!(macro_comment(&above, 4).as_deref(), Some("// B's doc."));
        let trailing = lines("#define A 1 /* one */\n#define B \"/*\" // two\n#define C 3 /* three,\n   continued */");
        assert_eq!(macro_comment(&trailing, 1).as_deref(), Some("/* one */"));
        assert_eq!(macro_comment(&trailing, 2).as_deref(), Some("// two"));
        assert_eq!(macro_comment(&trailing, 3).as_deref(), Some("/* three,\n   continued */"));
        assert_eq!(strip_comment_markers("/* three,\n   continued */"), "three,\ncontinued ");
        assert_eq!(strip_comment_markers("/*! @define X\n * Its doc.\n */"), "@define X\nIts doc.");
        assert_eq!(doc_markdown(&strip_comment_markers("/*! @define X\n * Its doc.\n */"), &mut Vec::new()), " Its doc.");
    }

    #[test]
    fn finish_documents_constants_and_hides_helpers() {
        let dir = std::env::temp_dir().join(format!("doc-finish-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let h = dir.join("x.h");
        std::fs::write(&h, "#define X_ONE 1 /* the first */\n#define X_TWO 2\n").unwrap();
        let mut facts = DocFacts::default();
        let file = h.display().to_string();
        facts.macro_lines.insert("X_ONE".into(), (file.clone(), 1));
        facts.macro_lines.insert("X_TWO".into(), (file, 2));
        facts.const_docs.insert("E_A".into(), " Its own entry.".into());
        let text = "pub const X_ONE: u32 = 1;\npub const X_TWO: u32 = 2;\n#[doc = \" The whole enum.\"]\npub const E_A: e = 0;\n#[repr(C)]\npub struct __BindgenBitfieldUnit<S> {\n    storage: S,\n}\npub type _bindgen_ty_1 = u32;\n";
        let out = finish(text, &facts);
        assert_eq!(
            out,
            "#[doc = \" the first\"]\npub const X_ONE: u32 = 1;\npub const X_TWO: u32 = 2;\n#[doc = \" Its own entry.\"]\npub const E_A: e = 0;\n#[doc(hidden)]\n#[repr(C)]\npub struct __BindgenBitfieldUnit<S> {\n    storage: S,\n}\n#[doc(hidden)]\npub type _bindgen_ty_1 = u32;\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
