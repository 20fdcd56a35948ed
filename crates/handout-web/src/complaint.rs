//! Problems as the page shows them: next to the field they are about, in
//! the page's language only. The sentence comes from the problem's
//! [`Kind`] and its fields, never from its English message: rewording a
//! message cannot change what the page says. The command line's message
//! goes along as `detail`, for programs that send the form (the JSON and
//! plain-text answers), not for the page.

use crate::catalogue::Catalogue;
use crate::form::Refused;
use crate::words::Ui;
use handout_core::{
    Kind, LinkIssue, Loc, LogoIssue, MAX_HELP, MAX_NAME, MAX_URL_LEN, MAX_WEBSITE, OrgIssue, Problem, Problems,
    TextIssue,
};

/// One thing to change, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Complaint {
    /// The form field it is about; `None`: the form as a whole.
    pub field: Option<String>,
    /// What the page calls that field ("Naam"), for the list at the top.
    pub label: Option<String>,
    /// In the page's language.
    pub text: String,
    /// The command line's message and help (English), for programs that
    /// send the form; the page does not show it.
    pub detail: Option<String>,
}

/// Complaints as the page's script reads them:
/// `{"errors": [{"field", "label", "message", "detail"}]}`.
pub fn to_json(complaints: &[Complaint]) -> String {
    let errors: Vec<serde_json::Value> = complaints
        .iter()
        .map(|c| serde_json::json!({ "field": c.field, "label": c.label, "message": c.text, "detail": c.detail }))
        .collect();
    serde_json::json!({ "errors": errors }).to_string()
}

/// Complaints as plain text, a line each with its field and the English
/// detail under it (for programs and people using the API with curl).
pub fn to_text(complaints: &[Complaint]) -> String {
    let lines: Vec<String> = complaints
        .iter()
        .map(|c| {
            let field = c.field.as_deref().unwrap_or("form");
            let detail = c.detail.as_deref().map(|d| format!("\n  {d}")).unwrap_or_default();
            format!("{field}: {}{detail}", c.text)
        })
        .collect();
    lines.join("\n")
}

/// A form that cannot be read, in the page's words.
pub fn refused(r: &Refused, ui: Ui) -> Complaint {
    let w = ui.words();
    let text = match r {
        Refused::Bad(_) => w.refused_bad,
        Refused::TooLarge => w.refused_too_large,
    };
    Complaint { field: None, label: None, text: text.to_string(), detail: Some(r.message()) }
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

/// Each problem, at the field `field_of` finds for its place.
pub fn from_problems(
    problems: &Problems,
    ui: Ui,
    cat: &Catalogue,
    field_of: &dyn Fn(&Loc) -> Option<String>,
) -> Vec<Complaint> {
    problems
        .iter()
        .map(|p| {
            let field = p.loc.as_ref().and_then(field_of);
            let docs: Vec<String> = p.documents.iter().map(|d| cat.document(d, ui)).collect();
            let text = said(p.kind, ui, &docs);
            let label = field.as_deref().map(|f| label(f, ui, cat));
            Complaint { field, label, text, detail: Some(detail(p)) }
        })
        .collect()
}

/// What a problem is, in the page's words, with the documents it was met
/// in where that matters.
fn said(kind: Kind, ui: Ui, docs: &[String]) -> String {
    let w = ui.words();
    let document = if docs.is_empty() { "?".to_string() } else { docs.join(", ") };
    if let Some(percent) = kind.shorter_by() {
        return w.too_long.replace("{document}", &document).replace("{percent}", &percent.to_string());
    }
    let (nl, en) = match kind {
        Kind::Org(issue) => org_words(issue),
        Kind::Logo(issue) => logo_words(issue),
        Kind::Text(issue) => text_words(issue),
        Kind::Link(LinkIssue::TooLongForLayout { max }) => {
            let (nl, en) = (
                "Dit adres is te lang voor de QR-code van {document}: hoogstens {max} tekens. Kies een korter adres van dezelfde website, of een andere vorm.",
                "This address is too long for the QR code of {document}: at most {max} characters. Choose a shorter address on the same website, or another kind of handout.",
            );
            let text = if ui == Ui::Nl { nl } else { en };
            return text.replace("{document}", &document).replace("{max}", &max.to_string());
        }
        Kind::Link(issue) => link_words(issue),
        Kind::MissingGlyph { ch } => return w.missing_glyph.replace("{char}", &ch.to_string()),
        Kind::WordTooWide => return w.word_too_wide.replace("{document}", &document),
        Kind::Plain | Kind::Usage | Kind::Overflow { .. } | Kind::Edition(_) | Kind::FolderUnreadable
            if docs.is_empty() =>
        {
            return w.cannot.to_string();
        }
        Kind::Plain | Kind::Usage | Kind::Overflow { .. } | Kind::Edition(_) | Kind::FolderUnreadable => {
            return format!("{} {}", w.cannot, w.in_documents.replace("{documents}", &document));
        }
    };
    let text = if ui == Ui::Nl { nl } else { en };
    let limits = [("{name}", MAX_NAME), ("{help}", MAX_HELP), ("{website}", MAX_WEBSITE), ("{link}", MAX_URL_LEN)];
    limits.iter().fold(text.to_string(), |t, (k, v)| t.replace(k, &v.to_string()))
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
        f if f.starts_with("own_") => own_label(f, ui),
        f => match f.strip_prefix("org_help_") {
            Some(lang) => w.org_help.replace("{language}", cat.lang_name(lang)),
            None => w.org_help.replace(" ({language})", ""),
        },
    }
}

