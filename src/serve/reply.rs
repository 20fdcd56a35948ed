//! The handlers: each reads the form, hands it to the page's one way of
//! answering (`handout_web::answer`) off the async threads (a bounded
//! number at once), and says the answer the way the asker reads: the page
//! for a browser's form, JSON for the page's script, plain text for
//! everyone else.

use super::{AppState, MAX_BODY};
use crate::cores::OnEveryCore;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use handout_core::{Date, Embedded};
use handout_web::answer::{self, Answer, Delivery, Preview, Want};
use handout_web::complaint::{self, Complaint};
use handout_web::form::{self, Form, Refused};
use handout_web::page::{self, Page, Site};
use handout_web::studio::Studio;
use handout_web::words::Ui;
use std::sync::Arc;

/// How the asker reads answers.
#[derive(Clone, Copy, PartialEq)]
enum Asker {
    /// A browser submitting the page's form: answer with the page.
    Page,
    /// The page's script: JSON.
    Json,
    /// Anyone else (curl, a library's website): plain text.
    Text,
}

impl Asker {
    fn of(headers: &HeaderMap) -> Asker {
        let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
        if accept.contains("application/json") {
            Asker::Json
        } else if accept.contains("text/html") {
            Asker::Page
        } else {
            Asker::Text
        }
    }
}

#[derive(serde::Deserialize)]
pub(super) struct HomeQuery {
    ui: Option<String>,
    campaign: Option<String>,
    /// The editor of a handout of one's own (`?own=1`).
    own: Option<String>,
}

/// `GET /`: the page, as on a first visit: the choice of campaign, or
/// (`?campaign=<id>`) that campaign's form.
pub(super) async fn home(State(st): State<AppState>, Query(q): Query<HomeQuery>) -> Response {
    let ui = Ui::from_id(q.ui.as_deref().unwrap_or("nl"));
    let campaign = q.campaign.as_deref();
    let own = q.own.is_some();
    let page = Page {
        site: Site::Server,
        ui,
        campaign,
        own,
        form: None,
        complaints: Vec::new(),
        preview: None,
        today: today(),
    };
    html(StatusCode::OK, page::render(&page, &st.studio.catalogue))
}

/// `POST /`: the page again, with every page of the first document (the
/// page's "show preview" button without JavaScript).
pub(super) async fn preview_page(State(st): State<AppState>, req: Request) -> Response {
    reply(st, req, Want::Pages).await
}

/// `POST /pdf`: one document as PDF.
pub(super) async fn pdf(State(st): State<AppState>, req: Request) -> Response {
    reply(st, req, Want::File(Delivery::Pdf)).await
}

/// `POST /zip`: every chosen document, in a ZIP.
pub(super) async fn zip(State(st): State<AppState>, req: Request) -> Response {
    reply(st, req, Want::File(Delivery::Zip)).await
}

/// `POST /download`: the page's button: one document as its file, more as a ZIP.
pub(super) async fn download(State(st): State<AppState>, req: Request) -> Response {
    reply(st, req, Want::File(Delivery::Either)).await
}

/// `POST /preview`: page `page` (from 1) of the first document, as PNG;
/// `X-Pages` says how many pages it has, `X-Caption` which document it is.
pub(super) async fn preview(State(st): State<AppState>, req: Request) -> Response {
    reply(st, req, Want::Page).await
}

/// Read the request's form, answer it on a blocking thread, and say the
/// answer as the asker reads it.
async fn reply(st: AppState, req: Request, want: Want) -> Response {
    let asker = Asker::of(req.headers());
    let today = today();
    let form = match read_form(req).await {
        Ok(f) => Arc::new(f),
        Err(r) => return said(&st, asker, None, today, Answer::Refused(r)),
    };
    let theirs = Arc::clone(&form);
    match blocking(&st, move |s| answer::answer(s, &theirs, want, today, &OnEveryCore)).await {
        Err(r) => r,
        Ok(Answer::File(f)) => attachment(f.mime, &f.name, f.bytes),
        Ok(Answer::Preview(p)) if want == Want::Page => png(p),
        Ok(Answer::Opened(fields)) => opened(&st, asker, &form, today, fields),
        Ok(a) => said(&st, asker, Some(&form), today, a),
    }
}

/// A handout file opened: the editor again with its fields filled in (the
/// rest of the form as sent), or the fields as JSON for the page's script.
fn opened(st: &AppState, asker: Asker, sent: &Form, today: Date, fields: Vec<(String, String)>) -> Response {
    if asker == Asker::Json {
        return json_body(StatusCode::OK, handout_web::own::fields_json(&fields));
    }
    let form = handout_web::own::with_fields(sent, fields);
    let ui = Ui::from_form(&form);
    let page = Page {
        site: Site::Server,
        ui,
        campaign: None,
        own: true,
        form: Some(&form),
        complaints: Vec::new(),
        preview: None,
        today,
    };
    html(StatusCode::OK, page::render(&page, &st.studio.catalogue))
}

/// The request's form: its whole body (the limits keep it to
/// [`MAX_BODY`]), read by the page's own form reader, with `?page=2` and
/// `?ui=en` from the address when the form does not say them.
async fn read_form(req: Request) -> Result<Form, Refused> {
    let query = query_fields(req.uri().query().unwrap_or(""));
    let kind = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let body = axum::body::to_bytes(req.into_body(), MAX_BODY).await.map_err(|_| Refused::TooLarge)?;
    let mut form = form::parse(&kind, &body)?;
    for (name, value) in query {
        if form.get(&name).is_none() {
            form.texts.push((name, value));
        }
    }
    Ok(form)
}

