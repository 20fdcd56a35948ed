//! `cargo xtask <task>`: the project's own tasks, in Rust, so that they
//! run wherever Cargo does.
//!
//! - `site [DIR]`: the browser edition as static files (default
//!   `target/site/`): the page in Dutch and English, the WebAssembly and its
//!   glue, the scripts, style and fonts. Host it on any web server.

mod site;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = tools::root();
    let result = match args.first().map(String::as_str) {
        Some("site") => {
            let out = args.get(1).map_or_else(|| root.join("target/site"), PathBuf::from);
            site::site(&root, &out)
        }
        _ => Err("usage: cargo xtask site [DIR]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
