#!/usr/bin/env python3
"""Drives headless Chromium through chromedriver's WebDriver HTTP API
(standard library only) against a running `coopcom serve`:

  serve_check.py DRIVER_URL SERVE_URL WORKSPACE OUT_DIR

Opens the dashboard, marks the page (a reload would lose the mark),
empties a narrative answer and then writes one of known length, and checks
that the field's row changes state, mark and count without a reload.
Saves screenshots of the dashboard and the timeline into OUT_DIR.
Prints one "ok: ..." or "FAILED: ..." line per check; exits 1 on failure.
"""

import base64
import json
import os
import sys
import time
import urllib.request

driver, serve, workspace, out = sys.argv[1:5]
FIELD = "results"
NARRATIVE = os.path.join(workspace, "narrative", "summary", "results.md")
PATIENCE = 30.0

failed = 0


def check(name, ok):
    global failed
    print(("ok: " if ok else "FAILED: ") + name, flush=True)
    if not ok:
        failed += 1


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(driver + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["value"]


flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--window-size=1280,1800",
         "--user-data-dir=" + os.path.abspath(os.path.join(out, "serve-profile"))]
session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
    "browserName": "chrome",
    "goog:chromeOptions": {"args": flags},
}}})["sessionId"]
s = "/session/" + session


def js(script):
    return call("POST", s + "/execute/sync", {"script": script, "args": []})


def row():
    return js("""
      var tr = document.querySelector('tr[data-field="%s"]');
      if (!tr) return null;
      return [tr.className, tr.querySelector('td.mark').textContent,
              parseInt(tr.querySelector('.chars').textContent, 10),
              window.__coopcomMark === 1];
    """ % FIELD)


def wait_for(pred):
    end = time.time() + PATIENCE
    r = row()
    while time.time() < end:
        r = row()
        if r is not None and pred(r):
            return r
        time.sleep(0.2)
    return r


def shot(name):
    png = base64.b64decode(call("GET", s + "/screenshot"))
    with open(os.path.join(out, name), "wb") as f:
        f.write(png)
    return len(png)


try:
    call("POST", s + "/url", {"url": serve})
    first = wait_for(lambda r: True)
    check("the dashboard shows the field %s filled with a tick" % FIELD,
          first is not None and first[0] == "filled" and first[1] == "✓")
    # A mark that only this page load carries: a reload would lose it.
    js("window.__coopcomMark = 1; return 1;")

    with open(NARRATIVE, "w", encoding="utf-8") as f:
        f.write("")
    r = wait_for(lambda r: r[0] == "empty")
    check("emptying the answer turns the row red (empty, cross, 0)", r is not None and r[:3] == ["empty", "✗", 0])
    check("... without a reload", r is not None and r[3])

    # "Rivers join us." is 6 + 1 + 4 + 1 + 3 = 15 characters.
    with open(NARRATIVE, "w", encoding="utf-8") as f:
        f.write("Rivers join us.\n")
    r = wait_for(lambda r: r[2] == 15)
    check("writing it again turns the row green (filled, tick, 15)", r is not None and r[:3] == ["filled", "✓", 15])
    check("... still without a reload", r is not None and r[3])
    check("dashboard screenshot saved", shot("serve-dashboard.png") > 1000)

    call("POST", s + "/url", {"url": serve + "timeline"})
    bars = js("return document.querySelectorAll('figure#timeline svg rect[rx]').length;")
    check("the timeline draws a bar per activity (%s)" % bars, isinstance(bars, int) and bars >= 2)
    check("timeline screenshot saved", shot("serve-timeline.png") > 1000)
finally:
    try:
        call("DELETE", s)
    except Exception:
        pass

sys.exit(1 if failed else 0)
