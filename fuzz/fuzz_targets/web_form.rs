//! Any request body as the web page's form, sent as urlencoded or as
//! multipart (the first byte chooses, with a boundary the body may or may
//! not use): reading it answers with a form or a refusal, never a panic. A
//! form that reads is answered as the page answers it (the order checked
//! against the real project, the organisation's values and logo checked,
//! the first document composed and painted), its problems worded for the
//! page, and the page drawn with them.
#![no_main]

use handout_core::{Date, Embedded, InTurn};
use handout_web::answer::{self, Want};
use handout_web::page::{self, Page, Site};
use handout_web::studio::Studio;
use handout_web::words::Ui;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

fn studio() -> &'static Studio {
    static STUDIO: OnceLock<Studio> = OnceLock::new();
    STUDIO.get_or_init(|| Studio::open(Arc::new(Embedded)).unwrap_or_else(|_| panic!("the built-in project opens")))
}

fuzz_target!(|data: &[u8]| {
    let Some((kind, body)) = data.split_first() else { return };
    let content_type = match kind % 4 {
        0 => "application/x-www-form-urlencoded",
        1 => "multipart/form-data; boundary=X",
        2 => "multipart/form-data; boundary=\"----b\"",
        _ => "",
    };
    let Ok(form) = handout_web::form::parse(content_type, body) else { return };
    let studio = studio();
    let today = Date { year: 2025, month: 5, day: 20 };
    let made = answer::answer(studio, &form, Want::Page, today, &InTurn);
    let ui = Ui::from_form(&form);
    let preview = match &made {
        answer::Answer::Preview(p) => Some(p),
        _ => None,
    };
    let campaign = form.get("campaign");
    let own = form.get("own").is_some();
    let page = Page { site: Site::Server, ui, campaign, own, form: Some(&form), complaints: made.complaints(ui), preview, today };
    let _ = page::render(&page, &studio.catalogue);
});
