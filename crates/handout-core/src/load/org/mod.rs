//! Organisations: the library or community centre that hands the handouts
//! out, with its name, its help desk (per language), its website and its
//! logo. They come from `orgs/<id>.toml`, from rows of a spreadsheet
//! (CSV, `.xlsx`, `.ods`), or from the web page's form; all three are
//! checked by the same rules, here.

mod csv_text;
mod rows;
mod sheet;
mod table;
mod workbook;

pub use rows::{Sheet, parse_sheet};
pub use table::MAX_BYTES;

use super::content::{Template, template};
use super::{At, Checker, direction_control, parse_toml, valid_id};
use crate::diag::{Kind, Loc, OrgIssue, Problem, Problems, Source};
use crate::logo::{self, Logo};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The longest name an organisation may have: it is set large, on one or
/// two lines.
pub const MAX_NAME: usize = 80;
/// The longest help text, per language.
pub const MAX_HELP: usize = 300;
/// The longest website address.
pub const MAX_WEBSITE: usize = 100;

/// An organisation, checked.
#[derive(Clone, Debug)]
pub struct Org {
    /// Its id: the file name, or the `id` column. Output goes to `out/<id>/`.
    pub id: String,
    /// Its name as visitors know it.
    pub name: String,
    /// Where the name is written.
    pub name_loc: Loc,
    /// As printed: without `https://` and a trailing `/`.
    pub website: Option<String>,
    /// Where the website is written.
    pub website_loc: Option<Loc>,
    /// Where to get help, per language id (`nl`, `en`).
    pub help: BTreeMap<String, Template>,
    /// Where the help texts are (for messages about a missing language).
    pub help_loc: Loc,
    /// Its logo, checked, if it has one.
    pub logo: Option<Arc<Logo>>,
}

