//! `cargo xtask dist-test`: the artefacts of `cargo xtask dist`, tried as
//! their users will. Each program is unpacked into a folder of its own and
//! run in another, empty one whose name has a space in it:
//!
//! - the static Linux program is static, says its version, and builds the
//!   Dutch Facebook flyer and a spreadsheet's organisations;
//! - the Windows program does the same under Wine (a stand-in for the
//!   `bcryptprimitives.dll` Wine 8 lacks is built with mingw for it), with
//!   the spreadsheet Dutch Excel writes (Windows-1252, CRLF);
//! - all of it byte-identical to the Linux program's, and to this
//!   machine's own build when there is one (`target/debug/handout`);
//! - started as Explorer starts it (`wine start`, no arguments), the
//!   Windows program serves the web page and opens it in the browser;
//! - the Debian package installs, its program runs, its unit is installed
//!   and not enabled, and removing it leaves nothing.

use crate::dist::{self, LINUX, WINDOWS, read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// "Today" for every run: before the deadline, so the dated edition.
const EPOCH: &str = "1747699200";
/// What each program builds, from the built-in project: a flyer of each
/// campaign.
const FLYER: [&str; 6] = ["--lang", "nl", "--platform", "facebook,linkedin", "--layout", "flyer-a4"];
/// The files compared, under the output folder.
const OUTPUTS: [&str; 4] = [
    "meta-ai/nl/facebook-flyer-a4.pdf",
    "linkedin-ai/nl/linkedin-flyer-a4.pdf",
    "cafe-de-kroon/meta-ai/nl/facebook-flyer-a4.pdf",
    "cafe-de-kroon/linkedin-ai/nl/linkedin-flyer-a4.pdf",
];

pub fn dist_test(root: &Path) -> Result<(), String> {
    let version = dist::version(root)?;
    let dist_dir = root.join("target/dist");
    let work = root.join("target/dist-test");
    let _ = std::fs::remove_dir_all(&work);
    let linux = unpack_linux(&dist_dir.join(format!("handout-{version}-{LINUX}.tar.gz")), &work.join("linux"))?;
    let expected_version = format!("handout {version}");
    check_static(&read(&linux)?)?;
    let said = stdout(&run_in(Command::new(&linux).arg("--version"), &work)?);
    expect(said.trim() == expected_version, format!("the Linux program says `{}`", said.trim()))?;
    let reference = outputs(&work.join("Linux run"), |dir, args| run_in(Command::new(&linux).args(args), dir), root)?;
    eprintln!("ok: the static Linux program builds the flyer and the spreadsheet's organisations");
    if let Some(own) =
        [root.join("target/debug/handout"), root.join("target/release/handout")].into_iter().find(|p| p.is_file())
    {
        let mine = outputs(&work.join("own run"), |dir, args| run_in(Command::new(&own).args(args), dir), root)?;
        expect(mine == reference, format!("{} makes other bytes than the static program", own.display()))?;
        eprintln!("ok: byte-identical to {}", own.display());
    }
    windows(root, &dist_dir, &version, &work, &reference)?;
    debian(&dist_dir, &version, &expected_version)?;
    container(root)?;
    eprintln!("dist-test: all passed");
    Ok(())
}

/// The Windows program under Wine: its version, and the same files as the
/// Linux program.
fn windows(root: &Path, dist_dir: &Path, version: &str, work: &Path, reference: &[Vec<u8>]) -> Result<(), String> {
    let exe = unpack_windows(&dist_dir.join(format!("handout-{version}-{WINDOWS}.zip")), &work.join("windows"))?;
    let dll = exe.with_file_name("bcryptprimitives.dll");
    stand_in_dll(root, &dll, &work.join("dll"))?;
    let wine = Wine::new(&work.join("wine prefix"))?;
    let said = stdout(&wine.run(&exe, &["--version"], work)?);
    expect(said.trim() == format!("handout {version}"), format!("the Windows program says `{}`", said.trim()))?;
    let mine = outputs(&work.join("Windows run"), |dir, args| wine.run(&exe, args, dir), root)?;
    expect(mine == reference, "the Windows program makes other bytes than the Linux program".into())?;
    eprintln!("ok: the Windows program (under Wine) makes the same bytes as the Linux program");
    let linux = find(&work.join("linux"), "handout")?;
    let url = wine.double_click(&exe, work, &linux)?;
    eprintln!("ok: double-clicked, the Windows program serves the web page and opens {url} in the browser");
    Ok(())
}

/// In an empty folder `dir` (its name has a space): the flyer from the
/// built-in project, then the organisations of Dutch Excel's CSV with the
/// logo next to it. The bytes of [`OUTPUTS`].
fn outputs(
    dir: &Path,
    run: impl Fn(&Path, &[&str]) -> Result<Output, String>,
    root: &Path,
) -> Result<Vec<Vec<u8>>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut args = vec!["build", "--out", "Mijn handouts"];
    args.extend(FLYER);
    run(dir, &args)?;
    let sheets = root.join("tests/fixtures/sheets");
    copy(&sheets.join("vestigingen-1252.csv"), &dir.join("vestigingen.csv"))?;
    copy(&root.join("orgs/buurthuis-de-linde.png"), &dir.join("logo.png"))?;
    args.extend(["--orgs-sheet", "vestigingen.csv"]);
    run(dir, &args)?;
    OUTPUTS.iter().map(|o| read(&dir.join("Mijn handouts").join(o))).collect()
}