fn org_words(issue: OrgIssue) -> (&'static str, &'static str) {
    match issue {
        OrgIssue::BadId | OrgIssue::NameEmpty => {
            ("Vul de naam van je organisatie in.", "Fill in your organisation's name.")
        }
        OrgIssue::NameTooLong => {
            ("De naam is te lang: hoogstens {name} tekens.", "The name is too long: at most {name} characters.")
        }
        OrgIssue::NameControlCharacter => (
            "De naam bevat een onzichtbaar stuurteken. Typ hem opnieuw.",
            "The name contains an invisible control character. Type it again.",
        ),
        OrgIssue::DirectionControl => (
            "Hier staat een onzichtbaar teken dat de leesrichting omdraait. Zo kan een tekst iets anders tonen dan er staat. Typ de tekst opnieuw, zonder te kopiëren en plakken.",
            "This holds an invisible character that turns the reading direction around, so the text could show something else than it says. Type the text again, without copying and pasting.",
        ),
        OrgIssue::HelpLanguage | OrgIssue::HelpLength => {
            ("Een hulptekst is 1 tot {help} tekens lang.", "A help text is 1 to {help} characters long.")
        }
        OrgIssue::WebsiteInvalid => (
            "Dit is geen websiteadres. Schrijf het zoals www.bibliotheek.nl.",
            "This is not a website address. Write it like www.library.org.",
        ),
        OrgIssue::WebsiteTooLong => (
            "Het websiteadres is te lang: hoogstens {website} tekens.",
            "The website address is too long: at most {website} characters.",
        ),
        OrgIssue::WebsiteCredentials => (
            "Het websiteadres mag geen gebruikersnaam of wachtwoord bevatten.",
            "The website address may not contain a user name or password.",
        ),
        OrgIssue::WebsiteSpaces => {
            ("Het websiteadres mag geen spaties bevatten.", "The website address may not contain spaces.")
        }
        OrgIssue::LogoName => (
            "Deze bestandsnaam kan niet: kies het bestand opnieuw.",
            "This file name cannot be used: choose the file again.",
        ),
        OrgIssue::LogoUnreadable => (
            "Het logo kan niet gelezen worden: kies het bestand opnieuw.",
            "The logo cannot be read: choose the file again.",
        ),
    }
}

/// What the editor calls one of its fields ("Route 1, stap 3").
fn own_label(field: &str, ui: Ui) -> String {
    let e = ui.editor();
    let plain = match field {
        "own_lang" => e.lang,
        "own_name" => e.name,
        "own_kicker" => e.kicker,
        "own_title" => e.title,
        "own_intro" => e.intro_field,
        "own_deadline" => e.deadline,
        "own_deadline_label" => e.deadline_label,
        "own_deadline_note" => e.deadline_note,
        "own_url" => e.url,
        "own_qr_caption" => e.qr_caption,
        "own_advice" => e.advice,
        "own_source" => e.source,
        "own_file" => e.open_label,
        _ => "",
    };
    if !plain.is_empty() {
        return plain.to_string();
    }
    let rest = field.strip_prefix("own_route_").unwrap_or("");
    let (route, what) = rest.split_once('_').unwrap_or((rest, ""));
    let route = e.route.replace("{n}", route);
    match what.strip_prefix("step_") {
        Some(n) => format!("{route}, {}", e.step.replace("{n}", n).to_lowercase()),
        None => format!("{route}, {}", e.route_title.to_lowercase()),
    }
}

