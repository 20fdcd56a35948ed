//! Content: one folder per language, `campaign.toml` plus one file per
//! platform. The serde types mirror the files; the public types are checked.

use super::markup::{self, Rich};
use super::{loc_of, parse_toml, read_source, valid_id};
use crate::diag::{Kind, Loc, Problem, Source};
use serde::Deserialize;
use serde_spanned::Spanned;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The longest form URL we accept; a QR code for more gets too dense to scan.
const MAX_URL_LEN: usize = 200;

/// The placeholders a text may use.
const PLACEHOLDERS: [&str; 3] = ["platform", "deadline", "url"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    language: RawLanguage,
    deadline: Spanned<toml::value::Datetime>,
    allowed_hosts: Spanned<Vec<Spanned<String>>>,
    text: BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: Spanned<String>,
    hyphenation: Option<Spanned<String>>,
    months: Spanned<Vec<String>>,
    date_format: Spanned<String>,
    #[serde(default)]
    direction: Option<Spanned<String>>,
    /// Opening and closing quotation marks; straight `"` pairs in texts
    /// become these.
    #[serde(default)]
    quotes: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlatform {
    name: Spanned<String>,
    form_url: Spanned<String>,
    route: BTreeMap<String, Spanned<RawRoute>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoute {
    title: Spanned<String>,
    steps: Spanned<Vec<Spanned<String>>>,
}

/// Which version of the handout to print: before the deadline it shows
/// the date; after it, a message that objecting still works from now on.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    #[default]
    Deadline,
    AfterDeadline,
}

impl Phase {
    /// Added to output file names, so both versions can sit side by side.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Phase::Deadline => "",
            Phase::AfterDeadline => "-after-deadline",
        }
    }
}

/// A calendar date.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How the edition's language writes things.
#[derive(Clone, Debug)]
pub struct Language {
    /// BCP 47 tag, e.g. `nl`.
    pub code: String,
    pub hyphenation: Option<hypher::Lang>,
    /// Written right to left (Arabic, Hebrew...): paragraphs, lists and
    /// the QR block are mirrored.
    pub rtl: bool,
    pub quotes: Option<(String, String)>,
    months: Vec<String>,
    date_format: String,
}

impl Language {
    /// A date as readers of this language write it, e.g. "27 mei 2025".
    pub fn format_date(&self, d: Date) -> String {
        self.date_format
            .replace("{day}", &d.day.to_string())
            .replace("{month}", &self.months[usize::from(d.month) - 1])
            .replace("{year}", &d.year.to_string())
    }
}

/// A content string with its markup parsed; placeholders are filled in per platform.
#[derive(Clone, Debug)]
pub struct Template {
    rich: Rich,
    pub loc: Loc,
}

/// Values for the placeholders of one handout.
pub struct Vars<'a> {
    pub platform: &'a str,
    pub deadline: &'a str,
    pub url: &'a str,
    /// The language's quotation marks, for straight `"` pairs.
    pub quotes: Option<&'a (String, String)>,
}

impl Template {
    pub fn resolve(&self, vars: &Vars) -> Rich {
        let mut rich = self.rich.clone();
        let mut open = true;
        for span in &mut rich.spans {
            let mut text = span
                .text
                .replace("{platform}", vars.platform)
                .replace("{deadline}", vars.deadline)
                .replace("{url}", vars.url);
            if let Some((o, c)) = vars.quotes {
                // Alternate across spans: a quote may open in plain text and
                // close after a bold label.
                let mut out = String::with_capacity(text.len());
                for ch in text.chars() {
                    if ch == '"' {
                        out.push_str(if open { o } else { c });
                        open = !open;
                    } else {
                        out.push(ch);
                    }
                }
                text = out;
            }
            span.text = text;
        }
        rich
    }
}

#[derive(Debug)]
pub struct Campaign {
    pub source: Arc<Source>,
    pub language: Language,
    pub deadline: Date,
    pub deadline_loc: Loc,
    pub texts: BTreeMap<String, Template>,
    pub allowed_hosts: Vec<String>,
}

impl Campaign {
    pub fn text(&self, key: &str) -> Option<&Template> {
        self.texts.get(key)
    }
}

#[derive(Debug)]
pub struct Route {
    pub title: Template,
    pub steps: Vec<Template>,
    pub loc: Loc,
}

#[derive(Debug)]
pub struct Platform {
    /// From the file name: `facebook.toml` is `facebook`.
    pub id: String,
    pub source: Arc<Source>,
    pub name: String,
    pub form_url: String,
    pub url_loc: Loc,
    pub routes: BTreeMap<String, Route>,
}

/// One language's content: the campaign and its platforms.
#[derive(Debug)]
pub struct Edition {
    /// The folder name under data/, e.g. `nl`.
    pub id: String,
    pub campaign: Campaign,
    pub platforms: Vec<Platform>,
}

