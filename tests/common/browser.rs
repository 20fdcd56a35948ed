//! Headless Chromium over WebDriver (chromedriver), for the tests that
//! use the web page as a person does. Needs Debian's `chromium` and
//! `chromium-driver` (`.ci/run` installs them); without them a test says
//! SKIPPED and passes: it cannot test what is not there.
#![allow(dead_code)]

use fantoccini::{Client, ClientBuilder};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The browser and its driver, if installed; if not, the test says it
/// is skipped.
pub fn installed() -> Option<(PathBuf, PathBuf)> {
    let find = |names: &[&str]| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path).flat_map(|d| names.iter().map(move |n| d.join(n))).find(|p| p.is_file())
    };
    let found = find(&["chromium", "chromium-browser", "google-chrome"]).zip(find(&["chromedriver"]));
    if found.is_none() {
        eprintln!("SKIPPED: no chromium and chromedriver on PATH (apt-get install chromium chromium-driver)");
    }
    found
}

/// chromedriver, stopped when dropped.
pub struct Driver(Child, pub u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn start_driver(driver: &Path) -> Driver {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "chromedriver does not listen");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver(child, port)
}

/// A browser session, `width` CSS pixels wide, downloading into `downloads`.
/// A window is never less than about 500 pixels wide: narrower is a
/// screen of that width, as a phone's (Chromium's device emulation).
pub async fn session(chromium: &Path, driver: &Driver, downloads: &Path, width: u32, lang: &str) -> Client {
    let mut caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     format!("--window-size={width},1500"), format!("--lang={lang}"),
                     "--disable-background-networking", "--disable-component-update", "--no-first-run"],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            }
        }
    });
    if width < 500 {
        caps["goog:chromeOptions"]["mobileEmulation"] =
            serde_json::json!({ "deviceMetrics": { "width": width, "height": 900, "pixelRatio": 1.0 } });
    }
    let caps = caps.as_object().unwrap().clone().into_iter().collect();
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.1))
        .await
        .expect("a WebDriver session")
}

/// Wait until `dir` holds a finished download other than `seen`; its path.
pub fn downloaded(dir: &Path, seen: &[PathBuf]) -> PathBuf {
    let start = Instant::now();
    loop {
        let files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        let done = |e: &std::ffi::OsStr| e == "pdf" || e == "zip" || e == "toml";
        let new = files.iter().find(|p| p.extension().is_some_and(done) && !seen.contains(p));
        if let Some(f) = new {
            return f.clone();
        }
        assert!(start.elapsed() < Duration::from_secs(30), "nothing was downloaded: {files:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// axe-core's script (npm `axe-core`, which `.ci/run` installs into
/// target/axe), if installed.
pub fn axe_script() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(path).ok()
}

/// axe-core's serious and critical violations on the page as it is now.
pub async fn axe_violations(client: &Client, axe: &str) -> Vec<String> {
    client.execute(axe, vec![]).await.expect("axe-core loads");
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(JSON.stringify(r.violations)));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    let violations: Vec<serde_json::Value> = serde_json::from_str(result.as_str().unwrap_or("[]")).unwrap();
    violations
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .map(|v| format!("{} ({}): {}", v["id"], v["impact"], v["help"]))
        .collect()
}

/// Elements that reach past the right edge of the window (horizontal
/// scrolling), at its current width.
pub async fn wider_than_the_window(client: &Client) -> Vec<String> {
    let js = "const w = document.documentElement.clientWidth; const out = []; \
              if (document.documentElement.scrollWidth > w + 1) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + w); \
              for (const el of document.body.querySelectorAll('*')) { const r = el.getBoundingClientRect(); \
                if (r.width > 0 && r.right > w + 1) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' reaches ' + Math.round(r.right) + ' of ' + w); } \
              return out;";
    let v = client.execute(js, vec![]).await.unwrap();
    serde_json::from_value(v).unwrap()
}
