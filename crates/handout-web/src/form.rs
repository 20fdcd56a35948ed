//! A form, read strictly: `application/x-www-form-urlencoded`
//! or `multipart/form-data`, every field named in [`FIELDS`], every text
//! field valid UTF-8 and short, files only where a file is expected.
//! What is wrong is refused with a message naming the field (400).

use std::sync::Arc;

/// The fields a form may have. `org_help_<lang>` is the help text for one
/// language; `org_help` for every language without its own.
pub const FIELDS: &[&str] = &[
    "ui",
    "campaign",
    "lang",
    "platform",
    "layout",
    "edition",
    "org_name",
    "org_help",
    "org_website",
    "org_logo",
    "page",
    // The editor of a handout of one's own: it is this form (`own`), and
    // which of its buttons was pressed (save the file, open one). Its own
    // fields are named by `is_own_field`.
    "own",
    "save",
    "open",
];

/// Fields that may repeat.
const REPEATED: &[&str] = &["lang", "platform", "layout"];

/// The longest text field, in bytes: longer than any text the checks
/// allow (they say how long it may be), short enough to cost nothing.
pub const MAX_TEXT: usize = 4096;

/// More fields than any form has (the editor's two routes of twelve
/// steps included).
const MAX_FIELDS: usize = 96;

/// The longest handout file the editor opens, in bytes: more than twelve
/// long steps in each route and every other field full.
pub const MAX_OWN_FILE: usize = 32 * 1024;

/// A form as sent.
#[derive(Debug, Default)]
pub struct Form {
    pub texts: Vec<(String, String)>,
    /// The uploaded logo: its file name (as sent) and bytes.
    pub logo: Option<(String, Arc<[u8]>)>,
}

impl Form {
    /// Every value of `name`.
    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.texts.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The value of `name`, if given and not blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.all(name).next().filter(|v| !v.trim().is_empty())
    }

    /// The logo, when it comes beside the form rather than in its body
    /// (the browser edition): a file chosen, or a field left empty.
    pub fn attach_logo(&mut self, name: Option<String>, bytes: Vec<u8>) -> Result<(), Refused> {
        if bytes.is_empty() && name.as_deref().is_none_or(str::is_empty) {
            return Ok(());
        }
        if bytes.len() > MAX_BODY {
            return Err(Refused::TooLarge);
        }
        self.logo = Some((name.unwrap_or_default(), Arc::from(bytes)));
        Ok(())
    }
}

/// Why a form was refused.
#[derive(Debug)]
pub enum Refused {
    /// 400, with the message.
    Bad(String),
    /// 413: the body is larger than the server takes.
    TooLarge,
}

impl Refused {
    /// What is wrong, in English: for the command line's kind of reader
    /// (a program sending the form, whoever looks at a log).
    pub fn message(&self) -> String {
        match self {
            Refused::Bad(m) => m.clone(),
            Refused::TooLarge => format!(
                "the form is larger than {} MB: a logo may be at most 5 MB; save it smaller, or use SVG",
                MAX_BODY / (1024 * 1024)
            ),
        }
    }

    /// The answer as an HTTP status says it.
    pub fn status(&self) -> u16 {
        match self {
            Refused::Bad(_) => 400,
            Refused::TooLarge => 413,
        }
    }
}

/// The largest request body taken: a 5 MB logo and the form around it.
pub const MAX_BODY: usize = 6 * 1024 * 1024;

/// Read a form sent with this `Content-Type`: urlencoded, or multipart
/// (with the logo as a file). The whole body is at hand: a server reads it
/// first, within [`MAX_BODY`].
pub fn parse(content_type: &str, body: &[u8]) -> Result<Form, Refused> {
    let kind = content_type.to_ascii_lowercase();
    if kind.starts_with("multipart/form-data") {
        let boundary =
            multer::parse_boundary(content_type).map_err(|e| Refused::Bad(format!("the form cannot be read: {e}")))?;
        read_multipart(&boundary, body)
    } else if kind.starts_with("application/x-www-form-urlencoded") || kind.is_empty() {
        from_urlencoded(body)
    } else {
        let shown: String = kind.chars().take(80).collect();
        Err(Refused::Bad(format!(
            "the form must be sent as application/x-www-form-urlencoded or multipart/form-data, not `{shown}`"
        )))
    }
}

