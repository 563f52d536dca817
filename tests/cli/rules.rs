//! Rule packs: every eligibility rule on both sides of its boundary. Each
//! test copies a valid base workspace, changes one line (or the few lines
//! the case needs) and expects the code at the changed value, or its
//! absence on the passing side.

use crate::support::*;

const KA152: &str = "ka152-youth-exchange";
const KA153: &str = "ka153-youth-workers";
const KA210: &str = "ka210-small-scale";
const KA220: &str = "ka220-adult-education";

const MANIFEST: &str = "coopcom.toml";
/// The youth exchange of the KA152 base.
const EXCHANGE: &str = "activities/a1-valencia-exchange.toml";
/// The preparatory visit of the KA152 base.
const VISIT: &str = "activities/a0-preparatory-visit.toml";
/// The training course of the KA153 base.
const TRAINING: &str = "activities/a1-krakow-training.toml";

/// 1-based column (in characters) of `needle` in `line`.
#[track_caller]
fn col(line: &str, needle: &str) -> usize {
    let i = line
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in `{line}`"));
    line[..i].chars().count() + 1
}

/// Column of the value of a `key = value` line.
#[track_caller]
fn value_col(line: &str) -> usize {
    col(line, "= ") + 2
}

/// Copies `base`, replaces one line, checks; returns the report and the
/// changed line's number.
#[track_caller]
fn one_line(base: &str, test: &str, file: &str, old: &str, new: &str) -> (Report, usize) {
    let ws = Ws::copy(base, test);
    let line = ws.edit(file, old, new);
    (ws.check(), line)
}

// ------------------------------------------------------------ project (3xx)

#[test]
fn cc303_project_of_exactly_24_months_passes() {
    let (r, _) = one_line(
        KA152,
        "cc303_24",
        MANIFEST,
        "end = 2027-08-31",
        "end = 2028-08-31",
    );
    r.passes();
    r.absent("CC303");
}

#[test]
fn cc303_project_of_24_months_and_1_day_fails() {
    let new = "end = 2028-09-01";
    let (r, line) = one_line(KA152, "cc303_24_1", MANIFEST, "end = 2027-08-31", new);
    r.fails();
    r.at("CC303", MANIFEST, line, value_col(new))
        .error()
        .says(&["24 months and 1 day", "3 to 24 months", "Guide 2026 p. 157"])
        .helps("2028-08-31");
}

#[test]
fn cc303_project_of_exactly_3_months_passes() {
    let (r, _) = one_line(KA152, "cc303_3", MANIFEST, "end = 2027-08-31", "end = 2026-11-30");
    r.passes();
    r.absent("CC303");
}

#[test]
fn cc303_project_one_day_short_of_3_months_fails() {
    let new = "end = 2026-11-29";
    let (r, line) = one_line(KA152, "cc303_3_short", MANIFEST, "end = 2027-08-31", new);
    r.fails();
    r.at("CC303", MANIFEST, line, value_col(new))
        .error()
        .says(&["2 months and 29 days", "3 to 24 months"]);
}

#[test]
fn cc303_duration_months_instead_of_end() {
    let (r, _) = one_line(
        KA152,
        "cc303_dm_ok",
        MANIFEST,
        "end = 2027-08-31",
        "duration_months = 12",
    );
    r.passes();
    r.absent("CC303").absent("CC306");
    let new = "duration_months = 25";
    let (r, line) = one_line(KA152, "cc303_dm_bad", MANIFEST, "end = 2027-08-31", new);
    r.fails();
    r.at("CC303", MANIFEST, line, value_col(new))
        .error()
        .says(&["25 months"]);
}

#[test]
fn cc306_end_and_duration_months_disagree() {
    let new = "end = 2027-08-31\nduration_months = 11";
    let (r, line) = one_line(KA152, "cc306", MANIFEST, "end = 2027-08-31", new);
    r.fails();
    r.at("CC306", MANIFEST, line + 1, 19)
        .error()
        .says(&["duration_months = 11"]);
}

#[test]
fn cc304_start_on_first_day_of_window_passes() {
    let (r, _) = one_line(
        KA152,
        "cc304_first",
        MANIFEST,
        "start = 2026-09-01",
        "start = 2026-06-01",
    );
    r.passes();
    r.absent("CC304");
}

#[test]
fn cc304_start_a_day_before_window_fails() {
    let new = "start = 2026-05-31";
    let (r, line) = one_line(KA152, "cc304_before", MANIFEST, "start = 2026-09-01", new);
    r.fails();
    r.at("CC304", MANIFEST, line, value_col(new)).error().says(&[
        "2026-05-31",
        "round 1",
        "deadline 2026-02-12",
        "2026-06-01",
        "2026-12-31",
        "Guide 2026 p. 157",
    ]);
}

#[test]
fn cc304_start_outside_the_window_of_round_2() {
    // The same start date, but round 2 projects start in 2027.
    let ws = Ws::copy(KA152, "cc304_round2");
    ws.edit(MANIFEST, "round = 1", "round = 2");
    let start = ws.line_of(MANIFEST, "start = 2026-09-01");
    let r = ws.check();
    r.fails();
    r.at("CC304", MANIFEST, start, 9)
        .error()
        .says(&["2027-01-01", "2027-05-31"]);
}

#[test]
fn cc305_unknown_round() {
    let new = "round = 3";
    let (r, line) = one_line(KA152, "cc305", MANIFEST, "round = 1", new);
    r.fails();
    r.at("CC305", MANIFEST, line, value_col(new))
        .error()
        .says(&["round 3", "KA152-YOU", "2026"])
        .helps("1, 2");
}

// -------------------------------------------------------- action, call (4xx)

#[test]
fn cc401_unknown_action_with_suggestion() {
    let new = "action = \"KA152-YUO\"";
    let (r, line) = one_line(KA152, "cc401", MANIFEST, "action = \"KA152-YOU\"", new);
    r.fails();
    r.at("CC401", MANIFEST, line, value_col(new))
        .error()
        .says(&["\"KA152-YUO\""])
        .helps("did you mean `KA152-YOU`?");
}

#[test]
fn cc401_unsupported_action_lists_the_supported_ones() {
    let (r, line) = one_line(
        KA152,
        "cc401_list",
        MANIFEST,
        "action = \"KA152-YOU\"",
        "action = \"KA999\"",
    );
    r.fails();
    r.at("CC401", MANIFEST, line, 10).error().helps("KA220-YOU");
}

#[test]
fn cc402_unsupported_call() {
    let new = "call = 2031";
    let (r, line) = one_line(KA152, "cc402", MANIFEST, "call = 2026", new);
    r.fails();
    r.at("CC402", MANIFEST, line, value_col(new))
        .error()
        .says(&["2031"])
        .helps("2024, 2025, 2026");
}

// ------------------------------------------------ organisations, countries (5xx)

#[test]
fn cc501_second_applicant() {
    let new = "role = \"applicant\"";
    let (r, line) = one_line(
        KA152,
        "cc501_two",
        "partners/valencia.toml",
        "role = \"partner\"",
        new,
    );
    r.fails();
    r.at("CC501", "partners/valencia.toml", line, value_col(new))
        .error()
        .says(&["\"valencia\"", "second applicant"]);
}

