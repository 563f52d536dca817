//! The grant, computed once from the loaded workspace and the rule pack,
//! line by line, in exact euros. `check` reports its findings, `budget`
//! prints it, `render` and the exports show it; none computes it again.
//!
//! KA152, KA153 and KA154 use the unit costs of the Programme Guide (travel
//! by distance band, individual support per day, organisational and
//! inclusion support per participant) plus real costs at their percentage;
//! KA210 and KA220 use one lump sum split over activities or work packages.

pub mod csv;
pub mod distance;
mod lump_sum;
mod mobility;
mod participation;
mod preparatory;
mod real_costs;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::pack::{Family, Sourced};
use crate::rules::Rules;
use crate::workspace::{Money, Workspace};

/// Budget categories, named as the Programme Guide names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Travel,
    IndividualSupport,
    OrganisationalSupport,
    InclusionSupportForOrganisations,
    InclusionSupportForParticipants,
    PreparatoryVisits,
    ExceptionalCosts,
    ProjectManagement,
    CoachingCosts,
    YouthParticipationEvents,
    LumpSum,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::Travel => "Travel",
            Category::IndividualSupport => "Individual support",
            Category::OrganisationalSupport => "Organisational support",
            Category::InclusionSupportForOrganisations => "Inclusion support for organisations",
            Category::InclusionSupportForParticipants => "Inclusion support for participants",
            Category::PreparatoryVisits => "Preparatory visits",
            Category::ExceptionalCosts => "Exceptional costs",
            Category::ProjectManagement => "Project management",
            Category::CoachingCosts => "Coaching costs",
            Category::YouthParticipationEvents => "Youth participation events support",
            Category::LumpSum => "Lump sum",
        }
    }
}

/// One line of the budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// The activity or work package id; `None` for project-level lines.
    pub activity: Option<String>,
    /// 1-based flow number within the activity, for flow lines.
    pub flow: Option<usize>,
    /// The sending partner of the flow.
    pub from: Option<String>,
    pub category: Category,
    /// How the amount is made, e.g. "8 persons x 309.00 (500-1999 km, standard)".
    pub basis: String,
    #[serde(serialize_with = "ser_money")]
    pub amount: Money,
    /// The justification of a real cost (`reason` in budget.toml), which
    /// the form asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Unit costs: the factors whose product is the amount, so that a
    /// spreadsheet can recompute it: how many (persons, participants,
    /// months), for how many days, at what rate. `None` for lump sums and
    /// real costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_money")]
    pub rate: Option<Money>,
}

/// The distance of one flow and its band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowDistance {
    pub activity: String,
    pub flow: usize,
    pub from: Option<String>,
    pub origin: String,
    pub venue: String,
    #[serde(serialize_with = "ser_km")]
    pub km: Decimal,
    /// True when computed by coopcom; false when the flow gives `distance_km`.
    pub computed: bool,
    /// "500-1999 km", or `None` below the first band (no travel grant).
    pub band: Option<String>,
    pub green: bool,
    /// The (latitude, longitude) the distance was measured from and to;
    /// `None` when the flow gives `distance_km`. For the map exports.
    #[serde(skip)]
    pub origin_coords: Option<(f64, f64)>,
    #[serde(skip)]
    pub venue_coords: Option<(f64, f64)>,
}

/// The computed budget of a workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    pub action: String,
    pub call: u32,
    pub lines: Vec<Line>,
    pub distances: Vec<FlowDistance>,
    /// Figures used that are not confirmed from the Programme Guide.
    pub unconfirmed_figures: Vec<String>,
}

fn ser_money<S: serde::Serializer>(m: &Money, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::money::plain(*m))
}

fn ser_opt_money<S: serde::Serializer>(m: &Option<Money>, s: S) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => ser_money(m, s),
        None => s.serialize_none(),
    }
}

fn ser_km<S: serde::Serializer>(m: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{:.2}", m.round_dp(2)))
}

impl Budget {
    /// The grant: always the sum of the lines.
    pub fn total(&self) -> Money {
        self.lines.iter().map(|l| l.amount).sum()
    }

    /// Subtotals by activity (in activity order), project-level lines last under `None`.
    pub fn by_activity(&self) -> Vec<(Option<String>, Money)> {
        // Keyed so that activities come in order and project-level lines last.
        let mut totals: BTreeMap<(bool, Option<&str>), Money> = BTreeMap::new();
        // An activity's lines mostly follow each other: its subtotal stays
        // at hand while they do.
        let mut current: Option<(Option<&str>, &mut Money)> = None;
        for l in &self.lines {
            let key = l.activity.as_deref();
            if let Some((k, m)) = current.as_mut()
                && *k == key
            {
                **m += l.amount;
                continue;
            }
            let m = match totals.entry((key.is_none(), key)) {
                Entry::Vacant(v) => v.insert(l.amount),
                Entry::Occupied(o) => {
                    let m = o.into_mut();
                    *m += l.amount;
                    m
                }
            };
            current = Some((key, m));
        }
        totals
            .into_iter()
            .map(|((_, a), m)| (a.map(str::to_string), m))
            .collect()
    }

