//! Inline markup in content strings: `**Privacycentrum**` marks an on-screen
//! label, printed in bold so readers can match it with what their phone shows.

pub use crate::rich::{Rich, Span};

/// Why markup could not be read: the byte offset (in the string) of the
/// unmatched marker.
#[derive(Debug, PartialEq, Eq)]
pub struct Unclosed(pub usize);

/// Parse `**bold**` markup.
pub fn parse(text: &str) -> Result<Rich, Unclosed> {
    let mut spans = Vec::new();
    let mut bold = false;
    let mut last_marker = 0;
    let mut rest = text;
    let mut offset = 0;
    while let Some(i) = rest.find("**") {
        push(&mut spans, &rest[..i], bold);
        bold = !bold;
        last_marker = offset + i;
        offset += i + 2;
        rest = &rest[i + 2..];
    }
    if bold {
        return Err(Unclosed(last_marker));
    }
    push(&mut spans, rest, false);
    Ok(Rich { spans })
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
    fn unclosed_marker_is_reported_where_it_opens() {
        assert_eq!(parse("Tik op **Verzenden"), Err(Unclosed(7)));
        assert_eq!(parse("a **b** c **d"), Err(Unclosed(10)));
    }

    #[test]
    fn plain_text_is_one_span() {
        assert_eq!(parse("geen opmaak").unwrap(), Rich::plain("geen opmaak"));
        assert!(parse("").unwrap().spans.is_empty());
    }
}
