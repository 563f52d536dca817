//! Command-line definitions (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "coopcom",
    version,
    about = "Write Erasmus+ project proposals as a folder of plain text",
    long_about = "coopcom keeps an Erasmus+ proposal as a folder of TOML and Markdown files that partners \
                  can version and review. It checks the proposal against the rules of its action and call \
                  year, computes the grant exactly, and renders the application draft.",
    after_help = "Examples:\n  coopcom init my-exchange --action KA152-YOU\n  coopcom check examples/coopcom-refugees\n  coopcom explain CC602"
)]
pub struct Cli {
    /// When to use colours: auto (on a terminal, unless NO_COLOR is set), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl From<ColorChoice> for crate::output::ColorMode {
    fn from(c: ColorChoice) -> Self {
        use crate::output::ColorMode;
        match c {
            ColorChoice::Auto => ColorMode::Auto,
            ColorChoice::Always => ColorMode::Always,
            ColorChoice::Never => ColorMode::Never,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new proposal workspace for an action type
    #[command(
        after_help = "Example:\n  coopcom init refugees-2026 --action KA153-YOU --call 2026 --title \"COOPCOM REFUGEES\""
    )]
    Init(InitArgs),
    /// Check a workspace against the rules of its action and call year
    #[command(
        after_help = "Examples:\n  coopcom check examples/coopcom-refugees --format json\n  coopcom check --all applications/ --jobs 4\n  coopcom check ye-valencia ye-porto ka210-rivers\n\nWith several workspaces, each is checked as alone, in path order; the rules across them\n(applications per organisation and deadline, the same activity twice, two OIDs for one\norganisation) follow, then a summary table on stdout. Exit status 1 when any has errors,\n2 when one cannot be read at all."
    )]
    Check(CheckArgs),
    /// Compute the grant from the rule pack, line by line
    #[command(
        after_help = "Examples:\n  coopcom budget examples/coopcom-refugees\n  coopcom budget examples/coopcom-refugees --format csv > budget.csv"
    )]
    Budget(BudgetArgs),
    /// Render the application draft, the paste-ready field texts and the budget
    #[command(
        after_help = "Examples:\n  coopcom render examples/coopcom-refugees\n  coopcom render --out /tmp/draft --format html\n  coopcom render --watch"
    )]
    Render(RenderArgs),
    /// Export the budget (xlsx, csv), the calendar (ics), the map (geojson, kml) or the application (docx)
    #[command(
        after_help = "Examples:\n  coopcom export xlsx examples/coopcom-refugees\n  coopcom export csv --what flows --out flows.csv\n  coopcom export ics --out -\n  coopcom export docx --out draft.docx"
    )]
    Export(ExportArgs),
    /// List the built-in templates, or copy one into templates/ to change it
    #[command(
        subcommand,
        after_help = "Examples:\n  coopcom templates list\n  coopcom templates eject application.md.tera"
    )]
    Templates(TemplatesCommand),
    /// Show the rule pack in force: every figure with its source and status
    #[command(
        after_help = "Examples:\n  coopcom rules --action KA152-YOU --call 2026\n  coopcom rules --action KA220-YOU --format json\n  coopcom rules install corrections-2027.toml\n  coopcom rules diff --call 2026 --call 2027"
    )]
    Rules(RulesArgs),
    /// The one-way distance between two places and its travel band
    #[command(after_help = "Example:\n  coopcom distance \"Nice, FR\" \"Castelldefels, ES\"")]
    Distance(DistanceArgs),
    /// Print the long explanation of a diagnostic code
    #[command(after_help = "Example:\n  coopcom explain CC602")]
    Explain(ExplainArgs),
    /// Print the JSON Schema of a workspace file kind, for editors and TOML language servers
    #[command(
        after_help = "Examples:\n  coopcom schema partner\n  coopcom schema activity > .coopcom/schema/activity.schema.json\n  coopcom schema > coopcom-schemas.json"
    )]
    Schema(SchemaArgs),
    /// How complete the application is: every form field, Organisation IDs, days to the deadline
    #[command(
        after_help = "Examples:\n  coopcom status examples/coopcom-refugees\n  coopcom status --today 2026-01-15 --format json"
    )]
    Status(StatusArgs),
    /// Show the dashboard, the draft, the budget and the timeline in the browser, updated on every save
    #[command(
        after_help = "Examples:\n  coopcom serve examples/coopcom-refugees\n  coopcom serve --open\n  coopcom serve --port 0"
    )]
    Serve(ServeArgs),
    /// After the award: what took place against the plan, the realised and the final grant
    #[command(
        after_help = "Examples:\n  coopcom report init examples/coopcom-refugees\n  coopcom report examples/coopcom-refugees --format json"
    )]
    Report(ReportArgs),
    /// Bring a participant list into the workspace: the realised flows of an activity
    #[command(
        subcommand,
        after_help = "Example:\n  coopcom import roster participants.csv --activity a2-nice"
    )]
    Import(ImportCommand),
    /// What changed between two versions of a proposal: the grant, organisations, activities, flows, findings, texts, targets
    #[command(
        after_help = "Examples:\n  coopcom diff                      # the last commit against the working tree\n  coopcom diff v1-submitted HEAD --format md\n  coopcom diff old-copy/ new-copy/ --format json\n  coopcom diff --results            # the plan against results/\n\nOLD and NEW are git revisions of the repository that holds the workspace, or workspace folders.\nExit status 0 when the two analyses are the same, 1 when they differ, 2 when a side cannot be read."
    )]
    Diff(DiffArgs),
    /// Print a completion script for a shell
    #[command(
        after_help = "Examples:\n  coopcom completions bash > ~/.local/share/bash-completion/completions/coopcom\n  coopcom completions zsh > ~/.zfunc/_coopcom\n  coopcom completions fish > ~/.config/fish/completions/coopcom.fish\n  coopcom completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), of coopcom or of one subcommand
    #[command(after_help = "Examples:\n  coopcom man | man -l -\n  coopcom man check > coopcom-check.1")]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct WorkspaceArgs {
    /// The workspace folder (default: the nearest folder upwards with a coopcom.toml)
    pub dir: Option<PathBuf>,

    /// A corrected rule pack to use on top of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (default: the current folder)
    pub dir: Option<PathBuf>,
    /// The action type, e.g. KA152-YOU, KA153-YOU, KA154-YOU, KA210-YOU, KA220-ADU
    #[arg(long)]
    pub action: String,
    /// The call year (default: the call of the next round still open, see --today)
    #[arg(long)]
    pub call: Option<u32>,
    /// The round: 1 for the first deadline of the call year, 2 for the autumn round (default: the next still open)
    #[arg(long)]
    pub round: Option<u32>,
    /// The project title
    #[arg(long)]
    pub title: Option<String>,
    /// Pick the next round still open on this date (default: $COOPCOM_TODAY, else today by the system clock)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// More workspace folders: check them all, and the rules across them (as --all)
    #[arg(value_name = "DIR")]
    pub more: Vec<PathBuf>,
    /// Check every workspace under ROOT (a folder with a coopcom.toml; hidden folders and target/ are skipped), and the rules across them
    #[arg(long, value_name = "ROOT", conflicts_with_all = ["dir", "more"])]
    pub all: Option<PathBuf>,
    /// With several workspaces: how many to check at once (default: every core)
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Treat warnings as failures (exit 1)
    #[arg(long)]
    pub strict: bool,
    /// Check the round's deadline against this date (default: $COOPCOM_TODAY, else today by the system clock)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code, e.g. CC602 (or its name, e.g. activity-duration)
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BudgetFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct BudgetArgs {
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// The grants of every workspace under ROOT side by side, with a total per action and round
    #[arg(long, value_name = "ROOT", conflicts_with = "dir")]
    pub all: Option<PathBuf>,
    /// With --all: how many workspaces to read at once (default: every core)
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Output format: a readable table, the JSON object, or CSV for spreadsheets
    #[arg(long, value_enum, default_value_t = BudgetFormat::Table)]
    pub format: BudgetFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: Option<RulesCommand>,
    /// The action type (default: the action of the workspace in the current folder)
    #[arg(long)]
    pub action: Option<String>,
    /// The call year (default: the workspace's call, else 2026)
    #[arg(long)]
    pub call: Option<u32>,
    /// A corrected rule pack to merge on top of the built-in one
    #[arg(long, value_name = "FILE")]
    pub rules: Option<std::path::PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Install a rule pack (corrections, or a whole action file) in your data folder, in place of the built-in figures it gives
    #[command(
        after_help = "Examples:\n  coopcom rules install ka152-2027.toml\n  coopcom rules install travel-bands-2027.toml --call 2027\n\nThe file names its call (`[pack] call = 2027`) and action (`[action] code = \"KA152-YOU\"`), or --call and --action do.\nA file without an action corrects the call-wide tables of every action (travel bands, day rates, countries).\nThe data folder is $COOPCOM_DATA_DIR, else the platform's (~/.local/share/coopcom on Linux and macOS)."
    )]
    Install(RulesInstallArgs),
    /// Remove installed rule packs: the built-in figures are in force again
    #[command(
        after_help = "Examples:\n  coopcom rules uninstall --call 2027 --action KA152-YOU\n  coopcom rules uninstall --call 2027"
    )]
    Uninstall(RulesUninstallArgs),
    /// Every figure that differs between two calls' packs, or exists in one only, with both values and sources
    #[command(
        after_help = "Examples:\n  coopcom rules diff --call 2026 --call 2027\n  coopcom rules diff --call 2026 --call 2027 --action KA153-YOU --format json\n\nThe packs are those in force: built-in, installed and, in a workspace, .coopcom/rules/.\nExit status 0 when the difference was shown (whether or not there is one); 2 when a pack cannot be used."
    )]
    Diff(RulesDiffArgs),
}

