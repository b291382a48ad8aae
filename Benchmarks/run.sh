#!/usr/bin/env bash
# Benchmarks/run.sh - time the freebusy path: libical C baseline vs convene vs python reference.
#
#   Benchmarks/run.sh [--reps N] [--count N] [--seed S] [--without convene|python]...
#                     [--no-build] [--python PY] [--results FILE]
#
#   (a) generates a calendar of --count VEVENTs (default 10000, seed 20250101) into Benchmarks/work/
#   (b) builds convene: swift build -c release --static-swift-stdlib --product convene
#       (--no-build: time the .build/release/convene that is there)
#   (c) compiles Benchmarks/baseline.c against libical (pkg-config)
#   (d) makes/reuses the python venv Benchmarks/work/venv from Tests/CrossCheck/requirements.txt
#       (--python PY: use that interpreter, which already has the requirements, instead)
#   (e) times, interleaved, --reps rounds (default 11) after one warm-up round:
#         (a) Benchmarks/work/baseline CAL --from 2027-04-19 --to 2027-05-17
#         (b) .build/release/convene freebusy CAL --from 2027-04-19 --to 2027-05-17 --format json
#         (c) python Tests/CrossCheck/reference_freebusy.py CAL --from 2027-04-19 --to 2027-05-17
#       checks that all busy lists are identical and writes Benchmarks/work/RESULTS-freebusy.md
#       (a run --without something writes Benchmarks/work/RESULTS-partial.md instead; --results FILE
#       elsewhere; Benchmarks/RESULTS.md belongs to Benchmarks/run-all.sh).
#
# Environment: REPS, COUNT, SEED give the defaults of the options. Run it on a quiet machine:
# the numbers are wall-clock times of whole processes. Exit status 1 when an output differs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
work=$here/work
reps=${REPS:-11}
count=${COUNT:-10000}
seed=${SEED:-20250101}
from=2027-04-19
to=2027-05-17
with_convene=1
with_python=1
results=
python_given=
build=1
invocation="Benchmarks/run.sh${*:+ $*}"

usage() { sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
    case $1 in
        --reps) reps=$2; shift 2 ;;
        --count) count=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --results) results=$2; shift 2 ;;
        --python) python_given=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        --without)
            case $2 in
                convene) with_convene=0 ;;
                python) with_python=0 ;;
                *) echo "run.sh: --without convene|python" >&2; exit 2 ;;
            esac
            shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage ;;
    esac
done

say() { printf '==> %s\n' "$*" >&2; }
mkdir -p "$work"
cd "$root"

# (a) calendar -------------------------------------------------------------------------------
cal=Benchmarks/work/calendar-$count-$seed.ics
say "generating $cal"
python3 Benchmarks/generate_calendar.py --count "$count" --seed "$seed" --output "$cal" --stats \
    2>"$work/calendar-stats.txt"
cat "$work/calendar-stats.txt" >&2

# (b) convene --------------------------------------------------------------------------------
if [ "$with_convene" = 1 ] && [ "$build" = 1 ]; then
    say "swift build -c release --static-swift-stdlib --product convene"
    swift build -c release --static-swift-stdlib --product convene >&2
    convene_bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/convene
    convene_bin=${convene_bin#"$root"/}
    # the usual name, when it is the same file
    if [ .build/release/convene -ef "$convene_bin" ]; then convene_bin=.build/release/convene; fi
    [ -x "$convene_bin" ] || { echo "run.sh: no $convene_bin after the build" >&2; exit 1; }
elif [ "$with_convene" = 1 ]; then
    convene_bin=.build/release/convene
    [ -x "$convene_bin" ] || { echo "run.sh: no $convene_bin (--no-build)" >&2; exit 1; }
    say "not building: timing $convene_bin of $(date -r "$convene_bin" '+%Y-%m-%d %H:%M')"
fi

# (c) C baseline -----------------------------------------------------------------------------
if ! pkg-config --exists libical 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing libical-dev pkg-config"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libical-dev pkg-config >&2
    else
        echo "run.sh: libical (pkg-config libical) is missing: install libical-dev" >&2
        exit 1
    fi
fi
say "cc -O2 Benchmarks/baseline.c"
# shellcheck disable=SC2046 # word splitting of pkg-config's output is wanted
cc -O2 -o Benchmarks/work/baseline Benchmarks/baseline.c $(pkg-config --cflags --libs libical)

# (d) python venv ----------------------------------------------------------------------------
venv_python=python3
if [ "$with_python" = 1 ] && [ -n "$python_given" ]; then
    [ -f Tests/CrossCheck/reference_freebusy.py ] || { echo "run.sh: no Tests/CrossCheck/reference_freebusy.py" >&2; exit 1; }
    venv_python=$python_given
elif [ "$with_python" = 1 ]; then
    reqs=Tests/CrossCheck/requirements.txt
    [ -f Tests/CrossCheck/reference_freebusy.py ] || { echo "run.sh: no Tests/CrossCheck/reference_freebusy.py" >&2; exit 1; }
    [ -f "$reqs" ] || { echo "run.sh: no $reqs" >&2; exit 1; }
    venv=$work/venv
    want=$(sha256sum "$reqs" | cut -d' ' -f1)
    have=$(cat "$venv/.requirements.sha256" 2>/dev/null || true)
    if [ ! -x "$venv/bin/python" ] || [ "$want" != "$have" ]; then
        say "python venv $venv from $reqs"
        python3 -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$reqs" >&2
        echo "$want" >"$venv/.requirements.sha256"
    else
        say "reusing python venv $venv"
    fi
    venv_python=Benchmarks/work/venv/bin/python
fi

# (e) timing ---------------------------------------------------------------------------------
progs=(--prog a "C baseline (libical)" "Benchmarks/work/baseline $cal --from $from --to $to")
if [ "$with_convene" = 1 ]; then
    progs+=(--prog b "convene" "$convene_bin freebusy $cal --from $from --to $to --format json")
fi
if [ "$with_python" = 1 ]; then
    progs+=(--prog c "python reference" "$venv_python Tests/CrossCheck/reference_freebusy.py $cal --from $from --to $to")
fi
if [ -z "$results" ]; then
    # Benchmarks/RESULTS.md is written by run-all.sh (its History keeps the earlier rows of this script).
    if [ "$with_convene" = 1 ] && [ "$with_python" = 1 ] && [ -z "$python_given" ]; then
        results=Benchmarks/work/RESULTS-freebusy.md
    else
        results=Benchmarks/work/RESULTS-partial.md
    fi
fi
say "timing: $reps rounds, results in $results"
python3 Benchmarks/timing.py --reps "$reps" --results "$results" --outputs-dir Benchmarks/work \
    --command "$invocation" --calendar "$cal" --calendar-note "$(cat "$work/calendar-stats.txt")" \
    --window "$from" "$to" --python "$venv_python" "${progs[@]}"
