//! darwin-sys tooling. See the README for the commands.

#[path = "../../config.rs"]
mod config;
mod generate;
mod items;
mod sdk;
mod tbd;

use std::path::PathBuf;

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate::run(&root, args.iter().any(|a| a == "--check")),
        _ => Err("usage: cargo xtask <generate [--check]|test|verify>".to_string()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
