//! Editions: which version of a handout to print. Before the deadline it
//! shows the date; on and after it, the call to object now (the date stays
//! on the page, small, so the handout still tells the whole story).

use crate::date::Date;

/// The version of the handout.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edition {
    /// The deadline callout shows the date.
    #[default]
    Deadline,
    /// The callout says to object now; the objection counts from the day
    /// it is sent.
    AfterDeadline,
}

impl Edition {
    /// Added to output file names, so both versions can sit side by side.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Edition::Deadline => "",
            Edition::AfterDeadline => "-after-deadline",
        }
    }

    /// As the command line names it.
    pub fn name(self) -> &'static str {
        match self {
            Edition::Deadline => "deadline",
            Edition::AfterDeadline => "after-deadline",
        }
    }
}

/// The edition asked for: a fixed one, or the one today calls for.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum EditionChoice {
    /// Before the deadline the dated edition, on or after it the
    /// after-deadline edition.
    #[default]
    Auto,
    /// This edition, whatever the date.
    Fixed(Edition),
}

impl EditionChoice {
    /// What the command line and the web form call the choices.
    pub const NAMES: [&'static str; 3] = ["auto", "deadline", "after-deadline"];

    /// The choice a name in [`EditionChoice::NAMES`] stands for.
    pub fn from_name(name: &str) -> Option<EditionChoice> {
        match name {
            "auto" => Some(EditionChoice::Auto),
            "deadline" => Some(EditionChoice::Fixed(Edition::Deadline)),
            "after-deadline" => Some(EditionChoice::Fixed(Edition::AfterDeadline)),
            _ => None,
        }
    }

    /// The edition to print for a campaign with this deadline, today.
    pub fn resolve(self, deadline: Date, today: Date) -> Edition {
        match self {
            EditionChoice::Fixed(e) => e,
            EditionChoice::Auto if has_passed(deadline, today) => Edition::AfterDeadline,
            EditionChoice::Auto => Edition::Deadline,
        }
    }
}

/// Objections must be in *before* the deadline: on the day itself it has
/// passed.
pub fn has_passed(deadline: Date, today: Date) -> bool {
    today >= deadline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_turns_on_the_deadline_day() {
        let deadline = Date { year: 2025, month: 5, day: 27 };
        let day = |d| Date { year: 2025, month: 5, day: d };
        assert_eq!(EditionChoice::Auto.resolve(deadline, day(26)), Edition::Deadline);
        assert_eq!(EditionChoice::Auto.resolve(deadline, day(27)), Edition::AfterDeadline);
        assert_eq!(EditionChoice::Fixed(Edition::Deadline).resolve(deadline, day(28)), Edition::Deadline);
    }
}
