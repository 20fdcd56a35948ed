//! Problems as the page shows them: next to the field they are about, led
//! by a sentence in the page's language, followed by the command line's
//! own message (so that staff and whoever helps them see the same words).

use super::order::field_of;
use super::studio::Catalogue;
use super::words::Ui;
use crate::diag::Problem;

/// One thing to change, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Complaint {
    /// The form field it is about; `None`: the form as a whole.
    pub field: Option<String>,
    /// What the page calls that field ("Naam"), for the list at the top.
    pub label: Option<String>,
    /// In the page's language.
    pub text: String,
    /// The command line's message and help (English).
    pub detail: Option<String>,
}

/// A complaint about a field, in the page's own words only.
pub fn plain(field: &str, text: &str) -> Complaint {
    Complaint { field: Some(field.to_string()), label: None, text: text.to_string(), detail: None }
}

/// The fields that chose nothing.
pub fn missing(fields: &[&str], ui: Ui) -> Vec<Complaint> {
    let w = ui.words();
    fields
        .iter()
        .map(|f| {
            let (text, label) = match *f {
                "lang" => (w.missing_lang, w.lang_legend),
                "platform" => (w.missing_platform, w.platform_legend),
                _ => (w.missing_layout, w.layout_legend),
            };
            Complaint { label: Some(label.to_string()), ..plain(f, text) }
        })
        .collect()
}

/// Each problem, at its field.
pub fn from_problems(problems: &[Problem], ui: Ui, cat: &Catalogue) -> Vec<Complaint> {
    let w = ui.words();
    problems
        .iter()
        .map(|p| {
            let field = p.loc.as_ref().and_then(field_of);
            let docs: Vec<String> = p.documents.iter().map(|d| cat.document(d, ui)).collect();
            let text = match (p.overflow, field.as_deref().and_then(|f| explain(f, &p.message, ui))) {
                (Some((needed, available)), _) if needed > 0.0 => {
                    let percent = shorter_by(needed, available);
                    let document = if docs.is_empty() { "?".to_string() } else { docs.join(", ") };
                    w.too_long.replace("{document}", &document).replace("{percent}", &percent.to_string())
                }
                (_, Some(said)) => said.to_string(),
                _ if docs.is_empty() => w.cannot.to_string(),
                _ => format!("{} {}", w.cannot, w.in_documents.replace("{documents}", &docs.join(", "))),
            };
            let label = field.as_deref().map(|f| label(f, ui, cat));
            Complaint { field, label, text, detail: Some(detail(p)) }
        })
        .collect()
}

/// What the page calls a field.
pub fn label(field: &str, ui: Ui, cat: &Catalogue) -> String {
    let w = ui.words();
    match field {
        "lang" => w.lang_legend.into(),
        "platform" => w.platform_legend.into(),
        "layout" => w.layout_legend.into(),
        "org_name" => w.org_name.into(),
        "org_website" => w.org_website.into(),
        "org_logo" => w.org_logo.into(),
        f => match f.strip_prefix("org_help_") {
            Some(lang) => w.org_help.replace("{language}", cat.lang_name(lang)),
            None => w.org_help.replace(" ({language})", ""),
        },
    }
}

/// The organisation checks' messages (load/org.rs, logo.rs) in the
/// page's words: (field prefix, words in the message, Dutch, English).
/// A message not here is led by the general "cannot be used" sentence;
/// a test makes sure every one the page can meet is here.
const EXPLAINED: &[(&str, &str, &str, &str)] = &[
    ("org_name", "is empty", "Vul de naam van je organisatie in.", "Fill in your organisation's name."),
    (
        "org_name",
        "characters long",
        "De naam is te lang: hoogstens 80 tekens.",
        "The name is too long: at most 80 characters.",
    ),
    (
        "org_name",
        "control character",
        "De naam bevat een onzichtbaar stuurteken. Typ hem opnieuw.",
        "The name contains an invisible control character. Type it again.",
    ),
    (
        "org_help",
        "characters long",
        "Een hulptekst is 1 tot 300 tekens lang.",
        "A help text is 1 to 300 characters long.",
    ),
    (
        "org_website",
        "is not a website address",
        "Dit is geen websiteadres. Schrijf het zoals www.bibliotheek.nl.",
        "This is not a website address. Write it like www.library.org.",
    ),
    (
        "org_website",
        "characters long",
        "Het websiteadres is te lang: hoogstens 100 tekens.",
        "The website address is too long: at most 100 characters.",
    ),
    (
        "org_website",
        "user name or password",
        "Het websiteadres mag geen gebruikersnaam of wachtwoord bevatten.",
        "The website address may not contain a user name or password.",
    ),
    (
        "org_website",
        "contains spaces",
        "Het websiteadres mag geen spaties bevatten.",
        "The website address may not contain spaces.",
    ),
    (
        "org_logo",
        "at most 5 MB",
        "Het logo is groter dan 5 MB. Sla het kleiner op, of gebruik SVG.",
        "The logo is larger than 5 MB. Save it smaller, or use SVG.",
    ),
    (
        "org_logo",
        "is not an SVG, PNG or JPEG",
        "Het logo moet een SVG-, PNG- of JPEG-bestand zijn.",
        "The logo must be an SVG, PNG or JPEG file.",
    ),
    (
        "org_logo",
        "is not a PNG or JPEG",
        "Dit bestand is geen PNG- of JPEG-afbeelding, al zegt de naam dat wel.",
        "This file is not a PNG or JPEG image, whatever its name says.",
    ),
    (
        "org_logo",
        "cannot be read as an image",
        "Het logo kan niet gelezen worden: het bestand is misschien beschadigd. Sla het opnieuw op als PNG of JPEG.",
        "The logo cannot be read: the file may be damaged. Save it again as PNG or JPEG.",
    ),
    ("org_logo", "has no pixels", "Het logo is leeg.", "The logo is empty."),
    (
        "org_logo",
        "a side is read",
        "Het logo is te groot: hoogstens 10.000 pixels breed en hoog. Ongeveer 1000 pixels is genoeg.",
        "The logo is too large: at most 10,000 pixels a side. About 1,000 pixels is enough.",
    ),
    (
        "org_logo",
        "would unpack to",
        "Het logo zou uitgepakt te groot worden. Sla het op met ongeveer 1000 pixels breed.",
        "The logo would unpack far too large. Save it at about 1,000 pixels across.",
    ),
    (
        "org_logo",
        "refers to something outside itself",
        "Het SVG-logo verwijst naar iets buiten het bestand (een website of ander bestand). Dat wordt nooit opgehaald: sla het op als zelfstandige SVG.",
        "The SVG logo refers to something outside the file (a web site or another file). That is never fetched: save it as a self-contained SVG.",
    ),
    (
        "org_logo",
        "SVG logo is not UTF-8",
        "Het SVG-logo is geen gewone tekst (UTF-8). Sla het opnieuw op.",
        "The SVG logo is not plain text (UTF-8). Save it again.",
    ),
    (
        "org_logo",
        "SVG logo cannot be read",
        "Het SVG-logo kan niet gelezen worden. Open het in een tekenprogramma en sla het op als gewone SVG.",
        "The SVG logo cannot be read. Open it in a drawing program and save it as plain SVG.",
    ),
    (
        "org_logo",
        "SVG logo has no size",
        "Het SVG-logo heeft geen afmetingen (width, height of viewBox).",
        "The SVG logo has no size (width, height or viewBox).",
    ),
    (
        "org_logo",
        "is not a logo file name",
        "Deze bestandsnaam kan niet: kies het bestand opnieuw.",
        "This file name cannot be used: choose the file again.",
    ),
];

