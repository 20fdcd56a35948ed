//! handout-core: the whole job of `handout` on bytes. Content and layouts
//! (TOML) and fonts come in as a [`files::Files`], organisations and logos
//! as bytes; PDF and PNG bytes and [`diag::Problem`]s come out. The core
//! opens no file, starts no thread, reads no clock ("today" is an
//! argument) and keeps nothing between calls but the [`cache::Caches`] a
//! front end owns: the command line, the web server and the browser
//! edition all build through [`plan`].
//!
//! The pipeline has three stages, each with one input and one output type:
//! [`load`] (TOML -> checked [`load::Content`] and [`load::Layout`]),
//! [`compose`] (a [`compose::Handout`]: content + layout + fonts ->
//! [`model::Document`], the page model as plain data) and [`render`] (page
//! model -> PDF; [`raster`]: page model -> PNG).

pub mod bundle;
pub mod by_bytes;
pub mod cache;
pub mod compose;
pub mod date;
pub mod diag;
pub mod doc_id;
pub mod edition;
pub mod files;
pub mod fonts;
pub mod load;
pub mod logo;
pub mod model;
mod named;
pub mod plan;
pub mod project;
pub mod qr;
pub mod raster;
pub mod render;
pub mod rich;
pub mod runner;
pub mod script;
pub mod shapes;
pub mod style;
pub mod text;
pub mod units;
