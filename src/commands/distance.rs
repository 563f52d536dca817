//! `coopcom distance "Nice, FR" "Castelldefels, ES"`: the one-way
//! great-circle distance and its travel band, as a flow would get them.

use anyhow::Result;

use crate::budget::distance::{band_label, band_of, km, near_edge};
use crate::cli::DistanceArgs;
use crate::geo::{self, Lookup};
use crate::output::Output;
use crate::pack::registry;
use crate::{EXIT_FAILURE, EXIT_OK};

/// Coordinates of "City, CC" or "lat,lon", with a printable name.
fn place(text: &str) -> Result<((f64, f64), String), String> {
    if let Some((a, b)) = text.split_once(',')
        && let (Ok(lat), Ok(lon)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>())
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
    {
        return Ok(((lat, lon), format!("[{lat}, {lon}]")));
    }
    let Some((city, country)) = text.rsplit_once(',') else {
        return Err(format!(
            "\"{text}\": write a place as \"City, CC\", e.g. \"Nice, FR\""
        ));
    };
    let (city, country) = (city.trim(), country.trim());
    let Some(code) = geo::canonical_country(country) else {
        let hint = geo::suggest_country(country)
            .map(|c| format!(" (did you mean {c}?)"))
            .unwrap_or_default();
        return Err(format!(
            "\"{country}\" is not an ISO 3166-1 alpha-2 country code{hint}"
        ));
    };
    match geo::gazetteer().lookup(city, code) {
        Lookup::Found(p) => Ok((p.coords(), format!("{}, {}", p.name, p.country))),
        Lookup::Ambiguous(places) => Err(format!(
            "several places in {code} are called \"{city}\": {}; give coordinates as \"lat,lon\" instead",
            places
                .iter()
                .map(|p| format!("{} [{:.4}, {:.4}]", p.name, p.lat, p.lon))
                .collect::<Vec<_>>()
                .join("; ")
        )),
        Lookup::NotFound { suggestions } => Err(format!(
            "coopcom does not know \"{city}\" in {code}{}",
            if suggestions.is_empty() {
                String::new()
            } else {
                format!(
                    "; did you mean {}?",
                    suggestions
                        .iter()
                        .map(|p| p.name)
                        .collect::<Vec<_>>()
                        .join(" or ")
                )
            }
        )),
    }
}

pub fn run(args: &DistanceArgs, out: &Output) -> Result<i32> {
    let (a, b) = match (place(&args.from), place(&args.to)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            out.error(&e);
            return Ok(EXIT_FAILURE);
        }
    };
    let rules = match registry::resolve("KA152-YOU", args.call, None) {
        Ok(r) => r,
        Err(_) => {
            out.error(&format!("no rule pack for call {}", args.call));
            return Ok(EXIT_FAILURE);
        }
    };
    let d = km(a.0, b.0);
    let band = band_of(&rules.call, d);
    let mut text = format!("{} to {}: {d} km one way (great-circle)\n", a.1, b.1);
    match band {
        Some(b) => text.push_str(&format!(
            "band {} (call {}): standard EUR {:.2}, green EUR {:.2} per person\n",
            band_label(b),
            args.call,
            b.standard,
            b.green
        )),
        None => text.push_str("under 10 km: no travel grant\n"),
    }
    if let Some(pct) = &rules.call.distance.edge_warning_percent
        && let Some(edge) = near_edge(&rules.call, d, pct.value)
    {
        text.push_str(&format!(
            "warning: within {} % of the {edge} km band edge; check the official distance calculator\n",
            pct.value.normalize()
        ));
    }
    out.data(&text)?;
    Ok(EXIT_OK)
}
