//! Helpers shared by every module of the CLI test suite: run the real
//! binary, copy a fixture workspace into a temporary folder, change one line
//! of it, run `check --format json` and find a diagnostic at a place.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// The coopcom binary built by cargo for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_coopcom");

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(name)
}

// ------------------------------------------------------------------ running

/// `coopcom budget DIR --format json`, which must succeed, as JSON.
#[track_caller]
pub fn budget_json(dir: &Path) -> Value {
    let run = coopcom([
        "budget".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    run.expect_status(0);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

/// What one run of coopcom produced.
#[derive(Debug)]
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit status, showing both streams when it differs.
    #[track_caller]
    pub fn expect_status(&self, code: i32) -> &Self {
        assert_eq!(
            self.status,
            Some(code),
            "expected exit status {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs coopcom with `args` and `NO_COLOR=1`. A panic (exit status 101) or
/// a death by signal fails the test at once: neither is ever an answer.
#[track_caller]
pub fn coopcom<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    run_with(args, &[("NO_COLOR", "1")])
}

/// The day every run takes as today unless a test says otherwise (`--today`
/// or its own `COOPCOM_TODAY`): call 2026 round 1 is open, so the fixtures'
/// deadlines have not passed and `init` picks call 2026. No test depends on
/// the real clock.
pub const TODAY: &str = "2026-01-10";

/// The environment every run starts from: a fixed today, and a data folder
/// that does not exist, so that no pack installed on the machine running
/// the tests is used. A test that installs packs gives its own folder.
pub fn hermetic(cmd: &mut Command) -> &mut Command {
    let no_data = std::env::temp_dir().join(format!("coopcom-test-no-data-{}", std::process::id()));
    cmd.env("COOPCOM_TODAY", TODAY).env("COOPCOM_DATA_DIR", no_data)
}

/// Runs coopcom with extra environment variables (and no `NO_COLOR` unless given).
#[track_caller]
pub fn run_with<I, S>(args: I, env: &[(&str, &str)]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let mut cmd = Command::new(BIN);
    hermetic(&mut cmd);
    cmd.args(&args)
        .current_dir(std::env::temp_dir())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    let run = Run {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    never_crashed(run, &args, "")
}

/// A panic (exit status 101) or a death by signal fails the test at once:
/// neither is ever an answer.
#[track_caller]
fn never_crashed(run: Run, args: &[std::ffi::OsString], signal: &str) -> Run {
    assert_ne!(
        run.status,
        Some(101),
        "coopcom panicked on `coopcom {}`\n--- stderr\n{}",
        show_args(args),
        run.stderr
    );
    assert!(
        run.status.is_some(),
        "coopcom was killed by a signal{signal} on `coopcom {}`\n--- stderr\n{}",
        show_args(args),
        run.stderr
    );
    run
}

/// How long one run may take in the bad-input suite: a hang is a bug. A
/// hang never ends, so the bound only has to be far above the slowest
/// honest run: the deepest Markdown takes about 5 s in the unoptimised test
/// build, and up to 20 s on a 2-core machine busy with a release build.
pub const WATCHDOG: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs coopcom like [`coopcom`] (`NO_COLOR=1`), with stdin closed, and
/// kills it when it runs longer than [`WATCHDOG`]: a hang fails the test, as
/// do a panic and a death by signal.
#[track_caller]
pub fn coopcom_bounded<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    use std::io::Read as _;
    use std::process::Stdio;
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let mut child = hermetic(&mut Command::new(BIN))
        .args(&args)
        .current_dir(std::env::temp_dir())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "coopcom did not finish within {WATCHDOG:?} on `coopcom {}`: killed",
                show_args(&args)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let run = Run {
        status: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    };
    never_crashed(run, &args, &format!(" ({status:?})"))
}

fn show_args(args: &[std::ffi::OsString]) -> String {
    args.iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------- temp dirs

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A folder under the system temp dir, unique per test name, process and
/// call, removed with everything in it when dropped.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = std::env::temp_dir().join(format!("coopcom-test-{safe}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        TempDir { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries = fs::read_dir(from).unwrap_or_else(|e| panic!("cannot list {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.unwrap();
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&src, &dst);
        } else {
            fs::copy(&src, &dst).unwrap_or_else(|e| panic!("cannot copy {}: {e}", src.display()));
        }
    }
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
pub fn snapshot_tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                out.insert(format!("{}/", rel(root, &path)), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel(root, &path), fs::read(&path).unwrap());
            }
        }
    }
    fn rel(root: &Path, path: &Path) -> String {
        path.strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

// --------------------------------------------------------------- workspaces

/// A copy of a fixture workspace in a temporary folder, to be changed by a
/// test without touching the fixture.
#[derive(Debug)]
pub struct Ws {
    _tmp: TempDir,
    root: PathBuf,
}

impl Ws {
    /// Copies `tests/fixtures/<name>` into a fresh temporary folder.
    pub fn copy(name: &str, test: &str) -> Ws {
        let tmp = TempDir::new(test);
        let root = tmp.path().join("ws");
        copy_dir(&fixture(name), &root);
        Ws { _tmp: tmp, root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Writes a file, creating its folder.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {rel}: {e}"));
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("cannot remove {rel}: {e}"));
    }

    /// Replaces the one line of `rel` that reads exactly `old` with `new`
    /// (which may hold several lines) and returns the 1-based number of the
    /// changed line, so that a test can expect a finding on it.
    #[track_caller]
    pub fn edit(&self, rel: &str, old: &str, new: &str) -> usize {
        let text = self.read(rel);
        let hits: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_end_matches('\r') == old)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "{rel}: expected exactly one line `{old}`, found {}:\n{text}",
            hits.len()
        );
        let at = hits[0];
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            out.push_str(if i == at { new } else { line });
            out.push('\n');
        }
        self.write(rel, out);
        at + 1
    }

    /// The 1-based number of the one line of `rel` that reads exactly `line`.
    #[track_caller]
    pub fn line_of(&self, rel: &str, line: &str) -> usize {
        let text = self.read(rel);
        let hits: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_end_matches('\r') == line)
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "{rel}: expected exactly one line `{line}`:\n{text}"
        );
        hits[0]
    }

    /// `coopcom check <ws> --format json [extra...]`, parsed.
    #[track_caller]
    pub fn check(&self) -> Report {
        self.check_with(&[])
    }

    #[track_caller]
    pub fn check_with(&self, extra: &[&str]) -> Report {
        let mut args: Vec<std::ffi::OsString> = vec![
            "check".into(),
            self.root.clone().into(),
            "--format".into(),
            "json".into(),
        ];
        args.extend(extra.iter().map(|a| a.into()));
        Report::parse(coopcom(args))
    }

    /// `coopcom check <ws>` with the human report (on stderr).
    #[track_caller]
    pub fn check_human(&self, extra: &[&str]) -> Run {
        let mut args: Vec<std::ffi::OsString> = vec!["check".into(), self.root.clone().into()];
        args.extend(extra.iter().map(|a| a.into()));
        coopcom(args)
    }
}

