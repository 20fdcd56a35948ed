//! `cargo xtask dist`: the ready-made programs, in `target/dist/`:
//!
//! - `handout-<version>-x86_64-pc-windows-gnu.zip`: `handout.exe`;
//! - `handout-<version>-x86_64-unknown-linux-musl.tar.gz`: a static
//!   `handout` that runs on any x86-64 Linux;
//! - `handout_<version>_amd64.deb`: that program, with a systemd unit;
//! - `SHA256SUMS`.
//!
//! Each with the README, the licences (handout's, the fonts', every
//! linked crate's from cargo-about). Reproducible: the same source gives
//! the same bytes (`SOURCE_DATE_EPOCH` from the last commit, paths
//! remapped, no time stamp in the Windows program, archives in a fixed
//! order and time).

use crate::archive::{self, Entry};
use crate::deb;
use crate::tools::{self, run};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const WINDOWS: &str = "x86_64-pc-windows-gnu";
pub const LINUX: &str = "x86_64-unknown-linux-musl";
/// The linker for Windows programs (Debian's gcc-mingw-w64-x86-64).
const MINGW: &str = "x86_64-w64-mingw32-gcc";
/// The C compiler for the static Linux program's allocator, mimalloc
/// (Debian's musl-tools): with musl's own, a batch takes 2.6 times as long.
const MUSL_GCC: &str = "musl-gcc";
/// cargo-about, pinned: its output is in every artefact.
const CARGO_ABOUT: &str = "0.9.3";

/// Where the programs are compiled: one folder, whichever checkout builds
/// them. GNU ld orders the Windows program's import table by the paths of
/// the import libraries, so a build in /work/x and one in /tmp/y link
/// rustc's own import libraries before or after mingw's in /usr/lib:
/// same code, other bytes. A fixed folder makes the order fixed.
const BUILD_DIR: &str = "/tmp/handout-dist-build";

/// The built programs, copied into this checkout (where the Containerfile
/// and `dist-test` find them).
pub fn program(root: &Path, target: &str) -> PathBuf {
    let name = if target == WINDOWS { "handout.exe" } else { "handout" };
    root.join("target/dist-build").join(target).join(name)
}

pub fn dist(root: &Path) -> Result<(), String> {
    let version = version(root)?;
    let epoch = source_date_epoch(root)?;
    eprintln!("note: handout {version}, SOURCE_DATE_EPOCH={epoch}");
    if Command::new(MINGW).arg("--version").output().is_err() {
        return Err(format!("{MINGW} is missing: apt-get install gcc-mingw-w64-x86-64"));
    }
    if Command::new(MUSL_GCC).arg("--version").output().is_err() {
        return Err(format!("{MUSL_GCC} is missing: apt-get install musl-tools"));
    }
    for target in [WINDOWS, LINUX] {
        build(root, target, epoch)?;
    }
    let third_party = third_party_licences(root)?;
    let out = root.join("target/dist");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let docs = Docs::read(root, third_party)?;
    let windows =
        archive::zip(&docs.entries(&format!("handout-{version}-{WINDOWS}"), &program(root, WINDOWS))?, epoch)?;
    write(&out.join(format!("handout-{version}-{WINDOWS}.zip")), &windows)?;
    let linux = archive::tar_gz(&docs.entries(&format!("handout-{version}-{LINUX}"), &program(root, LINUX))?, epoch)?;
    write(&out.join(format!("handout-{version}-{LINUX}.tar.gz")), &linux)?;
    let linux_program = read(&program(root, LINUX))?;
    let deb_docs = deb::Docs {
        readme: &docs.readme,
        licences: &docs.licences,
        third_party: &docs.third_party,
        fonts: &docs.fonts,
    };
    deb::build(&root.join("target/dist-stage/deb"), &out, &version, &linux_program, &deb_docs, epoch)?;
    let sums = checksums(&out)?;
    write(&out.join("SHA256SUMS"), sums.as_bytes())?;
    eprint!("{sums}");
    Ok(())
}

/// Build the program for `target` in release, reproducibly: the paths of
/// this checkout and of Cargo's sources are remapped (they would be in
/// panic messages), and the Windows linker writes no time stamp.
fn build(root: &Path, target: &str, epoch: i64) -> Result<(), String> {
    run(Command::new("rustup").args(["target", "add", target]))?;
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"));
    let mut flags = vec![
        format!("--remap-path-prefix={}=/handout", root.display()),
        format!("--remap-path-prefix={BUILD_DIR}=/build"),
        format!("--remap-path-prefix={}=/cargo", cargo_home.display()),
    ];
    if target == WINDOWS {
        flags.push("-Clink-arg=-Wl,--no-insert-timestamp".into());
    }
    let var = |what: &str| format!("CARGO_TARGET_{}_{what}", target.to_uppercase().replace('-', "_"));
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .env(var("RUSTFLAGS"), flags.join(" "))
        .args(["build", "--release", "--locked", "-p", "handout", "--bin", "handout", "--target", target])
        .args(["--target-dir", BUILD_DIR]);
    if target == WINDOWS {
        cmd.env(var("LINKER"), MINGW);
    }
    run(&mut cmd)?;
    let built =
        Path::new(BUILD_DIR).join(target).join("release").join(program(root, target).file_name().unwrap_or_default());
    let copy = program(root, target);
    std::fs::create_dir_all(copy.parent().unwrap_or(root)).map_err(|e| format!("{}: {e}", copy.display()))?;
    std::fs::copy(&built, &copy).map(|_| ()).map_err(|e| format!("{} -> {}: {e}", built.display(), copy.display()))
}

