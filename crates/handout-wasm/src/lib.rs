//! The browser edition: the web page's work done in the visitor's own
//! browser, as WebAssembly, with the data, layouts and fonts built in. No
//! server makes anything: what is typed and the logo never leave the
//! computer, and once loaded the page needs no network at all.
//!
//! The page's script (`site/worker.js`, in a Web Worker so typing never
//! waits) hands over the form as `application/x-www-form-urlencoded` text,
//! the chosen logo's name and bytes, and today's date in the visitor's own
//! calendar; it gets back an [`Answer`]: a file to download, a preview
//! page, or what must change and where. Everything between is the same
//! code `handout serve` runs (`handout_web::answer`), so the same form on
//! the same day gives the same bytes.

use handout_core::date::Date;
use handout_core::files::Embedded;
use handout_core::plan::InTurn;
use handout_web::answer::{self, Delivery};
use handout_web::complaint::{self, Complaint};
use handout_web::form::{self, Form, Refused};
use handout_web::order::{Order, order};
use handout_web::studio::Studio;
use handout_web::words::Ui;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// The built-in project, read once, and everything it makes.
#[wasm_bindgen]
pub struct Maker {
    studio: Studio,
}

/// What the page shows or saves.
#[wasm_bindgen(getter_with_clone)]
pub struct Answer {
    /// As an HTTP status would say: 200 made, 400 a form that cannot be
    /// read, 422 something to change (see `errors`).
    pub status: u16,
    /// The file's name and type, for a download.
    pub name: String,
    pub mime: String,
    /// For a preview: which document, and how many pages it has.
    pub caption: String,
    pub pages: u32,
    /// `{"errors": [{"field", "label", "message", "detail"}]}`, as the web
    /// server answers its page's script.
    pub errors: String,
    bytes: Vec<u8>,
}

#[wasm_bindgen]
impl Answer {
    /// The file, or the preview's PNG (taken: asking again gives nothing).
    #[wasm_bindgen(js_name = takeBytes)]
    pub fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.bytes)
    }
}

impl Answer {
    fn made(name: String, mime: &str, caption: String, pages: usize, bytes: Vec<u8>) -> Answer {
        Answer { status: 200, name, mime: mime.into(), caption, pages: pages as u32, errors: String::new(), bytes }
    }

    fn refused(status: u16, complaints: &[Complaint]) -> Answer {
        let errors = complaint::to_json(complaints);
        Answer {
            status,
            name: String::new(),
            mime: String::new(),
            caption: String::new(),
            pages: 0,
            errors,
            bytes: Vec::new(),
        }
    }
}

#[wasm_bindgen]
impl Maker {
    /// Read the built-in project.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Maker, JsError> {
        let studio = Studio::open(Arc::new(Embedded)).map_err(|problems| {
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            JsError::new(&format!("the built-in project cannot be read: {}", shown.join("; ")))
        })?;
        Ok(Maker { studio })
    }

    /// Page `page` of the form's first document, as PNG.
    pub fn preview(&self, fields: &str, logo_name: Option<String>, logo: Option<Vec<u8>>, today: &str) -> Answer {
        match self.order(fields, logo_name, logo, today) {
            Err(a) => *a,
            Ok((order, today)) => match answer::preview(&self.studio, &order, today, &InTurn) {
                Ok(p) => Answer::made(String::new(), "image/png", p.caption, p.pages, p.png),
                Err(complaints) => Answer::refused(422, &complaints),
            },
        }
    }

    /// The form's documents to save: one as its file, more as a ZIP.
    pub fn download(&self, fields: &str, logo_name: Option<String>, logo: Option<Vec<u8>>, today: &str) -> Answer {
        match self.order(fields, logo_name, logo, today) {
            Err(a) => *a,
            Ok((order, today)) => match answer::file(&self.studio, &order, today, &InTurn, Delivery::Either) {
                Ok(f) => Answer::made(f.name, f.mime, String::new(), 1, f.bytes),
                Err(complaints) => Answer::refused(422, &complaints),
            },
        }
    }
}

impl Maker {
    /// The order the form makes, checked as the web server checks it.
    fn order(
        &self,
        fields: &str,
        logo_name: Option<String>,
        logo: Option<Vec<u8>>,
        today: &str,
    ) -> Result<(Order, Date), Box<Answer>> {
        let bad = |m: String| {
            Box::new(Answer::refused(400, &[Complaint { field: None, label: None, text: m, detail: None }]))
        };
        let today: Date = today.parse().map_err(bad)?;
        let mut form: Form = form::from_urlencoded(fields.as_bytes()).map_err(|r| bad(refusal(r)))?;
        if let Some(bytes) = logo.filter(|b| !b.is_empty() || logo_name.as_deref().is_some_and(|n| !n.is_empty())) {
            if bytes.len() > form::MAX_BODY {
                return Err(bad(refusal(Refused::TooLarge)));
            }
            form.logo = Some((logo_name.unwrap_or_default(), Arc::from(bytes)));
        }
        let order = order(&form, &self.studio.project).map_err(|r| bad(refusal(r)))?;
        let missing = order.missing();
        if !missing.is_empty() {
            return Err(Box::new(Answer::refused(422, &complaint::missing(&missing, order.ui))));
        }
        Ok((order, today))
    }
}

/// A form that cannot be read, said as the web server says it.
fn refusal(r: Refused) -> String {
    match r {
        Refused::Bad(m) => m,
        Refused::TooLarge => format!(
            "the form is larger than {} MB: a logo may be at most 5 MB; save it smaller, or use SVG",
            form::MAX_BODY / (1024 * 1024)
        ),
    }
}

/// The page's language, for a script that has only the form.
#[wasm_bindgen(js_name = uiOf)]
pub fn ui_of(fields: &str) -> String {
    form::from_urlencoded(fields.as_bytes()).map(|f| Ui::from_form(&f).id().to_string()).unwrap_or_else(|_| "nl".into())
}
