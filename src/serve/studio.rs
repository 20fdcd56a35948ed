//! The server's workshop: the project, read once at start, its fonts
//! (read once, shaped text cached across requests), and how an order
//! becomes documents: the same plan, compose and render as `handout
//! build`, in memory, with the organisation checked by the same rules.

use super::order::Order;
use super::words::Ui;
use crate::build::{Options, Output, Plan};
use crate::date::Date;
use crate::diag::{Problem, Problems};
use crate::fonts::FontStore;
use crate::load::layout::Output as LayoutOutput;
use crate::load::org::{Org, check_org};
use crate::project::{Project, Selection, load_selected};
use crate::raster::{self, Scale};
use crate::tree::Tree;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// Preview images: one pixel per point (72 dpi), an A4 page is 595 x 842.
pub const PREVIEW_DPI: f32 = 72.0;

/// The project and its fonts, shared by every request.
pub struct Studio {
    pub project: Project,
    pub catalogue: Catalogue,
    store: Mutex<FontStore>,
}

/// What the page offers, with the names people know them by.
pub struct Catalogue {
    /// Language id and its name in itself.
    pub langs: Vec<(String, String)>,
    pub platforms: Vec<(String, String)>,
    pub layouts: Vec<LayoutEntry>,
}

/// A layout as the page lists it.
pub struct LayoutEntry {
    pub id: String,
    /// Per language of the page.
    pub names: BTreeMap<String, String>,
    pub uses: BTreeMap<String, String>,
    /// It makes an image (a screen), not a PDF to print.
    pub image: bool,
}

impl LayoutEntry {
    /// Its name in `ui`, else its description, else its id.
    pub fn name(&self, ui: Ui) -> &str {
        self.names.get(ui.id()).map(String::as_str).unwrap_or(&self.id)
    }

    pub fn uses(&self, ui: Ui) -> Option<&str> {
        self.uses.get(ui.id()).map(String::as_str)
    }
}

impl Catalogue {
    fn new(project: &Project) -> Catalogue {
        let langs = project.contents.iter().map(|c| (c.id.clone(), c.campaign.language.name.clone())).collect();
        let mut platforms: Vec<(String, String)> = Vec::new();
        for p in project.contents.iter().flat_map(|c| &c.platforms) {
            if !platforms.iter().any(|(id, _)| *id == p.id) {
                platforms.push((p.id.clone(), p.name.clone()));
            }
        }
        platforms.sort();
        let mut layouts: Vec<LayoutEntry> = project
            .layouts
            .iter()
            .map(|l| LayoutEntry {
                id: l.id.clone(),
                names: l.names.clone(),
                uses: l.uses.clone(),
                image: l.output != LayoutOutput::Pdf,
            })
            .collect();
        // By id, so that `flyer-a4` comes before `flyer-a4-large`.
        layouts.sort_by(|a, b| a.id.cmp(&b.id));
        Catalogue { langs, platforms, layouts }
    }

    pub fn lang_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.langs.iter().find(|(l, _)| l == id).map_or(id, |(_, n)| n)
    }

    pub fn platform_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.platforms.iter().find(|(l, _)| l == id).map_or(id, |(_, n)| n)
    }

    pub fn layout(&self, id: &str) -> Option<&LayoutEntry> {
        self.layouts.iter().find(|l| l.id == id)
    }

    /// A document as people say it: "Folder A4 (Nederlands, Facebook)",
    /// from its name in messages (`[org/]nl/facebook-flyer-a4[-after-deadline]`).
    pub fn document(&self, shown: &str, ui: Ui) -> String {
        let mut parts = shown.rsplit('/');
        let (Some(name), Some(lang)) = (parts.next(), parts.next()) else { return shown.to_string() };
        let name = name.strip_suffix("-after-deadline").unwrap_or(name);
        for (pid, pname) in &self.platforms {
            let Some(layout) = name.strip_prefix(pid.as_str()).and_then(|r| r.strip_prefix('-')) else { continue };
            if let Some(l) = self.layout(layout) {
                return format!("{} ({}, {pname})", l.name(ui), self.lang_name(lang));
            }
        }
        shown.to_string()
    }
}

/// What an order made, or why it could not.
pub type Made = Result<Vec<Output>, Vec<Problem>>;

