//! How documents are built: the one way every front end (the command
//! line, a batch of organisations, the web server, the browser) builds.
//!
//! A [`Plan`] is what a run builds from, prepared once: the selected
//! campaigns' languages with the edition each prints, and the selected
//! layouts with their fonts. Its [`Job`]s are the documents, in a stable
//! order (campaign, language, platform, layout); [`Plan::build`] makes one, on its own, so a front end
//! may make many at once: [`Plan::build_jobs`] takes a [`Runner`] that says
//! how (one after another in the browser, on every core on the command line)
//! and gives the documents back in the jobs' order, whatever the threads did.

use crate::cache::Caches;
use crate::compose::{Handout, compose};
use crate::date::Date;
use crate::diag::{EditionIssue, Kind, Problem, Problems};
use crate::doc_id::DocId;
use crate::edition::{Edition, EditionChoice, has_passed};
use crate::fonts::{FontStore, Fonts};
use crate::load::layout::Format;
use crate::load::org::Org;
use crate::load::{Content, Layout};
use crate::model::Document;
use crate::project::{Project, Selection};
use crate::raster::{self, Scale};
use crate::render::{RenderOptions, render};
use crate::runner::Runner;
use crate::script::Script;
use std::collections::BTreeSet;

/// What a run builds, and how.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    /// Which languages, platforms and layouts.
    pub selection: Selection,
    /// The dated version, the after-deadline version, or whichever today
    /// calls for.
    pub edition: EditionChoice,
    /// The day the run happens: which edition `auto` prints, and the date
    /// a PDF/A carries. The core has no clock.
    pub today: Date,
    /// Also make the PDFs PDF/A-2a, for archiving.
    pub pdfa: bool,
    /// Treat warnings (such as a passed deadline) as errors.
    pub strict: bool,
    /// Also make each PDF page a PNG at this resolution (`--png`).
    pub png: Option<f32>,
    /// What to make of each document.
    pub make: Make,
}

/// What a run makes of each document: what its front end will use, and
/// nothing more (a screen image is painted from the page model; its PDF
/// would only be thrown away).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum Make {
    /// The files its layout makes: a PDF (with `png` also each page as
    /// PNG), or for a screen layout its PNGs.
    #[default]
    Files,
    /// Only its PDF, whatever the layout makes (the server's `/pdf`).
    Pdf,
    /// Only the page model (a preview paints the page it shows).
    Model,
}

impl PlanOptions {
    /// Every document, in the edition `today` calls for, as plain PDFs.
    pub fn new(today: Date) -> PlanOptions {
        PlanOptions {
            selection: Selection::all(),
            edition: EditionChoice::Auto,
            today,
            pdfa: false,
            strict: false,
            png: None,
            make: Make::Files,
        }
    }

    /// With `--strict`, warnings count as errors.
    pub fn judge(&self, problems: &mut Problems) {
        if self.strict {
            problems.make_warnings_errors();
        }
    }
}

/// The selected languages and layouts, ready to build from.
pub struct Plan<'p> {
    contents: Vec<(&'p Content, Edition)>,
    /// Each layout as printed without and with an organisation.
    layouts: Vec<Variants<'p>>,
    opts: &'p PlanOptions,
    render: RenderOptions,
}

/// A layout and its fonts as printed without an organisation, and as
/// printed with one (its `[with_org]` variant, or the same layout): which
/// one a document takes is chosen here and nowhere else.
struct Variants<'p> {
    plain: (&'p Layout, Fonts),
    with_org: (&'p Layout, Fonts),
}

impl Variants<'_> {
    fn pick(&self, org: bool) -> (&Layout, &Fonts) {
        let (layout, fonts) = if org { &self.with_org } else { &self.plain };
        (layout, fonts)
    }
}

/// One document to build.
pub struct Job<'a> {
    /// What to compose.
    pub handout: Handout<'a>,
    /// Which document it is.
    pub id: DocId,
}

