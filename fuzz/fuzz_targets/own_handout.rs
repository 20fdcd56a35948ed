//! A handout of one's own, typed by a stranger: the input's parts (split at
//! 0xFF bytes, read as UTF-8 with losses replaced) fill the editor's
//! fields, the first byte picks the language, the layout and how many
//! steps each route has. The form is answered as the page answers a
//! download, all the way to the PDF's bytes: every text reaches the shaper,
//! the line breaker, the fitter and krilla; a problem is worded for the
//! page. And the file the editor saves, opened again, gives back exactly
//! the fields that were typed.
#![no_main]

use handout_core::{Date, Embedded, InTurn};
use handout_web::answer::{self, Answer, Delivery, Want};
use handout_web::form::{Form, MAX_TEXT};
use handout_web::own::Own;
use handout_web::studio::Studio;
use handout_web::words::Ui;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

fn studio() -> &'static Studio {
    static STUDIO: OnceLock<Studio> = OnceLock::new();
    STUDIO.get_or_init(|| Studio::open(Arc::new(Embedded)).unwrap_or_else(|_| panic!("the built-in project opens")))
}

/// The fields typed, in the order the input's parts fill them.
const TYPED: [&str; 11] = [
    "own_title",
    "own_kicker",
    "own_intro",
    "own_name",
    "own_url",
    "own_qr_caption",
    "own_advice",
    "own_source",
    "own_deadline",
    "own_deadline_label",
    "own_deadline_note",
];
const LAYOUTS: [&str; 4] = ["flyer-a4", "pocket-cards", "flyer-a5", "screen-16x9"];

fuzz_target!(|data: &[u8]| {
    let Some((pick, rest)) = data.split_first() else { return };
    let mut parts = rest.split(|b| *b == 0xFF).map(|p| {
        let text = String::from_utf8_lossy(&p[..p.len().min(MAX_TEXT)]).replace('\0', "");
        text.trim().to_string()
    });
    let mut texts = vec![
        ("own".to_string(), "1".to_string()),
        ("ui".to_string(), if pick & 1 == 0 { "nl" } else { "en" }.to_string()),
        ("own_lang".to_string(), if pick & 2 == 0 { "nl" } else { "en" }.to_string()),
        ("layout".to_string(), LAYOUTS[usize::from(pick >> 2) % LAYOUTS.len()].to_string()),
    ];
    for field in TYPED {
        let value = parts.next().unwrap_or_default();
        // Most links a stranger types are addresses: keep most of them so.
        let value = if field == "own_url" && pick & 0x80 == 0 { format!("https://www.example.org/{value}") } else { value };
        texts.push((field.to_string(), value));
    }
    for (route, steps) in [(1, 1 + usize::from(pick >> 4 & 3)), (2, usize::from(pick >> 6 & 1) * 2)] {
        texts.push((format!("own_route_{route}_title"), parts.next().unwrap_or_default()));
        for n in 1..=steps {
            texts.push((format!("own_route_{route}_step_{n}"), parts.next().unwrap_or_default()));
        }
    }
    let form = Form { texts, logo: None };
    let studio = studio();
    let today = Date { year: 2025, month: 5, day: 20 };
    match answer::answer(studio, &form, Want::File(Delivery::Pdf), today, &InTurn) {
        Answer::File(f) => assert!(f.bytes.starts_with(b"%PDF") || f.bytes.starts_with(b"\x89PNG")),
        made => {
            let _ = made.complaints(Ui::from_form(&form));
        }
    }
    // Saved and opened again: the same fields.
    let own = Own::from_form(&form);
    let Some(starter) = studio.catalogue.starters.iter().find(|s| s.id == own.lang) else { return };
    let file = own.file(starter);
    let opened = Own::from_toml(&file.text).expect("the editor's own file opens");
    let typed_routes: Vec<_> = own.routes.iter().filter(|r| !r.title.is_empty() || !r.steps.is_empty()).collect();
    assert_eq!((&opened.title, &opened.url, &opened.deadline), (&own.title, &own.url, &own.deadline));
    assert_eq!(opened.routes.len(), typed_routes.len().max(1));
    for (a, b) in opened.routes.iter().zip(&own.routes) {
        assert_eq!(a, b);
    }
});
