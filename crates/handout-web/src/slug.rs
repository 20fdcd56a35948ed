//! Ids made from names people type (an organisation's, a handout's
//! title), for file names.

/// An id from a name: lowercase ASCII letters and digits joined by `-`
/// ("Bibliotheek Één" is `bibliotheek-een`), for file names.
pub fn slug(name: &str) -> String {
    slug_or(name, "organisatie")
}

/// [`slug`], with `fallback` for a name that leaves nothing.
pub fn slug_or(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { fallback.into() } else { out }
}

/// Latin letters with accents as their plain letter, for ids.
fn fold(c: char) -> Vec<char> {
    let plain = match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ÿ' | 'ý' | 'Ý' => 'y',
        'ß' => return vec!['s', 's'],
        c => c,
    };
    vec![plain]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("Bibliotheek Één & Zo"), "bibliotheek-een-zo");
        assert_eq!(slug("  ???  "), "organisatie");
        assert_eq!(slug("Straße 12"), "strasse-12");
        assert!(handout_core::valid_id(&slug(&"Ab ".repeat(50))));
    }
}