fn read_multipart(boundary: &str, body: &[u8]) -> Result<Form, Refused> {
    let chunk: Result<multer::bytes::Bytes, std::convert::Infallible> = Ok(multer::bytes::Bytes::copy_from_slice(body));
    let limits = multer::SizeLimit::new().whole_stream(MAX_BODY as u64).per_field(MAX_BODY as u64);
    let constraints = multer::Constraints::new().size_limit(limits);
    let mut multipart =
        multer::Multipart::with_constraints(futures_util::stream::once(async { chunk }), boundary, constraints);
    let mut form = Form::default();
    let mut count = 0;
    while let Some(field) = now(multipart.next_field()).map_err(cannot_read)? {
        count += 1;
        let name = known(field.name().unwrap_or(""), count)?;
        let file_name = field.file_name().map(str::to_string);
        let bytes = now(field.bytes()).map_err(|e| Refused::Bad(format!("the field `{name}` cannot be read: {e}")))?;
        if name == "org_logo" {
            // A file input left empty still sends the field, without a name.
            if !bytes.is_empty() || file_name.as_deref().is_some_and(|n| !n.is_empty()) {
                form.logo = Some((file_name.unwrap_or_default(), Arc::from(bytes.as_ref())));
            }
            continue;
        }
        if name == "own_file" {
            if !bytes.is_empty() {
                form.texts.push((name.clone(), own_file_text(&bytes)?));
            }
            continue;
        }
        form.texts.push((name.clone(), text(&name, &bytes)?));
    }
    check_repeats(&form)?;
    Ok(form)
}

fn cannot_read(e: multer::Error) -> Refused {
    match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => Refused::TooLarge,
        e => Refused::Bad(format!("the form cannot be read: {e}")),
    }
}

/// The result of a future that has all it needs: the body is one chunk
/// already in memory, so reading it never waits.
fn now<T>(future: impl std::future::Future<Output = Result<T, multer::Error>>) -> Result<T, multer::Error> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(r) => r,
        // Cannot happen with a body in memory; refused rather than waited for.
        std::task::Poll::Pending => Err(multer::Error::IncompleteStream),
    }
}

/// Read an `application/x-www-form-urlencoded` body (also how the browser
/// edition hands over its fields; the logo comes beside it).
pub fn from_urlencoded(body: &[u8]) -> Result<Form, Refused> {
    let mut form = Form::default();
    for (i, pair) in body.split(|b| *b == b'&').filter(|p| !p.is_empty()).enumerate() {
        let (raw_name, raw_value) = match pair.iter().position(|b| *b == b'=') {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, &pair[..0]),
        };
        let name = text("(a field name)", &decode(raw_name))?;
        let name = known(&name, i + 1)?;
        if name == "org_logo" {
            return Err(Refused::Bad("`org_logo` is a file: send the form as multipart/form-data to upload it".into()));
        }
        let value = decode(raw_value);
        let value = if name == "own_file" { own_file_text(&value)? } else { text(&name, &value)? };
        form.texts.push((name.clone(), value));
    }
    check_repeats(&form)?;
    Ok(form)
}

/// Percent-decoding, with `+` for a space as forms send it.
fn decode(raw: &[u8]) -> Vec<u8> {
    let spaced: Vec<u8> = raw.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
    percent_encoding::percent_decode(&spaced).collect()
}

/// A field's name, if it is one the form has.
fn known(name: &str, count: usize) -> Result<String, Refused> {
    if count > MAX_FIELDS {
        return Err(Refused::Bad(format!("the form has more than {MAX_FIELDS} fields")));
    }
    if FIELDS.contains(&name) || is_help_field(name) || is_own_field(name) {
        return Ok(name.to_string());
    }
    let shown: String = name.chars().take(40).collect();
    Err(Refused::Bad(format!(
        "the form has no field `{}`; its fields are: {}",
        shown.escape_debug(),
        FIELDS.join(", ")
    )))
}

