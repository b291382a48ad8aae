#!/usr/bin/env bash
# Benchmarks/run-all.sh [--quick] [--no-build] [--rounds N] [--before BIN] - every benchmark where users
# wait (issue 16) in one go; rewrites the generated part of Benchmarks/RESULTS.md (between its markers;
# the History below them and any other section are kept as they are).
#
#   --quick      100 and 1,000 people, 200 files for the many-files freebusy, 2 rounds (about 5 minutes)
#   --no-build   time the .build/release/convene that is there
#   --rounds N   interleaved rounds (default 3; 2 with --quick; 5,000 people and 2,000 files: always 1)
#   --before BIN time a second convene binary (e.g. a release build of main) beside this one; their
#                outputs must be byte-identical
#
# Builds convene (release) and Benchmarks/baseline.c (cc -O2, libical), generates the inputs into
# Benchmarks/work/ (reused while the generators are unchanged) and runs Benchmarks/run_all.py.
# Exit status 1 when an output differs.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cd "$root"
build=1
pass=()
invocation="Benchmarks/run-all.sh${*:+ $*}"
while [ $# -gt 0 ]; do
    case $1 in
        --quick) pass+=(--quick); shift ;;
        --no-build) build=0; shift ;;
        --rounds) pass+=(--rounds "$2"); shift 2 ;;
        --before) pass+=(--before "$(realpath "$2")"); shift 2 ;;
        -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run-all.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
mkdir -p Benchmarks/work
if [ "$build" = 1 ]; then
    ./scripts/bootstrap.sh >&2
    swift build -c release --static-swift-stdlib --product convene 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' >&2
fi
[ -x .build/release/convene ] || { echo "run-all.sh: no .build/release/convene" >&2; exit 1; }
# shellcheck disable=SC2046 # word splitting of pkg-config's output is wanted
cc -O2 -o Benchmarks/work/baseline Benchmarks/baseline.c $(pkg-config --cflags --libs libical)
exec python3 Benchmarks/run_all.py --convene .build/release/convene --baseline Benchmarks/work/baseline \
    --command "$invocation" "${pass[@]}"
