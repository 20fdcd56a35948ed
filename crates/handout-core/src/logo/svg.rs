//! SVG logos: self-contained, and bounded in what they cost to draw. The
//! page model keeps a logo's own bytes; render reads them again with the
//! very options the check used ([`svg_to_draw`]), so what was checked is
//! what is drawn.
//!
//! What a logo may cost is limited by counting, before anything is drawn:
//! a time limit would make a logo's fate depend on the machine. An SVG of
//! a few kilobytes can ask for much: thousands of copies through `<use>`,
//! or filters (blur, shadows) over regions far larger than the logo, each
//! of which becomes a picture in the PDF. Logos need none of that.

use super::{MAX_BYTES, check_size, fail};
use crate::diag::{LogoIssue, Problem};
use crate::files::Embedded;
use crate::model::Picture;
use std::collections::HashMap;
use std::io::Cursor;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::Logo;

/// The most elements an SVG logo may have, every `<use>` counted as the
/// copy it makes: a detailed logo has a few hundred.
pub const MAX_ELEMENTS: usize = 5_000;
/// The deepest nesting of groups.
pub const MAX_DEPTH: usize = 48;
/// The most filtered groups (a drop shadow is one): each is drawn as a
/// picture of its own.
pub const MAX_FILTERS: usize = 8;
/// All filters' regions together, in multiples of the logo's own area: a
/// shadow under the whole logo is about 1.5.
pub const MAX_FILTER_AREA: f32 = 8.0;
/// The most characters of text (a name, a motto): text is set as shapes,
/// and laying out much of it costs more than a logo may.
pub const MAX_CHARS: usize = 500;
/// The most path segments, dashes counted as segments of their own: a
/// detailed emblem has a few thousand.
pub const MAX_SEGMENTS: usize = 50_000;

pub(super) fn read(bytes: &[u8]) -> Result<Logo, Problem> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| fail(LogoIssue::SvgNotUtf8, "the SVG logo is not UTF-8 text", "save the SVG as UTF-8"))?;
    if let Some(r) = outside_reference(text) {
        return Err(fail(
            LogoIssue::Outside,
            format!("the SVG logo refers to something outside itself ({r})"),
            "logos must be self-contained: embed pictures as data: URLs and convert text to paths; handout never fetches files or sites",
        ));
    }
    check_expansion(text)?;
    let tree = parse(bytes)?;
    let size = tree.size();
    if !(size.width() > 0.0 && size.height() > 0.0) {
        return Err(fail(
            LogoIssue::SvgNoSize,
            "the SVG logo has no size",
            "give the <svg> a width and height or a viewBox",
        ));
    }
    check_cost(&tree)?;
    Ok(Logo {
        picture: Picture::Svg(Arc::new(bytes.to_vec())),
        aspect: size.width() / size.height(),
        native_width: None,
    })
}

/// Parse as a logo: text in the project's own typeface, embedded
/// pictures within a logo's limits, nothing fetched.
fn parse(bytes: &[u8]) -> Result<usvg::Tree, Problem> {
    let refused = AtomicBool::new(false);
    let mut options = draw_options(bytes);
    options.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: Box::new(|mime, data, opts| {
            let ok = data.len() <= MAX_BYTES && embedded_ok(&data);
            if !ok {
                refused.store(true, Ordering::Relaxed);
            }
            if ok { (usvg::ImageHrefResolver::default_data_resolver())(mime, data, opts) } else { None }
        }),
        resolve_string: Box::new(|_, _| {
            refused.store(true, Ordering::Relaxed);
            None
        }),
    };
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|e| {
        fail(
            LogoIssue::SvgDamaged,
            format!("the SVG logo cannot be read: {e}"),
            "open it in a drawing program and save it again as plain SVG",
        )
    })?;
    if refused.load(Ordering::Relaxed) {
        return Err(fail(
            LogoIssue::SvgEmbeddedPicture,
            "the SVG logo holds a picture that is not self-contained or too large",
            "embed pictures as small PNG or JPEG data: URLs, or use plain vector shapes",
        ));
    }
    Ok(tree)
}

/// A checked logo read again to be drawn (render and raster both draw
/// it), with the options it was checked with.
pub fn svg_to_draw(svg: &[u8]) -> Result<usvg::Tree, Problem> {
    usvg::Tree::from_data(svg, &draw_options(svg)).map_err(|e| {
        Problem::error(format!("the SVG logo cannot be read again: {e}"))
            .help("it was checked when it was read: this is a bug in handout; please report it")
    })
}

/// How a checked logo is read to be drawn: text in the project's own
/// typeface, pictures only from inside it, nothing from files or sites.
fn draw_options(svg: &[u8]) -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    // Reading the typeface costs more than most logos: only a logo that
    // may have text gets it (a `<text>` element has "text" in its name).
    if svg.windows(4).any(|w| w.eq_ignore_ascii_case(b"text")) {
        options.fontdb = Arc::new(typeface());
    }
    options.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
        resolve_string: Box::new(|_, _| None),
    };
    options
}

