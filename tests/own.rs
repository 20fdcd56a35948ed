//! A handout of one's own, as the page's editor makes it (handout_web::own):
//! what was typed becomes a campaign in one file, the studio builds it
//! with the project's layouts, its QR code opens the typed address, the
//! saved file builds the same bytes with `handout build`, and every
//! problem lands at the field that was typed.

mod common;

use common::*;
use handout_core::{Built, Choice, Embedded, InTurn, Kind, LinkIssue, PlanOptions, Problems, Selection, TextIssue};
use handout_web::own::{Own, OwnFile, OwnRoute, Starter};
use handout_web::studio::Studio;
use std::sync::{Arc, OnceLock};

const URL: &str = "https://www.digid.nl/inloggen-basis";

fn studio() -> &'static Studio {
    static STUDIO: OnceLock<Studio> = OnceLock::new();
    STUDIO.get_or_init(|| Studio::open(Arc::new(Embedded)).unwrap_or_else(|_| panic!("the built-in project opens")))
}

fn starter(lang: &str) -> Starter {
    let all = Starter::all(&Embedded).expect("editor/ reads");
    all.into_iter().find(|s| s.id == lang).expect("a starter for the language")
}

/// A Dutch handout of four steps, as a help desk might write it.
fn four_steps() -> Own {
    Own {
        lang: "nl".into(),
        name: "DigiD".into(),
        kicker: "Voor iedereen met een DigiD".into(),
        title: "Inloggen met de DigiD app".into(),
        intro: "Met de DigiD app log je veilig in bij de overheid. Zo zet je hem aan.".into(),
        url: URL.into(),
        qr_caption: starter("nl").start.qr_caption,
        routes: vec![
            OwnRoute {
                title: "In de app".into(),
                steps: vec![
                    "Installeer de **DigiD** app uit de winkel van je telefoon.".into(),
                    "Open de app en tik op **Volgende**.".into(),
                    "Log in met je gebruikersnaam en wachtwoord.".into(),
                    "Kies een pincode van vijf cijfers. Klaar!".into(),
                ],
            },
            OwnRoute {
                title: "Op de computer".into(),
                steps: vec![
                    "Ga naar **mijn.digid.nl** en log in.".into(),
                    "Kies **DigiD app activeren** en volg de stappen.".into(),
                ],
            },
        ],
        advice: "**Tip:** schrijf je pincode nergens op.".into(),
        source: "Gemaakt door Bibliotheek Noord. Niet gemaakt door DigiD.".into(),
        ..Own::default()
    }
}

fn make(own: &Own, layouts: &[&str]) -> (OwnFile, Result<Vec<Built>, Problems>) {
    let file = own.file(&starter(&own.lang));
    let mut opts = PlanOptions::new(BEFORE_DEADLINE);
    opts.selection = Selection { layouts: Choice::only(layouts.iter().copied()), ..Selection::all() };
    let mut problems = Problems::new();
    let built = studio().make_own(&file, (&opts, None), usize::MAX, &InTurn, &mut problems);
    (file, built.ok_or(problems))
}

/// The problems of a handout that must not build, each with its kind and
/// the editor's field it lands at.
fn refused(own: &Own) -> Vec<(Kind, Option<String>)> {
    let (file, built) = make(own, &["flyer-a4", "pocket-cards"]);
    let problems = built.err().expect("refused");
    problems.iter().map(|p| (p.kind, p.loc.as_ref().and_then(|l| file.field_of(l)).map(str::to_string))).collect()
}

#[test]
fn a_four_step_handout_builds_and_its_code_opens_the_typed_address() {
    let (_, built) = make(&four_steps(), &["flyer-a4", "pocket-cards"]);
    let built = built.unwrap_or_else(|p| panic!("{:?}", p.iter().map(ToString::to_string).collect::<Vec<_>>()));
    assert_eq!(built.len(), 2);
    for b in &built {
        let pdf = &b.files[0].1;
        let text = pdf_text(pdf);
        assert!(text.contains("DigiD"), "{}: {text}", b.main);
        let page = &rasterise(pdf, 200.0)[0];
        assert!(decode_qr(page).iter().any(|u| u == URL), "{}: the QR code does not open {URL}", b.main);
    }
    // Runs of text (bold words, the address's bold host) are compared
    // without the spaces the text extraction puts between them.
    let flyer: String = pdf_text(&built[0].files[0].1).split_whitespace().collect();
    for step in ["Installeer de", "Kies een pincode van vijf cijfers", "Inloggen met de DigiD app", URL] {
        let step: String = step.split_whitespace().collect();
        assert!(flyer.contains(&step), "the flyer lacks `{step}`: {flyer}");
    }
}

