//! Breaking rich text into lines no wider than a measure.

use super::measure::Measurer;
use super::styled::{Face, Styled};
use crate::icon::Icon;
use crate::rich::Rich;
use crate::style::FontWeight;
use crate::units::{Mm, Pt};
use std::ops::Range;
use std::sync::Arc;
use unicode_linebreak::BreakOpportunity;

/// Hyphenate at a line end only when the line would otherwise be emptier
/// than this: frequent hyphens slow down unpractised readers.
const HYPHENATE_BELOW_FILL: f32 = 0.7;

/// Where lines may break.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Breaking {
    /// Running text: UAX #14 opportunities, hyphenation in this language.
    Prose(Option<hypher::Lang>),
    /// A web address: break where style guides allow (after `//`, before
    /// `/` and `.`), never add a hyphen: it would look like part of the
    /// address.
    Url,
}

/// How a paragraph is set.
#[derive(Copy, Clone, Debug)]
pub struct Setting {
    /// The weight of text not marked bold.
    pub weight: FontWeight,
    pub size: Pt,
    /// The line's measure.
    pub max: Mm,
    pub mode: Breaking,
    /// The paragraph's base direction is right to left.
    pub rtl: bool,
}

/// What a piece of a line prints.
#[derive(Clone, Debug)]
pub enum Ink {
    /// Glyphs in a font family (see [`crate::fonts::Fonts`]): the piece
    /// shaped in its direction.
    Glyphs { glyphs: Arc<Vec<crate::model::Glyph>>, family: usize },
    /// An icon, in a square of [`crate::icon::side`] of the text's size.
    Icon(Arc<Icon>),
}

/// A piece of a line in one weight and face, in one direction.
#[derive(Clone, Debug)]
pub struct Piece {
    pub text: String,
    /// What is printed.
    pub ink: Ink,
    pub weight: FontWeight,
    /// Set right to left (shaped and drawn so).
    pub rtl: bool,
    /// Offset from the line's left end; pieces are in visual order.
    pub x: Mm,
    pub width: Mm,
    /// Byte offset of the piece in the paragraph: sorting by it gives the
    /// logical (reading) order.
    pub logical: usize,
}

/// One line: its pieces in visual order and its printed width.
#[derive(Clone, Debug, Default)]
pub struct Line {
    pub pieces: Vec<Piece>,
    pub width: Mm,
}

/// Text that cannot be broken to fit the width: a word longer than the line.
#[derive(Clone, Debug, PartialEq)]
pub struct Unfit {
    pub word: String,
    pub width: Mm,
}

/// Break `rich` into lines no wider than `set.max`. Lines come back in
/// visual order, left to right, measured from their left end.
pub fn break_lines(m: &mut Measurer, rich: &Rich, set: &Setting) -> Result<Vec<Line>, Unfit> {
    let st = Styled::new(rich, set.weight, m);
    if st.text.is_empty() {
        return Ok(Vec::new());
    }
    let opportunities: Vec<usize> = match set.mode {
        Breaking::Prose(_) => unicode_linebreak::linebreaks(&st.text)
            .filter(|(_, o)| matches!(o, BreakOpportunity::Allowed | BreakOpportunity::Mandatory))
            .map(|(i, _)| i)
            .collect(),
        Breaking::Url => url_breaks(&st.text),
    };
    let mut b = Breaker { m, st: &st, size: set.size, max: set.max, mode: set.mode, lines: Vec::new() };
    b.fill(&opportunities)?;
    let bidi = bidi(&st.text, set.rtl);
    let lines = std::mem::take(&mut b.lines);
    Ok(lines.into_iter().map(|(range, hyphen)| b.build(range, hyphen, bidi.as_ref())).collect())
}

struct Breaker<'a, 'm, 'f> {
    m: &'m mut Measurer<'f>,
    st: &'a Styled,
    size: Pt,
    max: Mm,
    mode: Breaking,
    /// Lines as logical ranges, and whether a hyphen ends them.
    lines: Vec<(Range<usize>, bool)>,
}

