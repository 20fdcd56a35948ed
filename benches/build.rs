//! `cargo bench`: one flyer end to end in-process (load, compose, render),
//! one sheet of pocket cards, one lobby-screen image (compose, paint, PNG)
//! and the default build of every document. The files are made but not
//! written: disks differ more than code does.

use criterion::{Criterion, criterion_group, criterion_main};
use handout::make::{self, Options};
use handout_core::Date;
use std::path::PathBuf;

fn options() -> Options {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join("handout-bench");
    // Before the deadline: the dated edition, as printed for the campaign.
    let today = Date { year: 2025, month: 5, day: 20 };
    Options { write: false, ..Options::new(std::sync::Arc::new(handout::disk::Disk(root.clone())), root, out, today) }
}

fn one(lang: &str, platform: &str, layout: &str) -> Options {
    let mut opts = options();
    opts.plan.selection = handout_core::Selection::one(Some("meta-ai"), Some(lang), Some(platform), Some(layout));
    opts
}

fn run(opts: &Options, expect: usize) {
    let outcome = make::run(opts);
    assert!(!outcome.failed() && outcome.documents.len() == expect);
}

fn benches(c: &mut Criterion) {
    let flyer = one("nl", "facebook", "flyer-a4");
    c.bench_function("one flyer (nl, facebook, flyer-a4)", |b| b.iter(|| run(&flyer, 1)));
    let cards = one("nl", "facebook", "pocket-cards");
    c.bench_function("one card sheet (nl, facebook, pocket-cards)", |b| b.iter(|| run(&cards, 1)));
    let screen = one("nl", "facebook", "screen-16x9");
    c.bench_function("one lobby-screen image (nl, facebook, screen-16x9)", |b| b.iter(|| run(&screen, 1)));
    let all = options();
    let n = make::run(&all).documents.len();
    c.bench_function(&format!("default build ({n} documents)"), |b| b.iter(|| run(&all, n)));
}

criterion_group! {
    name = build;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(build);
