//! handout-web: the web page that makes handouts, for staff who never use
//! a terminal. Everything but the serving: the form and how it is read
//! (`form`), checked against the project (`order`), made into documents
//! (`studio`), problems in the page's words (`complaint`, `words`), and the
//! page itself (`page`, with its style and script in `assets/`). The web
//! server (`handout serve`) and the browser edition (WebAssembly) both
//! show this page and make their documents through it.

pub mod answer;
pub mod catalogue;
pub mod complaint;
pub mod editor;
pub mod editor_words;
mod fields;
pub mod form;
pub mod order;
pub mod own;
pub mod own_order;
pub mod page;
pub mod slug;
pub mod studio;
pub mod view;
pub mod words;

/// The page's style sheet.
pub const STYLE_CSS: &str = include_str!("assets/style.css");
/// The page's script: live preview, downloads without leaving the page.
pub const PREVIEW_JS: &str = include_str!("assets/preview.js");
