//! One run of `handout build` or `handout check`: load the project, pick the
//! documents asked for, compose and render each, then write them all, or
//! nothing if anything failed. With organisations (`--org`, `--all-orgs`,
//! `--orgs-csv`), [`batch`] builds each organisation's set on its own.

pub mod batch;
mod plan;

pub use batch::{BatchOutcome, Progress};
pub(crate) use plan::Plan;

use crate::date::Date;
use crate::diag::{Problem, Problems};
use crate::edition::EditionChoice;
use crate::model::Document;
use crate::output::write_atomic;
use crate::project::{self, OrgChoice, Project, Selection};
use crate::tree::Tree;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What to build, and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// Where data/, layouts/ and fonts/ are read.
    pub tree: Tree,
    /// The folder orgs/ is read from.
    pub root: PathBuf,
    /// Where out/<lang>/... goes.
    pub out: PathBuf,
    pub lang: Option<String>,
    pub platform: Option<String>,
    pub layout: Option<String>,
    /// Treat warnings (such as a passed deadline) as errors.
    pub strict: bool,
    /// The dated version, the after-deadline version, or whichever today
    /// calls for.
    pub edition: EditionChoice,
    /// Also make the PDFs PDF/A-2a, for archiving.
    pub pdfa: bool,
    /// Write the PDFs (`build`) or only check (`check`).
    pub write: bool,
    pub today: Date,
    /// Which organisations' sets to build (none: the anonymous set).
    pub orgs: OrgChoice,
    /// Also write each PDF page as a PNG at this resolution (`--png`).
    pub png: Option<f32>,
}

impl Options {
    /// What `handout build` does without flags: every document of the
    /// project in `tree`, the edition `today` calls for, no organisation,
    /// written under `out`. Callers change the fields they need.
    pub fn new(tree: Tree, root: PathBuf, out: PathBuf, today: Date) -> Options {
        Options {
            tree,
            root,
            out,
            lang: None,
            platform: None,
            layout: None,
            strict: false,
            edition: EditionChoice::Auto,
            pdfa: false,
            write: true,
            today,
            orgs: OrgChoice::None,
            png: None,
        }
    }
}

/// A document that was built.
pub struct Output {
    pub lang: String,
    pub platform: String,
    pub layout: String,
    /// Its main file: the PDF, or for a screen layout the PNG.
    pub path: PathBuf,
    /// The document as PDF (for a screen layout too: its PNGs are drawn from it).
    pub pdf: Vec<u8>,
    /// Every file to write, the main one first.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    pub doc: Document,
}

impl Output {
    /// The bytes of all its files.
    pub fn size(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// What a run did: its problems, the documents built, and whether they
/// were written.
pub struct Outcome {
    pub problems: Problems,
    pub outputs: Vec<Output>,
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
    let sel = Selection { lang: opts.lang.clone(), platform: opts.platform.clone(), layout: opts.layout.clone() };
    let project = project::load_selected(&opts.tree, &sel, &mut problems);
    check_filters(&project, opts, &mut problems);
    if problems.iter().any(|p| p.usage) {
        return Outcome { problems, outputs: Vec::new(), written: false };
    }
    let outputs = build_set(&project, opts, &mut problems);
    if opts.strict {
        problems.make_warnings_errors();
    }
    let mut outcome = Outcome { problems, outputs, written: false };
    if opts.write && !outcome.failed() {
        for (path, bytes) in outcome.outputs.iter().flat_map(|o| &o.files) {
            if let Err(e) = write_atomic(path, bytes) {
                outcome.problems.push(Problem::error(format!("cannot write {}: {e}", path.display())));
            }
        }
        outcome.written = !outcome.failed();
    }
    outcome
}

/// Build every selected document (no organisation), all in memory.
fn build_set(project: &Project, opts: &Options, problems: &mut Problems) -> Vec<Output> {
    let plan = Plan::new(project, opts, &mut project.font_store(), problems);
    let jobs = plan.jobs(None);
    // Documents are independent: build them on every core; collecting keeps
    // their order, so output and messages do not depend on the threads.
    let built: Vec<(Option<Output>, Problems)> = jobs.par_iter().map(|job| plan.build(job)).collect();
    let mut outputs = Vec::new();
    for (output, found) in built {
        problems.extend(found);
        outputs.extend(output);
    }
    outputs
}

pub(crate) fn keep(filter: &Option<String>, id: &str) -> bool {
    filter.as_deref().is_none_or(|f| f == id)
}

/// A filter must name something that exists on disk; one that names a
/// file that failed to load is not a usage error: its problems say why.
pub(crate) fn check_filters(project: &Project, opts: &Options, problems: &mut Problems) {
    let found = &project.found;
    let mut check = |what: &str, filter: &Option<String>, known: &std::collections::BTreeSet<String>| {
        if let Some(f) = filter
            && !known.is_empty()
            && !known.contains(f)
        {
            let list: Vec<&str> = known.iter().map(String::as_str).collect();
            problems.push(Problem::usage(format!("no {what} `{f}`; the {what}s are: {}", list.join(", "))));
        }
    };
    check("language", &opts.lang, &found.languages);
    check("platform", &opts.platform, &found.platforms);
    check("layout", &opts.layout, &found.layouts);
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
