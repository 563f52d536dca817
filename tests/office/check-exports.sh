#!/usr/bin/env bash
# Opens coopcom's office exports in a real office suite (LibreOffice,
# headless): the budget workbook is converted to CSV, once as written and
# once with the cached results of its formulas removed, so that the totals
# shown are the ones LibreOffice computes from the formulas; both must equal
# `coopcom budget --format json`; with one number changed on an activity
# sheet, LibreOffice must recompute the line and the totals. The Word document is converted to PDF and
# to plain text, which must hold the title, the headings and every partner;
# the final report (`export docx --report`) to plain text, which must hold
# the final grant and the participants.
set -euo pipefail
cd "$(dirname "$0")/../.."

SOFFICE=${SOFFICE:-$(command -v soffice || command -v libreoffice || true)}
if [ -z "$SOFFICE" ]; then
  echo "office check: LibreOffice is not installed (apt-get install libreoffice-calc libreoffice-writer)" >&2
  exit 1
fi

out=target/office
rm -rf "$out"
mkdir -p "$out"
cargo build --quiet
bin=target/debug/coopcom
example=examples/coopcom-refugees
office() { # convert-to target, file: LibreOffice with a profile of its own
  "$SOFFICE" -env:UserInstallation="file://$PWD/$out/profile" --headless \
    --convert-to "$1" --outdir "$out" "$2" >>"$out/soffice.log" 2>&1
}