#[test]
fn cc501_no_applicant() {
    let (r, _) = one_line(
        KA152,
        "cc501_none",
        "partners/lyon.toml",
        "role = \"applicant\"",
        "role = \"partner\"",
    );
    r.fails();
    r.at("CC501", MANIFEST, 1, 1)
        .error()
        .says(&["no partner has `role = \"applicant\"`"]);
}

#[test]
fn cc502_applicant_from_a_region_2_country() {
    let new = "country = \"UA\"";
    let (r, line) = one_line(KA152, "cc502", "partners/lyon.toml", "country = \"FR\"", new);
    r.fails();
    r.at("CC502", "partners/lyon.toml", line, value_col(new))
        .error()
        .says(&["\"lyon\"", "UA", "Region 2", "applicant", "Guide 2026 p. 156"]);
}

#[test]
fn cc502_applicant_from_an_associated_country_passes() {
    // North Macedonia is associated to the Programme; its agency is MK01.
    let ws = Ws::copy(KA152, "cc502_associated");
    ws.edit("partners/lyon.toml", "country = \"FR\"", "country = \"MK\"");
    ws.edit("partners/lyon.toml", "city = \"Lyon\"", "city = \"Skopje\"");
    ws.edit(
        "partners/lyon.toml",
        "coordinates = [45.7640, 4.8357]",
        "coordinates = [41.9981, 21.4254]",
    );
    ws.edit(
        MANIFEST,
        "national_agency = \"FR02\"",
        "national_agency = \"MK01\"",
    );
    let r = ws.check();
    r.passes();
    r.absent("CC502");
    assert!(
        r.all("CC512").iter().all(|d| d.severity == "note"),
        "{}",
        r.listing()
    );
}

#[test]
fn cc503_partner_from_the_united_kingdom() {
    // "UK" is accepted for GB; the United Kingdom is in Region 14.
    let new = "country = \"UK\"";
    let (r, line) = one_line(
        KA152,
        "cc503_uk",
        "partners/valencia.toml",
        "country = \"ES\"",
        new,
    );
    r.fails();
    r.at("CC503", "partners/valencia.toml", line, value_col(new))
        .error()
        .says(&["\"valencia\"", "GB", "Region 14", "partner", "Guide 2026 p. 157"]);
}

#[test]
fn cc503_partner_from_japan() {
    let new = "country = \"JP\"";
    let (r, line) = one_line(KA220, "cc503_jp", "partners/krakow.toml", "country = \"PL\"", new);
    r.fails();
    r.absent("CC108");
    r.at("CC503", "partners/krakow.toml", line, value_col(new))
        .error()
        .says(&["JP", "Region 5", "KA220-ADU"]);
}

#[test]
fn cc503_partner_from_a_region_2_country_passes_in_ka152() {
    let (r, _) = one_line(
        KA152,
        "cc503_ua",
        "partners/valencia.toml",
        "country = \"ES\"",
        "country = \"UA\"",
    );
    r.absent("CC503").absent("CC504");
}

#[test]
fn cc504_organisation_in_russia_is_a_warning_that_quotes_part_c() {
    // Guide 2026 p. 35 lists Russia in Region 4 and sends the reader to Part
    // C; p. 417: entities under Regulation 833/2014 (every one established
    // in Russia) "may only participate if permitted by the call conditions
    // and provided they are granted an exception": a condition coopcom
    // cannot verify, so a warning, never a blanket error.
    let new = "country = \"RU\"";
    let (r, line) = one_line(
        KA152,
        "cc504_ru",
        "partners/valencia.toml",
        "country = \"ES\"",
        new,
    );
    r.at("CC504", "partners/valencia.toml", line, value_col(new))
        .warning()
        .says(&[
            "\"valencia\" (RU)",
            "may only participate if permitted by the call conditions",
            "Article 5l, paragraph 2, point e)",
            "Guide 2026 p. 35; Guide 2026 p. 417",
        ]);
}

#[test]
fn cc504_belarusian_public_body_is_excluded() {
    let ws = Ws::copy(KA152, "cc504_by_public");
    let new = "country = \"BY\"";
    let line = ws.edit("partners/valencia.toml", "country = \"ES\"", new);
    ws.edit(
        "partners/valencia.toml",
        "type = \"ngo\"",
        "type = \"public-body\"",
    );
    let r = ws.check();
    r.fails();
    r.at("CC504", "partners/valencia.toml", line, value_col(new))
        .error()
        .says(&["\"valencia\" (BY)", "public bodies", "Guide 2026 p. 34"]);
}

#[test]
fn cc504_belarusian_ngo_is_not_blocked_in_ka152() {
    let (r, _) = one_line(
        KA152,
        "cc504_by_ngo",
        "partners/valencia.toml",
        "country = \"ES\"",
        "country = \"BY\"",
    );
    r.absent("CC504").absent("CC503");
}

#[test]
fn cc503_belarusian_partner_is_excluded_in_ka220() {
    let ws = Ws::copy(KA220, "cc503_by_ka220");
    ws.write(
        "partners/minsk.toml",
        "name = \"Minsk Adult Learning Centre\"\nrole = \"partner\"\ncountry = \"BY\"\ncity = \"Minsk\"\noid = \"E10134567\"\ntype = \"ngo\"\n",
    );
    let r = ws.check();
    r.fails();
    assert!(
        r.diags
            .iter()
            .any(|d| d.file.as_deref() == Some("partners/minsk.toml")
                && d.line == Some(3)
                && d.severity == "error"),
        "expected an error on partners/minsk.toml:3 (country = \"BY\"), got:\n{}",
        r.listing()
    );
}

#[test]
fn cc505_too_few_organisations_ka152() {
    let ws = Ws::copy(KA152, "cc505_ka152");
    ws.remove("partners/valencia.toml");
    let r = ws.check();
    r.fails();
    r.at("CC505", MANIFEST, 1, 1).error().says(&[
        "1 participating organisation;",
        "at least 2",
        "Guide 2026 p. 154",
    ]);
}

#[test]
fn cc505_too_few_organisations_ka220() {
    let ws = Ws::copy(KA220, "cc505_ka220");
    ws.remove("partners/krakow.toml");
    let r = ws.check();
    r.fails();
    r.at("CC505", MANIFEST, 1, 1).error().says(&[
        "2 participating organisations",
        "at least 3",
        "Guide 2026 p. 237",
    ]);
}

#[test]
fn cc506_too_few_countries_ka152() {
    let (r, _) = one_line(
        KA152,
        "cc506_ka152",
        "partners/valencia.toml",
        "country = \"ES\"",
        "country = \"FR\"",
    );
    r.fails();
    r.at("CC506", MANIFEST, 1, 1)
        .error()
        .says(&["1 country", "at least 2"]);
}

#[test]
fn cc506_too_few_countries_ka220() {
    let (r, _) = one_line(
        KA220,
        "cc506_ka220",
        "partners/krakow.toml",
        "country = \"PL\"",
        "country = \"IT\"",
    );
    r.fails();
    let all = r.all("CC506");
    assert!(
        all.iter()
            .any(|d| d.message.contains("2 countries") && d.message.contains("at least 3")),
        "{}",
        r.listing()
    );
    assert!(
        all.iter()
            .any(|d| d.message.contains("2 Member States or associated countries")),
        "{}",
        r.listing()
    );
}

