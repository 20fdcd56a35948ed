//! The web page: one form that works without JavaScript (choose, fill in,
//! preview, download), labelled for screen readers and keyboards, and
//! readable at 200 % zoom. Everything a visitor typed is escaped by maud.

use crate::answer::Preview;
use crate::catalogue::Catalogue;
use crate::complaint::Complaint;
use crate::form::Form;
use crate::words::{Ui, Words};
use base64::Engine;
use handout_core::{Date, Project, has_passed};
use maud::{DOCTYPE, Markup, html};

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
    fn assets(self) -> &'static str {
        match self {
            Site::Server => "/assets/",
            Site::Static => "",
        }
    }

    /// The page in the other language.
    fn switch(self, to: Ui) -> &'static str {
        match (self, to) {
            (Site::Server, Ui::Nl) => "/?ui=nl",
            (Site::Server, Ui::En) => "/?ui=en",
            (Site::Static, Ui::Nl) => "index.html",
            (Site::Static, Ui::En) => "en.html",
        }
    }
}

/// What the page shows.
pub struct Page<'a> {
    pub site: Site,
    pub ui: Ui,
    /// The form as sent, to show it again; `None`: the first visit.
    pub form: Option<&'a Form>,
    pub complaints: Vec<Complaint>,
    /// Every page of the first document (the page without JavaScript
    /// shows them inline).
    pub preview: Option<&'a Preview>,
    pub today: Date,
}

/// The whole page.
pub fn render(page: &Page, project: &Project, cat: &Catalogue) -> String {
    let w = page.ui.words();
    let body = html! {
        (DOCTYPE)
        html lang=(page.ui.id()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if page.site == Site::Static {
                    // The browser edition sets its own rules: nothing from
                    // elsewhere, nothing sent anywhere.
                    meta http-equiv="Content-Security-Policy" content=(STATIC_CSP);
                }
                title { (w.title) }
                link rel="stylesheet" href={ (page.site.assets()) "style.css" };
                @if page.site == Site::Static {
                    script src="site.js" defer {}
                }
                script src={ (page.site.assets()) "preview.js" } defer {}
            }
            body {
                header.top {
                    h1 { (w.title) }
                    a.switch href=(page.site.switch(page.ui.other())) lang=(page.ui.other().id()) hreflang=(page.ui.other().id()) {
                        (w.switch)
                    }
                }
                main {
                    @if page.site == Site::Static {
                        noscript { p.summary { (w.needs_script) } }
                    }
                    (form(page, project, cat, w))
                    (preview(page, w))
                }
                footer { p { @if page.site == Site::Static { (w.privacy_local) } @else { (w.privacy) } } }
            }
        }
    };
    body.into_string()
}

/// The browser edition's rules for the browser: its own files only (and
/// WebAssembly), pictures it makes itself, no form sent anywhere.
const STATIC_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; \
                          connect-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' blob: data:; \
                          form-action 'none'; base-uri 'none'";

fn form(page: &Page, project: &Project, cat: &Catalogue, w: &Words) -> Markup {
    let local = page.site == Site::Static;
    html! {
        form #order method="post" action=[(!local).then_some("/download")] enctype="multipart/form-data" novalidate data-local=[local.then_some("1")] {
            p.intro { (w.intro) }
            @if !page.complaints.is_empty() {
                div.summary role="alert" tabindex="-1" {
                    h2 { (w.errors_heading) }
                    ul {
                        @for c in &page.complaints {
                            li {
                                @if let Some(f) = &c.field {
                                    a href={ "#" (anchor(f)) } {
                                        @if let Some(l) = &c.label { (l) ": " }
                                        (c.text)
                                    }
                                } @else { (c.text) }
                            }
                        }
                    }
                }
            }
            input type="hidden" name="ui" value=(page.ui.id());
            (choices(page, "lang", w.lang_legend, None, langs(page, cat).map(|(id, n)| (id, n, None))))
            (choices(page, "platform", w.platform_legend, Some(w.platform_hint), cat.platforms.iter().map(|(id, n)| (id.as_str(), n.as_str(), None))))
            (choices(page, "layout", w.layout_legend, None, cat.layouts.iter().map(|l| (l.id.as_str(), l.name(page.ui), l.uses(page.ui)))))
            (editions(page, project, w))
            (org(page, cat, w))
            div.actions {
                @if local {
                    button.secondary type="button" id="preview-button" { (w.preview_button) }
                    button.primary type="submit" { (w.download_button) }
                } @else {
                    button.secondary type="submit" formaction="/" formenctype="multipart/form-data" name="page" value="1" id="preview-button" { (w.preview_button) }
                    button.primary type="submit" formaction="/download" { (w.download_button) }
                }
                p.hint { (w.download_hint) }
            }
        }
    }
}