/// An organisation as given, each value with its place.
#[derive(Clone)]
pub struct OrgInput {
    /// Its id: output goes to `out/<id>/`.
    pub id: At<String>,
    /// Its name as visitors know it.
    pub name: At<String>,
    /// The logo's file name.
    pub logo: Option<At<String>>,
    /// The website, as people type it.
    pub website: Option<At<String>>,
    /// Where visitors get help, per language id.
    pub help: BTreeMap<String, At<String>>,
    /// Where the help texts are given.
    pub help_loc: Loc,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrg {
    name: At<String>,
    logo: Option<At<String>>,
    website: Option<At<String>>,
    #[serde(default)]
    help: Option<At<BTreeMap<String, At<String>>>>,
}

/// Reads a logo file an organisation names (relative to its own file).
pub type LogoReader<'a> = dyn FnMut(&str) -> std::io::Result<Vec<u8>> + 'a;

/// Logos checked once for many organisations whose files sit in one
/// folder and are read in one go (a spreadsheet's rows, orgs/): a
/// network's branches often name the same file, and checking a logo
/// decodes it (and scales down a large one), which for a large logo costs
/// far more than the rest of a row. Found by file name: within one folder
/// and one reading, the same name is the same file.
#[derive(Default)]
pub struct SharedLogos {
    checked: HashMap<String, Checked>,
}

/// What checking a logo file gave, for every organisation naming it.
#[derive(Clone)]
enum Checked {
    Logo(Arc<Logo>),
    Unreadable(String),
    Refused(Problem),
}

/// A problem with one of an organisation's values.
fn org_problem(issue: OrgIssue, message: impl Into<String>, at: &Loc) -> Problem {
    Problem::error(message).at(at.clone()).kind(Kind::Org(issue))
}

/// Parse `orgs/<id>.toml`.
pub fn parse_org(id: &str, source: &Arc<Source>, problems: &mut Problems) -> Option<OrgInput> {
    let raw: RawOrg = parse_toml(source, problems)?;
    let file = Loc::new(source, 0..0);
    let (help, help_loc) = match raw.help {
        Some(h) => {
            let loc = h.loc().clone();
            (h.into_inner(), loc)
        }
        None => (BTreeMap::new(), file.clone()),
    };
    Some(OrgInput {
        id: At::new(id.to_string(), file),
        name: raw.name,
        logo: raw.logo,
        website: raw.website,
        help,
        help_loc,
    })
}

/// Check an organisation; `read_logo` reads the logo file it names.
pub fn check_org(input: OrgInput, read_logo: &mut LogoReader, problems: &mut Problems) -> Option<Org> {
    check_org_sharing(input, read_logo, &mut SharedLogos::default(), problems)
}

/// Check an organisation, one of many whose logos `shared` keeps.
pub fn check_org_sharing(
    input: OrgInput,
    read_logo: &mut LogoReader,
    shared: &mut SharedLogos,
    problems: &mut Problems,
) -> Option<Org> {
    let mut cx = Checker::new(problems);
    if !valid_id(&input.id) {
        cx.report(
            org_problem(
                OrgIssue::BadId,
                format!("`{}` is not a valid organisation id", input.id.get()),
                input.id.loc(),
            )
            .help("ids become folder names: use lowercase letters, digits and `-`, e.g. `bibliotheek-noord`"),
        );
    }
    let name = check_name(&mut cx, &input.name);
    for (what, value) in typed_values(&input) {
        refuse_direction_controls(&mut cx, what, value);
    }
    let website = input.website.as_ref().and_then(|w| check_website(&mut cx, w));
    let mut help = BTreeMap::new();
    for (lang, text) in &input.help {
        if let Some(t) = check_help(&mut cx, lang, text) {
            help.insert(lang.clone(), t);
        }
    }
    let logo = input.logo.as_ref().and_then(|l| check_logo(&mut cx, l, read_logo, shared));
    let name_loc = input.name.loc().clone();
    let website_loc = input.website.as_ref().map(|w| w.loc().clone());
    cx.finish(|| Org {
        id: input.id.into_inner(),
        name,
        name_loc,
        website,
        website_loc,
        help,
        help_loc: input.help_loc,
        logo,
    })
}

/// The values of an organisation that someone typed and that are printed.
fn typed_values(input: &OrgInput) -> impl Iterator<Item = (&'static str, &At<String>)> {
    let name = std::iter::once(("name", &input.name));
    let website = input.website.iter().map(|w| ("website", w));
    name.chain(website).chain(input.help.values().map(|h| ("help text", h)))
}

/// A value that could print as something else than it reads is refused.
fn refuse_direction_controls(cx: &mut Checker, what: &str, value: &At<String>) {
    if let Some(c) = direction_control(value) {
        let message =
            format!("the organisation's {what} contains U+{:04X}, which turns the reading direction around", c as u32);
        cx.report(
            org_problem(OrgIssue::DirectionControl, message, value.loc())
                .label("an invisible character here")
                .help("type the text again rather than pasting it: such a character can make text print as something else than it reads"),
        );
    }
}

fn check_name(cx: &mut Checker, name: &At<String>) -> String {
    let trimmed = name.trim().to_string();
    if trimmed.is_empty() {
        cx.report(
            org_problem(OrgIssue::NameEmpty, "the organisation's name is empty", name.loc())
                .help("give the name as visitors know it"),
        );
    } else if trimmed.chars().count() > MAX_NAME {
        let n = trimmed.chars().count();
        cx.report(
            org_problem(OrgIssue::NameTooLong, format!("the organisation's name is {n} characters long"), name.loc())
                .label(format!("at most {MAX_NAME} characters"))
                .help("use the short name visitors know"),
        );
    } else if trimmed.chars().any(char::is_control) {
        let message = "the organisation's name contains a control character";
        cx.report(org_problem(OrgIssue::NameControlCharacter, message, name.loc()));
    }
    trimmed
}

fn check_help(cx: &mut Checker, lang: &str, text: &At<String>) -> Option<Template> {
    if !valid_id(lang) {
        cx.report(
            org_problem(OrgIssue::HelpLanguage, format!("`{lang}` is not a language id"), text.loc())
                .help("help texts are given per language of the campaigns, e.g. nl or en"),
        );
        return None;
    }
    let n = text.trim().chars().count();
    if n == 0 || n > MAX_HELP {
        cx.report(
            org_problem(OrgIssue::HelpLength, format!("the help text for `{lang}` is {n} characters long"), text.loc())
                .label(format!("expected 1 to {MAX_HELP} characters"))
                .help("say in a sentence or two where visitors get help: a desk, a day and time, an address"),
        );
        return None;
    }
    template(text, None, cx.problems)
}

/// A website as printed: the address people type, without `https://`.
fn check_website(cx: &mut Checker, w: &At<String>) -> Option<String> {
    let text = w.trim();
    let with_scheme = if text.contains("://") { text.to_string() } else { format!("https://{text}") };
    let url = url::Url::parse(&with_scheme)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| h.contains('.')));
    let problem = match &url {
        None => Some((OrgIssue::WebsiteInvalid, "is not a website address".to_string())),
        Some(_) if text.len() > MAX_WEBSITE => {
            Some((OrgIssue::WebsiteTooLong, format!("is {} characters long; at most {MAX_WEBSITE} fit", text.len())))
        }
        Some(u) if !u.username().is_empty() || u.password().is_some() => {
            Some((OrgIssue::WebsiteCredentials, "contains a user name or password".into()))
        }
        Some(_) if text.contains(char::is_whitespace) => Some((OrgIssue::WebsiteSpaces, "contains spaces".into())),
        _ => None,
    };
    if let Some((issue, p)) = problem {
        cx.report(
            org_problem(issue, format!("the website `{text}` {p}"), w.loc())
                .label("expected an address like www.bibliotheek.nl")
                .help("it is printed for people to type; it never becomes a QR code"),
        );
        return None;
    }
    let shown = text.split_once("://").map_or(text, |(_, rest)| rest);
    Some(shown.trim_end_matches('/').to_string())
}

