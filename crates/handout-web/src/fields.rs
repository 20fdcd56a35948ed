//! The form's controls, as the campaign's form and the editor share
//! them: text fields and groups of choices, each labelled, with its hint
//! and its problems next to it (and listed above the form, linked).

use crate::catalogue::Catalogue;
use crate::complaint::Complaint;
use crate::view::Page;
use crate::words::Words;
use maud::{Markup, html};

/// What must change, listed above the form with links to the fields.
pub(crate) fn summary(page: &Page, w: &Words) -> Markup {
    html! {
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
    }
}

/// The id of a field's first control, for links from the summary.
pub(crate) fn anchor(field: &str) -> String {
    format!("f-{field}")
}

pub(crate) fn chosen(page: &Page, field: &str, id: &str, cat_default: bool) -> bool {
    match page.form {
        Some(f) => f.all(field).any(|v| v == id),
        None => cat_default,
    }
}

/// A group of checkboxes.
pub(crate) fn choices<'a>(
    page: &Page,
    field: &str,
    legend: &str,
    hint: Option<&str>,
    items: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>, bool)>,
) -> Markup {
    let errors = field_complaints(page, field);
    html! {
        fieldset.choices.invalid[!errors.is_empty()] aria-describedby={ "h-" (field) " e-" (field) } {
            legend { (legend) }
            @if let Some(h) = hint { p.hint id={ "h-" (field) } { (h) } }
            (complaints_of(field, &errors))
            @for (i, (id, name, uses, first_visit)) in items.enumerate() {
                @let control = if i == 0 { anchor(field) } else { format!("f-{field}-{id}") };
                div.choice {
                    input type="checkbox" name=(field) value=(id) id=(control) checked[chosen(page, field, id, first_visit)];
                    label for=(control) {
                        span.name { (name) }
                        @if let Some(u) = uses { span.uses { (u) } }
                    }
                }
            }
        }
    }
}

/// The organisation's fields, with a help text for each of `langs` (id,
/// name).
pub(crate) fn org(page: &Page, langs: &[(&str, &str)], cat: &Catalogue, w: &Words) -> Markup {
    let value = |name: &str| page.form.and_then(|f| f.all(name).next()).unwrap_or("").to_string();
    html! {
        fieldset.org {
            legend { (w.org_legend) }
            p.hint { (w.org_hint) }
            (text_field(page, "org_name", w.org_name, w.org_name_hint, &value("org_name"), false))
            @for (id, name) in langs {
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
pub(crate) fn help_hint(page: &Page, cat: &Catalogue, w: &Words) -> String {
    let mut hint = w.org_help_hint.replace("{max}", &handout_core::MAX_HELP.to_string());
    for l in cat.layouts.iter().filter(|l| l.max_help.is_some_and(|m| m < handout_core::MAX_HELP)) {
        let fits = w.org_help_fits.replace("{layout}", l.name(page.ui));
        hint.push(' ');
        hint.push_str(&fits.replace("{max}", &l.max_help.unwrap_or_default().to_string()));
    }
    hint
}

pub(crate) fn text_field(page: &Page, field: &str, label: &str, hint: &str, value: &str, area: bool) -> Markup {
    let max = if area { 300 } else { 100 };
    field_of_size(page, (field, label, hint), value, area, max)
}

pub(crate) fn field_complaints<'a>(page: &'a Page, field: &str) -> Vec<&'a Complaint> {
    page.complaints.iter().filter(|c| c.field.as_deref() == Some(field)).collect()
}

pub(crate) fn complaints_of(field: &str, errors: &[&Complaint]) -> Markup {
    html! {
        div.errors id={ "e-" (field) } data-field=(field) {
            @for c in errors { p.error { (c.text) } }
        }
    }
}

/// A text field (a line, or an area) that takes at most `max` characters.
pub(crate) fn field_of_size(
    page: &Page,
    (field, label, hint): (&str, &str, &str),
    value: &str,
    area: bool,
    max: usize,
) -> Markup {
    let errors = field_complaints(page, field);
    let id = anchor(field);
    let described = format!("h-{field} e-{field}");
    html! {
        div.field.invalid[!errors.is_empty()] data-lang=[field.strip_prefix("org_help_")] {
            label for=(id) { (label) }
            p.hint id={ "h-" (field) } { (hint) }
            (complaints_of(field, &errors))
            @if area {
                textarea name=(field) id=(id) rows="3" maxlength=(max) aria-describedby=(described) aria-invalid=[(!errors.is_empty()).then_some("true")] { (value) }
            } @else {
                input type="text" name=(field) id=(id) value=(value) maxlength=(max) aria-describedby=(described) aria-invalid=[(!errors.is_empty()).then_some("true")];
            }
        }
    }
}
