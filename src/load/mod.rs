//! Load: TOML files in, validated content and layouts out. Every value that
//! can be wrong keeps its place in the file so a problem can point at it.

pub mod content;
pub mod layout;
pub mod markup;

use crate::diag::{Kind, Loc, Problem, Source};
use serde::de::DeserializeOwned;
use serde_spanned::Spanned;
use std::path::Path;
use std::sync::Arc;

pub use content::{Campaign, Edition, Platform};
pub use layout::Layout;

/// Read a file the user edits. `shown` is the path as it appears in messages.
pub fn read_source(path: &Path, shown: &Path) -> Result<Arc<Source>, Problem> {
    let bytes = std::fs::read(path).map_err(|e| {
        Problem::error(Kind::File, format!("cannot read {}: {e}", shown.display()))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Problem::error(
            Kind::Syntax,
            format!("{} is not UTF-8 text (invalid byte at offset {})", shown.display(), e.utf8_error().valid_up_to()),
        )
        .help("save the file as UTF-8")
    })?;
    Ok(Source::new(shown, text))
}

/// Deserialize a TOML source, turning serde's error into a located problem.
pub fn parse_toml<T: DeserializeOwned>(source: &Arc<Source>) -> Result<T, Problem> {
    toml::from_str(&source.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().trim().to_string();
        let kind = if is_syntax_error(&message) { Kind::Syntax } else { Kind::Invalid };
        let help = toml_help(&message);
        let mut p = Problem::error(kind, message).at(Loc::new(source, span));
        if let Some(h) = help {
            p = p.help(h);
        }
        p
    })
}

fn is_syntax_error(message: &str) -> bool {
    const SERDE: [&str; 6] =
        ["unknown field", "missing field", "invalid type", "unknown variant", "invalid value", "invalid length"];
    !SERDE.iter().any(|s| message.contains(s))
}

fn toml_help(message: &str) -> Option<String> {
    if message.contains("unknown field") {
        Some("check the spelling; the expected keys are listed above".into())
    } else if message.contains("missing field") {
        Some("add the missing key to this table".into())
    } else if message.contains("invalid type") {
        Some("text goes in \"double quotes\"; numbers and dates go without quotes".into())
    } else {
        None
    }
}

/// Ids become file names: keep them to lowercase ASCII letters, digits and `-`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

pub fn loc_of<T>(source: &Arc<Source>, spanned: &Spanned<T>) -> Loc {
    Loc::new(source, spanned.span())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_file_names() {
        assert!(valid_id("flyer-a4"));
        assert!(valid_id("nl"));
        for bad in ["", "../etc", "Flyer", "a b", "-x", "é", "a/b", "a.pdf"] {
            assert!(!valid_id(bad), "{bad:?}");
        }
    }
}