#[test]
fn cc507_informal_group_in_ka153() {
    let new = "type = \"informal-group\"";
    let (r, line) = one_line(KA153, "cc507", "partners/krakow.toml", "type = \"ngo\"", new);
    r.fails();
    r.at("CC507", "partners/krakow.toml", line, value_col(new))
        .error()
        .says(&["KA153-YOU", "\"informal-group\"", "Guide 2026 p. 170"]);
}

#[test]
fn cc507_informal_group_is_accepted_in_ka152() {
    let (r, _) = one_line(
        KA152,
        "cc507_ka152",
        "partners/valencia.toml",
        "type = \"ngo\"",
        "type = \"informal-group\"",
    );
    r.passes();
    r.absent("CC507");
}

#[test]
fn cc508_activity_without_the_national_agency_country() {
    // The Lyon group becomes a second Valencia group: no French organisation
    // sends to or hosts the exchange, but the application goes to FR02.
    let ws = Ws::copy(KA152, "cc508");
    ws.edit(EXCHANGE, "from = \"lyon\"", "from = \"valencia\"");
    let host = ws.line_of(EXCHANGE, "host = \"valencia\"");
    let r = ws.check();
    r.fails();
    r.at("CC508", EXCHANGE, host, 8)
        .error()
        .says(&["\"a1-valencia-exchange\"", "FR", "Guide 2026 p. 158"]);
}

#[test]
fn cc510_oid_with_seven_digits() {
    let new = "oid = \"E1001234\"";
    let (r, line) = one_line(KA152, "cc510", "partners/lyon.toml", "oid = \"E10012345\"", new);
    r.fails();
    r.at("CC510", "partners/lyon.toml", line, value_col(new))
        .error()
        .says(&["\"E1001234\""])
        .helps("E followed by 8 digits");
}

#[test]
fn cc510_oid_in_lower_case() {
    let (r, line) = one_line(
        KA152,
        "cc510_lower",
        "partners/lyon.toml",
        "oid = \"E10012345\"",
        "oid = \"e10012345\"",
    );
    r.fails();
    r.at("CC510", "partners/lyon.toml", line, 7).error();
}

#[test]
fn cc511_reference_number_format() {
    let good = "national_agency = \"FR02\"\nreference = \"2026-1-FR02-KA152-YOU-000123456\"";
    let (r, _) = one_line(KA152, "cc511_good", MANIFEST, "national_agency = \"FR02\"", good);
    r.passes();
    r.absent("CC511");
    let bad = "reference = \"2026-FR02-KA152-000123\"";
    let (r, line) = one_line(
        KA152,
        "cc511_bad",
        MANIFEST,
        "national_agency = \"FR02\"",
        &format!("national_agency = \"FR02\"\n{bad}"),
    );
    // The pattern is from a secondary source, so the finding is a warning.
    r.at("CC511", MANIFEST, line + 1, value_col(bad))
        .warning()
        .says(&["\"2026-FR02-KA152-000123\"", "secondary"]);
}

#[test]
fn cc512_agency_of_another_country() {
    let new = "national_agency = \"ES02\"";
    let (r, line) = one_line(KA152, "cc512", MANIFEST, "national_agency = \"FR02\"", new);
    r.fails();
    r.at("CC512", MANIFEST, line, value_col(new))
        .error()
        .says(&["ES02", "ES", "FR"]);
}

#[test]
fn cc512_malformed_agency_code() {
    // The code format is known only from published reference numbers
    // (a secondary source): a warning, not an error.
    let new = "national_agency = \"France\"";
    let (r, line) = one_line(KA152, "cc512_format", MANIFEST, "national_agency = \"FR02\"", new);
    r.at("CC512", MANIFEST, line, value_col(new))
        .warning()
        .says(&["\"FRANCE\"", "secondary"]);
}

// ------------------------------------------------ activities, participants (6xx)

#[test]
fn cc602_youth_exchange_of_5_days_passes() {
    let (r, _) = one_line(KA152, "cc602_5", EXCHANGE, "end = 2026-10-18", "end = 2026-10-16");
    r.passes();
    r.absent("CC602");
}

#[test]
fn cc602_youth_exchange_of_4_days_fails() {
    let new = "end = 2026-10-15";
    let (r, line) = one_line(KA152, "cc602_4", EXCHANGE, "end = 2026-10-18", new);
    r.fails();
    r.at("CC602", EXCHANGE, line, value_col(new)).error().says(&[
        "4 days",
        "5 to 21 days",
        "Guide 2026 p. 157",
    ]);
}

#[test]
fn cc602_youth_exchange_of_21_days_passes() {
    let (r, _) = one_line(
        KA152,
        "cc602_21",
        EXCHANGE,
        "end = 2026-10-18",
        "end = 2026-11-01",
    );
    r.passes();
    r.absent("CC602");
}

#[test]
fn cc602_youth_exchange_of_22_days_fails() {
    let new = "end = 2026-11-02";
    let (r, line) = one_line(KA152, "cc602_22", EXCHANGE, "end = 2026-10-18", new);
    r.fails();
    r.at("CC602", EXCHANGE, line, value_col(new))
        .error()
        .says(&["22 days", "5 to 21 days"]);
}

#[test]
fn cc602_ka153_activity_of_2_days_passes_and_1_day_fails() {
    let (r, _) = one_line(
        KA153,
        "cc602_ka153_2",
        TRAINING,
        "end = 2026-10-09",
        "end = 2026-10-06",
    );
    r.passes();
    r.absent("CC602");
    let new = "end = 2026-10-05";
    let (r, line) = one_line(KA153, "cc602_ka153_1", TRAINING, "end = 2026-10-09", new);
    r.fails();
    r.at("CC602", TRAINING, line, value_col(new)).error().says(&[
        "1 day;",
        "2 to 60 days",
        "Guide 2026 p. 171",
    ]);
}

#[test]
fn cc602_ka153_activity_of_60_days_passes_and_61_fails() {
    let (r, _) = one_line(
        KA153,
        "cc602_ka153_60",
        TRAINING,
        "end = 2026-10-09",
        "end = 2026-12-03",
    );
    r.passes();
    r.absent("CC602");
    let new = "end = 2026-12-04";
    let (r, line) = one_line(KA153, "cc602_ka153_61", TRAINING, "end = 2026-10-09", new);
    r.fails();
    r.at("CC602", TRAINING, line, value_col(new))
        .error()
        .says(&["61 days", "2 to 60 days"]);
}

#[test]
fn cc602_message_names_the_activity_type_correctly() {
    let (r, _) = one_line(
        KA153,
        "cc602_plural",
        TRAINING,
        "end = 2026-10-09",
        "end = 2026-10-05",
    );
    let d = r.one("CC602");
    assert!(!d.message.contains("activitys"), "{d}");
}

#[test]
fn cc603_venue_outside_the_organisations_countries() {
    let new = "venue = { city = \"Lisbon\", country = \"PT\", coordinates = [38.7223, -9.1393] }";
    let (r, line) = one_line(
        KA152,
        "cc603",
        EXCHANGE,
        "venue = { city = \"Valencia\", country = \"ES\", coordinates = [39.4699, -0.3763] }",
        new,
    );
    r.fails();
    r.at("CC603", EXCHANGE, line, col(new, "\"PT\"")).error().says(&[
        "PT",
        "\"a1-valencia-exchange\"",
        "(ES, FR)",
    ]);
}

