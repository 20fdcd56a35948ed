//! `cargo xtask site`: the browser edition as static files. The page is
//! the one `handout serve` shows (handout-web renders both), with the
//! browser edition's script; the documents are made by handout-wasm in a
//! Web Worker. Nothing else is needed to run it: no server code, no CDN,
//! no address outside the site.

use crate::tools::run;
use handout_core::{Date, Embedded};
use handout_web::page::{self, Page, Site};
use handout_web::studio::Studio;
use handout_web::words::Ui;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

/// The site's files besides the pages and the WebAssembly, from
/// crates/handout-wasm/site/.
const SCRIPTS: [&str; 2] = ["site.js", "worker.js"];

/// How the WebAssembly is compiled.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Profile {
    /// As the site is shipped: whole-program optimisation, about a third
    /// smaller to download (Cargo's `wasm` profile), and slow to build.
    Shipped,
    /// The same code compiled in a few minutes less (`wasm-quick`): what a
    /// first `cargo test` builds for its browser test.
    Quick,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Shipped => "wasm",
            Profile::Quick => "wasm-quick",
        }
    }
}

pub fn site(root: &Path, out: &Path, profile: Profile) -> Result<(), String> {
    let wasm = build_wasm(root, profile)?;
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    bindgen(&wasm, out)?;
    write_pages(out)?;
    copy_assets(root, out)?;
    write_service_worker(root, out)?;
    report(out)
}

/// The WebAssembly, built for the browser.
fn build_wasm(root: &Path, profile: Profile) -> Result<PathBuf, String> {
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(Command::new(cargo).current_dir(root).args([
        "build",
        "--locked",
        "--profile",
        profile.name(),
        "-p",
        "handout-wasm",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    Ok(root.join("target/wasm32-unknown-unknown").join(profile.name()).join("handout_wasm.wasm"))
}

/// The JavaScript glue and the WebAssembly it loads, for `import` from a
/// module script (`--target web`), as the wasm-bindgen command line makes
/// them.
fn bindgen(wasm: &Path, out: &Path) -> Result<(), String> {
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    let web = b.input_path(wasm).web(true).map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    web.typescript(false).generate(out).map_err(|e| format!("wasm-bindgen: {e:#}"))
}

/// index.html (Dutch) and en.html (English), which ask for the campaign,
/// each campaign's form (`<campaign>.nl.html`, `<campaign>.en.html`) and
/// the editor of a handout of one's own (`own_handout.nl.html`, `.en.html`).
fn write_pages(out: &Path) -> Result<(), String> {
    let studio = Studio::open(Arc::new(Embedded)).map_err(|_| "the built-in project does not load".to_string())?;
    // The page is read on any day: its script says which edition today
    // calls for and whether each deadline has passed; written as on a fixed
    // day, it is the same every build.
    let today = Date { year: 2000, month: 1, day: 1 };
    let campaigns = studio.catalogue.campaigns.iter().map(|c| Some(c.id.as_str()));
    for campaign in std::iter::once(None).chain(campaigns) {
        for ui in [Ui::Nl, Ui::En] {
            let p = Page {
                site: Site::Static,
                ui,
                campaign,
                own: false,
                form: None,
                complaints: Vec::new(),
                preview: None,
                today,
            };
            write(&out.join(Site::file_name(ui, campaign)), page::render(&p, &studio.catalogue).as_bytes())?;
        }
    }
    for ui in [Ui::Nl, Ui::En] {
        let p = Page {
            site: Site::Static,
            ui,
            campaign: None,
            own: true,
            form: None,
            complaints: Vec::new(),
            preview: None,
            today,
        };
        write(&out.join(Site::own_file_name(ui)), page::render(&p, &studio.catalogue).as_bytes())?;
    }
    Ok(())
}

fn copy_assets(root: &Path, out: &Path) -> Result<(), String> {
    write(&out.join("style.css"), handout_web::STYLE_CSS.as_bytes())?;
    write(&out.join("preview.js"), handout_web::PREVIEW_JS.as_bytes())?;
    for name in SCRIPTS {
        let from = root.join("crates/handout-wasm/site").join(name);
        let bytes = std::fs::read(&from).map_err(|e| format!("{}: {e}", from.display()))?;
        write(&out.join(name), &bytes)?;
    }
    for (file, as_name) in [
        ("AtkinsonHyperlegible-Regular.ttf", "atkinson-regular.ttf"),
        ("AtkinsonHyperlegible-Bold.ttf", "atkinson-bold.ttf"),
    ] {
        write(&out.join(as_name), Embedded::font(file).ok_or("a built-in font is missing")?)?;
    }
    write(&out.join("LICENSE-icons.txt"), &crate::dist::icon_licences(root)?)?;
    let licence = root.join("fonts/OFL-AtkinsonHyperlegible.txt");
    write(&out.join("OFL-AtkinsonHyperlegible.txt"), &std::fs::read(&licence).map_err(|e| e.to_string())?)
}

/// sw.js with every file of the site to keep, and a version from their
/// contents (a new site replaces the kept one).
fn write_service_worker(root: &Path, out: &Path) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    let mut crc = flate2::Crc::new();
    for n in &names {
        crc.update(n.as_bytes());
        crc.update(&std::fs::read(out.join(n)).map_err(|e| e.to_string())?);
    }
    let mut list: Vec<String> = vec!["\"./\"".into()];
    list.extend(names.iter().map(|n| format!("\"{n}\"")));
    let sw = std::fs::read_to_string(root.join("crates/handout-wasm/site/sw.js")).map_err(|e| e.to_string())?;
    let sw =
        sw.replace("VERSION", &format!("{:08x}", crc.sum())).replace("FILE_LIST", &format!("[{}]", list.join(", ")));
    write(&out.join("sw.js"), sw.as_bytes())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The sizes that matter: the WebAssembly as sent, and gzipped.
fn report(out: &Path) -> Result<(), String> {
    let wasm = std::fs::read(out.join("handout_wasm_bg.wasm")).map_err(|e| e.to_string())?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&wasm).map_err(|e| e.to_string())?;
    let gz = gz.finish().map_err(|e| e.to_string())?;
    let mb = |n: usize| n as f64 / 1_048_576.0;
    eprintln!(
        "wrote {} (handout_wasm_bg.wasm {:.2} MB, {:.2} MB gzipped)",
        out.display(),
        mb(wasm.len()),
        mb(gz.len())
    );
    Ok(())
}