fn explain(field: &str, message: &str, ui: Ui) -> Option<&'static str> {
    EXPLAINED.iter().find(|(f, needle, _, _)| field.starts_with(f) && message.contains(needle)).map(|(_, _, nl, en)| {
        match ui {
            Ui::Nl => *nl,
            Ui::En => *en,
        }
    })
}

/// How much shorter a text must be to fit, in percent rounded up to 5:
/// its height is roughly proportional to its length.
fn shorter_by(needed: f32, available: f32) -> u32 {
    let cut = (1.0 - available / needed).clamp(0.0, 0.95) * 100.0;
    ((cut / 5.0).ceil() as u32 * 5).max(5)
}

fn detail(p: &Problem) -> String {
    let mut s = p.message.clone();
    if let Some(label) = &p.label {
        s.push_str(&format!(" ({label})"));
    }
    if let Some(help) = &p.help {
        s.push_str(&format!(". Help: {help}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_organisation_problem_the_page_can_meet_is_said_in_its_words() {
        use crate::diag::{Loc, Problems, Source};
        use crate::load::At;
        use crate::load::org::{OrgInput, check_org};
        let at = |field: &str, v: &str| {
            let s = Source::new(field, v);
            At::new(v.to_string(), Loc::new(&s, 0..v.len()))
        };
        let svg_out = br#"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image href="https://x.org/a.png"/></svg>"#;
        let long_name = "n".repeat(81);
        let long_help = "h".repeat(301);
        let cases: Vec<(&str, &str, Vec<u8>)> = vec![
            ("", "a.png", Vec::new()),
            (&long_name, "logo.txt", Vec::new()),
            ("a\u{7}b", "a.png", b"not a png".to_vec()),
            ("Bieb", "a.svg", svg_out.to_vec()),
            ("Bieb", "a.svg", b"<svg".to_vec()),
            ("Bieb", "a.svg", vec![0xff, 0xfe]),
            ("Bieb", ".png", Vec::new()),
            ("Bieb", "a.png", vec![0; 6 * 1024 * 1024]),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (name, logo, bytes) in cases {
            for (help, website) in [("", "niet een adres"), (&long_help[..], "https://a:b@x.nl"), ("ok", "www.a b.nl")]
            {
                let input = OrgInput {
                    id: at("org_name", "x"),
                    name: at("org_name", name),
                    logo: Some(at("org_logo", logo)),
                    website: Some(at("org_website", website)),
                    help: [("nl".to_string(), at("org_help_nl", help))].into(),
                    help_loc: at("org_help_nl", help).loc().clone(),
                };
                let mut problems = Problems::new();
                check_org(input, &mut |_| Ok(bytes.clone()), &mut problems);
                for p in &problems {
                    let field = p.loc.as_ref().and_then(field_of).unwrap();
                    let said = explain(&field, &p.message, Ui::Nl);
                    assert!(said.is_some(), "not explained: {field}: {}", p.message);
                    seen.insert(said.unwrap());
                }
            }
        }
        assert!(seen.len() >= 13, "only {} kinds of problem were met: {seen:?}", seen.len());
    }

    #[test]
    fn a_text_twice_too_long_must_lose_half() {
        assert_eq!(shorter_by(20.0, 10.0), 50);
        assert_eq!(shorter_by(10.4, 10.0), 5);
        assert_eq!(shorter_by(100.0, 1.0), 95);
    }
}