impl Breaker<'_, '_, '_> {
    /// Fill lines greedily, segment by segment (a segment ends at a break
    /// opportunity).
    fn fill(&mut self, opportunities: &[usize]) -> Result<(), Unfit> {
        let hyphenates = matches!(self.mode, Breaking::Prose(_));
        let mut line_start = 0;
        let mut line_end = 0; // end of what is committed to the current line
        let mut seg_start = 0;
        for &seg_end in opportunities {
            loop {
                if self.fits(line_start..seg_end) {
                    line_end = seg_end;
                    break;
                }
                if line_end > line_start {
                    // The segment does not fit after what the line holds.
                    if let Some(split) = self.url_split_here(line_start, line_end..seg_end) {
                        // An address part too long for any line is split
                        // anyway: start it here rather than waste this line.
                        self.lines.push((line_start..split, false));
                        line_start = split;
                    } else if self.fill_ratio(line_start..line_end) < HYPHENATE_BELOW_FILL
                        && let Some(split) = self.hyphen_split(line_start, seg_start..seg_end, false)
                    {
                        self.lines.push((line_start..split, hyphenates));
                        line_start = split;
                    } else {
                        self.lines.push((line_start..line_end, false));
                        line_start = line_end;
                    }
                    line_end = line_start;
                    continue;
                }
                // The line is empty and the segment alone is too wide.
                let Some(split) = self.hyphen_split(line_start, line_start..seg_end, true) else {
                    let word = self.st.text[line_start..seg_end].trim().to_string();
                    return Err(Unfit { word, width: self.width(line_start..seg_end) });
                };
                self.lines.push((line_start..split, hyphenates));
                line_start = split;
                line_end = split;
            }
            seg_start = seg_end;
        }
        if line_end > line_start {
            self.lines.push((line_start..line_end, false));
        }
        Ok(())
    }

    /// Width of a range as it would be printed: trailing spaces do not count.
    fn width(&mut self, range: Range<usize>) -> Mm {
        let end = range.start + self.st.text[range.clone()].trim_end().len();
        let (m, size) = (&mut *self.m, self.size);
        self.st.pieces(range.start..end).fold(Mm::ZERO, |acc, (t, w, f, _)| {
            acc + match f {
                Face::Family(f) => m.width_in(*f, w, t, size),
                Face::Icon(_) => crate::icon::side(size),
            }
        })
    }

    fn fits(&mut self, range: Range<usize>) -> bool {
        self.width(range) <= self.max
    }

    fn fill_ratio(&mut self, range: Range<usize>) -> f32 {
        self.width(range) / self.max
    }

    fn hyphen_width(&mut self, at: usize) -> Mm {
        let w = self.st.weight_at(at.saturating_sub(1));
        self.m.width(w, "-", self.size)
    }

    /// The latest split point inside `seg` such that `line_start..split`
    /// (plus a hyphen, for prose) fits. `forced` allows splitting bold
    /// labels and, failing hyphenation points, anywhere (URLs only).
    fn hyphen_split(&mut self, line_start: usize, seg: Range<usize>, forced: bool) -> Option<usize> {
        let candidates: Vec<usize> = match self.mode {
            Breaking::Prose(lang) => {
                let lang = lang?;
                if !forced && self.st.weight_at(seg.start) == FontWeight::Bold && self.is_label(seg.clone()) {
                    return None;
                }
                // Names (Instagram, Facebook) are split only when they
                // fill a line alone: a reader looks for them whole.
                // Capitalised words are names or begin a sentence.
                if !forced && self.st.text[seg.clone()].trim_start().starts_with(char::is_uppercase) {
                    return None;
                }
                hyphenation_points(&self.st.text, seg.clone(), lang)
            }
            // Inside a URL part only when the part alone is wider than the line.
            Breaking::Url if !forced => return None,
            Breaking::Url => self.st.text[seg.clone()].char_indices().skip(1).map(|(i, _)| seg.start + i).collect(),
        };
        let hyphen = matches!(self.mode, Breaking::Prose(_));
        for &split in candidates.iter().rev() {
            let extra = if hyphen { self.hyphen_width(split) } else { Mm::ZERO };
            if self.width(line_start..split) + extra <= self.max {
                return Some(split);
            }
        }
        None
    }

    /// In a URL, where to split a part that is wider than a whole line, so
    /// that it starts on the current line (`None` for prose, or for a part
    /// that fits a line of its own).
    fn url_split_here(&mut self, line_start: usize, seg: Range<usize>) -> Option<usize> {
        if !matches!(self.mode, Breaking::Url) || self.width(seg.clone()) <= self.max {
            return None;
        }
        self.hyphen_split(line_start, seg, true).filter(|&split| split > line_start)
    }

    /// Whether the segment is an on-screen label (all bold in non-bold text).
    fn is_label(&self, seg: Range<usize>) -> bool {
        let core = seg.start..seg.start + self.st.text[seg].trim_end().len();
        self.st.pieces(core).all(|(_, w, _, _)| w == FontWeight::Bold)
            && self.st.runs.iter().any(|(_, w, _)| *w == FontWeight::Regular)
    }

    /// Lay out one line: split it into runs of one direction (Unicode
    /// bidi algorithm, so a URL inside Arabic stays left to right), order
    /// them visually, and measure the pieces.
    fn build(&mut self, range: Range<usize>, hyphen: bool, bidi: Option<&unicode_bidi::BidiInfo>) -> Line {
        let end = range.start + self.st.text[range.clone()].trim_end().len();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut x = Mm::ZERO;
        for (run, rtl) in visual_runs(bidi, range.start..end) {
            let mut parts: Vec<(String, FontWeight, Face, usize)> =
                self.st.pieces(run).map(|(t, w, f, at)| (t.to_string(), w, f.clone(), at)).collect();
            if rtl {
                parts.reverse();
            }
            for (mut text, weight, face, logical) in parts {
                let (ink, width) = match face {
                    Face::Family(family) => {
                        if hyphen && logical + text.len() == end {
                            text.push('-');
                        }
                        let (glyphs, width) = self.m.set(family, weight, &text, rtl, self.size);
                        (Ink::Glyphs { glyphs, family }, width)
                    }
                    Face::Icon(icon) => (Ink::Icon(icon), crate::icon::side(self.size)),
                };
                pieces.push(Piece { text, ink, weight, rtl, x, width, logical });
                x += width;
            }
        }
        Line { pieces, width: x }
    }
}

