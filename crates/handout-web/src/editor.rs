//! The editor of a handout of one's own: the same kind of form as a
//! campaign's (it posts to the same places and works without JavaScript),
//! with fields for what a campaign's texts hold. Without JavaScript each
//! route shows its steps and a few empty ones; showing the preview adds
//! more. Opening a saved file fills the fields in again.

use crate::catalogue::Catalogue;
use crate::editor_words::EditorWords;
use crate::fields::{anchor, choices, complaints_of, field_complaints, field_of_size, org, summary};
use crate::form::{MAX_ROUTES, MAX_STEPS, route_field};
use crate::view::{Page, Site};
use crate::words::Words;
use maud::{Markup, html};

/// Empty steps shown after the last one typed, without JavaScript.
const EMPTY_STEPS: usize = 3;
/// The longest line a field takes, and the longest text.
const LINE: usize = 200;
const TEXT: usize = 600;

/// The editor's whole form.
pub(crate) fn form(page: &Page, cat: &Catalogue, w: &Words) -> Markup {
    let e = page.ui.editor();
    let local = page.site == Site::Static;
    let lang = lang_of(page, cat);
    html! {
        form #order method="post" action=[(!local).then_some("/download")] enctype="multipart/form-data" novalidate data-local=[local.then_some("1")] data-own="1" data-add-step=(e.add_step) data-max-steps=(MAX_STEPS) data-step-up=(e.step_up) data-step-down=(e.step_down) data-step-remove=(e.step_remove) {
            h2 { (e.heading) }
            p.intro { (e.intro) }
            p.hint { (e.bold_hint) }
            @if !cat.campaigns.is_empty() {
                p { a href=(page.site.href(page.ui, None)) { (w.campaign_other) } }
            }
            (summary(page, w))
            input type="hidden" name="ui" value=(page.ui.id());
            input type="hidden" name="own" value="1";
            (languages(cat, &lang, e))
            (line(page, "own_title", (e.title, e.title_hint), ""))
            (line(page, "own_kicker", (e.kicker, e.kicker_hint), ""))
            (area(page, "own_intro", (e.intro_field, e.intro_hint)))
            @for r in 0..MAX_ROUTES {
                (route(page, r, e, start_title(cat, &lang, r)))
            }
            (icons(cat, &lang, e))
            (area(page, "own_advice", (e.advice, e.advice_hint)))
            fieldset.group {
                legend { (e.qr_legend) }
                (line(page, "own_name", (e.name, e.name_hint), ""))
                (line(page, "own_url", (e.url, e.url_hint), ""))
                (area_or(page, "own_qr_caption", (e.qr_caption, e.qr_caption_hint), start(cat, &lang, |s| &s.qr_caption)))
            }
            (deadline(page, cat, &lang, e))
            (line(page, "own_source", (e.source, e.source_hint), ""))
            (choices(page, "layout", w.layout_legend, None, cat.layouts.iter().map(|l| (l.id.as_str(), l.name(page.ui), l.uses(page.ui), l.id == "flyer-a4"))))
            (org(page, &[(lang.as_str(), cat.starters.iter().find(|s| s.id == lang).map_or("", |s| s.name.as_str()))], cat, w))
            (file(page, e))
            div.actions {
                @if local {
                    button.secondary type="button" id="preview-button" { (w.preview_button) }
                    button.primary type="submit" id="download-button" { (w.download_button) }
                } @else {
                    button.secondary type="submit" formaction="/" formenctype="multipart/form-data" name="page" value="1" id="preview-button" { (w.preview_button) }
                    button.primary type="submit" formaction="/download" id="download-button" { (w.download_button) }
                }
                p.hint { (w.download_hint) }
            }
        }
    }
}

/// The handout's language: one of the editor's.
fn languages(cat: &Catalogue, lang: &str, e: &EditorWords) -> Markup {
    html! {
        fieldset.choices {
            legend { (e.lang) }
            @for (i, s) in cat.starters.iter().enumerate() {
                @let control = if i == 0 { anchor("own_lang") } else { format!("f-own_lang-{}", s.id) };
                div.choice {
                    input type="radio" name="own_lang" value=(s.id) id=(control) checked[s.id == lang];
                    label for=(control) lang=(s.id) { span.name { (s.name) } }
                }
            }
        }
    }
}

