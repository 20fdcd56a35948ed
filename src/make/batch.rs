//! Batch: the sets of many organisations in one run. Each organisation is
//! built on its own: one that fails (a broken logo, a help text too long)
//! is listed at the end, and does not stop the others. An organisation's
//! documents are written as soon as all of them built, so memory holds a
//! few documents at a time, however many organisations there are.

use super::tally::Done;
pub use super::tally::{BatchOutcome, named};
use super::{Options, Placed};
use crate::cores::OnEveryCore;
use crate::orgs::{LoadedOrg, OrgStream};
use crate::stop::Stop;
use handout_core::{Caches, Plan};
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// What happens as a batch goes: for a progress bar, or a log.
pub trait Progress: Sync {
    /// The batch will build this many documents.
    fn start(&self, documents: usize);
    /// A document was written.
    fn written(&self, path: &Path, bytes: usize, pages: usize);
    /// An organisation failed: its documents are not written.
    fn failed(&self, org: &str, documents: usize);
}

/// A progress that says nothing (tests).
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn written(&self, _: &Path, _: usize, _: usize) {}
    fn failed(&self, _: &str, _: usize) {}
}

/// What every organisation's build shares.
struct Shared<'a> {
    plan: Plan<'a>,
    opts: &'a Options,
    caches: Caches,
    progress: &'a dyn Progress,
}

/// How many organisations are read, checked and built at once: enough
/// to keep every core busy, few enough that memory holds only their
/// documents, however many rows the spreadsheet has.
const PART: usize = 64;

/// Build the set of every organisation `opts.orgs` names, a part at a
/// time; when `stop` is asked, the organisations begun are finished and no
/// other is begun.
pub fn run(opts: &Options, progress: &dyn Progress, stop: &Stop) -> BatchOutcome {
    let start = Instant::now();
    let mut out = BatchOutcome::default();
    let project = handout_core::load_project(Arc::clone(&opts.files), &opts.plan.selection, &mut out.problems);
    let mut orgs = OrgStream::open(&opts.root, &opts.orgs, &mut out.problems);
    let plan = Plan::new(&project, &opts.plan, &mut project.font_store(), &mut out.problems);
    opts.plan.judge(&mut out.problems);
    if out.problems.has_errors() {
        return out;
    }
    let per_org = plan.jobs(None).len();
    progress.start(orgs.len() * per_org);
    let shared = Shared { plan, opts, caches: Caches::new(), progress };
    let langs: Vec<&str> = {
        let set: std::collections::BTreeSet<&str> = shared.plan.languages().map(|c| c.id.as_str()).collect();
        set.into_iter().collect()
    };
    loop {
        let part = orgs.next_part(PART);
        if part.is_empty() {
            break;
        }
        let results: Vec<Done> =
            part.par_iter().map(|o| if stop.asked() { Done::NotBegun } else { build_org(&shared, o) }).collect();
        for (o, done) in part.into_iter().zip(results) {
            out.record(o, done, &langs);
        }
        if stop.asked() {
            // The rest are not begun, nor read.
            out.not_begun = orgs.len().saturating_sub(out.built + out.failed);
            break;
        }
    }
    out.finish();
    out.seconds = start.elapsed().as_secs_f64();
    out
}

/// One organisation's documents, all or none.
fn build_org(shared: &Shared, loaded: &LoadedOrg) -> Done {
    let (plan, opts) = (&shared.plan, shared.opts);
    let mut problems = loaded.problems.clone();
    let Some(org) = &loaded.org else {
        shared.progress.failed(&loaded.id, plan.jobs(None).len());
        return Done::Failed(problems);
    };
    let jobs = plan.jobs(Some(org));
    let built = plan.build_jobs(&jobs, &shared.caches, &OnEveryCore, &mut problems);
    opts.plan.judge(&mut problems);
    if problems.has_errors() {
        shared.progress.failed(&org.id, jobs.len());
        return Done::Failed(problems);
    }
    let mut written = 0;
    for o in built.into_iter().map(|b| Placed::new(b, &opts.out)) {
        if opts.write
            && let Err(p) = o.write()
        {
            problems.push(p);
            continue;
        }
        shared.progress.written(&o.main, o.built.size(), o.built.doc.pages.len());
        written += 1;
    }
    if problems.has_errors() { Done::Failed(problems) } else { Done::Built(written, problems) }
}
