//! KA210 and KA220: the lump sum, its split over activities or work
//! packages, and the work-package rules. For unit-cost actions: lump-sum
//! entries that do not apply.

use rust_decimal::Decimal;

use super::Checker;
use super::project::project_loc;
use crate::diagnostics::{Diagnostic, codes};
use crate::pack::Family;
use crate::workspace::{Money, S};

fn euros(d: Decimal) -> String {
    crate::money::format_eur(d)
}

pub fn check(c: &mut Checker<'_>) {
    let family = c.rules.action.action.family;
    match (family, c.rules.action.lump_sum.clone()) {
        (Family::SmallScale | Family::Cooperation, Some(rules)) => lump_sum(c, family, &rules),
        (Family::SmallScale | Family::Cooperation, None) => {
            c.push(
                Diagnostic::warning(
                    codes::FIGURE_UNKNOWN,
                    format!(
                        "the {} rule pack has no lump-sum rules for {}",
                        c.rules.call.pack.call, c.rules.code
                    ),
                )
                .at(&project_loc(c)),
            );
        }
        _ => not_applicable(c),
    }
    if family != Family::YouthParticipation
        && let Some(days) = &c.ws.budget.coaching_days
    {
        c.push(
            Diagnostic::warning(
                codes::BUDGET_NOT_APPLICABLE,
                format!(
                    "{} has no coaching costs; `coaching_days` is ignored",
                    c.rules.code
                ),
            )
            .at(&days.loc)
            .with_help("coaching costs belong to KA154-YOU youth participation activities"),
        );
    }
}

fn not_applicable(c: &mut Checker<'_>) {
    if let Some(l) = &c.ws.budget.lump_sum {
        c.push(
            Diagnostic::warning(
                codes::BUDGET_NOT_APPLICABLE,
                format!(
                    "{} is funded by unit costs, not a lump sum; `lump_sum` is ignored",
                    c.rules.code
                ),
            )
            .at(&l.loc)
            .with_help("remove `lump_sum`: coopcom computes the grant from the activities"),
        );
    }
    for a in &c.ws.activities {
        if let Some(g) = &a.grant {
            c.push(
                Diagnostic::warning(
                    codes::BUDGET_NOT_APPLICABLE,
                    format!(
                        "{} activities carry no `grant` share; it is ignored",
                        c.rules.code
                    ),
                )
                .at(&g.loc)
                .with_help("remove `grant`: coopcom computes each activity's grant from its flows"),
            );
        }
    }
    if let Some(wp) = c.ws.work_packages.first() {
        c.push(
            Diagnostic::warning(
                codes::BUDGET_NOT_APPLICABLE,
                format!("{} has no work packages; work-packages/ is ignored", c.rules.code),
            )
            .at(&wp.id.loc),
        );
    }
}

