#!/usr/bin/env bash
# Benchmarks of coopcom, in three modes:
#
#   tools/bench.sh [time] [SIZES...]  (default: 10 100 1000)
#       `check`, `budget` and `render` on generated KA152-YOU workspaces of
#       these sizes (activities of 5 flows each), their growth and peak
#       memory, and `render` of the bundled example against pandoc
#       converting the same application.md to HTML. Needs hyperfine, pandoc
#       and GNU time (Debian: apt-get install hyperfine pandoc time).
#
#   tools/bench.sh callgrind
#       Instructions counted by valgrind's callgrind (they do not depend on
#       the machine's load) for the five figures of issue 11: `check` of the
#       bundled KA153 example with its coordinates removed (so that every
#       place is looked up in the gazetteer), and `check`, `budget`,
#       `render` and `export docx` of 1 000 activities of 5 flows. Needs
#       valgrind (apt-get install valgrind).
#
#   tools/bench.sh diff
#       `coopcom diff` of 1 000 activities against a copy where every tenth
#       activity's first group has 7 participants instead of 8, folder
#       against folder and HEAD against the working tree of a git
#       repository, next to one `check` of the same workspace: elapsed and
#       processor time (best of RUNS runs, 5 by default) and, when valgrind
#       is there, instructions. Target: a diff under twice one check.
#       Needs python3 and git.
#
#   tools/bench.sh growth
#       Time and peak memory of `check`, `budget`, `render` and `export
#       docx` on 1 000 and 10 000 activities, and their growth (the best of
#       RUNS runs each, 3 by default). Needs python3 (for precise timing).
#
#   tools/bench.sh portfolio [SIZES...]  (default: 1000 10000)
#       `check --all` of generated portfolios of small KA152-YOU workspaces
#       (gen-workspace --portfolio: one youth exchange of 3 groups each,
#       organisations shared by about 4 workspaces): elapsed time, processor
#       time (user + system) and peak memory by GNU time, with every core
#       and with --jobs 1, after one warm-up run (files in the page cache);
#       the two outputs are compared byte for byte. Needs GNU time.
#
# Every mode writes its report to target/bench/ and prints it. COOPCOM_BIN
# measures another build of coopcom (an earlier one, say) instead of this one.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=time
case "${1:-}" in
  time | callgrind | growth | diff | portfolio) mode=$1; shift ;;
esac

cargo build --release --quiet
cargo build --release --quiet --example gen-workspace
bin=${COOPCOM_BIN:-$PWD/target/release/coopcom}
gen=$PWD/target/release/examples/gen-workspace
dir=$PWD/target/bench
mkdir -p "$dir"

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }
  done
}

# A generated workspace of $1 activities, checked to have no error.
workspace() {
  local ws=$dir/ws-$1
  "$gen" "$ws" "$1"
  if ! "$bin" check "$ws" >/dev/null 2>&1; then
    echo "bench: the generated workspace of $1 activities has errors" >&2
    "$bin" check "$ws" 2>&1 | grep -m 5 '^error' >&2
    exit 1
  fi
}

# The command line of one benchmarked command on workspace $2.
command_of() {
  case $1 in
    check) run=("$bin" check "$2") ;;
    budget) run=("$bin" budget "$2") ;;
    render) run=("$bin" render "$2" --out "$dir/render-out") ;;
    docx) run=("$bin" export docx "$2" --out "$dir/export.docx") ;;
  esac
}

