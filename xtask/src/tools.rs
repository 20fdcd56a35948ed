//! Running the tools a task needs, and installing them (at the versions
//! the project pins) when they are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask/ is in the workspace").to_path_buf()
}

/// Run a command; its failure is the task's.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    eprintln!("> {shown}");
    let status = cmd.status().map_err(|e| format!("{shown} cannot start: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{shown} failed ({status})")) }
}

/// A cargo subcommand (`cargo-about`) of exactly `version`, installed
/// with `cargo install --locked` when missing or another version.
pub fn cargo_tool(package: &str, version: &str) -> Result<(), String> {
    let sub = package.trim_start_matches("cargo-");
    let found = Command::new("cargo").args([sub, "--version"]).output().ok();
    let found = found.filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if found.as_deref() != Some(&format!("{package} {version}")) {
        eprintln!("note: installing {package} {version} (found: {})", found.as_deref().unwrap_or("none"));
        run(Command::new("cargo").args(["install", "--locked", package, "--version", version, "--features", "cli"]))?;
    }
    Ok(())
}
