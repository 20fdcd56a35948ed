//! handout: print-ready PDF handouts from TOML content and TOML layouts.
//!
//! The pipeline has three stages, each with one input and one output type:
//! [`load`] (TOML -> checked content and layouts), [`compose`] (content +
//! layout + fonts -> [`model::Document`], the page model) and [`render`]
//! (page model -> PDF). [`build`] runs them for every document asked for.

pub mod build;
pub mod compose;
pub mod diag;
pub mod fonts;
pub mod load;
pub mod model;
pub mod output;
pub mod project;
pub mod render;
pub mod script;
pub mod text;
pub mod units;