#[test]
fn cc604_venue_in_belarus() {
    let new = "venue = { city = \"Minsk\", country = \"BY\", coordinates = [53.9006, 27.5590] }";
    let (r, line) = one_line(
        KA152,
        "cc604_by",
        EXCHANGE,
        "venue = { city = \"Valencia\", country = \"ES\", coordinates = [39.4699, -0.3763] }",
        new,
    );
    r.fails();
    r.at("CC604", EXCHANGE, line, col(new, "\"BY\"")).error().says(&[
        "KA152-YOU",
        "BY",
        "Guide 2026 pp. 158-159",
    ]);
}

#[test]
fn cc604_preparatory_visit_in_russia() {
    let new = "venue = { city = \"Moscow\", country = \"RU\", coordinates = [55.7558, 37.6173] }";
    let (r, line) = one_line(
        KA152,
        "cc604_ru",
        VISIT,
        "venue = { city = \"Valencia\", country = \"ES\", coordinates = [39.4699, -0.3763] }",
        new,
    );
    r.fails();
    r.at("CC604", VISIT, line, col(new, "\"RU\""))
        .error()
        .says(&["RU"]);
}

#[test]
fn cc605_16_participants_pass() {
    let (r, _) = one_line(
        KA152,
        "cc605_16",
        EXCHANGE,
        "participants = 12",
        "participants = 8",
    );
    r.passes();
    r.absent("CC605");
}

#[test]
fn cc605_15_participants_fail() {
    let new = "participants = 7";
    let (r, line) = one_line(KA152, "cc605_15", EXCHANGE, "participants = 12", new);
    r.fails();
    r.at("CC605", EXCHANGE, line, value_col(new)).error().says(&[
        "15 participants",
        "16 to 60",
        "Guide 2026 p. 158",
    ]);
}

#[test]
fn cc605_60_participants_pass() {
    let (r, _) = one_line(
        KA152,
        "cc605_60",
        EXCHANGE,
        "participants = 12",
        "participants = 52",
    );
    r.passes();
    r.absent("CC605");
}

#[test]
fn cc605_61_participants_fail() {
    let new = "participants = 53";
    let (r, line) = one_line(KA152, "cc605_61", EXCHANGE, "participants = 12", new);
    r.fails();
    r.at("CC605", EXCHANGE, line, value_col(new))
        .error()
        .says(&["61 participants", "16 to 60"]);
}

/// The KA152 exchange with two small groups: `(participants, of them with
/// fewer opportunities)` from Lyon and from Valencia.
fn small_groups(test: &str, lyon: (u32, u32), valencia: (u32, u32)) -> (Ws, usize) {
    let ws = Ws::copy(KA152, test);
    let line = ws.edit(
        EXCHANGE,
        "participants = 12",
        &format!("participants = {}", lyon.0),
    );
    ws.edit(
        EXCHANGE,
        "fewer_opportunities = 4",
        &format!("fewer_opportunities = {}", lyon.1),
    );
    ws.edit(EXCHANGE, "women = 6", "women = 3");
    ws.edit(
        EXCHANGE,
        "participants = 8",
        &format!("participants = {}", valencia.0),
    );
    ws.edit(
        EXCHANGE,
        "fewer_opportunities = 2",
        &format!("fewer_opportunities = {}", valencia.1),
    );
    (ws, line)
}

#[test]
fn cc605_10_participants_pass_when_all_have_fewer_opportunities() {
    let (ws, _) = small_groups("cc605_all_fewer_10", (5, 5), (5, 5));
    let r = ws.check();
    r.passes();
    r.absent("CC605");
}

#[test]
fn cc605_9_participants_fail_even_when_all_have_fewer_opportunities() {
    let (ws, line) = small_groups("cc605_all_fewer_9", (5, 5), (4, 4));
    let r = ws.check();
    r.fails();
    r.at("CC605", EXCHANGE, line, 16)
        .error()
        .says(&["9 participants", "10 to 60"]);
}

#[test]
fn cc605_10_participants_fail_when_not_all_have_fewer_opportunities() {
    let (ws, line) = small_groups("cc605_some_fewer_10", (5, 5), (5, 4));
    let r = ws.check();
    r.fails();
    r.at("CC605", EXCHANGE, line, 16)
        .error()
        .says(&["10 participants", "16 to 60"]);
}

#[test]
fn cc605_ka153_50_participants_pass_and_51_fail() {
    let (r, _) = one_line(
        KA153,
        "cc605_ka153_50",
        TRAINING,
        "participants = 10",
        "participants = 36",
    );
    r.passes();
    r.absent("CC605");
    let new = "participants = 37";
    let (r, line) = one_line(KA153, "cc605_ka153_51", TRAINING, "participants = 10", new);
    r.fails();
    r.at("CC605", TRAINING, line, value_col(new)).error().says(&[
        "51 participants",
        "at most 50",
        "Guide 2026 p. 171",
    ]);
}

#[test]
fn cc606_national_group_of_4_passes() {
    let (r, _) = one_line(KA152, "cc606_4", EXCHANGE, "participants = 8", "participants = 4");
    r.passes();
    r.absent("CC606");
}

#[test]
fn cc606_national_group_of_3_fails() {
    let new = "participants = 3";
    let (r, line) = one_line(KA152, "cc606_3", EXCHANGE, "participants = 8", new);
    r.fails();
    r.at("CC606", EXCHANGE, line, value_col(new)).error().says(&[
        "from ES",
        "3 participants",
        "at least 4",
        "Guide 2026 p. 158",
    ]);
}

#[test]
fn cc607_one_national_group_fails() {
    // Both groups now come from Lyon: one national group.
    let ws = Ws::copy(KA152, "cc607");
    ws.edit(EXCHANGE, "from = \"valencia\"", "from = \"lyon\"");
    let first = ws.line_of(EXCHANGE, "participants = 12");
    let r = ws.check();
    r.fails();
    r.at("CC607", EXCHANGE, first, 16).error().says(&[
        "1 national group;",
        "at least 2",
        "Guide 2026 p. 158",
    ]);
}

#[test]
fn cc608_group_without_leader_fails() {
    let new = "group_leaders = 0";
    let (r, line) = one_line(KA152, "cc608", EXCHANGE, "group_leaders = 1", new);
    r.fails();
    r.at("CC608", EXCHANGE, line, value_col(new)).error().says(&[
        "from ES",
        "0 group leaders",
        "at least 1",
        "Guide 2026 p. 158",
    ]);
}

#[test]
fn cc609_two_facilitators_pass() {
    let (r, _) = one_line(KA152, "cc609_2", EXCHANGE, "facilitators = 1", "facilitators = 2");
    r.passes();
    r.absent("CC609");
}

#[test]
fn cc609_three_facilitators_fail() {
    let new = "facilitators = 3";
    let (r, line) = one_line(KA152, "cc609_3", EXCHANGE, "facilitators = 1", new);
    r.fails();
    r.at("CC609", EXCHANGE, line, value_col(new)).error().says(&[
        "3 facilitators",
        "at most 2",
        "Guide 2026 p. 158",
    ]);
}

#[test]
fn cc610_ages_13_and_30_pass() {
    let (r, _) = one_line(KA152, "cc610_ok", EXCHANGE, "ages = [15, 25]", "ages = [13, 30]");
    r.passes();
    r.absent("CC610");
}

