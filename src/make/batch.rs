//! Batch: the sets of many organisations in one run. Each organisation is
//! built on its own: one that fails (a broken logo, a help text too long)
//! is listed at the end, and does not stop the others. An organisation's
//! documents are written (under temporary names) as soon as all of them
//! built, so memory holds a few documents at a time, however many
//! organisations there are; a part's files are made durable together and
//! only then get their names (src/atomic.rs).

use super::tally::Done;
pub use super::tally::{BatchOutcome, named};
use super::{Options, Placed, cannot_write};
use crate::atomic::{Durable, Staged};
use crate::cores::OnEveryCore;
use crate::orgs::{LoadedOrg, OrgStream};
use crate::stop::Stop;
use handout_core::{Caches, Plan, Problem, Problems};
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
        let results: Vec<Result<Ready, Done>> =
            part.par_iter().map(|o| if stop.asked() { Err(Done::NotBegun) } else { build_org(&shared, o) }).collect();
        for (o, done) in part.into_iter().zip(commit(&shared, results)) {
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

/// An organisation's documents, built and written under temporary names.
struct Ready {
    id: String,
    staged: Staged,
    /// Each document's main file, size and pages, for the progress.
    documents: Vec<(std::path::PathBuf, usize, usize)>,
    problems: Problems,
}

/// One organisation's documents, all or none: ready for their names, or
/// what became of them.
fn build_org(shared: &Shared, loaded: &LoadedOrg) -> Result<Ready, Done> {
    let (plan, opts) = (&shared.plan, shared.opts);
    let mut problems = loaded.problems.clone();
    let Some(org) = &loaded.org else {
        shared.progress.failed(&loaded.id, plan.jobs(None).len());
        return Err(Done::Failed(problems));
    };
    let jobs = plan.jobs(Some(org));
    let built = plan.build_jobs(&jobs, &shared.caches, &OnEveryCore, &mut problems);
    opts.plan.judge(&mut problems);
    let mut ready = Ready { id: org.id.clone(), staged: Staged::default(), documents: Vec::new(), problems };
    for o in built.into_iter().map(|b| Placed::new(b, &opts.out)) {
        if ready.problems.has_errors() {
            break;
        }
        if opts.write
            && let Err(p) = o.stage(&mut ready.staged)
        {
            ready.problems.push(p);
        }
        ready.documents.push((o.main, o.built.size(), o.built.doc.pages.len()));
    }
    if ready.problems.has_errors() {
        shared.progress.failed(&org.id, jobs.len());
        return Err(Done::Failed(ready.problems));
    }
    Ok(ready)
}

/// Give a part's documents their names: their bytes made durable with
/// one wait for the whole part, then each organisation's renamed.
fn commit(shared: &Shared, mut results: Vec<Result<Ready, Done>>) -> Vec<Done> {
    let staged = results.iter_mut().filter_map(|r| r.as_mut().ok()).map(|r| std::mem::take(&mut r.staged)).collect();
    let mut durable = match Staged::make_durable(staged) {
        Ok(groups) => groups.into_iter(),
        Err(e) => {
            let p = cannot_write(e);
            return results
                .into_iter()
                .map(|r| r.map_or_else(|done| done, |ready| failed(shared, ready, p.clone())))
                .collect();
        }
    };
    // One durable group for each ready organisation, in their order.
    let mut named = |ready: Ready| match durable.next().map(Durable::rename) {
        Some(Ok(())) => {
            for (path, size, pages) in &ready.documents {
                shared.progress.written(path, *size, *pages);
            }
            Done::Built(ready.documents.len(), ready.problems)
        }
        Some(Err(e)) => failed(shared, ready, cannot_write(e)),
        None => failed(shared, ready, Problem::error("a part's files were not all written")),
    };
    results.into_iter().map(|r| r.map_or_else(|done| done, &mut named)).collect()
}

/// An organisation whose files could not be written.
fn failed(shared: &Shared, mut ready: Ready, problem: Problem) -> Done {
    shared.progress.failed(&ready.id, ready.documents.len());
    ready.problems.push(problem);
    Done::Failed(ready.problems)
}
