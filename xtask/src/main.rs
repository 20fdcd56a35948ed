//! `cargo xtask <task>`: the project's own tasks, in Rust, so that they
//! run wherever Cargo does.
//!
//! - `site [DIR]`: the browser edition as static files (default
//!   `target/site/`): the page in Dutch and English, the WebAssembly and its
//!   glue, the scripts, style and fonts. Host it on any web server.
//! - `dist`: the ready-made programs in `target/dist/` (a Windows program,
//!   a static Linux program, a Debian package, their checksums).
//! - `dist-test`: tries them: the Windows program under Wine and the Linux
//!   one each build a flyer from an empty folder, byte-identical to this
//!   machine's build; the package installs, runs and removes.

use std::path::PathBuf;
use std::process::ExitCode;
use xtask::{dist, dist_test, site, tools};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = tools::root();
    let result = match args.first().map(String::as_str) {
        Some("site") => {
            let out = args.get(1).map_or_else(|| root.join("target/site"), PathBuf::from);
            site::site(&root, &out, site::Profile::Shipped)
        }
        Some("dist") => dist::dist(&root),
        Some("dist-test") => dist_test::dist_test(&root),
        _ => Err("usage: cargo xtask site [DIR] | dist | dist-test".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
