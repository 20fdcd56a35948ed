//! Problems as the command line shows them, the way rustc does: header,
//! the file's line with the span underlined, related places, help, and the
//! documents that met the problem (miette draws them).

use handout_core::{EditionIssue, Kind, Problem, Severity};
use std::ops::Range;

/// Render a problem the way rustc does: header, snippet with the span
/// underlined, related places, help.
pub fn render(problem: &Problem, color: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

    let mut diag = MietteDiagnostic::new(problem.message.clone()).with_severity(match problem.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    });
    let help = match (&problem.help, flag_help(problem.kind)) {
        (Some(help), Some(flags)) => Some(format!("{help}; {flags}")),
        (help, flags) => help.clone().or(flags.map(str::to_string)),
    };
    if let Some(help) = help {
        diag = diag.with_help(help);
    }
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler =
        GraphicalReportHandler::new_themed(theme).with_context_lines(1).with_width(100).with_wrap_lines(false);
    let mut out = String::new();
    match &problem.loc {
        Some(loc) => {
            diag.message = format!("{loc}: {}", problem.message);
            let span = clamp_span(&loc.source.text, &loc.span);
            diag = diag.with_label(LabeledSpan::new(problem.label.clone(), span.start, span.len()));
            let src = NamedSource::new(loc.path().display().to_string(), loc.source.text.clone());
            let report = miette::Report::new(diag).with_source_code(src);
            let _ = handler.render_report(&mut out, report.as_ref());
        }
        None => {
            let report = miette::Report::new(diag);
            let _ = handler.render_report(&mut out, report.as_ref());
        }
    }
    if !problem.documents.is_empty() {
        const SHOWN: usize = 6;
        let docs = &problem.documents;
        let more = docs.len().saturating_sub(SHOWN) + problem.more_documents;
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        let shown: Vec<String> = docs[..docs.len().min(SHOWN)].iter().map(ToString::to_string).collect();
        out.push_str(&format!("  ☞ in {}{tail}\n", shown.join(", ")));
    }
    for (loc, what) in &problem.related {
        let span = clamp_span(&loc.source.text, &loc.span);
        let note = MietteDiagnostic::new(format!("{what}: {loc}"))
            .with_severity(miette::Severity::Advice)
            .with_label(LabeledSpan::new(Some(what.clone()), span.start, span.len()));
        let src = NamedSource::new(loc.path().display().to_string(), loc.source.text.clone());
        let report = miette::Report::new(note).with_source_code(src);
        let _ = handler.render_report(&mut out, report.as_ref());
    }
    out
}

/// What the command line's flags do about a problem of this kind (the
/// core's own words name no flag: the web page has none).
fn flag_help(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Edition(EditionIssue::AfterChosen) => Some("`--edition deadline` prints the dated version anyway"),
        Kind::Edition(EditionIssue::DatedAfterDeadline) => {
            Some("leave out `--edition deadline` to print the after-deadline edition; --strict makes this an error")
        }
        Kind::FolderUnreadable => Some("run handout from the project folder, or pass --root"),
        _ => None,
    }
}

/// Keep the underline readable: at most the rest of the first line, and
/// not much more than a screen's width of a long string.
fn clamp_span(text: &str, span: &Range<usize>) -> Range<usize> {
    const MAX_CHARS: usize = 60;
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let piece = &text[start..end];
    let line_end = piece.find('\n').map_or(piece.len(), |i| i.max(1).min(piece.len()));
    let char_end = piece.char_indices().nth(MAX_CHARS).map_or(piece.len(), |(i, _)| i);
    start..start + line_end.min(char_end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use handout_core::{DocId, Edition, Loc, Source};

    #[test]
    fn a_problem_is_drawn_with_its_file_line_column_and_documents() {
        let src = Source::new("campaigns/meta-ai/campaign.toml", "[campaign]\ndeadlin = 2025-05-27\n");
        let mut p = Problem::error("unknown key `deadlin`").at(Loc::new(&src, 11..18)).help("did you mean `deadline`?");
        for platform in ["facebook", "instagram"] {
            p.documents.push(DocId::new(None, ["meta-ai", "nl", platform, "flyer-a4"], Edition::Deadline));
        }
        let text = render(&p, false);
        assert!(text.contains("campaigns/meta-ai/campaign.toml:2:1"), "{text}");
        assert!(text.contains("did you mean `deadline`?"), "{text}");
        assert!(text.contains("in meta-ai/nl/facebook-flyer-a4, meta-ai/nl/instagram-flyer-a4"), "{text}");
    }
}
