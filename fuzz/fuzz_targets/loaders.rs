//! Any text as a campaign, a platform and a layout file: the loaders must
//! answer with problems, never panic. A platform file that loads is then
//! composed with the real Dutch campaign and every real layout, and
//! rendered: that must not panic either.
#![no_main]

use handout::compose::{Handout, compose};
use handout::diag::{Problems, Source};
use handout::fonts::{FontStore, Fonts};
use handout::load::content::{Content, load_campaign, load_platform};
use handout::load::layout::{Layout, load_layout};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

struct Real {
    content: Content,
    layouts: Vec<(Layout, Fonts)>,
}

fn real() -> &'static Real {
    static REAL: OnceLock<Real> = OnceLock::new();
    REAL.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut problems = Problems::new();
        let project = handout::project::load(&root, &mut problems);
        let mut contents = project.contents;
        let content = contents.remove(contents.iter().position(|e| e.id == "nl").expect("data/nl"));
        let mut store = FontStore::new(handout::tree::Tree::Disk(root.clone()));
        let layouts = project
            .layouts
            .into_iter()
            .map(|l| {
                let fonts = store.fonts(&l.fonts, &mut problems).expect("fonts");
                (l, fonts)
            })
            .collect();
        Real { content, layouts }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut problems = Problems::new();
    let campaign = load_campaign(Source::new("campaign.toml", text), &mut problems);
    let real = real();
    let platform = load_platform("fuzz".into(), Source::new("fuzz.toml", text), Some(&real.content.campaign), &mut problems);
    let mut parent = |_: &str, _: &mut Problems| Some(Source::new("parent.toml", text));
    let _ = load_layout("fuzz".into(), Source::new("fuzz-layout.toml", text), &mut parent, &mut problems);
    for p in &problems {
        let _ = handout::diag::render(p, false);
    }
    drop(campaign);
    if let Some(platform) = platform {
        for (layout, fonts) in &real.layouts {
            let h = Handout { layout, fonts, content: &real.content, platform: &platform, edition: Default::default(), org: None };
            if let Some(doc) = compose(&h, &mut problems) {
                let _ = handout::render::render(&doc, &Default::default(), &mut problems);
            }
        }
    }
});
