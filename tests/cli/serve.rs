//! `coopcom serve`: the real binary on a free port (`--port 0`), asked over
//! HTTP as a browser would: each page from the one analysis, 404 for any
//! other path, a foreign `Host` refused, an edit on the next request and
//! as an event on `/events`. No timing is asserted beyond generous
//! time-outs; the server is killed when a test ends, passed or failed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{BIN, Ws, hermetic};

/// Long enough for a loaded machine; the tests wait for events, not times.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `coopcom serve`, killed on drop.
struct Served {
    child: Child,
    url: String,
    port: u16,
    agent: ureq::Agent,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    fn start(ws: &Ws) -> Served {
        let mut child = hermetic(&mut Command::new(BIN))
            .args(["serve", ws.root().to_str().unwrap(), "--port", "0"])
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(PATIENCE);
        let mut served = Served {
            child,
            url: String::new(),
            port: 0,
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(PATIENCE))
                .build()
                .into(),
        };
        let line = line.expect("serve did not print its address");
        // The first line is the address, alone: http://127.0.0.1:PORT/
        let url = line.trim().to_string();
        let port = url
            .strip_prefix("http://127.0.0.1:")
            .and_then(|r| r.strip_suffix('/'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("not a loopback address: {url:?}"));
        served.url = url;
        served.port = port;
        served
    }

    /// GET a path: the status, the content type and the body.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut res = self
            .agent
            .get(format!("{}{}", self.url, path.trim_start_matches('/')))
            .call()
            .unwrap();
        let ty = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = res.body_mut().read_to_string().unwrap_or_default();
        (res.status().as_u16(), ty, body)
    }

    /// A request written by hand (the path and Host exactly as given,
    /// which an HTTP client would normalise): the status line's code.
    fn raw(&self, request: &str) -> u16 {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut text = String::new();
        let _ = s.read_to_string(&mut text);
        text.split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {text:?}"))
    }

    /// Opens `/events` and reads until the first event (the pages'
    /// version), so that changes after this are seen on the stream.
    fn events(&self) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
        write!(
            s,
            "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut ev = Events {
            stream: s,
            seen: String::new(),
        };
        let head = ev.until("event: version");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("content-type: text/event-stream"), "{head}");
        ev
    }

    /// The dashboard's row of a field: `(state, mark, characters)`.
    fn field(&self, label: &str) -> (String, String, usize) {
        let (code, _, page) = self.get("/");
        assert_eq!(code, 200);
        row(&page, label)
    }
}

/// A field's row in the dashboard's HTML: its state (the row's class), its
/// mark and its character count.
fn row(page: &str, label: &str) -> (String, String, usize) {
    let at = page
        .find(&format!("data-field=\"{label}\""))
        .unwrap_or_else(|| panic!("no row for {label} in the dashboard"));
    let start = page[..at].rfind("<tr").unwrap();
    let end = at + page[at..].find("</tr>").unwrap();
    let tr = &page[start..end];
    let between = |a: &str, b: &str| {
        let i = tr.find(a).unwrap() + a.len();
        tr[i..i + tr[i..].find(b).unwrap()].to_string()
    };
    (
        between("<tr class=\"", "\""),
        between("<td class=\"mark\"", "</td>")
            .rsplit('>')
            .next()
            .unwrap()
            .to_string(),
        between("<span class=\"chars\">", "</span>").parse().unwrap(),
    )
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Reads the stream until `what` has been seen since the last call;
    /// the text read up to it.
    fn until(&mut self, what: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut buf = [0u8; 4096];
        loop {
            if let Some(i) = self.seen.find(what) {
                return self.seen.drain(..i + what.len()).collect();
            }
            assert!(
                Instant::now() < deadline,
                "no {what:?} on /events; read: {:?}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("/events ended; read: {:?}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {} // read time-out: look again
            }
        }
    }
}

