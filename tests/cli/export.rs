//! `coopcom export`: every format on the bundled example, byte-identical
//! twice over, and each file read back by an independent reader (zip for
//! the xlsx and docx, an iCalendar parser, the geojson crate, an XML
//! parser); nothing exported from a workspace with errors; usage errors.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::support::{Run, TempDir, coopcom, copy_dir, fixture, repo, snapshot_tree};

const FORMATS: [&str; 6] = ["xlsx", "csv", "ics", "geojson", "kml", "docx"];

/// A copy of the bundled example in a temporary folder.
fn example(test: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(test);
    let ws = tmp.path().join("ws");
    copy_dir(&repo().join("examples").join("coopcom-refugees"), &ws);
    let _ = fs::remove_dir_all(ws.join("build"));
    (tmp, ws)
}

fn export(format: &str, ws: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&std::ffi::OsStr> = vec!["export".as_ref(), format.as_ref(), ws.as_os_str()];
    args.extend(extra.iter().map(|e| std::ffi::OsStr::new(*e)));
    coopcom(args)
}

/// Exports `format` of the example to a file and returns its bytes.
fn exported(format: &str, test: &str) -> Vec<u8> {
    let (tmp, ws) = example(test);
    let out = tmp.path().join(format!("out.{format}"));
    export(format, &ws, &["--out", out.to_str().unwrap()]).expect_status(0);
    fs::read(&out).unwrap()
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entry = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("no {name} in the zip: {e}"));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