/// The handout's language: as sent, else the page's (if the editor has
/// it), else the first.
fn lang_of(page: &Page, cat: &Catalogue) -> String {
    let sent = page.form.and_then(|f| f.get("own_lang"));
    let known = |id: &str| cat.starters.iter().any(|s| s.id == id);
    match sent.filter(|l| known(l)) {
        Some(l) => l.to_string(),
        None if known(page.ui.id()) => page.ui.id().to_string(),
        None => cat.starters.first().map(|s| s.id.clone()).unwrap_or_default(),
    }
}

/// What a field starts with in the handout's language.
fn start(cat: &Catalogue, lang: &str, pick: impl Fn(&crate::own::Start) -> &String) -> String {
    cat.starters.iter().find(|s| s.id == lang).map(|s| pick(&s.start).clone()).unwrap_or_default()
}

fn start_title(cat: &Catalogue, lang: &str, route: usize) -> String {
    let titles = cat.starters.iter().find(|s| s.id == lang).map(|s| s.start.route_titles.clone()).unwrap_or_default();
    titles.get(route).cloned().unwrap_or_default()
}

/// The value sent in `field`; on a first visit, `first`.
fn value(page: &Page, field: &str, first: &str) -> String {
    match page.form {
        Some(f) => f.all(field).next().unwrap_or("").to_string(),
        None => first.to_string(),
    }
}

fn line(page: &Page, field: &str, (label, hint): (&str, &str), first: &str) -> Markup {
    field_of_size(page, (field, label, hint), &value(page, field, first), false, LINE)
}

fn area(page: &Page, field: &str, words: (&str, &str)) -> Markup {
    area_or(page, field, words, String::new())
}

fn area_or(page: &Page, field: &str, (label, hint): (&str, &str), first: String) -> Markup {
    field_of_size(page, (field, label, hint), &value(page, field, &first), true, TEXT)
}

/// A route: its title and numbered steps (those typed, and a few empty).
fn route(page: &Page, r: usize, e: &EditorWords, title: String) -> Markup {
    let typed = (1..=MAX_STEPS).rev().find(|n| !value(page, &route_field(r, &format!("step_{n}")), "").is_empty());
    let shown = (typed.unwrap_or(0) + EMPTY_STEPS).clamp(4, MAX_STEPS);
    let n = (r + 1).to_string();
    html! {
        fieldset.group.route data-route=(n) {
            legend { (e.route.replace("{n}", &n)) }
            p.hint { (e.route_hint) " " (e.steps_hint) }
            (line(page, &route_field(r, "title"), (e.route_title, ""), &title))
            ol.steps {
                @for s in 1..=shown {
                    @let field = route_field(r, &format!("step_{s}"));
                    li { (step(page, &field, &e.step.replace("{n}", &s.to_string()))) }
                }
            }
        }
    }
}

/// One step: a line of its own with its number as the label.
fn step(page: &Page, field: &str, label: &str) -> Markup {
    let errors = field_complaints(page, field);
    let id = anchor(field);
    html! {
        div.field.step.invalid[!errors.is_empty()] {
            label for=(id) { (label) }
            (complaints_of(field, &errors))
            input type="text" name=(field) id=(id) value=(value(page, field, "")) maxlength=(LINE)
                aria-describedby={ "e-" (field) } aria-invalid=[(!errors.is_empty()).then_some("true")];
        }
    }
}

/// The icons a step may draw: each as it prints, its code and its name in
/// the handout's language. The page's script makes each a button that
/// puts the code into the step last typed in.
fn icons(cat: &Catalogue, lang: &str, e: &EditorWords) -> Markup {
    html! {
        @if !cat.icons.is_empty() {
            fieldset.group.icons data-pick=(e.icons_pick) {
                legend { (e.icons) }
                p.hint { (e.icons_hint) }
                ul.icon-list {
                    @for icon in &cat.icons {
                        li data-icon=(icon.name) {
                            svg viewBox={ "0 0 " (icon.outline.side) " " (icon.outline.side) } width="24" height="24" aria-hidden="true" focusable="false" {
                                @for area in &icon.outline.areas {
                                    (shape(area))
                                }
                            }
                            " " code { "{icon:" (icon.name) "}" }
                            " " span.icon-word { (icon.alt(lang).unwrap_or(&icon.name)) }
                        }
                    }
                }
            }
        }
    }
}

