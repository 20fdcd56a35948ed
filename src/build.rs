//! One run of `handout build` or `handout check`: load the project, pick the
//! documents asked for, compose and render each, then write them all, or
//! nothing if anything failed.

use crate::compose::compose;
use crate::diag::{Kind, Problem};
use crate::fonts::{FontData, Fonts};
use crate::load::content::{Date, Phase};
use crate::model::Document;
use crate::output::write_atomic;
use crate::project::{self, Project};
use crate::render::render;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
    /// The deadline version or the after-deadline version.
    pub phase: Phase,
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

/// A filter that names nothing: a usage error, not a content error.
#[derive(Debug)]
pub struct UsageError(pub String);

pub struct Outcome {
    pub problems: Vec<Problem>,
    pub outputs: Vec<Output>,
    /// Whether the files were written.
    pub written: bool,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

pub fn run(opts: &Options) -> Result<Outcome, UsageError> {
    let mut problems = Vec::new();
    let project = project::load(&opts.root, &mut problems);
    check_filters(&project, opts)?;
    let mut outputs = Vec::new();
    let mut font_cache: HashMap<String, FontData> = HashMap::new();
    let layouts: Vec<_> = project.layouts.iter().filter(|l| keep(&opts.layout, &l.id)).collect();
    for edition in project.editions.iter().filter(|e| keep(&opts.lang, &e.id)) {
        if opts.phase == Phase::Deadline {
            deadline_warning(edition, opts, &mut problems);
        }
        for platform in edition.platforms.iter().filter(|p| keep(&opts.platform, &p.id)) {
            for layout in &layouts {
                let fonts = match Fonts::load(&project.fonts_dir(), layout, &mut font_cache) {
                    Ok(f) => f,
                    Err(ps) => {
                        for p in ps {
                            if !problems.iter().any(|q: &Problem| q.to_string() == p.to_string()) {
                                problems.push(p);
                            }
                        }
                        continue;
                    }
                };
                let doc = match compose(layout, &fonts, edition, platform, opts.phase) {
                    Ok(d) => d,
                    Err(ps) => {
                        problems.extend(ps);
                        continue;
                    }
                };
                let name = format!("{}-{}{}.pdf", platform.id, layout.id, opts.phase.file_suffix());
                let path = opts.out.join(&edition.id).join(name);
                match render(&doc, &fonts, opts.pdfa.then_some(opts.today)) {
                    Ok(pdf) => outputs.push(Output {
                        lang: edition.id.clone(),
                        platform: platform.id.clone(),
                        layout: layout.id.clone(),
                        path,
                        pdf,
                        doc,
                    }),
                    Err(e) => problems.push(Problem::error(Kind::Output, format!("{}: {e}", path.display()))),
                }
            }
        }
    }
    if opts.strict {
        for p in &mut problems {
            p.severity = crate::diag::Severity::Error;
        }
    }
    let mut outcome = Outcome { problems, outputs, written: false };
    if opts.write && !outcome.failed() {
        for o in &outcome.outputs {
            if let Err(e) = write_atomic(&o.path, &o.pdf) {
                outcome.problems.push(Problem::error(Kind::Output, format!("cannot write {}: {e}", o.path.display())));
            }
        }
        outcome.written = !outcome.failed();
    }
    Ok(outcome)
}

fn keep(filter: &Option<String>, id: &str) -> bool {
    filter.as_deref().is_none_or(|f| f == id)
}

fn check_filters(project: &Project, opts: &Options) -> Result<(), UsageError> {
    let check = |what: &str, filter: &Option<String>, known: Vec<&str>| -> Result<(), UsageError> {
        match filter {
            Some(f) if !known.contains(&f.as_str()) && !known.is_empty() => {
                Err(UsageError(format!("no {what} `{f}`; the {what}s are: {}", known.join(", "))))
            }
            _ => Ok(()),
        }
    };
    check("language", &opts.lang, project.editions.iter().map(|e| e.id.as_str()).collect())?;
    let mut platforms: Vec<&str> = project.editions.iter().flat_map(|e| e.platforms.iter().map(|p| p.id.as_str())).collect();
    platforms.sort();
    platforms.dedup();
    check("platform", &opts.platform, platforms)?;
    check("layout", &opts.layout, project.layouts.iter().map(|l| l.id.as_str()).collect())
}

/// Printing after the deadline is allowed (objecting still works), but the
/// person printing must know the date on the page has passed.
fn deadline_warning(edition: &crate::load::Edition, opts: &Options, problems: &mut Vec<Problem>) {
    let c = &edition.campaign;
    if opts.today > c.deadline {
        let shown = c.language.format_date(c.deadline);
        problems.push(
            Problem::warning(Kind::Deadline, format!("the deadline {} ({shown}) has passed: today is {}", c.deadline, opts.today))
                .at(c.deadline_loc.clone())
                .label("this date is printed as the deadline")
                .help("the handout still builds, but its date is in the past. Objecting still works from the day it is sent: \
                       print `handout build --edition after-deadline` instead. Use --strict to make this an error"),
        );
    }
}

/// Today's date: from SOURCE_DATE_EPOCH when set (reproducible builds,
/// tests), else the clock.
pub fn today() -> Result<Date, UsageError> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| UsageError(format!("SOURCE_DATE_EPOCH must be whole seconds since 1970, not `{v}`")))?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    Ok(Date::from_unix_days(secs.div_euclid(86_400)))
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
