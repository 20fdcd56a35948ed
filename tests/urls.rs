//! Every allowed form URL builds in every shipped layout, up to the
//! layout's `max_url`: the QR code sizes itself to the room it has (quiet
//! zone included), and the URL beside or under it takes the lines it needs.
//! A longer URL is an error in the platform file that names the layout and
//! its limit. The QR code still scans at both ends of the range.

mod common;

use common::*;
use handout_core::{Edition, Fonts, Handout, Layout, Platform, Problems, Project, Source, compose, load_platform};
use proptest::prelude::*;
use std::sync::OnceLock;

/// The shipped layouts must hold at least this long a URL: form addresses
/// change, and new campaigns bring longer ones.
const SHIPPED_MIN_MAX_URL: usize = 80;

struct Shipped {
    project: Project,
    fonts: Vec<Fonts>,
    /// The example library: layouts change with an organisation.
    org: handout_core::Org,
}

fn shipped() -> &'static Shipped {
    static S: OnceLock<Shipped> = OnceLock::new();
    S.get_or_init(|| {
        let mut problems = Problems::new();
        let project = load_project(&root(), &mut problems);
        assert!(!problems.has_errors(), "{:?}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        let mut store = project.font_store();
        let fonts = project.layouts.iter().map(|l| store.fonts(&l.fonts, &mut problems).unwrap()).collect();
        let choice = handout::orgs::OrgChoice::Ids(vec!["bibliotheek-voorbeeldstad".into()]);
        let org = handout::orgs::load_orgs(&root(), &choice, &mut problems).pop().unwrap().org.unwrap();
        Shipped { project, fonts, org }
    })
}

/// The Facebook platform of a language with another form URL.
fn platform_with(lang: &str, url: &str) -> Platform {
    let content = shipped().project.contents.iter().find(|c| c.campaign.id == "meta-ai" && c.id == lang).unwrap();
    let file = root().join("campaigns/meta-ai").join(lang).join("facebook.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let line = text.lines().find(|l| l.starts_with("form_url")).unwrap();
    let text = text.replace(line, &format!("form_url = \"{url}\""));
    let mut problems = Problems::new();
    let source = Source::new(format!("campaigns/meta-ai/{lang}/facebook.toml"), text);
    let platform =
        load_platform("facebook".into(), source, (Some(&content.campaign), &shipped().project.icons), &mut problems);
    platform.unwrap_or_else(|| panic!("{url}: {:?}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>()))
}

fn compose_with(layout: &Layout, fonts: &Fonts, lang: &str, url: &str) -> Result<handout_core::Document, String> {
    compose_for(layout, fonts, lang, url, false)
}

fn compose_for(
    layout: &Layout,
    fonts: &Fonts,
    lang: &str,
    url: &str,
    org: bool,
) -> Result<handout_core::Document, String> {
    let content = shipped().project.contents.iter().find(|c| c.campaign.id == "meta-ai" && c.id == lang).unwrap();
    let platform = platform_with(lang, url);
    let org = org.then_some(&shipped().org);
    let layout = layout.for_org(org.is_some());
    let h = Handout { layout, fonts, content, platform: &platform, edition: Edition::Deadline, org };
    let mut problems = Problems::new();
    compose(&h, compose_caches(), &mut problems)
        .ok_or_else(|| problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))
}

/// An allowed form URL of exactly `len` bytes, its path drawn from `path`.
fn url_of(host: &str, path: &str, len: usize) -> String {
    let base = format!("https://{host}/");
    let mut url = base.clone();
    url.extend(path.chars().cycle().take(len - base.len()));
    url
}

fn path_chars() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]{1,60}",
        "[A-Z0-9]{1,60}",
        "[0-9]{1,60}",
        "[a-zA-Z0-9/._~-]{1,60}",
        "(help/contact/[0-9]{5,20}/?){1,3}",
    ]
}