/// The languages, the page's own first.
fn langs<'a>(page: &Page, cat: &'a Catalogue) -> impl Iterator<Item = (&'a str, &'a str)> {
    let ui = page.ui.id();
    let own = cat.langs.iter().filter(move |(id, _)| id == ui);
    own.chain(cat.langs.iter().filter(move |(id, _)| id != ui)).map(|(id, n)| (id.as_str(), n.as_str()))
}

/// The id of a field's first control, for links from the summary.
fn anchor(field: &str) -> String {
    format!("f-{field}")
}

fn chosen(page: &Page, field: &str, id: &str, cat_default: bool) -> bool {
    match page.form {
        Some(f) => f.all(field).any(|v| v == id),
        None => cat_default,
    }
}

/// A group of checkboxes.
fn choices<'a>(
    page: &Page,
    field: &str,
    legend: &str,
    hint: Option<&str>,
    items: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)>,
) -> Markup {
    let errors = field_complaints(page, field);
    html! {
        fieldset.choices.invalid[!errors.is_empty()] aria-describedby={ "h-" (field) " e-" (field) } {
            legend { (legend) }
            @if let Some(h) = hint { p.hint id={ "h-" (field) } { (h) } }
            (complaints_of(field, &errors))
            @for (i, (id, name, uses)) in items.enumerate() {
                @let control = if i == 0 { anchor(field) } else { format!("f-{field}-{id}") };
                div.choice {
                    input type="checkbox" name=(field) value=(id) id=(control) checked[chosen(page, field, id, default_choice(page, field, id))];
                    label for=(control) {
                        span.name { (name) }
                        @if let Some(u) = uses { span.uses { (u) } }
                    }
                }
            }
        }
    }
}

/// What a first visit has ticked: the page's language, every platform,
/// the A4 flyer (a project without one ticks no layout).
fn default_choice(page: &Page, field: &str, id: &str) -> bool {
    match field {
        "lang" => id == page.ui.id(),
        "platform" => true,
        _ => id == "flyer-a4",
    }
}

fn editions(page: &Page, project: &Project, w: &Words) -> Markup {
    let content = project.contents.iter().find(|c| c.id == page.ui.id()).or(project.contents.first());
    let (date, passed, deadline) = content.map_or((String::new(), false, String::new()), |c| {
        let d = c.campaign.deadline;
        (c.campaign.language.format_date(d), has_passed(d, page.today), d.to_string())
    });
    let current = page.form.and_then(|f| f.get("edition")).unwrap_or("auto");
    let after = w.edition_auto_after.replace("{date}", &date);
    let before = w.edition_auto_before.replace("{date}", &date);
    let auto_hint = if passed { after.clone() } else { before.clone() };
    // A static page is written once and read on any day: its script says
    // which edition today calls for, in the reader's own calendar.
    let local = page.site == Site::Static;
    let items = [
        ("auto", w.edition_auto, auto_hint),
        ("deadline", w.edition_deadline, w.edition_deadline_hint.replace("{date}", &date)),
        ("after-deadline", w.edition_after, w.edition_after_hint.to_string()),
    ];
    html! {
        fieldset.choices {
            legend { (w.edition_legend) }
            @for (i, (id, name, hint)) in items.iter().enumerate() {
                @let control = if i == 0 { anchor("edition") } else { format!("f-edition-{id}") };
                div.choice {
                    input type="radio" name="edition" value=(id) id=(control) checked[current == *id];
                    label for=(control) {
                        span.name { (name) }
                        @if i == 0 && local {
                            span.uses #auto-hint data-deadline=(deadline) data-before=(before) data-after=(after) { (hint) }
                        } @else {
                            span.uses { (hint) }
                        }
                    }
                }
            }
        }
    }
}

