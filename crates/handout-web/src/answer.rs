//! The one way from a submitted form to what the page answers, wherever it
//! runs: a file to download, pages to look at, what must change and
//! where, or a refusal of a form that cannot be read. `handout serve`
//! (with and without JavaScript) and the browser edition both call
//! [`answer`]; they only wrap what it gives (in HTTP, or for the page's
//! script), so they answer the same form the same way, byte for byte.

use crate::complaint::{self, Complaint};
use crate::form::{Form, Refused};
use crate::order::{Order, order};
use crate::studio::Studio;
use crate::words::Ui;
use handout_core::{Built, Date, Make, Problems, Runner, Scale};

/// Preview images: one pixel per point (72 dpi), an A4 page is 595 x 842.
pub const PREVIEW_DPI: f32 = 72.0;

/// What a front end asks of a form.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Want {
    /// Page `page` (from the form, 1 when absent) of the first document,
    /// as PNG: the script's live preview.
    Page,
    /// Every page of the first document, as PNG: the page without
    /// JavaScript shows them all.
    Pages,
    /// The documents, delivered as one file.
    File(Delivery),
}

/// How the documents of an order are delivered.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// One document as PDF.
    Pdf,
    /// Every document, in a ZIP.
    Zip,
    /// One document as its file (PDF or PNG), more as a ZIP.
    Either,
}

/// What the page answers.
#[derive(Debug)]
pub enum Answer {
    /// A file to download (200).
    File(File),
    /// Pages of the first document (200).
    Preview(Preview),
    /// What must change, at its fields, in the page's language (422).
    Complaints(Vec<Complaint>),
    /// A form that cannot be read (400, or 413 when too large).
    Refused(Refused),
}

/// A file to download.
#[derive(Clone, Debug)]
pub struct File {
    /// `meta-ai-nl-facebook-flyer-a4.pdf`, `handout-bibliotheek-noord.zip`: ids
    /// only, so always a safe file name.
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// Pages of the order's first document, as images.
#[derive(Clone, Debug)]
pub struct Preview {
    /// The PNGs: one page, or every page.
    pub pngs: Vec<Vec<u8>>,
    /// How many pages the document has.
    pub pages: usize,
    /// Which document it is, in the page's words.
    pub caption: String,
}

impl Answer {
    /// The answer as an HTTP status says it.
    pub fn status(&self) -> u16 {
        match self {
            Answer::File(_) | Answer::Preview(_) => 200,
            Answer::Complaints(_) => 422,
            Answer::Refused(r) => r.status(),
        }
    }

    /// What went wrong, as the page shows it: the complaints, or the
    /// refusal as one (none when something was made).
    pub fn complaints(&self, ui: Ui) -> Vec<Complaint> {
        match self {
            Answer::Complaints(c) => c.clone(),
            Answer::Refused(r) => vec![complaint::refused(r, ui)],
            Answer::File(_) | Answer::Preview(_) => Vec::new(),
        }
    }
}

/// Answer `form` as `want` asks, for `today`; `runner` says how many
/// things are made at once.
pub fn answer(studio: &Studio, form: &Form, want: Want, today: Date, runner: &impl Runner) -> Answer {
    let order = match order(form, &studio.catalogue) {
        Ok(o) => o,
        Err(r) => return Answer::Refused(r),
    };
    let missing = order.missing();
    if !missing.is_empty() {
        return Answer::Complaints(complaint::missing(&missing, order.ui));
    }
    match want {
        Want::File(Delivery::Pdf) if order.count() > 1 => Answer::Refused(Refused::Bad(format!(
            "/pdf makes one document, and this form chooses {}: choose one language, platform and layout, or use /zip",
            order.count()
        ))),
        Want::File(how) => file(studio, &order, today, runner, how),
        Want::Page | Want::Pages => preview(studio, &order, want, today, runner),
    }
}

/// The order's documents as one file.
fn file(studio: &Studio, order: &Order, today: Date, runner: &impl Runner, how: Delivery) -> Answer {
    let mut problems = Problems::new();
    let make = if how == Delivery::Pdf { Make::Pdf } else { Make::Files };
    let Some(built) = studio.make(order, (today, make), usize::MAX, runner, &mut problems) else {
        return complaints(studio, order, &problems);
    };
    // Made with Make::Pdf, a document's one file is its PDF.
    let one_file = how == Delivery::Pdf || (how == Delivery::Either && built.len() == 1 && built[0].files.len() == 1);
    match built.first() {
        Some(o) if one_file => {
            let (path, bytes) = &o.files[0];
            let png = path.ends_with(".png");
            let (ext, mime) = if png { ("png", "image/png") } else { ("pdf", "application/pdf") };
            let name = format!("{}-{}-{}.{ext}", o.id.campaign, o.id.lang, o.id.file_stem());
            Answer::File(File { name, mime, bytes: bytes.clone() })
        }
        _ => match handout_core::zip(&built) {
            Ok(bytes) => {
                let name = match &order.org {
                    Some(org) => format!("handout-{}.zip", org.input.id.get()),
                    None => "handout.zip".to_string(),
                };
                Answer::File(File { name, mime: "application/zip", bytes })
            }
            Err(p) => {
                problems.push(p);
                complaints(studio, order, &problems)
            }
        },
    }
}

/// Page `order.page` (or every page) of the order's first document.
fn preview(studio: &Studio, order: &Order, want: Want, today: Date, runner: &impl Runner) -> Answer {
    let mut problems = Problems::new();
    let Some(built) = studio.make(order, (today, Make::Model), 1, runner, &mut problems).and_then(|mut b| b.pop())
    else {
        return complaints(studio, order, &problems);
    };
    let mut pngs = match handout_core::pngs(&built.doc, preview_scale(&built), runner) {
        Ok(p) => p,
        Err(p) => {
            problems.push(p);
            return complaints(studio, order, &problems);
        }
    };
    let pages = pngs.len();
    if want == Want::Page {
        let index = order.page.clamp(1, pages.max(1)) - 1;
        pngs = pngs.into_iter().skip(index).take(1).collect();
    }
    Answer::Preview(Preview { pngs, pages, caption: caption(studio, &built, order.count(), order.ui) })
}

fn complaints(studio: &Studio, order: &Order, problems: &Problems) -> Answer {
    Answer::Complaints(complaint::from_problems(problems, order.ui, &studio.catalogue))
}

/// One pixel per point, rounded (A4 is 595 x 842 pixels).
fn preview_scale(built: &Built) -> Scale {
    match built.doc.pages.first() {
        Some(p) => Scale::fit(p.size, PREVIEW_DPI),
        None => Scale::Dpi(PREVIEW_DPI),
    }
}

/// "Folder A4 (Nederlands, Facebook)", or the first of several.
fn caption(studio: &Studio, o: &Built, count: usize, ui: Ui) -> String {
    let document = studio.catalogue.document(&o.id, ui);
    let w = ui.words();
    let template = if count > 1 { w.preview_of_many } else { w.preview_of };
    template.replace("{document}", &document).replace("{count}", &count.to_string())
}
