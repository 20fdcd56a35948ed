//! Any text as a campaign's own file, a language's texts, a platform and a
//! layout file: the loaders must answer with problems, never panic. A
//! platform file that loads is then composed with Meta's real Dutch
//! content and every real layout, and rendered: that must not panic either.
#![no_main]

use handout_core::{
    ComposeCaches, Content, Embedded, Fonts, Handout, Icons, Layout, Problems, Selection, Source, compose, load_campaign,
    load_layout, load_platform, load_texts,
};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

struct Real {
    content: Content,
    layouts: Vec<(Layout, Fonts)>,
    icons: Arc<Icons>,
    caches: ComposeCaches,
}

fn real() -> &'static Real {
    static REAL: OnceLock<Real> = OnceLock::new();
    REAL.get_or_init(|| {
        let mut problems = Problems::new();
        let project = handout_core::load_project(Arc::new(Embedded), &Selection::all(), &mut problems);
        let mut store = project.font_store();
        let icons = Arc::clone(&project.icons);
        let layouts = project
            .layouts
            .into_iter()
            .map(|l| {
                let fonts = store.fonts(&l.fonts, &mut problems).expect("fonts");
                (l, fonts)
            })
            .collect();
        let mut contents = project.contents;
        let content = contents.remove(contents.iter().position(|e| e.campaign.id == "meta-ai" && e.id == "nl").expect("meta-ai/nl"));
        Real { content, layouts, icons, caches: ComposeCaches::default() }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut problems = Problems::new();
    let campaign = load_campaign("fuzz".into(), Source::new("campaign.toml", text), &mut problems);
    let real = real();
    let texts = load_texts(Source::new("texts.toml", text), &real.icons, &mut problems);
    let platform = load_platform(
        "fuzz".into(),
        Source::new("fuzz.toml", text),
        (Some(&real.content.campaign), &real.icons),
        &mut problems,
    );
    let mut parent = |_: &str, _: &mut Problems| Some(Source::new("parent.toml", text));
    let _ = load_layout("fuzz".into(), Source::new("fuzz-layout.toml", text), &mut parent, &mut problems);
    for p in &problems {
        let _ = p.to_string();
    }
    drop((campaign, texts));
    if let Some(platform) = platform {
        for (layout, fonts) in &real.layouts {
            let h = Handout {
                layout,
                fonts,
                content: &real.content,
                platform: &platform,
                edition: Default::default(),
                org: None,
            };
            if let Some(doc) = compose(&h, &real.caches, &mut problems) {
                let _ = handout_core::render(&doc, &Default::default(), &Default::default(), &mut problems);
            }
        }
    }
});
