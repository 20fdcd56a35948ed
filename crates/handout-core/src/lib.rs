//! handout-core: the whole job of `handout` on bytes. Content and layouts
//! (TOML) and fonts come in as a [`Files`], organisations and logos as
//! bytes; PDF and PNG bytes and [`Problem`]s come out. The core opens no
//! file, starts no thread, reads no clock ("today" is an argument) and
//! keeps nothing between calls but the [`Caches`] a front end owns: the
//! command line, the web server and the browser edition all build
//! through one [`Plan`].
//!
//! The pipeline has three stages, each with one input and one output
//! type: load (TOML -> a checked [`Project`] of [`Campaign`]s, their
//! [`Content`] per language, and [`Layout`]s), [`compose`] (a [`Handout`]: content + layout + fonts ->
//! [`Document`], the page model as plain data) and [`render`] (page model
//! -> PDF; [`pngs`]: page model -> PNG).
//!
//! Everything a front end uses is here, at the crate root, and nowhere
//! else (the modules are private):
//!
//! - **a project**: [`Files`] ([`Embedded`], [`MemFiles`]) read by
//!   [`load_project`] into a [`Project`], of which a [`Selection`] takes
//!   some; [`FontStore`] reads its fonts once.
//! - **organisations**: [`OrgInput`] (from [`parse_org`], [`parse_sheet`],
//!   or a web form) checked into an [`Org`] by [`check_org`] or
//!   [`check_org_sharing`] (with [`SharedLogos`]); [`read_logo`].
//! - **building**: [`Plan`] with [`PlanOptions`] (for a [`Date`], an
//!   [`EditionChoice`], what to [`Make`]) lists jobs named by [`DocId`]
//!   and makes them into [`Built`] documents, as a [`Runner`] says
//!   ([`InTurn`], or the front end's own); [`zip()`] bundles them.
//! - **one stage at a time** (tests, fuzzing, benchmarks): [`compose`] a
//!   [`Handout`] with [`ComposeCaches`]; [`render`] and [`pngs`] its
//!   [`Document`] ([`Item`]s on [`Page`]s, in [`Mm`]).
//! - **problems**: [`Problem`]s in [`Problems`], each with a [`Kind`] a
//!   front end words in its own language, and a [`Loc`] in a [`Source`].
#![deny(missing_docs)]

mod bundle;
mod by_bytes;
mod cache;
mod compose;
mod date;
mod diag;
mod doc_id;
mod edition;
mod files;
mod fonts;
mod icon;
mod load;
mod logo;
mod model;
mod named;
mod plan;
mod project;
mod qr;
mod raster;
mod render;
mod rich;
mod runner;
mod script;
mod shapes;
mod style;
mod text;
mod units;

// A project and what it is made of.
pub use files::{Embedded, Entry, Files, MemFiles, is_plain};
pub use fonts::{FontStore, Fonts};
pub use icon::{
    Area as IconArea, Cap as IconCap, Icon, Icons, Join as IconJoin, Outline as IconOutline, Paint as IconPaint,
    Segment as IconSegment,
};
pub use load::content::{
    Campaign, Content, Deadline, HostRules, Language, MAX_URL_LEN, PageTexts, Platform, Route, Template, Texts, Vars,
    load_campaign, load_campaign_file, load_platform, load_texts, template,
};
pub use load::layout::{Block, Face, Format, Layout, Region, TextTag, load_layout};
pub use load::{At, source_from_bytes, valid_id};
pub use project::{Choice, Found, Project, Selection, file_id, load as load_project, unknown_id};

// Organisations.
pub use load::org::{
    MAX_BYTES as MAX_SHEET_BYTES, MAX_HELP, MAX_NAME, MAX_WEBSITE, Org, OrgInput, SharedLogos, Sheet, check_org,
    check_org_sharing, parse_org, parse_sheet,
};
pub use logo::{Logo, read as read_logo};

// Building.
pub use bundle::zip;
pub use cache::Caches;
pub use date::Date;
pub use doc_id::DocId;
pub use edition::{Edition, EditionChoice, has_passed};
pub use plan::{Built, Job, Make, Plan, PlanOptions};
pub use runner::{InTurn, Runner};

// One stage at a time, and the page model between them.
pub use compose::{ComposeCaches, Handout, body_size, compose};
pub use model::{Document, IconMark, Item, Node, Page, Picture, PlacedRegion, StructKind, TextRun};
pub use raster::{Scale, pngs};
pub use render::{RenderOptions, Resources, render};
pub use style::{Color, FontWeight};
pub use units::{EPS, Mm, Pt, Rect};

// Problems.
pub use diag::{
    EditionIssue, Kind, LinkIssue, Loc, LogoIssue, OrgIssue, Problem, Problems, Severity, Source, TextIssue,
};