/// The most steps a route may have.
pub const MAX_STEPS: usize = 12;
/// The most routes (e.g. "In the app" and "On the computer").
pub const MAX_ROUTES: usize = 2;

/// The form's field names: `own_title`, `own_route_2_step_3`, ...
pub fn route_field(route: usize, what: &str) -> String {
    format!("own_route_{}_{what}", route + 1)
}

/// Whether `name` is one of the editor's fields.
pub fn is_own_field(name: &str) -> bool {
    const PLAIN: [&str; 13] = [
        "own_lang",
        "own_name",
        "own_kicker",
        "own_title",
        "own_intro",
        "own_deadline",
        "own_deadline_label",
        "own_deadline_note",
        "own_url",
        "own_qr_caption",
        "own_advice",
        "own_source",
        "own_file",
    ];
    if PLAIN.contains(&name) {
        return true;
    }
    let Some(rest) = name.strip_prefix("own_route_") else { return false };
    let Some((route, what)) = rest.split_once('_') else { return false };
    let number = |n: &str, max: usize| n.parse::<usize>().is_ok_and(|n| (1..=max).contains(&n));
    number(route, MAX_ROUTES) && (what == "title" || what.strip_prefix("step_").is_some_and(|s| number(s, MAX_STEPS)))
}

/// `org_help_<lang>`: a language id after the prefix.
pub fn is_help_field(name: &str) -> bool {
    name.strip_prefix("org_help_").is_some_and(handout_core::valid_id)
}

/// A handout file to open: UTF-8 text, at most [`MAX_OWN_FILE`] bytes.
fn own_file_text(bytes: &[u8]) -> Result<String, Refused> {
    if bytes.len() > MAX_OWN_FILE {
        return Err(Refused::Bad(format!(
            "the handout file is {} bytes long; a handout's file is at most {MAX_OWN_FILE}",
            bytes.len()
        )));
    }
    let s = std::str::from_utf8(bytes)
        .map_err(|_| Refused::Bad("the handout file is not UTF-8 text: open a file saved by this page".into()))?;
    if s.contains('\0') {
        return Err(Refused::Bad("the handout file contains a NUL character".into()));
    }
    Ok(s.replace("\r\n", "\n"))
}

/// A text field's value: UTF-8, without NUL, and not too long.
fn text(name: &str, bytes: &[u8]) -> Result<String, Refused> {
    if bytes.len() > MAX_TEXT {
        return Err(Refused::Bad(format!(
            "the field `{name}` is {} bytes long; at most {MAX_TEXT} are read",
            bytes.len()
        )));
    }
    let s = std::str::from_utf8(bytes).map_err(|e| {
        Refused::Bad(format!(
            "the field `{name}` is not UTF-8 text (invalid byte at offset {}); send the form as UTF-8",
            e.valid_up_to()
        ))
    })?;
    if s.contains('\0') {
        return Err(Refused::Bad(format!("the field `{name}` contains a NUL character")));
    }
    // Browsers send line breaks in a textarea as CR LF.
    Ok(s.replace("\r\n", "\n"))
}

