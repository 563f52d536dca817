#!/usr/bin/env bash
# Saves or compares every output of coopcom, so that a change meant to make it
# faster can be shown to change nothing that it writes:
#
#   tools/compare-outputs.sh save DIR      # write the outputs into DIR
#   tools/compare-outputs.sh compare DIR   # write them again and diff with DIR
#
# Workspaces: the bundled example, every tests/fixtures workspace and a
# generated one of 1 000 activities. Commands: check (human and json), budget
# (human, json, csv), render (md, html), export (xlsx, csv, ics, geojson, kml,
# docx, docx --report), status (human, json), report (table, json, md), render --report, diff
# (json, md) against a copy with one text changed; then check --all of every
# workspace at once and the built-in rule packs as `rules` shows them. Standard output,
# standard error and the exit code of each are kept; Word and Excel files are
# kept unzipped (their members, not the compressed bytes). COOPCOM_BIN runs
# another build.
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:?save or compare}
dest=${2:?folder}
bin=${COOPCOM_BIN:-$PWD/target/release/coopcom}
gen=$PWD/target/release/examples/gen-workspace
export COOPCOM_TODAY=2026-01-10
data=$(mktemp -d)
export COOPCOM_DATA_DIR=$data
export NO_COLOR=1
work=/tmp/coopcom-compare-outputs
# One run at a time: the outputs name this fixed folder, so that runs of
# two builds compare byte for byte.
exec 9>"$work.lock"
flock 9
rm -rf "$work"
mkdir -p "$work/ws"
out=$work/out
mkdir -p "$out"

cp -R examples/coopcom-refugees "$work/ws/example"
for f in tests/fixtures/*/; do
  cp -R "$f" "$work/ws/$(basename "$f")"
done
if [ ! -x "$gen" ]; then
  cargo build --release --quiet --example gen-workspace
fi
"$gen" "$work/ws/gen-1000" 1000 >/dev/null
# A copy of every workspace for `diff`, with one text changed (the first
# narrative file) so that the texts are compared too.
cp -R "$work/ws" "$work/ws-copy"
for c in "$work"/ws-copy/*/; do
  first=$(cd "$c" && find narrative -type f -name '*.md' 2>/dev/null | LC_ALL=C sort | head -1)
  [ -n "$first" ] && printf '\nOne more sentence.\n' >>"$c/$first"
done

run() { # name, command... : stdout, stderr and exit code into $o/name.*
  local name=$1
  shift
  (cd "$work" && "$@" >"$o/$name.out" 2>"$o/$name.err")
  echo $? >"$o/$name.code"
}
unzipped() { # archive, folder
  mkdir -p "$2"
  (cd "$2" && unzip -q -o "$1" 2>/dev/null) || true
  rm -f "$1"
}

for ws in "$work"/ws/*/; do
  ws=${ws%/}
  name=$(basename "$ws")
  o=$out/$name
  mkdir -p "$o"
  w=ws/$name
  run check "$bin" check "$w"
  run check-json "$bin" check "$w" --format json
  run budget "$bin" budget "$w"
  run budget-json "$bin" budget "$w" --format json
  run budget-csv "$bin" budget "$w" --format csv
  run render "$bin" render "$w" --out "$o/render"
  run export-xlsx "$bin" export xlsx "$w" --out "$o/budget.xlsx"
  [ -f "$o/budget.xlsx" ] && unzipped "$o/budget.xlsx" "$o/xlsx"
  run export-docx "$bin" export docx "$w" --out "$o/draft.docx"
  [ -f "$o/draft.docx" ] && unzipped "$o/draft.docx" "$o/docx"
  run export-docx-report "$bin" export docx "$w" --report --out "$o/report.docx"
  [ -f "$o/report.docx" ] && unzipped "$o/report.docx" "$o/docx-report"
  run export-csv-budget "$bin" export csv "$w" --what budget --out -
  run export-csv-flows "$bin" export csv "$w" --what flows --out -
  run export-ics "$bin" export ics "$w" --out -
  run export-geojson "$bin" export geojson "$w" --out -
  run export-kml "$bin" export kml "$w" --out -
  run status "$bin" status "$w"
  run status-json "$bin" status "$w" --format json
  run report "$bin" report "$w"
  run report-json "$bin" report "$w" --format json
  run report-md "$bin" report "$w" --format md
  run render-report "$bin" render "$w" --report --out "$o/render-report"
  run diff-json "$bin" diff "$w" "ws-copy/$name" --format json
  run diff-md "$bin" diff "$w" "ws-copy/$name" --format md
  # Nothing written into the workspace itself.
  (cd "$ws" && find . -type f | LC_ALL=C sort) >"$o/files"
done
# Every fixture at once, and the rule packs as `rules` shows them.
o=$out/all
mkdir -p "$o"
run check-all "$bin" check --all ws
run check-all-json "$bin" check --all ws --format json
for call in 2024 2025 2026 2027; do
  for action in KA152-YOU KA153-YOU KA154-YOU KA210-SCH KA210-VET KA210-ADU KA210-YOU KA220-SCH KA220-VET KA220-ADU KA220-HED KA220-YOU; do
    run "rules-$action-$call" "$bin" rules --action "$action" --call "$call"
    run "rules-$action-$call-json" "$bin" rules --action "$action" --call "$call" --format json
  done
done
run rules-diff "$bin" rules diff --call 2026 --call 2027
rm -rf "$data"

if [ "$mode" = save ]; then
  rm -rf "$dest"
  mkdir -p "$(dirname "$dest")"
  cp -R "$out" "$dest"
  echo "compare-outputs: saved into $dest"
else
  if diff -r -q "$dest" "$out"; then
    echo "compare-outputs: identical to $dest"
  else
    echo "compare-outputs: DIFFERENT from $dest (diff -r $dest $out)" >&2
    exit 1
  fi
fi
