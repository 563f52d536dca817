#!/usr/bin/env bash
# Benchmarks of coopcom on this machine: `check`, `budget` and `render` on
# generated KA152-YOU workspaces of three sizes (activities of 5 flows each),
# their growth, and their peak memory; and `render` of the bundled example
# against pandoc converting the same application.md to HTML.
#
# Needs hyperfine, pandoc and GNU time (Debian: apt-get install hyperfine
# pandoc time). Usage: tools/bench.sh [SIZES...]   (default: 10 100 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-10 100 1000}")
read -r -a sizes <<< "${sizes[*]}"
for tool in hyperfine pandoc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }
done

cargo build --release --quiet
cargo build --release --quiet --example gen-workspace
bin=$PWD/target/release/coopcom
gen=$PWD/target/release/examples/gen-workspace
dir=$PWD/target/bench
rm -rf "$dir"; mkdir -p "$dir"
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
  "$gen" "$ws" "$n"
  if ! "$bin" check "$ws" >/dev/null 2>&1; then
    echo "bench: the generated workspace of $n activities has errors" >&2
    "$bin" check "$ws" 2>&1 | grep -m 5 '^error' >&2
    exit 1
  fi
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
