//! Rich text: text in runs of regular and bold, and icons. Load parses it
//! from the content files' `**Label**` and `{icon:name}` markup; compose
//! lays it out.

use crate::icon::Icon;
use std::sync::Arc;

/// A piece of text in one style, or an icon.
#[derive(Clone, Debug)]
pub enum Span {
    /// Text, bold or not.
    Text {
        /// The text.
        text: String,
        /// Printed in bold (an on-screen label).
        bold: bool,
    },
    /// An icon, drawn at the size and in the colour of the text around it.
    Icon(Arc<Icon>),
}

impl Span {
    /// A piece of text.
    pub fn text(text: impl Into<String>, bold: bool) -> Span {
        Span::Text { text: text.into(), bold }
    }
}

impl PartialEq for Span {
    fn eq(&self, other: &Span) -> bool {
        match (self, other) {
            (Span::Text { text: a, bold: x }, Span::Text { text: b, bold: y }) => a == b && x == y,
            (Span::Icon(a), Span::Icon(b)) => a.name == b.name,
            _ => false,
        }
    }
}

/// Text with bold spans and icons; never holds the markers themselves.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rich {
    pub spans: Vec<Span>,
}

impl Rich {
    pub fn plain(text: impl Into<String>) -> Rich {
        Rich { spans: vec![Span::text(text, false)] }
    }

    /// The text without markup; an icon as it is written, `{icon:menu}`
    /// (messages quote the text as its writer knows it).
    pub fn to_plain(&self) -> String {
        self.spans
            .iter()
            .map(|s| match s {
                Span::Text { text, .. } => std::borrow::Cow::Borrowed(text.as_str()),
                Span::Icon(i) => std::borrow::Cow::Owned(format!("{{icon:{}}}", i.name)),
            })
            .collect()
    }

    /// The bold pieces (the on-screen labels).
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().filter_map(|s| match s {
            Span::Text { text, bold: true } => Some(text.as_str()),
            _ => None,
        })
    }

    /// The icons, in reading order.
    pub fn icons(&self) -> impl Iterator<Item = &Arc<Icon>> {
        self.spans.iter().filter_map(|s| match s {
            Span::Icon(i) => Some(i),
            Span::Text { .. } => None,
        })
    }
}
