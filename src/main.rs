//! The `handout` command line.

mod progress;

use clap::{Args, Parser, Subcommand};

#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use handout::disk::Root;
use handout::make::{self, Options};
use handout::orgs::OrgChoice;
use handout::report;
use handout::stop::Stop;
use handout_core::{Choice, EditionChoice, PlanOptions, Problem, Problems, Selection};
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
    /// Build every campaign x language x platform x layout into
    /// out/[<org>/]<campaign>/<lang>/<platform>-<layout>.pdf
    Build {
        #[command(flatten)]
        select: Select,
        /// Output folder, relative to the current folder [default: out/ in the project folder]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Check all content and layouts (everything a build does) without writing
    Check {
        #[command(flatten)]
        select: Select,
    },
    /// List the campaigns (with their deadline, languages and platforms)
    /// and the layouts, by the ids the filters take
    List {
        /// Project folder holding campaigns/, layouts/ and fonts/ [default:
        /// as for build]
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Serve a web page on this computer that makes the handouts: open the
    /// address it prints in a browser
    Serve {
        /// Address and port to listen on; anything but 127.0.0.1 (or
        /// localhost) lets others on the network use the page
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
        listen: std::net::SocketAddr,
        /// Project folder holding campaigns/, layouts/ and fonts/. Without
        /// it: the current folder when it holds campaigns/ and layouts/,
        /// else the copy built into handout
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Ask a running `handout serve` whether it answers (for a container's
    /// health check): exit code 0 when it does
    Health {
        /// The address it listens on
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
        listen: std::net::SocketAddr,
    },
}

#[derive(Args)]
struct Select {
    /// Only these campaigns (folders under campaigns/; `handout list`
    /// lists them), e.g. --campaign meta-ai,linkedin-ai; may repeat
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    campaign: Vec<String>,
    /// Only these languages (a campaign's folders), e.g. --lang nl,en
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    lang: Vec<String>,
    /// Only these platforms, e.g. --platform facebook
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    platform: Vec<String>,
    /// Only these layouts (files under layouts/), e.g. --layout flyer-a4,pocket-cards
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    layout: Vec<String>,
    /// Treat warnings, such as a passed deadline, as errors
    #[arg(long)]
    strict: bool,
    /// Project folder holding campaigns/, layouts/, fonts/ (and orgs/).
    /// Without it: the current folder when it holds campaigns/ and
    /// layouts/, else the copy built into handout
    #[arg(long)]
    root: Option<PathBuf>,
    /// Which version: `deadline` shows the date; `after-deadline` calls to
    /// act now (files get -after-deadline); `auto` picks by today's date.
    /// A campaign without a deadline has one version
    #[arg(long, default_value = "auto", value_parser = edition())]
    edition: EditionChoice,
    /// Also make the PDFs PDF/A-2a, for archiving
    #[arg(long)]
    pdfa: bool,
    /// Also write every PDF page as <name>-<page>.png (150 dpi)
    #[arg(long)]
    png: bool,
    /// The resolution of --png images
    #[arg(long, value_name = "DPI", default_value_t = 150.0, value_parser = dpi)]
    png_dpi: f32,
    #[command(flatten)]
    orgs: OrgArgs,
}

fn dpi(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(d) if (10.0..=600.0).contains(&d) => Ok(d),
        _ => Err("expected a resolution from 10 to 600 dpi".into()),
    }
}

/// Organisations: each gets its own set under out/<org>/.
#[derive(Args)]
#[group(multiple = false)]
struct OrgArgs {
    /// Build the set of this organisation (orgs/<id>.toml); may repeat
    #[arg(long = "org", value_name = "ID")]
    org: Vec<String>,
    /// Build the set of every organisation in orgs/
    #[arg(long)]
    all_orgs: bool,
    /// Build the set of every organisation in this spreadsheet, one per row
    /// (.xlsx, .ods, or CSV in UTF-8 or Windows-1252)
    #[arg(long, visible_alias = "orgs-csv", value_name = "FILE")]
    orgs_sheet: Option<PathBuf>,
}

/// `--edition`: the names the core gives the choices.
fn edition() -> impl clap::builder::TypedValueParser<Value = EditionChoice> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(EditionChoice::NAMES)
        .map(|name| EditionChoice::from_name(&name).unwrap_or_default())
}

fn main() -> ExitCode {
    handout::alloc::tune();
    if handout::window::double_clicked() {
        return serve_in_window();
    }
    let cli = Cli::parse();
    let (select, out, write) = match cli.command {
        Command::Build { select, out } => (select, out, true),
        Command::Check { select } => (select, None, false),
        Command::List { root } => return list(root),
        Command::Serve { listen, root } => return serve(listen, root),
        Command::Health { listen } => return health(listen),
    };
    let opts = match options(select, out, write) {
        Ok(o) => o,
        Err(p) => return usage(&p.message),
    };
    if opts.orgs == OrgChoice::None { run_set(&opts) } else { run_batch(&opts) }
}

fn serve(listen: std::net::SocketAddr, root: Option<PathBuf>) -> ExitCode {
    if let Err(e) = handout::clock::today() {
        return usage(&e.message);
    }
    let files = Root::choose(root.as_deref()).files();
    match handout::serve::run(handout::serve::ServeOptions { listen, files, window: false }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(p) => {
            eprintln!("error: {}", p.message);
            ExitCode::from(1)
        }
    }
}

fn health(listen: std::net::SocketAddr) -> ExitCode {
    match handout::health::check(listen) {
        Ok(()) => {
            println!("ok");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: the server does not answer: {e}");
            ExitCode::from(1)
        }
    }
}

/// Double-clicked: the web page on this computer, in the browser.
fn serve_in_window() -> ExitCode {
    let listen = std::net::SocketAddr::from(([127, 0, 0, 1], 8080));
    let result = handout::clock::today().and_then(|_| {
        let files = Root::choose(None).files();
        handout::serve::run(handout::serve::ServeOptions { listen, files, window: true })
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(p) => {
            eprintln!("error: {}", p.message);
            handout::window::wait_for_enter();
            ExitCode::from(1)
        }
    }
}

fn options(select: Select, out: Option<PathBuf>, write: bool) -> Result<Options, Problem> {
    let today = handout::clock::today()?;
    let orgs = match (select.orgs.org, select.orgs.all_orgs, select.orgs.orgs_sheet) {
        (ids, false, None) if ids.is_empty() => OrgChoice::None,
        (ids, false, None) => OrgChoice::Ids(ids),
        (_, true, _) => OrgChoice::All,
        (_, _, Some(sheet)) => OrgChoice::Sheet(sheet),
    };
    let files = project_files(select.root.as_deref());
    // Paths typed are relative to the current folder, as in cargo and
    // typst; only the default out/ is the project folder's.
    let out = out.unwrap_or_else(|| select.root.as_deref().map_or_else(|| PathBuf::from("out"), |r| r.join("out")));
    let root = select.root.unwrap_or_else(|| PathBuf::from("."));
    let plan = PlanOptions {
        selection: Selection {
            campaigns: choice(select.campaign),
            langs: choice(select.lang),
            platforms: choice(select.platform),
            layouts: choice(select.layout),
        },
        edition: select.edition,
        today,
        pdfa: select.pdfa,
        strict: select.strict,
        png: select.png.then_some(select.png_dpi),
        make: handout_core::Make::Files,
    };
    Ok(Options { out, files, root, write, orgs, plan })
}

/// Ids typed: none is every one.
fn choice(ids: Vec<String>) -> Choice {
    if ids.is_empty() { Choice::all() } else { Choice::only(ids) }
}

/// The project's files, saying which were chosen when it is not the
/// folder typed or found.
fn project_files(root: Option<&std::path::Path>) -> std::sync::Arc<dyn handout_core::Files> {
    let chosen = Root::choose(root);
    let files = chosen.files();
    if chosen == Root::BuiltIn {
        let half = ["campaigns", "layouts"].iter().find(|d| std::path::Path::new(d).is_dir());
        match half {
            Some(d) => eprintln!(
                "warning: there is a {d}/ folder here but not both campaigns/ and layouts/: using {}",
                files.describe()
            ),
            None => eprintln!("note: no project folder here: using {} (--root DIR to use another)", files.describe()),
        }
    }
    files
}

/// `handout list`: what the filters can name.
fn list(root: Option<PathBuf>) -> ExitCode {
    let today = match handout::clock::today() {
        Ok(t) => t,
        Err(p) => return usage(&p.message),
    };
    let mut problems = Problems::new();
    let project = handout_core::load_project(project_files(root.as_deref()), &Selection::all(), &mut problems);
    show(&problems);
    print!("{}", handout::listing::listing(&project, today));
    if problems.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// The anonymous set: all or nothing.
fn run_set(opts: &Options) -> ExitCode {
    let outcome = make::run(opts);
    if let Some(p) = outcome.problems.iter().find(|p| p.is_usage()) {
        return usage(&p.message);
    }
    show(&outcome.problems);
    let errors = outcome.problems.error_count();
    if errors > 0 {
        eprintln!("error: {errors} problem(s); nothing was written");
        return ExitCode::from(1);
    }
    if outcome.documents.is_empty() {
        eprintln!("warning: nothing to build (no data or no layouts)");
    }
    for o in &outcome.documents {
        let verb = if outcome.written { "wrote" } else { "checked" };
        for (path, bytes) in o.files_on_disk() {
            println!(
                "{verb} {} ({}, {} page(s))",
                make::shown(&path),
                make::size_text(bytes.len()),
                o.built.doc.pages.len()
            );
        }
    }
    ExitCode::SUCCESS
}

/// Organisations: each on its own; the failed ones listed at the end.
fn run_batch(opts: &Options) -> ExitCode {
    let progress = progress::Console::new(std::io::stderr().is_terminal(), opts.write);
    let outcome = make::batch::run(opts, &progress, Stop::on_ctrl_c());
    progress.finish();
    if let Some(p) = outcome.problems.iter().find(|p| p.is_usage()) {
        return usage(&p.message);
    }
    show(&outcome.problems);
    if outcome.problems.has_errors() {
        eprintln!("error: {} problem(s); nothing was written", outcome.problems.error_count());
        return ExitCode::from(1);
    }
    // One report of a problem many organisations share (a layout that
    // does not fit), naming the documents it was met in.
    show(&outcome.org_problems);
    if outcome.not_begun > 0 {
        eprintln!(
            "stopped: {} of {} organisation(s) done, {} document(s) {}, each file whole; {} not begun",
            outcome.built + outcome.failed,
            outcome.built + outcome.failed + outcome.not_begun,
            outcome.documents,
            if opts.write { "written" } else { "checked" },
            outcome.not_begun
        );
        return ExitCode::from(130);
    }
    eprintln!(
        "{} document(s) for {} organisation(s) in {:.1} s; {} failed{}{}",
        outcome.documents,
        outcome.built,
        outcome.seconds,
        outcome.failed,
        if outcome.failed == 0 { "" } else { ": " },
        make::batch::named(&outcome.failed_ids, outcome.failed)
    );
    if outcome.ok() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn show(problems: &Problems) {
    let color = std::io::stderr().is_terminal();
    for p in problems {
        eprint!("{}", report::render(p, color));
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}
