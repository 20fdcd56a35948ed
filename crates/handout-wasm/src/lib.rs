//! The browser edition: the web page's work done in the visitor's own
//! browser, as WebAssembly, with the data, layouts and fonts built in. No
//! server makes anything: what is typed and the logo never leave the
//! computer, and once loaded the page needs no network at all.
//!
//! The page's script (`site/worker.js`, in a Web Worker so typing never
//! waits) hands over the form as `application/x-www-form-urlencoded` text,
//! the chosen logo's name and bytes, and today's date in the visitor's own
//! calendar; it gets back what was [`Made`]: a file to download, a preview
//! page, or what must change and where. Everything between is the same
//! code `handout serve` runs (`handout_web::answer`), so the same form on
//! the same day gives the same bytes.

use handout_core::{Date, Embedded, InTurn};
use handout_web::answer::{self, Answer, Delivery, Want};
use handout_web::complaint;
use handout_web::form::{self, Form, Refused};
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
pub struct Made {
    /// As an HTTP status would say: 200 made, 400 a form that cannot be
    /// read, 413 one too large, 422 something to change (see `errors`).
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
impl Made {
    /// The file, or the preview's PNG (taken: asking again gives nothing).
    #[wasm_bindgen(js_name = takeBytes)]
    pub fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.bytes)
    }
}

impl Made {
    /// What the page's script needs of an answer to a form in `ui`.
    fn from(answer: Answer, ui: Ui) -> Made {
        let mut made = Made {
            status: answer.status(),
            name: String::new(),
            mime: String::new(),
            caption: String::new(),
            pages: 0,
            errors: String::new(),
            bytes: Vec::new(),
        };
        match answer {
            Answer::File(f) => (made.name, made.mime, made.pages, made.bytes) = (f.name, f.mime.into(), 1, f.bytes),
            Answer::Preview(p) => {
                made.mime = "image/png".into();
                made.pages = p.pages as u32;
                made.caption = p.caption;
                made.bytes = p.pngs.into_iter().next().unwrap_or_default();
            }
            // A handout file opened: its fields for the page to fill in.
            Answer::Opened(fields) => {
                made.mime = "application/json".into();
                made.bytes = handout_web::own::fields_json(&fields).into_bytes();
            }
            refused => made.errors = complaint::to_json(&refused.complaints(ui)),
        }
        made
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
    pub fn preview(&self, fields: &str, logo_name: Option<String>, logo: Option<Vec<u8>>, today: &str) -> Made {
        self.answer(Want::Page, fields, (logo_name, logo), today)
    }

    /// The form's documents to save: one as its file, more as a ZIP.
    pub fn download(&self, fields: &str, logo_name: Option<String>, logo: Option<Vec<u8>>, today: &str) -> Made {
        self.answer(Want::File(Delivery::Either), fields, (logo_name, logo), today)
    }
}

impl Maker {
    /// The form's text fields (urlencoded) with the logo beside them,
    /// answered as the web server answers them.
    fn answer(&self, want: Want, fields: &str, logo: (Option<String>, Option<Vec<u8>>), today: &str) -> Made {
        let form = form::from_urlencoded(fields.as_bytes()).and_then(|mut f: Form| {
            f.attach_logo(logo.0, logo.1.unwrap_or_default())?;
            Ok(f)
        });
        let ui = form.as_ref().map_or(Ui::Nl, Ui::from_form);
        let today: Result<Date, Refused> = today.parse().map_err(Refused::Bad);
        let answer = match (form, today) {
            (Ok(form), Ok(today)) => answer::answer(&self.studio, &form, want, today, &InTurn),
            (Err(r), _) | (_, Err(r)) => Answer::Refused(r),
        };
        Made::from(answer, ui)
    }
}

/// The page's language, for a script that has only the form.
#[wasm_bindgen(js_name = uiOf)]
pub fn ui_of(fields: &str) -> String {
    form::from_urlencoded(fields.as_bytes()).map(|f| Ui::from_form(&f).id().to_string()).unwrap_or_else(|_| "nl".into())
}