fn text_words(issue: TextIssue) -> (&'static str, &'static str) {
    match issue {
        TextIssue::Empty => {
            ("Dit is leeg: schrijf hier iets, of haal het weg.", "This is empty: write something here, or remove it.")
        }
        TextIssue::BoldNotClosed => (
            "Een vet woord begint met ** en eindigt met **. Hier ontbreekt er een.",
            "A word in bold starts with ** and ends with **. One is missing here.",
        ),
        TextIssue::UnknownPlaceholder => (
            "Tussen { } kan alleen {platform}, {deadline} of {url} staan.",
            "Only {platform}, {deadline} or {url} can stand between { }.",
        ),
        TextIssue::UnknownIcon => (
            "Dit pictogram bestaat niet. Kies er een bij „Pictogrammen”: die zet het goed in de tekst.",
            "There is no such icon. Choose one under “Icons”: that puts it in the text correctly.",
        ),
        TextIssue::ControlCharacter => (
            "Hier staat een onzichtbaar stuurteken, zoals een tab. Typ de tekst opnieuw.",
            "This holds an invisible control character, such as a tab. Type the text again.",
        ),
        TextIssue::DirectionControl => org_words(OrgIssue::DirectionControl),
        TextIssue::PageLine => ("Schrijf dit op één regel, niet te lang.", "Write this on one line, not too long."),
    }
}

fn link_words(issue: LinkIssue) -> (&'static str, &'static str) {
    match issue {
        LinkIssue::TooLong | LinkIssue::TooLongForLayout { .. } => (
            "Dit adres is te lang voor een QR-code die goed scant: hoogstens {link} tekens.",
            "This address is too long for a QR code that scans well: at most {link} characters.",
        ),
        LinkIssue::Spaces => ("Een adres heeft geen spaties.", "An address has no spaces."),
        LinkIssue::Invalid => (
            "Dit is geen webadres. Schrijf het hele adres, zoals https://www.voorbeeld.nl/pagina.",
            "This is not a web address. Write the whole address, like https://www.example.org/page.",
        ),
        LinkIssue::NotHttps => (
            "Het adres moet met https:// beginnen. Open de pagina in je browser en kopieer het adres als het daar met https:// begint.",
            "The address must start with https://. Open the page in your browser and copy the address if it starts with https:// there.",
        ),
        LinkIssue::Credentials => (
            "Een adres met een naam of wachtwoord voor de @ kan verbergen waar het heen gaat. Haal dat deel weg.",
            "An address with a name or password before the @ can hide where it goes. Remove that part.",
        ),
        LinkIssue::Redirects => (
            "Dit is een verkort of doorstuur-adres: het verbergt waar de code heen gaat. Gebruik het adres van de pagina zelf.",
            "This is a shortened or forwarding address: it hides where the code goes. Use the page's own address.",
        ),
        LinkIssue::AddressInQuery => (
            "In dit adres staat nog een adres, waar de pagina naar kan doorsturen. Gebruik het adres van de pagina zelf.",
            "This address holds another address that the page may send people on to. Use the page's own address.",
        ),
        LinkIssue::HostNotAllowed => (
            "Naar deze website mag de QR-code van deze campagne niet gaan.",
            "This campaign's QR code may not open this website.",
        ),
    }
}