#[test]
fn the_saved_file_builds_the_same_bytes_with_the_command_line() {
    let (file, built) = make(&four_steps(), &["flyer-a4", "pocket-cards"]);
    let built = built.unwrap_or_else(|_| panic!("builds"));
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    std::fs::write(proj.path().join(format!("campaigns/{}.toml", file.id)), &file.text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (p, o) = (proj.path().to_str().unwrap(), out.path().to_str().unwrap());
    let args = ["build", "--root", p, "--out", o, "--campaign", &file.id, "--layout", "flyer-a4,pocket-cards"];
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    for b in &built {
        let on_disk = std::fs::read(out.path().join(&b.main)).unwrap();
        assert!(on_disk == b.files[0].1, "{} differs from the page's", b.main);
    }
}

#[test]
fn every_refused_link_is_said_at_the_link_field() {
    let long = format!("https://www.digid.nl/{}", "a".repeat(200));
    let cases = [
        ("http://www.digid.nl/", LinkIssue::NotHttps),
        ("javascript:alert(1)", LinkIssue::NotHttps),
        ("https://iemand:geheim@www.digid.nl/", LinkIssue::Credentials),
        ("https://bit.ly/3xyz", LinkIssue::Redirects),
        ("https://www.digid.nl/?next=https://elders.example/", LinkIssue::AddressInQuery),
        (long.as_str(), LinkIssue::TooLong),
    ];
    for (url, issue) in cases {
        let own = Own { url: url.into(), ..four_steps() };
        let said = refused(&own);
        assert!(said.contains(&(Kind::Link(issue), Some("own_url".into()))), "{url}: {said:?}");
    }
}

#[test]
fn a_step_left_empty_or_turned_around_is_said_at_its_field() {
    let mut own = four_steps();
    own.routes[0].steps[1] = String::new();
    own.routes[0].steps[2] = "Ga naar \u{202E}moc.live\u{202C}.".into();
    let said = refused(&own);
    assert!(said.contains(&(Kind::Text(TextIssue::Empty), Some("own_route_1_step_2".into()))), "{said:?}");
    assert!(said.contains(&(Kind::Text(TextIssue::DirectionControl), Some("own_route_1_step_3".into()))), "{said:?}");
}

#[test]
fn a_step_too_long_for_the_pocket_card_says_by_how_much_at_its_field() {
    let mut own = four_steps();
    own.routes[0].steps[2] = "Log in met je gebruikersnaam en wachtwoord, en lees alles goed. ".repeat(8);
    let (file, built) = make(&own, &["pocket-cards"]);
    let problems = built.err().expect("too long for a pocket card");
    let overflow = problems.iter().find(|p| p.kind.shorter_by().is_some()).expect("an overflow");
    let places = overflow.loc.iter().chain(overflow.related.iter().map(|(l, _)| l));
    let fields: Vec<&str> = places.filter_map(|l| file.field_of(l)).collect();
    assert!(fields.contains(&"own_route_1_step_3"), "{overflow}: {fields:?}");
    assert!(overflow.kind.shorter_by().unwrap() >= 5);
}

/// One route is enough: every layout prints it (in each face's first
/// route block), the pocket cards included, and its code opens the link.
#[test]
fn a_handout_of_one_route_builds_in_every_layout() {
    let mut own = four_steps();
    own.routes.truncate(1);
    let layouts = LAYOUTS;
    let (_, built) = make(&own, &layouts);
    let built = built.unwrap_or_else(|p| panic!("{:?}", p.iter().map(ToString::to_string).collect::<Vec<_>>()));
    assert_eq!(built.len(), layouts.len());
    for b in built.iter().filter(|b| b.main.ends_with(".pdf")) {
        let pdf = &b.files[0].1;
        let text: String = pdf_text(pdf).split_whitespace().collect();
        let has_steps = text.contains("Kieseenpincodevanvijfcijfers");
        let poster = b.main.contains("poster");
        assert!(has_steps || poster, "{}: the route is missing: {text}", b.main);
        assert!(!text.contains("Opdecomputer"), "{}", b.main);
    }
}

/// An address the QR block of a layout cannot hold at its size is said at
/// the link, with that layout's limit.
#[test]
fn a_link_too_long_for_the_pocket_card_says_its_limit_at_the_link() {
    let url = format!("https://www.digid.nl/{}", "inloggen-".repeat(10));
    let own = Own { url, ..four_steps() };
    let (file, built) = make(&own, &["pocket-cards"]);
    let problems = built.err().expect("too long for the card");
    let said: Vec<_> = problems.iter().map(|p| (p.kind, p.loc.as_ref().and_then(|l| file.field_of(l)))).collect();
    assert!(said.contains(&(Kind::Link(LinkIssue::TooLongForLayout { max: 80 }), Some("own_url"))), "{said:?}");
    let (_, flyer) = make(&own, &["flyer-a4"]);
    assert!(flyer.is_ok(), "the A4 flyer holds {} characters", own.url.len());
}
