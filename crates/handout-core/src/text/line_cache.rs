//! Lines broken before, for every document of a run. Fitting lays a
//! region out more than once (what it needs with its QR code at its
//! largest and at its smallest, then for good), and a batch sets the
//! campaign's texts at the same sizes and widths in every document:
//! breaking them again would repeat the same work. What is kept is bounded
//! as the shaped strings are ([`super::ShapeCache`]): two generations of
//! about [`GENERATION_BYTES`], the older dropped when the newer is full, so
//! neither a batch's organisations nor what strangers type make memory grow.

use super::linebreak::{Breaking, Ink, Line, Setting, Unfit, break_lines};
use super::measure::Measurer;
use crate::icon::Icon;
use crate::rich::{Rich, Span};
use crate::style::FontWeight;
use foldhash::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// About how many bytes of broken paragraphs a generation holds.
const GENERATION_BYTES: usize = 4 * 1024 * 1024;

/// What breaking a paragraph gave: its lines, or the word that does not fit.
type Broken = Result<Arc<Vec<Line>>, Unfit>;

/// Paragraphs broken into lines, shared by every document (and thread) of
/// a run, like the shape cache they measure with.
#[derive(Default)]
pub struct LineCache {
    inner: Mutex<Generations>,
}

impl std::fmt::Debug for LineCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LineCache")
    }
}

#[derive(Default)]
struct Generations {
    newer: HashMap<Key, Broken>,
    /// About how many bytes the newer generation holds.
    bytes: usize,
    older: HashMap<Key, Broken>,
}

/// Everything the lines depend on: the text, the fonts that measure it
/// and how it is set. Sizes and widths by their bits: the same number
/// breaks the same way, and nothing is rounded into a neighbour's lines.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    spans: Vec<SpanKey>,
    fonts: Vec<usize>,
    weight: FontWeight,
    size: u32,
    max: u32,
    mode: Breaking,
    rtl: bool,
}

#[derive(PartialEq, Eq, Hash)]
enum SpanKey {
    Text { text: String, bold: bool },
    Icon(SameIcon),
}

/// An icon told apart by its address, as the lines that print it hold it:
/// two projects may name different drawings alike. The key holds the icon,
/// so no other icon takes its address while the entry lives.
struct SameIcon(Arc<Icon>);

