//! The view model: what the draft, the Word document and `status` show,
//! built once from the analysis (the workspace, the rules, the budget and
//! its index). The templates of `render` see it as their context; the
//! exports and `status` read the same structures. Values are plain text as
//! written; the template filters (`md`) escape them for Markdown, and the
//! HTML is produced by comrak with raw HTML escaped, so no value can inject
//! markup.

mod model;
mod sections;
pub mod status;
pub mod timeline;

use crate::analysis::Analysis;
use crate::budget::Budget;
use crate::diagnostics::Severity;
use crate::money::{format_eur, plain as money_plain};
use crate::rules::dates::{months_between, project_end};
pub use model::*;

fn s(v: &Option<crate::workspace::S<String>>) -> String {
    v.as_ref().map(|x| x.value.clone()).unwrap_or_default()
}

fn d(v: &Option<crate::workspace::S<chrono::NaiveDate>>) -> String {
    v.as_ref().map(|x| date_text(x.value)).unwrap_or_default()
}

/// A date as chrono writes it (`2026-03-09`), without the formatting
/// machinery for the years every project has (0 to 9999): the view writes
/// thousands of dates.
fn date_text(date: chrono::NaiveDate) -> String {
    use chrono::Datelike as _;
    let Ok(year) = u32::try_from(date.year()) else {
        return date.to_string();
    };
    if year > 9999 {
        return date.to_string();
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let (month, day) = (date.month(), date.day());
    let mut out = String::with_capacity(10);
    out.extend([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
    ]);
    out.extend([
        '-',
        digit(month / 10),
        digit(month),
        '-',
        digit(day / 10),
        digit(day),
    ]);
    out
}

/// "City, country" of a venue for the timeline, written into one string.
fn place(v: &crate::workspace::Place) -> String {
    let city = v.city.as_ref().map_or("", |x| x.value.as_str());
    let country = v.country.as_ref().map_or("", |x| x.value.as_str());
    let mut out = String::with_capacity(city.len() + 2 + country.len());
    out.push_str(city);
    out.push_str(", ");
    out.push_str(country);
    out
}

/// Removes author notes (`<!-- ... -->`) from a narrative's Markdown.
pub fn without_notes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(rest.get(..start).unwrap_or_default());
        match rest.get(start + 4..).and_then(|r| r.find("-->")) {
            Some(end) => rest = rest.get(start + 4 + end + 3..).unwrap_or_default(),
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// A text as the draft shows it: author notes removed, nesting limited,
/// and the lines the form keeps kept (see [`crate::text::keep_lines`]).
pub fn draft_markdown(text: &str) -> String {
    crate::text::keep_lines(&crate::text::limit_nesting(&without_notes(text)).0)
}

/// Whether an activity's `description` answers a field of the form (KA152:
/// the basic elements of a youth exchange; KA210: the content of an
/// activity), so the draft shows it there and not twice.
fn description_is_answer(a: &Analysis, kind: &str) -> bool {
    a.rules.as_ref().is_some_and(|r| {
        r.action.form.sections.iter().any(|sec| {
            sec.scope == crate::pack::Scope::Activity
                && sec.asks_type(kind)
                && sec
                    .fields
                    .iter()
                    .any(|f| f.inline.as_deref() == Some("description"))
        })
    })
}

pub fn build(a: &Analysis) -> Context {
    let ws = &a.ws;
    let rules = a.rules.as_ref();
    let p = &ws.project;
    let partner_name = |id: &str| {
        ws.partner(id)
            .map(|p| s(&p.name))
            .unwrap_or_else(|| id.to_string())
    };
    let round = rules.and_then(|r| {
        let n = p.round.as_ref()?.value;
        r.action.rounds.iter().find(|x| x.round == n)
    });
    let end = project_end(ws);
    let months = match (&p.start, end) {
        (Some(st), Some(e)) => {
            let (m, exact) = months_between(st.value, e);
            if exact { m.to_string() } else { format!("{m}+") }
        }
        _ => String::new(),
    };
    let project = Project {
        title: s(&p.title),
        acronym: s(&p.acronym),
        action: s(&p.action),
        action_name: rules.map(|r| r.action.action.name.clone()).unwrap_or_default(),
        call: p.call.as_ref().map(|c| c.value.to_string()).unwrap_or_default(),
        round: p.round.as_ref().map(|c| c.value.to_string()).unwrap_or_default(),
        deadline: round
            .and_then(|r| {
                r.deadline()
                    .map(|d| format!("{d} {}", r.deadline_time.clone().unwrap_or_default()))
            })
            .map(|s| s.trim().to_string())
            .unwrap_or_default(),
        national_agency: s(&p.national_agency),
        language: p
            .language
            .as_ref()
            .map(|l| l.value.clone())
            .unwrap_or_else(|| "en".into()),
        start: d(&p.start),
        end: end.map(|e| e.to_string()).unwrap_or_default(),
        months,
        reference: s(&p.reference),
        topics: p.topics.iter().map(|t| t.value.clone()).collect(),
    };
    let partners = ws
        .organisations()
        .into_iter()
        .map(|x| Partner {
            id: x.id.value.clone(),
            name: s(&x.name),
            legal_name: s(&x.legal_name),
            role: x
                .role
                .as_ref()
                .map(|r| r.value.as_str().to_string())
                .unwrap_or_default(),
            country: s(&x.country),
            country_name: x
                .country
                .as_ref()
                .and_then(|c| crate::geo::country_name(&c.value))
                .unwrap_or_default()
                .to_string(),
            city: s(&x.city),
            oid: s(&x.oid),
            kind: s(&x.kind),
            newcomer: x.newcomer.as_ref().is_some_and(|n| n.value),
            experience: s(&x.experience),
        })
        .collect();
    let budget = a.budget.as_ref();
    let activities = ws
        .activities
        .iter()
        .map(|act| activity(act, a, budget, &partner_name))
        .collect();
    let total_lump = ws.budget.lump_sum.as_ref().map(|l| l.value);
    let work_packages = ws
        .work_packages
        .iter()
        .map(|w| WorkPackage {
            id: w.id.value.clone(),
            title: s(&w.title),
            management: w.is_management(),
            grant: w.grant.as_ref().map(|g| format_eur(g.value)).unwrap_or_default(),
            share: match (&w.grant, total_lump) {
                (Some(g), Some(t)) if !t.is_zero() => {
                    format!(
                        "{} %",
                        (g.value * rust_decimal::Decimal::from(100) / t)
                            .round_dp(1)
                            .normalize()
                    )
                }
                _ => String::new(),
            },
            lead: s(&w.lead),
            lead_name: w
                .lead
                .as_ref()
                .map(|l| partner_name(&l.value))
                .unwrap_or_default(),
            description: s(&w.description),
            description_md: draft_markdown(&s(&w.description)),
            activities: w
                .activities
                .iter()
                .map(|x| WpActivity {
                    title: s(&x.title),
                    start: d(&x.start),
                    end: d(&x.end),
                    partners: x.partners.iter().map(|p| partner_name(&p.value)).collect(),
                })
                .collect(),
        })
        .collect();
    let targets = ws
        .targets
        .iter()
        .map(|t| Target {
            id: s(&t.id),
            indicator: s(&t.indicator),
            unit: s(&t.unit),
            baseline: t
                .baseline
                .as_ref()
                .map(|x| x.value.normalize().to_string())
                .unwrap_or_default(),
            target: t
                .target
                .as_ref()
                .map(|x| x.value.normalize().to_string())
                .unwrap_or_default(),
            by: d(&t.by),
            verification: s(&t.verification),
            actual: t
                .actual
                .as_ref()
                .map(|x| x.value.normalize().to_string())
                .unwrap_or_default(),
        })
        .collect();
    let sections = sections::sections(a);
    let criteria = rules
        .map(|r| {
            r.action
                .award
                .criteria
                .iter()
                .map(|c| Criterion {
                    name: c.name.clone(),
                    max: c.max,
                    min: c.min,
                    fields: {
                        // Asked of several organisations or activities: named once.
                        let mut seen = rustc_hash::FxHashSet::default();
                        sections
                            .iter()
                            .flat_map(|s| {
                                s.all_fields()
                                    .filter(|f| f.criterion == c.key && !f.english)
                                    .map(move |f| (s.title.as_str(), f.key.as_str()))
                            })
                            .filter(|&named| seen.insert(named))
                            .map(|(section, key)| format!("{section} / {key}"))
                            .collect()
                    },
                })
                .collect()
        })
        .unwrap_or_default();
    let mut timeline: Vec<TimelineItem> = ws
        .activities
        .iter()
        .map(|act| TimelineItem {
            start: d(&act.start),
            end: d(&act.end),
            what: s(&act.title),
            place: act.venue.as_ref().map(place).unwrap_or_default(),
        })
        .chain(ws.work_packages.iter().flat_map(|w| {
            w.activities.iter().map(move |x| TimelineItem {
                start: d(&x.start),
                end: d(&x.end),
                what: format!("{} ({})", s(&x.title), s(&w.title)),
                place: x.venue.as_ref().map(place).unwrap_or_default(),
            })
        }))
        .collect();
    timeline.sort_by(|x, y| (&x.start, &x.end, &x.what).cmp(&(&y.start, &y.end, &y.what)));
    let completeness = sections::completeness(a, &sections);
    let mut ctx = Context {
        generator: format!("coopcom {}", env!("CARGO_PKG_VERSION")),
        project,
        family: rules
            .map(|r| {
                serde_json::to_value(r.action.action.family)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            })
            .unwrap_or_default(),
        partners,
        activities,
        work_packages,
        budget: budget.map(|b| budget_view(b, a, total_lump)),
        targets,
        sections,
        criteria,
        pass_mark: rules.and_then(|r| r.action.award.pass_mark.as_ref().map(|p| p.value)),
        timeline,
        completeness,
        errors: a
            .diagnostics
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .map(|x| {
                let at = x
                    .primary
                    .as_ref()
                    .map(|l| {
                        let (line, col) = ws.sources.line_col(l);
                        format!("{}:{line}:{col}: ", ws.sources.name(l.file))
                    })
                    .unwrap_or_default();
                format!("{at}[{}] {}", x.code.id, x.message)
            })
            .collect(),
        unconfirmed_figures: budget.map(|b| b.unconfirmed_figures.clone()).unwrap_or_default(),
        timeline_image: String::new(),
    };
    if timeline::has_dates(&ctx) {
        ctx.timeline_image = timeline::FILE.to_string();
    }
    ctx
}

fn activity(
    act: &crate::workspace::Activity,
    a: &Analysis,
    budget: Option<&Budget>,
    partner_name: &dyn Fn(&str) -> String,
) -> Activity {
    let ws = &a.ws;
    let kind = s(&act.kind);
    let kind_name = a
        .rules
        .as_ref()
        .and_then(|r| r.activity_type(&kind).map(|t| t.name.clone()))
        .unwrap_or_else(|| kind.clone());
    let sum = |f: fn(&crate::workspace::Flow) -> u32| act.flows.iter().map(f).fold(0u32, u32::saturating_add);
    // The activity's distances looked up once, and each flow's partner
    // once for its name and its country.
    let distances: Vec<_> = budget
        .map(|b| a.index.distances(b, &act.id.value).collect())
        .unwrap_or_default();
    let flows = act
        .flows
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let from = s(&f.from);
            let dist = distances.iter().copied().find(|d| d.flow == i + 1);
            let partner = ws.partner(&from);
            Flow {
                number: i + 1,
                from_name: partner.map_or_else(|| from.clone(), |p| s(&p.name)),
                country: partner.map(|p| s(&p.country)).unwrap_or_default(),
                origin: dist.map(|x| x.origin.clone()).unwrap_or_default(),
                from,
                participants: f.participants(),
                fewer_opportunities: f.fewer_opportunities(),
                women: f.women.as_ref().map(|w| w.value).unwrap_or(0),
                group_leaders: f.group_leaders(),
                facilitators: f.facilitators(),
                accompanying: f.accompanying(),
                km: dist.map(|x| format!("{:.0}", x.km)).unwrap_or_default(),
                band: dist
                    .map(|x| x.band.clone().unwrap_or_else(|| "under 10 km".into()))
                    .unwrap_or_default(),
                green: f.green(),
                travel_days: f.travel_days.as_ref().map(|t| t.value).unwrap_or(0),
            }
        })
        .collect();
    let activity_total = budget
        .map(|b| {
            a.index
                .lines(b, Some(&act.id.value))
                .map(|l| l.amount)
                .sum::<rust_decimal::Decimal>()
        })
        .map(format_eur)
        .unwrap_or_default();
    let description_md = if description_is_answer(a, &kind) {
        String::new()
    } else {
        draft_markdown(&s(&act.description))
    };
    Activity {
        id: act.id.value.clone(),
        kind,
        kind_name,
        title: s(&act.title),
        description: s(&act.description),
        description_md,
        venue: act.venue.as_ref().map(|v| s(&v.city)).unwrap_or_default(),
        venue_country: act.venue.as_ref().map(|v| s(&v.country)).unwrap_or_default(),
        start: d(&act.start),
        end: d(&act.end),
        days: act.days().unwrap_or(0),
        host: s(&act.host),
        host_name: act
            .host
            .as_ref()
            .map(|h| partner_name(&h.value))
            .unwrap_or_default(),
        participants: act.participants(),
        fewer_opportunities: sum(crate::workspace::Flow::fewer_opportunities),
        women: act
            .flows
            .iter()
            .map(|f| f.women.as_ref().map(|w| w.value).unwrap_or(0))
            .fold(0, u32::saturating_add),
        group_leaders: sum(crate::workspace::Flow::group_leaders),
        facilitators: sum(crate::workspace::Flow::facilitators),
        grant: act
            .grant
            .as_ref()
            .map(|g| format_eur(g.value))
            .unwrap_or_default(),
        budget: activity_total,
        flows,
    }
}