fn check_repeats(form: &Form) -> Result<(), Refused> {
    let own = form.texts.iter().map(|(n, _)| n.as_str()).filter(|n| is_own_field(n));
    for name in FIELDS.iter().copied().filter(|n| !REPEATED.contains(n)).chain(own) {
        if form.all(name).count() > 1 {
            return Err(Refused::Bad(format!("the field `{name}` is given more than once")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &[u8]) -> Result<Form, String> {
        from_urlencoded(body).map_err(|e| match e {
            Refused::Bad(m) => m,
            Refused::TooLarge => "too large".into(),
        })
    }

    #[test]
    fn urlencoded_fields_are_decoded_and_repeats_kept() {
        let f = form(b"lang=nl&lang=en&org_name=Bieb+%C3%A9%C3%A9n&org_help_nl=a%0D%0Ab").unwrap();
        assert_eq!(f.all("lang").collect::<Vec<_>>(), ["nl", "en"]);
        assert_eq!(f.get("org_name"), Some("Bieb één"));
        assert_eq!(f.get("org_help_nl"), Some("a\nb"));
        assert_eq!(f.get("platform"), None);
    }

    #[test]
    fn bad_fields_are_refused_by_name() {
        assert!(form(b"org_name=%FF%FE").unwrap_err().contains("`org_name` is not UTF-8"));
        assert!(form(b"platfrom=facebook").unwrap_err().contains("no field `platfrom`"));
        assert!(form(b"org_name=a&org_name=b").unwrap_err().contains("more than once"));
        assert!(form(b"org_name=a%00b").unwrap_err().contains("NUL"));
        assert!(form(b"org_help_..%2F=x").unwrap_err().contains("no field"));
        let long = format!("org_name={}", "a".repeat(MAX_TEXT + 1));
        assert!(form(long.as_bytes()).unwrap_err().contains("at most 4096"));
        let many = "lang=nl&".repeat(MAX_FIELDS + 1);
        assert!(form(many.as_bytes()).unwrap_err().contains(&format!("more than {MAX_FIELDS} fields")));
    }

    #[test]
    fn the_editor_s_fields_are_known_and_given_once() {
        let f = form(b"own=1&own_title=T&own_route_2_step_12=x&own_route_1_title=App").unwrap();
        assert_eq!(f.get("own_route_2_step_12"), Some("x"));
        for bad in ["own_route_3_title=x", "own_route_1_step_13=x", "own_route_1_step_0=x", "own_titel=x"] {
            assert!(form(bad.as_bytes()).unwrap_err().contains("no field"), "{bad}");
        }
        assert!(form(b"own_title=a&own_title=b").unwrap_err().contains("more than once"));
        let file = format!("own_file={}", "a".repeat(MAX_OWN_FILE + 1));
        assert!(form(file.as_bytes()).unwrap_err().contains("handout file"));
        let fits = format!("own_file={}", "a".repeat(MAX_TEXT * 2));
        assert_eq!(form(fits.as_bytes()).unwrap().get("own_file").map(str::len), Some(MAX_TEXT * 2));
    }

    fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut body = Vec::new();
        for (name, file, bytes) in parts {
            body.extend_from_slice(b"--XyZ\r\n");
            let file = file.map(|f| format!("; filename=\"{f}\"")).unwrap_or_default();
            body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--XyZ--\r\n");
        body
    }

    #[test]
    fn multipart_forms_carry_the_logo_as_bytes() {
        let kind = "multipart/form-data; boundary=XyZ";
        let body = multipart(&[
            ("lang", None, b"nl"),
            ("org_name", None, "Bieb \u{e9}\u{e9}n".as_bytes()),
            ("org_logo", Some("C:\\logo.png"), b"\x89PNG..."),
        ]);
        let f = parse(kind, &body).unwrap();
        assert_eq!(f.get("org_name"), Some("Bieb \u{e9}\u{e9}n"));
        let (name, bytes) = f.logo.as_ref().unwrap();
        assert_eq!((name.as_str(), bytes.as_ref()), ("C:\\logo.png", b"\x89PNG...".as_slice()));
        let empty_file = multipart(&[("org_logo", Some(""), b"")]);
        assert!(parse(kind, &empty_file).unwrap().logo.is_none(), "a file field left empty is no logo");
        let refused = |body: &[u8]| match parse(kind, body) {
            Err(Refused::Bad(m)) => m,
            other => panic!("{other:?}"),
        };
        assert!(refused(&multipart(&[("platfrom", None, b"x")])).contains("no field `platfrom`"));
        assert!(refused(&multipart(&[("org_name", None, b"\xff")])).contains("not UTF-8"));
        assert!(refused(b"--XyZ\r\nnot a header\r\n").contains("cannot be read"));
        assert!(matches!(parse("text/plain", b"x"), Err(Refused::Bad(_))));
    }
}
