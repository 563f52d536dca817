#!/usr/bin/env bash
# `coopcom serve` in a real browser: starts the server on a copy of the
# example, opens the dashboard in headless Chromium (driven by chromedriver
# over WebDriver), edits a narrative file and checks that the page changes
# its count and mark without a reload; saves screenshots of the dashboard
# and the timeline into target/browser/. Everything runs on loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."

DRIVER=${CHROMEDRIVER:-$(command -v chromedriver || true)}
if [ -z "$DRIVER" ]; then
  echo "serve check: chromedriver is not installed (apt-get install chromium-driver)" >&2
  exit 1
fi

out=target/browser
mkdir -p "$out"
cargo build --quiet
bin=target/debug/coopcom
ws="$out/serve-ws"
rm -rf "$ws" "$out/serve-profile"
cp -r examples/coopcom-refugees "$ws"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

COOPCOM_TODAY=2026-01-10 "$bin" serve "$ws" --port 0 > "$out/serve.out" 2> "$out/serve.err" &
pids+=($!)
for _ in $(seq 1 300); do [ -s "$out/serve.out" ] && break; sleep 0.1; done
url=$(head -n 1 "$out/serve.out")
case "$url" in http://127.0.0.1:*/) ;; *) echo "serve did not print its address" >&2; cat "$out/serve.err" >&2; exit 1;; esac

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$DRIVER" --port="$port" --allowed-ips=127.0.0.1 > "$out/chromedriver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/status" >/dev/null && break; sleep 0.1; done

python3 tests/browser/serve_check.py "http://127.0.0.1:$port" "$url" "$ws" "$out"
