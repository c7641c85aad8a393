//! Render a Rust FFI type back into the C type it stands for, so that the C
//! compiler can compare a Rust declaration with the SDK's
//! (`__builtin_types_compatible_p`).

use std::collections::{BTreeMap, HashMap};
use syn::{BareFnArg, GenericArgument, PathArguments, ReturnType, Type};

pub struct Renderer<'a> {
    /// C spelling of named types (`struct foo`, `foo_t`, `__typeof__(...)`).
    pub spelling: &'a HashMap<String, String>,
    /// Type aliases of the bindings, to expand names C cannot spell.
    pub aliases: &'a BTreeMap<String, Type>,
    /// Aliases that are block pointers in C (bindgen binds them as
    /// `*mut c_void`): name -> C block type, `void (^)(size_t)`.
    pub blocks: &'a HashMap<String, String>,
}

/// `void (^)(size_t)` declaring `decl`: `void (^decl)(size_t)`.
pub fn block_decl(block: &str, decl: &str) -> String {
    block.replacen("(^)", &format!("(^{decl})"), 1)
}

fn primitive(name: &str) -> Option<&'static str> {
    Some(match name {
        "c_void" => "void",
        "c_char" => "char",
        "c_schar" => "signed char",
        "c_uchar" => "unsigned char",
        "c_short" => "short",
        "c_ushort" => "unsigned short",
        "c_int" => "int",
        "c_uint" => "unsigned int",
        "c_long" => "long",
        "c_ulong" => "unsigned long",
        "c_longlong" => "long long",
        "c_ulonglong" => "unsigned long long",
        "c_float" | "f32" => "float",
        "c_double" | "f64" => "double",
        "bool" => "_Bool",
        "i8" => "int8_t",
        "u8" => "uint8_t",
        "i16" => "int16_t",
        "u16" => "uint16_t",
        "i32" => "int32_t",
        "u32" => "uint32_t",
        "i64" => "int64_t",
        "u64" => "uint64_t",
        "i128" => "__int128",
        "u128" => "unsigned __int128",
        "usize" => "__SIZE_TYPE__",
        "isize" => "__PTRDIFF_TYPE__",
        _ => return None,
    })
}

fn wrap(decl: &str) -> String {
    if decl.starts_with('*') { format!("({decl})") } else { decl.to_string() }
}

impl Renderer<'_> {
    /// `ty` as a C declaration of `decl` (an abstract declarator when empty).
    pub fn render(&self, ty: &Type, decl: &str) -> Result<String, String> {
        self.render_q(ty, decl, false)
    }

    fn render_q(&self, ty: &Type, decl: &str, konst: bool) -> Result<String, String> {
        let q = if konst { "const " } else { "" };
        match ty {
            Type::Ptr(p) => {
                // `konst` qualifies this pointer itself; `*const T` makes
                // the pointee const.
                let inner = if konst { format!("*const {decl}") } else { format!("*{decl}") };
                self.render_q(&p.elem, inner.trim_end(), p.const_token.is_some())
            }
            Type::Array(a) => {
                let len = match &a.len {
                    syn::Expr::Lit(l) => quote::quote!(#l).to_string().trim_end_matches("usize").to_string(),
                    other => quote::quote!(#other).to_string(),
                };
                self.render_q(&a.elem, &format!("{}[{len}]", wrap(decl)), konst)
            }
            Type::BareFn(f) => self.render_fn(&f.inputs.iter().collect::<Vec<_>>(), &f.output, f.variadic.is_some(), decl),
            Type::Never(_) => Ok(format!("void {decl}")),
            Type::Paren(p) => self.render_q(&p.elem, decl, konst),
            Type::Path(tp) => {
                let seg = tp.path.segments.last().unwrap();
                let name = seg.ident.to_string();
                if name == "Option" || name == "__BindgenUnionField" || name == "__IncompleteArrayField" {
                    // Option<extern fn> is a nullable function pointer.
                    if let PathArguments::AngleBracketed(args) = &seg.arguments
                        && let Some(GenericArgument::Type(inner)) = args.args.first()
                    {
                        if name == "__IncompleteArrayField" {
                            // A flexible array member: `T x[]`.
                            return self.render_q(inner, &format!("{}[]", wrap(decl)), konst);
                        }
                        return self.render_q(inner, decl, konst);
                    }
                }
                if let Some(p) = primitive(&name) {
                    return Ok(format!("{q}{p} {decl}").trim_end().to_string());
                }
                if let Some(s) = self.spelling.get(&name) {
                    return Ok(format!("{q}{s} {decl}").trim_end().to_string());
                }
                if let Some(b) = self.blocks.get(&name) {
                    return Ok(block_decl(b, &format!("{}{decl}", if konst { "const " } else { "" })));
                }
                if let Some(t) = self.aliases.get(&name) {
                    return self.render_q(t, decl, konst);
                }
                Err(format!("no C spelling for Rust type `{name}`"))
            }
            other => Err(format!("cannot render `{}` as C", quote::quote!(#other))),
        }
    }

    fn render_fn(&self, inputs: &[&BareFnArg], output: &ReturnType, variadic: bool, decl: &str) -> Result<String, String> {
        let mut args = Vec::new();
        for a in inputs {
            args.push(self.render(&a.ty, "")?);
        }
        self.signature(&args, output_type(output), variadic, &format!("(*{decl})"))
    }

    /// `RET NAME(ARGS)` from already rendered argument types.
    pub fn signature(&self, args: &[String], output: Option<&Type>, variadic: bool, decl: &str) -> Result<String, String> {
        let mut list = args.join(", ");
        if variadic {
            list.push_str(if args.is_empty() { "..." } else { ", ..." });
        } else if args.is_empty() {
            list.push_str("void");
        }
        let d = format!("{decl}({list})");
        match output {
            None => Ok(format!("void {d}")),
            Some(t) => self.render(t, &d),
        }
    }
}

pub fn output_type(o: &ReturnType) -> Option<&Type> {
    match o {
        ReturnType::Default => None,
        ReturnType::Type(_, t) => Some(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_pointers_arrays_and_function_pointers() {
        let mut spelling = HashMap::new();
        spelling.insert("mach_port_t".to_string(), "mach_port_t".to_string());
        spelling.insert("foo".to_string(), "struct foo".to_string());
        let aliases = BTreeMap::new();
        let blocks = HashMap::new();
        let r = Renderer { spelling: &spelling, aliases: &aliases, blocks: &blocks };
        let t = |s: &str| syn::parse_str::<Type>(s).unwrap();
        assert_eq!(r.render(&t("*const *mut core::ffi::c_char"), "").unwrap(), "char *const *");
        assert_eq!(r.render(&t("*mut foo"), "").unwrap(), "struct foo *");
        assert_eq!(r.render(&t("[u32; 4usize]"), "x").unwrap(), "uint32_t x[4]");
        assert_eq!(r.render(&t("*mut [u8; 16]"), "").unwrap(), "uint8_t (*)[16]");
        assert_eq!(r.render(&t("Option<unsafe extern \"C\" fn(arg1: *mut core::ffi::c_void) -> mach_port_t>"), "").unwrap(), "mach_port_t (*)(void *)");
        assert!(r.render(&t("unknown_t"), "").is_err());
    }
}
