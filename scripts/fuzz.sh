#!/usr/bin/env bash
# Fuzzes with libFuzzer (+ AddressSanitizer) for SECONDS each (default 300): the ICalendar parse
# layer (FuzzParse), the workspace loader (FuzzWorkspace) and the mail reader (FuzzMail), each from
# a corpus of the repository's own files (cross-check fixtures, the sample workspace, golden mails).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(FuzzParse FuzzWorkspace FuzzMail)
./scripts/bootstrap.sh
(cd Fuzz && swift build -c debug -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]')
for target in "${targets[@]}"; do
  work=Fuzz/corpus-work/$target
  mkdir -p "$work"
  case $target in
    FuzzParse)
      find Tests/CrossCheck/fixtures samples -name '*.ics' -size -64k -exec cp {} "$work/" \; 2>/dev/null || true ;;
    FuzzWorkspace)
      # convene.yaml, people.yaml, meeting.yaml, minutes.yaml, slot.yaml, a topic, a second meeting.yaml and
      # its minutes.md (the Markdown form): NUL-separated.
      ws=samples/digital-regional
      for meeting in kickoff spring-2027; do
        for topic in "$ws"/topics/*.yaml; do
          { cat "$ws/convene.yaml"; printf '\0'; cat "$ws/people.yaml"; printf '\0'; cat "$ws/meetings/$meeting/meeting.yaml"; printf '\0'
            cat "$ws/meetings/$meeting/minutes.yaml" 2>/dev/null || true; printf '\0'; cat "$ws/meetings/$meeting/slot.yaml" 2>/dev/null || true
            printf '\0'; cat "$topic"; printf '\0'; cat "$ws/meetings/$meeting/meeting.yaml"; printf '\0'
            cat Tests/MinutesTests/Fixtures/minutes-kickoff.md; } > "$work/$meeting-$(basename "$topic")"
        done
      done ;;
    FuzzMail)
      find Tests -name '*.eml' -size -64k -exec cp {} "$work/" \; 2>/dev/null || true ;;
  esac
  echo "== $target for $seconds s"
  (cd Fuzz && ASAN_OPTIONS=detect_leaks=1 "./.build/debug/$target" "corpus-work/$target" -max_total_time="$seconds" -max_len=65536 \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1)
done