/// A document that was built: its page model and its files.
pub struct Built {
    /// Which document it is.
    pub id: DocId,
    /// Its page model.
    pub doc: Document,
    /// Where its main file goes: relative to an output folder,
    /// `[org/]campaign/lang/name.ext`, always with `/`.
    pub main: String,
    /// The files [`PlanOptions::make`] asked for, the main one first: the
    /// PDF (and with `png` each page as PNG), or for a screen layout only
    /// PNGs; only the PDF with [`Make::Pdf`], none with [`Make::Model`].
    /// Paths as `main`.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Built {
    /// The PDF, when one was made.
    pub fn pdf(&self) -> Option<&[u8]> {
        self.files.iter().find(|(p, _)| p.ends_with(".pdf")).map(|(_, b)| b.as_slice())
    }

    /// The bytes of all its files.
    pub fn size(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

impl<'p> Plan<'p> {
    /// Check the selection against the project (ids it does not have are
    /// usage problems), choose the editions (saying which and why) and
    /// read the fonts. Fonts come from `store`, which may serve many plans.
    pub fn new(
        project: &'p Project,
        opts: &'p PlanOptions,
        store: &mut FontStore,
        problems: &mut Problems,
    ) -> Plan<'p> {
        let sel = &opts.selection;
        sel.check(&project.found, problems);
        let contents: Vec<(&Content, Edition)> = project
            .contents
            .iter()
            .filter(|c| sel.campaigns.keeps(&c.campaign.id) && sel.langs.keeps(&c.id))
            .map(|c| (c, choose_edition(c, opts, problems)))
            .collect();
        let scripts: BTreeSet<Script> = contents.iter().flat_map(|(c, _)| c.scripts()).collect();
        let mut fonts = |l: &Layout, ps: &mut Problems| store.fonts_for(&l.fonts, Some(&scripts), ps);
        let layouts = project
            .layouts
            .iter()
            .filter(|l| sel.layouts.keeps(&l.id))
            .filter_map(|l| {
                let with_org = l.for_org(true);
                let plain = (l, fonts(l, problems)?);
                Some(Variants { plain, with_org: (with_org, fonts(with_org, problems)?) })
            })
            .collect();
        Plan { contents, layouts, opts, render: RenderOptions { archive: opts.pdfa.then_some(opts.today) } }
    }

    /// The languages of each campaign this run builds.
    pub fn languages(&self) -> impl Iterator<Item = &'p Content> + '_ {
        self.contents.iter().map(|(c, _)| *c)
    }

    /// Every selected document, for one organisation or none, in order:
    /// campaign, language, platform, layout.
    pub fn jobs<'a>(&'a self, org: Option<&'a Org>) -> Vec<Job<'a>> {
        let mut jobs = Vec::new();
        for (content, edition) in &self.contents {
            for platform in content.platforms.iter().filter(|p| self.opts.selection.platforms.keeps(&p.id)) {
                for variants in &self.layouts {
                    let (layout, fonts) = variants.pick(org.is_some());
                    let parts = [content.campaign.id.as_str(), &content.id, &platform.id, &layout.id];
                    let id = DocId::new(org.map(|o| o.id.as_str()), parts, *edition);
                    let handout = Handout { layout, fonts, content, platform, edition: *edition, org };
                    jobs.push(Job { handout, id });
                }
            }
        }
        jobs
    }

    /// Make every job with `runner`; the documents that built come back in
    /// the jobs' order, every problem goes to `problems`.
    pub fn build_jobs(
        &self,
        jobs: &[Job],
        caches: &Caches,
        runner: &impl Runner,
        problems: &mut Problems,
    ) -> Vec<Built> {
        // Each job reports to its own list, so that jobs on other threads
        // share nothing; the lists are joined in the jobs' order.
        let results = runner.map(jobs.len(), |i| {
            let mut own = Problems::new();
            (self.build(&jobs[i], caches, runner, &mut own), own)
        });
        let mut built = Vec::new();
        for (made, found) in results {
            problems.extend(found);
            built.extend(made);
        }
        crate::render::forget_unused();
        built
    }

    /// Compose one document and make what the options ask of it; its
    /// problems name it. `runner` may make the parts of one large image
    /// at once.
    pub fn build(&self, job: &Job, caches: &Caches, runner: &impl Runner, problems: &mut Problems) -> Option<Built> {
        let h = &job.handout;
        let format = h.layout.format;
        let base = job.id.base_path();
        let mut found = Problems::new();
        let built = compose(h, &caches.compose, &mut found).and_then(|doc| {
            let files = self.files(format, &base, &doc, (caches, runner), &mut found)?;
            let ext = if format == Format::Pdf { "pdf" } else { "png" };
            Some(Built { id: job.id.clone(), main: format!("{base}.{ext}"), doc, files })
        });
        problems.extend(found.into_iter().map(|mut p| {
            p.documents.push(job.id.clone());
            p
        }));
        built
    }

    /// The files of a document: see [`Make`].
    fn files(
        &self,
        format: Format,
        base: &str,
        doc: &Document,
        (caches, runner): (&Caches, &impl Runner),
        problems: &mut Problems,
    ) -> Option<Vec<(String, Vec<u8>)>> {
        let numbered = |pngs: Vec<Vec<u8>>| -> Vec<(String, Vec<u8>)> {
            let one = pngs.len() == 1 && format != Format::Pdf;
            let name = |i: usize| if one { format!("{base}.png") } else { format!("{base}-{}.png", i + 1) };
            pngs.into_iter().enumerate().map(|(i, png)| (name(i), png)).collect()
        };
        let mut pdf = || Some((format!("{base}.pdf"), render(doc, &self.render, &caches.pdf, problems)?));
        match (self.opts.make, format) {
            (Make::Model, _) => Some(Vec::new()),
            (Make::Pdf, _) => Some(vec![pdf()?]),
            (Make::Files, Format::Pdf) => {
                let mut files = vec![pdf()?];
                if let Some(dpi) = self.opts.png {
                    files.extend(numbered(raster(doc, Scale::Dpi(dpi), runner, problems)?));
                }
                Some(files)
            }
            (Make::Files, Format::Png { width, height }) => {
                Some(numbered(raster(doc, Scale::Pixels { width, height }, runner, problems)?))
            }
        }
    }
}

fn raster(doc: &Document, scale: Scale, runner: &impl Runner, problems: &mut Problems) -> Option<Vec<Vec<u8>>> {
    raster::pngs(doc, scale, runner).map_err(|p| problems.push(p)).ok()
}

/// The edition to print for one language of a campaign, said in a note
/// when chosen automatically, and with a warning when the dated one is
/// forced after its date: the person printing must know the date on the
/// page has passed. A campaign without a deadline has one edition.
fn choose_edition(content: &Content, opts: &PlanOptions, problems: &mut Problems) -> Edition {
    let deadline = content.campaign.deadline.as_ref();
    let edition = opts.edition.resolve(deadline.map(|d| d.date), opts.today);
    let Some(deadline) = deadline else { return edition };
    let date = content.texts.language.format_date(deadline.date);
    let passed = has_passed(deadline.date, opts.today);
    let at = deadline.loc.clone();
    let which = format!("{}/{}", content.campaign.id, content.id);
    match (opts.edition, edition) {
        (EditionChoice::Auto, Edition::AfterDeadline) => problems.push(
            Problem::note(format!(
                "{which}: printing the after-deadline edition: the deadline {date} has passed (today is {})",
                opts.today
            ))
            .at(at)
            .label("the deadline")
            .help("it still works after the deadline, so the handout calls to act now and says the deadline has passed")
            .kind(Kind::Edition(EditionIssue::AfterChosen)),
        ),
        (EditionChoice::Auto, _) => problems.push(
            Problem::note(format!("{which}: printing the dated edition: the deadline {date} is still ahead"))
                .at(at)
                .label("the deadline")
                .help("from that day on, the after-deadline edition is printed")
                .kind(Kind::Edition(EditionIssue::DatedChosen)),
        ),
        (EditionChoice::Fixed(Edition::Deadline), _) if passed => problems.push(
            Problem::warning(format!(
                "{which}: the deadline {} ({date}) has passed: today is {}",
                deadline.date, opts.today
            ))
            .at(at)
            .label("this date is printed as the deadline")
            .help(
                "the handout still builds, but its date is in the past. It still works from the day it is done: \
                     the after-deadline edition says so",
            )
            .kind(Kind::Edition(EditionIssue::DatedAfterDeadline)),
        ),
        _ => {}
    }
    edition
}