/// Text in SVG logos is set in the project's own typeface, never in fonts
/// of the machine (that would make output depend on the machine).
fn typeface() -> usvg::fontdb::Database {
    let mut db = usvg::fontdb::Database::new();
    for name in ["AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf"] {
        if let Some(font) = Embedded::font(name) {
            db.load_font_data(font.to_vec());
        }
    }
    let family = db.faces().next().and_then(|f| f.families.first()).map(|(name, _)| name.clone());
    if let Some(family) = family {
        db.set_sans_serif_family(family.clone());
        db.set_serif_family(family);
    }
    db
}

/// A reference in an SVG to anything outside it: a file, a site.
fn outside_reference(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("<!entity") || lower.contains("<!doctype") {
        return Some("<!DOCTYPE ...>".into());
    }
    for marker in ["href", "url(", "@import", "src="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(marker) {
            let at = from + i + marker.len();
            from = at;
            let rest = lower[at..].trim_start_matches(|c: char| c.is_whitespace() || c == '=' || c == '"' || c == '\'');
            let inner = !marker.starts_with('@') && (rest.starts_with('#') || rest.starts_with("data:"));
            if !inner {
                let end =
                    rest.find(|c: char| c == '"' || c == '\'' || c == ')' || c.is_whitespace()).unwrap_or(rest.len());
                // At most 80 characters of it, cut between characters.
                let shown: String = rest[..end].chars().take(80).collect();
                return Some(format!("{marker} {shown}"));
            }
        }
    }
    None
}

/// A picture embedded in an SVG: within the same limits as a logo file.
fn embedded_ok(data: &[u8]) -> bool {
    let Ok(reader) = image::ImageReader::new(Cursor::new(data)).with_guessed_format() else { return false };
    if reader.format().is_none() {
        // Not a raster picture: an SVG inside the SVG, which usvg parses
        // with the same options (so the same resolvers apply inside it),
        // but the copies its `<use>`s make are counted here.
        return std::str::from_utf8(data).is_ok_and(|t| outside_reference(t).is_none() && check_expansion(t).is_ok());
    }
    reader.into_dimensions().is_ok_and(|(w, h)| check_size(w, h).is_ok())
}

fn too_costly(what: String) -> Problem {
    fail(
        LogoIssue::SvgTooCostly,
        format!("the SVG logo would cost too much to draw: {what}"),
        "save the logo as plain shapes, without effects such as blur or shadows, or as a PNG of about 1000 pixels across",
    )
}

/// The elements and characters of text the SVG would have with every
/// `<use>` made into the copy it stands for, counted on the XML before
/// usvg makes any copy or lays out any text: a few kilobytes of nested
/// `<use>` can stand for billions of elements.
fn check_expansion(text: &str) -> Result<(), Problem> {
    let options = usvg::roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    // What does not parse is usvg's to report, in its words.
    let Ok(doc) = usvg::roxmltree::Document::parse_with_options(text, options) else { return Ok(()) };
    let mut by_id = HashMap::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        if let Some(id) = n.attribute("id") {
            by_id.insert(id, n);
        }
    }
    let count = expanded(doc.root_element(), &by_id, &mut HashMap::new(), 0);
    let many = |n: usize| if n == usize::MAX { "billions of".to_string() } else { n.to_string() };
    if count.elements > MAX_ELEMENTS {
        return Err(too_costly(format!(
            "it has {} elements, counting every copy <use> makes; at most {MAX_ELEMENTS} are drawn",
            many(count.elements)
        )));
    }
    if count.chars > MAX_CHARS {
        return Err(too_costly(format!(
            "it has {} characters of text; at most {MAX_CHARS} are set",
            many(count.chars)
        )));
    }
    Ok(())
}

type ById<'a, 'i> = HashMap<&'a str, usvg::roxmltree::Node<'a, 'i>>;

/// What a piece of the XML stands for once `<use>` copies are made.
#[derive(Copy, Clone)]
struct Count {
    elements: usize,
    chars: usize,
}

impl Count {
    const TOO_MANY: Count = Count { elements: usize::MAX, chars: usize::MAX };

    fn add(self, other: Count) -> Count {
        Count { elements: self.elements.saturating_add(other.elements), chars: self.chars.saturating_add(other.chars) }
    }
}