#[test]
fn cc610_age_12_fails() {
    let new = "ages = [12, 25]";
    let (r, line) = one_line(KA152, "cc610_12", EXCHANGE, "ages = [15, 25]", new);
    r.fails();
    r.at("CC610", EXCHANGE, line, value_col(new)).error().says(&[
        "aged 12 to 25",
        "aged 13 to 30",
        "Guide 2026 p. 158",
    ]);
}

#[test]
fn cc610_age_31_fails() {
    let new = "ages = [15, 31]";
    let (r, line) = one_line(KA152, "cc610_31", EXCHANGE, "ages = [15, 25]", new);
    r.fails();
    r.at("CC610", EXCHANGE, line, value_col(new))
        .error()
        .says(&["aged 15 to 31"]);
}

#[test]
fn cc610_ka153_youth_workers_from_16_without_upper_limit() {
    let (r, _) = one_line(
        KA153,
        "cc610_ka153_ok",
        TRAINING,
        "ages = [22, 45]",
        "ages = [16, 74]",
    );
    r.passes();
    r.absent("CC610");
    let new = "ages = [15, 45]";
    let (r, line) = one_line(KA153, "cc610_ka153_15", TRAINING, "ages = [22, 45]", new);
    r.fails();
    r.at("CC610", TRAINING, line, value_col(new))
        .error()
        .says(&["at least 16"]);
}

#[test]
fn cc611_ka153_activity_without_participants_from_the_receiving_country() {
    // The Kraków group is replaced by a second Lyon group.
    let ws = Ws::copy(KA153, "cc611");
    ws.edit(TRAINING, "from = \"krakow\"", "from = \"lyon\"");
    let venue = "venue = { city = \"Kraków\", country = \"PL\", coordinates = [50.0647, 19.9450] }";
    let line = ws.line_of(TRAINING, venue);
    let r = ws.check();
    r.fails();
    r.at("CC611", TRAINING, line, col(venue, "\"PL\""))
        .error()
        .says(&[
            "\"a1-krakow-training\"",
            "no participants from PL",
            "Guide 2026 p. 171",
        ]);
}

#[test]
fn cc612_preparatory_visit_ending_the_day_before_passes() {
    let (r, _) = one_line(KA152, "cc612_ok", VISIT, "end = 2026-09-15", "end = 2026-10-11");
    r.passes();
    r.absent("CC612");
}

#[test]
fn cc612_preparatory_visit_ending_on_the_first_day_of_the_exchange_fails() {
    let new = "end = 2026-10-12";
    let (r, line) = one_line(KA152, "cc612_same_day", VISIT, "end = 2026-09-15", new);
    r.fails();
    r.at("CC612", VISIT, line, value_col(new)).error().says(&[
        "ends on 2026-10-12",
        "\"a1-valencia-exchange\" starts on 2026-10-12",
    ]);
}

#[test]
fn cc612_preparatory_visit_after_its_main_activity_fails() {
    let ws = Ws::copy(KA152, "cc612_after");
    ws.edit(VISIT, "start = 2026-09-14", "start = 2026-10-25");
    let line = ws.edit(VISIT, "end = 2026-09-15", "end = 2026-10-26");
    let r = ws.check();
    r.fails();
    r.at("CC612", VISIT, line, 7)
        .error()
        .says(&["2026-10-26", "2026-10-12"]);
}

#[test]
fn cc612_preparatory_visit_outside_the_receiving_country_fails() {
    let new = "venue = { city = \"Lyon\", country = \"FR\", coordinates = [45.7640, 4.8357] }";
    let (r, line) = one_line(
        KA152,
        "cc612_country",
        VISIT,
        "venue = { city = \"Valencia\", country = \"ES\", coordinates = [39.4699, -0.3763] }",
        new,
    );
    r.fails();
    r.at("CC612", VISIT, line, col(new, "\"FR\""))
        .error()
        .says(&["in FR", "(ES)"]);
}

#[test]
fn cc613_ka153_without_professional_development_activity() {
    let (r, _) = one_line(
        KA153,
        "cc613",
        TRAINING,
        "type = \"professional-development\"",
        "type = \"system-development\"",
    );
    r.fails();
    r.at("CC613", MANIFEST, 1, 1).error().says(&[
        "Professional development activity",
        "`type = \"professional-development\"`",
        "KA153-YOU",
    ]);
}

#[test]
fn cc615_two_travel_days_without_green_travel_pass() {
    let (r, _) = one_line(KA152, "cc615_2", EXCHANGE, "travel_days = 0", "travel_days = 2");
    r.passes();
    r.absent("CC615");
}

#[test]
fn cc615_three_travel_days_without_green_travel_fail() {
    let new = "travel_days = 3";
    let (r, line) = one_line(KA152, "cc615_3", EXCHANGE, "travel_days = 0", new);
    r.fails();
    r.at("CC615", EXCHANGE, line, value_col(new))
        .error()
        .says(&[
            "3 funded travel days",
            "at most 2",
            "without green travel",
            "Guide 2026 p. 162",
        ])
        .helps("green_travel = true");
}

#[test]
fn cc615_six_travel_days_with_green_travel_pass() {
    let (r, _) = one_line(KA152, "cc615_6", EXCHANGE, "travel_days = 4", "travel_days = 6");
    r.passes();
    r.absent("CC615");
}

#[test]
fn cc615_seven_travel_days_with_green_travel_fail() {
    let new = "travel_days = 7";
    let (r, line) = one_line(KA152, "cc615_7", EXCHANGE, "travel_days = 4", new);
    r.fails();
    r.at("CC615", EXCHANGE, line, value_col(new)).error().says(&[
        "7 funded travel days",
        "at most 6",
        "with green travel",
    ]);
}

// ------------------------------------------------------------ lump sums (7xx)

#[test]
fn cc701_ka210_lump_sum_not_allowed() {
    let new = "lump_sum = 45000";
    let (r, line) = one_line(KA210, "cc701", "budget.toml", "lump_sum = 30000", new);
    r.fails();
    r.at("CC701", "budget.toml", line, value_col(new)).error().says(&[
        "EUR 45 000.00",
        "EUR 30 000.00, EUR 60 000.00",
        "Guide 2026 p. 249",
    ]);
}

#[test]
fn cc701_ka210_lump_sum_missing() {
    let (r, _) = one_line(
        KA210,
        "cc701_missing",
        "budget.toml",
        "lump_sum = 30000",
        "# lump sum to be decided",
    );
    r.fails();
    r.at("CC701", "budget.toml", 1, 1)
        .error()
        .says(&["no lump sum chosen"]);
}

#[test]
fn cc702_ka210_activity_grants_short_of_the_lump_sum() {
    let ws = Ws::copy(KA210, "cc702_short");
    ws.edit(
        "activities/a2-ljubljana-labs.toml",
        "grant = 15000",
        "grant = 14000",
    );
    let lump = ws.line_of("budget.toml", "lump_sum = 30000");
    let r = ws.check();
    r.fails();
    r.absent("CC701");
    r.at("CC702", "budget.toml", lump, 12).error().says(&[
        "EUR 29 000.00",
        "EUR 30 000.00",
        "EUR 1 000.00 unallocated",
    ]);
}