if [ "$mode" = callgrind ]; then
  need valgrind
  # A fixed day before the example's deadline: the counts measure the check,
  # not the look-up of the next round that a passed deadline adds.
  export COOPCOM_TODAY=2026-01-10
  report=$dir/callgrind.md
  # The bundled KA153 example without coordinates: partners and venues are
  # then found in the gazetteer.
  ka153=$dir/ka153-without-coordinates
  rm -rf "$ka153"
  cp -R examples/coopcom-refugees "$ka153"
  find "$ka153" -name '*.toml' -exec sed -i -e '/^coordinates *=/d' -e 's/, *coordinates *= *\[[^]]*\]//' {} +
  if grep -rq '^coordinates *=\|coordinates *= *\[' --include='*.toml' "$ka153"; then
    echo "bench: coordinates left in $ka153" >&2
    exit 1
  fi
  workspace 1000
  instructions() { # command... -> millions of instructions
    rm -rf "$dir/render-out" "$dir/export.docx"
    valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" "$@" >/dev/null 2>&1 || true
    sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$dir/callgrind.out" | awk '{ printf "%.0f", $1 / 1e6 }'
  }
  {
    echo "# coopcom instruction counts"
    echo
    echo "valgrind --tool=callgrind, release build, $(rustc --version)."
    echo
    echo "| command | instructions | target |"
    echo "| --- | ---: | ---: |"
    echo "| \`check\` of the KA153 example without coordinates | $(instructions "$bin" check "$ka153") M | 30 M |"
    for cmd in check budget render docx; do
      command_of "$cmd" "$dir/ws-1000"
      case $cmd in
        check) target=250 ;; budget) target=300 ;; render) target=800 ;; docx) target=1500 ;;
      esac
      label=$cmd
      [ "$cmd" = docx ] && label="export docx"
      echo "| \`$label\`, 1 000 activities x 5 flows | $(instructions "${run[@]}") M | $target M |"
    done
  } > "$report"
  cat "$report"
  exit 0
fi

# Best elapsed and processor time (user + system) of RUNS runs of "$@".
best_of() {
  python3 - "$1" "${@:2}" <<'PY'
import resource, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
wall = cpu = None
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    w = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    c = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    wall = w if wall is None else min(wall, w)
    cpu = c if cpu is None else min(cpu, c)
print(f"{wall:.3f} {cpu:.3f}")
PY
}

if [ "$mode" = diff ]; then
  need python3 git
  runs=${RUNS:-5}
  export COOPCOM_TODAY=2026-01-10
  report=$dir/diff.md
  workspace 1000
  old=$dir/ws-1000
  # The changed copy, inside a git repository whose HEAD is the old one.
  repo=$dir/diff-repo
  rm -rf "$repo"
  mkdir -p "$repo"
  cp -R "$old" "$repo/ws"
  git -C "$repo" init -q
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -q -m old
  new=$repo/ws
  for f in "$new"/activities/a*0.toml; do
    sed -i '0,/^participants = 8$/s//participants = 7/' "$f"
  done
  status=0
  "$bin" diff "$old" "$new" >/dev/null 2>&1 || status=$?
  if [ "$status" != 1 ]; then
    echo "bench: the diff of the two workspaces ended with status $status, not 1" >&2
    exit 1
  fi
  read -r cw cc <<< "$(best_of "$runs" "$bin" check "$old")"
  read -r fw fc <<< "$(best_of "$runs" "$bin" diff "$old" "$new")"
  read -r gw gc <<< "$(best_of "$runs" "$bin" diff -C "$new")"
  {
    echo "# coopcom diff, 1 000 activities x 5 flows"
    echo
    echo "Machine: $(nproc) cores; $(rustc --version); best of $runs runs. 100 of the 1 000 activities changed."
    echo
    echo "| command | elapsed | processor time | elapsed / check |"
    echo "| --- | ---: | ---: | ---: |"
    awk -v w="$cw" -v c="$cc" 'BEGIN { printf "| `check` | %.3f s | %.3f s | 1.00 |\n", w, c }'
    awk -v w="$fw" -v c="$fc" -v b="$cw" 'BEGIN { printf "| `diff OLD-FOLDER NEW-FOLDER` | %.3f s | %.3f s | %.2f |\n", w, c, w / b }'
    awk -v w="$gw" -v c="$gc" -v b="$cw" 'BEGIN { printf "| `diff` (HEAD against the working tree) | %.3f s | %.3f s | %.2f |\n", w, c, w / b }'
    if command -v valgrind >/dev/null; then
      instructions() {
        valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind-diff.out" "$@" >/dev/null 2>&1 || true
        sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$dir/callgrind-diff.out" | awk '{ printf "%.0f", $1 / 1e6 }'
      }
      ic=$(instructions "$bin" check "$old")
      id=$(instructions "$bin" diff "$old" "$new")
      echo
      echo "Instructions (callgrind, every thread): \`check\` $ic M, \`diff\` of the two folders $id M."
    fi
  } > "$report"
  cat "$report"
  exit 0
