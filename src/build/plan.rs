//! What a run builds documents from, prepared once: the selected
//! languages with the edition each prints, and the selected layouts with
//! their fonts; and how one document is built from it.

use super::{Options, Output, keep};
use crate::compose::{Handout, compose};
use crate::diag::{Problem, Problems};
use crate::edition::{Edition, EditionChoice, has_passed};
use crate::fonts::{FontStore, Fonts};
use crate::load::layout::Output as LayoutOutput;
use crate::load::org::Org;
use crate::load::{Content, Layout};
use crate::model::Document;
use crate::project::Project;
use crate::raster::{self, Scale};
use crate::render::{RenderOptions, render};
use crate::script::Script;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// `base` with `.ext`, or `-N.png` for page N (`ext` = "N.png").
fn with_ext(base: &Path, ext: &str) -> PathBuf {
    let name = base.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let sep = if ext.chars().next().is_some_and(|c| c.is_ascii_digit()) { "-" } else { "." };
    base.with_file_name(format!("{name}{sep}{ext}"))
}

/// The selected languages and layouts, ready to build from.
pub(crate) struct Plan<'p> {
    contents: Vec<(&'p Content, Edition)>,
    /// Each layout with its fonts, and its organisation variant's fonts.
    layouts: Vec<(&'p Layout, Fonts, Fonts)>,
    opts: &'p Options,
    render: RenderOptions,
}

/// One document to build.
pub(crate) struct Job<'a> {
    pub handout: Handout<'a>,
    /// `<platform>-<layout>[-after-deadline]`.
    pub name: String,
}

impl<'p> Plan<'p> {
    /// Choose the editions (saying which and why) and read the fonts.
    /// Fonts come from `store`, which may serve many plans.
    pub fn new(project: &'p Project, opts: &'p Options, store: &mut FontStore, problems: &mut Problems) -> Plan<'p> {
        let contents: Vec<(&Content, Edition)> = project
            .contents
            .iter()
            .filter(|c| keep(&opts.lang, &c.id))
            .map(|c| (c, choose_edition(c, opts, problems)))
            .collect();
        let scripts: BTreeSet<Script> = contents.iter().flat_map(|(c, _)| c.scripts()).collect();
        let mut fonts = |l: &Layout, ps: &mut Problems| store.fonts_for(&l.fonts, Some(&scripts), ps);
        let layouts = project
            .layouts
            .iter()
            .filter(|l| keep(&opts.layout, &l.id))
            .filter_map(|l| Some((l, fonts(l, problems)?, fonts(l.for_org(true), problems)?)))
            .collect();
        Plan { contents, layouts, opts, render: RenderOptions { archive: opts.pdfa.then_some(opts.today) } }
    }

    /// The languages this run builds.
    pub fn languages(&self) -> impl Iterator<Item = &'p Content> + '_ {
        self.contents.iter().map(|(c, _)| *c)
    }

    /// Every selected document, for one organisation or none.
    pub fn jobs<'a>(&'a self, org: Option<&'a Org>) -> Vec<Job<'a>> {
        let mut jobs = Vec::new();
        for (content, edition) in &self.contents {
            for platform in content.platforms.iter().filter(|p| keep(&self.opts.platform, &p.id)) {
                for (layout, plain, with_org) in &self.layouts {
                    let fonts = if org.is_some() { with_org } else { plain };
                    let name = format!("{}-{}{}", platform.id, layout.id, edition.file_suffix());
                    let handout = Handout { layout, fonts, content, platform, edition: *edition, org };
                    jobs.push(Job { handout, name });
                }
            }
        }
        jobs
    }

    /// Compose and render one document; its problems name it.
    pub fn build(&self, job: &Job) -> (Option<Output>, Problems) {
        let h = &job.handout;
        let lang = &h.content.id;
        let base = self.base(h.org, lang, &job.name);
        let output = h.layout.for_org(h.org.is_some()).output;
        let mut found = Problems::new();
        let built = compose(h, &mut found).and_then(|doc| {
            let pdf = render(&doc, &self.render, &mut found)?;
            let files = self.files(output, &base, &doc, &pdf, &mut found)?;
            let path = files[0].0.clone();
            Some(Output {
                lang: lang.clone(),
                platform: h.platform.id.clone(),
                layout: h.layout.id.clone(),
                path,
                pdf,
                files,
                doc,
            })
        });
        let org_dir = h.org.map(|o| format!("{}/", o.id)).unwrap_or_default();
        let mut named = Problems::new();
        named.extend(found.into_iter().map(|mut p| {
            p.documents.push(format!("{org_dir}{lang}/{}", job.name));
            p
        }));
        (built, named)
    }

    /// The files a document makes: its PDF (and with `--png` each page as
    /// PNG), or for a screen layout only PNGs.
    fn files(
        &self,
        output: LayoutOutput,
        base: &Path,
        doc: &Document,
        pdf: &[u8],
        problems: &mut Problems,
    ) -> Option<Vec<(PathBuf, Vec<u8>)>> {
        let numbered = |pngs: Vec<Vec<u8>>| -> Vec<(PathBuf, Vec<u8>)> {
            let n = pngs.len();
            pngs.into_iter()
                .enumerate()
                .map(|(i, png)| {
                    (
                        if n == 1 && output != LayoutOutput::Pdf {
                            with_ext(base, "png")
                        } else {
                            with_ext(base, &format!("{}.png", i + 1))
                        },
                        png,
                    )
                })
                .collect()
        };
        let mut raster = |scale| raster::pngs(doc, pdf, scale).map_err(|p| problems.push(p)).ok();
        match output {
            LayoutOutput::Png { width, height } => Some(numbered(raster(Scale::Pixels { width, height })?)),
            LayoutOutput::Pdf => {
                let mut files = vec![(with_ext(base, "pdf"), pdf.to_vec())];
                if let Some(dpi) = self.opts.png {
                    files.extend(numbered(raster(Scale::Dpi(dpi))?));
                }
                Some(files)
            }
        }
    }

    /// `out/[<org>/]<lang>/<name>`, without an extension.
    fn base(&self, org: Option<&Org>, lang: &str, name: &str) -> PathBuf {
        let base = org.map_or(self.opts.out.clone(), |o| self.opts.out.join(&o.id));
        base.join(lang).join(name)
    }
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
            .help(
                "objecting still works, so the handout calls to object now and says the deadline has passed; \
                 `--edition deadline` prints the dated version anyway",
            ),
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
