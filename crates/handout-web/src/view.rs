//! What a page shows and where it runs: the plain data the page's
//! markup (page.rs, editor.rs) is rendered from.

use crate::answer::Preview;
use crate::complaint::Complaint;
use crate::form::Form;
use crate::words::Ui;
use handout_core::Date;

/// Where the page runs.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Site {
    /// `handout serve`: the server makes the documents; the page works
    /// without JavaScript too.
    Server,
    /// The browser edition: static files, the documents made in the
    /// browser (WebAssembly, in a Web Worker).
    Static,
}

impl Site {
    /// Where the page's files are, from the page.
    pub(crate) fn assets(self) -> &'static str {
        match self {
            Site::Server => "/assets/",
            Site::Static => "",
        }
    }

    /// Where the page in `ui` is: the choice of campaign, or one
    /// campaign's form.
    pub fn href(self, ui: Ui, campaign: Option<&str>) -> String {
        match (self, campaign) {
            (Site::Server, None) => format!("/?ui={}", ui.id()),
            (Site::Server, Some(c)) => format!("/?ui={}&campaign={c}", ui.id()),
            (Site::Static, c) => Site::file_name(ui, c),
        }
    }

    /// Where the editor of a handout of one's own is, in `ui`.
    pub fn href_own(self, ui: Ui) -> String {
        match self {
            Site::Server => format!("/?ui={}&own=1", ui.id()),
            Site::Static => Site::own_file_name(ui),
        }
    }

    /// The browser edition's file of the editor (`_` is in no campaign's
    /// id, so it cannot be a campaign's page).
    pub fn own_file_name(ui: Ui) -> String {
        format!("own_handout.{}.html", ui.id())
    }

    /// The browser edition's file of a page: `index.html` and `en.html`
    /// choose the campaign, `<campaign>.nl.html` and `<campaign>.en.html`
    /// are its form.
    pub fn file_name(ui: Ui, campaign: Option<&str>) -> String {
        match (campaign, ui) {
            (None, Ui::Nl) => "index.html".into(),
            (None, Ui::En) => "en.html".into(),
            (Some(c), ui) => format!("{c}.{}.html", ui.id()),
        }
    }
}

/// What the page shows.
pub struct Page<'a> {
    pub site: Site,
    pub ui: Ui,
    /// The campaign whose form it shows; `None` (or one the project does
    /// not have): it asks which, unless the project has only one.
    pub campaign: Option<&'a str>,
    /// It shows the editor of a handout of one's own (when the project
    /// has editor/), whatever `campaign` says.
    pub own: bool,
    /// The form as sent, to show it again; `None`: the first visit.
    pub form: Option<&'a Form>,
    pub complaints: Vec<Complaint>,
    /// Every page of the first document (the page without JavaScript
    /// shows them inline).
    pub preview: Option<&'a Preview>,
    pub today: Date,
}
