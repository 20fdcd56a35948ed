//! Problems as the page shows them: next to the field they are about, led
//! by a sentence in the page's language, followed by the command line's
//! own message (so that staff and whoever helps them see the same words).

use super::order::field_of;
use super::studio::Catalogue;
use super::words::Ui;
use crate::diag::Problem;

/// One thing to change, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Complaint {
    /// The form field it is about; `None`: the form as a whole.
    pub field: Option<String>,
    /// In the page's language.
    pub text: String,
    /// The command line's message and help (English).
    pub detail: Option<String>,
}

/// A complaint about a field, in the page's own words only.
pub fn plain(field: &str, text: &str) -> Complaint {
    Complaint { field: Some(field.to_string()), text: text.to_string(), detail: None }
}

/// The fields that chose nothing.
pub fn missing(fields: &[&str], ui: Ui) -> Vec<Complaint> {
    let w = ui.words();
    fields
        .iter()
        .map(|f| {
            let text = match *f {
                "lang" => w.missing_lang,
                "platform" => w.missing_platform,
                _ => w.missing_layout,
            };
            plain(f, text)
        })
        .collect()
}

/// Each problem, at its field.
pub fn from_problems(problems: &[Problem], ui: Ui, cat: &Catalogue) -> Vec<Complaint> {
    let w = ui.words();
    problems
        .iter()
        .map(|p| {
            let docs: Vec<String> = p.documents.iter().map(|d| cat.document(d, ui)).collect();
            let text = match p.overflow {
                Some((needed, available)) if needed > 0.0 => {
                    let percent = shorter_by(needed, available);
                    let document = if docs.is_empty() { "?".to_string() } else { docs.join(", ") };
                    w.too_long.replace("{document}", &document).replace("{percent}", &percent.to_string())
                }
                _ if docs.is_empty() => w.cannot.to_string(),
                _ => format!("{} {}", w.cannot, w.in_documents.replace("{documents}", &docs.join(", "))),
            };
            Complaint { field: p.loc.as_ref().and_then(field_of), text, detail: Some(detail(p)) }
        })
        .collect()
}

/// How much shorter a text must be to fit, in percent rounded up to 5:
/// its height is roughly proportional to its length.
fn shorter_by(needed: f32, available: f32) -> u32 {
    let cut = (1.0 - available / needed).clamp(0.0, 0.95) * 100.0;
    ((cut / 5.0).ceil() as u32 * 5).max(5)
}

fn detail(p: &Problem) -> String {
    let mut s = p.message.clone();
    if let Some(label) = &p.label {
        s.push_str(&format!(" ({label})"));
    }
    if let Some(help) = &p.help {
        s.push_str(&format!(". Help: {help}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_twice_too_long_must_lose_half() {
        assert_eq!(shorter_by(20.0, 10.0), 50);
        assert_eq!(shorter_by(10.4, 10.0), 5);
        assert_eq!(shorter_by(100.0, 1.0), 95);
    }
}
