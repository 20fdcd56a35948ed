//! `cargo bench --bench batch`: a regional network's run, 1,000
//! organisations from a spreadsheet, each with a logo (half SVG, half PNG),
//! 2 platforms x (A4 flyer + pocket cards) in Dutch: 4,000 documents,
//! written to a temporary folder. Prints documents a second and the peak
//! memory of the process. Not a test: it takes seconds.
//!
//! Memory at any size: `HANDOUT_BENCH_ORGS=20000 HANDOUT_BENCH_ONE=1 cargo
//! bench --bench batch` builds one A4 flyer (Facebook) per row, for that
//! many rows (200,000: about seven minutes, 9 GB of PDFs written to the
//! temporary folder, which TMPDIR can move).

use handout::make::{Options, batch};
use handout::orgs::OrgChoice;
use handout_core::Date;
use std::path::Path;

/// How many organisations (rows), and whether each gets one flyer only.
fn size() -> (usize, bool) {
    let orgs = std::env::var("HANDOUT_BENCH_ORGS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    (orgs, std::env::var_os("HANDOUT_BENCH_ONE").is_some())
}

fn copy(from: &Path, to: &Path, skip: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if skip.contains(&name.as_str()) {
            continue;
        }
        if p.is_dir() {
            copy(&p, &to.join(&name), skip)
        } else {
            std::fs::copy(&p, to.join(&name)).map(|_| ()).unwrap()
        }
    }
}

/// The peak resident memory of this process, from the kernel.
fn peak_memory_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// `orgs/branches.csv` of `orgs` rows, each naming one of two logos (an
/// SVG and a PNG, copied next to it).
fn write_sheet(root: &Path, project: &Path, orgs: usize) {
    std::fs::copy(root.join("orgs/buurthuis-de-linde.png"), project.join("orgs/p.png")).unwrap();
    std::fs::copy(root.join("orgs/bibliotheek-voorbeeldstad.svg"), project.join("orgs/s.svg")).unwrap();
    let mut csv = String::from("id;name;help_nl;website;logo\n");
    for i in 1..=orgs {
        let logo = if i % 2 == 0 { "p.png" } else { "s.svg" };
        // Short rows past 100,000: a spreadsheet is read up to 10 MB.
        csv.push_str(&match orgs > 100_000 {
            true => format!("v-{i:06};Tak {i};Balie {i};;{logo}\n"),
            false => format!(
                "v-{i:06};Bibliotheek Vestiging {i};Hulp nodig? Kom naar de balie van vestiging {i}: dinsdag 10-12 uur.;www.v{i}.nl;{logo}\n"
            ),
        });
    }
    std::fs::write(project.join("orgs/branches.csv"), csv).unwrap();
}

/// The program's allocator, as `handout` has it (src/alloc.rs).
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    handout::alloc::tune();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    // Flyer and pocket cards, the set most branches print: the other
    // layouts are left out, so the figure stays comparable over time.
    let others = [
        "pocket-card-print.toml",
        "flyer-a4-large.toml",
        "flyer-a5.toml",
        "poster-a3.toml",
        "screen-16x9.toml",
        "social-4x5.toml",
    ];
    for folder in ["campaigns", "layouts", "icons", "fonts", "orgs"] {
        copy(&root.join(folder), &project.join(folder), &others);
    }
    let (orgs, one) = size();
    write_sheet(root, &project, orgs);
    let today = Date { year: 2025, month: 5, day: 20 };
    let all = Options::new(
        std::sync::Arc::new(handout::disk::Disk(project.clone())),
        project.clone(),
        dir.path().join("out"),
        today,
    );
    let mut opts = Options { orgs: OrgChoice::Sheet(project.join("orgs/branches.csv")), ..all };
    opts.plan.selection = match one {
        true => handout_core::Selection::one(Some("meta-ai"), Some("nl"), Some("facebook"), Some("flyer-a4")),
        false => handout_core::Selection::one(Some("meta-ai"), Some("nl"), None, None),
    };
    let per_org = if one { 1 } else { 4 };
    let outcome = batch::run(&opts, &batch::Quiet, &handout::stop::Stop::default());
    assert!(
        outcome.ok() && outcome.documents == orgs * per_org,
        "{} documents, {} failed",
        outcome.documents,
        outcome.failed
    );
    println!(
        "batch: {} documents for {} organisations in {:.2} s: {:.0} documents/s; peak memory {:.0} MB",
        outcome.documents,
        outcome.built,
        outcome.seconds,
        outcome.documents as f64 / outcome.seconds,
        peak_memory_mb()
    );
}