    /// Subtotals by category, in the Guide's order.
    pub fn by_category(&self) -> Vec<(Category, Money)> {
        let mut out: Vec<(Category, Money)> = Vec::new();
        for l in &self.lines {
            match out.iter_mut().find(|(c, _)| *c == l.category) {
                Some((_, m)) => *m += l.amount,
                None => out.push((l.category, l.amount)),
            }
        }
        out.sort_by_key(|(c, _)| *c);
        out
    }
}

/// Shared state while computing: the rules, the findings, the figures used.
pub(crate) struct Ctx<'a> {
    pub ws: &'a Workspace,
    pub rules: &'a Rules,
    /// Places found so far, shared with the outputs (see [`distance::Locator`]).
    pub locator: &'a mut distance::Locator,
    pub diags: Vec<Diagnostic>,
    pub lines: Vec<Line>,
    pub distances: Vec<FlowDistance>,
    /// The unit-cost travel of each flow, for expensive travel to replace.
    pub travel: Vec<FlowTravel<'a>>,
    relied: BTreeSet<String>,
    /// The pack's band-edge rule is recorded in `relied` already.
    pub band_edges_used: bool,
    /// The label of each of the pack's travel bands ("500-1999 km"), in
    /// the pack's order: written once, copied into each flow's records.
    pub band_labels: Vec<String>,
    /// Each route measured so far, by the two places' coordinates: the
    /// flows of a large workspace travel the same few routes again and
    /// again.
    routes: FxHashMap<[u64; 4], Route>,
    /// The band edges and their warning margins, once per budget.
    edge_margins: Option<distance::EdgeMargins>,
    /// The sending partners of the flows, by id.
    pub partners: crate::rules::PartnerIndex<'a>,
}

/// A route between two places: its great-circle distance, the band of that
/// distance and the band edge it lies near (see [`distance::EdgeMargins`]),
/// worked out once per pair of places.
#[derive(Clone, Copy)]
pub(crate) struct Route {
    pub km: Decimal,
    /// The position of the band in the pack's `travel_bands`.
    pub band: Option<usize>,
    /// The band edge within the pack's `edge_warning_percent`, if any.
    pub near_edge: Option<u32>,
}

/// The unit-cost travel grant of one flow: what an expensive-travel claim
/// is tested against and replaces.
pub(crate) struct FlowTravel<'a> {
    pub activity: &'a str,
    pub flow: usize,
    pub from: Option<&'a str>,
    pub persons: u32,
    /// The unit cost per person (0 under the no-grant distance).
    pub rate: Money,
    /// The position of the band in the pack's `travel_bands`, `None` under
    /// the no-grant distance; see [`Ctx::travel_label`].
    pub band: Option<usize>,
    pub green: bool,
    /// The index of the flow's travel line in `Ctx::lines`.
    pub line: Option<usize>,
    /// Persons whose unit-cost travel an expensive-travel claim has replaced.
    pub replaced: u32,
}

