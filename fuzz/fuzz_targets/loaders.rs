//! Any text as a campaign, a platform and a layout file: the loaders must
//! answer with problems, never panic. A platform file that loads is then
//! composed with the real Dutch campaign and every real layout, and
//! rendered: that must not panic either.
#![no_main]

use handout::compose::compose;
use handout::diag::Source;
use handout::fonts::Fonts;
use handout::load::content::{Edition, load_campaign, load_platform};
use handout::load::layout::{Layout, load_layout};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

struct Real {
    edition: Edition,
    layouts: Vec<(Layout, Fonts)>,
}

fn real() -> &'static Real {
    static REAL: OnceLock<Real> = OnceLock::new();
    REAL.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut problems = Vec::new();
        let project = handout::project::load(&root, &mut problems);
        let mut editions = project.editions;
        let edition = editions.remove(editions.iter().position(|e| e.id == "nl").expect("data/nl"));
        let mut cache = Default::default();
        let layouts = project
            .layouts
            .into_iter()
            .map(|l| {
                let fonts = Fonts::load(&root.join("fonts"), &l, &mut cache).ok().expect("fonts");
                (l, fonts)
            })
            .collect();
        Real { edition, layouts }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut problems = Vec::new();
    let campaign = load_campaign(Source::new("campaign.toml", text), &mut problems);
    let real = real();
    let platform = load_platform("fuzz".into(), Source::new("fuzz.toml", text), Some(&real.edition.campaign), &mut problems);
    let _ = load_layout("fuzz".into(), Source::new("fuzz-layout.toml", text), &mut problems);
    for p in &problems {
        let _ = handout::diag::render(p, false);
    }
    drop(campaign);
    if let Some(platform) = platform {
        for (layout, fonts) in &real.layouts {
            if let Ok(doc) = compose(layout, fonts, &real.edition, &platform, Default::default()) {
                let _ = handout::render::render(&doc, fonts, None);
            }
        }
    }
});
