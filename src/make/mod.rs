//! Making documents, for `handout build` and `handout check`: load the project, plan the
//! documents asked for, make them on every core, then write them all, or
//! nothing if anything failed. With organisations (`--org`, `--all-orgs`,
//! `--orgs-sheet`), [`batch`] builds each organisation's set on its own.

pub mod batch;
mod tally;

pub use batch::{BatchOutcome, Progress};

use crate::atomic::Staged;
use crate::cores::OnEveryCore;
use crate::orgs::OrgChoice;
use handout_core::{Built, Caches, Date, Files, Plan, PlanOptions, Problem, Problems, Project};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to build, and where to write it.
#[derive(Clone)]
pub struct Options {
    /// What the core builds.
    pub plan: PlanOptions,
    /// Where campaigns/, layouts/ and fonts/ are read.
    pub files: Arc<dyn Files>,
    /// The folder orgs/ is read from.
    pub root: PathBuf,
    /// Where out/[<org>/]<lang>/... goes.
    pub out: PathBuf,
    /// Write the files (`build`) or only check (`check`).
    pub write: bool,
    /// Which organisations' sets to build (none: the anonymous set).
    pub orgs: OrgChoice,
}

impl Options {
    /// What `handout build` does without flags: every document of the
    /// project in `files`, the edition `today` calls for, no organisation,
    /// written under `out`. Callers change the fields they need.
    pub fn new(files: Arc<dyn Files>, root: PathBuf, out: PathBuf, today: Date) -> Options {
        Options { plan: PlanOptions::new(today), files, root, out, write: true, orgs: OrgChoice::None }
    }
}

/// A document that was built, placed in the output folder.
pub struct Placed {
    pub built: Built,
    /// Its main file on disk: the PDF, or for a screen layout the PNG.
    pub main: PathBuf,
    /// The output folder its files' paths are relative to.
    folder: PathBuf,
}

impl Placed {
    fn new(built: Built, folder: &Path) -> Placed {
        Placed { main: on_disk(folder, &built.main), built, folder: folder.to_path_buf() }
    }

    /// Every file to write, the main one first, with its path on disk.
    pub fn files_on_disk(&self) -> impl Iterator<Item = (PathBuf, &[u8])> {
        self.built.files.iter().map(|(p, b)| (on_disk(&self.folder, p), b.as_slice()))
    }

    /// Write its files under temporary names, to be given theirs when
    /// `staged` is committed; the first that cannot be written stops it.
    pub fn stage(&self, staged: &mut Staged) -> Result<(), Problem> {
        self.files_on_disk().try_for_each(|(path, bytes)| staged.add(&path, bytes).map_err(cannot_write))
    }
}

/// The problem of a file that could not be written.
pub fn cannot_write((path, e): crate::atomic::WriteError) -> Problem {
    Problem::error(format!("cannot write {}: {e}", path.display()))
}

/// A built file's path (always with `/`) in the folder `out`, with the
/// system's own separator.
fn on_disk(out: &Path, path: &str) -> PathBuf {
    path.split('/').fold(out.to_path_buf(), |p, part| p.join(part))
}

/// What a run did: its problems, the documents built, and whether they
/// were written.
pub struct Outcome {
    pub problems: Problems,
    pub documents: Vec<Placed>,
    pub written: bool,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.problems.has_errors()
    }
}

/// Build (or check) every document `opts` selects. A filter that names
/// nothing is a usage problem; nothing is written unless every document
/// built.
pub fn run(opts: &Options) -> Outcome {
    let mut problems = Problems::new();
    let project = handout_core::load_project(Arc::clone(&opts.files), &opts.plan.selection, &mut problems);
    let documents = build_set(&project, opts, &mut problems);
    let mut outcome = Outcome { problems, documents, written: false };
    if outcome.problems.iter().any(Problem::is_usage) {
        outcome.documents.clear();
        return outcome;
    }
    opts.plan.judge(&mut outcome.problems);
    if opts.write && !outcome.failed() {
        let mut staged = Staged::default();
        let written = outcome.documents.iter().try_for_each(|placed| placed.stage(&mut staged));
        match written.and_then(|()| staged.commit().map_err(cannot_write)) {
            Ok(()) => outcome.written = true,
            Err(p) => outcome.problems.push(p),
        }
    }
    outcome
}

/// Build every selected document (no organisation), all in memory.
fn build_set(project: &Project, opts: &Options, problems: &mut Problems) -> Vec<Placed> {
    let plan = Plan::new(project, &opts.plan, &mut project.font_store(), problems);
    if problems.iter().any(Problem::is_usage) {
        return Vec::new();
    }
    let jobs = plan.jobs(None);
    let built = plan.build_jobs(&jobs, &Caches::new(), &OnEveryCore, problems);
    built.into_iter().map(|b| Placed::new(b, &opts.out)).collect()
}

/// Human-readable file size.
pub fn size_text(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} kB", bytes as f64 / 1024.0)
    }
}

/// The path as it should be shown: relative to the current folder if inside it.
pub fn shown(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}
