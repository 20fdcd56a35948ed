//! Inline markup in content strings: `**Privacycentrum**` marks an on-screen
//! label, printed in bold so readers can match it with what their phone
//! shows; `{icon:menu}` draws an icon of the project's icons/.

use crate::icon::Icons;
pub use crate::rich::{Rich, Span};

/// What is wrong with a text's markup.
#[derive(Debug, PartialEq)]
pub enum MarkupError {
    /// A `**` marker is left unclosed.
    BoldNotClosed,
    /// `{icon:name}` names no icon.
    UnknownIcon(String),
}

/// The start of an icon's markup.
const ICON: &str = "{icon:";

/// Parse `**bold**` markup, and `{icon:name}` when there are `icons` (the
/// caller knows where the text is, and says what is wrong there).
pub fn parse(text: &str, icons: Option<&Icons>) -> Result<Rich, MarkupError> {
    let mut spans = Vec::new();
    let mut bold = false;
    let mut rest = text;
    while let Some(i) = rest.find("**") {
        push(&mut spans, &rest[..i], bold, icons)?;
        bold = !bold;
        rest = &rest[i + 2..];
    }
    if bold {
        return Err(MarkupError::BoldNotClosed);
    }
    push(&mut spans, rest, false, icons)?;
    Ok(Rich { spans })
}

fn push(spans: &mut Vec<Span>, mut text: &str, bold: bool, icons: Option<&Icons>) -> Result<(), MarkupError> {
    if let Some(icons) = icons {
        while let Some((before, name, after)) = icon_markup(text) {
            push_text(spans, before, bold);
            let icon = icons.get(name).ok_or_else(|| MarkupError::UnknownIcon(name.to_string()))?;
            spans.push(Span::Icon(icon.clone()));
            text = after;
        }
    }
    push_text(spans, text, bold);
    Ok(())
}

fn push_text(spans: &mut Vec<Span>, text: &str, bold: bool) {
    if !text.is_empty() {
        spans.push(Span::text(text, bold));
    }
}

/// The text before the first `{icon:name}`, the name and the text after.
fn icon_markup(text: &str) -> Option<(&str, &str, &str)> {
    let start = text.find(ICON)?;
    let rest = &text[start + ICON.len()..];
    let end = rest.find('}')?;
    Some((&text[..start], rest[..end].trim(), &rest[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_labels_are_split_out() {
        let r = parse("Kies **Privacycentrum** en scroll naar **Privacyonderwerpen**.", None).unwrap();
        assert_eq!(r.spans.len(), 5);
        assert_eq!(r.labels().collect::<Vec<_>>(), ["Privacycentrum", "Privacyonderwerpen"]);
        assert_eq!(r.to_plain(), "Kies Privacycentrum en scroll naar Privacyonderwerpen.");
    }

    #[test]
    fn an_unclosed_marker_is_not_markup() {
        assert_eq!(parse("Tik op **Verzenden", None), Err(MarkupError::BoldNotClosed));
        assert_eq!(parse("a **b** c **d", None), Err(MarkupError::BoldNotClosed));
    }

    #[test]
    fn plain_text_is_one_span() {
        assert_eq!(parse("geen opmaak", None).unwrap(), Rich::plain("geen opmaak"));
        assert!(parse("", None).unwrap().spans.is_empty());
    }

    #[test]
    fn icons_are_found_by_name_even_in_bold() {
        let icons = crate::icon::tests::two_icons();
        let r = parse("Tik op **Menu {icon:menu}** en {icon:back}.", Some(&icons)).unwrap();
        assert_eq!(r.icons().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["menu", "back"]);
        assert_eq!(r.to_plain(), "Tik op Menu {icon:menu} en {icon:back}.");
        assert_eq!(parse("Tik op {icon:menuu}", Some(&icons)), Err(MarkupError::UnknownIcon("menuu".into())));
        // Without icons the markup is text.
        assert_eq!(parse("{icon:menu}", None).unwrap(), Rich::plain("{icon:menu}"));
    }
}
