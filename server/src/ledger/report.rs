//! `vigil report`: merges ledgers (a team's) and turns their events into a posture report, as
//! text, JSON or one self-contained offline HTML file with inline SVG charts.
//!
//! Definitions (also in `docs/ledger.md`):
//! - *fix rate*: of the findings somebody acted on, the share fixed (quick fix) or resolved
//!   (removed by an edit) rather than ignored: `(fixed + resolved) / (fixed + resolved +
//!   ignored)`.
//! - *time to fix*: from a finding's `introduced` event to the first later `fixed` or
//!   `resolved` event with the same file and fingerprint; the report gives the median.
//! - *recurrence*: an `introduced` event of a rule by a developer who had already fixed or
//!   resolved a finding of that rule.
//! - *origin shares*: among `introduced` events, the share from pasted and ai-likely code.

use super::{Event, EventKind, NO_REASON};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Which events a report covers.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub since: Option<OffsetDateTime>,
    /// Matches the developer's email (or name when there is no email), case-insensitively.
    pub developer: Option<String>,
}

/// Parses `--since`: `YYYY-MM-DD` (midnight UTC) or RFC 3339.
pub fn parse_since(text: &str) -> Result<OffsetDateTime, String> {
    let text = text.trim();
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_string()
    };
    OffsetDateTime::parse(&full, &Rfc3339)
        .map_err(|e| format!("--since `{text}`: expected YYYY-MM-DD or RFC 3339 ({e})"))
}

/// The numbers of one developer, or of everybody.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub introduced: usize,
    pub fixed: usize,
    pub ignored: usize,
    pub resolved: usize,
    pub reviewed: usize,
    /// `(fixed + resolved) / (fixed + resolved + ignored)`; `None` when nothing was acted on.
    pub fix_rate: Option<f64>,
    pub median_time_to_fix_seconds: Option<f64>,
    /// Rules by number of `introduced` events, most first (at most 10).
    pub top_rules: Vec<Count>,
    /// Categories by number of `introduced` events, most first.
    pub top_categories: Vec<Count>,
    pub recurrences: usize,
    /// `introduced` events by origin (`typed`, `pasted`, `ai-likely`).
    pub by_origin: BTreeMap<String, usize>,
    pub pasted_share: Option<f64>,
    pub ai_likely_share: Option<f64>,
    pub ignores_without_reason: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub name: String,
    pub count: usize,
}

/// One day of the trend.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: String,
    pub introduced: usize,
    pub fixed: usize,
    pub ignored: usize,
    pub resolved: usize,
}

/// The whole report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub ledgers: Vec<String>,
    pub events: usize,
    /// Lines skipped while reading (torn tails and lines that are not v1 events).
    pub skipped_lines: usize,
    pub since: Option<String>,
    pub developer: Option<String>,
    pub overall: Metrics,
    pub developers: BTreeMap<String, Metrics>,
    pub trend: Vec<Day>,
}

/// Reads every ledger and builds the report. A ledger that does not exist is an error (the
/// user named it); one that cannot be fully parsed contributes what it can.
pub fn build_from_files(paths: &[PathBuf], filter: &Filter) -> anyhow::Result<Report> {
    let mut events = Vec::new();
    let mut skipped = 0;
    for path in paths {
        let read = super::read(path)
            .map_err(|e| anyhow::anyhow!("reading ledger {}: {e}", path.display()))?;
        skipped += read.invalid_lines + usize::from(read.torn_tail);
        events.extend(read.events);
    }
    let mut report = build(events, filter);
    report.ledgers = paths.iter().map(|p| p.display().to_string()).collect();
    report.skipped_lines = skipped;
    Ok(report)
}

/// Writes the HTML report of the ledger at `ledger` to `vigil-report.html` in the same folder
/// (the editor command): the only path the server writes besides the ledger, and never one a
/// client names. A ledger that does not exist yet gives an empty report.
pub fn write_html_beside(ledger: &std::path::Path) -> anyhow::Result<PathBuf> {
    let events = match super::read(ledger) {
        Ok(read) => read.events,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(err) => anyhow::bail!("reading {}: {err}", ledger.display()),
    };
    let mut report = build(events, &Filter::default());
    report.ledgers = vec![ledger.display().to_string()];
    let folder = ledger
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| std::path::Path::new("."));
    std::fs::create_dir_all(folder)
        .map_err(|e| anyhow::anyhow!("creating {}: {e}", folder.display()))?;
    let path = folder.join("vigil-report.html");
    std::fs::write(&path, render_html(&report))
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?;
    Ok(path)
}

