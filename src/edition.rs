//! Editions: which version of a handout to print. Before the deadline it
//! shows the date; after it, the message that objecting still works.

/// The version of the handout.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
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
}
