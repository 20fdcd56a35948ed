//! `cargo bench --bench documents`: what each document costs once a run is
//! under way, as in a batch: the project loaded and the fonts read once,
//! the caches warm, one document composed and written to bytes on one
//! thread (nothing written to disk). Every layout, in Dutch for Facebook,
//! anonymous and for an organisation with a PNG logo; and for the flyer
//! and the card sheet the page model alone, so that the difference is
//! what writing the PDF costs.

use criterion::{Criterion, criterion_group, criterion_main};
use handout::orgs::{OrgChoice, load_orgs};
use handout_core::{Caches, Date, InTurn, Make, Plan, PlanOptions, Problems, Selection};
use std::path::Path;
use std::sync::Arc;

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Problems::new();
    let selection = Selection::one(Some("meta-ai"), Some("nl"), Some("facebook"), None);
    let files = Arc::new(handout::disk::Disk(root.to_path_buf()));
    let project = handout_core::load_project(files, &selection, &mut problems);
    let today = Date { year: 2025, month: 5, day: 20 };
    let opts = PlanOptions { selection, ..PlanOptions::new(today) };
    let plan = Plan::new(&project, &opts, &mut project.font_store(), &mut problems);
    let model_only = PlanOptions { make: Make::Model, ..opts.clone() };
    let composed = Plan::new(&project, &model_only, &mut project.font_store(), &mut problems);
    let orgs = load_orgs(root, &OrgChoice::Ids(vec!["buurthuis-de-linde".into()]), &mut problems);
    let org = orgs[0].org.as_ref().expect("the example organisation loads");
    assert!(!problems.has_errors(), "{problems:?}");
    let caches = Caches::new();
    let mut group = c.benchmark_group("each document, caches warm");
    group.sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    for (who, jobs) in [("anonymous", plan.jobs(None)), ("PNG logo", plan.jobs(Some(org)))] {
        for job in &jobs {
            let name = format!("{} ({who})", job.handout.layout.id);
            group.bench_function(name, |b| {
                b.iter(|| plan.build(job, &caches, &InTurn, &mut Problems::new()).expect("the document builds"))
            });
        }
    }
    for job in
        composed.jobs(None).iter().filter(|j| ["flyer-a4", "pocket-cards"].contains(&j.handout.layout.id.as_str()))
    {
        let name = format!("{} (anonymous, page model only)", job.handout.layout.id);
        group.bench_function(name, |b| {
            b.iter(|| composed.build(job, &caches, &InTurn, &mut Problems::new()).expect("the document builds"))
        });
    }
    group.finish();
}

criterion_group!(documents, benches);
criterion_main!(documents);