fn check_logo(
    cx: &mut Checker,
    l: &At<String>,
    read_logo: &mut LogoReader,
    shared: &mut SharedLogos,
) -> Option<Arc<Logo>> {
    let name = l.get();
    let safe = !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.') && !name.contains(':');
    let located = |issue, message: String, help: &str| org_problem(issue, message, l.loc()).help(help.to_string());
    if !safe {
        cx.report(located(
            OrgIssue::LogoName,
            format!("`{name}` is not a logo file name"),
            "give the name of a file next to the organisation's file, e.g. \"logo.svg\"; never a path or an address",
        ));
        return None;
    }
    let checked = shared.checked.entry(name.clone()).or_insert_with(|| match read_logo(name) {
        Ok(bytes) => logo::read(name, &bytes).map_or_else(Checked::Refused, |logo| Checked::Logo(Arc::new(logo))),
        Err(e) => Checked::Unreadable(e.to_string()),
    });
    match checked.clone() {
        Checked::Logo(logo) => Some(logo),
        Checked::Unreadable(e) => {
            cx.report(located(
                OrgIssue::LogoUnreadable,
                format!("the logo `{name}` cannot be read: {e}"),
                "put the logo file next to the organisation's file",
            ));
            None
        }
        Checked::Refused(mut p) => {
            p.message = format!("logo `{name}`: {}", p.message);
            cx.report(p.at(l.loc().clone()));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn no_logo(_: &str) -> std::io::Result<Vec<u8>> {
        Err(std::io::Error::other("no files in this test"))
    }

    fn errors(problems: &Problems) -> Vec<String> {
        problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn text_that_turns_its_reading_direction_is_refused_in_every_typed_value() {
        let at = |field: &str, v: &str| {
            let s = Source::new(field, v);
            At::new(v.to_string(), Loc::new(&s, 0..v.len()))
        };
        let disguised = "Hulp: \u{202E}moc.live\u{202C}";
        let org = |name: &str, help: &str, website: &str| OrgInput {
            id: at("id", "bieb"),
            name: at("name", name),
            logo: None,
            website: Some(at("website", website)),
            help: [("nl".to_string(), at("help", help))].into(),
            help_loc: at("help", help).loc().clone(),
        };
        for (field, input) in [
            ("name", org("Bieb\u{2067}", "Hulp", "www.bieb.nl")),
            ("help", org("Bieb", disguised, "www.bieb.nl")),
            ("website", org("Bieb", "Hulp", "www.bieb.nl\u{202A}")),
        ] {
            let mut problems = Problems::new();
            assert!(check_org(input, &mut no_logo, &mut problems).is_none(), "{field}: accepted");
            let p = problems.iter().find(|p| p.kind == Kind::Org(OrgIssue::DirectionControl)).expect(field);
            assert_eq!(p.loc.as_ref().unwrap().path(), Path::new(field));
        }
        // Right-to-left text itself is no disguise.
        let mut problems = Problems::new();
        assert!(check_org(org("مكتبة المدينة", "مساعدة", "www.bieb.nl"), &mut no_logo, &mut problems).is_some());
        assert_eq!(direction_control("a\u{200F}b"), None, "a right-to-left mark orders, it does not override");
    }

    #[test]
    fn a_csv_row_becomes_an_organisation_and_bad_rows_name_their_line_and_column() {
        let text = "\u{feff}id;name;help_nl;help_en;website;logo\n\
                    noord;Bibliotheek Noord;Hulp? Balie, di 10-12;Help? Desk, Tue 10-12;https://www.noord.nl/;\n\
                    zuid;Bibliotheek Zuid;;;www.zuid.nl;\n\
                    Bad Id;X;;;not a site;\n";
        let mut problems = Problems::new();
        let rows = parse_sheet(Path::new("branches.csv"), text.as_bytes(), &mut problems);
        assert!(!problems.has_errors(), "{:?}", errors(&problems));
        assert_eq!(rows.len(), 3);
        let orgs: Vec<_> = rows.into_iter().map(|r| check_org(r, &mut no_logo, &mut problems)).collect();
        let noord = orgs[0].as_ref().unwrap();
        assert_eq!((noord.name.as_str(), noord.website.as_deref()), ("Bibliotheek Noord", Some("www.noord.nl")));
        assert_eq!(noord.help.keys().collect::<Vec<_>>(), ["en", "nl"]);
        assert!(orgs[1].as_ref().unwrap().help.is_empty());
        assert!(orgs[2].is_none());
        let errors = errors(&problems);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("branches.csv:4:1:") && e.contains("`Bad Id` is not a valid organisation id")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.starts_with("branches.csv:4:12: error: the website `not a site`")),
            "{errors:?}"
        );
    }

    /// A network's branches name one logo file: it is read and checked
    /// once, and every branch shows the same logo; a broken file is
    /// reported at every row that names it.
    #[test]
    fn a_logo_file_many_rows_name_is_checked_once() {
        let svg =
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"><rect width="30" height="10"/></svg>"#;
        let text = "id;name;logo\na;A;logo.svg\nb;B;logo.svg\nc;C;broken.svg\nd;D;broken.svg\n";
        let mut problems = Problems::new();
        let rows = parse_sheet(Path::new("b.csv"), text.as_bytes(), &mut problems);
        let mut reads = Vec::new();
        let mut read = |name: &str| {
            reads.push(name.to_string());
            Ok(if name == "logo.svg" { svg.to_vec() } else { b"<svg".to_vec() })
        };
        let shared = &mut SharedLogos::default();
        let orgs: Vec<_> = rows.into_iter().map(|r| check_org_sharing(r, &mut read, shared, &mut problems)).collect();
        assert_eq!(reads, ["logo.svg", "broken.svg"], "each file read once");
        let (a, b) = (orgs[0].as_ref().unwrap(), orgs[1].as_ref().unwrap());
        assert!(Arc::ptr_eq(a.logo.as_ref().unwrap(), b.logo.as_ref().unwrap()), "one logo, shared");
        assert!(orgs[2].is_none() && orgs[3].is_none());
        let errors = errors(&problems);
        for row in ["b.csv:4:", "b.csv:5:"] {
            assert!(errors.iter().any(|e| e.starts_with(row) && e.contains("logo `broken.svg`")), "{row}: {errors:?}");
        }
    }

    #[test]
    fn a_header_without_id_or_with_unknown_columns_is_refused() {
        let mut problems = Problems::new();
        assert!(parse_sheet(Path::new("b.csv"), b"name,phone\nX,1\n", &mut problems).is_empty());
        let errors = errors(&problems);
        assert!(errors.iter().any(|e| e.starts_with("b.csv:1:6: error: unknown column `phone`")), "{errors:?}");
        assert!(errors.iter().any(|e| e.contains("no `id` column")), "{errors:?}");
    }

    /// A long sheet is read a few hundred rows at a time: every row comes,
    /// in order, each value at its own line and cell, across the places
    /// where one reading ends and the next begins (a quoted cell with a
    /// line break in it, empty rows, `\r\n` line ends).
    #[test]
    fn a_long_sheet_read_in_parts_gives_every_row_at_its_place() {
        let mut text = String::from("id;name;logo\r\n");
        let mut line = 2;
        let mut expected = Vec::new();
        for i in 0..1000 {
            if i % 97 == 0 {
                text.push_str(";;\r\n");
                line += 1;
            }
            let name = if i % 10 == 0 { format!("\"Vestiging\n{i}\"") } else { format!("Vestiging {i}") };
            text.push_str(&format!("v-{i};{name};logo-{i}.png\r\n"));
            expected.push((format!("v-{i}"), line));
            line += if i % 10 == 0 { 2 } else { 1 };
        }
        let mut problems = Problems::new();
        let mut sheet = Sheet::read(Path::new("long.csv"), text.as_bytes(), &mut problems).unwrap();
        let rows: Vec<OrgInput> = std::iter::from_fn(|| sheet.next_row(&mut problems)).flatten().collect();
        assert!(!problems.has_errors(), "{:?}", errors(&problems));
        assert_eq!(rows.len(), 1000);
        for (r, (id, line)) in rows.iter().zip(&expected) {
            assert_eq!(r.id.get(), id);
            let at = r.id.loc().to_string();
            assert_eq!(at, format!("long.csv:{line}:1"), "{id}");
            let logo = r.logo.as_ref().unwrap().loc().to_string();
            let logo_line = if id.ends_with('0') { line + 1 } else { *line };
            assert!(logo.starts_with(&format!("long.csv:{logo_line}:")), "{id}'s logo at {logo}");
        }
        assert_eq!(rows[10].name.get(), "Vestiging\n10");
    }

    /// Excel writes `\r\n`: each value is still found at its own cell,
    /// not shifted by the carriage returns before it.
    #[test]
    fn in_crlf_text_a_bad_cell_is_shown_at_its_own_row_and_column() {
        let text = "id,name,logo\r\nnoord,Noord,\r\nzuid,Zuid,\"zuid logo.png\"\r\n";
        let mut problems = Problems::new();
        let rows = parse_sheet(Path::new("crlf.csv"), text.as_bytes(), &mut problems);
        let logo = rows[1].logo.as_ref().unwrap();
        assert_eq!((logo.get().as_str(), logo.loc().to_string()), ("zuid logo.png", "crlf.csv:3:12".to_string()));
        let without_logo = check_org(rows.into_iter().nth(1).unwrap(), &mut no_logo, &mut problems);
        assert!(without_logo.is_none(), "the logo cannot be read");
        let errors = errors(&problems);
        assert!(errors.iter().any(|e| e.starts_with("crlf.csv:3:12:")), "{errors:?}");
    }

    /// Dutch Excel saves "CSV (gescheiden door lijstscheidingstekens)" in
    /// Windows-1252: read as such, with a note; UTF-16 ("Unicode text")
    /// by its byte-order mark.
    #[test]
    fn windows_1252_and_utf_16_text_is_read_and_the_encoding_told() {
        let mut cp1252 = b"id;name;help_nl\r\ncafe;Caf\xe9 \xe9\xe9n;Vraag het aan de balie\r\n".to_vec();
        let mut problems = Problems::new();
        let rows = parse_sheet(Path::new("w.csv"), &cp1252, &mut problems);
        assert_eq!(rows[0].name.get(), "Café één");
        assert!(errors(&problems).iter().any(|e| e.contains("read as Windows-1252")), "{:?}", errors(&problems));
        assert!(!problems.has_errors());

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("id\tname\ncafe\tCafé één\n".encode_utf16().flat_map(u16::to_le_bytes));
        let mut problems = Problems::new();
        assert_eq!(parse_sheet(Path::new("u.txt"), &utf16, &mut problems)[0].name.get(), "Café één");
        assert!(problems.is_empty(), "{:?}", errors(&problems));

        cp1252.push(0);
        let mut problems = Problems::new();
        assert!(parse_sheet(Path::new("x.csv"), &cp1252, &mut problems).is_empty());
        assert!(errors(&problems).iter().any(|e| e.contains("not a spreadsheet")), "{:?}", errors(&problems));
    }

    #[test]
    fn stray_cells_are_refused_at_their_place_and_empty_rows_left_out() {
        let text = "id;name;\nnoord;Noord;\n;;\nzuid;Zuid;oops\nwest;West;;extra\n";
        let mut problems = Problems::new();
        let rows = parse_sheet(Path::new("s.csv"), text.as_bytes(), &mut problems);
        assert_eq!(rows.iter().map(|r| r.id.get().as_str()).collect::<Vec<_>>(), ["noord"]);
        let errors = errors(&problems);
        assert!(
            errors.iter().any(|e| e.starts_with("s.csv:4:11: error: this cell is in a column that has no name")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| e.starts_with("s.csv:5:12: error: this row has 4 cells, the header 3")),
            "{errors:?}"
        );
    }
}
