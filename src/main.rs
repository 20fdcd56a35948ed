//! The `handout` command line.

use clap::{Args, Parser, Subcommand};
use handout::build::{self, Options};
use handout::diag;
use handout::edition::{Edition, EditionChoice};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Print-ready PDF handouts (A4 flyers, pocket cards) from TOML content and layouts.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build every language x platform x layout into out/<lang>/<platform>-<layout>.pdf
    Build {
        #[command(flatten)]
        select: Select,
        /// Output folder
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// Check all content and layouts (everything a build does) without writing
    Check {
        #[command(flatten)]
        select: Select,
    },
}

#[derive(Args)]
struct Select {
    /// Only this language (folder under data/), e.g. nl
    #[arg(long)]
    lang: Option<String>,
    /// Only this platform, e.g. facebook
    #[arg(long)]
    platform: Option<String>,
    /// Only this layout (file under layouts/), e.g. flyer-a4
    #[arg(long)]
    layout: Option<String>,
    /// Treat warnings, such as a passed deadline, as errors
    #[arg(long)]
    strict: bool,
    /// Project folder holding data/, layouts/ and fonts/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Which version: `deadline` shows the date; `after-deadline` calls to
    /// object now (files get -after-deadline); `auto` picks by today's date
    #[arg(long, value_enum, default_value_t = EditionArg::Auto)]
    edition: EditionArg,
    /// Also make the PDFs PDF/A-2a, for archiving
    #[arg(long)]
    pdfa: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum EditionArg {
    Auto,
    Deadline,
    AfterDeadline,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (select, out, write) = match cli.command {
        Command::Build { select, out } => (select, out, true),
        Command::Check { select } => (select, PathBuf::from("out"), false),
    };
    let today = match handout::date::Date::today() {
        Ok(d) => d,
        Err(e) => return usage(&e.message),
    };
    let opts = Options {
        out: if out.is_absolute() { out } else { select.root.join(out) },
        root: select.root,
        lang: select.lang,
        platform: select.platform,
        layout: select.layout,
        strict: select.strict,
        edition: match select.edition {
            EditionArg::Auto => EditionChoice::Auto,
            EditionArg::Deadline => EditionChoice::Fixed(Edition::Deadline),
            EditionArg::AfterDeadline => EditionChoice::Fixed(Edition::AfterDeadline),
        },
        pdfa: select.pdfa,
        write,
        today,
    };
    let outcome = build::run(&opts);
    if let Some(p) = outcome.problems.iter().find(|p| p.usage) {
        return usage(&p.message);
    }
    let color = std::io::stderr().is_terminal();
    for p in &outcome.problems {
        eprint!("{}", diag::render(p, color));
    }
    let errors = outcome.problems.error_count();
    if errors > 0 {
        eprintln!("error: {errors} problem(s); nothing was written");
        return ExitCode::from(1);
    }
    if outcome.outputs.is_empty() {
        eprintln!("warning: nothing to build (no data or no layouts)");
    }
    for o in &outcome.outputs {
        let verb = if outcome.written { "wrote" } else { "checked" };
        println!("{verb} {} ({}, {} page(s))", build::shown(&o.path), build::size_text(o.pdf.len()), o.doc.pages.len());
    }
    ExitCode::SUCCESS
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}
