//! Any request body as the web page's form, sent as urlencoded or as
//! multipart (the first byte chooses, with a boundary the body may or may
//! not use): reading it answers with a form or a refusal, never a panic. A
//! form that reads is checked against the real project as an order, its
//! problems worded for the page, and the page drawn with it.
#![no_main]

use handout_core::date::Date;
use handout_core::diag::Problems;
use handout_core::files::Embedded;
use handout_web::catalogue::Catalogue;
use handout_web::page::{self, Page, Site};
use handout_web::studio::Studio;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

fn studio() -> &'static (Studio, Catalogue) {
    static STUDIO: OnceLock<(Studio, Catalogue)> = OnceLock::new();
    STUDIO.get_or_init(|| {
        let studio = Studio::open(Arc::new(Embedded)).unwrap_or_else(|_| panic!("the built-in project opens"));
        let catalogue = Catalogue::new(&studio.project);
        (studio, catalogue)
    })
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
    let (studio, catalogue) = studio();
    let Ok(order) = handout_web::order::order(&form, &studio.project) else { return };
    let _ = order.selection();
    let today = Date { year: 2025, month: 5, day: 20 };
    let mut problems = Problems::new();
    if let Some(org) = &order.org {
        let logo = org.logo.clone();
        let mut read = |_: &str| Ok(logo.as_ref().map(|b| b.to_vec()).unwrap_or_default());
        let _ = handout_core::load::org::check_org(org.input.clone(), &mut read, &mut problems);
    }
    let complaints = handout_web::complaint::from_problems(&problems, order.ui, catalogue);
    let page = Page { site: Site::Server, ui: order.ui, form: Some(&form), complaints, preview: None, today };
    let _ = page::render(&page, &studio.project, catalogue);
});