/// Load `data/<lang>/`. `root` is the project root, for the paths shown.
pub fn load_edition(root: &Path, dir: &Path, problems: &mut Vec<Problem>) -> Option<Edition> {
    let id = dir.file_name()?.to_string_lossy().into_owned();
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    if !valid_id(&id) {
        problems.push(
            Problem::error(Kind::Invalid, format!("language folder `{}` is not a valid id", shown(dir).display()))
                .help("use lowercase letters, digits and `-`, e.g. `nl` or `pt-br`"),
        );
        return None;
    }
    let campaign_path = dir.join("campaign.toml");
    let campaign = match read_source(&campaign_path, &shown(&campaign_path)) {
        Ok(src) => load_campaign(src, problems),
        Err(p) => {
            problems.push(p.help("every language folder needs a campaign.toml"));
            None
        }
    };
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            problems.push(Problem::error(Kind::File, format!("cannot list {}: {e}", shown(dir).display())));
            return None;
        }
    };
    files.sort();
    let mut platforms = Vec::new();
    for path in files {
        if path.extension().is_none_or(|e| e != "toml") || path.file_name() == Some("campaign.toml".as_ref()) {
            continue;
        }
        let pid = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        if !valid_id(&pid) {
            problems.push(
                Problem::error(Kind::Invalid, format!("platform file name `{}` is not a valid id", shown(&path).display()))
                    .help("platform ids become file names: use lowercase letters, digits and `-`"),
            );
            continue;
        }
        match read_source(&path, &shown(&path)) {
            Ok(src) => {
                if let Some(p) = load_platform(pid, src, campaign.as_ref(), problems) {
                    platforms.push(p);
                }
            }
            Err(p) => problems.push(p),
        }
    }
    let campaign = campaign?;
    if platforms.is_empty() {
        problems.push(
            Problem::error(Kind::Invalid, format!("{} has no platform files", shown(dir).display()))
                .help("add one file per platform, e.g. facebook.toml, next to campaign.toml"),
        );
    }
    Some(Edition { id, campaign, platforms })
}

