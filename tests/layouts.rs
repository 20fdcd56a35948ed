//! Layouts as a writer of layouts meets them: fitting shrinks text in
//! steps and keeps fit groups together, and a layout can extend another.

mod common;

use common::*;
use handout::make;
use handout_core::{Block, Problems};

/// A layout file with its stacks taken out: every region as rigid as drawn.
fn without_stacks(text: &str) -> String {
    let mut out = Vec::new();
    let mut skip = false;
    for line in text.lines() {
        if line.ends_with(".stack]]") {
            skip = true;
            continue;
        }
        if skip && (line.starts_with("regions = ") || line.starts_with("bottom = ")) {
            continue;
        }
        skip = false;
        out.push(line);
    }
    out.join("\n") + "\n"
}

fn step_sizes(o: &make::Placed) -> Vec<f32> {
    o.built.doc.text_runs().filter(|(_, r)| r.role == "step").map(|(_, r)| r.size.0).collect()
}

#[test]
fn text_shrinks_in_steps_not_below_its_minimum_and_fit_groups_share_one_size() {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    // The app column a little shorter: its steps no longer fit at 13 pt.
    // Without the stack: its neighbours would give it room instead.
    let file = proj.path().join("layouts/flyer-a4.toml");
    let text = without_stacks(&std::fs::read_to_string(&file).unwrap());
    let at = text.find("name = \"route-app\"").unwrap();
    let h = at + text[at..].find("h = 98").unwrap();
    let shorter = format!("{}h = 94{}", &text[..h], &text[h + "h = 98".len()..]);
    assert_ne!(text, shorter);
    std::fs::write(&file, shorter).unwrap();
    let mut opts = options(proj.path(), &proj.path().join("out"));
    opts.plan.selection = handout_core::Selection::one(Some("meta-ai"), Some("nl"), Some("facebook"), Some("flyer-a4"));
    let outcome = make::run(&opts);
    assert!(!outcome.failed(), "{:?}", outcome.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    let sizes = step_sizes(&outcome.documents[0]);
    let first = sizes[0];
    assert!((12.0..13.0).contains(&first), "steps at {first} pt: expected shrunk from 13 but not below 12");
    // Shrinking goes in 2 % steps of the design size.
    let steps = (1.0 - first / 13.0) / 0.02;
    assert!((steps - steps.round()).abs() < 1e-3, "{first} pt is not a 2 % step below 13 pt");
    // Both route columns (fit group "routes") keep one size.
    assert!(sizes.iter().all(|s| (s - first).abs() < 1e-4), "{sizes:?}");
}

#[test]
fn the_print_shop_card_extends_the_pocket_card_and_changes_only_its_differences() {
    let mut problems = Problems::new();
    let proj = load_project(&root(), &mut problems);
    assert!(!problems.has_errors(), "{:?}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    let get = |id: &str| proj.layouts.iter().find(|l| l.id == id).unwrap();
    let (cards, print) = (get("pocket-cards"), get("pocket-card-print"));
    assert!(cards.sheet.is_some() && print.sheet.is_none(), "`sheet = false` removes the sheet");
    assert_eq!(print.page.bleed.0, 3.0);
    assert_eq!(print.page.size, cards.page.size);
    let names: Vec<_> = cards.styles.keys().collect();
    assert_eq!(names, print.styles.keys().collect::<Vec<_>>(), "the same text roles");
    for (side_c, side_p) in cards.faces.iter().zip(&print.faces) {
        let regions_c: Vec<_> = side_c.regions.iter().map(|r| r.name.as_str()).collect();
        let regions_p: Vec<_> = side_p.regions.iter().map(|r| r.name.as_str()).collect();
        // The panel and the band come first (`behind = true`): drawn behind the card.
        assert_eq!(&regions_p[1..], &regions_c[..], "{}", side_c.name);
        assert!(side_p.regions[0].is_panel());
    }
    // Inherited regions keep the place of their definition, in the parent's file.
    let steps = print.faces[1].regions.iter().find(|r| r.name == "steps").unwrap();
    assert!(steps.loc.to_string().starts_with("layouts/pocket-cards.toml:"), "{}", steps.loc);
    assert!(matches!(steps.blocks[0], Block::Route(_)));
}

fn build_with(files: &[(&str, &str)]) -> (String, Option<i32>) {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    for (name, text) in files {
        std::fs::write(proj.path().join(name), text).unwrap();
    }
    let out = proj.path().join("out");
    let r = handout(
        &["build", "--root", proj.path().to_str().unwrap(), "--out", out.to_str().unwrap()],
        BEFORE_DEADLINE_EPOCH,
    );
    assert!(files_under(&out).is_empty(), "nothing is written when a layout is broken");
    (String::from_utf8_lossy(&r.stderr).into_owned(), r.status.code())
}

#[test]
fn a_child_s_problems_point_into_the_file_that_has_them() {
    // A wider page is fine; a broken colour in the child is the child's.
    let child = "extends = \"flyer-a4\"\n[colors]\nnavy = \"#12345\"\n";
    let (stderr, code) = build_with(&[("layouts/flyer-wide.toml", child)]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("layouts/flyer-wide.toml:3:8"), "{stderr}");
    // A page too small for the parent's regions: blamed on the regions,
    // where they are written.
    let child = "extends = \"flyer-a4\"\n[page]\nwidth = 150\nheight = 297\nbackground = \"paper\"\n";
    let (stderr, _) = build_with(&[("layouts/flyer-narrow.toml", child)]);
    assert!(stderr.contains("region `header` lies outside the page"), "{stderr}");
    assert!(stderr.contains("layouts/flyer-a4.toml:"), "{stderr}");
}

#[test]
fn extends_chains_that_loop_or_lead_nowhere_are_errors() {
    let (stderr, code) =
        build_with(&[("layouts/a.toml", "extends = \"b\"\n"), ("layouts/b.toml", "extends = \"a\"\n")]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("extend each other in a circle"), "{stderr}");
    let (stderr, code) = build_with(&[("layouts/c.toml", "extends = \"nothing-here\"\n")]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("extends `nothing-here`, which could not be read"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_deadline_larger_than_the_title_is_fine_but_one_no_larger_than_other_text_is_named() {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    let file = proj.path().join("layouts/flyer-a4.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    // A title smaller than the deadline (28 pt).
    let title = "[text.title]\nweight = \"bold\"\nsize = 30\nmin = 29";
    assert!(text.contains(title));
    std::fs::write(&file, text.replace(title, "[text.title]\nweight = \"bold\"\nsize = 24\nmin = 22")).unwrap();
    let out = proj.path().join("out");
    let args =
        ["build", "--root", proj.path().to_str().unwrap(), "--out", out.to_str().unwrap(), "--layout", "flyer-a4"];
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(!stderr.contains("had to shrink"), "{stderr}");
    // A label as large as the deadline: the message names it.
    let text = std::fs::read_to_string(&file).unwrap();
    let label = "[text.deadline_label]\nweight = \"bold\"\nsize = 16\nmin = 14";
    assert!(text.contains(label));
    std::fs::write(&file, text.replace(label, "[text.deadline_label]\nweight = \"bold\"\nsize = 28\nmin = 28"))
        .unwrap();
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is not larger than `deadline_label` text (28.0 pt)"), "{stderr}");
}

#[test]
fn a_url_that_makes_the_scan_panel_overflow_is_blamed_not_the_caption() {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    // A lower scan panel, which no stack gives room: today's URLs fit,
    // a long one no longer does.
    let file = proj.path().join("layouts/flyer-a4.toml");
    let text = without_stacks(&std::fs::read_to_string(&file).unwrap());
    let scan = "name = \"scan\"\nx = 12\ny = 219\nw = 186\nh = 62";
    assert!(text.contains(scan));
    std::fs::write(&file, text.replace(scan, "name = \"scan\"\nx = 12\ny = 219\nw = 186\nh = 54")).unwrap();
    let fb = proj.path().join("campaigns/meta-ai/nl/facebook.toml");
    let text = std::fs::read_to_string(&fb).unwrap();
    let long = "https://www.facebook.com/help/contact/712876720715583/objection/ai/training/nl/form/";
    std::fs::write(&fb, text.replace("https://www.facebook.com/help/contact/712876720715583", long)).unwrap();
    let out = proj.path().join("out");
    let args = ["build", "--root", proj.path().to_str().unwrap(), "--out", out.to_str().unwrap()];
    let r = handout(&[&args[..], &["--layout", "flyer-a4"]].concat(), BEFORE_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    let line = text.lines().position(|l| l.starts_with("form_url")).unwrap() + 1;
    assert!(stderr.contains(&format!("campaigns/meta-ai/nl/facebook.toml:{line}:")), "blame the URL: {stderr}");
    assert!(stderr.contains("does not fit region `scan`"), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains('×')).collect();
    assert!(errors.iter().all(|l| !l.contains("campaign.toml")), "the caption is not to blame: {errors:?}");
}

#[test]
fn a_problem_shared_by_several_documents_is_reported_once_naming_them() {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    let file = proj.path().join("campaigns/meta-ai/nl/texts.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let long = format!("source = \"{}\"", "Bron: Autoriteit Persoonsgegevens. ".repeat(60));
    let source = text.lines().find(|l| l.starts_with("source = ")).unwrap();
    std::fs::write(&file, text.replace(source, &long)).unwrap();
    let out = proj.path().join("out");
    let args =
        ["build", "--root", proj.path().to_str().unwrap(), "--out", out.to_str().unwrap(), "--layout", "flyer-a4"];
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("does not fit region `footer`").count(), 1, "{stderr}");
    assert!(stderr.contains("in meta-ai/nl/facebook-flyer-a4, meta-ai/nl/instagram-flyer-a4"), "{stderr}");
}

#[test]
fn a_platform_name_too_long_for_the_card_title_is_blamed_in_the_platform_file() {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    let fb = proj.path().join("campaigns/meta-ai/nl/facebook.toml");
    let text = std::fs::read_to_string(&fb).unwrap();
    let long = "Facebook Marketplace, Messenger, WhatsApp en Threads voor bedrijven";
    std::fs::write(&fb, text.replace("name = \"Facebook\"", &format!("name = \"{long}\""))).unwrap();
    let out = proj.path().join("out");
    let args = ["build", "--root", proj.path().to_str().unwrap(), "--out", out.to_str().unwrap()];
    let r = handout(&[&args[..], &["--layout", "pocket-cards", "--lang", "nl"]].concat(), BEFORE_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    let line = text.lines().position(|l| l.starts_with("name = ")).unwrap() + 1;
    assert!(stderr.contains(&format!("campaigns/meta-ai/nl/facebook.toml:{line}:")), "blame the name: {stderr}");
    assert!(stderr.contains(&format!("it is the platform name \"{long}\" that does not fit")), "{stderr}");
}
