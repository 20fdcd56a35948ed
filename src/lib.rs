//! handout: print-ready PDF handouts from TOML content and TOML layouts.
//!
//! The pipeline has three stages, each with one input and one output type:
//! [`load`] (TOML -> checked [`load::Content`] and [`load::Layout`]),
//! [`compose`] (a [`compose::Handout`]: content + layout + fonts ->
//! [`model::Document`], the page model) and [`render`] (page model -> PDF).
//! [`build`] runs them for every document asked for. Every stage reports
//! through [`diag::Problems`].

pub mod build;
pub mod compose;
pub mod date;
pub mod diag;
pub mod edition;
pub mod fonts;
pub mod load;
pub mod logo;
pub mod model;
pub mod output;
pub mod project;
pub mod raster;
pub mod render;
pub mod rich;
pub mod script;
pub mod serve;
pub mod text;
pub mod tree;
pub mod units;