impl PartialEq for SameIcon {
    fn eq(&self, other: &SameIcon) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SameIcon {}

impl Hash for SameIcon {
    fn hash<H: Hasher>(&self, h: &mut H) {
        Arc::as_ptr(&self.0).hash(h)
    }
}

impl LineCache {
    /// `rich` broken into lines as [`break_lines`] breaks it, from the
    /// cache when it was broken so before.
    pub fn lines(&self, m: &mut Measurer, rich: &Rich, set: &Setting) -> Broken {
        let key = Key::new(m, rich, set);
        if let Some(found) = self.lock().find(&key) {
            return found;
        }
        let broken = break_lines(m, rich, set).map(Arc::new);
        self.lock().keep(key, broken.clone());
        broken
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations> {
        // Entries are inserted whole: a panic elsewhere leaves the cache consistent.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Key {
    fn new(m: &Measurer, rich: &Rich, set: &Setting) -> Key {
        let spans = rich
            .spans
            .iter()
            .map(|s| match s {
                Span::Text { text, bold } => SpanKey::Text { text: text.clone(), bold: *bold },
                Span::Icon(icon) => SpanKey::Icon(SameIcon(Arc::clone(icon))),
            })
            .collect();
        Key {
            spans,
            fonts: m.identity(),
            weight: set.weight,
            size: set.size.0.to_bits(),
            max: set.max.0.to_bits(),
            mode: set.mode,
            rtl: set.rtl,
        }
    }

    fn bytes(&self) -> usize {
        let text: usize =
            self.spans.iter().map(|s| if let SpanKey::Text { text, .. } = s { text.len() } else { 8 }).sum();
        text + self.fonts.len() * 8 + 96
    }
}

impl Generations {
    /// Lines broken before: in the newer generation, or in the older (then
    /// kept in the newer again).
    fn find(&mut self, key: &Key) -> Option<Broken> {
        if let Some(b) = self.newer.get(key) {
            return Some(b.clone());
        }
        let (key, b) = self.older.remove_entry(key)?;
        self.keep(key, b.clone());
        Some(b)
    }

    fn keep(&mut self, key: Key, broken: Broken) {
        let size = key.bytes() + broken_bytes(&broken);
        if self.bytes + size > GENERATION_BYTES {
            self.older = std::mem::take(&mut self.newer);
            self.bytes = 0;
        }
        self.bytes += size;
        self.newer.insert(key, broken);
    }
}

/// About what an entry's lines hold, their glyphs included (the lines keep
/// them after the shape cache has let them go).
fn broken_bytes(broken: &Broken) -> usize {
    let Ok(lines) = broken else { return 64 };
    let piece = |p: &super::Piece| {
        let glyphs = match &p.ink {
            Ink::Glyphs { glyphs, .. } => glyphs.len() * std::mem::size_of::<crate::model::Glyph>(),
            Ink::Icon(_) => 0,
        };
        p.text.len() + glyphs + std::mem::size_of::<super::Piece>()
    };
    lines.iter().flat_map(|l| &l.pieces).map(piece).sum::<usize>() + lines.len() * std::mem::size_of::<Line>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::markup;
    use crate::text::ShapeCache;
    use crate::text::linebreak::tests::fonts;
    use crate::units::{Mm, Pt};

    /// What a paragraph's lines print, and where.
    fn printed(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| format!("{:?}", l)).collect()
    }

    fn setting(max: f32) -> Setting {
        let mode = Breaking::Prose(Some(hypher::Lang::Dutch));
        Setting { weight: FontWeight::Regular, size: Pt(11.0), max: Mm(max), mode, rtl: false }
    }

    #[test]
    fn lines_from_the_cache_are_the_lines_broken_afresh() {
        let f = fonts();
        let (shapes, cache) = (ShapeCache::default(), LineCache::default());
        let mut m = Measurer::new(&f, &shapes);
        let rich =
            markup::parse("Tik op **Instellingen en privacy** en daarna op Privacycentrum, onderaan.", None).unwrap();
        for max in [20.0, 35.0, 60.0, 200.0] {
            let afresh = break_lines(&mut m, &rich, &setting(max)).unwrap();
            let first = cache.lines(&mut m, &rich, &setting(max)).unwrap();
            let again = cache.lines(&mut m, &rich, &setting(max)).unwrap();
            assert!(Arc::ptr_eq(&first, &again), "the second time comes from the cache");
            assert_eq!(printed(&first), printed(&afresh), "at {max} mm");
        }
        // Another width, weight or text is another entry.
        let narrow = cache.lines(&mut m, &rich, &setting(20.0)).unwrap();
        let wide = cache.lines(&mut m, &rich, &setting(200.0)).unwrap();
        assert!(narrow.len() > wide.len());
        let bold = Setting { weight: FontWeight::Bold, ..setting(200.0) };
        let bold = cache.lines(&mut m, &rich, &bold).unwrap();
        assert!(bold[0].width > wide[0].width, "bold is set wider: {:?} vs {:?}", bold[0].width, wide[0].width);
        let plain = Rich::plain(rich.to_plain().replace("**", ""));
        let plain = cache.lines(&mut m, &plain, &setting(200.0)).unwrap();
        assert!(!Arc::ptr_eq(&plain, &wide), "the same words without bold are another text");
    }

    #[test]
    fn a_word_too_wide_is_told_again() {
        let f = fonts();
        let (shapes, cache) = (ShapeCache::default(), LineCache::default());
        let mut m = Measurer::new(&f, &shapes);
        let rich = Rich::plain("Privacyonderwerpen");
        let narrow = Setting { mode: Breaking::Prose(None), ..setting(5.0) };
        let afresh = break_lines(&mut m, &rich, &narrow).unwrap_err();
        assert_eq!(cache.lines(&mut m, &rich, &narrow).unwrap_err(), afresh);
        assert_eq!(cache.lines(&mut m, &rich, &narrow).unwrap_err(), afresh);
    }

    #[test]
    fn memory_stays_within_two_generations() {
        let f = fonts();
        let (shapes, cache) = (ShapeCache::default(), LineCache::default());
        let mut m = Measurer::new(&f, &shapes);
        let campaign = markup::parse("Open **Instellingen** en tik op **Privacy**.", None).unwrap();
        // Far more organisations' help texts than a generation holds.
        for i in 0..40_000 {
            let help = Rich::plain(format!("Vraag het aan de balie van vestiging {i}, of bel ons."));
            cache.lines(&mut m, &help, &setting(60.0)).unwrap();
            cache.lines(&mut m, &campaign, &setting(60.0)).unwrap();
            let g = cache.lock();
            assert!(g.bytes <= GENERATION_BYTES, "{} bytes", g.bytes);
        }
        let g = cache.lock();
        assert!(
            g.older.len() > 1000 && g.newer.len() + g.older.len() < 40_000,
            "{} + {}",
            g.newer.len(),
            g.older.len()
        );
        assert!(g.newer.contains_key(&Key::new(&m, &campaign, &setting(60.0))), "what every document sets stays");
    }
}