fn budget_total() -> String {
    let example = repo().join("examples").join("coopcom-refugees");
    let run = coopcom(["budget", example.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    v["total"].as_str().unwrap().to_string()
}

#[test]
fn every_format_exports_the_example_into_build_identically_twice() {
    let (_tmp, ws) = example("export-twice");
    let names = [
        ("xlsx", vec!["coopcom-budget.xlsx"]),
        ("csv", vec!["coopcom-budget.csv", "coopcom-flows.csv"]),
        ("ics", vec!["coopcom-calendar.ics"]),
        ("geojson", vec!["coopcom-map.geojson"]),
        ("kml", vec!["coopcom-map.kml"]),
        ("docx", vec!["coopcom-application.docx"]),
    ];
    for (format, files) in names {
        let run = export(format, &ws, &[]);
        run.expect_status(0);
        let first = snapshot_tree(&ws.join("build"));
        let listed: Vec<&str> = first.keys().map(String::as_str).collect();
        assert_eq!(listed, files, "{format}: files in build/");
        fs::remove_dir_all(ws.join("build")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        export(format, &ws, &[]).expect_status(0);
        let second = snapshot_tree(&ws.join("build"));
        assert!(
            first == second,
            "{format}: a second export differs from the first"
        );
        assert!(run.stdout.is_empty(), "{format}: data on stdout without --out -");
        fs::remove_dir_all(ws.join("build")).unwrap();
    }
}

#[test]
fn every_format_exports_every_base_fixture() {
    for base in [
        "ka152-youth-exchange",
        "ka153-youth-workers",
        "ka154-youth-participation",
        "ka210-small-scale",
        "ka220-adult-education",
    ] {
        let tmp = TempDir::new("export-bases");
        for format in FORMATS {
            let out = tmp.path().join(format!("{base}.{format}"));
            let mut args = vec!["--out", out.to_str().unwrap()];
            if format == "csv" {
                args.extend(["--what", "flows"]);
            }
            export(format, &fixture(base), &args).expect_status(0);
            assert!(fs::metadata(&out).unwrap().len() > 0, "{base}: empty {format}");
        }
    }
}

#[test]
fn xlsx_summary_comes_first_with_sum_formulas_over_the_activity_sheets() {
    let bytes = exported("xlsx", "export-xlsx");
    let workbook = unzip(&bytes, "xl/workbook.xml");
    let sheets: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(sheets, ["Summary", "a1-castelldefels", "a2-nice", "a3-istanbul"]);
    let summary = unzip(&bytes, "xl/worksheets/sheet1.xml");
    for sheet in &sheets[1..] {
        assert!(
            summary.contains(&format!("<f>SUM('{sheet}'!F2:F")),
            "no SUM over {sheet} in the Summary:\n{summary}"
        );
    }
    // The grant: a formula over the subtotals, cached as coopcom's total.
    let total = budget_total();
    assert!(
        summary.contains(&format!("<f>SUM(C2:C4)</f><v>{total}</v>")),
        "no total formula with {total}:\n{summary}"
    );
    assert!(summary.contains("SUMIF("), "no category formulas");
    let styles = unzip(&bytes, "xl/styles.xml");
    assert!(styles.contains("EUR"), "no euro number format:\n{styles}");
    assert!(styles.contains("<b/>"), "no bold header font");
    let sheet = unzip(&bytes, "xl/worksheets/sheet2.xml");
    assert!(sheet.contains("<col "), "no column widths");
    // A unit cost is its factors and their product, so that changing a
    // number in the sheet recalculates the line: the ALC flow's travel to
    // Castelldefels is 8 persons x 417.00 (green, 500-1999 km), its
    // individual support 8 persons x 7 days x 81.00 (A2.2, Spain).
    assert!(
        sheet.contains("<f>C2*E2</f><v>3336.00</v>"),
        "no travel formula persons x rate:\n{sheet}"
    );
    assert!(
        sheet.contains("<f>C3*D3*E3</f><v>4536.00</v>"),
        "no individual-support formula persons x days x rate:\n{sheet}"
    );
    // Eleven unit-cost lines with formulas and the sheet's total; the
    // interpreter (inclusion support) and the visas are real costs, written
    // as amounts.
    assert_eq!(sheet.matches("<f>").count(), 12, "{sheet}");
    let core = unzip(&bytes, "docProps/core.xml");
    assert!(
        core.contains("2026-11-01T00:00:00Z"),
        "creation date not the project start:\n{core}"
    );
}

/// The iCalendar text unfolded (RFC 5545 3.1): CRLF followed by one space or tab goes.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

fn events(text: &str) -> Vec<Vec<(String, String)>> {
    let parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendars: Vec<_> = parser.map(|c| c.expect("a valid calendar")).collect();
    assert_eq!(calendars.len(), 1);
    calendars[0]
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn prop<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

#[test]
fn ics_has_one_all_day_event_per_activity_and_the_key_dates_with_stable_uids() {
    let text = String::from_utf8(exported("ics", "export-ics")).unwrap();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "a line without CRLF: {line:?}");
        assert!(line.len() <= 77, "a line over 75 octets: {line:?}");
    }
    let events = events(&text);
    assert_eq!(events.len(), 6, "{events:#?}");
    let uids: BTreeSet<&str> = events.iter().map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), 6, "UIDs are not unique: {uids:?}");
    let expect = [
        ("a1-castelldefels.coopcom@coopcom", "20261218", "20261223"),
        ("a2-nice.coopcom@coopcom", "20270326", "20270330"),
        ("a3-istanbul.coopcom@coopcom", "20270625", "20270630"),
        ("deadline.coopcom@coopcom", "20260212", "20260213"),
        ("start.coopcom@coopcom", "20261101", "20261102"),
        ("end.coopcom@coopcom", "20271031", "20271101"),
    ];
    for (uid, start, end) in expect {
        let e = events
            .iter()
            .find(|e| prop(e, "UID") == uid)
            .unwrap_or_else(|| panic!("no event {uid}"));
        assert_eq!(prop(e, "DTSTART"), start, "{uid}");
        assert_eq!(prop(e, "DTEND"), end, "{uid}: DTEND is the day after the last");
        assert_eq!(prop(e, "DTSTAMP"), "20261101T000000Z", "{uid}");
    }
    let unfolded = unfold(&text);
    assert!(
        unfolded.contains("LOCATION:Castelldefels\\, Spain\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded
            .contains("Sending partners: Association Loisirs Culture (FR)\\, Gavina (ES)\\, KEPDER (TR)."),
        "{unfolded}"
    );
    assert!(unfolded.contains("Host: Gavina (ES)."), "{unfolded}");
}

#[test]
fn ics_folds_long_lines_with_accents_at_75_octets() {
    let (tmp, ws) = example("export-ics-fold");
    let title = "Gençlik çalışanları için Avrupa işbirliği: mülteci istihdamı ve topluluk desteği";
    let toml = fs::read_to_string(ws.join("coopcom.toml")).unwrap();
    let toml = toml.replace("title = \"COOPCOM REFUGEES\"", &format!("title = \"{title}\""));
    fs::write(ws.join("coopcom.toml"), toml).unwrap();
    let out = tmp.path().join("c.ics");
    export("ics", &ws, &["--out", out.to_str().unwrap()]).expect_status(0);
    let text = fs::read_to_string(&out).unwrap();
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(
        unfold(&text).contains(&format!("SUMMARY:Project start: {title}\r\n")),
        "the title does not unfold back:\n{text}"
    );
    assert_eq!(events(&text).len(), 6);
}

/// The GeoJSON export, checked against RFC 7946's structure. (The geojson
/// crate's own parser cannot read any document in this build: serde_json's
/// `arbitrary_precision`, which rust_decimal turns on, hands it numbers as
/// maps; its writer, which coopcom uses, is not affected.)
fn feature_collection(test: &str) -> Vec<serde_json::Value> {
    let text = String::from_utf8(exported("geojson", test)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().expect("a features array").clone();
    for f in &features {
        assert_eq!(f["type"], "Feature", "{f}");
        assert!(f["properties"].is_object(), "{f}");
        let coordinates = &f["geometry"]["coordinates"];
        match f["geometry"]["type"].as_str() {
            Some("Point") => assert!(position(coordinates).is_some(), "{f}"),
            Some("LineString") => {
                let line = coordinates.as_array().expect("a line");
                assert!(
                    line.len() >= 2 && line.iter().all(|p| position(p).is_some()),
                    "{f}"
                );
            }
            other => panic!("unexpected geometry {other:?}"),
        }
    }
    features
}

/// A position: two numbers.
fn position(p: &serde_json::Value) -> Option<(f64, f64)> {
    match p.as_array()?.as_slice() {
        [a, b] => Some((a.as_f64()?, b.as_f64()?)),
        _ => None,
    }
}

fn positions(f: &serde_json::Value) -> Vec<(f64, f64)> {
    let c = &f["geometry"]["coordinates"];
    match position(c) {
        Some(p) => vec![p],
        None => c.as_array().unwrap().iter().filter_map(position).collect(),
    }
}

#[test]
fn geojson_places_partners_venues_and_flows_longitude_first() {
    let features = feature_collection("export-geojson");
    assert_eq!(features.len(), 3 + 3 + 9, "3 partners, 3 venues, 9 flows");
    let by_id = |id: &str| {
        features
            .iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("no feature {id}"))
    };
    let near =
        |(lon, lat): (f64, f64), want: (f64, f64)| (lon - want.0).abs() < 0.01 && (lat - want.1).abs() < 0.01;
    let nice = (7.27, 43.70);
    let castelldefels = (1.98, 41.28);
    let alc = by_id("partner/alc");
    assert_eq!(alc["geometry"]["type"], "Point");
    assert!(
        near(positions(alc)[0], nice),
        "Nice at {:?}, not [lon, lat]",
        positions(alc)
    );
    let flow = by_id("flow/a1-castelldefels/1");
    assert_eq!(flow["geometry"]["type"], "LineString");
    let line = positions(flow);
    assert_eq!(line.len(), 2);
    assert!(near(line[0], nice) && near(line[1], castelldefels), "{line:?}");
    assert_eq!(flow["properties"]["distance_km"].as_f64(), Some(510.44));
    assert_eq!(flow["properties"]["band"], "500-1999 km");
    assert_eq!(flow["properties"]["green"], true);
    // Every position of the map is [longitude, latitude] in Europe.
    for f in &features {
        for (lon, lat) in positions(f) {
            assert!(
                (-10.0..45.0).contains(&lon) && (35.0..60.0).contains(&lat),
                "{}: ({lon}, {lat})",
                f["id"]
            );
        }
    }
}

#[test]
fn kml_is_well_formed_with_one_placemark_per_map_feature() {
    let text = String::from_utf8(exported("kml", "export-kml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut placemarks = 0;
    let mut coordinates = Vec::new();
    let mut in_coordinates = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"Placemark" => placemarks += 1,
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"coordinates" => {
                in_coordinates = true
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == b"coordinates" => in_coordinates = false,
            quick_xml::events::Event::Text(t) if in_coordinates => {
                coordinates.push(String::from_utf8(t.to_vec()).unwrap())
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(placemarks, feature_collection("export-kml-geojson").len());
    assert!(
        coordinates.contains(&"7.2661,43.7031,0".to_string()),
        "{coordinates:?}"
    );
    assert!(coordinates.contains(&"7.2661,43.7031,0 1.9766,41.2797,0".to_string()));
}

#[test]
fn docx_has_real_headings_and_tables_and_shows_markup_as_text() {
    let (tmp, ws) = example("export-docx");
    let partner = ws.join("partners").join("kepder.toml");
    let text = fs::read_to_string(&partner)
        .unwrap()
        .replace("name = \"KEPDER\"", "name = \"<script>KEPDER</script>\"");
    fs::write(&partner, text).unwrap();
    let narrative = ws.join("narrative").join("summary").join("objectives.md");
    fs::write(
        &narrative,
        "We **train** <img src=x onerror=alert(2)> *youth workers*.\n\n- one\n- two\n",
    )
    .unwrap();
    let out = tmp.path().join("a.docx");
    export("docx", &ws, &["--out", out.to_str().unwrap()]).expect_status(0);
    let bytes = fs::read(&out).unwrap();
    let doc = unzip(&bytes, "word/document.xml");
    for style in ["Heading1", "Heading2", "Heading3"] {
        assert!(
            doc.contains(&format!("<w:pStyle w:val=\"{style}\" />")),
            "no {style}"
        );
    }
    assert!(doc.contains("<w:tbl>"), "no table");
    assert!(doc.contains("COOPCOM REFUGEES"));
    assert!(
        doc.contains("&lt;script&gt;KEPDER&lt;/script&gt;"),
        "the name is not text"
    );
    assert!(
        !doc.contains("<script") && !doc.contains("<img"),
        "markup passed through"
    );
    assert!(doc.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(doc.contains("<w:b />"), "no bold run");
    assert!(doc.contains("<w:numPr>"), "no list");
    let styles = unzip(&bytes, "word/styles.xml");
    assert!(styles.contains("<w:name w:val=\"heading 1\" />"), "{styles}");
}

#[test]
fn docx_shows_the_timeline_as_a_chart_of_months() {
    let bytes = exported("docx", "export-docx-timeline");
    let archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    // A chart the word processor lays out itself: no picture to rasterise.
    assert!(!archive.file_names().any(|n| n.starts_with("word/media/")));
    let doc = unzip(&bytes, "word/document.xml");
    let heading = doc.find(">Timeline</w:t>").expect("no Timeline heading");
    let start = heading + doc[heading..].find("<w:tbl>").unwrap();
    let end = start + doc[start..].find("</w:tbl>").unwrap();
    let rows: Vec<&str> = doc[start..end].split("<w:tr>").skip(1).collect();
    // The example runs from 2026-11-01 to 2027-10-31: twelve months, two of
    // 2026 (November, December) and ten of 2027, then one row per activity.
    assert_eq!(rows.len(), 2 + 3, "{rows:?}");
    assert!(rows[0].contains(">2026</w:t>") && rows[0].contains("<w:gridSpan w:val=\"2\" />"));
    assert!(rows[0].contains(">2027</w:t>") && rows[0].contains("<w:gridSpan w:val=\"10\" />"));
    let numbers: Vec<&str> = rows[1]
        .split("<w:t xml:space=\"preserve\">")
        .skip(2) // before the first cell, and the label column's empty cell
        .filter_map(|t| t.split("</w:t>").next())
        .collect();
    assert_eq!(
        numbers,
        ["11", "12", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
    );
    // Each activity's cell is shaded in its month only: Castelldefels
    // 18-22 December 2026 (month 2 of the chart), Nice 26-29 March 2027
    // (month 5), Istanbul 25-29 June 2027 (month 8).
    for (row, (label, month)) in
        rows[2..]
            .iter()
            .zip([("a1-castelldefels", 2), ("a2-nice", 5), ("a3-istanbul", 8)])
    {
        assert!(row.contains(label), "{row}");
        let cells: Vec<&str> = row.split("<w:tc>").skip(2).collect();
        assert_eq!(cells.len(), 12, "{row}");
        let shaded: Vec<usize> = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.contains("w:fill=\"1F4E8C\""))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(shaded, [month], "{label}");
    }
}

#[test]
fn csv_writes_the_budget_lines_and_the_flows() {
    let (_tmp, ws) = example("export-csv");
    export("csv", &ws, &[]).expect_status(0);
    let budget = fs::read_to_string(ws.join("build").join("coopcom-budget.csv")).unwrap();
    let same = coopcom(["budget", ws.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(budget, same.stdout);
    let flows = fs::read_to_string(ws.join("build").join("coopcom-flows.csv")).unwrap();
    let rows: Vec<&str> = flows.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 1 + 9, "{flows}");
    assert!(rows[0].starts_with("activity,flow,from,country,origin,venue,participants,"));
    assert_eq!(
        rows[1],
        "\"a1-castelldefels\",1,\"alc\",\"FR\",\"Nice\",\"Castelldefels\",8,2,5,0,0,0,510.44,\"500-1999 km\",\"yes\",2"
    );
    let only = export("csv", &ws, &["--what", "flows", "--out", "-"]);
    only.expect_status(0);
    assert_eq!(only.stdout, flows);
}

#[test]
fn csv_neutralises_cities_a_spreadsheet_would_run_as_a_formula() {
    let tmp = TempDir::new("export-csv-formula");
    let ws = tmp.path().join("ws");
    copy_dir(&fixture("ka152-youth-exchange"), &ws);
    let edit = |rel: &str, old: &str, new: &str| {
        let path = ws.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(old), "{rel}: no `{old}`");
        fs::write(&path, text.replacen(old, new, 1)).unwrap();
    };
    edit(
        "activities/a1-valencia-exchange.toml",
        "city = \"Valencia\"",
        "city = '=HYPERLINK(\"http://x\",\"y\")'",
    );
    edit("partners/lyon.toml", "city = \"Lyon\"", "city = '@SUM(1+1)'");
    export("csv", &ws, &[]).expect_status(0);
    let flows = fs::read_to_string(ws.join("build").join("rivers-flows.csv")).unwrap();
    let rows: Vec<&str> = flows.split_terminator("\r\n").collect();
    assert_eq!(
        rows[2],
        "\"a1-valencia-exchange\",1,\"lyon\",\"FR\",\"'@SUM(1+1)\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",12,4,6,2,0,0,819.15,\"500-1999 km\",\"yes\",4"
    );
    // Other text is left as it is.
    assert!(rows[1].contains(",\"Valencia\","), "{flows}");
}

#[test]
fn out_dash_writes_text_to_stdout_and_nothing_else() {
    let (_tmp, ws) = example("export-stdout");
    let run = export("ics", &ws, &["--out", "-"]);
    run.expect_status(0);
    assert!(run.stdout.starts_with("BEGIN:VCALENDAR\r\n"), "{}", run.stdout);
    assert!(!ws.join("build").exists(), "a file was written");
}

#[test]
fn a_workspace_with_errors_exports_nothing() {
    let (_tmp, ws) = example("export-errors");
    let activity = ws.join("activities").join("a1-castelldefels.toml");
    let text = fs::read_to_string(&activity)
        .unwrap()
        .replace("host = \"gavina\"", "host = \"nobody\"");
    fs::write(&activity, text).unwrap();
    for format in FORMATS {
        let run = export(format, &ws, &[]);
        run.expect_status(1);
        assert!(run.stderr.contains("nothing exported"), "{}", run.stderr);
        assert!(
            run.stderr.contains("error["),
            "the errors are not listed: {}",
            run.stderr
        );
        assert!(!ws.join("build").exists(), "{format}: something was written");
    }
}

#[test]
fn bad_out_is_a_usage_error() {
    let (tmp, ws) = example("export-usage");
    let dir = tmp.path().to_str().unwrap();
    for format in FORMATS {
        let run = export(
            format,
            &ws,
            &["--out", dir, "--what", "budget"][..if format == "csv" { 4 } else { 2 }],
        );
        run.expect_status(2);
        assert!(run.stderr.contains("is a folder"), "{format}: {}", run.stderr);
    }
    export("xlsx", &ws, &["--out", "-"]).expect_status(2);
    export("docx", &ws, &["--out", "-"]).expect_status(2);
    export("csv", &ws, &["--out", "-"]).expect_status(2);
    export("kml", &ws, &["--what", "flows"]).expect_status(2);
    assert!(!ws.join("build").exists());
}
