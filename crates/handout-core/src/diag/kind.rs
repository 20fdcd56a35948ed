//! What went wrong, as data. The message says it in English for the
//! command line; the kind lets a front end (the web page, in Dutch or
//! English) say it in its own words without reading the message. A new
//! kind is a compile error in every front end that words them, until it
//! has its words.

use crate::units::Mm;

/// What a problem is about.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub enum Kind {
    /// Nothing a front end words itself: the message says it.
    #[default]
    Plain,
    /// A command line that asks for something that cannot be (exit code
    /// 2), not wrong files (exit code 1).
    Usage,
    /// Text that does not fit its region even at the layout's minimum
    /// sizes: the region's content needs `needed`, the region has
    /// `available`, and the text blamed for it is `text` tall.
    Overflow {
        /// The height the region's content needs.
        needed: Mm,
        /// The height the region has.
        available: Mm,
        /// The height of the text blamed (zero when not known).
        text: Mm,
    },
    /// A word wider than a line of its region, even at the minimum size.
    WordTooWide,
    /// A character that no font of the document has a glyph for.
    /// A character that no font of the document has a glyph for.
    MissingGlyph {
        /// The character.
        ch: char,
    },
    /// An organisation's value cannot be used.
    Org(OrgIssue),
    /// An organisation's logo cannot be used.
    Logo(LogoIssue),
    /// Which edition a language prints, and why.
    Edition(EditionIssue),
    /// A folder of the project cannot be read.
    FolderUnreadable,
    /// A campaign's text cannot be used as written.
    Text(TextIssue),
    /// A QR code's address cannot be used.
    Link(LinkIssue),
}

/// What is wrong with a campaign's text as written (load/content/).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TextIssue {
    /// A text that must say something is empty (a step, a name).
    Empty,
    /// A `**` bold marker is not closed.
    BoldNotClosed,
    /// A `{placeholder}` that is not one.
    UnknownPlaceholder,
    /// An `{icon:name}` that names no icon of the project.
    UnknownIcon,
    /// A tab or another invisible control character.
    ControlCharacter,
    /// A character that turns the reading direction around (a bidi
    /// override, embedding or isolate).
    DirectionControl,
    /// A line of the web page that is empty, on more lines or too long.
    PageLine,
}

/// What is wrong with the address a QR code opens (load/content/url.rs).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum LinkIssue {
    /// Longer than a QR code that scans from paper can hold.
    TooLong,
    /// Longer than a layout's QR block holds (its `max_url`).
    TooLongForLayout {
        /// The most characters the layout holds.
        max: usize,
    },
    /// It has spaces.
    Spaces,
    /// It is not an address.
    Invalid,
    /// Not https (http, javascript:, data:, file: ...).
    NotHttps,
    /// A user name or password before the host.
    Credentials,
    /// A link shortener or a host that only redirects.
    Redirects,
    /// Another address in its query, which the page may send people on to.
    AddressInQuery,
    /// A host the campaign does not allow.
    HostNotAllowed,
}

impl Kind {
    /// For text that does not fit: how much shorter the blamed text must
    /// be, in percent rounded up to 5 (its height is roughly proportional
    /// to its length); the whole region's content when the text's height
    /// is not known.
    pub fn shorter_by(self) -> Option<u32> {
        let Kind::Overflow { needed, available, text } = self else { return None };
        let over = needed - available;
        let of = if text > Mm::ZERO { text } else { needed };
        if of <= Mm::ZERO || over <= Mm::ZERO {
            return None;
        }
        let cut = (over / of).clamp(0.0, 0.95) * 100.0;
        Some(((cut / 5.0).ceil() as u32 * 5).max(5))
    }
}

/// What is wrong with an organisation's values (load/org.rs).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum OrgIssue {
    /// The id is not a valid one (lowercase letters, digits and `-`).
    BadId,
    /// The name is empty.
    NameEmpty,
    /// The name is longer than allowed.
    NameTooLong,
    /// The name holds a control character.
    NameControlCharacter,
    /// A value holds a character that turns the reading direction around
    /// (a bidi override, embedding or isolate), which can make it print as
    /// something else than it reads when typed.
    DirectionControl,
    /// A help text given for something that is not a language id.
    HelpLanguage,
    /// A help text empty or longer than allowed.
    HelpLength,
    /// The website is not an address like `www.bibliotheek.nl`.
    WebsiteInvalid,
    /// The website is longer than allowed.
    WebsiteTooLong,
    /// The website holds a user name or password.
    WebsiteCredentials,
    /// The website holds spaces.
    WebsiteSpaces,
    /// The logo is named by something that is not a plain file name.
    LogoName,
    /// The logo file cannot be read.
    LogoUnreadable,
}

/// Which edition a language prints, and why (plan.rs): a front end may
/// say how to print the other one.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum EditionIssue {
    /// Chosen by the date: the deadline is still ahead.
    DatedChosen,
    /// Chosen by the date: the deadline has passed.
    AfterChosen,
    /// The dated edition asked for, and its date has passed.
    DatedAfterDeadline,
}

/// What is wrong with a logo's bytes (logo.rs).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum LogoIssue {
    /// More bytes than a logo may have.
    TooLarge,
    /// Not named as an SVG, PNG or JPEG file.
    UnknownType,
    /// Named as PNG or JPEG, but it is not one.
    NotPngOrJpeg,
    /// A PNG or JPEG that cannot be decoded (damaged, cut short).
    Damaged,
    /// A PNG or JPEG of no pixels.
    NoPixels,
    /// A side longer than a logo may have.
    TooWide,
    /// Would unpack to more pixels than a logo may have.
    Bomb,
    /// An SVG that refers to a file or site outside itself.
    Outside,
    /// An SVG that is not UTF-8 text.
    SvgNotUtf8,
    /// An SVG that cannot be parsed.
    SvgDamaged,
    /// An SVG with no width, height or viewBox.
    SvgNoSize,
    /// An SVG holding a picture that is not self-contained or too large.
    SvgEmbeddedPicture,
    /// An SVG that would cost more to draw than a logo may (too many
    /// elements, too deep, too many or too large filters).
    SvgTooCostly,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_twice_too_long_must_lose_half() {
        let over = |needed: f32, available: f32, text: f32| Kind::Overflow {
            needed: Mm(needed),
            available: Mm(available),
            text: Mm(text),
        };
        assert_eq!(over(20.0, 10.0, 0.0).shorter_by(), Some(50));
        assert_eq!(over(10.4, 10.0, 0.0).shorter_by(), Some(5));
        assert_eq!(over(100.0, 1.0, 0.0).shorter_by(), Some(95));
        assert_eq!(over(110.0, 100.0, 20.0).shorter_by(), Some(50), "the text itself loses the 10 mm");
        assert_eq!(Kind::Plain.shorter_by(), None);
    }
}
