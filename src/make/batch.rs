//! Batch: the sets of many organisations in one run. Each organisation is
//! built on its own: one that fails (a broken logo, a help text too long)
//! is listed at the end, and does not stop the others. An organisation's
//! documents are written as soon as all of them built, so memory holds a
//! few documents at a time, however many organisations there are.

use super::{Options, Placed};
use crate::cores::OnEveryCore;
use crate::orgs::{LoadedOrg, load_orgs};
use crate::stop::Stop;
use handout_core::{Caches, Org, Plan, Problem, Problems};
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

/// What a batch did.
#[derive(Default)]
pub struct BatchOutcome {
    /// Problems of the whole run (the project's files, the spreadsheet's
    /// header): when there are errors here, nothing was built.
    pub problems: Problems,
    /// Each organisation's own problems (its errors, or warnings), in order.
    pub orgs: Vec<(String, Problems)>,
    /// Organisations whose documents were all built (and written).
    pub built: usize,
    /// Organisations that failed.
    pub failed: usize,
    /// Documents written (or checked, with `check`).
    pub documents: usize,
    /// Organisations not begun because the run was asked to stop.
    pub not_begun: usize,
    pub seconds: f64,
}

impl BatchOutcome {
    pub fn ok(&self) -> bool {
        !self.problems.has_errors() && self.failed == 0 && self.not_begun == 0
    }
}

/// What every organisation's build shares.
struct Shared<'a> {
    plan: Plan<'a>,
    opts: &'a Options,
    caches: Caches,
    progress: &'a dyn Progress,
}

/// What became of one organisation.
enum Done {
    /// Its documents built, and this many were written; its problems.
    Built(usize, Problems),
    /// They did not build (nothing written): why.
    Failed(Problems),
    /// Not begun: the run was asked to stop.
    NotBegun,
}

/// Build the set of every organisation `opts.orgs` names; when `stop` is
/// asked, the organisations begun are finished and no other is begun.
pub fn run(opts: &Options, progress: &dyn Progress, stop: &Stop) -> BatchOutcome {
    let start = Instant::now();
    let mut out = BatchOutcome::default();
    let project = handout_core::load_project(Arc::clone(&opts.files), &opts.plan.selection, &mut out.problems);
    let orgs = load_orgs(&opts.root, &opts.orgs, &mut out.problems);
    let plan = Plan::new(&project, &opts.plan, &mut project.font_store(), &mut out.problems);
    opts.plan.judge(&mut out.problems);
    if out.problems.has_errors() {
        return out;
    }
    let per_org = plan.jobs(None).len();
    progress.start(orgs.len() * per_org);
    let shared = Shared { plan, opts, caches: Caches::new(), progress };
    let results: Vec<Done> =
        orgs.par_iter().map(|o| if stop.asked() { Done::NotBegun } else { build_org(&shared, o) }).collect();
    for (o, done) in orgs.iter().zip(results) {
        let problems = match done {
            Done::Built(written, problems) => {
                out.built += 1;
                out.documents += written;
                problems
            }
            Done::Failed(problems) => {
                out.failed += 1;
                problems
            }
            Done::NotBegun => {
                out.not_begun += 1;
                continue;
            }
        };
        if !problems.is_empty() {
            out.orgs.push((o.id.clone(), problems));
        }
    }
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
    warn_missing_help(plan, org, &mut problems);
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

/// A language the run builds, for which the organisation gave no help
/// text: its documents carry the name and logo only. Say so.
fn warn_missing_help(plan: &Plan, org: &Org, problems: &mut Problems) {
    let langs: std::collections::BTreeSet<&str> = plan.languages().map(|c| c.id.as_str()).collect();
    for lang in langs {
        if !org.help.contains_key(lang) {
            problems.push(
                Problem::warning(format!(
                    "organisation `{}` has no help text in `{}`: its {} documents carry its name and logo only",
                    org.id, lang, lang
                ))
                .at(org.help_loc.clone())
                .help(format!(
                    "add `{} = \"...\"` under [help] (or a help_{} column) to say where visitors get help",
                    lang, lang
                )),
            );
        }
    }
}
