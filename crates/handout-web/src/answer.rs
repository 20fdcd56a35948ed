//! The one way from a submitted form to what the page answers, wherever it
//! runs: a file to download, pages to look at, what must change and
//! where, or a refusal of a form that cannot be read. `handout serve`
//! (with and without JavaScript) and the browser edition both call
//! [`answer`]; they only wrap what it gives (in HTTP, or for the page's
//! script), so they answer the same form the same way, byte for byte.

use crate::complaint::{self, Complaint};
use crate::form::{Form, Refused};
use crate::order::{Order, OrgForm, field_of, order};
use crate::own::Own;
use crate::own_order::{OwnOrder, own_order};
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
    /// A handout file opened: the editor's fields that show it (200).
    Opened(Vec<(String, String)>),
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
            Answer::File(_) | Answer::Preview(_) | Answer::Opened(_) => 200,
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
            Answer::File(_) | Answer::Preview(_) | Answer::Opened(_) => Vec::new(),
        }
    }
}

/// Answer `form` as `want` asks, for `today`; `runner` says how many
/// things are made at once. The editor's form (`own`) makes a handout of
/// one's own; any other, a campaign's.
pub fn answer(studio: &Studio, form: &Form, want: Want, today: Date, runner: &impl Runner) -> Answer {
    if form.get("own").is_some() {
        return own(studio, form, want, today, runner);
    }
    let order = match order(form, &studio.catalogue) {
        Ok(o) => o,
        Err(r) => return Answer::Refused(r),
    };
    made(studio, &Request::Campaign(&order), want, today, runner)
}

/// The editor's form: open a file, save one, or make its documents.
fn own(studio: &Studio, form: &Form, want: Want, today: Date, runner: &impl Runner) -> Answer {
    if form.get("open").is_some() {
        return open(form);
    }
    let order = match own_order(form, studio) {
        Ok(o) => o,
        Err(r) => return Answer::Refused(r),
    };
    if form.get("save").is_some() && matches!(want, Want::File(_)) {
        let name = format!("{}.toml", order.file.id);
        return Answer::File(File { name, mime: "application/toml", bytes: order.file.text.clone().into_bytes() });
    }
    made(studio, &Request::Own(&order), want, today, runner)
}

/// A handout file read back into the editor's fields.
fn open(form: &Form) -> Answer {
    let Some(text) = form.get("own_file") else {
        return Answer::Refused(Refused::Bad("no handout file was sent to open (`own_file`)".into()));
    };
    match Own::from_toml(text) {
        Ok(own) => Answer::Opened(own.fields()),
        Err(e) => Answer::Refused(Refused::Bad(format!("this is not a handout's file: {e}"))),
    }
}

/// What a request is made of, whichever form it came from.
enum Request<'a> {
    Campaign(&'a Order),
    Own(&'a OwnOrder),
}

impl Request<'_> {
    fn ui(&self) -> Ui {
        match self {
            Request::Campaign(o) => o.ui,
            Request::Own(o) => o.ui,
        }
    }

    fn missing(&self) -> Vec<&'static str> {
        match self {
            Request::Campaign(o) => o.missing(),
            Request::Own(o) => o.missing(),
        }
    }

    fn count(&self) -> usize {
        match self {
            Request::Campaign(o) => o.count(),
            Request::Own(o) => o.count(),
        }
    }

    fn page(&self) -> usize {
        match self {
            Request::Campaign(o) => o.page,
            Request::Own(o) => o.page,
        }
    }

    fn org(&self) -> Option<&OrgForm> {
        match self {
            Request::Campaign(o) => o.org.as_ref(),
            Request::Own(o) => o.org.as_ref(),
        }
    }

    fn make(
        &self,
        studio: &Studio,
        how: (Date, Make),
        limit: usize,
        runner: &impl Runner,
        problems: &mut Problems,
    ) -> Option<Vec<Built>> {
        match self {
            Request::Campaign(o) => studio.make(o, how, limit, runner, problems),
            Request::Own(o) => o.make(studio, how, limit, runner, problems),
        }
    }

    /// The problems, each at its field, in the page's words.
    fn complaints(&self, studio: &Studio, problems: &Problems) -> Answer {
        let (ui, cat) = (self.ui(), &studio.catalogue);
        Answer::Complaints(match self {
            Request::Campaign(_) => complaint::from_problems(problems, ui, cat, &field_of),
            Request::Own(o) => complaint::from_problems(problems, ui, cat, &|l| o.field_of(l)),
        })
    }
}