/// The text's directions, when anything in it runs right to left. Below
/// U+0590 (Hebrew) no character is right-to-left or changes direction, so
/// a left-to-right text of those alone (most of them) skips the algorithm.
fn bidi(text: &str, rtl: bool) -> Option<unicode_bidi::BidiInfo<'_>> {
    if !rtl && text.chars().all(|c| u32::from(c) < 0x590) {
        return None;
    }
    let level = if rtl { unicode_bidi::Level::rtl() } else { unicode_bidi::Level::ltr() };
    let bidi = unicode_bidi::BidiInfo::new(text, Some(level));
    (rtl || bidi.has_rtl()).then_some(bidi)
}

/// The line's runs of one direction, in visual order.
fn visual_runs(bidi: Option<&unicode_bidi::BidiInfo>, line: Range<usize>) -> Vec<(Range<usize>, bool)> {
    match bidi {
        Some(b) if line.start < line.end && !b.paragraphs.is_empty() => {
            let para = b.paragraphs.iter().find(|p| p.range.contains(&line.start)).unwrap_or(&b.paragraphs[0]);
            let (levels, runs) = b.visual_runs(para, line);
            runs.into_iter().map(|r| (r.clone(), levels[r.start].is_rtl())).collect()
        }
        _ => vec![(line, false)],
    }
}

/// Where a URL may break (Chicago Manual of Style): after `://`, before a
/// single `/`, `.`, `-`, `?`, `#`, `_`, `~`, `%`, and before or after `=`
/// and `&`. The next line then starts with a character that shows the
/// address goes on.
fn url_breaks(url: &str) -> Vec<usize> {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let mut v = Vec::new();
    for (i, c) in url.char_indices() {
        if i <= scheme_end {
            continue;
        }
        if matches!(c, '/' | '.' | '-' | '?' | '#' | '_' | '~' | '%' | '=' | '&') {
            v.push(i);
        }
        if matches!(c, '=' | '&') {
            v.push(i + c.len_utf8());
        }
    }
    if scheme_end > 0 && scheme_end < url.len() {
        v.insert(0, scheme_end);
    }
    v.retain(|&i| i > 0 && i < url.len());
    v.dedup();
    v.push(url.len());
    v
}

