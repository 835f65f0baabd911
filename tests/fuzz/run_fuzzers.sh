#!/bin/sh
# Builds the libFuzzer harnesses (tests/fuzz/CMakeLists.txt, clang + ASan + UBSan), replays
# every regression input under tests/fuzz/regressions/<harness>/, then fuzzes each harness for
# a bounded time, seeded at run time from ../shared/data/feeds (never copied into the repo)
# and from our own seeds in tests/fuzz/seeds/. Prints executions and crashes per harness.
#
# usage: tests/fuzz/run_fuzzers.sh [--seconds N] [--build DIR] [--corpus DIR] [HARNESS...]
#   --seconds N   fuzzing time per harness (default 15)
#   --build DIR   build directory for the clang project (default build/fuzz-clang)
#   --corpus DIR  where each harness keeps the inputs it found (default DIR/corpus); reuse it
#                 to continue a long run
# Exit: 0 all clean, 1 a crash (its input is saved under DIR/artifacts/), 77 no clang-16.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=15
build="$root/build/fuzz-clang"
corpus=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    -*) echo "run_fuzzers: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ -n "$corpus" ] || corpus="$build/corpus"
harnesses=${*:-"feed_parser json_feed date_parser html_text encoding uri opml config claims claim_review"}

cxx=${HW_FUZZ_CXX:-clang++-16}
cc=${HW_FUZZ_CC:-clang-16}
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "SKIPPED: $cxx not found (tools/install-deps installs clang-16 and libclang-rt-16-dev)"
  exit 77
fi

cmake -S "$here" -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" >/dev/null
cmake --build "$build" -j"${HW_FUZZ_BUILD_JOBS:-2}" >"$build/build.log" 2>&1 || {
  cat "$build/build.log"
  exit 1
}

shared="$root/../shared/data/feeds"
seeds_tmp=$(mktemp -d)
trap 'rm -rf "$seeds_tmp"' EXIT INT TERM
# Date strings from the shared conformance list, one file each, extracted at run time.
mkdir -p "$seeds_tmp/dates"
if [ -f "$shared/conformance/dates.json" ] && command -v python3 >/dev/null 2>&1; then
  python3 - "$shared/conformance/dates.json" "$seeds_tmp/dates" <<'PY' || true
import json, os, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
found = []
def walk(v):
    if isinstance(v, str):
        found.append(v)
    elif isinstance(v, dict):
        for x in v.values():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
walk(data)
for i, s in enumerate(found):
    with open(os.path.join(sys.argv[2], str(i)), "w", encoding="utf-8") as f:
        f.write(s)
PY
fi

# Our own config and claims files (a corpus must be a directory of inputs, nothing else).
mkdir -p "$seeds_tmp/config" "$seeds_tmp/claims"
for f in "$root"/examples/*.toml "$root"/systemd/*.toml; do
  [ -f "$f" ] && cp "$f" "$seeds_tmp/config/"
done
cp "$root"/examples/claims.toml "$seeds_tmp/claims/"

# Seed directories per harness; a missing ../shared only leaves our own seeds.
seeds_for() {
  case "$1" in
    feed_parser|json_feed|html_text|encoding) echo "$shared" ;;
    date_parser) echo "$here/seeds/date_parser $seeds_tmp/dates" ;;
    uri) echo "$here/seeds/uri" ;;
    opml) echo "$here/seeds/opml" ;;
    config) echo "$seeds_tmp/config" ;;
    claims) echo "$seeds_tmp/claims" ;;
    claim_review) echo "$root/tests/fixtures/factcheck" ;;
  esac
}

failed=0
total_execs=0
mkdir -p "$build/artifacts"
for h in $harnesses; do
  bin="$build/fuzz_$h"
  # 1. Every input that ever crashed this harness must stay fixed.
  if [ -d "$here/regressions/$h" ]; then
    if ! "$bin" -runs=1 "$here"/regressions/"$h"/* >"$build/regressions-$h.log" 2>&1; then
      echo "fuzz_$h: REGRESSION: an input under tests/fuzz/regressions/$h crashes again"
      tail -40 "$build/regressions-$h.log"
      failed=1
      continue
    fi
  fi
  # 2. Fuzz. The first corpus directory collects new inputs; the seeds are only read.
  mkdir -p "$corpus/$h"
  dirs=""
  for d in $(seeds_for "$h"); do
    [ -d "$d" ] && dirs="$dirs $d"
  done
  log="$build/fuzz-$h.log"
  # shellcheck disable=SC2086
  if "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$h-" "$corpus/$h" $dirs \
      >"$log" 2>&1; then
    status="0 crashes"
  else
    status="CRASH (input saved as $(ls -t "$build"/artifacts/"$h"-* 2>/dev/null | head -1))"
    failed=1
    tail -60 "$log"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  execs=${execs:-0}
  total_execs=$((total_execs + execs))
  echo "fuzz_$h: $execs executions in ${seconds}s, corpus $(ls "$corpus/$h" | wc -l) inputs, $status"
done
echo "fuzzing: $total_execs executions in total"
exit $failed
