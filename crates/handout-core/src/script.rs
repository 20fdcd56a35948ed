//! Writing systems. A layout may name fonts per script; each character is
//! set in the font of its script, and characters common to all scripts
//! (spaces, digits, punctuation) in the font of the text around them.

/// The scripts a layout can name fonts for.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    Arabic,
    Cyrillic,
    Greek,
    Hebrew,
}

impl Script {
    pub const NAMES: [&'static str; 4] = ["arabic", "cyrillic", "greek", "hebrew"];

    pub fn from_name(name: &str) -> Option<Script> {
        match name {
            "arabic" => Some(Script::Arabic),
            "cyrillic" => Some(Script::Cyrillic),
            "greek" => Some(Script::Greek),
            "hebrew" => Some(Script::Hebrew),
            _ => None,
        }
    }

    /// The script a character belongs to, if it is one of ours (`None`
    /// for Latin and for characters shared by all scripts).
    pub fn of(c: char) -> Option<Script> {
        match c as u32 {
            0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                // Arabic digits and punctuation count as Arabic too: they
                // only appear in Arabic text.
                Some(Script::Arabic)
            }
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Some(Script::Cyrillic),
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Some(Script::Greek),
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some(Script::Hebrew),
            _ => None,
        }
    }

    /// Whether a character is shared by all scripts (takes its neighbours' font).
    pub fn is_common(c: char) -> bool {
        !c.is_alphabetic()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_sorted_into_scripts() {
        assert_eq!(Script::of('ب'), Some(Script::Arabic));
        assert_eq!(Script::of('Ж'), Some(Script::Cyrillic));
        assert_eq!(Script::of('a'), None);
        assert_eq!(Script::of('é'), None);
        assert!(Script::is_common(' ') && Script::is_common('7') && !Script::is_common('x'));
    }
}