/// `page` and `ui` from a query string (anything else there is ignored).
fn query_fields(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k == "page" || k == "ui")
        .map(|(k, v)| (k.into_owned(), v.chars().take(8).collect()))
        .collect()
}

/// One page of a preview, as PNG.
fn png(p: Preview) -> Response {
    let encoded = percent_encoding::utf8_percent_encode(&p.caption, percent_encoding::NON_ALPHANUMERIC).to_string();
    let mut r = (StatusCode::OK, p.pngs.into_iter().next().unwrap_or_default()).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert("x-pages", HeaderValue::from(p.pages));
    if let Ok(v) = HeaderValue::from_str(&encoded) {
        h.insert("x-caption", v);
    }
    r
}

/// The page with the preview or with what must change; the complaints as
/// JSON or text for a script or a program.
fn said(st: &AppState, asker: Asker, form: Option<&Form>, today: Date, a: Answer) -> Response {
    let ui = form.map_or(Ui::Nl, Ui::from_form);
    let status = StatusCode::from_u16(a.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let complaints = a.complaints(ui);
    let preview = match &a {
        Answer::Preview(p) => Some(p),
        _ => None,
    };
    match asker {
        _ if preview.is_some() || asker == Asker::Page => {
            let campaign = form.and_then(|f| f.get("campaign"));
            let own = form.is_some_and(|f| f.get("own").is_some());
            let page = Page { site: Site::Server, ui, campaign, own, form, complaints, preview, today };
            html(status, page::render(&page, &st.studio.catalogue))
        }
        Asker::Json => json(status, &complaints),
        _ => text(status, &complaint::to_text(&complaints)),
    }
}

/// Run `f` on a blocking thread, once a build slot is free. A panic in
/// it is answered 500; the server goes on.
async fn blocking<T: Send + 'static>(
    st: &AppState,
    f: impl FnOnce(&Studio) -> T + Send + 'static,
) -> Result<T, Response> {
    let permit = Arc::clone(&st.builds).acquire_owned().await.map_err(|_| busy())?;
    let studio = Arc::clone(&st.studio);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f(&studio)
    })
    .await
    .map_err(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "handout failed while making this; please report it"))
}

fn busy() -> Response {
    text(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping; try again in a moment")
}

fn json(status: StatusCode, complaints: &[Complaint]) -> Response {
    json_body(status, complaint::to_json(complaints))
}

fn json_body(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn text(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{message}\n")).into_response()
}

fn html(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn attachment(kind: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let mut r = (StatusCode::OK, [(header::CONTENT_TYPE, kind)], bytes).into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// Today, as the command line takes it (`SOURCE_DATE_EPOCH` first).
fn today() -> Date {
    crate::clock::today().unwrap_or_else(|_| Date::from_unix_days(0))
}

/// `GET /assets/<name>`: the page's style, script and fonts, built in.
pub(super) async fn asset(Path(name): Path<String>) -> Response {
    let font = |name: &str| Embedded::font(name).unwrap_or_default();
    let (kind, bytes): (&str, &'static [u8]) = match name.as_str() {
        "style.css" => ("text/css; charset=utf-8", handout_web::STYLE_CSS.as_bytes()),
        "preview.js" => ("text/javascript; charset=utf-8", handout_web::PREVIEW_JS.as_bytes()),
        "atkinson-regular.ttf" => ("font/ttf", font("AtkinsonHyperlegible-Regular.ttf")),
        "atkinson-bold.ttf" => ("font/ttf", font("AtkinsonHyperlegible-Bold.ttf")),
        _ => return not_found().await,
    };
    let mut r = (StatusCode::OK, [(header::CONTENT_TYPE, kind)], Body::from(bytes)).into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}

/// The answer when handling a request panicked (a bug).
pub(super) fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    text(StatusCode::INTERNAL_SERVER_ERROR, "handout failed while answering this; please report it")
}

pub(super) async fn not_found() -> Response {
    text(StatusCode::NOT_FOUND, "there is nothing here: the page is at /")
}

/// Around every request: only `localhost` when bound to it; words for the
/// limits' bare answers; headers that keep the page to itself.
pub(super) async fn guard(State(st): State<AppState>, req: Request, next: Next) -> Response {
    if st.local_only && !local_host(req.headers()) {
        return secure(text(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only to localhost: open http://localhost:<port>/ on this computer",
        ));
    }
    let r = next.run(req).await;
    let r = match r.status() {
        StatusCode::PAYLOAD_TOO_LARGE => text(StatusCode::PAYLOAD_TOO_LARGE, &Refused::TooLarge.message()),
        StatusCode::SERVICE_UNAVAILABLE if r.headers().get(header::CONTENT_TYPE).is_none() => text(
            StatusCode::SERVICE_UNAVAILABLE,
            "making this took too long, or the server is very busy; try again, or choose fewer documents",
        ),
        _ => r,
    };
    secure(r)
}

/// The Host header names this computer (or there is none: not a browser).
fn local_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return true };
    let name = if host.starts_with('[') {
        host.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h).to_string()
    };
    let name = name.to_ascii_lowercase();
    name == "localhost" || name == "[::1]" || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// No outside sources, no framing, no sniffing, no referrer, no caching
/// of what someone typed.
fn secure(mut r: Response) -> Response {
    let h = r.headers_mut();
    let csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data: blob:; \
               font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    r
}