struct Timed {
    at: OffsetDateTime,
    event: Event,
}

/// Builds the report from events (in any order; duplicates across ledgers are merged by
/// session, timestamp, kind and fingerprint).
pub fn build(events: Vec<Event>, filter: &Filter) -> Report {
    let mut seen = HashSet::new();
    let mut timed: Vec<Timed> = events
        .into_iter()
        .filter_map(|event| {
            let at = OffsetDateTime::parse(&event.ts, &Rfc3339).ok()?;
            Some(Timed { at, event })
        })
        .filter(|t| filter.since.is_none_or(|since| t.at >= since))
        .filter(|t| {
            filter.developer.as_ref().is_none_or(|wanted| {
                t.event.developer.email.eq_ignore_ascii_case(wanted)
                    || t.event.developer.key().eq_ignore_ascii_case(wanted)
            })
        })
        .filter(|t| {
            seen.insert((
                t.event.session.clone(),
                t.event.ts.clone(),
                t.event.event,
                t.event.fingerprint.clone(),
                t.event.file.clone(),
            ))
        })
        .collect();
    timed.sort_by_key(|t| t.at);

    let overall = metrics(timed.iter());
    let mut developers = BTreeMap::new();
    let keys: HashSet<String> = timed.iter().map(|t| t.event.developer.key()).collect();
    for key in keys {
        let mine = metrics(timed.iter().filter(|t| t.event.developer.key() == key));
        developers.insert(key, mine);
    }
    let mut days: BTreeMap<String, Day> = BTreeMap::new();
    let mut ignored_once: HashSet<(String, String)> = HashSet::new();
    for t in &timed {
        if t.event.event == EventKind::Ignored
            && !ignored_once.insert((t.event.file.clone(), t.event.fingerprint.clone()))
        {
            continue;
        }
        let date = t.at.date().to_string();
        let day = days.entry(date.clone()).or_insert_with(|| Day {
            date,
            ..Day::default()
        });
        match t.event.event {
            EventKind::Introduced => day.introduced += 1,
            EventKind::Fixed => day.fixed += 1,
            EventKind::Ignored => day.ignored += 1,
            EventKind::Resolved => day.resolved += 1,
            EventKind::Reviewed => {}
        }
    }
    Report {
        ledgers: Vec::new(),
        events: timed.len(),
        skipped_lines: 0,
        since: filter.since.and_then(|s| s.format(&Rfc3339).ok()),
        developer: filter.developer.clone(),
        overall,
        developers,
        trend: days.into_values().collect(),
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn ranked(counts: HashMap<String, usize>, limit: usize) -> Vec<Count> {
    let mut list: Vec<Count> = counts
        .into_iter()
        .map(|(name, count)| Count { name, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    list.truncate(limit);
    list
}

/// Metrics over events sorted by time.
fn metrics<'a>(events: impl Iterator<Item = &'a Timed>) -> Metrics {
    let mut m = Metrics::default();
    let mut rules = HashMap::new();
    let mut categories = HashMap::new();
    let mut open: HashMap<(String, String), OffsetDateTime> = HashMap::new();
    let mut durations = Vec::new();
    let mut fixed_rules: HashSet<(String, String)> = HashSet::new();
    let mut ignored: HashMap<(String, String), bool> = HashMap::new();
    for t in events {
        let e = &t.event;
        let key = (e.file.clone(), e.fingerprint.clone());
        let who = e.developer.key();
        match e.event {
            EventKind::Introduced => {
                m.introduced += 1;
                *rules.entry(e.rule.clone()).or_insert(0) += 1;
                let category = if e.category.is_empty() {
                    "uncategorised".to_string()
                } else {
                    e.category.clone()
                };
                *categories.entry(category).or_insert(0) += 1;
                *m.by_origin.entry(e.origin.clone()).or_insert(0) += 1;
                open.entry(key).or_insert(t.at);
                if fixed_rules.contains(&(who, e.rule.clone())) {
                    m.recurrences += 1;
                }
            }
            EventKind::Fixed | EventKind::Resolved => {
                if e.event == EventKind::Fixed {
                    m.fixed += 1;
                } else {
                    m.resolved += 1;
                }
                if let Some(start) = open.remove(&key) {
                    durations.push((t.at - start).as_seconds_f64().max(0.0));
                }
                fixed_rules.insert((who, e.rule.clone()));
            }
            EventKind::Ignored => {
                let without_reason = e
                    .reason
                    .as_deref()
                    .is_none_or(|r| r.trim().is_empty() || r == NO_REASON);
                // A later `ignored` of the same finding carries the reason typed over the
                // action's placeholder: it replaces the earlier one instead of counting twice.
                match ignored.insert(key.clone(), without_reason) {
                    Some(was_without) => {
                        if was_without {
                            m.ignores_without_reason -= 1;
                        }
                    }
                    None => m.ignored += 1,
                }
                if without_reason {
                    m.ignores_without_reason += 1;
                }
                open.remove(&key);
            }
            EventKind::Reviewed => m.reviewed += 1,
        }
    }
    m.fix_rate = ratio(m.fixed + m.resolved, m.fixed + m.resolved + m.ignored);
    durations.sort_by(f64::total_cmp);
    m.median_time_to_fix_seconds = match durations.len() {
        0 => None,
        n if n % 2 == 1 => Some(durations[n / 2]),
        n => Some((durations[n / 2 - 1] + durations[n / 2]) / 2.0),
    };
    m.top_rules = ranked(rules, 10);
    m.top_categories = ranked(categories, 10);
    m.pasted_share = ratio(
        m.by_origin.get("pasted").copied().unwrap_or(0),
        m.introduced,
    );
    m.ai_likely_share = ratio(
        m.by_origin.get("ai-likely").copied().unwrap_or(0),
        m.introduced,
    );
    m
}

fn percent(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// A duration in words: `45s`, `12m`, `3.5h`, `2.0d`.
pub fn human_duration(seconds: Option<f64>) -> String {
    match seconds {
        None => "–".to_string(),
        Some(s) if s < 90.0 => format!("{s:.0}s"),
        Some(s) if s < 5400.0 => format!("{:.0}m", s / 60.0),
        Some(s) if s < 172_800.0 => format!("{:.1}h", s / 3600.0),
        Some(s) => format!("{:.1}d", s / 86400.0),
    }
}

/// The report as JSON.
pub fn render_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".to_string()) + "\n"
}

fn text_metrics(out: &mut String, m: &Metrics, indent: &str) {
    out.push_str(&format!(
        "{indent}introduced {}  fixed {}  ignored {}  resolved {}  reviewed {}\n",
        m.introduced, m.fixed, m.ignored, m.resolved, m.reviewed
    ));
    out.push_str(&format!(
        "{indent}fix rate {}  median time to fix {}  recurrences {}  ignores without a reason {}\n",
        percent(m.fix_rate),
        human_duration(m.median_time_to_fix_seconds),
        m.recurrences,
        m.ignores_without_reason
    ));
    out.push_str(&format!(
        "{indent}from pasted code {}  from ai-likely code {}\n",
        percent(m.pasted_share),
        percent(m.ai_likely_share)
    ));
    if !m.top_rules.is_empty() {
        let rules: Vec<String> = m
            .top_rules
            .iter()
            .take(5)
            .map(|c| format!("{} ({})", c.name, c.count))
            .collect();
        out.push_str(&format!("{indent}top rules: {}\n", rules.join(", ")));
    }
    if !m.top_categories.is_empty() {
        let categories: Vec<String> = m
            .top_categories
            .iter()
            .take(5)
            .map(|c| format!("{} ({})", c.name, c.count))
            .collect();
        out.push_str(&format!(
            "{indent}top categories: {}\n",
            categories.join(", ")
        ));
    }
}

/// The report as plain text for a terminal.
pub fn render_text(report: &Report) -> String {
    let mut out = format!(
        "vigil posture report: {} event(s) from {} ledger(s)",
        report.events,
        report.ledgers.len()
    );
    if report.skipped_lines > 0 {
        out.push_str(&format!(
            ", {} unreadable line(s) skipped",
            report.skipped_lines
        ));
    }
    out.push('\n');
    if let Some(since) = &report.since {
        out.push_str(&format!("since {since}\n"));
    }
    out.push_str("\nOverall\n");
    text_metrics(&mut out, &report.overall, "  ");
    for (developer, m) in &report.developers {
        out.push_str(&format!("\n{developer}\n"));
        text_metrics(&mut out, m, "  ");
    }
    out
}

/// Escapes text for HTML and SVG.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const INTRODUCED: &str = "#d9534f";
const FIXED: &str = "#2e8b57";
const IGNORED: &str = "#e0a030";
const RESOLVED: &str = "#3a7bd5";

/// A line chart of the daily counts.
fn trend_svg(days: &[Day]) -> String {
    let (w, h, left, bottom, top) = (640.0, 220.0, 36.0, 28.0, 12.0);
    if days.is_empty() {
        return "<p class=\"empty\">No events yet.</p>".to_string();
    }
    type Series = (&'static str, &'static str, fn(&Day) -> usize);
    let series: [Series; 4] = [
        ("introduced", INTRODUCED, |d| d.introduced),
        ("fixed", FIXED, |d| d.fixed),
        ("resolved", RESOLVED, |d| d.resolved),
        ("ignored", IGNORED, |d| d.ignored),
    ];
    let max = days
        .iter()
        .flat_map(|d| series.iter().map(move |(_, _, f)| f(d)))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let plot_w = w - left - 8.0;
    let plot_h = h - bottom - top;
    let x = |i: usize| {
        if days.len() == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (days.len() - 1) as f64
        }
    };
    let y = |v: usize| top + plot_h - plot_h * v as f64 / max;
    let mut svg = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Events per day\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    svg.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"axis\"/>",
        top + plot_h,
        w - 8.0,
        top + plot_h
    ));
    svg.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" class=\"tick\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{}\" class=\"tick\" text-anchor=\"end\">0</text>",
        left - 4.0,
        top + 4.0,
        max as usize,
        left - 4.0,
        top + plot_h
    ));
    for (name, colour, value) in &series {
        let points: Vec<String> = days
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{:.1},{:.1}", x(i), y(value(d))))
            .collect();
        svg.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" points=\"{}\"><title>{name}</title></polyline>",
            points.join(" ")
        ));
        for (i, d) in days.iter().enumerate() {
            svg.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>{} {name}: {}</title></circle>",
                x(i),
                y(value(d)),
                esc(&d.date),
                value(d)
            ));
        }
    }
    let label_every = days.len().div_ceil(6).max(1);
    for (i, d) in days.iter().enumerate() {
        if i % label_every == 0 || i + 1 == days.len() {
            svg.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{}\" class=\"tick\" text-anchor=\"middle\">{}</text>",
                x(i),
                h - 8.0,
                esc(&d.date)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// One bar segment: value, colour, what it counts.
type Segment = (usize, &'static str, &'static str);
/// One bar: its label and segments.
type Row = (String, Vec<Segment>);

/// Horizontal bars, one row per item, each row split into coloured segments.
fn bars_svg(label: &str, rows: &[Row]) -> String {
    if rows.is_empty() {
        return "<p class=\"empty\">Nothing to show.</p>".to_string();
    }
    let row_h = 26.0;
    let (w, left) = (640.0, 190.0);
    let h = row_h * rows.len() as f64 + 8.0;
    let max = rows
        .iter()
        .map(|(_, segments)| segments.iter().map(|s| s.0).sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let scale = (w - left - 50.0) / max;
    let mut svg = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(label)
    );
    for (i, (name, segments)) in rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{:.1}\" class=\"label\" text-anchor=\"end\">{}</text>",
            left - 8.0,
            y + 16.0,
            esc(name)
        ));
        let mut x = left;
        let mut total = 0;
        for (value, colour, what) in segments {
            if *value == 0 {
                continue;
            }
            let width = *value as f64 * scale;
            svg.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{colour}\" rx=\"2\"><title>{} {what}: {value}</title></rect>",
                row_h - 8.0,
                esc(name)
            ));
            x += width;
            total += value;
        }
        svg.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">{total}</text>",
            x + 6.0,
            y + 16.0
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn tile(value: &str, label: &str) -> String {
    format!(
        "<div class=\"tile\"><div class=\"value\">{}</div><div class=\"name\">{}</div></div>",
        esc(value),
        esc(label)
    )
}