// ------------------------------------------------------------------ reports

/// One diagnostic of `check --format json`.
#[derive(Debug, Clone)]
pub struct Diag {
    pub code: String,
    pub severity: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub help: Option<String>,
}

impl std::fmt::Display for Diag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} at {}:{}:{}: {}",
            self.severity,
            self.code,
            self.file.as_deref().unwrap_or("-"),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.message
        )?;
        if let Some(h) = &self.help {
            write!(f, " [help: {h}]")?;
        }
        Ok(())
    }
}

/// The parsed result of `check --format json`.
#[derive(Debug)]
pub struct Report {
    pub run: Run,
    pub json: Value,
    pub diags: Vec<Diag>,
}

fn opt_str(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

impl Report {
    #[track_caller]
    pub fn parse(run: Run) -> Report {
        let json: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
            panic!(
                "check --format json did not print JSON ({e}); exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
                run.status, run.stdout, run.stderr
            )
        });
        let diags = json["diagnostics"]
            .as_array()
            .unwrap_or_else(|| panic!("no `diagnostics` array in {json}"))
            .iter()
            .map(|d| Diag {
                code: opt_str(d, "code").unwrap_or_default(),
                severity: opt_str(d, "severity").unwrap_or_default(),
                message: opt_str(d, "message").unwrap_or_default(),
                file: opt_str(d, "file"),
                line: d.get("line").and_then(Value::as_u64),
                column: d.get("column").and_then(Value::as_u64),
                help: opt_str(d, "help"),
            })
            .collect();
        Report { run, json, diags }
    }

    pub fn status(&self) -> Option<i32> {
        self.run.status
    }

    pub fn errors(&self) -> u64 {
        self.json["summary"]["errors"].as_u64().unwrap_or(u64::MAX)
    }

    pub fn warnings(&self) -> u64 {
        self.json["summary"]["warnings"].as_u64().unwrap_or(u64::MAX)
    }

    /// Every diagnostic, one a line, for failure messages.
    pub fn listing(&self) -> String {
        let mut s = String::new();
        for d in &self.diags {
            let _ = writeln!(s, "  {d}");
        }
        if s.is_empty() {
            s.push_str("  (no diagnostics)\n");
        }
        s
    }

    pub fn has(&self, code: &str) -> bool {
        self.diags.iter().any(|d| d.code == code)
    }

    pub fn all(&self, code: &str) -> Vec<&Diag> {
        self.diags.iter().filter(|d| d.code == code).collect()
    }

    /// The only diagnostic with `code`.
    #[track_caller]
    pub fn one(&self, code: &str) -> &Diag {
        let all = self.all(code);
        assert_eq!(
            all.len(),
            1,
            "expected exactly one {code}, got:\n{}",
            self.listing()
        );
        all[0]
    }

    /// The diagnostic with `code` at `file:line:column`.
    #[track_caller]
    pub fn at(&self, code: &str, file: &str, line: usize, column: usize) -> &Diag {
        self.diags
            .iter()
            .find(|d| {
                d.code == code
                    && d.file.as_deref() == Some(file)
                    && d.line == Some(line as u64)
                    && d.column == Some(column as u64)
            })
            .unwrap_or_else(|| {
                panic!(
                    "expected {code} at {file}:{line}:{column}, got:\n{}",
                    self.listing()
                )
            })
    }

    /// The diagnostic with `code` on `file:line` (any column).
    #[track_caller]
    pub fn on_line(&self, code: &str, file: &str, line: usize) -> &Diag {
        self.diags
            .iter()
            .find(|d| d.code == code && d.file.as_deref() == Some(file) && d.line == Some(line as u64))
            .unwrap_or_else(|| panic!("expected {code} on {file}:{line}, got:\n{}", self.listing()))
    }

    #[track_caller]
    pub fn absent(&self, code: &str) -> &Self {
        assert!(!self.has(code), "expected no {code}, got:\n{}", self.listing());
        self
    }

    /// Exit status 1 with at least one error.
    #[track_caller]
    pub fn fails(&self) -> &Self {
        assert_eq!(
            self.status(),
            Some(1),
            "expected exit status 1, got {:?}:\n{}",
            self.status(),
            self.listing()
        );
        assert!(self.errors() > 0, "exit 1 without errors:\n{}", self.listing());
        self
    }

    /// Exit status 0 and no error.
    #[track_caller]
    pub fn passes(&self) -> &Self {
        assert_eq!(
            self.status(),
            Some(0),
            "expected exit status 0, got {:?}:\n{}",
            self.status(),
            self.listing()
        );
        assert_eq!(self.errors(), 0, "expected no errors:\n{}", self.listing());
        self
    }
}