#[test]
fn cc702_ka210_activity_grants_above_the_lump_sum() {
    let ws = Ws::copy(KA210, "cc702_over");
    ws.edit(
        "activities/a2-ljubljana-labs.toml",
        "grant = 15000",
        "grant = \"15000.50\"",
    );
    let lump = ws.line_of("budget.toml", "lump_sum = 30000");
    let r = ws.check();
    r.fails();
    r.at("CC702", "budget.toml", lump, 12)
        .error()
        .says(&["EUR 30 000.50", "EUR 0.50 too much"]);
}

#[test]
fn cc712_lump_sum_in_a_unit_cost_action_is_ignored() {
    let ws = Ws::copy(KA152, "cc712");
    let line = ws.edit(
        "budget.toml",
        "# KA152 is funded by unit costs derived from the activities; only real costs here.",
        "lump_sum = 30000",
    );
    let r = ws.check();
    r.passes();
    r.at("CC712", "budget.toml", line, 12).warning();
}

#[test]
fn cc703_management_share_of_exactly_20_percent_passes() {
    let ws = Ws::copy(KA220, "cc703_20");
    assert_eq!(
        ws.line_of("work-packages/wp1-management.toml", "grant = 50000"),
        3
    );
    let r = ws.check();
    r.passes();
    r.absent("CC703");
}

#[test]
fn cc703_management_share_of_20_01_percent_fails() {
    let new = "grant = 50025";
    let (r, line) = one_line(
        KA220,
        "cc703_2001",
        "work-packages/wp1-management.toml",
        "grant = 50000",
        new,
    );
    r.fails();
    r.at("CC703", "work-packages/wp1-management.toml", line, value_col(new))
        .error()
        .says(&[
            "EUR 50 025.00",
            "EUR 250 000.00",
            "20 %",
            "EUR 50 000.00",
            "Guide 2026 p. 243",
        ]);
}

fn extra_work_packages(ws: &Ws, from: u32, to: u32) {
    for n in from..=to {
        ws.write(
            &format!("work-packages/wp{n}-pilot.toml"),
            format!(
                "title = \"Local pilot {n}\"\nmanagement = false\ngrant = 0\nlead = \"krakow\"\n\n[[activities]]\ntitle = \"Pilot workshop {n}\"\nstart = 2027-10-04\nend = 2027-10-05\npartners = [\"krakow\"]\n"
            ),
        );
    }
}

#[test]
fn cc704_no_implementation_work_package_fails() {
    let ws = Ws::copy(KA220, "cc704_none");
    ws.remove("work-packages/wp2-training.toml");
    ws.remove("work-packages/wp3-toolkit.toml");
    let r = ws.check();
    r.fails();
    r.at("CC704", MANIFEST, 1, 1)
        .error()
        .says(&["0 implementation work packages", "at least 1"]);
}

#[test]
fn cc704_four_implementation_work_packages_pass_five_warn() {
    let ws = Ws::copy(KA220, "cc704_4");
    extra_work_packages(&ws, 4, 5);
    let r = ws.check();
    r.passes();
    r.absent("CC704");
    extra_work_packages(&ws, 6, 6);
    let r = ws.check();
    r.passes();
    r.at("CC704", MANIFEST, 1, 1)
        .warning()
        .says(&["5 implementation work packages", "recommends at most 4"]);
}

#[test]
fn cc704_ten_implementation_work_packages_pass_eleven_fail() {
    let ws = Ws::copy(KA220, "cc704_10");
    extra_work_packages(&ws, 4, 11);
    let r = ws.check();
    r.passes();
    assert!(
        r.all("CC704").iter().all(|d| d.severity == "warning"),
        "{}",
        r.listing()
    );
    extra_work_packages(&ws, 12, 12);
    let r = ws.check();
    r.fails();
    let d = r
        .all("CC704")
        .into_iter()
        .find(|d| d.severity == "error")
        .unwrap_or_else(|| panic!("{}", r.listing()));
    assert_eq!(
        (d.file.as_deref(), d.line, d.column),
        (Some(MANIFEST), Some(1), Some(1))
    );
    d.says(&["11 implementation work packages", "at most 10"]);
}

#[test]
fn cc705_no_management_work_package() {
    let (r, _) = one_line(
        KA220,
        "cc705_none",
        "work-packages/wp1-management.toml",
        "management = true",
        "management = false",
    );
    r.fails();
    r.at("CC705", MANIFEST, 1, 1)
        .error()
        .says(&["no work package has `management = true`"]);
}

#[test]
fn cc705_two_management_work_packages() {
    let new = "management = true";
    let (r, line) = one_line(
        KA220,
        "cc705_two",
        "work-packages/wp2-training.toml",
        "management = false",
        new,
    );
    r.fails();
    r.at("CC705", "work-packages/wp2-training.toml", line, value_col(new))
        .error()
        .says(&["\"wp2-training\"", "second project-management work package"]);
}

// ----------------------------------------------------------- narratives (8xx)

const OBJECTIVES: &str = "narrative/summary/objectives.md";

/// A paragraph of exactly `n` characters of plain text.
fn text_of(n: usize) -> String {
    let sentence = "Young people from Lyon and Valencia explore their rivers together. ";
    sentence.repeat(n / sentence.len() + 1).chars().take(n).collect()
}

#[test]
fn cc803_text_at_the_limit_passes() {
    let ws = Ws::copy(KA152, "cc803_5000");
    ws.write(OBJECTIVES, format!("{}\n", text_of(5000)));
    let r = ws.check();
    r.passes();
    r.absent("CC803");
}

#[test]
fn cc803_author_notes_do_not_count() {
    let ws = Ws::copy(KA152, "cc803_notes");
    ws.write(
        OBJECTIVES,
        format!("<!-- Summary: 5 000 characters at most. -->\n{}\n", text_of(5000)),
    );
    ws.check().absent("CC803");
}

#[test]
fn cc803_text_one_character_over_a_secondary_limit_warns_with_its_source() {
    let ws = Ws::copy(KA152, "cc803_5001");
    ws.write(
        OBJECTIVES,
        format!(
            "First paragraph.\n\n{}\n",
            text_of(5001 - "First paragraph.\n\n".len())
        ),
    );
    let r = ws.check();
    // The limit comes from a consultancy (secondary): a warning, never an error.
    r.passes();
    r.on_line("CC803", OBJECTIVES, 3)
        .warning()
        .says(&[
            "5001 characters",
            "at most 5000",
            "https://youthexchanges.eu/exchanges/knowledge-base/application/how-to-complete-the-application/",
        ])
        .helps(
            "shorten it by 1 character (counted on the plain text pasted into the form, a line break as one)",
        );
}

#[test]
fn cc803_over_an_assumed_limit_is_a_warning_too() {
    // KA210: IB gives no limit for the years of experience; 1 000 is assumed.
    let ws = Ws::copy("ka210-small-scale", "cc803_assumed");
    let file = "narrative/organisations/krakow/years.md";
    ws.write(file, format!("{}\n", text_of(1001)));
    let r = ws.check();
    r.passes();
    r.on_line("CC803", file, 1)
        .warning()
        .says(&["1001 characters", "at most 1000", "assumed by coopcom"]);
}

#[test]
fn cc804_placeholders_at_their_line_and_column() {
    let ws = Ws::copy(KA152, "cc804");
    ws.write(
        OBJECTIVES,
        "Twenty young people discover their rivers.\n\nThe second objective is TODO.\n\n- Lorem ipsum dolor sit amet\n- Todos los participantes are welcome.\n",
    );
    let r = ws.check();
    r.passes();
    r.at("CC804", OBJECTIVES, 3, 25).warning().says(&["\"TODO\""]);
    r.at("CC804", OBJECTIVES, 5, 3)
        .warning()
        .says(&["\"Lorem ipsum\""]);
    // "Todos" is a word, not the placeholder.
    assert_eq!(r.all("CC804").len(), 2, "{}", r.listing());
}

