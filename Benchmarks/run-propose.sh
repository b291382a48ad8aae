#!/usr/bin/env bash
# Cold and warm `convene propose` on 20 calendars of 10,000 events each, against the C + libical
# baseline (Benchmarks/baseline.c) parsing the same 20 files one after another. Prints medians
# of REPS runs (default 5) and the two ratios of issue 3:
#   cold propose / C sequential  (target < 1: convene parses files in parallel on both cores)
#   warm propose / cold propose  (target < 0.10: the busy cache skips unchanged exports)
# Usage: Benchmarks/run-propose.sh [REPS]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-5}
work=Benchmarks/work/propose
ws="$work/ws"
mkdir -p "$ws/calendars" "$ws/meetings/bench"
./scripts/bootstrap.sh >&2
swift build -c release --static-swift-stdlib --product convene 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' >&2
cc -O2 -o "$work/baseline" Benchmarks/baseline.c $(pkg-config --cflags --libs libical)
for i in $(seq -w 1 20); do
  f="$ws/calendars/p$i.ics"
  [ -s "$f" ] || python3 Benchmarks/generate_calendar.py --count 10000 --seed "2025$i" --output "$f"
done
cat > "$ws/convene.yaml" <<'YAML'
name: Benchmark network
organizer: {name: Bench, email: bench@example.org}
time_zone: Europe/Berlin
holiday_region: DE-BW
locations:
  - {id: hall, name: Hall, address: Somewhere 1, town: a}
travel_minutes:
  hall: {a: 15, b: 30}
YAML
{
  echo "towns: [{id: a, name: A}, {id: b, name: B}]"
  echo "people:"
  for i in $(seq -w 1 20); do
    town=$([ $((10#$i % 2)) -eq 0 ] && echo a || echo b)
    role=$([ "$i" = "01" ] || [ "$i" = "02" ] && echo ob || echo other)
    echo "  - {id: p$i, name: Person $i, email: p$i@example.org, town: $town, role: $role}"
  done
} > "$ws/people.yaml"
cat > "$ws/meetings/bench/meeting.yaml" <<'YAML'
kind: plenary
title: Benchmark
window: 2027-04-19..2027-05-14
duration: 2h
location: hall
host: a
grid_minutes: 15
attendance: {required: [], optional: [everyone], towns: anyone, min_town_share: 0.5}
YAML
bin=.build/release/convene
time_one() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); python3 -c "print(round($e - $s, 3))"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
c=(); cold=(); warm=()
for r in $(seq 1 "$reps"); do
  c+=("$(time_one bash -c "for f in $ws/calendars/*.ics; do $work/baseline \$f --from 2027-04-18 --to 2027-05-24; done")")
  rm -rf "$ws/.convene"
  cold+=("$(time_one "$bin" propose bench -w "$ws" --format json)")
  warm+=("$(time_one "$bin" propose bench -w "$ws" --format json)")
done
mc=$(printf '%s\n' "${c[@]}" | median); mcold=$(printf '%s\n' "${cold[@]}" | median); mwarm=$(printf '%s\n' "${warm[@]}" | median)
echo "C baseline, 20 files one after another: median ${mc} s   (runs: ${c[*]})"
echo "convene propose, cold cache:            median ${mcold} s   (runs: ${cold[*]})"
echo "convene propose, warm cache:            median ${mwarm} s   (runs: ${warm[*]})"
echo "cold / C = $(python3 -c "print(round($mcold / $mc, 3))")   (target < 1)"
echo "warm / cold = $(python3 -c "print(round($mwarm / $mcold, 3))")   (target < 0.10)"