fn lump_sum(c: &mut Checker<'_>, family: Family, rules: &crate::pack::LumpSumRules) {
    let chosen = c.ws.budget.lump_sum.clone();
    for item in
        c.ws.budget
            .inclusion_costs
            .iter()
            .chain(&c.ws.budget.exceptional_costs)
    {
        c.push(
            Diagnostic::warning(
                codes::BUDGET_NOT_APPLICABLE,
                format!(
                    "{} is funded by a lump sum: inclusion and exceptional costs are not added to it",
                    c.rules.code
                ),
            )
            .at(&item.loc)
            .with_help("cover these costs from the lump sum, and remove them from budget.toml"),
        );
    }
    // An amount the action does not allow has its one finding, which lists
    // the allowed ones; the shares are not measured against it.
    let mut allowed_total = true;
    if let Some(fig) = &rules.amounts {
        c.uses("lump-sum amounts", fig);
        let allowed: Vec<String> = fig.value.iter().map(|d| euros(*d)).collect();
        match &chosen {
            None => {
                let d = c
                    .rule(
                        codes::LUMP_SUM,
                        "lump-sum amounts",
                        fig,
                        format!(
                            "no lump sum chosen; {} projects choose one of {}",
                            c.rules.code,
                            allowed.join(", ")
                        ),
                    )
                    .at_opt(
                        c.ws.budget
                            .file
                            .map(crate::workspace::source::Loc::file_start)
                            .as_ref(),
                    )
                    .with_help(format!(
                        "add `lump_sum = {}` (or another allowed amount) to budget.toml",
                        fig.value
                            .first()
                            .map(|d| d.normalize().to_string())
                            .unwrap_or_default()
                    ));
                let d = if d.primary.is_none() {
                    d.at(&project_loc(c))
                } else {
                    d
                };
                c.push(d);
            }
            Some(l) if !fig.value.contains(&l.value) => {
                allowed_total = false;
                let shares: Decimal = match family {
                    Family::SmallScale => {
                        c.ws.activities
                            .iter()
                            .filter_map(|a| a.grant.as_ref())
                            .map(|g| g.value)
                            .sum()
                    }
                    _ => {
                        c.ws.work_packages
                            .iter()
                            .filter_map(|w| w.grant.as_ref())
                            .map(|g| g.value)
                            .sum()
                    }
                };
                let what = match family {
                    Family::SmallScale => "activity grants",
                    _ => "work-package grants",
                };
                let line = |d: &Decimal| format!("`lump_sum = {}`", d.normalize());
                let help = match fig.value.iter().find(|d| **d == shares) {
                    Some(fits) => {
                        let others: Vec<String> = fig.value.iter().filter(|d| *d != fits).map(line).collect();
                        let mut help = format!("write {}, what your {what} add up to", line(fits));
                        if !others.is_empty() {
                            help.push_str(&format!(", or {}", or_list(&others)));
                        }
                        help
                    }
                    None => format!(
                        "write {}, whichever best fits the estimated cost of the project, and share it out in the {what}",
                        or_list(&fig.value.iter().map(line).collect::<Vec<_>>())
                    ),
                };
                let d = c
                    .rule(
                        codes::LUMP_SUM,
                        "lump-sum amounts",
                        fig,
                        format!(
                            "{} is not a lump sum of {}; choose one of {}",
                            euros(l.value),
                            c.rules.code,
                            allowed.join(", ")
                        ),
                    )
                    .at(&l.loc)
                    .with_help(help);
                c.push(d);
            }
            Some(_) => {}
        }
    }
    let Some(total) = chosen else { return };
    let rules = &crate::pack::LumpSumRules {
        shares_add_up: rules.shares_add_up.clone().filter(|_| allowed_total),
        management_max_percent: rules.management_max_percent.clone().filter(|_| allowed_total),
        ..rules.clone()
    };
    match family {
        Family::SmallScale => {
            let shares: Vec<&S<Money>> = c.ws.activities.iter().filter_map(|a| a.grant.as_ref()).collect();
            for a in c.ws.activities.iter().filter(|a| a.grant.is_none()) {
                c.push(
                    Diagnostic::error(
                        codes::MISSING_FIELD,
                        format!("activity \"{}\" has no `grant` share of the lump sum", a.id.value),
                    )
                    .at(&a.id.loc)
                    .with_help("add `grant = ...`: the activity shares add up to the lump sum"),
                );
            }
            shares_sum(c, rules, &total, &shares, "activity grants");
        }
        Family::Cooperation => work_packages(c, rules, &total),
        _ => {}
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn shares_sum(
    c: &mut Checker<'_>,
    rules: &crate::pack::LumpSumRules,
    total: &S<Money>,
    shares: &[&S<Money>],
    what: &str,
) {
    let Some(fig) = rules.shares_add_up.clone() else {
        return;
    };
    if !fig.value {
        return;
    }
    let sum: Decimal = shares.iter().map(|s| s.value).sum();
    c.uses("shares add up to the lump sum", &fig);
    if sum != total.value {
        let diff = total.value - sum;
        let d = c
            .rule(
                codes::SHARES_SUM,
                "shares add up to the lump sum",
                &fig,
                format!(
                    "the {what} add up to {}, but the lump sum is {} ({} {})",
                    euros(sum),
                    euros(total.value),
                    euros(diff.abs()),
                    if diff.is_sign_positive() {
                        "unallocated"
                    } else {
                        "too much"
                    }
                ),
            )
            .at(&total.loc)
            .with_help(format!(
                "adjust the shares so that they total {}",
                euros(total.value)
            ));
        c.push(d);
    }
}

fn work_packages(c: &mut Checker<'_>, rules: &crate::pack::LumpSumRules, total: &S<Money>) {
    let ws = c.ws;
    let management: Vec<_> = ws.work_packages.iter().filter(|w| w.is_management()).collect();
    match management.as_slice() {
        [] => c.push(
            Diagnostic::error(codes::MANAGEMENT_WORK_PACKAGE, "no work package has `management = true`")
                .at(&project_loc(c))
                .with_help("add work-packages/wp1-management.toml with `management = true`: project management is a mandatory work package"),
        ),
        [_] => {}
        [first, rest @ ..] => {
            for w in rest {
                let loc = w.management.as_ref().map(|m| m.loc.clone()).unwrap_or_else(|| w.id.loc.clone());
                let mut d = Diagnostic::error(
                    codes::MANAGEMENT_WORK_PACKAGE,
                    format!("\"{}\" is a second project-management work package; there is exactly one", w.id.value),
                )
                .at(&loc);
                if let Some(m) = &first.management {
                    d = d.secondary(&m.loc, "first one");
                }
                c.push(d.with_help("set `management = false` on every work package but one"));
            }
        }
    }
    let implementation = ws.work_packages.iter().filter(|w| !w.is_management()).count() as u64;
    let loc = project_loc(c);
    if let Some(fig) = rules.work_packages_min.clone() {
        c.uses("minimum work packages", &fig);
        if implementation < u64::from(fig.value) {
            let d = c
                .rule(codes::WORK_PACKAGES, "minimum work packages", &fig,
                    format!("the project has {implementation} implementation work package{}; at least {} besides project management", if implementation == 1 { "" } else { "s" }, fig.value))
                .at(&loc)
                .with_help("add a work package file to work-packages/");
            c.push(d);
        }
    }
    if let Some(fig) = rules.work_packages_max.clone() {
        c.uses("maximum work packages", &fig);
        if implementation > u64::from(fig.value) {
            let d = c
                .rule(codes::WORK_PACKAGES, "maximum work packages", &fig,
                    format!("the project has {implementation} implementation work packages; the form allows at most {}", fig.value))
                .at(&loc);
            c.push(d);
        }
    }
    if let Some(fig) = rules.work_packages_recommended_max.clone() {
        c.uses("recommended work packages", &fig);
        if implementation > u64::from(fig.value)
            && rules
                .work_packages_max
                .as_ref()
                .is_none_or(|m| implementation <= u64::from(m.value))
        {
            let mut d = c.rule(codes::WORK_PACKAGES, "recommended work packages", &fig,
                format!("the project has {implementation} implementation work packages; the Programme Guide recommends at most {}", fig.value));
            d.severity = crate::diagnostics::Severity::Warning;
            c.push(d.at(&loc));
        }
    }
    if let (Some(fig), [m]) = (rules.management_max_percent.clone(), management.as_slice())
        && let Some(grant) = &m.grant
    {
        let limit = total.value * fig.value / Decimal::from(100);
        c.uses("project-management share", &fig);
        if grant.value > limit {
            let d = c
                .rule(
                    codes::MANAGEMENT_SHARE,
                    "project-management share",
                    &fig,
                    format!(
                        "project management takes {} of {}; at most {} % ({}) is allowed",
                        euros(grant.value),
                        euros(total.value),
                        fig.value.normalize(),
                        euros(limit)
                    ),
                )
                .at(&grant.loc)
                .with_help("move work to the implementation work packages, or lower the management grant");
            c.push(d);
        }
    }
    let shares: Vec<&S<Money>> = ws.work_packages.iter().filter_map(|w| w.grant.as_ref()).collect();
    shares_sum(c, rules, total, &shares, "work-package grants");
}
