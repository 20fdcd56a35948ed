//! The Debian package: the static Linux program as /usr/bin/handout, a
//! systemd unit for `handout serve` on 127.0.0.1:8080 (installed, not
//! enabled: `systemctl enable --now handout` starts it), the copyright
//! file and the licences. Built with dpkg-deb, which dates every file
//! `SOURCE_DATE_EPOCH` and orders them by name.

use crate::tools::run;
use std::path::Path;
use std::process::Command;

/// What goes into the package besides the program.
pub struct Docs<'a> {
    pub readme: &'a [u8],
    /// LICENSE-MIT and LICENSE-APACHE.
    pub licences: &'a [(String, Vec<u8>)],
    pub third_party: &'a [u8],
    pub fonts: &'a [(String, Vec<u8>)],
}

const UNIT: &str = "\
[Unit]
Description=handout: the web page that makes the handouts, at http://localhost:8080/
Documentation=file:///usr/share/doc/handout/README.md
After=network.target

[Service]
# The folder / holds no campaigns/ and layouts/: the project built into handout.
WorkingDirectory=/
ExecStart=/usr/bin/handout serve --listen 127.0.0.1:8080
# It stores nothing: no user of its own, no files, no privileges.
DynamicUser=yes
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
RestrictAddressFamilies=AF_INET AF_INET6
MemoryMax=2G
Restart=on-failure

[Install]
WantedBy=multi-user.target
";

/// Write `handout_<version>_amd64.deb` into `out`, staging in `stage`.
pub fn build(stage: &Path, out: &Path, version: &str, program: &[u8], docs: &Docs, epoch: i64) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(stage);
    let doc = "usr/share/doc/handout";
    let mut files: Vec<(String, &[u8], u32)> = vec![
        ("usr/bin/handout".into(), program, 0o755),
        ("usr/lib/systemd/system/handout.service".into(), UNIT.as_bytes(), 0o644),
        (format!("{doc}/README.md"), docs.readme, 0o644),
        (format!("{doc}/THIRD-PARTY-LICENSES.txt"), docs.third_party, 0o644),
    ];
    let copyright = copyright(docs.fonts);
    files.push((format!("{doc}/copyright"), copyright.as_bytes(), 0o644));
    for (name, text) in docs.licences {
        files.push((format!("{doc}/{name}"), text, 0o644));
    }
    for (name, text) in docs.fonts {
        files.push((format!("{doc}/fonts/{name}"), text, 0o644));
    }
    let installed_kb = files.iter().map(|(_, b, _)| b.len().div_ceil(1024)).sum::<usize>();
    let control = control(version, installed_kb);
    files.push(("DEBIAN/control".into(), control.as_bytes(), 0o644));
    for (path, bytes, mode) in &files {
        write(&stage.join(path), bytes, *mode)?;
    }
    let deb = out.join(format!("handout_{version}_amd64.deb"));
    run(Command::new("dpkg-deb")
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .args(["--root-owner-group", "-Zxz", "--build"])
        .arg(stage)
        .arg(&deb))
}

/// The maintainer is whoever builds the package, as Debian's tools take
/// it (`DEBFULLNAME`, `DEBEMAIL`); without them, an address that is
/// plainly none (`.invalid`).
fn control(version: &str, installed_kb: usize) -> String {
    let name = std::env::var("DEBFULLNAME").unwrap_or_else(|_| "The handout developers".into());
    let email = std::env::var("DEBEMAIL").unwrap_or_else(|_| "handout@maintainers.invalid".into());
    format!(
        "Package: handout\n\
         Version: {version}\n\
         Architecture: amd64\n\
         Maintainer: {name} <{email}>\n\
         Installed-Size: {installed_kb}\n\
         Section: utils\n\
         Priority: optional\n\
         Description: print-ready handouts that help people object to Meta's AI training\n \
         handout turns TOML content and layouts into print-ready PDF handouts\n \
         (A4 flyers, pocket cards, posters, leaflets, large print, screen and\n \
         social images) with a QR code to Meta's objection form, for libraries\n \
         and community centres. `handout serve` is a web page on this computer\n \
         that makes them; the systemd unit handout.service runs it (not enabled).\n"
    )
}

/// debian/copyright in the machine-readable format: handout's own
/// licence, the fonts', and where the crates' are.
fn copyright(fonts: &[(String, Vec<u8>)]) -> String {
    let font_files: Vec<&str> = fonts.iter().map(|(n, _)| n.as_str()).collect();
    format!(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\
         Upstream-Name: handout\n\
         \n\
         Files: *\n\
         Copyright: The handout developers\n\
         License: MIT or Apache-2.0\n \
         See /usr/share/doc/handout/LICENSE-MIT and LICENSE-APACHE.\n\
         \n\
         Files: usr/bin/handout\n\
         Copyright: The handout developers, and the authors of the Rust crates\n \
         linked into it, listed with their licences in THIRD-PARTY-LICENSES.txt\n\
         License: MIT or Apache-2.0, and the crates' licences\n \
         See /usr/share/doc/handout/THIRD-PARTY-LICENSES.txt.\n\
         \n\
         Files: built into usr/bin/handout: Atkinson Hyperlegible, Noto Sans\n\
         Copyright: Braille Institute of America (Atkinson Hyperlegible);\n \
         Google LLC (Noto Sans)\n\
         License: OFL-1.1\n \
         See /usr/share/doc/handout/fonts/ ({}).\n\
         \n\
         Files: built into usr/bin/handout: Tabler Icons\n\
         Copyright: Paweł Kuna\n\
         License: MIT\n \
         See /usr/share/doc/handout/THIRD-PARTY-LICENSES.txt (its end).\n",
        font_files.join(", ")
    )
}

#[cfg(not(unix))]
fn write(_: &Path, _: &[u8], _: u32) -> Result<(), String> {
    Err("the Debian package is built on Linux (file modes)".into())
}

#[cfg(unix)]
fn write(path: &Path, bytes: &[u8], mode: u32) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|e| e.to_string())
}