fi

if [ "$mode" = portfolio ]; then
  need /usr/bin/time
  # The generated rounds are those of call 2026: check them on a day when
  # they are open, as the tests do.
  export COOPCOM_TODAY=2026-01-10
  sizes=("${@:-1000 10000}")
  read -r -a sizes <<< "${sizes[*]}"
  report=$dir/portfolio.md
  {
    echo "# coopcom check --all, generated portfolios"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(rustc --version)."
    echo
    echo "| workspaces | jobs | elapsed | user + system | processor time per workspace | peak memory | exit |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  } > "$report"
  for n in "${sizes[@]}"; do
    pf=$dir/portfolio-$n
    "$gen" --portfolio "$pf" "$n"
    "$bin" check --all "$pf" >/dev/null 2>&1 || true # warm-up: the files in the page cache
    for jobs in "$(nproc)" 1; do
      out=$dir/portfolio-$n-jobs-$jobs
      status=0
      /usr/bin/time -f '%e %U %S %M' -o "$out.time" "$bin" check --all "$pf" --jobs "$jobs" >"$out.stdout" 2>"$out.stderr" || status=$?
      read -r e u s m < "$out.time"
      awk -v n="$n" -v j="$jobs" -v e="$e" -v u="$u" -v s="$s" -v m="$m" -v x="$status" \
        'BEGIN { printf "| %d | %d | %.2f s | %.2f s | %.2f ms | %.0f MB | %d |\n", n, j, e, u + s, (u + s) * 1000 / n, m / 1024, x }' >> "$report"
    done
    if cmp -s "$dir/portfolio-$n-jobs-$(nproc).stdout" "$dir/portfolio-$n-jobs-1.stdout" \
      && cmp -s "$dir/portfolio-$n-jobs-$(nproc).stderr" "$dir/portfolio-$n-jobs-1.stderr"; then
      echo "- $n workspaces: the output with $(nproc) jobs equals the output with 1 job, byte for byte" >> "$report.notes"
    else
      echo "- $n workspaces: the outputs with $(nproc) jobs and 1 job DIFFER" >> "$report.notes"
    fi
  done
  { echo; cat "$report.notes"; } >> "$report"
  rm -f "$report.notes"
  cat "$report"
  exit 0
fi

if [ "$mode" = growth ]; then
  need python3
  runs=${RUNS:-3}
  report=$dir/growth.md
  workspace 1000
  workspace 10000
  # Best elapsed time, best processor time (user + system, which other jobs
  # on the machine disturb less) and peak resident memory of RUNS runs.
  measure() {
    python3 - "$runs" "$dir/render-out" "$dir/export.docx" "${run[@]}" <<'PY'
import os, resource, shutil, subprocess, sys, time
runs, out, docx, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
wall = cpu = None
for _ in range(runs):
    shutil.rmtree(out, ignore_errors=True)
    if os.path.exists(docx):
        os.remove(docx)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    w = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    c = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    wall = w if wall is None else min(wall, w)
    cpu = c if cpu is None else min(cpu, c)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall:.3f} {cpu:.3f} {peak}")
PY
  }
  declare -A result
  for n in 1000 10000; do
    for cmd in check budget render docx; do
      command_of "$cmd" "$dir/ws-$n"
      result[$cmd-$n]=$(measure)
    done
  done
  {
    echo "# coopcom growth, 1 000 to 10 000 activities"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(rustc --version); best of $runs runs."
    echo "Processor time is user + system time, which other jobs on the machine disturb less than elapsed time."
    echo
    echo "| command | processor time, 1 000 / 10 000 | growth | elapsed, 1 000 / 10 000 | growth | peak memory, 1 000 / 10 000 | growth |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for cmd in check budget render docx; do
      label=$cmd
      [ "$cmd" = docx ] && label="export docx"
      read -r w1 c1 m1 <<< "${result[$cmd-1000]}"
      read -r w2 c2 m2 <<< "${result[$cmd-10000]}"
      awk -v c="$label" -v w1="$w1" -v w2="$w2" -v c1="$c1" -v c2="$c2" -v m1="$m1" -v m2="$m2" \
        'BEGIN { printf "| `%s` | %.2f s / %.2f s | x%.1f | %.2f s / %.2f s | x%.1f | %.0f MB / %.0f MB | x%.1f |\n", c, c1, c2, c2 / c1, w1, w2, w2 / w1, m1 / 1024, m2 / 1024, m2 / m1 }'
    done
  } > "$report"
  cat "$report"
  exit 0