#[test]
fn cc804_placeholder_in_an_author_note_is_ignored() {
    let ws = Ws::copy(KA152, "cc804_note");
    ws.write(
        OBJECTIVES,
        "<!-- TODO: shorten -->\nTwenty young people discover their rivers.\n",
    );
    ws.check().absent("CC804");
}

#[test]
fn cc804_placeholder_next_to_a_turkish_dotted_capital_i() {
    let ws = Ws::copy(KA152, "cc804_dotted_i");
    ws.write(
        OBJECTIVES,
        "Participants visit the river in Valencia.\nTODO: add the İzmir partner.\n",
    );
    ws.check().at("CC804", OBJECTIVES, 2, 1).warning();
}

#[test]
fn cc805_invisible_characters_at_their_position() {
    let ws = Ws::copy(KA152, "cc805");
    ws.write(
        OBJECTIVES,
        "Twenty young people discover their rivers.\nThe Rhône\u{200B} and the Turia.\nAbout 900\u{00A0}km apart.\n",
    );
    let r = ws.check();
    r.passes();
    r.at("CC805", OBJECTIVES, 2, 10)
        .warning()
        .says(&["zero-width space", "U+200B"]);
    r.at("CC805", OBJECTIVES, 3, 10)
        .warning()
        .says(&["non-breaking space", "U+00A0"])
        .helps("replace it with a normal space");
}

#[test]
fn cc806_unknown_narrative_file() {
    let ws = Ws::copy(KA152, "cc806");
    ws.write("narrative/summary/objectivs.md", "A misspelt file name.\n");
    let r = ws.check();
    r.passes();
    r.at("CC806", "narrative/summary/objectivs.md", 1, 1)
        .warning()
        .says(&["KA152-YOU"])
        .helps("did you mean narrative/summary/objectives.md?");
}

#[test]
fn cc807_raw_html_at_its_position() {
    let ws = Ws::copy(KA152, "cc807");
    ws.write(
        OBJECTIVES,
        "Twenty young people discover their rivers.\nThey learn that <b>every</b> river is shared.\nA group of 12 < 20.\n",
    );
    let r = ws.check();
    r.passes();
    r.at("CC807", OBJECTIVES, 2, 17).warning();
    // "12 < 20" is not a tag; </b> on line 2 is the second finding.
    let all = r.all("CC807");
    assert!(all.iter().all(|d| d.line == Some(2)), "{}", r.listing());
}

// ------------------------------------------------------- --rules FILE (CC403)

/// The built-in KA152 pack with a corrected youth-exchange maximum.
const CORRECTED: &str = r#"# Correction agreed with FR02
[[activity_types]]
key = "youth-exchange"
participants = { min = 16, max = 40, status = "confirmed", source = "e-mail from FR02, 2026-01-15" }
"#;

#[test]
fn corrected_pack_turns_45_participants_into_cc605() {
    let ws = Ws::copy(KA152, "rules_corrected");
    let new = "participants = 37";
    let line = ws.edit(EXCHANGE, "participants = 12", new);
    ws.write("corrections.toml", CORRECTED);
    // 37 + 8 = 45: fine with the built-in pack (16 to 60) ...
    let r = ws.check();
    r.passes();
    r.absent("CC605");
    // ... not with the corrected one.
    let r = ws.check_with(&["--rules", ws.path("corrections.toml").to_str().unwrap()]);
    r.fails();
    r.at("CC605", EXCHANGE, line, value_col(new)).error().says(&[
        "45 participants",
        "16 to 40",
        "e-mail from FR02",
    ]);
}

#[test]
fn malformed_rules_file_is_cc403_at_its_line() {
    let ws = Ws::copy(KA152, "rules_syntax");
    ws.write(
        "corrections.toml",
        "[[activity_types]]\nkey = \"youth-exchange\"\nparticipants = { min = 16, max = 40, status = \"confirmed\"\n",
    );
    let r = ws.check_with(&["--rules", ws.path("corrections.toml").to_str().unwrap()]);
    assert_eq!(r.status(), Some(1), "{}", r.listing());
    r.on_line("CC403", "corrections.toml", 3)
        .error()
        .says(&["cannot be used"]);
}

#[test]
fn rules_file_with_a_wrong_value_is_cc403_at_its_line() {
    let ws = Ws::copy(KA152, "rules_shape");
    ws.write(
        "corrections.toml",
        "[[activity_types]]\nkey = \"youth-exchange\"\nparticipants = { min = 16, max = \"forty\", status = \"confirmed\", source = \"FR02\" }\n",
    );
    let r = ws.check_with(&["--rules", ws.path("corrections.toml").to_str().unwrap()]);
    assert_eq!(r.status(), Some(1), "{}", r.listing());
    r.on_line("CC403", "corrections.toml", 3).error();
}

#[test]
fn rules_file_with_a_wrong_value_is_cc403_not_a_crash() {
    let ws = Ws::copy(KA152, "rules_shape_status");
    ws.write(
        "corrections.toml",
        "[budget]\ntravel_days = { max = 1, status = \"sure\", source = \"FR02\" }\n",
    );
    let r = ws.check_with(&["--rules", ws.path("corrections.toml").to_str().unwrap()]);
    assert_eq!(r.status(), Some(1), "{}", r.listing());
    let d = r.one("CC403");
    d.error().says(&["`sure`"]);
    assert_eq!(d.file.as_deref(), Some("corrections.toml"));
}

#[test]
fn missing_rules_file_is_reported() {
    let ws = Ws::copy(KA152, "rules_missing");
    // A missing --rules file is a bad argument: coopcom could not run (exit 2).
    let missing = ws.path("no-such-corrections.toml");
    let run = coopcom([
        "check".as_ref(),
        ws.root().as_os_str(),
        "--rules".as_ref(),
        missing.as_os_str(),
    ]);
    run.expect_status(2);
    assert!(run.stderr.contains("no-such-corrections.toml"), "{}", run.stderr);
}

// ------------------------------------------------------- the rules command

#[test]
fn rules_command_shows_every_figure_with_its_status_and_source() {
    let run = coopcom(["rules", "--action", "KA152-YOU", "--call", "2026"]);
    run.expect_status(0);
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("figure"))
        .skip(1)
        .collect();
    assert!(rows.len() > 60, "{} rows:\n{}", rows.len(), run.stdout);
    for row in &rows {
        let cols: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
        assert!(cols.len() >= 3, "row without status and source: {row}");
        assert!(
            ["confirmed", "secondary", "unconfirmed"]
                .iter()
                .any(|s| cols[1].starts_with(s)),
            "row without a status: {row}"
        );
        assert!(!cols[2].is_empty(), "row without a source: {row}");
    }
    let days = rows
        .iter()
        .find(|r| r.contains("[youth-exchange].days"))
        .expect("the exchange duration");
    assert!(
        days.contains("confirmed")
            && days.contains("Guide 2026 p. 157")
            && days.contains("max = 21; min = 5"),
        "{days}"
    );

    // JSON: every figure-like object carries a status and a source.
    let run = coopcom([
        "rules",
        "--action",
        "KA152-YOU",
        "--call",
        "2026",
        "--format",
        "json",
    ]);
    run.expect_status(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    fn walk(v: &serde_json::Value, n: &mut usize) {
        match v {
            serde_json::Value::Object(o) => {
                if o.contains_key("value")
                    || (o.contains_key("min") || o.contains_key("max")) && !o.contains_key("key")
                {
                    assert!(
                        o.get("status").is_some() && o.get("source").is_some(),
                        "figure without status or source: {v}"
                    );
                    *n += 1;
                }
                o.values().for_each(|c| walk(c, n));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|c| walk(c, n)),
            _ => {}
        }
    }
    let mut n = 0;
    walk(&v, &mut n);
    assert!(n > 30, "{n} figures");
}