#[derive(Debug, Args)]
pub struct RulesInstallArgs {
    /// The pack file to install
    pub file: PathBuf,
    /// The call it is for, if the file does not say (`[pack] call`)
    #[arg(long)]
    pub call: Option<u32>,
    /// The action it is for, if the file does not say (`[action] code`)
    #[arg(long)]
    pub action: Option<String>,
}

#[derive(Debug, Args)]
pub struct RulesUninstallArgs {
    /// The call (default: the workspace's in the current folder)
    #[arg(long)]
    pub call: Option<u32>,
    /// The action (default: every installed pack of the call)
    #[arg(long)]
    pub action: Option<String>,
}

#[derive(Debug, Args)]
pub struct RulesDiffArgs {
    /// The two calls to compare: --call 2026 --call 2027
    #[arg(long = "call", required = true, num_args = 1, action = clap::ArgAction::Append)]
    pub calls: Vec<u32>,
    /// Only this action (default: every action)
    #[arg(long)]
    pub action: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Args)]
pub struct DistanceArgs {
    /// Place of origin: "City, CC" (country code) or "lat,lon"
    pub from: String,
    /// Venue: "City, CC" or "lat,lon"
    pub to: String,
    /// The call year whose distance bands to use
    #[arg(long, default_value_t = 2026)]
    pub call: u32,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// The output folder (default: build/ in the workspace)
    #[arg(long, value_name = "DIR")]
    pub out: Option<std::path::PathBuf>,
    /// Formats of the application draft, comma-separated
    #[arg(long, value_delimiter = ',', default_value = "md,html")]
    pub format: Vec<RenderFormat>,
    /// Render even when the workspace has errors, with a banner that lists them
    #[arg(long)]
    pub allow_errors: bool,
    /// Print every warning and note in full, not only their count (`coopcom check` shows them too)
    #[arg(long, short)]
    pub verbose: bool,
    /// Render the final report (final-report.md, final-report.html, results-summary.txt) from results/ instead of the application
    #[arg(long)]
    pub report: bool,
    /// Render again whenever a workspace file changes
    #[arg(long)]
    pub watch: bool,
    /// With --watch: stop after this many passes (for scripts and tests)
    #[arg(long, hide = true)]
    pub watch_passes: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Md,
    Html,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the built-in templates of the workspace's action family
    #[command(after_help = "Example:\n  coopcom templates list examples/coopcom-refugees")]
    List(TemplatesListArgs),
    /// Copy a built-in template into the workspace's templates/ folder
    #[command(after_help = "Example:\n  coopcom templates eject application.md.tera")]
    Eject(TemplatesEjectArgs),
}