fi

need hyperfine pandoc /usr/bin/time
sizes=("${@:-10 100 1000}")
read -r -a sizes <<< "${sizes[*]}"
report=$dir/results.md

mean() { # hyperfine json -> mean seconds
  sed -n 's/^ *"mean": \([0-9.e-]*\),$/\1/p' "$1" | head -n 1
}
peak() { # peak resident memory of a command, in MB
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }'
}

{
  echo "# coopcom benchmarks"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(rustc --version)."
  echo
  echo "| activities | flows | command | mean time | peak memory |"
  echo "| ---: | ---: | --- | ---: | ---: |"
} > "$report"

declare -A times
for n in "${sizes[@]}"; do
  ws=$dir/ws-$n
  workspace "$n"
  for cmd in check budget render; do
    case $cmd in
      check) run=("$bin" check "$ws") ;;
      budget) run=("$bin" budget "$ws" --format json) ;;
      render) run=("$bin" render "$ws" --out "$dir/out-$n") ;;
    esac
    hyperfine --style none --warmup 1 --runs 5 --export-json "$dir/$cmd-$n.json" \
      "$(printf '%q ' "${run[@]}") >/dev/null 2>&1" >/dev/null
    t=$(mean "$dir/$cmd-$n.json")
    times[$cmd-$n]=$t
    mem=$(peak "${run[@]}")
    printf '| %s | %s | %s | %.3f s | %s MB |\n' "$n" "$((n * 5))" "$cmd" "$t" "$mem" >> "$report"
  done
done

{
  echo
  echo "Growth (time at one size divided by the time at the size ten times smaller):"
  echo
  prev=""
  for n in "${sizes[@]}"; do
    if [ -n "$prev" ]; then
      for cmd in check budget render; do
        awk -v a="${times[$cmd-$n]}" -v b="${times[$cmd-$prev]}" -v c="$cmd" -v n="$n" -v p="$prev" \
          'BEGIN { printf "- %s, %s to %s activities: x%.1f\n", c, p, n, a / b }'
      done
    fi
    prev=$n
  done
} >> "$report"

# The example against pandoc.
"$bin" render examples/coopcom-refugees --out "$dir/example" >/dev/null 2>&1
hyperfine --style none --warmup 2 --runs 20 --export-json "$dir/example-render.json" \
  "$bin render examples/coopcom-refugees --out $dir/example >/dev/null 2>&1" >/dev/null
hyperfine --style none --warmup 2 --runs 20 --export-json "$dir/example-pandoc.json" \
  "pandoc $dir/example/application.md -f markdown -t html -s -o $dir/pandoc.html --metadata title=x" >/dev/null
r=$(mean "$dir/example-render.json"); p=$(mean "$dir/example-pandoc.json")
{
  echo
  echo "The bundled example: \`coopcom render\` (check, budget, templates, Markdown and HTML) takes"
  awk -v r="$r" -v p="$p" 'BEGIN { printf "%.1f ms; pandoc converting the same application.md to HTML alone takes %.1f ms (ratio %.2f).\n", r * 1000, p * 1000, r / p }'
} >> "$report"
cat "$report"
