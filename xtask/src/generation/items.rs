//! What a bindings file declares, read with `syn`.

use std::collections::BTreeMap;
use syn::{ForeignItem, Item, Type};

#[derive(Clone, Debug)]
pub struct Field {
    /// Rust field name.
    pub name: String,
    pub ty: Type,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub name: String,
    pub is_union: bool,
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug)]
pub struct Func {
    pub name: String,
    /// Mach-O symbol name (with its leading underscore).
    pub link_name: String,
    pub inputs: Vec<Type>,
    pub output: Option<Type>,
    pub variadic: bool,
}

#[derive(Default, Debug)]
pub struct Items {
    pub records: BTreeMap<String, Record>,
    pub funcs: Vec<Func>,
    /// Mach-O symbol name and type of each static.
    pub statics: Vec<(String, Type)>,
    /// Rust names of the statics.
    pub static_names: Vec<String>,
    /// Integer constants: name and declared type.
    pub consts: Vec<(String, Type)>,
    pub other_consts: usize,
    /// Integer literal values of constants (`= 1`, `= -1`, `= 0x10`).
    pub const_values: BTreeMap<String, i64>,
    pub aliases: BTreeMap<String, Type>,
    pub enums: usize,
    /// Bitfields per record, as bindgen's accessors claim them:
    /// (C field name, storage unit field, bit offset in the unit, width).
    pub bitfields: BTreeMap<String, Vec<Bitfield>>,
}

#[derive(Clone, Debug)]
pub struct Bitfield {
    pub name: String,
    pub unit: String,
    pub offset: u64,
    pub width: u64,
}

/// Reads `self._bitfield_1.get_const::<16usize, 8u8>()` from an accessor body.
fn bitfield_access(body: &str) -> Option<(String, u64, u64)> {
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let i = body.find("self._bitfield_")?;
    let rest = &body[i + 5..];
    let unit: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let g = rest.find(".get_const::<")?;
    let args = &rest[g + ".get_const::<".len()..];
    let args = &args[..args.find('>')?];
    let (o, w) = args.split_once(',')?;
    Some((unit, o.trim_end_matches("usize").parse().ok()?, w.trim_end_matches("u8").parse().ok()?))
}

pub struct Counts {
    pub fns: usize,
    pub statics: usize,
    pub structs: usize,
    pub unions: usize,
    pub types: usize,
    pub consts: usize,
}