#[derive(Debug, Args)]
pub struct TemplatesListArgs {
    /// The workspace folder (default: found upwards from the current folder)
    pub dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct TemplatesEjectArgs {
    /// The template's name, as `templates list` shows it
    pub name: String,
    /// The workspace folder (default: found upwards from the current folder)
    pub dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The file kind (default: every kind, in one object keyed by kind)
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(crate::schema::kinds()))]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old version: a git revision (default HEAD) or a workspace folder
    pub old: Option<String>,
    /// The new version: a git revision or a workspace folder (default: the workspace as it is on disk)
    pub new: Option<String>,
    /// The workspace folder whose repository the revisions are read from (default: the nearest folder upwards with a coopcom.toml)
    #[arg(long, short = 'C', value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// A corrected rule pack to use on top of the built-in one, on both sides
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Output format: text for a terminal, one JSON object, or Markdown for a pull-request comment
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Compare the plan with what took place (results/) instead of two versions
    #[arg(long, conflicts_with = "new")]
    pub results: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatusFormat::Human)]
    pub format: StatusFormat,
    /// Count the days to the deadline from this date (default: $COOPCOM_TODAY, else today by the system clock)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<chrono::NaiveDate>,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-01-15"))
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// The port (default: 3000, or the next free one if it is taken; 0: any free port)
    #[arg(long, short)]
    pub port: Option<u16>,
    /// Open the dashboard in the default browser
    #[arg(long)]
    pub open: bool,
    /// Listen on this address instead of 127.0.0.1 (other computers may then reach the server)
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<std::net::IpAddr>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand, for its own page (e.g. check)
    pub command: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The budget as an Excel workbook: a Summary sheet of formulas, one sheet per activity
    Xlsx,
    /// The budget lines and the flows of participants, two CSV files
    Csv,
    /// The calendar (iCalendar): activities, the application deadline, project start and end
    Ics,
    /// The map (GeoJSON): partners and venues as points, flows as lines
    Geojson,
    /// The map as KML, for online map tools
    Kml,
    /// The application draft as a Word document, with real headings and tables
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvPart {
    /// Only the budget lines
    Budget,
    /// Only the flows of participants
    Flows,
}

