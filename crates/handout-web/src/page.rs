//! The web page: first which campaign (each with its title, what it is
//! about and whether its deadline is ahead, passed or none), then one form
//! for that campaign that works without JavaScript (choose, fill in,
//! preview, download); labelled for screen readers and keyboards, and
//! readable at 200 % zoom. Everything a visitor typed is escaped by maud.

use crate::catalogue::{CampaignEntry, Catalogue, LangEntry};
use crate::fields::{anchor, choices, org, summary};
use crate::words::Words;
use base64::Engine;
use handout_core::has_passed;
use maud::{DOCTYPE, Markup, html};

pub use crate::view::{Page, Site};

/// The whole page.
pub fn render(page: &Page, cat: &Catalogue) -> String {
    let w = page.ui.words();
    let own = page.own && !cat.starters.is_empty();
    let campaign = page.campaign.and_then(|id| cat.campaign(id)).or(cat.only_campaign()).filter(|_| !own);
    let title = match campaign.and_then(|c| c.in_ui(page.ui)) {
        Some(l) => format!("{}: {}", w.title, l.title),
        None if own => format!("{}: {}", w.title, page.ui.editor().heading),
        None => w.title.to_string(),
    };
    let switch = if own {
        page.site.href_own(page.ui.other())
    } else {
        page.site.href(page.ui.other(), campaign.map(|c| c.id.as_str()))
    };
    let other = page.ui.other();
    let body = html! {
        (DOCTYPE)
        html lang=(page.ui.id()) {
            (head(page, &title, campaign.is_some() || own))
            body {
                header.top {
                    h1 { (w.title) }
                    a.switch href=(switch) lang=(other.id()) hreflang=(other.id()) {
                        (w.switch)
                    }
                }
                main {
                    @if page.site == Site::Static {
                        noscript { p.summary { (w.needs_script) } }
                    }
                    @match campaign {
                        _ if own => {
                            (crate::editor::form(page, cat, w))
                            (preview(page, w))
                        }
                        Some(c) => {
                            (form(page, c, cat, w))
                            (preview(page, w))
                        }
                        None => (chooser(page, cat, w)),
                    }
                }
                footer { p { @if page.site == Site::Static { (w.privacy_local) } @else { (w.privacy) } } }
            }
        }
    };
    body.into_string()
}

/// The page's head: its title, style and scripts (the preview's where a
/// form is shown).
fn head(page: &Page, title: &str, form: bool) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            @if page.site == Site::Static {
                // The browser edition sets its own rules: nothing from
                // elsewhere, nothing sent anywhere.
                meta http-equiv="Content-Security-Policy" content=(STATIC_CSP);
            }
            title { (title) }
            link rel="stylesheet" href={ (page.site.assets()) "style.css" };
            @if page.site == Site::Static {
                script src="site.js" defer {}
            }
            @if form {
                script src={ (page.site.assets()) "preview.js" } defer {}
            }
        }
    }
}

/// The first question: which campaign. Each is a link to its form, so it
/// works without JavaScript and on a static site.
fn chooser(page: &Page, cat: &Catalogue, w: &Words) -> Markup {
    html! {
        section.campaigns aria-labelledby="campaigns-heading" {
            (summary(page, w))
            h2 #campaigns-heading { (w.campaign_legend) }
            p.intro { (w.campaign_intro) }
            ul.campaigns {
                @for c in &cat.campaigns {
                    @if let Some(l) = c.in_ui(page.ui) {
                        li {
                            a.campaign href=(page.site.href(page.ui, Some(&c.id))) lang=(l.id) {
                                span.name { (l.title) }
                                span.uses { (l.about) }
                                (state(page, c, l, w))
                            }
                        }
                    }
                }
                @if !cat.starters.is_empty() {
                    @let e = page.ui.editor();
                    li {
                        a.campaign.own href=(page.site.href_own(page.ui)) {
                            span.name { (e.link) }
                            span.uses { (e.link_about) }
                        }
                    }
                }
            }
        }
    }
}