// The budget-ka152 fixture's grant, worked out in tests/cli/budget.rs from
// the Guide (pp. 161-163): the youth exchange a1-exchange is 5 004.00 +
// 8 352.00 + 1 250.00 + 375.00 (flow 1) + 6 032.00 + 1 250.00 + 250.00
// (flow 2) + 1 200.50 (inclusion support) + 800.00 (80 % of a 1 000
// guarantee) = 24 513.50; the preparatory visit 1 360.00 + 680.00 =
// 2 040.00; the total 26 553.50.
#[test]
fn the_budget_page_shows_each_activity_and_the_total() {
    let ws = Ws::copy("budget-ka152", "serve-budget");
    let s = Served::start(&ws);
    let (code, ty, page) = s.get("/budget");
    assert_eq!(code, 200);
    assert_eq!(ty, "text/html; charset=utf-8");
    assert!(
        page.contains(
            "<tr data-key=\"a1-exchange\"><td>Rivers We Share</td><td class=\"num\">EUR 24 513.50</td></tr>"
        ),
        "{page}"
    );
    assert!(page.contains("<td class=\"num\">EUR 2 040.00</td>"), "{page}");
    assert!(page.contains("<strong id=\"total\">EUR 26 553.50</strong>"));
    // Flow 1's travel: 12 persons x 417 (green, 500-1999 km, p. 161).
    assert!(
        page.contains("12 persons x 417.00 (500-1999 km, green)</td><td class=\"num\">EUR 5 004.00</td>")
    );
    // No resource from elsewhere, and the live script's stream.
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert!(page.contains("new EventSource('/events')"));
}