fn org(page: &Page, cat: &Catalogue, w: &Words) -> Markup {
    let value = |name: &str| page.form.and_then(|f| f.all(name).next()).unwrap_or("").to_string();
    html! {
        fieldset.org {
            legend { (w.org_legend) }
            p.hint { (w.org_hint) }
            (text_field(page, "org_name", w.org_name, w.org_name_hint, &value("org_name"), false))
            @for (id, name) in langs(page, cat) {
                @let field = format!("org_help_{id}");
                (text_field(page, &field, &w.org_help.replace("{language}", name), &help_hint(page, cat, w), &value(&field), true))
            }
            (text_field(page, "org_website", w.org_website, w.org_website_hint, &value("org_website"), false))
            @let errors = field_complaints(page, "org_logo");
            div.field.invalid[!errors.is_empty()] {
                label for=(anchor("org_logo")) { (w.org_logo) }
                p.hint id="h-org_logo" { (w.org_logo_hint) }
                (complaints_of("org_logo", &errors))
                input type="file" name="org_logo" id=(anchor("org_logo"))
                    accept=".svg,.png,.jpg,.jpeg,image/svg+xml,image/png,image/jpeg"
                    aria-describedby="h-org_logo e-org_logo";
            }
        }
    }
}

/// How long a help text may be: what any organisation may give, and what
/// each layout that holds less holds (measured, from the layout files).
fn help_hint(page: &Page, cat: &Catalogue, w: &Words) -> String {
    let mut hint = w.org_help_hint.replace("{max}", &handout_core::MAX_HELP.to_string());
    for l in cat.layouts.iter().filter(|l| l.max_help.is_some_and(|m| m < handout_core::MAX_HELP)) {
        let fits = w.org_help_fits.replace("{layout}", l.name(page.ui));
        hint.push(' ');
        hint.push_str(&fits.replace("{max}", &l.max_help.unwrap_or_default().to_string()));
    }
    hint
}

fn text_field(page: &Page, field: &str, label: &str, hint: &str, value: &str, area: bool) -> Markup {
    let errors = field_complaints(page, field);
    let id = anchor(field);
    let described = format!("h-{field} e-{field}");
    html! {
        div.field.invalid[!errors.is_empty()] data-lang=[field.strip_prefix("org_help_")] {
            label for=(id) { (label) }
            p.hint id={ "h-" (field) } { (hint) }
            (complaints_of(field, &errors))
            @if area {
                textarea name=(field) id=(id) rows="3" maxlength="300" aria-describedby=(described) aria-invalid=[(!errors.is_empty()).then_some("true")] { (value) }
            } @else {
                input type="text" name=(field) id=(id) value=(value) maxlength="100" aria-describedby=(described) aria-invalid=[(!errors.is_empty()).then_some("true")];
            }
        }
    }
}

fn field_complaints<'a>(page: &'a Page, field: &str) -> Vec<&'a Complaint> {
    page.complaints.iter().filter(|c| c.field.as_deref() == Some(field)).collect()
}

fn complaints_of(field: &str, errors: &[&Complaint]) -> Markup {
    html! {
        div.errors id={ "e-" (field) } data-field=(field) {
            @for c in errors { p.error { (c.text) } }
        }
    }
}

fn preview(page: &Page, w: &Words) -> Markup {
    html! {
        section.preview aria-labelledby="preview-heading" {
            h2 #preview-heading { (w.preview_heading) }
            p #preview-status aria-live="polite" data-busy=(w.preview_busy) data-empty=(w.preview_empty) {
                @match &page.preview { Some(p) => (p.caption), None => (w.preview_empty) }
            }
            div #preview-pages {
                @if let Some(p) = &page.preview {
                    @for (i, png) in p.pngs.iter().enumerate() {
                        @let alt = w.page_of.replace("{n}", &(i + 1).to_string()).replace("{m}", &p.pngs.len().to_string());
                        img.many[p.pngs.len() > 1] src=(data_url(png)) alt=(alt);
                    }
                }
            }
        }
    }
}

/// A PNG inline in the page.
fn data_url(png: &[u8]) -> String {
    format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png))
}