/// Whether the campaign's deadline is ahead, passed or none. A static page
/// is written once and read on any day: its script says which, in the
/// reader's own calendar.
fn state(page: &Page, c: &CampaignEntry, l: &LangEntry, w: &Words) -> Markup {
    let Some((deadline, date)) = c.deadline.zip(l.date.as_deref()) else {
        return html! { span.state { (w.state_none) } };
    };
    let before = w.state_ahead.replace("{date}", date);
    let after = w.state_passed.replace("{date}", date).replace("{act}", l.act_now.as_deref().unwrap_or(""));
    let now = if has_passed(deadline, page.today) { &after } else { &before };
    html! {
        span.state data-deadline=(deadline.to_string()) data-before=(before) data-after=(after) { (now) }
    }
}

/// The browser edition's rules for the browser: its own files only (and
/// WebAssembly), pictures it makes itself, no form sent anywhere.
const STATIC_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; \
                          connect-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' blob: data:; \
                          form-action 'none'; base-uri 'none'";

fn form(page: &Page, c: &CampaignEntry, cat: &Catalogue, w: &Words) -> Markup {
    let local = page.site == Site::Static;
    let own = c.in_ui(page.ui);
    html! {
        form #order method="post" action=[(!local).then_some("/download")] enctype="multipart/form-data" novalidate data-local=[local.then_some("1")] {
            @if let Some(l) = own {
                div.campaign-now lang=(l.id) {
                    p { strong { (l.title) } }
                    p.uses { (l.about) }
                }
            }
            @if cat.campaigns.len() > 1 {
                p { a href=(page.site.href(page.ui, None)) { (w.campaign_other) } }
            }
            p.intro { (w.intro) }
            (summary(page, w))
            input type="hidden" name="ui" value=(page.ui.id());
            input type="hidden" name="campaign" value=(c.id);
            // A first visit ticks the page's language (or the campaign's
            // first), every platform, and the A4 flyer.
            (choices(page, "lang", w.lang_legend, None, langs(page, c).enumerate().map(|(i, l)| (l.id.as_str(), l.name.as_str(), None, i == 0))))
            (choices(page, "platform", w.platform_legend, Some(w.platform_hint), c.platforms.iter().map(|(id, n)| (id.as_str(), n.as_str(), None, true))))
            (choices(page, "layout", w.layout_legend, None, cat.layouts.iter().map(|l| (l.id.as_str(), l.name(page.ui), l.uses(page.ui), l.id == "flyer-a4"))))
            @if let Some(l) = own.filter(|_| c.deadline.is_some()) {
                (editions(page, c, l, w))
            }
            (org(page, &langs(page, c).map(|l| (l.id.as_str(), l.name.as_str())).collect::<Vec<_>>(), cat, w))
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

/// The campaign's languages, the page's own first.
fn langs<'a>(page: &Page, c: &'a CampaignEntry) -> impl Iterator<Item = &'a LangEntry> {
    let ui = page.ui.id();
    let own = c.langs.iter().filter(move |l| l.id == ui);
    own.chain(c.langs.iter().filter(move |l| l.id != ui))
}

/// The editions of a campaign with a deadline, in its own words ("Maak nu
/// bezwaar").
fn editions(page: &Page, c: &CampaignEntry, l: &LangEntry, w: &Words) -> Markup {
    let (date, act) = (l.date.as_deref().unwrap_or(""), l.act_now.as_deref().unwrap_or(w.edition_after));
    let deadline = c.deadline.map(|d| d.to_string()).unwrap_or_default();
    let passed = c.deadline.is_some_and(|d| has_passed(d, page.today));
    let current = page.form.and_then(|f| f.get("edition")).unwrap_or("auto");
    let after = w.edition_auto_after.replace("{date}", date).replace("{act}", act);
    let before = w.edition_auto_before.replace("{date}", date);
    let auto_hint = if passed { after.clone() } else { before.clone() };
    let items = [
        ("auto", w.edition_auto, auto_hint),
        ("deadline", w.edition_deadline, w.edition_deadline_hint.replace("{date}", date)),
        ("after-deadline", act, w.edition_after_hint.to_string()),
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
                        // A static page's script says which edition today
                        // calls for, in the reader's own calendar.
                        @if i == 0 {
                            span.uses data-deadline=(deadline) data-before=(before) data-after=(after) { (hint) }
                        } @else {
                            span.uses { (hint) }
                        }
                    }
                }
            }
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
