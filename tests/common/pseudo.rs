//! A pseudo-locale: the Dutch texts made longer, as a translation into a
//! wordier language would make them. Filler words go before a text's
//! closing punctuation; markup, placeholders and URLs stay as they are.

use handout_core::MemFiles;
use std::path::Path;

/// Dutch words of everyday length, used in turn.
const FILLER: &[&str] = &["ook", "echt", "gewoon", "zeker", "meteen", "samen", "daarna", "altijd", "precies", "verder"];

/// How long a text reads: without markup and placeholders.
pub fn reading_length(text: &str) -> usize {
    let mut n = 0;
    let mut in_placeholder = false;
    for c in text.replace("**", "").chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ if !in_placeholder => n += 1,
            _ => {}
        }
    }
    n
}

/// `text` made `percent` % longer (at least), filler before its closing
/// punctuation. A text that is only a placeholder stays as it is.
pub fn lengthen(text: &str, percent: u32) -> String {
    let base = reading_length(text);
    if base == 0 || percent == 0 {
        return text.to_string();
    }
    let target = base + (base * percent as usize).div_ceil(100);
    let body = text.trim_end_matches(['.', '!', '?', ':', ';']);
    let end = &text[body.len()..];
    let mut out = body.to_string();
    let mut i = 0;
    while reading_length(&out) + end.chars().count() < target {
        out.push(' ');
        out.push_str(FILLER[i % FILLER.len()]);
        i += 1;
    }
    out + end
}

/// Every printed text of a content file lengthened: the campaign's texts,
/// and a platform's route titles and steps (names, dates and URLs stay).
fn lengthen_file(toml_text: &str, percent: u32) -> String {
    let mut table: toml::Table = toml_text.parse().expect("content files parse");
    let grow = |v: &mut toml::Value| {
        if let toml::Value::String(s) = v {
            *s = lengthen(s, percent);
        }
    };
    if let Some(toml::Value::Table(texts)) = table.get_mut("text") {
        texts.iter_mut().filter(|(k, _)| k.as_str() != "qr_alt").for_each(|(_, v)| grow(v));
    }
    if let Some(toml::Value::Table(routes)) = table.get_mut("route") {
        for (_, route) in routes.iter_mut() {
            let toml::Value::Table(route) = route else { continue };
            route.get_mut("title").map(grow);
            if let Some(toml::Value::Array(steps)) = route.get_mut("steps") {
                steps.iter_mut().for_each(grow);
            }
        }
    }
    toml::to_string(&table).expect("a table serialises")
}

/// The built-in project with `lang`'s texts made `percent` % longer, in
/// every campaign.
pub fn project(root: &Path, lang: &str, percent: u32) -> MemFiles {
    let mut files = MemFiles::embedded();
    for campaign in std::fs::read_dir(root.join("campaigns")).expect("the campaigns folder") {
        let campaign = campaign.unwrap().path();
        let Ok(dir) = std::fs::read_dir(campaign.join(lang)) else { continue };
        let id = campaign.file_name().unwrap();
        for e in dir {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let rel = Path::new("campaigns").join(id).join(lang).join(path.file_name().unwrap());
                files.insert(rel, lengthen_file(&text, percent).into_bytes());
            }
        }
    }
    files
}
