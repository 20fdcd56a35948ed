//! Which document: the name every stage and front end uses for one
//! document of a run, as data
//! (`[org/]campaign/lang/platform-layout[-after-deadline]` is only how it
//! is shown and named on disk).

use crate::edition::Edition;
use std::fmt;

/// One document of a run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId {
    /// The organisation it is made for, if any.
    pub org: Option<String>,
    /// The campaign's id (`meta-ai`).
    pub campaign: String,
    /// The language folder's id (`nl`).
    pub lang: String,
    /// The platform's id (`facebook`).
    pub platform: String,
    /// The layout's id (`flyer-a4`).
    pub layout: String,
    /// Dated, or after the deadline.
    pub edition: Edition,
}

impl DocId {
    /// A document's name from its parts: `parts` are the campaign,
    /// language, platform and layout ids.
    pub fn new(org: Option<&str>, parts: [&str; 4], edition: Edition) -> DocId {
        let [campaign, lang, platform, layout] = parts;
        DocId {
            org: org.map(str::to_string),
            campaign: campaign.to_string(),
            lang: lang.to_string(),
            platform: platform.to_string(),
            layout: layout.to_string(),
            edition,
        }
    }

    /// The file name without extension: `facebook-flyer-a4[-after-deadline]`.
    pub fn file_stem(&self) -> String {
        format!("{}-{}{}", self.platform, self.layout, self.edition.file_suffix())
    }

    /// Where its files go in an output folder: `[org/]campaign/lang/<stem>`
    /// (an organisation's documents all in its own folder), always with
    /// `/`, whatever the system.
    pub fn base_path(&self) -> String {
        let own = format!("{}/{}/{}", self.campaign, self.lang, self.file_stem());
        match &self.org {
            Some(org) => format!("{org}/{own}"),
            None => own,
        }
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_named_by_its_parts() {
        let id = DocId::new(Some("bieb"), ["meta-ai", "nl", "facebook", "flyer-a4"], Edition::AfterDeadline);
        assert_eq!(id.to_string(), "bieb/meta-ai/nl/facebook-flyer-a4-after-deadline");
        assert_eq!(DocId { org: None, ..id }.file_stem(), "facebook-flyer-a4-after-deadline");
    }
}