/// Make what `want` asks of a checked request.
fn made(studio: &Studio, request: &Request, want: Want, today: Date, runner: &impl Runner) -> Answer {
    let missing = request.missing();
    if !missing.is_empty() {
        return Answer::Complaints(complaint::missing(&missing, request.ui()));
    }
    match want {
        Want::File(Delivery::Pdf) if request.count() > 1 => Answer::Refused(Refused::Bad(format!(
            "/pdf makes one document, and this form chooses {}: choose one language, platform and layout, or use /zip",
            request.count()
        ))),
        Want::File(how) => file(studio, request, today, runner, how),
        Want::Page | Want::Pages => preview(studio, request, want, today, runner),
    }
}

/// The request's documents as one file.
fn file(studio: &Studio, request: &Request, today: Date, runner: &impl Runner, how: Delivery) -> Answer {
    let mut problems = Problems::new();
    let make = if how == Delivery::Pdf { Make::Pdf } else { Make::Files };
    let Some(built) = request.make(studio, (today, make), usize::MAX, runner, &mut problems) else {
        return request.complaints(studio, &problems);
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
                let name = match request.org() {
                    Some(org) => format!("handout-{}.zip", org.input.id.get()),
                    None => "handout.zip".to_string(),
                };
                Answer::File(File { name, mime: "application/zip", bytes })
            }
            Err(p) => {
                problems.push(p);
                request.complaints(studio, &problems)
            }
        },
    }
}

/// Page `page` (or every page) of the request's first document.
fn preview(studio: &Studio, request: &Request, want: Want, today: Date, runner: &impl Runner) -> Answer {
    let mut problems = Problems::new();
    let first = request.make(studio, (today, Make::Model), 1, runner, &mut problems).and_then(|mut b| b.pop());
    let Some(built) = first else {
        return request.complaints(studio, &problems);
    };
    let mut pngs = match handout_core::pngs(&built.doc, preview_scale(&built), runner) {
        Ok(p) => p,
        Err(p) => {
            problems.push(p);
            return request.complaints(studio, &problems);
        }
    };
    let pages = pngs.len();
    if want == Want::Page {
        let index = request.page().clamp(1, pages.max(1)) - 1;
        pngs = pngs.into_iter().skip(index).take(1).collect();
    }
    let caption = caption(studio, request, &built, request.count());
    Answer::Preview(Preview { pngs, pages, caption })
}

/// One pixel per point, rounded (A4 is 595 x 842 pixels).
fn preview_scale(built: &Built) -> Scale {
    match built.doc.pages.first() {
        Some(p) => Scale::fit(p.size, PREVIEW_DPI),
        None => Scale::Dpi(PREVIEW_DPI),
    }
}

/// "Folder A4 (Nederlands, Facebook)", or the first of several.
fn caption(studio: &Studio, request: &Request, o: &Built, count: usize) -> String {
    let ui = request.ui();
    let cat = &studio.catalogue;
    let document = match request {
        Request::Campaign(_) => cat.document(&o.id, ui),
        // A handout of one's own: its language and what its code opens.
        Request::Own(own) => {
            let layout = cat.layout(&o.id.layout).map_or(o.id.layout.as_str(), |l| l.name(ui));
            let lang = cat.starters.iter().find(|s| s.id == o.id.lang).map_or(o.id.lang.as_str(), |s| s.name.as_str());
            format!("{layout} ({lang}, {})", own.own.name)
        }
    };
    let w = ui.words();
    let template = if count > 1 { w.preview_of_many } else { w.preview_of };
    template.replace("{document}", &document).replace("{count}", &count.to_string())
}
