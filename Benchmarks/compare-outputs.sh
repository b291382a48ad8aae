#!/usr/bin/env bash
# Benchmarks/compare-outputs.sh OLD NEW - the speed work changes no answer (issue 16): runs two
# convene binaries on every benchmark input and fails when any output differs by one byte.
#
#   inputs: the generated benchmark calendar(s) in Benchmarks/work/ (freebusy json, text, ics),
#           the sample's 20 calendars (freebusy json and text, as files and as a folder; error
#           paths: a broken file among good ones, a missing path, an empty folder), the sample meetings
#           (propose json and text, cold and warm cache, on a copy of the sample workspace),
#           the run-propose.sh workspace when it exists (propose json, cold and warm), run-all.sh's
#           generated networks of 100 and 1,000 people (propose cold, warm, text; check) and its send
#           workspace (invite --send with a long sent.log: the summary, sent.log and out/ compared).
#   OLD, NEW: paths of convene binaries (e.g. a release build of main and of this branch).
# Exit status 1 when an output differs (the diff's first lines are printed), 0 when all match.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
old=$(realpath "$1"); new=$(realpath "$2")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export CONVENE_NOW=2027-03-01T09:00:00Z NO_COLOR=1
fail=0; n=0
same() { # label, then the command after the binary
    local label=$1; shift
    local a=0 b=0
    "$old" "$@" > "$tmp/old" 2>&1 || a=$?
    "$new" "$@" > "$tmp/new" 2>&1 || b=$?
    n=$((n + 1))
    if [ "$a" != "$b" ] || ! cmp -s "$tmp/old" "$tmp/new"; then
        echo "DIFFERS: $label (exit $a vs $b)"; diff "$tmp/old" "$tmp/new" | head -5; fail=1
    fi
}
win=(--from 2027-04-19 --to 2027-05-17)
for cal in Benchmarks/work/calendar-*.ics; do
    [ -e "$cal" ] || continue
    for format in json text ics; do same "freebusy $cal $format" freebusy "$cal" "${win[@]}" --format "$format"; done
done
sample=samples/digital-regional
for format in json text; do
    same "freebusy sample calendars $format" freebusy "$sample"/calendars/*.ics "${win[@]}" --format "$format"
done
# Folders, and the order of problems: a missing path, an empty folder, a broken file among good ones.
mkdir -p "$tmp/empty" "$tmp/mixed"; cp "$sample"/calendars/b*.ics "$tmp/mixed/"; printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n' > "$tmp/mixed/broken.ics"
same "freebusy folder" freebusy "$sample/calendars" "${win[@]}" --format json
same "freebusy broken among good" freebusy "$tmp/mixed" "${win[@]}" --format json
same "freebusy missing after good" freebusy "$sample/calendars/bretten-ob.ics" "$tmp/missing.ics" "${win[@]}"
same "freebusy empty folder" freebusy "$sample/calendars/bretten-ob.ics" "$tmp/empty" "${win[@]}"
same "freebusy sample calendars 2027 whole year" freebusy "$sample"/calendars/*.ics --from 2027-01-01 --to 2028-01-01 --format json
for meeting in $(ls "$sample/meetings"); do
    for format in json text; do
        rm -rf "$tmp/ws"; cp -r "$sample" "$tmp/ws"
        same "propose $meeting $format cold" propose "$meeting" -w "$tmp/ws" --format "$format"
        same "propose $meeting $format warm" propose "$meeting" -w "$tmp/ws" --format "$format"
    done
done
ws=Benchmarks/work/propose/ws
if [ -d "$ws" ]; then
    rm -rf "$tmp/pws"; cp -r "$ws" "$tmp/pws"; rm -rf "$tmp/pws/.convene"
    same "propose bench cold" propose bench -w "$tmp/pws" --format json
    same "propose bench warm" propose bench -w "$tmp/pws" --format json
fi
# The generated networks of run-all.sh (100 and 1,000 people), and a send with a long log (its sent.log compared too).
for people in 100 1000; do
    gws=Benchmarks/work/ws-$people
    [ -d "$gws" ] || continue
    rm -rf "$tmp/gws"; cp -r "$gws" "$tmp/gws"; rm -rf "$tmp/gws/.convene"
    same "propose $people people cold" propose bench -w "$tmp/gws" --format json
    same "propose $people people warm" propose bench -w "$tmp/gws" --format json
    same "propose $people people text" propose bench -w "$tmp/gws"
    same "check $people people" check -w "$tmp/gws" --offline
done
if [ -d Benchmarks/work/ws-222-10 ]; then
    printf '#!/bin/sh\ncat > /dev/null\n' > "$tmp/null-mailer"; chmod +x "$tmp/null-mailer"
    for which in old new; do
        rm -rf "$tmp/send-$which"; cp -r Benchmarks/work/ws-222-10 "$tmp/send-$which"
        printf 'mail:\n  send_command: [%s, -t]\n' "$tmp/null-mailer" >> "$tmp/send-$which/convene.yaml"
        printf 'start: 2027-04-20T08:00:00Z\nend: 2027-04-20T11:00:00Z\n' > "$tmp/send-$which/meetings/bench/slot.yaml"
        printf '# convene send log: time\tmethod\tsequence\trecipient\tresult\tmessage-id\n' > "$tmp/send-$which/meetings/bench/sent.log"
        for k in $(seq 1 300); do
            printf '2027-02-01T09:00:00Z\tREQUEST\t0\tp%d@town-%04d.example\tfailed: exit status 75\t<bench.0.%d@town-0000.example>\n' \
                $((k % 222)) $((k % 222 / 10)) "$k" >> "$tmp/send-$which/meetings/bench/sent.log"
        done
    done
    a=0; b=0
    "$old" invite bench -w "$tmp/send-old" --send --format json > "$tmp/old" 2>&1 || a=$?
    "$new" invite bench -w "$tmp/send-new" --send --format json > "$tmp/new" 2>&1 || b=$?
    n=$((n + 1))
    if [ "$a" != "$b" ] || ! cmp -s "$tmp/old" "$tmp/new" || ! cmp -s "$tmp/send-old/meetings/bench/sent.log" "$tmp/send-new/meetings/bench/sent.log" \
        || ! diff -r "$tmp/send-old/meetings/bench/out" "$tmp/send-new/meetings/bench/out" > /dev/null; then
        echo "DIFFERS: invite --send with a long log (exit $a vs $b)"; fail=1
    fi
fi
echo "$n comparisons, $([ $fail = 0 ] && echo "all byte-identical" || echo "some DIFFER")"
exit $fail