impl Diag {
    #[track_caller]
    pub fn error(&self) -> &Self {
        assert_eq!(self.severity, "error", "expected an error: {self}");
        self
    }

    #[track_caller]
    pub fn warning(&self) -> &Self {
        assert_eq!(self.severity, "warning", "expected a warning: {self}");
        self
    }

    /// The message holds every one of `parts` (numbers, dates, citations).
    #[track_caller]
    pub fn says(&self, parts: &[&str]) -> &Self {
        for p in parts {
            assert!(
                self.message.contains(p),
                "expected the message to mention `{p}`: {self}"
            );
        }
        self
    }

    /// The help holds `part`.
    #[track_caller]
    pub fn helps(&self, part: &str) -> &Self {
        let help = self.help.as_deref().unwrap_or("");
        assert!(
            help.contains(part),
            "expected the help to mention `{part}`: {self}"
        );
        self
    }
}

// ---------------------------------------------------------------- snapshots

/// The block of a human report (stderr) that starts with `header`, e.g.
/// `error[CC102]`, up to the blank line that ends it.
#[track_caller]
pub fn human_block(stderr: &str, header: &str) -> String {
    stderr
        .split("\n\n")
        .find(|b| b.starts_with(header))
        .map(|b| format!("{}\n", b.trim_end()))
        .unwrap_or_else(|| panic!("no `{header}` block in:\n{stderr}"))
}

/// Compares `actual` with `tests/snapshots/<name>.txt`; with
/// `COOPCOM_BLESS=1` writes the file instead.
#[track_caller]
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = repo().join("tests").join("snapshots").join(format!("{name}.txt"));
    if std::env::var_os("COOPCOM_BLESS").is_some_and(|v| v == "1") {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run `COOPCOM_BLESS=1 cargo test --test cli snapshots` to create it. Actual:\n{actual}",
            path.display()
        )
    });
    let expected = expected.replace("\r\n", "\n");
    assert!(
        expected == actual,
        "snapshot {name} differs (COOPCOM_BLESS=1 rewrites it after review)\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}