/// A struct's record. A union bindgen emulates with a struct of
/// `__BindgenUnionField`s is a union in C.
fn struct_record(s: &syn::ItemStruct) -> Record {
    let fields: Vec<Field> =
        s.fields.iter().enumerate().map(|(i, f)| Field { name: f.ident.as_ref().map_or(i.to_string(), |n| n.to_string()), ty: f.ty.clone() }).collect();
    let is_union = fields.iter().any(|f| {
        let ty = &f.ty;
        quote::quote!(#ty).to_string().contains("__BindgenUnionField")
    });
    Record { name: s.ident.to_string(), is_union, fields }
}

/// A union's record.
fn union_record(u: &syn::ItemUnion) -> Record {
    let fields = u.fields.named.iter().map(|f| Field { name: f.ident.as_ref().unwrap().to_string(), ty: f.ty.clone() }).collect();
    Record { name: u.ident.to_string(), is_union: true, fields }
}

/// A declared function.
fn func(f: &syn::ForeignItemFn) -> Func {
    let name = f.sig.ident.to_string();
    Func {
        link_name: link_name(&f.attrs, &name),
        name,
        inputs: f
            .sig
            .inputs
            .iter()
            .map(|a| match a {
                syn::FnArg::Typed(p) => (*p.ty).clone(),
                syn::FnArg::Receiver(_) => unreachable!(),
            })
            .collect(),
        output: match &f.sig.output {
            syn::ReturnType::Default => None,
            syn::ReturnType::Type(_, t) => Some((**t).clone()),
        },
        variadic: f.sig.variadic.is_some(),
    }
}

fn link_name(attrs: &[syn::Attribute], default: &str) -> String {
    for a in attrs {
        if a.path().is_ident("link_name")
            && let syn::Meta::NameValue(nv) = &a.meta
            && let syn::Expr::Lit(l) = &nv.value
            && let syn::Lit::Str(s) = &l.lit
        {
            // `\u{1}` marks a symbol name given verbatim (it already
            // has its Mach-O underscore); otherwise the C name.
            let v = s.value();
            return match v.strip_prefix('\u{1}') {
                Some(raw) => raw.to_string(),
                None => format!("_{v}"),
            };
        }
    }
    format!("_{default}")
}

/// The value of an integer literal, possibly negated.
fn int_literal(e: &syn::Expr) -> Option<i64> {
    match e {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<i128>().ok().map(|v| v as i64),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => int_literal(expr).map(|v| v.wrapping_neg()),
        _ => None,
    }
}

pub fn is_integer_type(ty: &Type, aliases: &BTreeMap<String, Type>) -> bool {
    match ty {
        Type::Path(p) => {
            let last = p.path.segments.last().unwrap().ident.to_string();
            match last.as_str() {
                "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" | "isize" | "c_char" | "c_schar" | "c_uchar" | "c_short" | "c_ushort"
                | "c_int" | "c_uint" | "c_long" | "c_ulong" | "c_longlong" | "c_ulonglong" => true,
                "f32" | "f64" | "c_float" | "c_double" | "CStr" => false,
                // A name defined elsewhere (a `libc` typedef such as
                // `kern_return_t`): bindgen only types constants with
                // integer, float and string types, so it is an integer.
                other => aliases.get(other).is_none_or(|t| is_integer_type(t, aliases)),
            }
        }
        _ => false,
    }
}

impl Items {
    pub fn parse(text: &str) -> Result<Items, String> {
        let file = syn::parse_file(text).map_err(|e| format!("cannot parse bindings: {e}"))?;
        let mut items = Items::default();
        let mut consts = Vec::new();
        Self::collect(&file.items, &mut items, &mut consts);
        for (name, ty) in consts {
            if is_integer_type(&ty, &items.aliases) {
                items.consts.push((name, ty));
            } else {
                items.other_consts += 1;
            }
        }
        Ok(items)
    }

    fn collect(list: &[Item], items: &mut Items, consts: &mut Vec<(String, Type)>) {
        for item in list {
            match item {
                Item::Struct(s) => {
                    items.records.insert(s.ident.to_string(), struct_record(s));
                }
                Item::Union(u) => {
                    items.records.insert(u.ident.to_string(), union_record(u));
                }
                Item::Type(t) => {
                    items.aliases.insert(t.ident.to_string(), (*t.ty).clone());
                }
                Item::Enum(_) => items.enums += 1,
                // `pub use self::task_role as task_role_t;`: bindgen's alias
                // for a typedef of an enum.
                Item::Use(u) => {
                    if let syn::UseTree::Path(p) = &u.tree
                        && let (true, syn::UseTree::Rename(r)) = (p.ident == "self", &*p.tree)
                    {
                        let target = &r.ident;
                        items.aliases.insert(r.rename.to_string(), syn::parse_quote!(#target));
                    }
                }
                Item::Impl(imp) if imp.trait_.is_none() => items.collect_bitfields(imp),
                Item::Const(c) => {
                    if let Some(v) = int_literal(&c.expr) {
                        items.const_values.insert(c.ident.to_string(), v);
                    }
                    consts.push((c.ident.to_string(), (*c.ty).clone()))
                }
                Item::ForeignMod(m) => items.collect_foreign(m),
                Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        Self::collect(inner, items, consts);
                    }
                }
                _ => {}
            }
        }
    }

    /// The bitfield getters (`&self`, not `_raw`) of an inherent impl.
    fn collect_bitfields(&mut self, imp: &syn::ItemImpl) {
        let Type::Path(tp) = &*imp.self_ty else { return };
        let owner = tp.path.segments.last().unwrap().ident.to_string();
        for ii in &imp.items {
            let syn::ImplItem::Fn(f) = ii else { continue };
            let name = f.sig.ident.to_string();
            let by_ref = matches!(f.sig.inputs.first(), Some(syn::FnArg::Receiver(r)) if r.reference.is_some() && r.mutability.is_none());
            if !by_ref || name.ends_with("_raw") {
                continue;
            }
            let body = quote::quote!(#f).to_string();
            if let Some((unit, offset, width)) = bitfield_access(&body) {
                self.bitfields.entry(owner.clone()).or_default().push(Bitfield { name, unit, offset, width });
            }
        }
    }

    /// The functions and statics of an `extern` block.
    fn collect_foreign(&mut self, m: &syn::ItemForeignMod) {
        for fi in &m.items {
            match fi {
                ForeignItem::Fn(f) => self.funcs.push(func(f)),
                ForeignItem::Static(s) => {
                    self.statics.push((link_name(&s.attrs, &s.ident.to_string()), (*s.ty).clone()));
                    self.static_names.push(s.ident.to_string());
                }
                _ => {}
            }
        }
    }

    /// Mach-O symbol names of functions and statics.
    pub fn linked_names(&self) -> impl Iterator<Item = &str> {
        self.funcs.iter().map(|f| f.link_name.as_str()).chain(self.statics.iter().map(|s| s.0.as_str()))
    }

    /// Adds another part's items (the MIG structs) to these.
    /// Drops the functions and statics named in `names`.
    pub fn drop_named(&mut self, names: &std::collections::BTreeSet<String>) {
        self.funcs.retain(|f| !names.contains(&f.name));
        let keep: Vec<bool> = self.static_names.iter().map(|n| !names.contains(n)).collect();
        let (mut a, mut b) = (keep.iter(), keep.iter());
        self.statics.retain(|_| *a.next().unwrap());
        self.static_names.retain(|_| *b.next().unwrap());
    }

    pub fn merge(&mut self, other: Items) {
        self.records.extend(other.records);
        self.funcs.extend(other.funcs);
        self.statics.extend(other.statics);
        self.static_names.extend(other.static_names);
        self.consts.extend(other.consts);
        self.other_consts += other.other_consts;
        self.const_values.extend(other.const_values);
        self.aliases.extend(other.aliases);
        self.enums += other.enums;
        self.bitfields.extend(other.bitfields);
    }

    pub fn counts(&self) -> Counts {
        Counts {
            fns: self.funcs.len(),
            statics: self.statics.len(),
            structs: self.records.values().filter(|r| !r.is_union).count(),
            unions: self.records.values().filter(|r| r.is_union).count(),
            types: self.aliases.len(),
            consts: self.consts.len() + self.other_consts,
        }
    }
}