#[test]
fn shipped_layouts_hold_urls_of_at_least_80_characters() {
    for layout in &shipped().project.layouts {
        for l in [layout, layout.for_org(true)] {
            assert!(l.qr.max_url >= SHIPPED_MIN_MAX_URL, "{} holds only {} characters", l.id, l.qr.max_url);
        }
    }
}

proptest! {
    // PROPTEST_CASES=2000 cargo test --release --test urls runs a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_allowed_url_up_to_max_url_builds_in_every_layout(
        path in path_chars(),
        fraction in 0.0f64..=1.0,
        instagram in any::<bool>(),
        org in any::<bool>(),
    ) {
        let host = if instagram { "help.instagram.com" } else { "www.facebook.com" };
        let s = shipped();
        for (layout, fonts) in s.project.layouts.iter().zip(&s.fonts) {
            let max_url = layout.for_org(org).qr.max_url;
            let shortest = format!("https://{host}/").len() + 1;
            let len = shortest + ((max_url - shortest) as f64 * fraction).round() as usize;
            let url = url_of(host, &path, len);
            for lang in ["nl", "en"] {
                let doc = compose_for(layout, fonts, lang, &url, org)
                    .map_err(|e| TestCaseError::fail(format!("{} (org: {org}) {lang} {url}: {e}", layout.id)))?;
                let (_, qr) = doc.qr_symbols().next().expect("a QR code");
                prop_assert_eq!(&qr.data, &url);
                let spec = &layout.for_org(org).qr;
                prop_assert!(qr.module >= spec.min_module);
                prop_assert!(qr.symbol().w.0 <= spec.size.0 + 1e-3 && qr.symbol().w.0 >= spec.min_size.0 - 1e-3);
            }
        }
    }

    #[test]
    fn a_url_longer_than_max_url_is_the_platform_file_s_error(extra in 1usize..60, path in path_chars()) {
        let s = shipped();
        for (layout, fonts) in s.project.layouts.iter().zip(&s.fonts) {
            let len = (layout.qr.max_url + extra).min(200);
            if len <= layout.qr.max_url {
                continue;
            }
            let url = url_of("www.facebook.com", &path, len);
            let err = compose_with(layout, fonts, "nl", &url).expect_err("too long a URL must not build");
            prop_assert!(err.starts_with("campaigns/meta-ai/nl/facebook.toml:"), "{err}");
            let holds = format!("layout `{}` holds at most {}", layout.id, layout.qr.max_url);
            prop_assert!(err.contains(&holds), "{err}");
        }
    }
}

#[test]
fn the_shortest_and_the_longest_url_build_in_every_layout_with_and_without_an_organisation() {
    let s = shipped();
    for (layout, fonts) in s.project.layouts.iter().zip(&s.fonts) {
        for org in [false, true] {
            let max = layout.for_org(org).qr.max_url;
            for path in ["a", "A", "0", "help/contact/0123456789/", "MMMMWWWW"] {
                for url in ["https://facebook.com".to_string(), url_of("www.facebook.com", path, max)] {
                    for lang in ["nl", "en"] {
                        compose_for(layout, fonts, lang, &url, org)
                            .unwrap_or_else(|e| panic!("{} (org: {org}) {lang} {url}: {e}", layout.id));
                    }
                }
            }
        }
    }
}

#[test]
fn the_shortest_and_the_longest_url_scan_from_the_printed_page() {
    let s = shipped();
    for (layout, fonts) in s.project.layouts.iter().zip(&s.fonts) {
        for url in [
            "https://facebook.com".to_string(),
            url_of("www.facebook.com", "help/contact/0123456789/", layout.qr.max_url),
        ] {
            let doc = compose_with(layout, fonts, "nl", &url).unwrap_or_else(|e| panic!("{} {url}: {e}", layout.id));
            let pdf =
                handout_core::render(&doc, &Default::default(), &Default::default(), &mut Problems::new()).unwrap();
            let found = decode_qr(&rasterise(&pdf, 150.0)[0]);
            assert!(!found.is_empty() && found.iter().all(|u| *u == url), "{} {url}: decoded {found:?}", layout.id);
        }
    }
}
