//! The map as GeoJSON (RFC 7946): one FeatureCollection with the partners
//! and venues as Points and each flow as a LineString from its place of
//! origin to the venue. Positions are `[longitude, latitude]`, as the RFC
//! orders them.

use anyhow::Result;
use geojson::{Feature, FeatureCollection, Geometry, JsonObject, feature::Id};
use serde_json::Value as JsonValue;

use super::map::{self, Shape, Value};
use crate::analysis::Analysis;
use crate::budget::Budget;

/// The FeatureCollection, pretty-printed, properties in sorted key order.
pub fn map(a: &Analysis, budget: &Budget) -> Result<String> {
    let features = map::features(a, budget).into_iter().map(feature);
    let mut collection = FeatureCollection::new(features);
    let mut members = JsonObject::new();
    members.insert("name".into(), JsonValue::from(map::title(a)));
    collection.foreign_members = Some(members);
    let mut text = serde_json::to_string_pretty(&collection)?;
    text.push('\n');
    Ok(text)
}

fn feature(f: map::Feature) -> Feature {
    let lon_lat = |(lat, lon): map::LatLon| [lon, lat];
    let geometry = match f.shape {
        Shape::Point(p) => Geometry::new_point(lon_lat(p)),
        Shape::Line(from, to) => Geometry::new_line_string([lon_lat(from), lon_lat(to)]),
    };
    let mut properties = JsonObject::new();
    properties.insert("name".into(), JsonValue::from(f.name));
    properties.insert("kind".into(), JsonValue::from(f.kind));
    for (key, value) in f.properties {
        let v = match value {
            Value::Text(s) => JsonValue::from(s),
            Value::Number(n) => JsonValue::from(n),
            Value::Count(n) => JsonValue::from(n),
            Value::Flag(b) => JsonValue::from(b),
        };
        properties.insert(key.into(), v);
    }
    Feature {
        bbox: None,
        geometry: Some(geometry),
        id: Some(Id::String(f.id)),
        properties: Some(properties),
        foreign_members: None,
    }
}
