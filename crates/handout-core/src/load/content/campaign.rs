//! `campaigns/<id>/campaign.toml`: what every language of a campaign
//! shares: its deadline (if it has one) and where its QR codes may point.

use super::super::{At, Checker, parse_toml};
use super::url::HostRules;
use crate::date::Date;
use crate::diag::{Loc, Problem, Problems, Source};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCampaign {
    pub(super) deadline: Option<At<toml::value::Datetime>>,
    pub(super) allowed_hosts: At<Vec<At<String>>>,
    #[serde(default)]
    pub(super) redirect_hosts: Vec<At<String>>,
}

/// One campaign: a folder under campaigns/, its languages in folders of
/// their own.
#[derive(Debug)]
pub struct Campaign {
    /// The folder name under campaigns/, e.g. `meta-ai`.
    pub id: String,
    /// The campaign file, for messages.
    pub source: Arc<Source>,
    /// The day from which the after-deadline edition is printed; `None`
    /// for a campaign without one (its handouts have no deadline callout).
    pub deadline: Option<Deadline>,
    /// Where its QR codes may point, and the hosts that only redirect.
    pub hosts: HostRules,
}

/// A campaign's deadline, where it is written.
#[derive(Clone, Debug)]
pub struct Deadline {
    /// The day itself.
    pub date: Date,
    /// Where it is written.
    pub loc: Loc,
}

/// Parse and check a campaign's own file.
pub fn load_campaign(id: String, source: Arc<Source>, problems: &mut Problems) -> Option<Campaign> {
    let raw: RawCampaign = parse_toml(&source, problems)?;
    check_campaign(id, source, raw, problems)
}

/// Check what a campaign's file holds (its own, or a campaign in one file).
pub(super) fn check_campaign(
    id: String,
    source: Arc<Source>,
    raw: RawCampaign,
    problems: &mut Problems,
) -> Option<Campaign> {
    let mut cx = Checker::new(problems);
    let deadline = raw.deadline.as_ref().and_then(|d| deadline(&mut cx, d));
    let allowed = hosts(&mut cx, raw.allowed_hosts.get());
    if raw.allowed_hosts.is_empty() {
        cx.report(
            Problem::error("allowed_hosts is empty, so no form URL can be accepted")
                .at(raw.allowed_hosts.loc().clone())
                .help("list the hosts the QR codes may point to, e.g. [\"example.org\"]"),
        );
    }
    let redirectors = hosts(&mut cx, &raw.redirect_hosts);
    // A deadline that could not be read was reported: nothing is made.
    cx.finish(|| Campaign { id, source, deadline, hosts: HostRules { allowed, redirectors } })
}

fn deadline(cx: &mut Checker, raw: &At<toml::value::Datetime>) -> Option<Deadline> {
    match raw.get() {
        toml::value::Datetime { date: Some(d), time: None, offset: None } => {
            Some(Deadline { date: Date { year: d.year, month: d.month, day: d.day }, loc: raw.loc().clone() })
        }
        _ => {
            cx.report(
                Problem::error("the deadline must be a date without a time")
                    .at(raw.loc().clone())
                    .label("expected a date like 2025-05-27")
                    .help(
                        "write it without quotes: deadline = 2025-05-27; a campaign without a deadline leaves it out",
                    ),
            );
            None
        }
    }
}

/// Bare host names, lowercased; anything else is reported.
fn hosts(cx: &mut Checker, raw: &[At<String>]) -> Vec<String> {
    let mut out = Vec::new();
    for host in raw {
        let h = host.trim().to_ascii_lowercase();
        if h.is_empty() || h.contains(['/', ':', '@', ' ']) || !h.contains('.') {
            cx.report(
                Problem::error(format!("`{}` is not a host name", host.get()))
                    .at(host.loc().clone())
                    .label("expected a host like example.org")
                    .help("list bare host names; their subdomains count too"),
            );
        } else {
            out.push(h);
        }
    }
    out
}
