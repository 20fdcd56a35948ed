//! Any bytes as a logo, named as SVG, PNG or JPEG (the first byte
//! chooses): reading it answers with a logo or a refusal, never a panic,
//! and never takes long (libFuzzer's -timeout catches a logo that does).
//! A logo that is read is placed on the real organisation flyer, composed
//! and rendered: that must not panic either.
#![no_main]

use handout_core::{Caches, Date, Embedded, InTurn, Org, Plan, PlanOptions, Problems, Project, Selection, Source, check_org, parse_org};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

struct Real {
    project: Project,
    opts: PlanOptions,
    caches: Caches,
    org: Org,
}

fn real() -> &'static Real {
    static REAL: OnceLock<Real> = OnceLock::new();
    REAL.get_or_init(|| {
        let mut problems = Problems::new();
        let selection = Selection::one(Some("meta-ai"), Some("nl"), Some("facebook"), Some("flyer-a4"));
        let project = handout_core::load_project(Arc::new(Embedded), &selection, &mut problems);
        let opts = PlanOptions { selection, ..PlanOptions::new(Date { year: 2025, month: 5, day: 20 }) };
        let source = Source::new("orgs/bieb.toml", "name = \"Bieb\"\n[help]\nnl = \"Hulp? Balie.\"\n");
        let input = parse_org("bieb", &source, &mut problems).expect("the example parses");
        let org = check_org(input, &mut |_| Ok(Vec::new()), &mut problems).expect("the example is fine");
        Real { project, opts, caches: Caches::new(), org }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((kind, bytes)) = data.split_first() else { return };
    let name = ["logo.svg", "logo.png", "logo.jpg"][usize::from(*kind % 3)];
    let Ok(logo) = handout_core::read_logo(name, bytes) else { return };
    let real = real();
    let org = Org { logo: Some(Arc::new(logo)), ..real.org.clone() };
    let mut problems = Problems::new();
    let plan = Plan::new(&real.project, &real.opts, &mut real.project.font_store(), &mut problems);
    let jobs = plan.jobs(Some(&org));
    let _ = plan.build_jobs(&jobs, &real.caches, &InTurn, &mut problems);
});