/// The licences of every crate linked into either program, by cargo-about
/// (about.toml lists the licences accepted; about.hbs lays out the text).
fn third_party_licences(root: &Path) -> Result<Vec<u8>, String> {
    tools::cargo_tool("cargo-about", CARGO_ABOUT)?;
    // cargo-about reads every crate's licence from Cargo's sources, which
    // hold only what has been built so far on this machine: fetch them all
    // (for both targets), then let it work offline.
    run(Command::new("cargo").current_dir(root).args(["fetch", "--locked"]))?;
    let output = Command::new("cargo")
        .current_dir(root)
        .args(["about", "generate", "--locked", "--offline", "--fail", "-m", "Cargo.toml", "about.hbs"])
        .output()
        .map_err(|e| format!("cargo about cannot start: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo about failed:\n{}", String::from_utf8_lossy(&output.stderr)));
    }
    let mut text = output.stdout;
    text.extend(icon_licences(root)?);
    Ok(text)
}

/// The icon sets built into the program (icons/: each set a folder with
/// its LICENSE), after the crates' licences.
pub fn icon_licences(root: &Path) -> Result<Vec<u8>, String> {
    let mut sets: Vec<_> = std::fs::read_dir(root.join("icons"))
        .map_err(|e| format!("icons/: {e}"))?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("LICENSE").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    sets.sort();
    let mut text = Vec::new();
    for set in sets {
        let licence = read(&root.join("icons").join(&set).join("LICENSE"))?;
        let head = format!(
            "\n--------------------------------------------------------------------------\n\
             Icons built into handout: icons/{set}/ (listed in icons/icons.toml)\n\n"
        );
        text.extend(head.into_bytes());
        text.extend(licence);
    }
    Ok(text)
}

/// What every artefact carries besides the program.
struct Docs {
    readme: Vec<u8>,
    readme_windows: Vec<u8>,
    licences: Vec<(String, Vec<u8>)>,
    third_party: Vec<u8>,
    fonts: Vec<(String, Vec<u8>)>,
}

impl Docs {
    fn read(root: &Path, third_party: Vec<u8>) -> Result<Docs, String> {
        let licences = ["LICENSE-MIT", "LICENSE-APACHE"]
            .into_iter()
            .map(|n| Ok((n.to_string(), read(&root.join(n))?)))
            .collect::<Result<_, String>>()?;
        let mut fonts = Vec::new();
        for entry in std::fs::read_dir(root.join("fonts")).map_err(|e| format!("fonts/: {e}"))? {
            let name = entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().into_owned();
            if name.starts_with("OFL-") {
                fonts.push((name.clone(), read(&root.join("fonts").join(&name))?));
            }
        }
        fonts.sort();
        Ok(Docs {
            readme: read(&root.join("README.md"))?,
            readme_windows: read(&root.join("xtask/dist/LEESMIJ.txt"))?,
            licences,
            third_party,
            fonts,
        })
    }

    /// The archive's entries under `folder`, sorted by path.
    fn entries(&self, folder: &str, program: &Path) -> Result<Vec<Entry>, String> {
        let name = program.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut entries = vec![
            Entry::program(format!("{folder}/{name}"), read(program)?),
            Entry::file(format!("{folder}/README.md"), self.readme.clone()),
            Entry::file(format!("{folder}/THIRD-PARTY-LICENSES.txt"), self.third_party.clone()),
        ];
        if name.ends_with(".exe") {
            entries.push(Entry::file(format!("{folder}/LEESMIJ.txt"), self.readme_windows.clone()));
        }
        for (n, bytes) in &self.licences {
            entries.push(Entry::file(format!("{folder}/{n}"), bytes.clone()));
        }
        for (n, bytes) in &self.fonts {
            entries.push(Entry::file(format!("{folder}/fonts/{n}"), bytes.clone()));
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(entries)
    }
}

/// `sha256sum`'s format, by file name.
fn checksums(dir: &Path) -> Result<String, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n != "SHA256SUMS")
        .collect();
    names.sort();
    let mut sums = String::new();
    for name in names {
        let digest = Sha256::digest(read(&dir.join(&name))?);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        sums.push_str(&format!("{hex}  {name}\n"));
    }
    Ok(sums)
}

/// The version Cargo.toml gives the workspace.
pub fn version(root: &Path) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let line = manifest.lines().find(|l| l.starts_with("version = \"")).ok_or("no version in Cargo.toml")?;
    Ok(line.trim_start_matches("version = \"").trim_end_matches('"').to_string())
}

/// `SOURCE_DATE_EPOCH` as given, else the time of the last commit, so
/// that a checkout of the same commit dates its files the same.
pub fn source_date_epoch(root: &Path) -> Result<i64, String> {
    if let Ok(given) = std::env::var("SOURCE_DATE_EPOCH") {
        return given.trim().parse().map_err(|_| format!("SOURCE_DATE_EPOCH={given} is not a number of seconds"));
    }
    let out = Command::new("git")
        .current_dir(root)
        .args(["log", "-1", "--format=%ct"])
        .output()
        .map_err(|e| format!("git: {e} (or set SOURCE_DATE_EPOCH)"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim().parse().map_err(|_| "no commit to date the files by: set SOURCE_DATE_EPOCH".to_string())
}

pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