passed=0
failed=0
check() { # name, then a command that must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

"$bin" budget "$example" --format json > "$out/budget.json"
"$bin" export xlsx "$example" --out "$out/budget.xlsx" 2>/dev/null
"$bin" export docx "$example" --out "$out/application.docx" 2>/dev/null
"$bin" export docx --report "$example" --out "$out/final-report.docx" 2>/dev/null

# The workbook once more, without the results cached in its formula cells.
uncached() { # workbook, copy without the results cached in its formula cells
  python3 - "$1" "$2" <<'EOF'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename.startswith("xl/worksheets/"):
            data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1", data)
        dst.writestr(item, data)
EOF
}
uncached "$out/budget.xlsx" "$out/uncached.xlsx"

start=$(date +%s)
check "LibreOffice converts the workbook to CSV" office csv "$out/budget.xlsx"
check "LibreOffice converts the workbook without cached results" office csv "$out/uncached.xlsx"
check "LibreOffice converts the Word document to PDF" office pdf "$out/application.docx"
check "LibreOffice converts the Word document to text" office "txt:Text (encoded):UTF8" "$out/application.docx"
check "LibreOffice converts the final report to text" office "txt:Text (encoded):UTF8" "$out/final-report.docx"
echo "conversions took $(($(date +%s) - start)) s"

# Compares the Summary sheet (the first, the one LibreOffice converts) with
# coopcom's budget: the total and every subtotal, in euros.
same_totals() { # csv file
  python3 - "$out/budget.json" "$1" <<'EOF'
import csv, json, sys
from decimal import Decimal
budget = json.load(open(sys.argv[1]))
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
if not rows or rows[0][:1] != ["Activity or work package"]:
    sys.exit(f"the first sheet is not the Summary: {rows[:1]}")
shown = {r[0]: r[2] for r in rows if len(r) > 2 and r[2]}
def euros(text):
    return Decimal("".join(c for c in text if c.isdigit() or c in ".-")).quantize(Decimal("0.01"))
want = {a["key"]: a["amount"] for a in budget["by_activity"]}
want["Total grant"] = budget["total"]
bad = {k: (shown.get(k), v) for k, v in want.items() if k not in shown or euros(shown[k]) != Decimal(v)}
if bad:
    sys.exit(f"LibreOffice shows other amounts than coopcom (shown, coopcom): {bad}")
print(f"  total grant: LibreOffice {shown['Total grant']}, coopcom {budget['total']}")
EOF
}
check "the Summary shows coopcom's total and subtotals" same_totals "$out/budget.csv"
check "LibreOffice computes the same totals from the formulas" same_totals "$out/uncached.csv"
check "the PDF is a PDF" bash -c "head -c 5 '$out/application.pdf' | grep -q '%PDF-'"
for text in "COOPCOM REFUGEES" "Participating organisations" "Association Loisirs Culture" "Gavina" "KEPDER" "Budget" "Timeline"; do
  check "the document shows \"$text\"" grep -q "$text" "$out/application.txt"
done

# The final report: the final grant of the example, worked out by hand in
# tests/cli/budget.rs from the Guide 2026 tables (pp. 175-178): 24 408 +
# 21 498 + 20 183 = EUR 66 089.00, awarded in full; 72 participants of whom
# 48 women; 300 people reached.
for text in "Final report: COOPCOM REFUGEES" "Final grant" "EUR 66 089.00" "72, of whom 48 women (two thirds)" "Castelldefels, Spain" "300"; do
  check "the final report shows \"$text\"" grep -q "$text" "$out/final-report.txt"
done

# The activity sheets hold formulas (persons x rate, persons x days x rate):
# one more participant in the first line of the first activity sheet (the
# ALC flow's travel to Castelldefels, 8 x 417.00) must raise that activity's
# subtotal and the grant by one rate, as LibreOffice recomputes them.
python3 - "$out/uncached.xlsx" "$out/changed.xlsx" <<'EOF'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "xl/worksheets/sheet2.xml":
            data, n = re.subn(rb'(<c r="C2"[^>]*><v>)8(</v>)', rb"\g<1>9\2", data)
            if n != 1:
                sys.exit("no quantity 8 in C2 of the first activity sheet")
        dst.writestr(item, data)
EOF
check "LibreOffice converts the workbook with one more participant" office csv "$out/changed.xlsx"
recalculated() { # csv file
  python3 - "$out/budget.json" "$1" <<'EOF'
import csv, json, sys
from decimal import Decimal
budget = json.load(open(sys.argv[1]))
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
shown = {r[0]: r[2] for r in rows if len(r) > 2 and r[2]}
def euros(text):
    return Decimal("".join(c for c in text if c.isdigit() or c in ".-")).quantize(Decimal("0.01"))
first = next(l for l in budget["lines"] if l["activity"] == "a1-castelldefels")
assert first["quantity"] == 8 and first["rate"] == "417.00", first
want_activity = Decimal(next(a["amount"] for a in budget["by_activity"] if a["key"] == "a1-castelldefels")) + Decimal("417.00")
want_total = Decimal(budget["total"]) + Decimal("417.00")
got = (euros(shown["a1-castelldefels"]), euros(shown["Total grant"]))
if got != (want_activity, want_total):
    sys.exit(f"LibreOffice shows {got}, expected {(want_activity, want_total)}")
print(f"  one more participant: LibreOffice {got[1]}, coopcom + 417.00 = {want_total}")
EOF
}
check "changing a number in an activity sheet recalculates the line and the totals" recalculated "$out/changed.csv"

# A KA152 exchange in which two participants of one group claim expensive
# travel (tests/fixtures/budget-ka152-expensive-travel): the grant worked out
# by hand in tests/cli/guide_cases.rs is EUR 24 447.50, and LibreOffice must
# compute the same total from the workbook's formulas.
expensive=tests/fixtures/budget-ka152-expensive-travel
"$bin" export xlsx "$expensive" --out "$out/expensive.xlsx" 2>/dev/null
uncached "$out/expensive.xlsx" "$out/expensive-uncached.xlsx"
check "LibreOffice converts the expensive-travel workbook without cached results" office csv "$out/expensive-uncached.xlsx"
hand_total() { # csv file, the total worked out by hand
  python3 - "$1" "$2" <<'EOF'
import csv, sys
from decimal import Decimal
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
shown = {r[0]: r[2] for r in rows if len(r) > 2 and r[2]}
total = Decimal("".join(c for c in shown.get("Total grant", "") if c.isdigit() or c in ".-") or "0")
if total != Decimal(sys.argv[2]):
    sys.exit(f"LibreOffice computes {total}, worked out by hand {sys.argv[2]}")
print(f"  expensive travel: LibreOffice {total}, by hand {sys.argv[2]}")
EOF
}
check "LibreOffice computes the hand-worked grant of the expensive-travel exchange" hand_total "$out/expensive-uncached.csv" 24447.50

echo "exports: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
