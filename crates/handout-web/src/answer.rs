//! What the page answers, wherever it runs: a file to download, or a
//! preview of a page, or what must change and where. The web server turns
//! these into HTTP responses, the browser edition into what its script
//! shows; both make them here, so they answer the same form the same way,
//! byte for byte.

use crate::complaint::{self, Complaint};
use crate::order::{Order, slug};
use crate::studio::Studio;
use crate::words::Ui;
use handout_core::bundle;
use handout_core::date::Date;
use handout_core::diag::Problems;
use handout_core::plan::{Built, Make, Runner};

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

/// A file to download.
#[derive(Clone, Debug)]
pub struct File {
    /// `nl-facebook-flyer-a4.pdf`, `handout-bibliotheek-noord.zip`: ids
    /// only, so always a safe file name.
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// A page of the order's first document, as an image.
#[derive(Clone, Debug)]
pub struct Preview {
    pub png: Vec<u8>,
    /// How many pages the document has.
    pub pages: usize,
    /// Which document it is, in the page's words.
    pub caption: String,
}

/// The order's documents as one file.
pub fn file(
    studio: &Studio,
    order: &Order,
    today: Date,
    runner: &impl Runner,
    how: Delivery,
) -> Result<File, Vec<Complaint>> {
    let mut problems = Problems::new();
    let make = if how == Delivery::Pdf { Make::Pdf } else { Make::Files };
    let Some(built) = studio.make(order, (today, make), usize::MAX, runner, &mut problems) else {
        return Err(complaint::from_problems(&problems, order.ui, &studio.catalogue));
    };
    // Made with Make::Pdf, a document's one file is its PDF.
    let one_file = how == Delivery::Pdf || (how == Delivery::Either && built.len() == 1 && built[0].files.len() == 1);
    match built.first() {
        Some(o) if one_file => {
            let (path, bytes) = &o.files[0];
            let png = path.ends_with(".png");
            let (ext, mime) = if png { ("png", "image/png") } else { ("pdf", "application/pdf") };
            Ok(File { name: file_name(o, ext), mime, bytes: bytes.clone() })
        }
        _ => match bundle::zip(&built) {
            Ok(bytes) => {
                let name = match &order.org {
                    Some(org) => format!("handout-{}.zip", slug(org.input.name.get())),
                    None => "handout.zip".to_string(),
                };
                Ok(File { name, mime: "application/zip", bytes })
            }
            Err(p) => {
                let mut problems = Problems::new();
                problems.push(p);
                Err(complaint::from_problems(&problems, order.ui, &studio.catalogue))
            }
        },
    }
}

/// Page `order.page` of the order's first document.
pub fn preview(studio: &Studio, order: &Order, today: Date, runner: &impl Runner) -> Result<Preview, Vec<Complaint>> {
    let mut problems = Problems::new();
    match studio.preview(order, today, runner, &mut problems) {
        Some(p) => {
            Ok(Preview { caption: caption(studio, &p.built, order.count(), order.ui), png: p.png, pages: p.pages })
        }
        None => Err(complaint::from_problems(&problems, order.ui, &studio.catalogue)),
    }
}

/// "Folder A4 (Nederlands, Facebook)", or the first of several.
pub fn caption(studio: &Studio, o: &Built, count: usize, ui: Ui) -> String {
    let document = studio.catalogue.document(&o.id, ui);
    let w = ui.words();
    let template = if count > 1 { w.preview_of_many } else { w.preview_of };
    template.replace("{document}", &document).replace("{count}", &count.to_string())
}

/// `nl-facebook-flyer-a4.pdf`.
fn file_name(o: &Built, ext: &str) -> String {
    format!("{}-{}.{ext}", o.id.lang, o.id.file_stem())
}
