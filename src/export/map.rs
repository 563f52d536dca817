//! What the map exports (GeoJSON and KML) show: the partners and the venues
//! as points, each flow of participants as a line from its place of origin
//! to the venue, with its distance and band from the budget.
//!
//! A flow's line joins the very coordinates its distance was measured
//! between (kept on the budget's `FlowDistance`). Partners, venues, and the
//! flows whose distance the workspace gives (`distance_km`) are placed the
//! same way the budget places them: `coordinates` where given, else the
//! embedded gazetteer. A place coopcom cannot locate is left off the map.

use crate::analysis::Analysis;
use crate::budget::Budget;
use crate::budget::distance::Locator;
use crate::workspace::{Partner, Place};

/// (latitude, longitude), as everywhere in coopcom; the writers turn it
/// into the longitude-first order of their format.
pub type LatLon = (f64, f64);

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Point(LatLon),
    Line(LatLon, LatLon),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Count(u32),
    Flag(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// Unique within the map, e.g. `partner/alc`, `flow/a1-castelldefels/1`.
    pub id: String,
    /// "partner", "venue" or "flow".
    pub kind: &'static str,
    pub name: String,
    pub shape: Shape,
    /// Shown in a map tool's pop-up, in this order.
    pub properties: Vec<(&'static str, Value)>,
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn opt(v: &Option<crate::workspace::S<String>>) -> String {
    v.as_ref().map(|x| x.value.clone()).unwrap_or_default()
}

/// Every feature of the map: partners (the applicant first, as in every list of organisations), venues, then flows.
pub fn features(a: &Analysis, budget: &Budget) -> Vec<Feature> {
    let ws = &a.ws;
    // The budget's places: what it found is not looked up again.
    let mut locator = a.locator.clone();
    let mut out = Vec::new();
    for p in ws.organisations() {
        let Some(at) = partner_at(p, &mut locator) else {
            continue;
        };
        let country = opt(&p.country);
        out.push(Feature {
            id: format!("partner/{}", p.id.value),
            kind: "partner",
            name: opt(&p.name),
            shape: Shape::Point(at),
            properties: vec![
                ("partner", text(&p.id.value)),
                (
                    "role",
                    text(p.role.as_ref().map(|r| r.value.as_str()).unwrap_or_default()),
                ),
                ("city", text(&opt(&p.city))),
                ("country", text(&country)),
                ("country_name", Value::Text(super::country_name(&country))),
            ],
        });
    }
    for act in &ws.activities {
        let Some(venue) = &act.venue else { continue };
        let measured = a
            .index
            .distances(budget, &act.id.value)
            .next()
            .and_then(|d| d.venue_coords);
        let Some(at) = measured.or_else(|| place_at(venue, &mut locator)) else {
            continue;
        };
        out.push(Feature {
            id: format!("venue/{}", act.id.value),
            kind: "venue",
            name: opt(&act.title),
            shape: Shape::Point(at),
            properties: vec![
                ("activity", text(&act.id.value)),
                ("city", text(&opt(&venue.city))),
                ("country", text(&opt(&venue.country))),
                ("start", Value::Text(date(&act.start))),
                ("end", Value::Text(date(&act.end))),
                (
                    "host",
                    text(
                        &act.host
                            .as_ref()
                            .map(|h| super::partner_name(a, &h.value))
                            .unwrap_or_default(),
                    ),
                ),
            ],
        });
    }
    for wp in &ws.work_packages {
        for (i, x) in wp.activities.iter().enumerate() {
            let Some(at) = x.venue.as_ref().and_then(|v| place_at(v, &mut locator)) else {
                continue;
            };
            let venue = x.venue.as_ref();
            out.push(Feature {
                id: format!("venue/{}/{}", wp.id.value, i + 1),
                kind: "venue",
                name: opt(&x.title),
                shape: Shape::Point(at),
                properties: vec![
                    ("work_package", text(&wp.id.value)),
                    ("city", text(&venue.map(|v| opt(&v.city)).unwrap_or_default())),
                    (
                        "country",
                        text(&venue.map(|v| opt(&v.country)).unwrap_or_default()),
                    ),
                    ("start", Value::Text(date(&x.start))),
                    ("end", Value::Text(date(&x.end))),
                ],
            });
        }
    }
    for d in &budget.distances {
        let Some(act) = ws.activity(&d.activity) else {
            continue;
        };
        let flow = act.flows.get(d.flow.saturating_sub(1));
        let ends = match (d.origin_coords, d.venue_coords) {
            (Some(o), Some(v)) => Some((o, v)),
            _ => {
                let origin = match flow.and_then(|f| f.origin.as_ref()) {
                    Some(o) => place_at(o, &mut locator),
                    None => d
                        .from
                        .as_deref()
                        .and_then(|id| ws.partner(id))
                        .and_then(|p| partner_at(p, &mut locator)),
                };
                let venue = act.venue.as_ref().and_then(|v| place_at(v, &mut locator));
                origin.zip(venue)
            }
        };
        let Some((o, v)) = ends else { continue };
        let km = rust_decimal::prelude::ToPrimitive::to_f64(&d.km.round_dp(2)).unwrap_or_default();
        let from = d.from.clone().unwrap_or_default();
        out.push(Feature {
            id: format!("flow/{}/{}", d.activity, d.flow),
            kind: "flow",
            name: format!("{} to {}", d.origin, d.venue),
            shape: Shape::Line(o, v),
            properties: vec![
                ("activity", text(&d.activity)),
                ("flow", Value::Count(u32::try_from(d.flow).unwrap_or(u32::MAX))),
                ("from", text(&from)),
                ("from_name", Value::Text(super::partner_name(a, &from))),
                ("origin", text(&d.origin)),
                ("venue", text(&d.venue)),
                (
                    "participants",
                    Value::Count(flow.map(|f| f.participants()).unwrap_or(0)),
                ),
                ("distance_km", Value::Number(km)),
                ("band", text(d.band.as_deref().unwrap_or("under 10 km"))),
                ("green", Value::Flag(d.green)),
            ],
        });
    }
    out
}

/// Where a partner is: its `coordinates`, else its city. The findings of a
/// failed look-up were reported by `check` already.
fn partner_at(p: &Partner, locator: &mut Locator) -> Option<LatLon> {
    match (&p.coordinates, &p.city, &p.country) {
        (Some(c), _, _) => Some(c.value),
        (None, Some(city), Some(country)) => locator.city(city, country, &mut Vec::new()),
        _ => None,
    }
}

fn place_at(place: &Place, locator: &mut Locator) -> Option<LatLon> {
    locator.place(place, &mut Vec::new())
}

fn date(v: &Option<crate::workspace::S<chrono::NaiveDate>>) -> String {
    v.as_ref().map(|d| d.value.to_string()).unwrap_or_default()
}

/// The map's title: the project's title.
pub fn title(a: &Analysis) -> String {
    opt(&a.ws.project.title)
}
