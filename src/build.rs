//! One run of `handout build` or `handout check`: load the project, pick the
//! documents asked for, compose and render each, then write them all, or
//! nothing if anything failed.

use crate::compose::{Handout, compose};
use crate::date::Date;
use crate::diag::{Problem, Problems};
use crate::edition::{Edition, EditionChoice, has_passed};
use crate::fonts::FontStore;
use crate::load::Content;
use crate::model::Document;
use crate::output::write_atomic;
use crate::project::{self, Project, Selection};
use crate::render::{RenderOptions, render};
use crate::script::Script;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What to build, and how.
#[derive(Clone, Debug)]
pub struct Options {
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
}

/// A document that was built.
pub struct Output {
    pub lang: String,
    pub platform: String,
    pub layout: String,
    pub path: PathBuf,
    pub pdf: Vec<u8>,
    pub doc: Document,
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
    let project = project::load_selected(&opts.root, &sel, &mut problems);
    check_filters(&project, opts, &mut problems);
    if problems.iter().any(|p| p.usage) {
        return Outcome { problems, outputs: Vec::new(), written: false };
    }
    let outputs = build_all(&project, opts, &mut problems);
    if opts.strict {
        problems.make_warnings_errors();
    }
    let mut outcome = Outcome { problems, outputs, written: false };
    if opts.write && !outcome.failed() {
        for o in &outcome.outputs {
            if let Err(e) = write_atomic(&o.path, &o.pdf) {
                outcome.problems.push(Problem::error(format!("cannot write {}: {e}", o.path.display())));
            }
        }
        outcome.written = !outcome.failed();
    }
    outcome
}

/// One document to build.
struct Job<'a> {
    handout: Handout<'a>,
    /// `<platform>-<layout>[-after-deadline]`.
    name: String,
}

fn build_all(project: &Project, opts: &Options, problems: &mut Problems) -> Vec<Output> {
    let mut store = FontStore::new(project.fonts_dir());
    let contents: Vec<&Content> = project.contents.iter().filter(|c| keep(&opts.lang, &c.id)).collect();
    let scripts: BTreeSet<Script> = contents.iter().flat_map(|c| c.scripts()).collect();
    let layouts: Vec<_> = project
        .layouts
        .iter()
        .filter(|l| keep(&opts.layout, &l.id))
        .map(|l| (l, store.fonts_for(&l.fonts, Some(&scripts), problems)))
        .collect();
    let mut jobs = Vec::new();
    for content in contents {
        let edition = choose_edition(content, opts, problems);
        for platform in content.platforms.iter().filter(|p| keep(&opts.platform, &p.id)) {
            for (layout, fonts) in &layouts {
                let Some(fonts) = fonts else { continue };
                let name = format!("{}-{}{}", platform.id, layout.id, edition.file_suffix());
                jobs.push(Job { handout: Handout { layout, fonts, content, platform, edition }, name });
            }
        }
    }
    let render_opts = RenderOptions { archive: opts.pdfa.then_some(opts.today) };
    // Documents are independent: build them on every core; collecting keeps
    // their order, so output and messages do not depend on the threads.
    let built: Vec<(Option<Output>, Problems)> =
        jobs.par_iter().map(|job| build_one(job, opts, &render_opts)).collect();
    let mut outputs = Vec::new();
    for (output, found) in built {
        problems.extend(found);
        outputs.extend(output);
    }
    outputs
}

/// Compose and render one document; its problems name it.
fn build_one(job: &Job, opts: &Options, render_opts: &RenderOptions) -> (Option<Output>, Problems) {
    let h = &job.handout;
    let mut found = Problems::new();
    let pdf = compose(h, &mut found).and_then(|doc| Some((render(&doc, render_opts, &mut found)?, doc)));
    let lang = &h.content.id;
    let mut named = Problems::new();
    named.extend(found.into_iter().map(|mut p| {
        p.documents.push(format!("{lang}/{}", job.name));
        p
    }));
    let output = pdf.map(|(pdf, doc)| Output {
        lang: lang.clone(),
        platform: h.platform.id.clone(),
        layout: h.layout.id.clone(),
        path: opts.out.join(lang).join(format!("{}.pdf", job.name)),
        pdf,
        doc,
    });
    (output, named)
}

fn keep(filter: &Option<String>, id: &str) -> bool {
    filter.as_deref().is_none_or(|f| f == id)
}

/// A filter must name something that exists on disk; one that names a
/// file that failed to load is not a usage error: its problems say why.
fn check_filters(project: &Project, opts: &Options, problems: &mut Problems) {
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

/// The edition to print for one language, said in a note when chosen
/// automatically, and with a warning when the dated one is forced after
/// its date: the person printing must know the date on the page has passed.
fn choose_edition(content: &Content, opts: &Options, problems: &mut Problems) -> Edition {
    let c = &content.campaign;
    let edition = opts.edition.resolve(c.deadline, opts.today);
    let date = c.language.format_date(c.deadline);
    let passed = has_passed(c.deadline, opts.today);
    let at = c.deadline_loc.clone();
    match (opts.edition, edition) {
        (EditionChoice::Auto, Edition::AfterDeadline) => problems.push(
            Problem::note(format!(
                "{}: printing the after-deadline edition: the deadline {date} has passed (today is {})",
                content.id, opts.today
            ))
            .at(at)
            .label("the deadline")
            .help("objecting still works, so the handout calls to object now and says the deadline has passed; \
                   `--edition deadline` prints the dated version anyway"),
        ),
        (EditionChoice::Auto, _) => problems.push(
            Problem::note(format!("{}: printing the dated edition: the deadline {date} is still ahead", content.id))
                .at(at)
                .label("the deadline")
                .help("from that day on, `handout build` prints the after-deadline edition"),
        ),
        (EditionChoice::Fixed(Edition::Deadline), _) if passed => problems.push(
            Problem::warning(format!("the deadline {} ({date}) has passed: today is {}", c.deadline, opts.today))
                .at(at)
                .label("this date is printed as the deadline")
                .help(
                    "the handout still builds, but its date is in the past. Objecting still works from the day it is sent: \
                     leave out `--edition deadline` to print the after-deadline edition. Use --strict to make this an error",
                ),
        ),
        _ => {}
    }
    edition
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