/// Run with "today" fixed; a failure is the test's, with what it said.
fn run_in(cmd: &mut Command, dir: &Path) -> Result<Output, String> {
    let shown = format!("{cmd:?}");
    let out = cmd.current_dir(dir).env("SOURCE_DATE_EPOCH", EPOCH).output().map_err(|e| format!("{shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{shown} failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    Ok(out)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn expect(ok: bool, what: String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what) }
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("{} -> {}: {e}", from.display(), to.display()))
}

/// A program without an ELF interpreter (PT_INTERP) needs no C library
/// of the system's: it runs on any x86-64 Linux.
fn check_static(elf: &[u8]) -> Result<(), String> {
    let word = |at: usize, n: usize| -> Option<u64> {
        let bytes = elf.get(at..at + n)?;
        Some(bytes.iter().rev().fold(0u64, |v, b| v << 8 | u64::from(*b)))
    };
    let bad = || "the Linux program is not a 64-bit ELF file".to_string();
    expect(elf.starts_with(b"\x7fELF\x02\x01"), bad())?;
    let (phoff, phentsize, phnum) =
        (word(0x20, 8).ok_or_else(bad)?, word(0x36, 2).ok_or_else(bad)?, word(0x38, 2).ok_or_else(bad)?);
    for i in 0..phnum {
        let kind = word((phoff + i * phentsize) as usize, 4).ok_or_else(bad)?;
        expect(kind != 3, "the Linux program asks for a dynamic loader: it is not static".into())?;
    }
    Ok(())
}

fn unpack_linux(archive: &Path, into: &Path) -> Result<PathBuf, String> {
    let gz =
        flate2::read::GzDecoder::new(std::fs::File::open(archive).map_err(|e| format!("{}: {e}", archive.display()))?);
    tar::Archive::new(gz).unpack(into).map_err(|e| format!("{}: {e}", archive.display()))?;
    find(into, "handout")
}

fn unpack_windows(archive: &Path, into: &Path) -> Result<PathBuf, String> {
    let file = std::fs::File::open(archive).map_err(|e| format!("{}: {e}", archive.display()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("{}: {e}", archive.display()))?;
    zip.extract(into).map_err(|e| format!("{}: {e}", archive.display()))?;
    find(into, "handout.exe")
}

/// The one folder an archive holds, and `name` in it.
fn find(dir: &Path, name: &str) -> Result<PathBuf, String> {
    let folder = std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten().next().ok_or("the archive is empty")?;
    let path = folder.path().join(name);
    expect(path.is_file(), format!("{} is not in the archive", name))?;
    Ok(path)
}

/// The stand-in for Wine's missing bcryptprimitives.dll (xtask/dist/).
fn stand_in_dll(root: &Path, dll: &Path, tmp: &Path) -> Result<(), String> {
    std::fs::create_dir_all(tmp).map_err(|e| e.to_string())?;
    let src = root.join("xtask/dist");
    crate::tools::run(
        Command::new("x86_64-w64-mingw32-gcc")
            .args(["-shared", "-O2", "-o"])
            .arg(dll)
            .arg(src.join("bcryptprimitives.c"))
            .arg(src.join("bcryptprimitives.def"))
            .arg("-ladvapi32"),
    )
}

/// Wine with a prefix of its own, quiet, without Mono and Gecko (which
/// it would offer to download).
struct Wine {
    prefix: PathBuf,
}

impl Wine {
    fn new(prefix: &Path) -> Result<Wine, String> {
        expect(
            Command::new("wine").arg("--version").output().is_ok(),
            "wine is missing: apt-get install wine64".into(),
        )?;
        let wine = Wine { prefix: prefix.to_path_buf() };
        // Made here rather than by the first run: a prefix half made (a CI
        // run once got "could not load kernel32.dll" from its first
        // program) is made again, and a failure says what wineboot said.
        let mut said = String::new();
        for _ in 0..3 {
            let _ = std::fs::remove_dir_all(prefix);
            match wine.boot() {
                Ok(()) => return Ok(wine),
                Err(e) => said = e,
            }
        }
        Err(format!("Wine could not make its prefix {} three times:\n{said}\n{}", prefix.display(), free_space(prefix)))
    }

    /// `wineboot --init`, then wait for the server: the prefix is whole
    /// when its kernel32.dll is there.
    fn boot(&self) -> Result<(), String> {
        let out = Command::new("wine")
            .args(["wineboot", "--init"])
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env_remove("DISPLAY")
            .output()
            .map_err(|e| format!("wineboot: {e}"))?;
        let _ = Command::new("wineserver").arg("-w").env("WINEPREFIX", &self.prefix).status();
        let kernel32 = self.prefix.join("drive_c/windows/system32/kernel32.dll");
        if out.status.success() && kernel32.is_file() {
            return Ok(());
        }
        Err(format!("wineboot --init ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr)))
    }

    /// Start `exe` as Explorer does (`start`: a console of its own, no
    /// arguments) with a stand-in browser that notes the address it is
    /// asked to open; then ask that address for `/health` with the Linux
    /// program. Wine's processes are stopped whatever happens.
    fn double_click(&self, exe: &Path, work: &Path, linux: &Path) -> Result<String, String> {
        let opened = work.join("opened.txt");
        let browser = work.join("browser.sh");
        let script = format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display());
        std::fs::write(&browser, script).map_err(|e| e.to_string())?;
        std::fs::set_permissions(&browser, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .map_err(|e| e.to_string())?;
        let started = self
            .command()
            .args(["start", "/unix"])
            .arg(exe)
            .env("BROWSER", &browser)
            .current_dir(work)
            // Not piped: the server would hold the pipes open.
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        let answer = match started {
            Ok(status) if status.success() => health(&opened, linux),
            Ok(status) => Err(format!("wine start failed ({status})")),
            Err(e) => Err(format!("wine start: {e}")),
        };
        let _ = Command::new("wineserver").arg("-k").env("WINEPREFIX", &self.prefix).status();
        answer
    }

    /// `wine` in this prefix, quiet.
    fn command(&self) -> Command {
        let mut cmd = Command::new("wine");
        cmd.env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env_remove("DISPLAY");
        cmd
    }

    fn run(&self, exe: &Path, args: &[&str], dir: &Path) -> Result<Output, String> {
        run_in(self.command().arg(exe).args(args), dir)
    }
}

/// What `df -h` says of the folder holding `path`, for an error message.
fn free_space(path: &Path) -> String {
    let dir = path.parent().unwrap_or(path);
    Command::new("df")
        .arg("-h")
        .arg(dir)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_else(|e| format!("df: {e}"))
}

/// Wait (at most 60 s) for the address the program asked the browser to
/// open; it must be this computer's, and answer `handout health`.
fn health(opened: &Path, linux: &Path) -> Result<String, String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let url = loop {
        match std::fs::read_to_string(opened) {
            Ok(url) if !url.is_empty() => break url,
            _ if std::time::Instant::now() > deadline => {
                return Err("double-clicked, the Windows program opened no web page within 60 s".into());
            }
            _ => std::thread::sleep(std::time::Duration::from_millis(200)),
        }
    };
    let port = url
        .strip_prefix("http://localhost:")
        .and_then(|rest| rest.strip_suffix('/'))
        .ok_or_else(|| format!("double-clicked, the Windows program opened `{url}`, not a page on this computer"))?;
    run_in(Command::new(linux).args(["health", "--listen", &format!("127.0.0.1:{port}")]), Path::new("/"))?;
    Ok(url)
}

/// Install the package, run its program, find its unit not enabled,
/// remove it and find nothing left.
fn debian(dist_dir: &Path, version: &str, expected_version: &str) -> Result<(), String> {
    let deb = dist_dir.join(format!("handout_{version}_amd64.deb"));
    let installed = Command::new("dpkg").args(["-s", "handout"]).output().map_err(|e| format!("dpkg: {e}"))?;
    expect(
        !installed.status.success(),
        "a package handout is installed here already: dist-test would remove it; remove it first".into(),
    )?;
    let sudo = |args: &[&str]| -> Result<Output, String> {
        let root = Command::new("id").arg("-u").output().map(|o| stdout(&o).trim() == "0").unwrap_or(false);
        let mut cmd = if root { Command::new(args[0]) } else { Command::new("sudo") };
        if !root {
            cmd.arg(args[0]);
        }
        run_in(cmd.args(&args[1..]), Path::new("/"))
    };
    sudo(&["dpkg", "-i", deb.to_str().ok_or("path")?])?;
    let unit = Path::new("/usr/lib/systemd/system/handout.service");
    let said = stdout(&run_in(Command::new("/usr/bin/handout").arg("--version"), Path::new("/"))?);
    let unit_installed = unit.is_file();
    let enabled = Path::new("/etc/systemd/system/multi-user.target.wants/handout.service").exists();
    let removed = sudo(&["dpkg", "-r", "handout"]);
    expect(said.trim() == expected_version, format!("the installed program says `{}`", said.trim()))?;
    expect(unit_installed, format!("{} was not installed", unit.display()))?;
    expect(!enabled, "the package enabled its service".into())?;
    removed?;
    expect(
        !Path::new("/usr/bin/handout").exists() && !unit.exists() && !Path::new("/usr/share/doc/handout").exists(),
        "dpkg -r left files behind".into(),
    )?;
    eprintln!("ok: the Debian package installs, runs ({}), leaves its service off and removes cleanly", said.trim());
    Ok(())
}

/// The container image builds from the Containerfile (when podman is
/// here; running containers is not possible on these machines, so only
/// its settings are checked): the static program, a user that is not
/// root, the server on 0.0.0.0:8080, the health check.
fn container(root: &Path) -> Result<(), String> {
    if Command::new("podman").arg("--version").output().is_err() {
        eprintln!("skipped: no podman here, the Containerfile was not built");
        return Ok(());
    }
    const TAG: &str = "localhost/handout-dist-test:latest";
    let built = run_in(Command::new("podman").args(["build", "--quiet", "--format", "docker", "-t", TAG, "."]), root);
    let format = "{{.Config.User}}|{{json .Config.Entrypoint}}|{{json .Config.Healthcheck.Test}}";
    let inspected =
        built.and_then(|_| run_in(Command::new("podman").args(["image", "inspect", "--format", format, TAG]), root));
    let _ = Command::new("podman").args(["rmi", "--force", TAG]).output();
    let said = stdout(&inspected?);
    let expected = r#"65532:65532|["/handout","serve","--listen","0.0.0.0:8080"]|["CMD","/handout","health","--listen","127.0.0.1:8080"]"#;
    expect(said.trim() == expected, format!("the image says `{}`, not `{expected}`", said.trim()))?;
    eprintln!(
        "ok: the container image builds (not root, serves on 0.0.0.0:8080, health check); not run: this machine refuses to"
    );
    Ok(())
}
