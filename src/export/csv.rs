//! The flows of participants as CSV, beside the budget lines of
//! [`crate::budget::csv`]: one row per flow, in the same dialect
//! ([`crate::csv`]), so LibreOffice, Excel and Google Sheets open both files
//! as they are.

use std::fmt::Write as _;

use crate::analysis::Analysis;
use crate::budget::Budget;
use crate::csv::text as field;

const HEADER: &str = "activity,flow,from,country,origin,venue,participants,fewer_opportunities,women,\
group_leaders,facilitators,accompanying,km,band,green,travel_days\r\n";

/// One row per flow of every activity, in workspace order. `km` and `band`
/// come from the budget; `km` is empty when the distance is unknown, and
/// `travel_days` when the flow does not give it.
pub fn flows(a: &Analysis, budget: &Budget) -> String {
    let ws = &a.ws;
    let mut s = String::from(HEADER);
    for act in &ws.activities {
        let venue = act
            .venue
            .as_ref()
            .and_then(|v| v.city.as_ref())
            .map(|c| c.value.as_str())
            .unwrap_or_default();
        for (i, f) in act.flows.iter().enumerate() {
            let number = i + 1;
            let dist = a.index.distance(budget, &act.id.value, number);
            let from = f.from.as_ref().map(|x| x.value.as_str()).unwrap_or_default();
            let country = ws
                .partner(from)
                .and_then(|p| p.country.as_ref())
                .map(|c| c.value.as_str())
                .unwrap_or_default();
            let origin = dist.map(|d| d.origin.as_str()).unwrap_or_default();
            let count = |v: &Option<crate::workspace::S<u32>>| v.as_ref().map(|x| x.value).unwrap_or(0);
            let _ = write!(
                s,
                "{},{number},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
                field(&act.id.value),
                field(from),
                field(country),
                field(origin),
                field(venue),
                f.participants(),
                f.fewer_opportunities(),
                count(&f.women),
                f.group_leaders(),
                f.facilitators(),
                f.accompanying(),
                dist.map(|d| format!("{:.2}", d.km.round_dp(2)))
                    .unwrap_or_default(),
                field(
                    dist.map(|d| d.band.as_deref().unwrap_or("under 10 km"))
                        .unwrap_or_default()
                ),
                field(if f.green() { "yes" } else { "no" }),
                f.travel_days
                    .as_ref()
                    .map(|t| t.value.to_string())
                    .unwrap_or_default(),
            );
        }
    }
    s
}
