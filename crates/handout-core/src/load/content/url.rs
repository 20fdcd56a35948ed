//! Form URLs go into QR codes people trust: https only, on the campaign's
//! allow-list, no credentials, not absurdly long.

use crate::diag::{Kind, LinkIssue, Problem};

/// The longest form URL we accept; a QR code for more gets too dense to scan.
pub const MAX_URL_LEN: usize = 200;

/// Link shorteners and the redirect hosts of QR-code services: hosts that
/// only pass a visitor on to another address, whatever the campaign. A
/// campaign adds its platforms' own link shims (which sit on allowed
/// domains) in `redirect_hosts`. A QR code must open the page itself, not
/// a hop to somewhere that can be changed after printing.
const SHORTENERS: [&str; 24] = [
    "t.co",
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "goo.gl",
    "ow.ly",
    "buff.ly",
    "is.gd",
    "v.gd",
    "rb.gy",
    "cutt.ly",
    "tiny.cc",
    "t.ly",
    "shorturl.at",
    "s.id",
    "rebrand.ly",
    "bl.ink",
    "lnkd.in",
    "qrco.de",
    "qr.codes",
    "l.ead.me",
    "linktr.ee",
    "surl.li",
    "tiny.one",
];

/// Where a campaign's QR codes may point.
#[derive(Clone, Debug, Default)]
pub struct HostRules {
    /// The hosts QR codes may point to (and their subdomains).
    pub allowed: Vec<String>,
    /// Hosts that only redirect, on top of the common link shorteners.
    pub redirectors: Vec<String>,
}

impl HostRules {
    fn redirects(&self, host: &str) -> bool {
        SHORTENERS.contains(&host) || self.redirectors.iter().any(|r| r == host)
    }
}