/// What `node` (itself included) stands for, `<use>` copies counted;
/// saturates rather than overflows, and a reference round a circle counts
/// as too many.
fn expanded<'a, 'i>(
    node: usvg::roxmltree::Node<'a, 'i>,
    by_id: &ById<'a, 'i>,
    memo: &mut HashMap<usvg::roxmltree::NodeId, Count>,
    depth: usize,
) -> Count {
    if let Some(n) = memo.get(&node.id()) {
        return *n;
    }
    if depth > MAX_DEPTH * 4 {
        return Count::TOO_MANY;
    }
    let mut count = Count { elements: 1, chars: 0 };
    for child in node.children() {
        count = match child.text().filter(|_| child.is_text()) {
            Some(t) => count.add(Count { elements: 0, chars: t.chars().count() }),
            None if child.is_element() => count.add(expanded(child, by_id, memo, depth + 1)),
            None => count,
        };
    }
    if node.tag_name().name() == "use" {
        let target = node
            .attributes()
            .find(|a| a.name() == "href")
            .and_then(|a| a.value().strip_prefix('#'))
            .and_then(|id| by_id.get(id));
        if let Some(t) = target {
            // Guards a circle: while `t` is being counted, it counts as too many.
            memo.insert(node.id(), Count::TOO_MANY);
            count = count.add(expanded(*t, by_id, memo, depth + 1));
        }
    }
    memo.insert(node.id(), count);
    count
}

/// What drawing the parsed logo costs: its elements, how deep they nest,
/// and its filters.
#[derive(Default)]
struct Cost {
    elements: usize,
    depth: usize,
    filters: usize,
    filter_area: f32,
    segments: usize,
}

fn check_cost(tree: &usvg::Tree) -> Result<(), Problem> {
    let mut cost = Cost::default();
    add_group(tree.root(), 1, &mut cost);
    let area = tree.size().width() * tree.size().height();
    let relative = cost.filter_area / area;
    if cost.elements > MAX_ELEMENTS {
        return Err(too_costly(format!("it has {} elements; at most {MAX_ELEMENTS} are drawn", cost.elements)));
    }
    if cost.depth > MAX_DEPTH {
        return Err(too_costly(format!("its groups nest {} deep; at most {MAX_DEPTH}", cost.depth)));
    }
    if cost.segments > MAX_SEGMENTS {
        return Err(too_costly(format!(
            "its paths have {} segments (dashes counted); at most {MAX_SEGMENTS} are drawn",
            cost.segments
        )));
    }
    if cost.filters > MAX_FILTERS {
        return Err(too_costly(format!("it has {} filter effects; at most {MAX_FILTERS}", cost.filters)));
    }
    if relative.is_nan() || relative > MAX_FILTER_AREA {
        return Err(too_costly(format!(
            "its filter effects cover {relative:.0} times the logo's area; at most {MAX_FILTER_AREA:.0}"
        )));
    }
    Ok(())
}

fn add_group(g: &usvg::Group, depth: usize, cost: &mut Cost) {
    cost.elements += 1;
    cost.depth = cost.depth.max(depth);
    if !g.filters().is_empty() {
        cost.filters += g.filters().len();
        let bbox = g.abs_layer_bounding_box();
        cost.filter_area += bbox.width() * bbox.height();
    }
    if let Some(clip) = g.clip_path() {
        add_group(clip.root(), depth + 1, cost);
    }
    if let Some(mask) = g.mask() {
        add_group(mask.root(), depth + 1, cost);
    }
    for node in g.children() {
        match node {
            usvg::Node::Group(child) => add_group(child, depth + 1, cost),
            usvg::Node::Path(p) => {
                cost.elements += 1;
                cost.segments = cost.segments.saturating_add(segments(p));
                for paint in p.fill().map(|f| f.paint()).into_iter().chain(p.stroke().map(|s| s.paint())) {
                    if let usvg::Paint::Pattern(pattern) = paint {
                        add_group(pattern.root(), depth + 1, cost);
                    }
                }
            }
            usvg::Node::Image(img) => {
                cost.elements += 1;
                if let usvg::ImageKind::SVG(inner) = img.kind() {
                    add_group(inner.root(), depth + 1, cost);
                }
            }
            usvg::Node::Text(t) => add_group(t.flattened(), depth + 1, cost),
        }
    }
}