/// The report as one self-contained HTML file: no scripts, no external resources.
pub fn render_html(report: &Report) -> String {
    let m = &report.overall;
    let mut body = String::new();
    body.push_str("<h1>Security posture</h1>");
    body.push_str(&format!(
        "<p class=\"sub\">{} events from {} ledger(s){}{}. Generated {}.</p>",
        report.events,
        report.ledgers.len(),
        report
            .since
            .as_ref()
            .map(|s| format!(" since {}", esc(s)))
            .unwrap_or_default(),
        report
            .developer
            .as_ref()
            .map(|d| format!(" for {}", esc(d)))
            .unwrap_or_default(),
        esc(&super::now_rfc3339())
    ));
    body.push_str("<div class=\"tiles\">");
    body.push_str(&tile(&m.introduced.to_string(), "introduced"));
    body.push_str(&tile(&m.fixed.to_string(), "fixed by quick fix"));
    body.push_str(&tile(&m.resolved.to_string(), "resolved by an edit"));
    body.push_str(&tile(&m.ignored.to_string(), "ignored"));
    body.push_str(&tile(&percent(m.fix_rate), "fix rate"));
    body.push_str(&tile(
        &human_duration(m.median_time_to_fix_seconds),
        "median time to fix",
    ));
    body.push_str(&tile(
        &m.ignores_without_reason.to_string(),
        "ignores without a reason",
    ));
    body.push_str(&tile(&m.recurrences.to_string(), "recurrences"));
    body.push_str(&tile(&percent(m.pasted_share), "from pasted code"));
    body.push_str(&tile(&percent(m.ai_likely_share), "from ai-likely code"));
    body.push_str("</div>");

    let legend = format!(
        "<p class=\"legend\"><span style=\"background:{INTRODUCED}\"></span>introduced <span style=\"background:{FIXED}\"></span>fixed <span style=\"background:{RESOLVED}\"></span>resolved <span style=\"background:{IGNORED}\"></span>ignored</p>"
    );
    body.push_str("<section><h2>Trend</h2>");
    body.push_str(&legend);
    body.push_str(&trend_svg(&report.trend));
    body.push_str("</section>");

    body.push_str("<section><h2>By category</h2><p class=\"note\">Findings introduced.</p>");
    let categories: Vec<Row> = m
        .top_categories
        .iter()
        .map(|c| (c.name.clone(), vec![(c.count, INTRODUCED, "introduced")]))
        .collect();
    body.push_str(&bars_svg("Findings by category", &categories));
    body.push_str("</section>");

    body.push_str("<section><h2>By origin</h2><p class=\"note\">Where the code under each new finding came from.</p>");
    let origin_colour = |o: &str| match o {
        "typed" => "#6c757d",
        "pasted" => "#8e44ad",
        _ => "#c0392b",
    };
    let origins: Vec<Row> = ["typed", "pasted", "ai-likely"]
        .iter()
        .map(|o| {
            (
                o.to_string(),
                vec![(
                    m.by_origin.get(*o).copied().unwrap_or(0),
                    origin_colour(o),
                    "introduced",
                )],
            )
        })
        .collect();
    body.push_str(&bars_svg("Findings by origin", &origins));
    body.push_str("</section>");

    body.push_str("<section><h2>By developer</h2>");
    body.push_str(&legend);
    let developers: Vec<Row> = report
        .developers
        .iter()
        .map(|(name, d)| {
            (
                name.clone(),
                vec![
                    (d.introduced, INTRODUCED, "introduced"),
                    (d.fixed, FIXED, "fixed"),
                    (d.resolved, RESOLVED, "resolved"),
                    (d.ignored, IGNORED, "ignored"),
                ],
            )
        })
        .collect();
    body.push_str(&bars_svg("Events by developer", &developers));
    body.push_str("<table><thead><tr><th>developer</th><th>introduced</th><th>fixed</th><th>resolved</th><th>ignored</th><th>fix rate</th><th>median time to fix</th><th>recurrences</th><th>ignores without a reason</th><th>top rule</th></tr></thead><tbody>");
    for (name, d) in &report.developers {
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(name),
            d.introduced,
            d.fixed,
            d.resolved,
            d.ignored,
            percent(d.fix_rate),
            human_duration(d.median_time_to_fix_seconds),
            d.recurrences,
            d.ignores_without_reason,
            d.top_rules.first().map(|c| esc(&c.name)).unwrap_or_default()
        ));
    }
    body.push_str("</tbody></table></section>");

    body.push_str("<section><h2>Top rules</h2>");
    let rules: Vec<Row> = m
        .top_rules
        .iter()
        .map(|c| (c.name.clone(), vec![(c.count, INTRODUCED, "introduced")]))
        .collect();
    body.push_str(&bars_svg("Top rules", &rules));
    body.push_str("</section>");

    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>vigil: security posture</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>\n"
    )
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;background:#f6f7f9;color:#1d2430}main{max-width:760px;margin:0 auto;padding:24px}h1{margin:0 0 4px}h2{font-size:1.1em;margin:0 0 8px}.sub,.note{color:#5b6472;margin:0 0 12px}.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px;margin:18px 0}.tile{background:#fff;border-radius:8px;padding:12px;box-shadow:0 1px 2px #0001}.tile .value{font-size:1.6em;font-weight:600}.tile .name{color:#5b6472;font-size:.85em}section{background:#fff;border-radius:8px;padding:16px;margin:14px 0;box-shadow:0 1px 2px #0001}svg{width:100%;height:auto}.axis{stroke:#aab}.tick{font-size:11px;fill:#5b6472}.label{font-size:12px;fill:#1d2430}.legend span{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}.legend{font-size:.85em;color:#5b6472;margin:0 0 6px}table{border-collapse:collapse;width:100%;font-size:.85em;margin-top:10px}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #e3e6ea}.empty{color:#5b6472}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{Developer, Event};

    fn event(kind: EventKind, ts: &str, who: &str, rule: &str, fp: &str, origin: &str) -> Event {
        Event {
            v: 1,
            ts: ts.into(),
            event: kind,
            rule: rule.into(),
            category: "injection".into(),
            cwe: vec!["CWE-78".into()],
            severity: "error".into(),
            fingerprint: fp.into(),
            file: "a.py".into(),
            line: 1,
            developer: Developer {
                name: String::new(),
                email: who.into(),
            },
            origin: origin.into(),
            editor: None,
            workspace: "w".into(),
            branch: None,
            commit: None,
            reason: (kind == EventKind::Ignored).then(|| "no reason".to_string()),
            session: "s".into(),
        }
    }

    fn sample() -> Vec<Event> {
        vec![
            event(
                EventKind::Introduced,
                "2026-01-01T10:00:00Z",
                "a@x",
                "r1",
                "f1",
                "pasted",
            ),
            event(
                EventKind::Fixed,
                "2026-01-01T10:10:00Z",
                "a@x",
                "r1",
                "f1",
                "pasted",
            ),
            event(
                EventKind::Introduced,
                "2026-01-02T10:00:00Z",
                "a@x",
                "r1",
                "f2",
                "typed",
            ),
            event(
                EventKind::Resolved,
                "2026-01-02T10:30:00Z",
                "a@x",
                "r1",
                "f2",
                "typed",
            ),
            event(
                EventKind::Introduced,
                "2026-01-02T11:00:00Z",
                "b@x",
                "r2",
                "f3",
                "ai-likely",
            ),
            event(
                EventKind::Ignored,
                "2026-01-02T11:01:00Z",
                "b@x",
                "r2",
                "f3",
                "ai-likely",
            ),
        ]
    }

    #[test]
    fn metrics_match_the_events() {
        let report = build(sample(), &Filter::default());
        let m = &report.overall;
        assert_eq!((m.introduced, m.fixed, m.resolved, m.ignored), (3, 1, 1, 1));
        assert_eq!(m.recurrences, 1);
        assert_eq!(m.ignores_without_reason, 1);
        assert!((m.fix_rate.unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(m.median_time_to_fix_seconds, Some(1200.0));
        assert!((m.pasted_share.unwrap() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(report.developers.len(), 2);
        assert_eq!(report.trend.len(), 2);
        assert_eq!(report.trend[1].introduced, 2);
    }

    #[test]
    fn a_later_reason_replaces_the_reasonless_ignore() {
        let mut events = sample();
        let mut with_reason = event(
            EventKind::Ignored,
            "2026-01-02T11:05:00Z",
            "b@x",
            "r2",
            "f3",
            "ai-likely",
        );
        with_reason.reason = Some("argv is validated above".into());
        events.push(with_reason);
        let report = build(events, &Filter::default());
        assert_eq!(report.overall.ignored, 1);
        assert_eq!(report.overall.ignores_without_reason, 0);
        assert_eq!(report.trend[1].ignored, 1);
    }

    #[test]
    fn filters_and_duplicates() {
        let mut events = sample();
        events.extend(sample());
        let filter = Filter {
            since: Some(parse_since("2026-01-02").unwrap()),
            developer: Some("B@X".into()),
        };
        let report = build(events, &filter);
        assert_eq!(report.events, 2);
        assert_eq!(report.overall.introduced, 1);
        assert!(parse_since("yesterday").is_err());
    }

    #[test]
    fn html_is_self_contained_and_escaped() {
        let mut events = sample();
        events[0].developer.email = "<script>@x".into();
        let html = render_html(&build(events, &Filter::default()));
        assert!(html.contains("<svg"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("http://") || !html.contains("src="));
        assert!(html.contains("&lt;script&gt;@x"));
        let empty = render_html(&build(Vec::new(), &Filter::default()));
        assert!(empty.contains("No events yet"));
        assert!(render_text(&build(sample(), &Filter::default())).contains("fix rate 67%"));
    }
}
