//! Inline markup in content strings: `**Privacycentrum**` marks an on-screen
//! label, printed in bold so readers can match it with what their phone shows.

pub use crate::rich::{Rich, Span};

/// Parse `**bold**` markup; `None` when a marker is left unclosed (the
/// caller knows where the text is, and says so).
pub fn parse(text: &str) -> Option<Rich> {
    let mut spans = Vec::new();
    let mut bold = false;
    let mut rest = text;
    while let Some(i) = rest.find("**") {
        push(&mut spans, &rest[..i], bold);
        bold = !bold;
        rest = &rest[i + 2..];
    }
    if bold {
        return None;
    }
    push(&mut spans, rest, false);
    Some(Rich { spans })
}

fn push(spans: &mut Vec<Span>, text: &str, bold: bool) {
    if !text.is_empty() {
        spans.push(Span { text: text.to_string(), bold });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_labels_are_split_out() {
        let r = parse("Kies **Privacycentrum** en scroll naar **Privacyonderwerpen**.").unwrap();
        assert_eq!(r.spans.len(), 5);
        assert_eq!(r.labels().collect::<Vec<_>>(), ["Privacycentrum", "Privacyonderwerpen"]);
        assert_eq!(r.to_plain(), "Kies Privacycentrum en scroll naar Privacyonderwerpen.");
    }

    #[test]
    fn an_unclosed_marker_is_not_markup() {
        assert_eq!(parse("Tik op **Verzenden"), None);
        assert_eq!(parse("a **b** c **d"), None);
    }

    #[test]
    fn plain_text_is_one_span() {
        assert_eq!(parse("geen opmaak").unwrap(), Rich::plain("geen opmaak"));
        assert!(parse("").unwrap().spans.is_empty());
    }
}
