//! Editions: which version of a handout to print. Before the deadline it
//! shows the date; on and after it, the call to act now (the date stays
//! on the page, small, so the handout still tells the whole story). A
//! campaign without a deadline has one edition, with no deadline callout.

use crate::date::Date;

/// The version of the handout.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Edition {
    /// The deadline callout shows the date.
    #[default]
    Deadline,
    /// The callout says to act now; it counts from the day it is done.
    AfterDeadline,
    /// The campaign has no deadline: no callout.
    Undated,
}

impl Edition {
    /// Added to output file names, so both versions can sit side by side.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Edition::Deadline | Edition::Undated => "",
            Edition::AfterDeadline => "-after-deadline",
        }
    }

    /// As the command line names it.
    pub fn name(self) -> &'static str {
        match self {
            Edition::Deadline => "deadline",
            Edition::AfterDeadline => "after-deadline",
            Edition::Undated => "undated",
        }
    }
}

/// The edition asked for: a fixed one, or the one today calls for.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum EditionChoice {
    /// Before the deadline the dated edition, on or after it the
    /// after-deadline edition (and without one, the undated one).
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

    /// The edition to print for a campaign with this deadline (if it has
    /// one), today. Without a deadline there is only one edition.
    pub fn resolve(self, deadline: Option<Date>, today: Date) -> Edition {
        let Some(deadline) = deadline else { return Edition::Undated };
        match self {
            EditionChoice::Fixed(e) => e,
            EditionChoice::Auto if has_passed(deadline, today) => Edition::AfterDeadline,
            EditionChoice::Auto => Edition::Deadline,
        }
    }
}

/// What a deadline asks must be done *before* it: on the day itself it
/// has passed.
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
        assert_eq!(EditionChoice::Auto.resolve(Some(deadline), day(26)), Edition::Deadline);
        assert_eq!(EditionChoice::Auto.resolve(Some(deadline), day(27)), Edition::AfterDeadline);
        assert_eq!(EditionChoice::Fixed(Edition::Deadline).resolve(Some(deadline), day(28)), Edition::Deadline);
        for choice in [EditionChoice::Auto, EditionChoice::Fixed(Edition::AfterDeadline)] {
            assert_eq!(choice.resolve(None, day(28)), Edition::Undated, "no deadline, one edition");
        }
    }
}