fn budget_view(b: &Budget, a: &Analysis, lump: Option<rust_decimal::Decimal>) -> BudgetView {
    let title_of = |id: &str| {
        a.ws.activity(id)
            .map(|x| s(&x.title))
            .or_else(|| a.ws.work_package(id).map(|w| s(&w.title)))
            .unwrap_or_default()
    };
    let lines: Vec<BudgetLine> = b
        .lines
        .iter()
        .map(|l| BudgetLine {
            activity: l.activity.clone().unwrap_or_else(|| "project".into()),
            flow: l
                .flow
                .map(|f| itoa::Buffer::new().format(f).to_string())
                .unwrap_or_default(),
            from: l.from.clone().unwrap_or_default(),
            category: l.category.label(),
            basis: l.basis.clone(),
            amount: format_eur(l.amount),
            reason: l.reason.clone().unwrap_or_default(),
        })
        .collect();
    BudgetView {
        total: format_eur(b.total()),
        total_plain: money_plain(b.total()),
        by_activity: b
            .by_activity()
            .into_iter()
            .map(|(k, m)| Amount {
                label: k
                    .as_deref()
                    .map(title_of)
                    .unwrap_or_else(|| "Project-level costs".into()),
                key: k.unwrap_or_else(|| "project".into()),
                amount: format_eur(m),
            })
            .collect(),
        by_category: b
            .by_category()
            .into_iter()
            .map(|(c, m)| Amount {
                key: format!("{c:?}"),
                label: c.label().to_string(),
                amount: format_eur(m),
            })
            .collect(),
        justified: lines.iter().filter(|l| !l.reason.is_empty()).cloned().collect(),
        lines,
        lump_sum: lump.map(format_eur).unwrap_or_default(),
    }
}

