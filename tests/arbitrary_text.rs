//! Property: any step text, however odd (any Unicode, very long words,
//! empty strings, emoji, control characters), either lays out or gives a
//! clean error. Never a panic, never text outside its region.

mod common;

use common::*;
use handout_core::{Handout, Problems, Source, compose, load_platform};
use proptest::prelude::*;

fn platform_file(steps: &[String]) -> String {
    let list: Vec<String> = steps.iter().map(|s| toml::Value::String(s.clone()).to_string()).collect();
    format!(
        "name = \"Facebook\"\nform_url = \"https://www.facebook.com/help/contact/712876720715583\"\n\n\
         [route.browser]\ntitle = \"Op de computer\"\nsteps = [{}]\n\n\
         [route.app]\ntitle = \"In de app\"\nsteps = [{}]\n",
        list.join(", "),
        list.join(", ")
    )
}

fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,300}",
        "[a-zé]{30,90}",
        "(Tik op \\*\\*[A-Za-z ]{1,40}\\*\\* ){1,12}",
        "[\u{1F600}-\u{1F64F}]{1,10}",
        "[\u{0}-\u{1f}]{0,5}x",
        Just(String::new()),
        Just("**".into()),
        Just("{platform}{deadline}{url}".into()),
        Just("\u{202E}Verzenden\u{202C} \u{00AD}\u{200B}".into()),
        // Scripts with their own fonts, and bidi mixes.
        "[\u{0621}-\u{064A} a-z0-9/.،؟]{1,120}",
        "[\u{0410}-\u{044F} A-Za-z\u{2019}]{1,120}",
        "(\u{0628}\u{064A}\u{0646} https://www\\.facebook\\.com/[a-z]{1,30} ){1,4}",
    ]
}

proptest! {
    // PROPTEST_CASES=5000 cargo test --release --test arbitrary_text runs a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_step_text_lays_out_or_fails_cleanly(steps in proptest::collection::vec(odd_text(), 1..4)) {
        let mut problems = Problems::new();
        let proj = load_project(&root(), &mut problems);
        let edition = proj.contents.iter().find(|e| e.campaign.id == "meta-ai" && e.id == "nl").unwrap();
        let source = Source::new("campaigns/meta-ai/nl/facebook.toml", platform_file(&steps));
        let mut problems = Problems::new();
        let Some(platform) = load_platform("facebook".into(), source, (Some(&edition.campaign), &proj.icons), &mut problems) else {
            // Rejected on load: that must come with a located problem.
            prop_assert!(!problems.is_empty());
            prop_assert!(problems.iter().all(|p| p.loc.is_some()), "{:?}", problems);
            return Ok(());
        };
        let mut store = proj.font_store();
        for layout in &proj.layouts {
            let fonts = store.fonts(&layout.fonts, &mut Problems::new()).unwrap();
            let mut ps = Problems::new();
            let h = Handout { layout, fonts: &fonts, content: edition, platform: &platform, edition: Default::default(), org: None };
            match compose(&h, compose_caches(), &mut ps) {
                Some(doc) => {
                    prop_assert!(handout_core::render(&doc, &Default::default(), &Default::default(), &mut ps).is_some(), "{:?}", ps);
                    let body = handout_core::body_size(&doc);
                    prop_assert!(body.0 > 0.0);
                }
                None => {
                    prop_assert!(!ps.is_empty());
                    for p in &ps {
                        let text = handout::report::render(p, false);
                        prop_assert!(!text.is_empty());
                    }
                }
            }
        }
    }
}
