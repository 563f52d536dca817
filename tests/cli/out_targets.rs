//! Where output goes when something is already there: `export --out` onto
//! a FIFO (with and without a reader), a character device, a symbolic
//! link, a socket; `render` into a folder where a FIFO or a link sits at a
//! name it writes. Nothing is ever read that is not a regular file, nothing
//! that is not a regular file is replaced by one, no temporary file is left
//! behind, and every run ends within the watchdog's time.

#![cfg(unix)]

use std::fs;
use std::io::Read as _;
use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, OpenOptionsExt as _};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::support::*;

const KA152: &str = "ka152-youth-exchange";

/// `coopcom export ics <fixture> --out <out>`, bounded by the watchdog.
fn export_ics(out: &Path) -> Run {
    coopcom_bounded([
        "export".as_ref(),
        "ics".as_ref(),
        fixture(KA152).as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
}

/// The calendar as `--out -` prints it: the bytes every other target must get.
fn ics_bytes() -> String {
    let run = coopcom_bounded([
        "export".as_ref(),
        "ics".as_ref(),
        fixture(KA152).as_os_str(),
        "--out".as_ref(),
        "-".as_ref(),
    ]);
    run.expect_status(0);
    assert!(run.stdout.starts_with("BEGIN:VCALENDAR\r\n"), "{}", run.stdout);
    run.stdout
}

/// The names in `dir`, sorted: a leftover temporary file shows here.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo {}", path.display());
}

fn is_fifo(path: &Path) -> bool {
    fs::symlink_metadata(path).unwrap().file_type().is_fifo()
}

/// True when the tests run as root (the owner of /proc/self is our uid).
fn root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// A reader on a FIFO, opened before coopcom runs so that coopcom finds a
/// reader; it reads on its own thread, so a writer never waits on a full
/// pipe, until the writer has finished and the pipe is empty.
struct FifoReader {
    done: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<Vec<u8>>,
}

impl FifoReader {
    fn open(path: &Path) -> FifoReader {
        let mut f = fs::OpenOptions::new()
            .read(true)
            .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
            .open(path)
            .unwrap();
        let done = Arc::new(AtomicBool::new(false));
        let finished = done.clone();
        let thread = std::thread::spawn(move || {
            let mut got = Vec::new();
            let mut buf = [0u8; 8192];
            loop {
                // Read the flag first: once it is set, the writer is gone,
                // and an empty read is the end.
                let writer_gone = finished.load(Ordering::SeqCst);
                match f.read(&mut buf) {
                    Ok(0) if writer_gone => break,
                    Ok(0) => std::thread::sleep(std::time::Duration::from_millis(2)),
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        if writer_gone {
                            break;
                        }
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    Err(e) => panic!("reading the FIFO: {e}"),
                }
            }
            got
        });
        FifoReader { done, thread }
    }

    /// What the reader got, once the writer has finished.
    fn bytes(self) -> String {
        self.done.store(true, Ordering::SeqCst);
        String::from_utf8(self.thread.join().unwrap()).unwrap()
    }
}

#[test]
fn export_out_onto_a_fifo_with_a_reader_delivers_the_bytes() {
    let tmp = TempDir::new("out-fifo-reader");
    let fifo = tmp.path().join("calendar.ics");
    mkfifo(&fifo);
    let reader = FifoReader::open(&fifo);
    let run = export_ics(&fifo);
    let got = reader.bytes();
    run.expect_status(0);
    assert_eq!(got, ics_bytes(), "the reader got other bytes");
    assert!(is_fifo(&fifo), "the FIFO was replaced");
    assert_eq!(names(tmp.path()), ["calendar.ics"]);
}

#[test]
fn export_out_onto_a_fifo_without_a_reader_is_refused_at_once() {
    let tmp = TempDir::new("out-fifo-alone");
    let fifo = tmp.path().join("calendar.ics");
    mkfifo(&fifo);
    let run = export_ics(&fifo);
    run.expect_status(2);
    assert!(
        run.stderr.contains(&format!(
            "error: {} is a named pipe (FIFO) that no program is reading: start the reader first",
            fifo.display()
        )),
        "{}",
        run.stderr
    );
    assert!(is_fifo(&fifo), "the FIFO was replaced");
    assert_eq!(names(tmp.path()), ["calendar.ics"]);
}

#[test]
fn export_out_dev_null_leaves_the_device_a_device() {
    let rdev = fs::metadata("/dev/null").unwrap().rdev();
    let run = export_ics(Path::new("/dev/null"));
    run.expect_status(0);
    let m = fs::symlink_metadata("/dev/null").unwrap();
    assert!(m.file_type().is_char_device(), "/dev/null is no longer a device");
    assert_eq!(m.rdev(), rdev);
}

#[test]
fn export_out_onto_a_character_device_made_with_mknod_writes_into_it() {
    if !root() {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let tmp = TempDir::new("out-mknod");
    let dev = tmp.path().join("null");
    // Major 1, minor 3: a null device of our own, in a folder we own.
    let ok = std::process::Command::new("mknod")
        .arg(&dev)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    assert!(ok.success());
    let rdev = fs::metadata(&dev).unwrap().rdev();
    let run = export_ics(&dev);
    run.expect_status(0);
    assert_eq!(
        run.stderr,
        format!("exported ics to {}; 0 errors, 0 warnings\n", dev.display())
    );
    let m = fs::symlink_metadata(&dev).unwrap();
    assert!(
        m.file_type().is_char_device(),
        "the device was replaced by a file"
    );
    assert_eq!(m.rdev(), rdev);
    assert_eq!(names(tmp.path()), ["null"], "a temporary file was left");
}

#[test]
fn export_out_through_a_symbolic_link_writes_the_file_it_points_to() {
    let tmp = TempDir::new("out-link");
    let dir = tmp.path();
    fs::write(dir.join("real.ics"), "old calendar\n").unwrap();
    std::os::unix::fs::symlink("real.ics", dir.join("link.ics")).unwrap();
    let run = export_ics(&dir.join("link.ics"));
    run.expect_status(0);
    assert!(
        fs::symlink_metadata(dir.join("link.ics"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_link(dir.join("link.ics")).unwrap(),
        Path::new("real.ics")
    );
    assert_eq!(fs::read_to_string(dir.join("real.ics")).unwrap(), ics_bytes());
    assert_eq!(names(dir), ["link.ics", "real.ics"]);
    // A link to a file not there yet creates the file, through a chain of links.
    std::os::unix::fs::symlink("sub/new.ics", dir.join("first.ics")).unwrap();
    fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink("../first.ics", dir.join("sub/second.ics")).unwrap();
    let run = export_ics(&dir.join("sub/second.ics"));
    run.expect_status(0);
    assert_eq!(fs::read_to_string(dir.join("sub/new.ics")).unwrap(), ics_bytes());
    assert_eq!(names(&dir.join("sub")), ["new.ics", "second.ics"]);
    // A loop of links is an error, not a hang.
    std::os::unix::fs::symlink("loop-b.ics", dir.join("loop-a.ics")).unwrap();
    std::os::unix::fs::symlink("loop-a.ics", dir.join("loop-b.ics")).unwrap();
    let run = export_ics(&dir.join("loop-a.ics"));
    run.expect_status(2);
    assert!(
        run.stderr
            .contains("goes through more than 40 symbolic links (a loop?): give a file name"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_out_onto_a_socket_is_refused() {
    let tmp = TempDir::new("out-socket");
    let sock = tmp.path().join("calendar.ics");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let run = export_ics(&sock);
    run.expect_status(2);
    assert!(
        run.stderr.contains(&format!(
            "error: {} is a socket: coopcom writes files, a FIFO or a character device, never this; give a file name",
            sock.display()
        )),
        "{}",
        run.stderr
    );
    assert!(fs::symlink_metadata(&sock).unwrap().file_type().is_socket());
    assert_eq!(names(tmp.path()), ["calendar.ics"]);
}

#[test]
fn export_out_replacing_a_file_leaves_no_temporary_file() {
    let tmp = TempDir::new("out-replace");
    let out = tmp.path().join("calendar.ics");
    fs::write(&out, "old").unwrap();
    export_ics(&out).expect_status(0);
    assert_eq!(fs::read_to_string(&out).unwrap(), ics_bytes());
    assert_eq!(names(tmp.path()), ["calendar.ics"]);
}

/// `coopcom render <fixture> --out <out>`, bounded.
fn render_into(out: &Path) -> Run {
    coopcom_bounded([
        "render".as_ref(),
        fixture(KA152).as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
}

#[test]
fn render_into_a_folder_with_a_fifo_at_a_name_it_writes_refuses_and_writes_nothing() {
    let tmp = TempDir::new("render-fifo");
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    mkfifo(&out.join("budget.md"));
    let run = render_into(&out);
    run.expect_status(2);
    assert!(
        run.stderr.contains(&format!(
            "{} is a named pipe (FIFO), not a regular file: coopcom replaces only regular files in its output folder and leaves this alone; remove it, or write elsewhere with --out",
            out.join("budget.md").display()
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(is_fifo(&out.join("budget.md")));
    assert_eq!(names(&out), ["budget.md"]);
}

#[test]
fn render_into_a_folder_with_a_link_at_a_name_it_writes_leaves_link_and_target_alone() {
    let tmp = TempDir::new("render-link");
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    let mine = tmp.path().join("mine.md");
    fs::write(&mine, "my own notes\n").unwrap();
    std::os::unix::fs::symlink(&mine, out.join("application.md")).unwrap();
    let run = render_into(&out);
    run.expect_status(2);
    assert!(
        run.stderr
            .contains("application.md is a symbolic link, not a regular file"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_link(out.join("application.md")).unwrap(), mine);
    assert_eq!(fs::read_to_string(&mine).unwrap(), "my own notes\n");
    assert_eq!(names(&out), ["application.md"]);
    // Without the link the same render works, and leaves no temporary file.
    fs::remove_file(out.join("application.md")).unwrap();
    render_into(&out).expect_status(0);
    assert!(
        names(&out).iter().all(|n| !n.contains("coopcom-tmp")),
        "{:?}",
        names(&out)
    );
}