/// An icon's area as an SVG path, filled or stroked in the text's colour.
fn shape(area: &handout_core::IconArea) -> Markup {
    use handout_core::{IconCap, IconJoin, IconPaint};
    let d = path_data(area);
    match area.paint {
        IconPaint::Fill { even_odd } => html! {
            path d=(d) fill="currentColor" fill-rule=(if even_odd { "evenodd" } else { "nonzero" }) {}
        },
        IconPaint::Stroke { width, cap, join, miter_limit } => {
            let cap = match cap {
                IconCap::Butt => "butt",
                IconCap::Round => "round",
                IconCap::Square => "square",
            };
            let join = match join {
                IconJoin::Miter => "miter",
                IconJoin::Round => "round",
                IconJoin::Bevel => "bevel",
            };
            html! {
                path d=(d) fill="none" stroke="currentColor" stroke-width=(width) stroke-linecap=(cap) stroke-linejoin=(join) stroke-miterlimit=(miter_limit) {}
            }
        }
    }
}

/// An icon's area as SVG path data, in the icon's units.
fn path_data(area: &handout_core::IconArea) -> String {
    use handout_core::IconSegment as S;
    use std::fmt::Write;
    let mut d = String::new();
    for s in &area.segments {
        let _ = match *s {
            S::Move(x, y) => write!(d, "M{x:.4} {y:.4}"),
            S::Line(x, y) => write!(d, "L{x:.4} {y:.4}"),
            S::Cubic([a, b, c, e, x, y]) => write!(d, "C{a:.4} {b:.4} {c:.4} {e:.4} {x:.4} {y:.4}"),
            S::Close => write!(d, "Z"),
        };
    }
    d
}

fn deadline(page: &Page, cat: &Catalogue, lang: &str, e: &EditorWords) -> Markup {
    let field = "own_deadline";
    let errors = field_complaints(page, field);
    html! {
        fieldset.group {
            legend { (e.deadline_legend) }
            div.field.invalid[!errors.is_empty()] {
                label for=(anchor(field)) { (e.deadline) }
                p.hint id={ "h-" (field) } { (e.deadline_hint) }
                (complaints_of(field, &errors))
                input type="date" name=(field) id=(anchor(field)) value=(value(page, field, ""))
                    aria-describedby={ "h-" (field) " e-" (field) } aria-invalid=[(!errors.is_empty()).then_some("true")];
            }
            (line(page, "own_deadline_label", (e.deadline_label, e.deadline_label_hint), &start(cat, lang, |s| &s.deadline_label)))
            (area(page, "own_deadline_note", (e.deadline_note, e.deadline_note_hint)))
        }
    }
}

/// Save the handout as a file, or open one saved before.
fn file(page: &Page, e: &EditorWords) -> Markup {
    let local = page.site == Site::Static;
    let errors = field_complaints(page, "own_file");
    html! {
        fieldset.group.file {
            legend { (e.file_legend) }
            p.hint { (e.file_hint) }
            @if local {
                button.secondary type="button" id="save-button" { (e.save_button) }
            } @else {
                button.secondary type="submit" formaction="/download" name="save" value="1" id="save-button" { (e.save_button) }
            }
            div.field.invalid[!errors.is_empty()] {
                label for=(anchor("own_file")) { (e.open_label) }
                (complaints_of("own_file", &errors))
                input type="file" name="own_file" id=(anchor("own_file")) accept=".toml,application/toml,text/plain" aria-describedby="e-own_file";
            }
            @if local {
                button.secondary type="button" id="open-button" { (e.open_button) }
            } @else {
                button.secondary type="submit" formaction="/" name="open" value="1" id="open-button" { (e.open_button) }
            }
        }
    }
}
