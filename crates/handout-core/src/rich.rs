//! Rich text: text in runs of regular and bold. Load parses it from the
//! content files' `**Label**` markup; compose lays it out.

/// A piece of text in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
}

/// Text with bold spans; never holds the `**` markers themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rich {
    pub spans: Vec<Span>,
}

impl Rich {
    pub fn plain(text: impl Into<String>) -> Rich {
        Rich { spans: vec![Span { text: text.into(), bold: false }] }
    }

    /// The text without markup.
    pub fn to_plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// The bold pieces (the on-screen labels).
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().filter(|s| s.bold).map(|s| s.text.as_str())
    }
}