/// A path's segments, and for a dashed stroke its dashes: what drawing it
/// costs. A curve's length is taken along its control points (never less
/// than the curve), so dashes are never undercounted.
fn segments(p: &usvg::Path) -> usize {
    let data = p.data();
    let count = data.len();
    let Some(dashes) = p.stroke().and_then(|s| s.dasharray()) else { return count };
    let period: f32 = dashes.iter().sum();
    let mut length = 0.0f32;
    let mut last = usvg::tiny_skia_path::Point::zero();
    for seg in data.segments() {
        use usvg::tiny_skia_path::PathSegment as S;
        let points: &[usvg::tiny_skia_path::Point] = match &seg {
            S::MoveTo(p) => {
                last = *p;
                continue;
            }
            S::LineTo(p) => std::slice::from_ref(p),
            S::QuadTo(a, b) => &[*a, *b],
            S::CubicTo(a, b, c) => &[*a, *b, *c],
            S::Close => continue,
        };
        for q in points {
            length += last.distance(*q);
            last = *q;
        }
    }
    let n = if period > 0.0 { (length / period * dashes.len() as f32).ceil() } else { f32::INFINITY };
    count.saturating_add(if n.is_finite() { n as usize } else { usize::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r#"xmlns="http://www.w3.org/2000/svg" width="1000" height="1000""#;

    fn refused(svg: &str) -> String {
        match read(svg.as_bytes()) {
            Ok(_) => panic!("built: {}", &svg[..svg.len().min(200)]),
            Err(p) => {
                assert_eq!(p.kind, crate::diag::Kind::Logo(LogoIssue::SvgTooCostly), "{}", p.message);
                p.message.clone()
            }
        }
    }

    /// The blur bomb: 200 filters over regions larger than the page, in
    /// 13 kB. Drawing it took seconds; it is refused before anything is drawn.
    #[test]
    fn filters_over_more_than_the_logo_are_refused() {
        let blur =
            r#"<filter id="b" x="-5" y="-5" width="11" height="11"><feGaussianBlur stdDeviation="50"/></filter>"#;
        let rect = r#"<rect width="1000" height="1000" filter="url(#b)"/>"#;
        let bomb = format!("<svg {SVG}><defs>{blur}</defs>{}</svg>", rect.repeat(200));
        assert!(bomb.len() < 15_000);
        assert!(refused(&bomb).contains("200 filter effects"));
        let wide = format!("<svg {SVG}><defs>{blur}</defs>{}</svg>", rect.repeat(2));
        assert!(refused(&wide).contains("times the logo's area"));
        let shadow = r#"<filter id="b"><feGaussianBlur stdDeviation="20"/></filter>"#;
        let ok = format!("<svg {SVG}><defs>{shadow}</defs>{}</svg>", rect.repeat(2));
        assert!(read(ok.as_bytes()).is_ok(), "two shadows the size of the logo are a logo's business");
    }

    #[test]
    fn copies_text_and_segments_are_counted_before_they_cost() {
        let mut defs = String::from(r#"<g id="l0"><rect width="1" height="1"/></g>"#);
        for i in 1..10 {
            defs += &format!(r##"<g id="l{i}">{}</g>"##, format!(r##"<use href="#l{}"/>"##, i - 1).repeat(10));
        }
        let copies = format!(r##"<svg {SVG}><defs>{defs}</defs><use href="#l9"/></svg>"##);
        assert!(refused(&copies).contains("counting every copy <use> makes"));
        let circle = format!(r##"<svg {SVG}><g id="a"><use href="#a"/></g></svg>"##);
        assert!(read(circle.as_bytes()).is_err());
        let text = format!(r#"<svg {SVG}><text y="50">{}</text></svg>"#, "Bibliotheek ".repeat(100));
        assert!(refused(&text).contains("characters of text"));
        let points: String = (0..60_000).map(|i| format!("L{} {} ", i % 1000, (i * 7) % 1000)).collect();
        let path = format!(r#"<svg {SVG}><path d="M0 0 {points}" stroke="black" fill="none"/></svg>"#);
        assert!(refused(&path).contains("segments"));
        let dashes = r#"<path d="M0 0 L1000 1000" stroke="black" stroke-dasharray="0.01 0.01"/>"#;
        assert!(refused(&format!("<svg {SVG}>{dashes}</svg>")).contains("dashes counted"));
    }

    /// Found by the fuzzers (org_rows, web_form): a reference longer than
    /// what the message shows, with a character of several bytes where it
    /// is cut.
    #[test]
    fn a_long_outside_reference_is_shown_cut_between_characters() {
        let href = format!("https://{}مorg", "w".repeat(71));
        let svg = format!(r#"<svg {SVG}><image href="{href}"/></svg>"#);
        let p = read(svg.as_bytes()).unwrap_err();
        assert_eq!(p.kind, crate::diag::Kind::Logo(LogoIssue::Outside));
        assert!(p.message.contains(&href[..76]), "{}", p.message);
    }

    #[test]
    fn a_logo_with_text_is_set_in_the_project_typeface() {
        let svg = format!(r#"<svg {SVG}><text x="10" y="500" font-size="200">Bieb</text></svg>"#);
        let logo = read(svg.as_bytes()).unwrap();
        let Picture::Svg(bytes) = &logo.picture else { panic!() };
        let tree = svg_to_draw(bytes).unwrap();
        assert!(tree.root().has_children() && tree.root().abs_bounding_box().width() > 100.0, "the text was set");
    }
}