/// The final report's standing for `status`, from the report model that
/// `coopcom report` and `render --report` use.
pub fn report_status(fr: &crate::results::report::FinalReport) -> ReportStatus {
    let r = &fr.report;
    ReportStatus {
        final_grant: r.final_grant.clone(),
        awarded: r.awarded.clone(),
        texts: fr
            .texts
            .iter()
            .map(|t| ReportTextStatus {
                key: t.key.clone(),
                title: t.title.clone(),
                file: t.path.clone(),
                state: if t.present { "filled" } else { "missing" },
                chars: t.chars,
                limit: None,
            })
            .collect(),
        activities: r
            .activities
            .iter()
            .map(|a| ReportActivityStatus {
                id: a.id.clone(),
                title: a.title.clone(),
                outcome: a.outcome,
            })
            .collect(),
        targets: r
            .targets
            .iter()
            .map(|t| ReportTargetStatus {
                id: t.id.clone(),
                indicator: t.indicator.clone(),
                target: t.target.clone(),
                actual: t.actual.clone(),
                status: t.status,
                percent: t.percent.clone(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_chrono_writes_them() {
        let days = [
            (0, 1, 1),
            (7, 2, 3),
            (999, 12, 31),
            (2026, 3, 9),
            (2028, 2, 29),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-1, 6, 15),
        ];
        for (y, m, day) in days {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, day).expect("a real date");
            assert_eq!(date_text(date), date.to_string(), "{y}-{m}-{day}");
        }
    }
}
