#!/usr/bin/env bash
# Opens coopcom's rendered HTML in a real browser (headless Chromium):
# renders the bundled example, saves a screenshot, and checks the page's
# text (title, every partner, the budget total); the same for the final
# report (`render --report`: the final grant, participants, places, a script
# in a report text left as text); then renders a workspace
# whose partner name and narrative hold markup and checks that the browser
# built no element from them.
set -euo pipefail
cd "$(dirname "$0")/../.."

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
  echo "browser check: chromium is not installed (apt-get install chromium)" >&2
  exit 1
fi

out=target/browser
rm -rf "$out"
mkdir -p "$out"
cargo build --quiet
bin=target/debug/coopcom
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$PWD/$out/profile")

passed=0
failed=0
check() { # name, then a command that must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

# 1. The example, in the browser.
"$bin" render examples/coopcom-refugees --out "$out/example" 2>/dev/null
page="file://$PWD/$out/example/application.html"
"$CHROMIUM" "${flags[@]}" --dump-dom "$page" > "$out/example.dom.html" 2>/dev/null
"$CHROMIUM" "${flags[@]}" --window-size=1280,2400 --screenshot="$PWD/$out/application.png" "$page" 2>/dev/null
total=$("$bin" budget examples/coopcom-refugees --format json | sed -n 's/^  "total": "\([0-9.]*\)",$/\1/p')
int=${total%.*}; cents=${total#*.}
grouped=$(echo "$int" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\| \)/\1 \2\3/;ta')
dom="$out/example.dom.html"
check "the page was rendered by the browser" test -s "$dom"
check "screenshot saved" test -s "$out/application.png"
check "title shown" grep -q "<h1>COOPCOM REFUGEES</h1>" "$dom"
for partner in "Association Loisirs Culture" "Gavina" "KEPDER"; do
  check "partner $partner shown" grep -q "$partner" "$dom"
done
check "budget total EUR $grouped.$cents shown" grep -q "EUR $grouped.$cents" "$dom"

# 1b. The example's final report (render --report), in the browser: the
# final grant worked out by hand in tests/cli/budget.rs from the Guide 2026
# tables (pp. 175-178), 24 408 + 21 498 + 20 183 = EUR 66 089.00, awarded
# in full; the participants (72, 48 women) and the three places; and a
# script put into a report text shown as text.
rw="$out/report-ws"
cp -r examples/coopcom-refugees "$rw"
printf 'Trainers met <script>alert(3)</script> and stayed.\n' > "$rw/narrative/report/impact.md"
"$bin" render --report "$rw" --out "$out/report" 2>/dev/null
rpage="file://$PWD/$out/report/final-report.html"
"$CHROMIUM" "${flags[@]}" --dump-dom "$rpage" > "$out/report.dom.html" 2>/dev/null
"$CHROMIUM" "${flags[@]}" --window-size=1280,2400 --screenshot="$PWD/$out/final-report.png" "$rpage" 2>/dev/null
rdom="$out/report.dom.html"
check "the final report was rendered by the browser" test -s "$rdom"
check "final report screenshot saved" test -s "$out/final-report.png"
check "final report title shown" grep -q "<h1>Final report: COOPCOM REFUGEES</h1>" "$rdom"
check "final grant EUR 66 089.00 shown" grep -q "<strong>EUR 66 089.00</strong>" "$rdom"
check "72 participants, 48 women shown" grep -q "72, of whom 48 women (two thirds)" "$rdom"
for place in "Castelldefels, Spain" "Nice, France" "Istanbul, Türkiye"; do
  check "step in $place shown" grep -q "$place" "$rdom"
done
check "no script element from a report text" bash -c "! grep -q '<script' '$rdom'"
check "the report text's script is visible as text" grep -q "&lt;script&gt;alert(3)&lt;/script&gt;" "$rdom"

# 2. Markup in values and narratives stays text in the browser.
ws="$out/xss"
cp -r tests/fixtures/ka152-youth-exchange "$ws"
sed -i 's/^name = .*/name = "<script>alert(1)<\/script>"/' "$ws/partners/lyon.toml"
printf 'Objectives <img src=x onerror=alert(2)> here.\n' > "$ws/narrative/summary/objectives.md"
"$bin" render "$ws" --out "$out/xss-build" 2>/dev/null
"$CHROMIUM" "${flags[@]}" --dump-dom "file://$PWD/$out/xss-build/application.html" > "$out/xss.dom.html" 2>/dev/null
check "no script element from a partner name" bash -c "! grep -q '<script' '$out/xss.dom.html'"
check "no img element from a narrative" bash -c "! grep -q '<img src=\"x\"' '$out/xss.dom.html'"
check "the timeline image is the only img" test "$(grep -o '<img' "$out/xss.dom.html" | wc -l)" -eq 1
check "the name is visible as text" grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$out/xss.dom.html"

echo "browser check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

# 3. `coopcom serve`: the live dashboard (tests/browser/check-serve.sh).
bash tests/browser/check-serve.sh
