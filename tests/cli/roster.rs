//! `coopcom import roster`: participant lists as Google Forms, Microsoft
//! Forms and spreadsheets export them (UTF-8, Windows-1252, UTF-16; comma,
//! semicolon, tab) become the people of an activity's realised flows. Every
//! count below is worked out by hand from the rows of the list; the ages are
//! counted on the activity's first day. Bad rows are listed at their line
//! and column and nothing is written or moved.

use std::path::{Path, PathBuf};

use toml::Value;

use crate::support::{Run, Ws, coopcom, snapshot_tree};

/// Runs `coopcom import roster FILE --activity ID DIR EXTRA...`.
fn import(ws: &Ws, file: &Path, activity: &str, extra: &[&str]) -> Run {
    let mut args: Vec<std::ffi::OsString> = vec![
        "import".into(),
        "roster".into(),
        file.into(),
        "--activity".into(),
        activity.into(),
        ws.root().into(),
    ];
    args.extend(extra.iter().map(Into::into));
    coopcom(args)
}

/// A list saved next to the workspace (not inside it), as a download is.
fn list(ws: &Ws, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = ws.root().parent().unwrap().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The flow from `from` of a results file, parsed.
fn flow(ws: &Ws, rel: &str, from: &str) -> toml::Table {
    let doc: toml::Table = toml::from_str(&ws.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    doc["flows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_table)
        .find(|t| t["from"].as_str() == Some(from))
        .unwrap_or_else(|| panic!("no flow from {from} in {rel}:\n{}", ws.read(rel)))
        .clone()
}

fn int(t: &toml::Table, key: &str) -> Option<i64> {
    t.get(key).and_then(Value::as_integer)
}

fn ints(t: &toml::Table, key: &str) -> Option<Vec<i64>> {
    t.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_integer).collect())
}

/// A Google Forms export of the KA153 job shadowing in Ljubljana (starts
/// 2026-07-01): the question texts as headers, a timestamp and the
/// respondent's e-mail first, an answer with a comma in quotes, dates
/// day/month/year (an en-GB form) and ISO.
const GOOGLE_FORMS: &str = "\
Timestamp,Email Address,Full name,Name of your sending organisation,Date of birth,Gender,Do you face fewer opportunities?,Your role in the project,Any dietary requirements?
2026/05/02 10:02:11 AM GMT+2,anna.nowak@example.org,Anna Nowak,Fundacja Młodzi Kraków,01/07/2002,Female,No,Participant,
2026/05/02 11:15:40 AM GMT+2,ewa.lis@example.org,Ewa Lis,krakow,10/03/1985,F,Yes,Participant,\"vegetarian, no nuts\"
2026/05/03 09:00:03 AM GMT+2,zofia.wrona@example.org,Zofia Wrona,Fundacja Mlodzi Krakow (Poland),1995-11-20,Woman,No,,
2026/05/03 17:45:59 AM GMT+2,piotr.maj@example.org,Piotr Maj,Fundacja Młodzi Kraków,02/07/1990,Male,No,Participant,
2026/05/04 08:30:12 AM GMT+2,mojca.kos@example.org,Mojca Kos,Mladinski center Ljubljana,15/01/2001,Female,No,Participant,
2026/05/04 08:31:40 AM GMT+2,luka.zupan@example.org,Luka Zupan,ljubljana,30/06/1976,Male,,Participant,
2026/05/04 09:12:00 AM GMT+2,nina.horvat@example.org,Nina Horvat,Mladinski center Ljubljana,05/05/1990,Female,No,Participant,
2026/05/04 10:00:00 AM GMT+2,sara.novak@example.org,Sara Novak,Mladinski center Ljubljana,01/12/1998,Prefer not to say,No,Participant,
2026/05/05 12:00:00 PM GMT+2,jan.kranjc@example.org,Jan Kranjc,Mladinski center Ljubljana,29/02/1988,Male,No,Facilitator / trainer,
";

// The KA153 workspace of tests/cli/report.rs without its results file: the
// import starts from the planned activity (6 from Kraków, 4 + 1 facilitator
// from Ljubljana). Counted by hand from the nine rows, ages on 2026-07-01:
//   Kraków (rows 2-5): 4 participants (the empty role is a participant);
//     women: Female, F, Woman = 3 (Male is not); fewer opportunities: 1 (Ewa);
//     ages: 01/07/2002 -> 24 (birthday on the first day), 10/03/1985 -> 41,
//     1995-11-20 -> 30, 02/07/1990 -> 35 (36 only the next day): [24, 41].
//   Ljubljana (rows 6-10): 4 participants, women: Mojca, Nina = 2 ("Prefer
//     not to say" is not counted a woman); none with fewer opportunities
//     (an empty answer is no); ages 25, 50 (30/06/1976: 50 the day
//     before), 36, 27: [25, 50]; 1 facilitator born 29/02/1988: 38.
// The realised grant is then the one tests/cli/report.rs works out by hand
// for this flow of 2 fewer people (Programme Guide 2026, KA153 funding
// rules pp. 175-178):
//   Kraków: travel 4 x 309 (500-1999 km, p. 175)              = 1 236.00
//           individual 4 x 1 100 (62 days x 78 A2.2 SI, capped
//           at 1 100 per person, pp. 176, 178)                 = 4 400.00
//           organisational 4 x 125 (p. 175)                    =   500.00
//           inclusion organisational 1 x 125 (p. 176)          =   125.00
//   Ljubljana, unchanged: 5 x 1 100 + 4 x 125                  = 6 000.00
//   Realised                                                     12 261.00
// (planned 15 329.00: 6 from Kraków).
#[test]
fn a_google_forms_list_becomes_the_flows_and_the_report_pays_the_two_who_did_not_come() {
    let ws = Ws::copy("report-ka153", "roster-google-forms");
    ws.remove("results/activities/a1-long.toml");
    let csv = list(
        &ws,
        "Participants (Responses) - Form responses 1.csv",
        GOOGLE_FORMS,
    );
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(0);
    let rel = "results/activities/a1-long.toml";
    let k = flow(&ws, rel, "krakow");
    assert_eq!(int(&k, "participants"), Some(4));
    assert_eq!(int(&k, "women"), Some(3));
    assert_eq!(int(&k, "fewer_opportunities"), Some(1));
    assert_eq!(ints(&k, "ages"), Some(vec![24, 41]));
    // What the team planned for the flow stays.
    assert_eq!(int(&k, "travel_days"), Some(2));
    assert_eq!(int(&k, "distance_km"), Some(780));
    let l = flow(&ws, rel, "ljubljana");
    assert_eq!(int(&l, "participants"), Some(4));
    assert_eq!(int(&l, "women"), Some(2));
    assert_eq!(int(&l, "fewer_opportunities"), Some(0));
    assert_eq!(int(&l, "facilitators"), Some(1));
    assert_eq!(ints(&l, "facilitator_ages"), Some(vec![38]));
    assert_eq!(ints(&l, "ages"), Some(vec![25, 50]));
    // Only the counts left the list: no name, address or birth date.
    let text = ws.read(rel);
    for personal in ["Nowak", "example.org", "1985", "vegetarian"] {
        assert!(!text.contains(personal), "{personal} in {rel}:\n{text}");
    }
    // The list is moved into private/, which .gitignore keeps out of git.
    assert!(!csv.exists(), "the list is still at {}", csv.display());
    let kept = "private/rosters/a1-long-Participants (Responses) - Form responses 1.csv";
    assert_eq!(ws.read(kept), GOOGLE_FORMS);
    assert!(ws.read(".gitignore").lines().any(|l| l == "private/"));
    assert!(
        run.stderr.contains("created .gitignore with private/"),
        "{}",
        run.stderr
    );
    // The timestamp and the dietary question are not read, and the user is told.
    assert!(
        run.stderr
            .contains("columns not read: \"Timestamp\", \"Any dietary requirements?\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("krakow (Fundacja Młodzi Kraków): 4 participants, 3 women, 1 with fewer opportunities, aged 24 to 41"),
        "{}",
        run.stdout
    );

    let report = coopcom([
        "report".as_ref(),
        ws.root().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    report.expect_status(0);
    let v: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(v["planned"], "15329.00");
    assert_eq!(v["realised"], "12261.00");
    assert_eq!(v["final_grant"], "12261.00");
    let a = v["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "a1-long")
        .unwrap();
    assert_eq!(a["outcome"], "reported");
    assert_eq!(a["flows"][0]["realised"]["participants"], 4);
    assert_eq!(a["flows"][0]["realised"]["women"], 3);
}

/// Excel on a Spanish Windows saves "CSV" in Windows-1252, separated by
/// semicolons, without a byte-order mark.
const EXCEL_ES: &str = "\
Nombre;Apellidos;Organización;Género;Fecha de nacimiento;¿Joven con menos oportunidades?;Rol;Observaciones
María;García López;Asociación Juvenil del Turia;Mujer;14/03/2009;Sí;Participante;
José;Núñez;Asociación Juvenil del Turia;Hombre;15/09/2010;No;Participante;
Lucía;Fernández;asociacion juvenil del turia;Femenino;01/01/2005;No;participante;alergia
Íñigo;Peña;valencia;Hombre;20/02/2007;Sí;Participante;
Begoña;Ruiz;Asociación Juvenil del Turia;Mujer;02/06/1990;No;Líder de grupo;
Ángel;Muñoz;Asociación Juvenil del Turia;Hombre;30/11/1985;No;Facilitador;
Chloé;Lefèvre;Jeunesse Confluence;Mujer;10/10/2008;No;Participante;
Théo;Girard;Jeunesse Confluence;Hombre;2006-09-14;Sí;Participante;
Inès;Benali;Jeunesse Confluence;Mujer;05/05/2009;Sí;Participante;
Mathis;Roux;Jeunesse Confluence;Hombre;31/12/2008;No;Participante;
Élodie;Moreau;Jeunesse Confluence;Mujer;12/12/1979;No;Líder de grupo;
Karim;Haddad;Jeunesse Confluence;Hombre;01/03/1992;No;Líder de grupo;
;;;;;;;
";

fn windows_1252(text: &str) -> Vec<u8> {
    let crlf = text.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&crlf);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the accents make it invalid UTF-8"
    );
    bytes.into_owned()
}

// The KA152 youth exchange in Valencia (starts 2026-09-14), whose results
// file `report init` made and the team corrected (a comment at the top).
// Counted by hand from the twelve rows (the last, empty row of the
// spreadsheet is no one), ages on 2026-09-14:
//   valencia (rows 2-7): participants María, José, Lucía, Íñigo = 4; women
//     (Mujer, Femenino) = 2; fewer opportunities (Sí) María, Íñigo = 2;
//     ages 17, 15 (15/09/2010: 16 only the next day), 21, 19 = [15, 21];
//     1 group leader born 02/06/1990 = 36; 1 facilitator born 30/11/1985
//     = 40 (planned: 2 facilitators).
//   lyon (rows 8-13): participants Chloé, Théo, Inès, Mathis = 4; women 2;
//     fewer opportunities Théo, Inès = 2; ages 17 (10/10/2008), 20
//     (2006-09-14, on the first day), 17, 17 = [17, 20]; 2 group leaders
//     born 12/12/1979 = 46 and 01/03/1992 = 34, sorted [34, 46].
#[test]
fn a_semicolon_windows_1252_excel_list_updates_the_results_file_and_keeps_its_comments() {
    let ws = Ws::copy("report-ka152", "roster-excel-es");
    let rel = "results/activities/a1-exchange.toml";
    let before = ws.read(rel);
    let csv = list(&ws, "participantes.csv", windows_1252(EXCEL_ES));
    let run = import(&ws, &csv, "a1-exchange", &[]);
    run.expect_status(0);
    assert!(
        run.stdout.contains("windows-1252, semicolon separated"),
        "{}",
        run.stdout
    );
    let v = flow(&ws, rel, "valencia");
    assert_eq!(int(&v, "participants"), Some(4));
    assert_eq!(int(&v, "women"), Some(2));
    assert_eq!(int(&v, "fewer_opportunities"), Some(2));
    assert_eq!(ints(&v, "ages"), Some(vec![15, 21]));
    assert_eq!(int(&v, "group_leaders"), Some(1));
    assert_eq!(ints(&v, "leader_ages"), Some(vec![36]));
    assert_eq!(int(&v, "facilitators"), Some(1));
    assert_eq!(ints(&v, "facilitator_ages"), Some(vec![40]));
    let l = flow(&ws, rel, "lyon");
    assert_eq!(int(&l, "participants"), Some(4));
    assert_eq!(int(&l, "women"), Some(2));
    assert_eq!(int(&l, "fewer_opportunities"), Some(2));
    assert_eq!(ints(&l, "ages"), Some(vec![17, 20]));
    assert_eq!(int(&l, "group_leaders"), Some(2));
    assert_eq!(ints(&l, "leader_ages"), Some(vec![34, 46]));
    // Only the people changed: the comment, the venue, the travel and the
    // green travel of the team's file are as they were, line for line.
    let after = ws.read(rel);
    assert!(after.starts_with("# As it took place: Lyon came with 12 young people instead of 10.\n"));
    for line in before.lines() {
        let people = flows_people_key(line);
        assert!(
            people || after.lines().any(|l| l == line),
            "lost: {line}\n{after}"
        );
    }
    assert!(
        run.stderr.contains("updated results/activities/a1-exchange.toml"),
        "{}",
        run.stderr
    );
    // "Nombre" and "Apellidos" are read as the name, for duplicates only.
    assert!(
        run.stderr.contains("columns not read: \"Observaciones\""),
        "{}",
        run.stderr
    );
}

fn flows_people_key(line: &str) -> bool {
    [
        "participants",
        "women",
        "fewer_opportunities",
        "group_leaders",
        "facilitators",
        "accompanying",
        "ages",
        "leader_ages",
        "facilitator_ages",
        "accompanying_ages",
    ]
    .iter()
    .any(|k| line.starts_with(&format!("{k} =")))
}

// Excel's "Unicode text": UTF-16 little-endian with a byte-order mark,
// separated by tabs; French headers; ages typed as "16 ans". The planned
// exchange (no results file yet), starting 2026-09-14. By hand:
//   lyon: "Jeune" x 4 = 4 participants; women (Femme, F) = 2; JAMO "Oui"
//     = 2; ages 16, 17, 19, 22 = [16, 22]; 1 "Chef de groupe" aged 41; 1
//     "Accompagnateur" aged 29.
//   valencia: 4 participants; women (Femme, Femme) = 2 ("Autre" is not);
//     JAMO 1; ages 15, 21, 18, 20 = [15, 21]; 1 "Responsable" (a group
//     leader) aged 33; no facilitator this time (planned 2: the key goes).
#[test]
fn a_utf16_tab_separated_list_with_french_headers() {
    let ws = Ws::copy("report-ka152", "roster-utf16");
    ws.remove("results/activities/a1-exchange.toml");
    let text = "\
Nom\tStructure d'envoi\tSexe\tÂge\tJAMO\tRôle
Léa Dupont\tJeunesse Confluence\tFemme\t16 ans\tOui\tJeune
Hugo Martin\tJeunesse Confluence\tHomme\t17\tNon\tJeune
Zoé Petit\tJeunesse Confluence\tF\t19\tNon\tJeune
Noah Garcia\tJeunesse Confluence\tH\t22 ans\tOui\tJeune
Anne Bernard\tJeunesse Confluence\tFemme\t41\tNon\tChef de groupe
Paul Roux\tJeunesse Confluence\tHomme\t29\tNon\tAccompagnateur
Ana Sanz\tAsociación Juvenil del Turia\tFemme\t15\tNon\tJeune
Pau Vidal\tAsociación Juvenil del Turia\tHomme\t21\tOui\tJeune
Clara Gil\tAsociación Juvenil del Turia\tFemme\t18\tNon\tJeune
Alex Soler\tAsociación Juvenil del Turia\tAutre\t20\tNon\tJeune
Marta Pons\tAsociación Juvenil del Turia\tFemme\t33\tNon\tResponsable
";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(
        text.replace('\n', "\r\n")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let csv = list(&ws, "liste.txt", bytes);
    let run = import(&ws, &csv, "a1-exchange", &[]);
    run.expect_status(0);
    assert!(run.stdout.contains("UTF-16LE, tab separated"), "{}", run.stdout);
    let rel = "results/activities/a1-exchange.toml";
    let l = flow(&ws, rel, "lyon");
    assert_eq!(int(&l, "participants"), Some(4));
    assert_eq!(int(&l, "women"), Some(2));
    assert_eq!(int(&l, "fewer_opportunities"), Some(2));
    assert_eq!(ints(&l, "ages"), Some(vec![16, 22]));
    assert_eq!(
        (int(&l, "group_leaders"), ints(&l, "leader_ages")),
        (Some(1), Some(vec![41]))
    );
    assert_eq!(
        (int(&l, "accompanying"), ints(&l, "accompanying_ages")),
        (Some(1), Some(vec![29]))
    );
    let v = flow(&ws, rel, "valencia");
    assert_eq!(int(&v, "participants"), Some(4));
    assert_eq!(int(&v, "women"), Some(2));
    assert_eq!(int(&v, "fewer_opportunities"), Some(1));
    assert_eq!(ints(&v, "ages"), Some(vec![15, 21]));
    assert_eq!(
        (int(&v, "group_leaders"), ints(&v, "leader_ages")),
        (Some(1), Some(vec![33]))
    );
    assert_eq!(int(&v, "facilitators"), None);
    // The results file loads: `check` finds nothing wrong in it.
    ws.check().passes();
}

// One row names an organisation that is not in the project, another a
// birth date written month/day/year, a third a gender the list cannot
// mean: each is listed at its line and column with a help line, the exit
// status is 1, nothing is written and the list stays where it was.
#[test]
fn rows_that_cannot_be_read_are_listed_and_nothing_is_written_or_moved() {
    let ws = Ws::copy("report-ka153", "roster-unknown-org");
    let text = "\
Organisation,Gender,Date of birth
krakow,F,01/07/2002
Asociación Gavina,F,10/03/1985
ljubljana,M,03/25/1990
ljubljana,banana,05/05/1990
";
    let csv = list(&ws, "list.csv", text);
    let before = snapshot_tree(ws.root());
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(1);
    let shown = csv.display().to_string();
    assert!(run.stderr.contains(&format!("{shown}:3:1")), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("line 3: \"Asociación Gavina\" is not an organisation of the project"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("krakow (Fundacja Młodzi Kraków)"),
        "{}",
        run.stderr
    );
    // 03/25/1990 has no month 25: month/day/year, and the help writes it in ISO.
    assert!(run.stderr.contains(&format!("{shown}:4:13")), "{}", run.stderr);
    assert!(run.stderr.contains("1990-03-25"), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{shown}:5:11")), "{}", run.stderr);
    assert!(run.stderr.contains("CC114"), "{}", run.stderr);
    assert!(run.stderr.contains("3 problems"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
    assert_eq!(snapshot_tree(ws.root()), before, "the workspace changed");
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        text,
        "the list was moved or changed"
    );
}

// A form sent twice: the same e-mail address on lines 2 and 4 (in another
// case), and the same name and birth date on lines 3 and 5 (written
// without accents the second time). Both pairs are named, nothing written.
#[test]
fn a_person_listed_twice_is_named_with_both_lines_and_nothing_is_written() {
    let ws = Ws::copy("report-ka153", "roster-duplicate");
    let text = "\
Timestamp,Email,Name,Organisation,Birth date
2026/05/02 10:02,anna.nowak@example.org,Anna Nowak,krakow,2002-07-01
2026/05/02 10:05,ewa@example.org,Łucja Żak,krakow,1985-03-10
2026/05/02 10:09,Anna.Nowak@Example.org,Anna Nowak-Lis,krakow,2002-07-01
2026/05/02 10:12,lucja@example.org,Lucja Zak,krakow,10/03/1985
";
    let csv = list(&ws, "responses.csv", text);
    let before = snapshot_tree(ws.root());
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(1);
    assert!(
        run.stderr
            .contains("line 4 and line 2 are the same person (the same e-mail address)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("line 5 and line 3 are the same person (the same name and birth date)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("CC115"), "{}", run.stderr);
    assert_eq!(snapshot_tree(ws.root()), before, "the workspace changed");
    assert!(csv.exists());
}

// `--map` reads a column whose header says nothing ("Club"), and ignores
// one that would be read as a second role; `--keep` copies the list. The
// preparatory visit a0-prep (starts 2026-07-10) plans a flow from Lyon and
// one from Valencia; this list has Valencia's people only, and the list
// has no gender column. By hand:
//   valencia: "Participant" x 1 = 1 participant, born 2007-07-11: 18 (19
//     the next day); "Group leader" x 1, born 1980-07-10: 46 on the day.
//   lyon: nobody in the list: its flow stays as planned, with a warning.
//   No gender column: `women` is not written (not known), with a note.
// Imported twice with --keep, the second copy gets its own name: what is
// in private/ is never overwritten.
#[test]
fn map_reads_an_unclear_column_and_keep_copies_the_list() {
    let ws = Ws::copy("report-ka152", "roster-map-keep");
    std::fs::write(ws.path(".gitignore"), "/build/\nprivate/\n").unwrap();
    let text = "\
Club,Status,Function,Birthday
valencia,confirmed,Participant,2007-07-11
Asociación Juvenil del Turia,confirmed,Group leader,1980-07-10
";
    let csv = list(&ws, "prep.csv", text);
    let run = import(
        &ws,
        &csv,
        "a0-prep",
        &["--map", "club=organisation", "--map", "Status=ignore", "--keep"],
    );
    run.expect_status(0);
    let rel = "results/activities/a0-prep.toml";
    let v = flow(&ws, rel, "valencia");
    assert_eq!(int(&v, "participants"), Some(1));
    assert_eq!(ints(&v, "ages"), Some(vec![18, 18]));
    assert_eq!(
        (int(&v, "group_leaders"), ints(&v, "leader_ages")),
        (Some(1), Some(vec![46]))
    );
    assert_eq!(int(&v, "women"), None);
    let l = flow(&ws, rel, "lyon");
    assert_eq!(int(&l, "participants"), Some(1));
    assert!(
        run.stderr.contains("nobody in the list comes from \"lyon\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("note: the list has no gender column: `women` was left out"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("copied"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        text,
        "--keep leaves the list"
    );
    assert_eq!(ws.read("private/rosters/a0-prep-prep.csv"), text);
    // .gitignore already ignores private/: left alone.
    assert_eq!(ws.read(".gitignore"), "/build/\nprivate/\n");

    let again = import(
        &ws,
        &csv,
        "a0-prep",
        &["--map", "club=organisation", "--map", "Status=ignore", "--keep"],
    );
    again.expect_status(0);
    assert_eq!(ws.read("private/rosters/a0-prep-prep.csv"), text);
    assert_eq!(ws.read("private/rosters/a0-prep-prep-2.csv"), text);
}

// An organisation of the project without a planned flow in the activity
// gets a flow of its own, said in a note and in a comment of the file.
#[test]
fn an_organisation_without_a_planned_flow_gets_a_new_flow() {
    let ws = Ws::copy("report-ka153", "roster-new-flow");
    // Kraków's flow was never planned.
    let plan = ws.read("activities/a1-long.toml");
    let cut = plan.find("[[flows]]\nfrom = \"krakow\"").unwrap();
    let end = plan[cut..].find("\n\n").unwrap() + cut + 2;
    ws.write(
        "activities/a1-long.toml",
        format!("{}{}", &plan[..cut], &plan[end..]),
    );
    ws.remove("results/activities/a1-long.toml");
    let csv = list(
        &ws,
        "l.csv",
        "Organisation;Age;Gender\nkrakow;30;F\nkrakow;26;M\nljubljana;40;F\nljubljana;28;F\nljubljana;33;M\nljubljana;35;M\n",
    );
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(0);
    let rel = "results/activities/a1-long.toml";
    let k = flow(&ws, rel, "krakow");
    assert_eq!((int(&k, "participants"), int(&k, "women")), (Some(2), Some(1)));
    assert_eq!(ints(&k, "ages"), Some(vec![26, 30]));
    assert!(
        ws.read(rel)
            .contains("# From the participant list: \"krakow\" has no planned flow")
    );
    assert!(
        run.stderr.contains("\"krakow\" has no planned flow in a1-long"),
        "{}",
        run.stderr
    );
    // Ljubljana: 4 participants, 2 women; the planned facilitator is not
    // in the list, so the key goes.
    let l = flow(&ws, rel, "ljubljana");
    assert_eq!((int(&l, "participants"), int(&l, "women")), (Some(4), Some(2)));
    assert_eq!(int(&l, "facilitators"), None);
}

// A Microsoft Forms export of an anonymous form: the "Email" and "Name"
// columns Forms adds say "anonymous" for everyone, and are not taken for
// one person listed four times. The form's own question "Full name" is a
// second name column; the "ID", "Start time" and "Completion time"
// columns are not read. The job shadowing starts 2026-07-01; by hand:
//   krakow: 2 participants ("Youth worker"), women 1 (Female), fewer
//     opportunities 1 (TRUE), ages 29 and 44 = [29, 44];
//   ljubljana: 1 participant aged 31 and 1 "Trainer" (a facilitator) aged 52.
#[test]
fn an_anonymous_microsoft_forms_export_is_not_one_person_four_times() {
    let ws = Ws::copy("report-ka153", "roster-ms-forms");
    let text = "\u{feff}ID,Start time,Completion time,Email,Name,Full name,Organisation,Gender,Age,Fewer opportunities,Role
1,6/1/26 9:01:02,6/1/26 9:04:40,anonymous,anonymous,Marta Kowalska,Fundacja Młodzi Kraków,Female,29,TRUE,Youth worker
2,6/1/26 9:10:00,6/1/26 9:12:13,anonymous,anonymous,Adam Wójcik,Fundacja Młodzi Kraków,Male,44,FALSE,Youth worker
3,6/2/26 14:00:00,6/2/26 14:03:00,anonymous,anonymous,Tina Potočnik,Mladinski center Ljubljana,Female,31,FALSE,Youth worker
4,6/2/26 15:00:00,6/2/26 15:05:00,anonymous,anonymous,Marko Kralj,Mladinski center Ljubljana,Male,52,FALSE,Trainer
";
    let csv = list(&ws, "Participants(1-4).csv", text);
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(0);
    let rel = "results/activities/a1-long.toml";
    let k = flow(&ws, rel, "krakow");
    assert_eq!((int(&k, "participants"), int(&k, "women")), (Some(2), Some(1)));
    assert_eq!(int(&k, "fewer_opportunities"), Some(1));
    assert_eq!(ints(&k, "ages"), Some(vec![29, 44]));
    let l = flow(&ws, rel, "ljubljana");
    assert_eq!(int(&l, "participants"), Some(1));
    assert_eq!(
        (int(&l, "facilitators"), ints(&l, "facilitator_ages")),
        (Some(1), Some(vec![52]))
    );
    assert!(
        run.stderr
            .contains("columns not read: \"ID\", \"Start time\", \"Completion time\""),
        "{}",
        run.stderr
    );
}

// Where the list would go is not a folder (a file named `private`): found
// before anything is written, exit status 2, the list where it was.
#[test]
fn no_results_are_written_when_the_list_could_not_be_kept_in_private() {
    let ws = Ws::copy("report-ka153", "roster-private-file");
    ws.write("private", "not a folder\n");
    let csv = list(&ws, "l.csv", "Organisation\nkrakow\nkrakow\nljubljana\n");
    let before = snapshot_tree(ws.root());
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(2);
    assert!(run.stderr.contains("private is not a folder"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
    assert_eq!(snapshot_tree(ws.root()), before, "the workspace changed");
    assert!(csv.exists());
}

// Two columns a form tool made for one question ("Age" and "Age on the
// first day") are not guessed between: CC113 at the second header, with
// the --map that settles it. A list without any organisation column is
// CC113 too; a --map column not in the file cannot run (exit 2).
#[test]
fn columns_that_cannot_be_told_apart_are_asked_about() {
    let ws = Ws::copy("report-ka153", "roster-columns");
    let csv = list(
        &ws,
        "ages.csv",
        "Organisation,Age,Age on the first day\nkrakow,30,30\n",
    );
    let before = snapshot_tree(ws.root());
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(1);
    assert_eq!(snapshot_tree(ws.root()), before, "the workspace changed");
    let shown = csv.display().to_string();
    assert!(run.stderr.contains(&format!("{shown}:1:18")), "{}", run.stderr);
    assert!(
        run.stderr.contains("--map \"Age on the first day=ignore\""),
        "{}",
        run.stderr
    );
    let settled = import(
        &ws,
        &csv,
        "a1-long",
        &["--map", "Age on the first day=ignore", "--keep"],
    );
    settled.expect_status(0);
    assert_eq!(
        ints(&flow(&ws, "results/activities/a1-long.toml", "krakow"), "ages"),
        Some(vec![30, 30])
    );

    let ws = Ws::copy("report-ka153", "roster-no-org");
    let csv = list(&ws, "people.csv", "Gender;Age\nF;30\n");
    let before = snapshot_tree(ws.root());
    let run = import(&ws, &csv, "a1-long", &[]);
    run.expect_status(1);
    assert!(
        run.stderr.contains("has no column of the sending organisation"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("CC113"), "{}", run.stderr);
    let run = import(&ws, &csv, "a1-long", &["--map", "Club=organisation"]);
    run.expect_status(2);
    assert!(run.stderr.contains("has no column \"Club\""), "{}", run.stderr);
    assert_eq!(snapshot_tree(ws.root()), before, "the workspace changed");
}
