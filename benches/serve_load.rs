//! Load on `handout serve` (release build), bounded and on 127.0.0.1
//! only: 50 clients at once send 500 requests for a flyer with an
//! organisation and a logo, in Dutch and English, for both platforms.
//! Prints the latency (p50, p95, max), the rate and the server's peak
//! memory. `cargo bench --bench serve_load`.

#[path = "../tests/common/http.rs"]
mod http;

use http::{Multipart, Server};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: usize = 50;
const REQUESTS: usize = 500;

fn main() {
    let dir = std::env::temp_dir().join(format!("handout-serve-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let server = Arc::new(Server::start(&dir, "1747699200"));
    let logo = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/orgs/buurthuis-de-linde.png")).unwrap();
    let next = Arc::new(AtomicUsize::new(0));
    let times = Arc::new(Mutex::new(Vec::with_capacity(REQUESTS)));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let start = Instant::now();
    let workers: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (server, next, times, failures, logo) =
                (server.clone(), next.clone(), times.clone(), failures.clone(), logo.clone());
            std::thread::spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= REQUESTS {
                        break;
                    }
                    let form = flyer_form(i, &logo);
                    let t = Instant::now();
                    let r = server.post("/pdf", &form, "*/*");
                    let took = t.elapsed();
                    if r.status != 200 || !r.body.starts_with(b"%PDF") {
                        failures.lock().unwrap().push(format!("{i}: {} {}", r.status, r.text()));
                    }
                    times.lock().unwrap().push(took);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let wall = start.elapsed();
    let peak = peak_memory(server.pid());
    let mut times = times.lock().unwrap().clone();
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    let failures = failures.lock().unwrap();
    println!(
        "{REQUESTS} PDF requests from {CLIENTS} clients in {:.2} s ({:.0}/s): p50 {}, p95 {}, max {}; {} failed; server peak memory {}",
        wall.as_secs_f64(),
        REQUESTS as f64 / wall.as_secs_f64(),
        ms(pct(0.50)),
        ms(pct(0.95)),
        ms(*times.last().unwrap()),
        failures.len(),
        peak,
    );
    for f in failures.iter().take(5) {
        println!("  {f}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "requests failed under load");
}

/// The `i`-th request's form: a flyer of each campaign and platform in
/// turn, in Dutch or English, for a library of its own with a PNG logo.
fn flyer_form(i: usize, logo: &[u8]) -> Multipart {
    let (campaign, platform) =
        [("meta-ai", "facebook"), ("meta-ai", "instagram"), ("linkedin-ai", "linkedin")][(i / 2) % 3];
    Multipart::new()
        .text("campaign", campaign)
        .text("lang", ["nl", "en"][i % 2])
        .text("platform", platform)
        .text("layout", "flyer-a4")
        .text("org_name", &format!("Bibliotheek Vestiging {i}"))
        .text("org_help", "Hulp nodig? Kom naar de balie, dinsdag van 10 tot 12 uur.")
        .file("org_logo", "logo.png", logo)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// The process's peak resident memory (VmHWM), from /proc on Linux.
fn peak_memory(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l[6..].trim().to_string()))
        .unwrap_or_else(|| "unknown".into())
}