/// Check a form URL against a campaign's rules; `None` when the campaign
/// could not be read (then only what holds for every campaign is checked).
pub fn check_form_url(text: &str, rules: Option<&HostRules>) -> Result<(), Problem> {
    if text.len() > MAX_URL_LEN {
        return Err(Problem::error(format!("the form URL is {} characters long", text.len()))
            .kind(Kind::Link(LinkIssue::TooLong))
            .label(format!("at most {MAX_URL_LEN} characters fit a QR code that scans reliably from paper")));
    }
    if text.trim() != text || text.contains(char::is_whitespace) {
        return Err(Problem::error("the form URL contains spaces")
            .kind(Kind::Link(LinkIssue::Spaces))
            .label("remove the spaces"));
    }
    let url = url::Url::parse(text).map_err(|e| {
        Problem::error(format!("the form URL is not a valid URL: {e}"))
            .kind(Kind::Link(LinkIssue::Invalid))
            .label("expected https://...")
    })?;
    if url.scheme() != "https" {
        return Err(Problem::error(format!("the form URL uses `{}`, not https", url.scheme()))
            .kind(Kind::Link(LinkIssue::NotHttps))
            .label("expected an https:// address")
            .help("a QR code must open a secure page"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Problem::error("the form URL contains a user name or password")
            .kind(Kind::Link(LinkIssue::Credentials))
            .label("remove the part before @")
            .help("a URL with credentials can disguise where it really goes"));
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let none = HostRules::default();
    check_not_a_redirect(&url, &host, rules.unwrap_or(&none))?;
    let Some(hosts) = rules.map(|r| &r.allowed) else { return Ok(()) };
    if !hosts.iter().any(|h| host == *h || host.ends_with(&format!(".{h}"))) {
        return Err(Problem::error(format!("the form URL's host `{host}` is not on the campaign's allow-list")).kind(Kind::Link(LinkIssue::HostNotAllowed))
            .label("host not allowed")
            .help(format!(
                "the QR code may only open {}; if this host is right, add it to allowed_hosts in the campaign's campaign.toml",
                hosts.join(", ")
            )));
    }
    Ok(())
}

/// Refuse redirect hosts, and any query value that is itself an address
/// (`...?u=https://elsewhere`, `?next=//elsewhere`): the page behind it
/// could send the visitor on, off the allowed sites.
fn check_not_a_redirect(url: &url::Url, host: &str, rules: &HostRules) -> Result<(), Problem> {
    if rules.redirects(host) {
        return Err(Problem::error(format!("the form URL goes through `{host}`, which only redirects")).kind(Kind::Link(LinkIssue::Redirects))
            .label("a redirecting address")
            .help("a QR code must lead straight to the form, never through a link that sends people elsewhere: use the form's own address"));
    }
    for (key, value) in url.query_pairs() {
        let v = value.trim().to_ascii_lowercase();
        if v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//") || v.starts_with("www.") {
            return Err(Problem::error(format!("the form URL carries another address in its query (`{key}={value}`)")).kind(Kind::Link(LinkIssue::AddressInQuery))
                .label("an address inside the address")
                .help("a page given another address may send people on to it, off the allowed sites: remove that part of the query"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> HostRules {
        HostRules {
            allowed: vec!["facebook.com".into(), "instagram.com".into()],
            redirectors: vec!["l.facebook.com".into(), "lm.facebook.com".into(), "l.instagram.com".into()],
        }
    }

    #[test]
    fn form_urls_are_checked() {
        let ok = [
            "https://www.facebook.com/help/contact/712876720715583",
            "https://help.instagram.com/contact/767264225370182",
        ];
        for u in ok {
            assert!(check_form_url(u, Some(&hosts())).is_ok(), "{u}");
        }
        let bad = [
            "http://www.facebook.com/help",
            "https://facebook.com.evil.example/help",
            "https://evilfacebook.com/",
            "https://user:pw@www.facebook.com/",
            "https://www.facebook.com/ help",
            "facebook.com/help",
        ];
        for u in bad {
            assert!(check_form_url(u, Some(&hosts())).is_err(), "{u}");
        }
        let long = format!("https://www.facebook.com/{}", "a".repeat(300));
        assert!(check_form_url(&long, Some(&hosts())).is_err());
    }

    /// What a stranger may type in the page's editor, each refusal with
    /// the kind the page words it by.
    #[test]
    fn every_refused_link_says_what_kind_it_is() {
        use crate::diag::{Kind, LinkIssue};
        let any = HostRules { allowed: vec!["example.org".into(), "bit.ly".into()], redirectors: vec![] };
        let cases = [
            ("http://www.example.org/form", LinkIssue::NotHttps),
            ("javascript:alert(1)", LinkIssue::NotHttps),
            ("data:text/html,hi", LinkIssue::NotHttps),
            ("file:///etc/passwd", LinkIssue::NotHttps),
            ("https://me:secret@www.example.org/", LinkIssue::Credentials),
            ("https://bit.ly/3abcd", LinkIssue::Redirects),
            ("https://www.example.org/go?to=https://evil.example/", LinkIssue::AddressInQuery),
            ("https://www.example.org/a b", LinkIssue::Spaces),
            ("www.example.org/form", LinkIssue::Invalid),
            ("https://evil.example/", LinkIssue::HostNotAllowed),
        ];
        for (url, issue) in cases {
            let p = check_form_url(url, Some(&any)).expect_err(url);
            assert_eq!(p.kind, Kind::Link(issue), "{url}");
        }
        let long = format!("https://www.example.org/{}", "a".repeat(MAX_URL_LEN));
        assert_eq!(check_form_url(&long, Some(&any)).unwrap_err().kind, Kind::Link(LinkIssue::TooLong));
        assert!(check_form_url("https://www.example.org/digid?lang=nl", Some(&any)).is_ok());
    }

    #[test]
    fn redirects_are_refused_even_on_allowed_hosts() {
        let redirects = [
            "https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2F",
            "https://lm.facebook.com/help",
            "https://l.instagram.com/?u=x",
            "https://www.facebook.com/l.php?u=https://evil.example/&h=x",
            "https://www.facebook.com/help?next=%2F%2Fevil.example",
            "https://help.instagram.com/contact/1?redirect=HTTP://evil.example",
        ];
        for u in redirects {
            let e = check_form_url(u, Some(&hosts())).expect_err(u);
            assert!(e.message.contains("redirects") || e.message.contains("another address"), "{u}: {}", e.message);
        }
        // A query with ordinary values is fine.
        assert!(check_form_url("https://www.facebook.com/help/contact/1?ref=handout&lang=nl", Some(&hosts())).is_ok());
    }
}