fn logo_words(issue: LogoIssue) -> (&'static str, &'static str) {
    match issue {
        LogoIssue::TooLarge => (
            "Het logo is groter dan 5 MB. Sla het kleiner op, of gebruik SVG.",
            "The logo is larger than 5 MB. Save it smaller, or use SVG.",
        ),
        LogoIssue::UnknownType => {
            ("Het logo moet een SVG-, PNG- of JPEG-bestand zijn.", "The logo must be an SVG, PNG or JPEG file.")
        }
        LogoIssue::NotPngOrJpeg => (
            "Dit bestand is geen PNG- of JPEG-afbeelding, al zegt de naam dat wel.",
            "This file is not a PNG or JPEG image, whatever its name says.",
        ),
        LogoIssue::Damaged => (
            "Het logo kan niet gelezen worden: het bestand is misschien beschadigd. Sla het opnieuw op als PNG of JPEG.",
            "The logo cannot be read: the file may be damaged. Save it again as PNG or JPEG.",
        ),
        LogoIssue::NoPixels => ("Het logo is leeg.", "The logo is empty."),
        LogoIssue::TooWide => (
            "Het logo is te groot: hoogstens 10.000 pixels breed en hoog. Ongeveer 1000 pixels is genoeg.",
            "The logo is too large: at most 10,000 pixels a side. About 1,000 pixels is enough.",
        ),
        LogoIssue::Bomb => (
            "Het logo zou uitgepakt te groot worden. Sla het op met ongeveer 1000 pixels breed.",
            "The logo would unpack far too large. Save it at about 1,000 pixels across.",
        ),
        LogoIssue::Outside => (
            "Het SVG-logo verwijst naar iets buiten het bestand (een website of ander bestand). Dat wordt nooit opgehaald: sla het op als zelfstandige SVG.",
            "The SVG logo refers to something outside the file (a web site or another file). That is never fetched: save it as a self-contained SVG.",
        ),
        LogoIssue::SvgNotUtf8 => (
            "Het SVG-logo is geen gewone tekst (UTF-8). Sla het opnieuw op.",
            "The SVG logo is not plain text (UTF-8). Save it again.",
        ),
        LogoIssue::SvgDamaged => (
            "Het SVG-logo kan niet gelezen worden. Open het in een tekenprogramma en sla het op als gewone SVG.",
            "The SVG logo cannot be read. Open it in a drawing program and save it as plain SVG.",
        ),
        LogoIssue::SvgNoSize => (
            "Het SVG-logo heeft geen afmetingen (width, height of viewBox).",
            "The SVG logo has no size (width, height or viewBox).",
        ),
        LogoIssue::SvgEmbeddedPicture => (
            "Het SVG-logo bevat een afbeelding die te groot is of niet in het bestand zelf zit. Sla het logo op als PNG.",
            "The SVG logo holds a picture that is too large or not inside the file itself. Save the logo as PNG.",
        ),
        LogoIssue::SvgTooCostly => (
            "Het SVG-logo is te zwaar om te tekenen (te veel onderdelen of effecten zoals vervaging of schaduw). Sla het op zonder effecten, of als PNG.",
            "The SVG logo is too heavy to draw (too many parts, or effects such as blur or shadows). Save it without effects, or as PNG.",
        ),
    }
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
    use crate::order::field_of;
    use handout_core::{At, Loc, OrgInput, Source, check_org};

    #[test]
    fn every_organisation_problem_the_page_can_meet_is_said_in_its_words() {
        let at = |field: &str, v: &str| {
            let s = Source::new(field, v);
            At::new(v.to_string(), Loc::new(&s, 0..v.len()))
        };
        let svg_out = br#"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image href="https://x.org/a.png"/></svg>"#;
        let blur =
            r#"<filter id="b" x="-50" y="-50" width="100" height="100"><feGaussianBlur stdDeviation="5"/></filter>"#;
        let costly = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><defs>{blur}</defs><rect width="9" height="9" filter="url(#b)"/></svg>"#
        );
        let long_name = "n".repeat(81);
        let long_help = "h".repeat(301);
        let cases: Vec<(&str, &str, Vec<u8>)> = vec![
            ("", "a.png", Vec::new()),
            (&long_name, "logo.txt", Vec::new()),
            ("a\u{7}b", "a.png", b"not a png".to_vec()),
            ("Bieb", "a.svg", svg_out.to_vec()),
            ("Bieb", "a.svg", b"<svg".to_vec()),
            ("Bieb", "a.svg", vec![0xff, 0xfe]),
            ("Bieb", "a.svg", costly.into_bytes()),
            ("Bieb", ".png", Vec::new()),
            ("Bieb", "a.png", vec![0; 6 * 1024 * 1024]),
            ("Bieb\u{202E}", "a.png", Vec::new()),
        ];
        let mut seen: Vec<Kind> = Vec::new();
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
                    let words = said(p.kind, Ui::Nl, &[]);
                    assert_ne!(
                        words,
                        Ui::Nl.words().cannot,
                        "not said in the page's words: {field}: {} ({:?})",
                        p.message,
                        p.kind
                    );
                    if !seen.contains(&p.kind) {
                        seen.push(p.kind);
                    }
                }
            }
        }
        assert!(seen.len() >= 15, "only {} kinds of problem were met: {seen:?}", seen.len());
    }
}