pub fn load_campaign(source: Arc<Source>, problems: &mut Vec<Problem>) -> Option<Campaign> {
    let raw: RawCampaign = match parse_toml(&source) {
        Ok(r) => r,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let before = problems.len();
    let language = load_language(&source, raw.language, problems);
    let deadline_loc = loc_of(&source, &raw.deadline);
    let deadline = match raw.deadline.get_ref() {
        toml::value::Datetime { date: Some(d), time: None, offset: None } => {
            Some(Date { year: d.year, month: d.month, day: d.day })
        }
        _ => {
            problems.push(
                Problem::error(Kind::Invalid, "the deadline must be a date without a time")
                    .at(deadline_loc.clone())
                    .label("expected a date like 2025-05-27")
                    .help("write it without quotes: deadline = 2025-05-27"),
            );
            None
        }
    };
    let mut allowed_hosts = Vec::new();
    for host in raw.allowed_hosts.get_ref() {
        let h = host.get_ref().trim().to_ascii_lowercase();
        if h.is_empty() || h.contains(['/', ':', '@', ' ']) || !h.contains('.') {
            problems.push(
                Problem::error(Kind::Invalid, format!("`{}` is not a host name", host.get_ref()))
                    .at(loc_of(&source, host))
                    .label("expected a host like facebook.com")
                    .help("list bare host names; their subdomains are allowed too"),
            );
        } else {
            allowed_hosts.push(h);
        }
    }
    if raw.allowed_hosts.get_ref().is_empty() {
        problems.push(
            Problem::error(Kind::Invalid, "allowed_hosts is empty, so no form URL can be accepted")
                .at(loc_of(&source, &raw.allowed_hosts))
                .help("list the hosts the QR codes may point to, e.g. [\"facebook.com\", \"instagram.com\"]"),
        );
    }
    let mut texts = BTreeMap::new();
    for (key, value) in &raw.text {
        if let Some(t) = template(&source, value, problems) {
            texts.insert(key.clone(), t);
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(Campaign { source, language: language?, deadline: deadline?, deadline_loc, texts, allowed_hosts })
}

fn load_language(source: &Arc<Source>, raw: RawLanguage, problems: &mut Vec<Problem>) -> Option<Language> {
    let code = raw.code.get_ref().clone();
    let mut ok = true;
    let tag_ok = !code.is_empty()
        && code.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !tag_ok {
        problems.push(
            Problem::error(Kind::Invalid, format!("`{code}` is not a language tag"))
                .at(loc_of(source, &raw.code))
                .help("use a BCP 47 tag such as \"nl\" or \"en\""),
        );
        ok = false;
    }
    let hyphenation = match &raw.hyphenation {
        None => None,
        Some(h) => {
            let lang = <[u8; 2]>::try_from(h.get_ref().as_bytes()).ok().and_then(hypher::Lang::from_iso);
            if lang.is_none() {
                problems.push(
                    Problem::error(Kind::Invalid, format!("no hyphenation patterns for `{}`", h.get_ref()))
                        .at(loc_of(source, h))
                        .help("use a two-letter ISO 639-1 code such as \"nl\", or leave the key out to not hyphenate"),
                );
                ok = false;
            }
            lang
        }
    };
    if raw.months.get_ref().len() != 12 {
        problems.push(
            Problem::error(Kind::Invalid, format!("months lists {} names", raw.months.get_ref().len()))
                .at(loc_of(source, &raw.months))
                .label("expected the 12 month names, January first"),
        );
        ok = false;
    }
    let fmt = raw.date_format.get_ref();
    if !(fmt.contains("{day}") && fmt.contains("{month}") && fmt.contains("{year}")) {
        problems.push(
            Problem::error(Kind::Invalid, "date_format must contain {day}, {month} and {year}")
                .at(loc_of(source, &raw.date_format))
                .help("e.g. \"{day} {month} {year}\" prints 27 mei 2025"),
        );
        ok = false;
    }
    let rtl = match raw.direction.as_ref().map(|d| d.get_ref().as_str()) {
        None | Some("ltr") => false,
        Some("rtl") => true,
        Some(other) => {
            problems.push(
                Problem::error(Kind::Invalid, format!("`{other}` is not a writing direction"))
                    .at(loc_of(source, raw.direction.as_ref().unwrap()))
                    .label("expected \"ltr\" or \"rtl\""),
            );
            ok = false;
            false
        }
    };
    let quotes = match &raw.quotes {
        None => None,
        Some(q) => match q.get_ref().as_slice() {
            [open, close] if !open.is_empty() && !close.is_empty() => Some((open.clone(), close.clone())),
            _ => {
                problems.push(
                    Problem::error(Kind::Invalid, "quotes must name an opening and a closing mark")
                        .at(loc_of(source, q))
                        .label("expected two marks, e.g. [\"„\", \"”\"]"),
                );
                ok = false;
                None
            }
        },
    };
    ok.then(|| Language {
        code,
        hyphenation,
        rtl,
        quotes,
        months: raw.months.into_inner(),
        date_format: raw.date_format.into_inner(),
    })
}

/// Check a content string's markup and placeholders.
fn template(source: &Arc<Source>, value: &Spanned<String>, problems: &mut Vec<Problem>) -> Option<Template> {
    let loc = loc_of(source, value);
    let text = value.get_ref();
    let rich = match markup::parse(text) {
        Ok(r) => r,
        Err(markup::Unclosed(_)) => {
            problems.push(
                Problem::error(Kind::Invalid, "a `**` bold marker is not closed")
                    .at(loc)
                    .label("this text has an odd number of `**`")
                    .help("mark on-screen labels as **Label**, with two stars on both sides"),
            );
            return None;
        }
    };
    for name in placeholders(text) {
        if !PLACEHOLDERS.contains(&name) {
            problems.push(
                Problem::error(Kind::Invalid, format!("unknown placeholder `{{{name}}}`"))
                    .at(loc.clone())
                    .help("the placeholders are {platform}, {deadline} and {url}"),
            );
            return None;
        }
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        problems.push(
            Problem::error(Kind::Invalid, "text contains a control character")
                .at(loc)
                .help("remove tabs and other invisible characters"),
        );
        return None;
    }
    Some(Template { rich, loc })
}

fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('{').filter_map(move |(i, _)| {
        let rest = &text[i + 1..];
        let end = rest.find('}')?;
        let name = &rest[..end];
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(name)
    })
}

pub fn load_platform(
    id: String,
    source: Arc<Source>,
    campaign: Option<&Campaign>,
    problems: &mut Vec<Problem>,
) -> Option<Platform> {
    let raw: RawPlatform = match parse_toml(&source) {
        Ok(r) => r,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let before = problems.len();
    let name = raw.name.get_ref().trim().to_string();
    if name.is_empty() {
        problems.push(Problem::error(Kind::Invalid, "the platform name is empty").at(loc_of(&source, &raw.name)));
    }
    let url_loc = loc_of(&source, &raw.form_url);
    let hosts: &[String] = campaign.map_or(&[], |c| &c.allowed_hosts);
    if let Err(p) = check_form_url(raw.form_url.get_ref(), hosts, campaign.is_some()) {
        let mut p = p.at(url_loc.clone());
        if let Some(c) = campaign {
            p = p.related(Loc::new(&c.source, 0..0), "allowed_hosts are listed in");
        }
        problems.push(p);
    }
    let mut routes = BTreeMap::new();
    if raw.route.is_empty() {
        problems.push(
            Problem::error(Kind::Invalid, "the platform has no routes")
                .at(Loc::new(&source, 0..0))
                .help("add [route.browser] and [route.app], each with a title and steps"),
        );
    }
    for (rid, route) in raw.route {
        let loc = loc_of(&source, &route);
        let route = route.into_inner();
        let title = template(&source, &route.title, problems);
        if route.steps.get_ref().is_empty() {
            problems.push(
                Problem::error(Kind::Invalid, format!("route `{rid}` has no steps"))
                    .at(loc_of(&source, &route.steps))
                    .help("list the steps in order: steps = [\"...\", \"...\"]"),
            );
        }
        let mut steps = Vec::new();
        for step in route.steps.get_ref() {
            if step.get_ref().trim().is_empty() {
                problems.push(Problem::error(Kind::Invalid, "a step is empty").at(loc_of(&source, step)));
            } else if let Some(t) = template(&source, step, problems) {
                steps.push(t);
            }
        }
        if let Some(title) = title {
            routes.insert(rid, Route { title, steps, loc });
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(Platform { id, source, name, form_url: raw.form_url.into_inner(), url_loc, routes })
}

/// A form URL goes into a QR code people trust: https only, on the
/// campaign's allow-list, no credentials, not absurdly long.
pub fn check_form_url(text: &str, allowed_hosts: &[String], check_hosts: bool) -> Result<(), Problem> {
    let invalid = |msg: String| Problem::error(Kind::Invalid, msg);
    if text.len() > MAX_URL_LEN {
        return Err(invalid(format!("the form URL is {} characters long", text.len()))
            .label(format!("at most {MAX_URL_LEN} characters fit a QR code that scans reliably from paper")));
    }
    if text.trim() != text || text.contains(char::is_whitespace) {
        return Err(invalid("the form URL contains spaces".into()).label("remove the spaces"));
    }
    let url = url::Url::parse(text)
        .map_err(|e| invalid(format!("the form URL is not a valid URL: {e}")).label("expected https://..."))?;
    if url.scheme() != "https" {
        return Err(invalid(format!("the form URL uses `{}`, not https", url.scheme()))
            .label("expected an https:// address")
            .help("a QR code must open a secure page"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("the form URL contains a user name or password".into())
            .label("remove the part before @")
            .help("a URL with credentials can disguise where it really goes"));
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let allowed = allowed_hosts.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")));
    if check_hosts && !allowed {
        return Err(invalid(format!("the form URL's host `{host}` is not on the campaign's allow-list"))
            .label("host not allowed")
            .help(format!(
                "the QR code may only open {}; if this host is right, add it to allowed_hosts in campaign.toml",
                allowed_hosts.join(", ")
            )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        vec!["facebook.com".into(), "instagram.com".into()]
    }

    #[test]
    fn form_urls_are_checked() {
        let ok = ["https://www.facebook.com/help/contact/712876720715583", "https://help.instagram.com/contact/767264225370182"];
        for u in ok {
            assert!(check_form_url(u, &hosts(), true).is_ok(), "{u}");
        }
        let bad = [
            "http://www.facebook.com/help",
            "https://facebook.com.evil.example/help",
            "https://evilfacebook.com/",
            "https://user:pw@www.facebook.com/",
            "https://www.facebook.com/ help",
            "facebook.com/help",
        ];
        for u in bad {
            assert!(check_form_url(u, &hosts(), true).is_err(), "{u}");
        }
        let long = format!("https://www.facebook.com/{}", "a".repeat(300));
        assert!(check_form_url(&long, &hosts(), true).is_err());
    }

    #[test]
    fn unix_days_to_date() {
        assert_eq!(Date::from_unix_days(0), Date { year: 1970, month: 1, day: 1 });
        // 2025-05-27 is day 20235.
        assert_eq!(Date::from_unix_days(20_235), Date { year: 2025, month: 5, day: 27 });
        assert_eq!(Date::from_unix_days(20_234).to_string(), "2025-05-26");
    }

    #[test]
    fn straight_quotes_become_the_language_s() {
        let src = Source::new("t.toml", "");
        let t = Template { rich: markup::parse("Tik op \"**Verzenden**\" en \"klaar\"").unwrap(), loc: Loc::new(&src, 0..0) };
        let q = ("„".to_string(), "”".to_string());
        let vars = Vars { platform: "", deadline: "", url: "", quotes: Some(&q) };
        assert_eq!(t.resolve(&vars).to_plain(), "Tik op „Verzenden” en „klaar”");
        let plain = Vars { quotes: None, ..vars };
        assert_eq!(t.resolve(&plain).to_plain(), "Tik op \"Verzenden\" en \"klaar\"");
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(placeholders("a {platform} b {x_y} {not one}").collect::<Vec<_>>(), ["platform", "x_y"]);
    }
}