impl Ctx<'_> {
    /// The route from `a` to `b`: [`distance::km`], its band and the band
    /// edge it lies near, worked out once per pair of places.
    pub fn route(&mut self, a: (f64, f64), b: (f64, f64)) -> Route {
        let key = [a.0.to_bits(), a.1.to_bits(), b.0.to_bits(), b.1.to_bits()];
        if let Some(r) = self.routes.get(&key) {
            return *r;
        }
        let km = distance::km(a, b);
        let route = Route {
            km,
            band: distance::band_index(&self.rules.call, km),
            near_edge: self.near_edge(km),
        };
        self.routes.insert(key, route);
        route
    }

    /// The band edge within the pack's `edge_warning_percent` of `km`, if
    /// the pack sets one.
    pub fn near_edge(&mut self, km: Decimal) -> Option<u32> {
        let pct = self.rules.call.distance.edge_warning_percent.as_ref()?;
        let call = &self.rules.call;
        self.edge_margins
            .get_or_insert_with(|| distance::EdgeMargins::new(call, pct.value))
            .near(km)
    }

    /// The band and kind of a flow's travel, e.g. "500-1999 km, green".
    pub fn travel_label(&self, band: Option<usize>, green: bool) -> String {
        match band.and_then(|i| self.band_labels.get(i)) {
            Some(label) => {
                let how = if green { "green" } else { "standard" };
                let mut s = String::with_capacity(label.len() + 2 + how.len());
                s.push_str(label);
                s.push_str(", ");
                s.push_str(how);
                s
            }
            None => String::from("under 10 km, no travel grant"),
        }
    }

    pub fn uses(&mut self, what: &str, fig: &dyn Sourced) {
        crate::rules::rely(&mut self.relied, what, fig);
    }

    pub fn line(
        &mut self,
        activity: Option<&str>,
        flow: Option<(usize, Option<&str>)>,
        category: Category,
        basis: String,
        amount: Money,
    ) {
        self.lines.push(Line {
            activity: activity.map(str::to_string),
            flow: flow.map(|(n, _)| n),
            from: flow.and_then(|(_, f)| f.map(str::to_string)),
            category,
            basis,
            amount,
            reason: None,
            quantity: None,
            days: None,
            rate: None,
        });
    }

    /// Adds a unit-cost line whose amount is `quantity` x `days` x `rate`
    /// by construction (either count left out when it does not apply):
    /// its factors are recorded as they are, not tested as by
    /// [`Ctx::factors`].
    pub fn unit_line(
        &mut self,
        activity: &str,
        flow: (usize, Option<&str>),
        category: Category,
        basis: String,
        (quantity, days, rate): (u32, Option<u32>, Money),
        amount: Money,
    ) {
        self.line(Some(activity), Some(flow), category, basis, amount);
        if let Some(l) = self.lines.last_mut() {
            l.quantity = Some(quantity);
            l.days = days;
            l.rate = Some(rate);
        }
    }

    /// Records the factors of the last line (`quantity` x `days` x `rate`,
    /// either count left out when it does not apply), where their product
    /// is its amount.
    pub fn factors(&mut self, quantity: Option<u32>, days: Option<u32>, rate: Money) {
        if let Some(l) = self.lines.last_mut() {
            let product = Money::from(quantity.unwrap_or(1)) * Money::from(days.unwrap_or(1)) * rate;
            if product == l.amount {
                l.quantity = quantity;
                l.days = days;
                l.rate = Some(rate);
            }
        }
    }
}

/// `1 person`, `8 persons`: a count with its noun, for the bases of lines.
pub(crate) fn counted(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    use std::fmt::Write as _;
    // One string, the number written into it and the noun after it.
    let mut s = String::with_capacity(8 + many.len().max(one.len()));
    let _ = write!(s, "{n}");
    let noun = if s == "1" { one } else { many };
    s.push(' ');
    s.push_str(noun);
    s
}

/// Appends [`counted`] of a whole number to `s`, written by `itoa` (the
/// bases of the thousands of lines of a large budget count something
/// each).
pub(crate) fn push_counted(s: &mut String, n: impl itoa::Integer, one: &str, many: &str) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    s.push_str(digits);
    s.push(' ');
    s.push_str(if digits == "1" { one } else { many });
}

/// Rounds a percentage-based amount as the pack says (cents, half up).
pub(crate) fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Computes the budget. Findings (unknown cities, band edges, caps) come back
/// beside it; the budget is usable only when the workspace has no error.
/// `locator` keeps the places found, for the outputs to reuse.
pub fn compute(ws: &Workspace, rules: &Rules, locator: &mut distance::Locator) -> (Budget, Vec<Diagnostic>) {
    // Room for a flow's travel, individual, organisational and inclusion
    // lines: a budget of thousands of lines is not moved as it grows.
    let flows: usize = ws.activities.iter().map(|a| a.flows.len()).sum();
    let mut cx = Ctx {
        ws,
        rules,
        locator,
        diags: Vec::new(),
        lines: Vec::with_capacity(4 * flows + 8),
        distances: Vec::with_capacity(flows),
        travel: Vec::with_capacity(flows),
        relied: BTreeSet::new(),
        band_edges_used: false,
        band_labels: rules.call.travel_bands.iter().map(distance::band_label).collect(),
        routes: FxHashMap::default(),
        edge_margins: None,
        partners: crate::rules::PartnerIndex::default(),
    };
    match rules.action.action.family {
        Family::YouthMobility | Family::YouthParticipation => mobility::compute(&mut cx),
        Family::SmallScale | Family::Cooperation => lump_sum::compute(&mut cx),
    }
    let budget = Budget {
        action: rules.code.clone(),
        call: rules.call.pack.call,
        lines: cx.lines,
        distances: cx.distances,
        unconfirmed_figures: cx.relied.into_iter().collect(),
    };
    (budget, cx.diags)
}

#[cfg(test)]
mod properties;
