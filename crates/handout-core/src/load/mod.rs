//! Load: TOML files in, validated content and layouts out. Every value that
//! can be wrong keeps its place in the file (see [`At`]) so a problem can
//! point at it.
//!
//! All loaders check the same way: serde reads the file into raw types
//! (`raw.rs`: unknown keys, wrong types and unknown names are serde's
//! errors, located), then a [`Checker`] checks what serde cannot (ranges,
//! references, geometry), reporting every problem and returning the
//! checked value only when there were none.

pub mod at;
pub mod check;
pub mod content;
pub mod icons;
pub mod layout;
pub mod markup;
pub mod org;

use crate::diag::{Loc, Problem, Problems, Source};
use serde::de::DeserializeOwned;
use std::path::Path;
use std::sync::Arc;

pub use at::At;
pub use check::{Checker, Limit, direction_control};
pub use content::Content;
pub use layout::Layout;

/// A file the user edits, as a source for messages; `shown` is its path
/// as it appears in them.
pub fn source_from_bytes(shown: &Path, bytes: Vec<u8>) -> Result<Arc<Source>, Problem> {
    let text = String::from_utf8(bytes).map_err(|e| {
        Problem::error(format!(
            "{} is not UTF-8 text (invalid byte at offset {})",
            shown.display(),
            e.utf8_error().valid_up_to()
        ))
        .help("save the file as UTF-8")
    })?;
    Ok(Source::new(shown, text))
}

/// Deserialize a TOML source into raw types, reporting serde's error at
/// its place in the file.
pub fn parse_toml<T: DeserializeOwned>(source: &Arc<Source>, problems: &mut Problems) -> Option<T> {
    let parsed = at::parsing(source, || toml::from_str(&source.text));
    parsed
        .map_err(|e: toml::de::Error| {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let mut p = Problem::error(message.clone()).at(Loc::new(source, span));
            if let Some(h) = toml_help(&message) {
                p = p.help(h);
            }
            problems.push(p);
        })
        .ok()
}

fn toml_help(message: &str) -> Option<&'static str> {
    if message.contains("unknown field") {
        Some("check the spelling; the expected keys are listed above")
    } else if message.contains("missing field") {
        Some("add the missing key to this table")
    } else if message.contains("invalid type") {
        Some("text goes in \"double quotes\"; numbers and dates go without quotes")
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