/// Byte offsets inside `seg` where the word may be hyphenated. Only plain
/// alphabetic words are hyphenated: never numbers, addresses or e-mail.
fn hyphenation_points(text: &str, seg: Range<usize>, lang: hypher::Lang) -> Vec<usize> {
    let s = &text[seg.clone()];
    let lead = s.len() - s.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = s[lead..].trim_end_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() < 5 || !core.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let mut points = Vec::new();
    let mut at = seg.start + lead;
    let syllables: Vec<&str> = hypher::hyphenate(core, lang).collect();
    for syl in &syllables[..syllables.len().saturating_sub(1)] {
        at += syl.len();
        points.push(at);
    }
    points
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::files::Embedded;
    use crate::fonts::{Family, Fonts};
    use crate::load::markup;
    use crate::model::{FontData, Typeface};
    use crate::text::ShapeCache;
    use std::sync::Arc;

    pub(in crate::text) fn fonts() -> Fonts {
        let read = |f: &str| FontData { bytes: Arc::new(Embedded::font(f).unwrap().to_vec()), file: f.into() };
        let face =
            Typeface { regular: read("AtkinsonHyperlegible-Regular.ttf"), bold: read("AtkinsonHyperlegible-Bold.ttf") };
        Fonts { families: vec![Family { script: None, face }] }
    }

    fn set(weight: FontWeight, size: Pt, max: Mm, mode: Breaking) -> Setting {
        Setting { weight, size, max, mode, rtl: false }
    }

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect()).collect()
    }

    #[test]
    fn no_character_below_hebrew_runs_right_to_left() {
        // What bidi()'s shortcut assumes, checked against the algorithm's
        // own tables: such a text has no right-to-left run, next to a
        // letter or alone.
        for c in (0..0x590).filter_map(char::from_u32) {
            for text in [format!("a{c}b"), c.to_string()] {
                let info = unicode_bidi::BidiInfo::new(&text, Some(unicode_bidi::Level::ltr()));
                assert!(!info.has_rtl(), "U+{:04X}", u32::from(c));
            }
        }
        assert!(bidi("Bezwaar: \u{5e9}\u{5dc}\u{5d5}\u{5dd}", false).is_some(), "Hebrew is right to left");
        assert!(bidi("abc", true).is_some(), "a right-to-left paragraph always is");
    }

    #[test]
    fn kerning_is_measured() {
        let f = fonts();
        let shapes = ShapeCache::default();
        let mut m = Measurer::new(&f, &shapes);
        // "AV" kerns tighter than "A" + "V" apart.
        let pair = m.width(FontWeight::Regular, "AV", Pt(100.0));
        let apart = m.width(FontWeight::Regular, "A", Pt(100.0)) + m.width(FontWeight::Regular, "V", Pt(100.0));
        assert!(pair < apart, "{pair:?} vs {apart:?}");
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let f = fonts();
        let shapes = ShapeCache::default();
        let mut m = Measurer::new(&f, &shapes);
        let rich = markup::parse(
            "Open het menu rechtsonder in de app en tik op **Instellingen en privacy**. Kies daarna \
             **Privacycentrum** en scroll naar **Privacyonderwerpen**.",
            None,
        )
        .unwrap();
        for max in [40.0, 60.0, 85.0, 120.0] {
            let lines = break_lines(
                &mut m,
                &rich,
                &set(FontWeight::Regular, Pt(13.0), Mm(max), Breaking::Prose(Some(hypher::Lang::Dutch))),
            )
            .unwrap();
            assert!(lines.len() > 1);
            for l in &lines {
                assert!(l.width <= Mm(max), "{:?} wider than {max}", text_of(std::slice::from_ref(l)));
            }
            let joined = text_of(&lines).join(" ").replace("- ", "");
            assert!(joined.contains("Instellingen"), "{joined}");
        }
    }

    #[test]
    fn names_are_not_hyphenated_when_they_fit_a_line() {
        let f = fonts();
        let shapes = ShapeCache::default();
        let mut m = Measurer::new(&f, &shapes);
        let rich = markup::parse("Dan opent het bezwaarformulier van Instagram en van Facebook.", None).unwrap();
        let mut hyphenated = 0;
        for tenth in 250..700 {
            let max = Mm(tenth as f32 / 10.0);
            let style = set(FontWeight::Regular, Pt(13.0), max, Breaking::Prose(Some(hypher::Lang::Dutch)));
            let lines = break_lines(&mut m, &rich, &style).unwrap();
            for l in text_of(&lines) {
                let last = l.trim_end().rsplit(' ').next().unwrap_or("");
                if last.ends_with('-') {
                    hyphenated += 1;
                    assert!(!last.starts_with(char::is_uppercase), "a name split at {max:?}: {l}");
                }
            }
        }
        assert!(hyphenated > 0, "nothing was hyphenated: the test tests nothing");
    }

    #[test]
    fn long_dutch_words_are_hyphenated_and_labels_kept_whole() {
        let f = fonts();
        let shapes = ShapeCache::default();
        let mut m = Measurer::new(&f, &shapes);
        let rich =
            markup::parse("Ga naar de persoonsgegevensbeschermingsautoriteit en **Privacyonderwerpen**", None).unwrap();
        let lines = break_lines(
            &mut m,
            &rich,
            &set(FontWeight::Regular, Pt(13.0), Mm(60.0), Breaking::Prose(Some(hypher::Lang::Dutch))),
        )
        .unwrap();
        let text = text_of(&lines);
        assert!(text.iter().any(|l| l.ends_with('-')), "{text:?}");
        assert!(text.iter().any(|l| l.ends_with("Privacyonderwerpen")), "{text:?}");
        assert!(!text.iter().any(|l| l.ends_with("Privacy-")), "{text:?}");
    }

    #[test]
    fn urls_break_after_slashes_without_hyphens() {
        let f = fonts();
        let shapes = ShapeCache::default();
        let mut m = Measurer::new(&f, &shapes);
        let rich = crate::rich::Rich::plain("https://www.facebook.com/help/contact/712876720715583");
        let lines = break_lines(&mut m, &rich, &set(FontWeight::Regular, Pt(12.0), Mm(60.0), Breaking::Url)).unwrap();
        let text = text_of(&lines);
        assert!(lines.len() >= 2, "{text:?}");
        assert_eq!(text.concat(), "https://www.facebook.com/help/contact/712876720715583");
        assert!(text[1..].iter().all(|l| l.starts_with(['/', '.'])), "{text:?}");
        assert!(!text.iter().any(|l| l.ends_with('-')), "{text:?}");
        // Narrower than the host name: still no hyphen anywhere.
        let lines = break_lines(&mut m, &rich, &set(FontWeight::Bold, Pt(7.5), Mm(20.0), Breaking::Url)).unwrap();
        assert_eq!(text_of(&lines).concat(), "https://www.facebook.com/help/contact/712876720715583");
        assert!(!text_of(&lines).iter().any(|l| l.ends_with('-')), "{:?}", text_of(&lines));
    }

    #[test]
    fn a_word_wider_than_the_line_is_unfit_without_hyphenation() {
        let f = fonts();
        let shapes = ShapeCache::default();
        let mut m = Measurer::new(&f, &shapes);
        let rich = crate::rich::Rich::plain("Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        let err = break_lines(&mut m, &rich, &set(FontWeight::Regular, Pt(13.0), Mm(30.0), Breaking::Prose(None)))
            .unwrap_err();
        assert_eq!(err.word, "Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }

    #[test]
    fn an_icon_stays_with_the_word_before_it_and_the_stop_after_it() {
        let f = fonts();
        let shapes = ShapeCache::default();
        let mut m = Measurer::new(&f, &shapes);
        let icons = crate::icon::tests::two_icons();
        let rich = markup::parse(
            "Open het menu {icon:menu}. Tik op **Instellingen** {icon:back} en dan verder.",
            Some(&icons),
        )
        .unwrap();
        let mut broke_near_an_icon = 0;
        // From the width of the widest word with its icon ("Instellingen" and its).
        for tenth in 340..900 {
            let style = set(FontWeight::Regular, Pt(13.0), Mm(tenth as f32 / 10.0), Breaking::Prose(None));
            let lines = break_lines(&mut m, &rich, &style).unwrap();
            for (k, line) in lines.iter().enumerate() {
                assert!(line.width <= Mm(tenth as f32 / 10.0) + Mm(0.001));
                let first = &line.pieces[0];
                assert!(
                    !matches!(first.ink, Ink::Icon(_)),
                    "a line starts with an icon at {tenth}: {:?}",
                    text_of(&lines)
                );
                assert!(!first.text.starts_with('.'), "a stop is parted from its icon at {tenth}");
                if k > 0 && matches!(lines[k - 1].pieces.last().map(|p| &p.ink), Some(Ink::Icon(_))) {
                    broke_near_an_icon += 1;
                }
            }
            let icons: usize = lines.iter().flat_map(|l| &l.pieces).filter(|p| matches!(p.ink, Ink::Icon(_))).count();
            assert_eq!(icons, 2);
        }
        assert!(broke_near_an_icon > 0, "no line ended at an icon: the test tests nothing");
    }

    #[test]
    fn missing_glyphs_are_found() {
        let f = fonts();
        let shapes = ShapeCache::default();
        let mut m = Measurer::new(&f, &shapes);
        assert_eq!(m.missing_glyph(0, FontWeight::Regular, "„Het risico” ‘x’ é ë ï"), None);
        assert_eq!(m.missing_glyph(0, FontWeight::Regular, "abc ب"), Some('ب'));
    }
}