impl From<ExportFormat> for crate::export::Format {
    fn from(f: ExportFormat) -> Self {
        use crate::export::Format;
        match f {
            ExportFormat::Xlsx => Format::Xlsx,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Ics => Format::Ics,
            ExportFormat::Geojson => Format::Geojson,
            ExportFormat::Kml => Format::Kml,
            ExportFormat::Docx => Format::Docx,
        }
    }
}

impl From<CsvPart> for crate::export::CsvPart {
    fn from(p: CsvPart) -> Self {
        match p {
            CsvPart::Budget => crate::export::CsvPart::Budget,
            CsvPart::Flows => crate::export::CsvPart::Flows,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to export
    #[arg(value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// The file to write (default: build/<acronym>-<what>.<ext> in the workspace); `-` writes a text format to stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With csv: write only the budget lines or only the flows (default: both files)
    #[arg(long, value_enum)]
    pub what: Option<CsvPart>,
    /// With docx: the final report from results/ instead of the application
    #[arg(long)]
    pub report: bool,
    /// Print every warning and note in full, not only their count (`coopcom check` shows them too)
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Md,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: Option<ReportCommand>,
    #[command(flatten)]
    pub workspace: WorkspaceArgs,
    /// Output format: a readable table, the JSON object, or Markdown
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Copy every planned activity into results/activities/ for the team to correct, never overwriting
    #[command(after_help = "Example:\n  coopcom report init examples/coopcom-refugees")]
    Init(ReportInitArgs),
}

#[derive(Debug, Args)]
pub struct ReportInitArgs {
    /// The workspace folder (default: the nearest folder upwards with a coopcom.toml)
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A participant list (CSV from Google Forms, Microsoft Forms or a spreadsheet) becomes the people of an activity's realised flows
    #[command(
        after_help = "Examples:\n  coopcom import roster participants.csv --activity a2-nice\n  coopcom import roster inscriptions.csv --activity a1-castelldefels examples/coopcom-refugees --map \"Structure d'envoi=organisation\" --keep\n\n\
The columns are recognised from their headers in English, French and Spanish: the sending organisation (the partner's id or name), \
gender, age or birth date, fewer opportunities (yes/no), role (participant, group leader, facilitator, accompanying person), \
and a name and e-mail address, read only to find a person listed twice. Other columns are ignored.\n\
UTF-8, UTF-16 and Windows-1252 files are read, separated by commas, semicolons or tabs.\n\
Only the counts per sending organisation go into results/activities/ID.toml; the list is moved (with --keep, copied) into private/rosters/.\n\
Exit status 0 when imported; 1 when rows cannot be read (each listed with its line and column; nothing written, nothing moved); 2 when coopcom could not run."
    )]
    Roster(ImportRosterArgs),
}

#[derive(Debug, Args)]
pub struct ImportRosterArgs {
    /// The participant list: a CSV or tab-separated text file
    pub file: PathBuf,
    /// The workspace folder (default: the nearest folder upwards with a coopcom.toml)
    pub dir: Option<PathBuf>,
    /// The id of the activity the list is of (the name of its file in activities/)
    #[arg(long, value_name = "ID")]
    pub activity: String,
    /// Read a column the headers do not make clear: "Column name=field", field one of organisation, gender, age, birth_date, fewer_opportunities, role, name, email, ignore
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Copy the list into private/rosters/ instead of moving it there
    #[arg(long)]
    pub keep: bool,
}