#[test]
fn the_dashboard_draft_and_timeline_come_from_the_workspace() {
    let ws = Ws::copy("ka152-youth-exchange", "serve-pages");
    let s = Served::start(&ws);
    let (code, _, page) = s.get("/");
    assert_eq!(code, 200);
    // Round 1 of call 2026 closes on 12 February 2026 at noon (Guide 2026
    // p. 157); from 10 January (the tests' today): 21 days to 31 January +
    // 12 of February = 33 days.
    assert!(page.contains("<b>33 days left</b>"), "{page}");
    // Rewrite the results to a text counted by hand: "Rivers join us." is
    // 6 + 1 + 4 + 1 + 3 = 15 characters.
    ws.write("narrative/summary/results.md", "Rivers join us.\n");
    let deadline = Instant::now() + PATIENCE;
    while s.field("results").2 != 15 {
        assert!(Instant::now() < deadline, "the edit never showed");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(s.field("results"), ("filled".to_string(), "✓".to_string(), 15));
    // The draft as render writes it, with the answer just saved.
    let (code, _, draft) = s.get("/draft");
    assert_eq!(code, 200);
    assert!(
        draft.contains("<title>Rivers that connect: Erasmus+ application draft (KA152-YOU)</title>"),
        "{draft}"
    );
    assert!(draft.contains("Rivers join us."), "{draft}");
    // Its timeline image, beside the draft as render writes it, is the
    // server's /timeline.svg.
    assert!(draft.contains("<img src=\"timeline.svg\""), "{draft}");
    // The timeline: the project runs 2026-09-01 to 2027-08-31, twelve
    // months, September 2026 to August 2027; both activities drawn.
    let (code, ty, svg) = s.get("/timeline.svg");
    assert_eq!(code, 200);
    assert_eq!(ty, "image/svg+xml; charset=utf-8");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(">12 months</text>"), "{svg}");
    assert!(svg.contains(">Sep</text>") && svg.contains(">Aug</text>"));
    assert!(svg.contains(">2026</text>") && svg.contains(">2027</text>"));
    assert!(svg.contains(
        "a1-valencia-exchange: Rivers that connect: the Turia and the Rhône: 2026-10-12 to 2026-10-18"
    ));
    assert!(svg.contains("a0-preparatory-visit: Preparatory visit to Valencia: 2026-09-14 to 2026-09-15"));
    let (code, _, page) = s.get("/timeline");
    assert_eq!(code, 200);
    assert!(page.contains(&svg));
    // The same drawing as render writes beside the draft.
    let out = ws.root().join("build");
    crate::support::coopcom([
        "render",
        ws.root().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_status(0);
    assert_eq!(std::fs::read_to_string(out.join("timeline.svg")).unwrap(), svg);
}

#[test]
fn other_paths_methods_and_hosts_are_refused() {
    let ws = Ws::copy("ka152-youth-exchange", "serve-refuse");
    let s = Served::start(&ws);
    let p = s.port;
    for path in [
        "/nothing",
        "/../coopcom.toml",
        "/%2e%2e/coopcom.toml",
        "/narrative/summary/results.md",
        "/build/application.html",
        "//etc/passwd",
    ] {
        assert_eq!(
            s.raw(&format!(
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nConnection: close\r\n\r\n"
            )),
            404,
            "{path}"
        );
    }
    // Only GET and HEAD: nothing changes a file.
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(
            s.raw(&format!(
                "{method} / HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )),
            405
        );
    }
    assert_eq!(
        s.raw(&format!(
            "HEAD / HTTP/1.1\r\nHost: localhost:{p}\r\nConnection: close\r\n\r\n"
        )),
        200
    );
    // A page elsewhere whose name was rebound to 127.0.0.1 sends its own
    // name as Host: refused, as is a missing Host or another port.
    for host in [
        "Host: evil.example\r\n".to_string(),
        format!("Host: evil.example:{p}\r\n"),
        format!("Host: 127.0.0.1:{}\r\n", p.wrapping_add(1)),
        String::new(),
    ] {
        assert_eq!(
            s.raw(&format!("GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n")),
            403,
            "{host:?}"
        );
    }
    assert_eq!(
        s.raw(&format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nConnection: close\r\n\r\n"
        )),
        200
    );
}

#[test]
fn an_edit_is_an_event_and_shows_on_the_next_request() {
    let ws = Ws::copy("ka152-youth-exchange", "serve-events");
    let s = Served::start(&ws);
    assert_eq!(s.field("results").0, "filled");
    let mut events = s.events();
    // Emptying the answer: the field turns red, its count 0.
    ws.write("narrative/summary/results.md", "");
    let _ = events.until("event: change");
    let deadline = Instant::now() + PATIENCE;
    // An editor's save may come as two changes; the last one counts.
    while s.field("results").0 != "empty" {
        let _ = events.until("event: change");
        assert!(Instant::now() < deadline);
    }
    assert_eq!(s.field("results"), ("empty".to_string(), "✗".to_string(), 0));
}

#[test]
fn a_broken_file_is_a_finding_on_the_dashboard_not_a_blank_page() {
    let ws = Ws::copy("ka152-youth-exchange", "serve-broken");
    let s = Served::start(&ws);
    let mut events = s.events();
    let line = ws.line_of("coopcom.toml", "round = 1");
    ws.edit("coopcom.toml", "round = 1", "round = = 1");
    let _ = events.until("event: change");
    let deadline = Instant::now() + PATIENCE;
    loop {
        let (code, _, page) = s.get("/");
        assert_eq!(code, 200);
        if page.contains("data-code=\"CC101\"") {
            assert!(page.contains(&format!("<code>coopcom.toml:{line}:")), "{page}");
            assert!(page.contains("the workspace could not be read"), "{page}");
            break;
        }
        assert!(Instant::now() < deadline, "{page}");
        let _ = events.until("event: change");
    }
    // Every other page answers too, saying what is wrong.
    for path in ["/draft", "/budget", "/timeline"] {
        assert_eq!(s.get(path).0, 200, "{path}");
    }
    // Fixed again, the dashboard is whole again.
    ws.edit("coopcom.toml", "round = = 1", "round = 1");
    loop {
        let (_, _, page) = s.get("/");
        if !page.contains("data-code=\"CC101\"") {
            assert!(page.contains("<b>33 days left</b>"));
            break;
        }
        assert!(Instant::now() < deadline, "{page}");
        let _ = events.until("event: change");
    }
}

#[test]
fn markup_in_the_workspace_stays_text_on_every_page() {
    let ws = Ws::copy("ka152-youth-exchange", "serve-markup");
    ws.edit(
        "coopcom.toml",
        "title = \"Rivers that connect\"",
        "title = \"Rivers <b>that</b> connect\"",
    );
    ws.edit(
        "activities/a1-valencia-exchange.toml",
        "title = \"Rivers that connect: the Turia and the Rhône\"",
        "title = \"<script>alert(1)</script> & co\"",
    );
    let s = Served::start(&ws);
    let (_, _, page) = s.get("/");
    assert!(
        page.contains("<h1>Rivers &lt;b&gt;that&lt;/b&gt; connect</h1>"),
        "{page}"
    );
    let (_, _, svg) = s.get("/timeline.svg");
    assert!(
        svg.contains("a1-valencia-exchange: &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "{svg}"
    );
    for path in ["/", "/draft", "/budget", "/timeline", "/timeline.svg"] {
        let (code, _, body) = s.get(path);
        assert_eq!(code, 200, "{path}");
        assert!(!body.contains("<b>that</b>"), "{path}");
        assert!(!body.contains("<script>alert(1)"), "{path}");
    }
}
