//! Content strings: markup parsed, placeholders checked on load and filled
//! in per handout.

use super::super::markup::{self, MarkupError};
use super::super::{At, direction_control};
use crate::diag::{Kind, Loc, Problem, Problems, TextIssue};
use crate::icon::Icons;
use crate::rich::{Rich, Span};

/// The placeholders a text may use.
const PLACEHOLDERS: [&str; 3] = ["platform", "deadline", "url"];

/// A content string with its markup parsed; placeholders are filled in per platform.
#[derive(Clone, Debug)]
pub struct Template {
    rich: Rich,
    /// Where the text is written.
    pub loc: Loc,
}

/// Values for the placeholders of one handout.
pub struct Vars<'a> {
    /// The platform's name.
    pub platform: &'a str,
    /// The deadline as the language writes it.
    pub deadline: &'a str,
    /// The form URL.
    pub url: &'a str,
    /// The language's quotation marks, for straight `"` pairs.
    pub quotes: Option<&'a (String, String)>,
}

impl Template {
    /// A template from text that needs no checking (tests, generated text).
    pub fn from_rich(rich: Rich, loc: Loc) -> Template {
        Template { rich, loc }
    }

    /// The text as written, placeholders and all (without markup).
    pub fn text(&self) -> String {
        self.rich.to_plain()
    }

    /// The icons it draws.
    pub fn icons(&self) -> impl Iterator<Item = &std::sync::Arc<crate::icon::Icon>> {
        self.rich.icons()
    }

    /// Whether the text uses the placeholder `{name}`.
    pub fn uses(&self, name: &str) -> bool {
        let mark = format!("{{{name}}}");
        self.rich.spans.iter().any(|s| matches!(s, Span::Text { text, .. } if text.contains(&mark)))
    }

    /// The text with its placeholders filled in.
    pub fn resolve(&self, vars: &Vars) -> Rich {
        let mut rich = self.rich.clone();
        let mut open = true;
        for span in &mut rich.spans {
            let Span::Text { text: span, .. } = span else { continue };
            let text = span
                .replace("{platform}", vars.platform)
                .replace("{deadline}", vars.deadline)
                .replace("{url}", vars.url);
            *span = match vars.quotes {
                Some(marks) => curl_quotes(&text, marks, &mut open),
                None => text,
            };
        }
        rich
    }
}

/// Straight `"` pairs become the language's marks. `open` carries across
/// spans: a quote may open in plain text and close after a bold label.
fn curl_quotes(text: &str, (o, c): &(String, String), open: &mut bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch == '"' {
            out.push_str(if *open { o } else { c });
            *open = !*open;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Check a content string's markup, placeholders and characters. With
/// `icons`, `{icon:name}` draws one of them; without (an organisation's
/// help text), it is text.
pub fn template(value: &At<String>, icons: Option<&Icons>, problems: &mut Problems) -> Option<Template> {
    let loc = value.loc().clone();
    let text = value.get();
    let rich = match markup::parse(text, icons) {
        Ok(r) => r,
        Err(MarkupError::UnknownIcon(name)) => {
            let known = icons.map(Icons::names).unwrap_or_default();
            problems.push(
                Problem::error(format!("unknown icon `{{icon:{}}}`", name.escape_debug()))
                    .kind(Kind::Text(TextIssue::UnknownIcon))
                    .at(loc)
                    .help(format!("the icons are: {known}; a project adds its own in icons/icons.toml")),
            );
            return None;
        }
        Err(MarkupError::BoldNotClosed) => {
            problems.push(
                Problem::error("a `**` bold marker is not closed")
                    .kind(Kind::Text(TextIssue::BoldNotClosed))
                    .at(loc)
                    .label("this text has an odd number of `**`")
                    .help("mark on-screen labels as **Label**, with two stars on both sides"),
            );
            return None;
        }
    };
    if let Some(name) = placeholders(text).find(|n| !PLACEHOLDERS.contains(n)) {
        problems.push(
            Problem::error(format!("unknown placeholder `{{{name}}}`"))
                .kind(Kind::Text(TextIssue::UnknownPlaceholder))
                .at(loc)
                .help("the placeholders are {platform}, {deadline} and {url}"),
        );
        return None;
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        problems.push(
            Problem::error("text contains a control character")
                .kind(Kind::Text(TextIssue::ControlCharacter))
                .at(loc)
                .help("remove tabs and other invisible characters"),
        );
        return None;
    }
    if let Some(p) = turned_around(value) {
        problems.push(p);
        return None;
    }
    Some(Template { rich, loc })
}

/// A text holding a character that turns the reading direction around
/// (U+202A-U+202E, U+2066-U+2069) can print as something else than it
/// reads: refused in every text of a campaign, as in an organisation's.
pub(super) fn turned_around(value: &At<String>) -> Option<Problem> {
    let c = direction_control(value)?;
    Some(
        Problem::error(format!("text contains U+{:04X}, which turns the reading direction around", c as u32))
                .kind(Kind::Text(TextIssue::DirectionControl))
            .at(value.loc().clone())
            .label("an invisible character here")
            .help("type the text again rather than pasting it: such a character can make text print as something else than it reads; a right-to-left language needs only its `direction`"),
    )
}

fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('{').filter_map(move |(i, _)| {
        let rest = &text[i + 1..];
        let end = rest.find('}')?;
        let name = &rest[..end];
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;

    #[test]
    fn straight_quotes_become_the_language_s() {
        let src = Source::new("t.toml", "");
        let t = Template {
            rich: markup::parse("Tik op \"**Verzenden**\" en \"klaar\"", None).unwrap(),
            loc: Loc::new(&src, 0..0),
        };
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
