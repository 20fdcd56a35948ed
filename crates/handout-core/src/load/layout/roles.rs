//! Colours (`[colors]`) and text roles (`[text.<role>]`).

use super::super::{At, Checker, Limit};
use super::raw::RawStyle;
use crate::diag::{Loc, Problem};
use crate::style::{Color, FontWeight};
use crate::units::{Mm, Pt};
use std::collections::BTreeMap;

const FONT_SIZE: Limit = Limit::number("font size", 4.0, 200.0);
const MIN_FONT_SIZE: Limit = Limit::number("minimum font size", 4.0, 200.0);
const LINE_HEIGHT: Limit = Limit::number("line height", 0.8, 3.0);
const SPACE_AFTER: Limit = Limit::mm("space_after", 0.0, 100.0);

/// A text role's style.
#[derive(Clone, Debug)]
pub struct TextStyle {
    pub weight: FontWeight,
    pub size: Pt,
    /// The build fails rather than shrink below this.
    pub min: Pt,
    pub color: Color,
    /// Line pitch as a multiple of the font size.
    pub line_height: f32,
    pub space_after: Mm,
    /// Long words may be split with a hyphen at the line's end.
    pub hyphenate: bool,
    /// Where the role is defined.
    pub loc: Loc,
}

impl TextStyle {
    /// The scale at which this role reaches its minimum size.
    pub fn floor(&self) -> f32 {
        self.min / self.size
    }
}

/// A text role a block uses, resolved to its style.
#[derive(Clone, Debug)]
pub struct Role {
    pub name: String,
    pub style: TextStyle,
    /// Where the block names the role.
    pub loc: Loc,
}

/// The layout's named colours.
pub struct Palette {
    colors: BTreeMap<String, Color>,
}

impl Palette {
    /// Read `[colors]`; a broken colour is reported here, once, and reads
    /// as black wherever it is used.
    pub fn new(cx: &mut Checker, raw: &BTreeMap<String, At<String>>) -> Palette {
        let mut colors = BTreeMap::new();
        for (name, value) in raw {
            let c = parse_hex(value).unwrap_or_else(|| {
                cx.report(
                    Problem::error(format!("colour `{name}` is not a colour: `{}`", value.get()))
                        .at(value.loc().clone())
                        .label("expected #rrggbb")
                        .help("write colours as six hex digits, e.g. \"#0b3d91\""),
                );
                Color::BLACK
            });
            colors.insert(name.clone(), c);
        }
        Palette { colors }
    }

    pub fn color(&self, cx: &mut Checker, v: &At<String>) -> Color {
        self.color_at(cx, v.get(), v.loc())
    }

    /// A colour by name or as `#rrggbb`, written at `loc`.
    pub fn color_at(&self, cx: &mut Checker, name: &str, loc: &Loc) -> Color {
        if let Some(c) = self.colors.get(name).copied().or_else(|| parse_hex(name)) {
            return c;
        }
        let known: Vec<_> = self.colors.keys().map(String::as_str).collect();
        cx.report(
            Problem::error(format!("`{name}` is not a colour"))
                .at(loc.clone())
                .label("expected a name from [colors] or #rrggbb")
                .help(format!("the colours defined in [colors] are: {}", known.join(", "))),
        );
        Color::BLACK
    }
}

pub fn check_styles(
    cx: &mut Checker,
    palette: &Palette,
    raw: &BTreeMap<String, At<RawStyle>>,
) -> BTreeMap<String, TextStyle> {
    let mut styles = BTreeMap::new();
    for (name, s) in raw {
        let size = cx.pt(&s.size, FONT_SIZE);
        let min = cx.pt(&s.min, MIN_FONT_SIZE);
        if min > size {
            cx.report(
                Problem::error(format!("text role `{name}` has a minimum size above its size"))
                    .at(s.min.loc().clone())
                    .label(format!("min {} pt > size {} pt", min.0, size.0)),
            );
        }
        let style = TextStyle {
            weight: *s.weight.get(),
            size,
            min,
            color: palette.color(cx, &s.color),
            line_height: cx.number(&s.line_height, LINE_HEIGHT),
            space_after: cx.mm_or_zero(&s.space_after, SPACE_AFTER),
            hyphenate: s.hyphenate.unwrap_or(true),
            loc: s.loc().clone(),
        };
        styles.insert(name.clone(), style);
    }
    styles
}

/// The role a block names at `loc`; an unknown role is reported and
/// stands in with a default style.
pub fn role(cx: &mut Checker, styles: &BTreeMap<String, TextStyle>, name: &str, loc: &Loc) -> Role {
    let style = styles.get(name).cloned().unwrap_or_else(|| {
        let known: Vec<_> = styles.keys().map(String::as_str).collect();
        cx.report(
            Problem::error(format!("text role `{name}` is not defined"))
                .at(loc.clone())
                .label(format!("no [text.{name}] in this layout"))
                .help(format!("the roles defined are: {}", known.join(", "))),
        );
        TextStyle {
            weight: FontWeight::Regular,
            size: Pt(12.0),
            min: Pt(12.0),
            color: Color::BLACK,
            line_height: 1.2,
            space_after: Mm::ZERO,
            hyphenate: true,
            loc: loc.clone(),
        }
    });
    Role { name: name.to_string(), style, loc: loc.clone() }
}

/// `#rrggbb` or `#rgb`.
pub fn parse_hex(s: &str) -> Option<Color> {
    let hex = s.strip_prefix('#')?;
    let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some(Color { r: r * 17, g: g * 17, b: b * 17 }),
        [r1, r2, g1, g2, b1, b2] => Some(Color { r: r1 * 16 + r2, g: g1 * 16 + g2, b: b1 * 16 + b2 }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#0b3d91"), Some(Color { r: 0x0b, g: 0x3d, b: 0x91 }));
        assert_eq!(parse_hex("#fff"), Some(Color::WHITE));
        for bad in ["0b3d91", "#0b3d9", "#gggggg", "blue", "", "#"] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }
}
