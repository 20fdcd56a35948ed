//! Text: measuring and line breaking, as typst-layout's `inline` splits
//! it. `measure` shapes with the font's own metrics and kerning (rustybuzz,
//! the shaper krilla embeds with); `styled` flattens rich text into runs of
//! one weight and font family; `linebreak` breaks lines by Unicode's rules
//! (UAX #14), hyphenates long words with the language's patterns and
//! orders each line's runs with the bidi algorithm.

mod line_cache;
mod linebreak;
mod measure;
mod shaper;
mod styled;

pub use line_cache::LineCache;
pub use linebreak::{Breaking, Ink, Line, Piece, Setting};
pub use measure::Measurer;
pub use shaper::ShapeCache;
