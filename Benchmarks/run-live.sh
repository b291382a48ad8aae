#!/usr/bin/env bash
# Benchmarks/run-live.sh [--no-build] [ROUNDS] - issue 14's benchmark row: `convene propose` over 20 and 200 calendar
# sources read as files and as iCalendar feeds from a loopback HTTP server, cold and warm (304).
#
#   (a) builds convene in release (swift build -c release --static-swift-stdlib --product convene; --no-build: times the release
#       binary that is there)
#   (b) makes/reuses the python venv .venv from Tests/CrossCheck/requirements.txt (as scripts/test.sh does)
#   (c) runs Benchmarks/live_bench.py: the sample (20 exports) and the sample replicated to 200 exports, each as
#       files and as feeds of the feed server of Tests/CrossCheck/test_live_calendars.py (127.0.0.1, a port the
#       kernel picks, stopped when the run ends and by a timer after 15 minutes); ROUNDS interleaved rounds
#       (default 3) after one warm-up round; medians; live output must equal the file output (exit 1 if not)
#   (d) writes the "Live sources" section of Benchmarks/RESULTS.md (between its live-sources markers, or
#       appended): nothing else of that file changes.
# Keep ROUNDS small on a shared machine: one round is 8 propose runs.
set -euo pipefail
cd "$(dirname "$0")/.."
invocation="Benchmarks/run-live.sh${*:+ $*}"
build=1
if [ "${1:-}" = --no-build ]; then build=0; shift; fi
rounds=${1:-3}
./scripts/bootstrap.sh >&2
if [ "$build" = 1 ]; then
  swift build -c release --static-swift-stdlib --product convene 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' >&2 || true
  bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/convene
else
  bin=.build/release/convene
fi
[ -x "$bin" ] || { echo "run-live.sh: no $bin after the build" >&2; exit 1; }
venv=.venv
if [ ! -x "$venv/bin/python" ] || ! cmp -s Tests/CrossCheck/requirements.txt "$venv/.requirements"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r Tests/CrossCheck/requirements.txt
  cp Tests/CrossCheck/requirements.txt "$venv/.requirements"
fi
exec "$venv/bin/python" Benchmarks/live_bench.py --convene "$bin" --rounds "$rounds" --results Benchmarks/RESULTS.md --command "$invocation"