impl Studio {
    /// Read the project in `tree`; its errors stop the server from starting.
    pub fn open(tree: &Tree) -> Result<Studio, Problems> {
        let mut problems = Problems::new();
        let project = load_selected(tree, &Selection::default(), &mut problems);
        if problems.has_errors() || project.contents.is_empty() || project.layouts.is_empty() {
            if !problems.has_errors() {
                problems.push(Problem::error(format!("{} has no languages or no layouts", tree.describe())));
            }
            return Err(problems);
        }
        let store = Mutex::new(project.font_store());
        let catalogue = Catalogue::new(&project);
        Ok(Studio { project, catalogue, store })
    }

    /// Make every document of `order` (at most `limit`), for `today`.
    pub fn make(&self, order: &Order, today: Date, limit: usize) -> Made {
        let opts = self.options(order, today);
        let mut problems = Problems::new();
        let org = self.org(order, &mut problems);
        let plan = {
            // A font store shared by threads: a poisoned lock only means a
            // panic elsewhere; the store itself is whole.
            let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
            Plan::new(&self.project, &opts, &mut store, &mut problems)
        };
        if problems.has_errors() {
            return Err(errors(problems));
        }
        let chosen = |id: &String, ids: &[String]| ids.contains(id);
        let jobs: Vec<_> = plan
            .jobs(org.as_ref())
            .into_iter()
            .filter(|j| {
                let h = &j.handout;
                chosen(&h.content.id, &order.langs)
                    && chosen(&h.platform.id, &order.platforms)
                    && chosen(&h.layout.id, &order.layouts)
            })
            .take(limit)
            .collect();
        let built: Vec<(Option<Output>, Problems)> = jobs.par_iter().map(|job| plan.build(job)).collect();
        let mut outputs = Vec::new();
        for (output, found) in built {
            problems.extend(found);
            outputs.extend(output);
        }
        if problems.has_errors() { Err(errors(problems)) } else { Ok(outputs) }
    }

    /// Page `page` of the first document of `order`, as a PNG, with the
    /// number of pages it has.
    pub fn preview(&self, order: &Order, today: Date) -> Result<(Vec<u8>, usize, Output), Vec<Problem>> {
        let output = self.make(order, today, 1)?.pop().ok_or_else(Vec::new)?;
        let pages = output.doc.pages.len();
        let index = order.page.min(pages).max(1) - 1;
        let mut pngs = raster::pngs(&output.doc, &output.pdf, preview_scale(&output)).map_err(|p| vec![p])?;
        Ok((pngs.swap_remove(index), pages, output))
    }

    fn options(&self, order: &Order, today: Date) -> Options {
        let all = Options::new(self.project.tree.clone(), PathBuf::new(), PathBuf::new(), today);
        Options { edition: order.edition, write: false, ..all }
    }

    /// The organisation of the order, checked; its problems go to `problems`.
    fn org(&self, order: &Order, problems: &mut Problems) -> Option<Org> {
        let form = order.org.as_ref()?;
        let logo = form.logo.clone();
        let mut read = |_: &str| logo.as_ref().map(|b| b.to_vec()).ok_or_else(|| "no file was uploaded".to_string());
        check_org(form.input.clone(), &mut read, problems)
    }
}

/// One pixel per point, rounded (A4 is 595 x 842 pixels).
pub fn preview_scale(output: &Output) -> Scale {
    let size = output.doc.pages.first().map(|p| p.size);
    match size {
        Some(s) => {
            let px = |mm: f32| (mm / 25.4 * PREVIEW_DPI).round().max(1.0) as u32;
            Scale::Pixels { width: px(s.w.0), height: px(s.h.0) }
        }
        None => Scale::Dpi(PREVIEW_DPI),
    }
}

/// The errors among `problems` (notes, such as which edition was chosen,
/// and warnings are for the command line).
fn errors(problems: Problems) -> Vec<Problem> {
    problems.into_iter().filter(Problem::is_error).collect()
}

/// A ZIP of every file of `outputs`, at their paths (`nl/facebook-flyer-a4.pdf`).
/// Entries are stored with a fixed time, so the same order gives the same bytes.
pub fn zip(outputs: &[Output]) -> Result<Vec<u8>, Problem> {
    use std::io::Write;
    let fail = |e: &dyn std::fmt::Display| Problem::error(format!("the ZIP file cannot be made: {e}"));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // PDFs and PNGs are compressed already: store them as they are.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (path, bytes) in outputs.iter().flat_map(|o| &o.files) {
        let name = path.to_string_lossy().replace('\\', "/");
        zip.start_file(name, options).map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    zip.finish().map(|c| c.into_inner()).map_err(|e| fail(&e))
}