#[test]
fn rules_command_shows_a_correction() {
    let tmp = TempDir::new("rules-command-correction");
    let fix = tmp.path().join("fix.toml");
    std::fs::write(
        &fix,
        "[[activity_types]]\nkey = \"youth-exchange\"\nparticipants = { min = 16, max = 40, status = \"confirmed\", source = \"letter from the agency\" }\n",
    )
    .unwrap();
    let run = coopcom([
        "rules",
        "--action",
        "KA152-YOU",
        "--call",
        "2026",
        "--rules",
        fix.to_str().unwrap(),
    ]);
    run.expect_status(0);
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains("[youth-exchange].participants "))
        .expect("participants row");
    assert!(
        row.contains("max = 40") && row.contains("letter from the agency"),
        "{row}"
    );
}

// ---------------------------------- venues at the seat of an EU institution

const KA154: &str = "ka154-youth-participation";
const KA154_MOBILITY: &str = "activities/a2-ljubljana-mobility.toml";
const KA210_LABS: &str = "activities/a2-ljubljana-labs.toml";
const BRUSSELS: &str = "venue = { city = \"Brussels\", country = \"BE\", coordinates = [50.8503, 4.3517] }";

#[test]
fn cc617_ka154_activity_at_the_seat_of_an_eu_institution_is_eligible_when_organised_with_it() {
    // Guide 2026 p. 187: KA154 activities "can also take place at the seat of
    // an Institution of the European Union if the activity is organised at or
    // in cooperation with an EU institution", even with no participating
    // organisation from that country; footnote 199 names Brussels,
    // Frankfurt, Luxembourg and Strasbourg.
    let ws = Ws::copy(KA154, "cc617_ka154_brussels");
    let line = ws.edit(
        KA154_MOBILITY,
        "venue = { city = \"Ljubljana\", country = \"SI\", coordinates = [46.0569, 14.5058] }",
        BRUSSELS,
    );
    // Without `eu_institution`, no organisation is from BE: CC603, whose help
    // points to the exception.
    let r = ws.check();
    r.fails();
    r.on_line("CC603", KA154_MOBILITY, line)
        .error()
        .helps("eu_institution");
    ws.edit(
        KA154_MOBILITY,
        "host = \"ljubljana\"",
        "host = \"ljubljana\"\neu_institution = \"European Parliament\"",
    );
    let r = ws.check();
    r.absent("CC603").absent("CC617").passes();
}

#[test]
fn cc617_ka210_activity_at_the_seat_of_an_eu_institution_needs_its_justification() {
    // Guide 2026 p. 246: KA210 activities may take place at the seat of an EU
    // institution when duly justified: without `venue_reason` a warning.
    let ws = Ws::copy(KA210, "cc617_ka210");
    ws.edit(
        KA210_LABS,
        "venue = { city = \"Ljubljana\", country = \"SI\", coordinates = [46.0569, 14.5058] }",
        "venue = { city = \"Strasbourg\", country = \"FR\", coordinates = [48.5734, 7.7521] }",
    );
    let line = ws.edit(
        KA210_LABS,
        "host = \"ljubljana\"",
        "host = \"ljubljana\"\neu_institution = \"Council of Europe youth department at the European Parliament\"",
    ) + 1;
    let r = ws.check();
    r.absent("CC603");
    r.on_line("CC617", KA210_LABS, line).warning().says(&[
        "Strasbourg",
        "duly justified",
        "venue_reason",
        "Guide 2026 p. 246",
    ]);
    ws.edit(
        KA210_LABS,
        "grant = 15000",
        "grant = 15000\nvenue_reason = \"the labs end with a hearing of the young people by members of the Parliament's youth intergroup\"",
    );
    ws.check().absent("CC617").absent("CC603").passes();
}

#[test]
fn cc617_eu_institution_at_a_venue_that_is_not_a_seat_is_a_warning_and_the_venue_rule_stays() {
    let ws = Ws::copy(KA154, "cc617_not_a_seat");
    let line = ws.edit(
        KA154_MOBILITY,
        "venue = { city = \"Ljubljana\", country = \"SI\", coordinates = [46.0569, 14.5058] }",
        "venue = { city = \"Vienna\", country = \"AT\", coordinates = [48.2082, 16.3738] }",
    );
    let inst = ws.edit(
        KA154_MOBILITY,
        "host = \"ljubljana\"",
        "host = \"ljubljana\"\neu_institution = \"European Parliament liaison office\"",
    ) + 1;
    let r = ws.check();
    r.on_line("CC617", KA154_MOBILITY, inst)
        .warning()
        .says(&["not the seat of an institution of the European Union"]);
    r.on_line("CC603", KA154_MOBILITY, line).error();
}

// ----------------------------------------------------- ages of the adults

#[test]
fn cc618_group_leader_under_18_is_an_error() {
    // Guide 2026 p. 158: group leaders, facilitators and accompanying persons
    // are at least 18 (the KA152 pack's adult_roles_min_age).
    let ws = Ws::copy(KA152, "cc618_leader_17");
    let line = ws.edit(
        EXCHANGE,
        "group_leaders = 2",
        "group_leaders = 2\nleader_ages = [34, 17]",
    ) + 1;
    let r = ws.check();
    r.fails();
    r.at("CC618", EXCHANGE, line, value_col("leader_ages = [34, 17]"))
        .error()
        .says(&[
            "flow 1: a group leader aged 17",
            "at least 18",
            "Guide 2026 p. 158",
        ])
        .helps("as a participant");
    ws.edit(EXCHANGE, "leader_ages = [34, 17]", "leader_ages = [34, 18]");
    ws.check().absent("CC618").passes();
}

#[test]
fn cc618_one_age_per_person() {
    let ws = Ws::copy(KA152, "cc618_count");
    let line = ws.edit(
        EXCHANGE,
        "facilitators = 1",
        "facilitators = 1\nfacilitator_ages = [29, 41]",
    ) + 1;
    ws.check()
        .on_line("CC618", EXCHANGE, line)
        .error()
        .says(&["flow 2: `facilitator_ages` gives 2 ages for `facilitators = 1`"])
        .helps("give one age per person: 1 age");
}

#[test]
fn cc610_participant_over_30_is_told_they_may_come_as_a_group_leader() {
    let new = "ages = [15, 31]";
    let (r, line) = one_line(KA152, "cc610_31_leader", EXCHANGE, "ages = [15, 25]", new);
    r.at("CC610", EXCHANGE, line, value_col(new))
        .error()
        .helps("may still come as a group leader");
}
