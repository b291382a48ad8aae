#!/usr/bin/env bash
# Fuzzes the ICalendar parse layer with libFuzzer (+ AddressSanitizer) for SECONDS (default 300),
# starting from the test corpus (cross-check fixtures and the sample calendars).
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
./scripts/bootstrap.sh
(cd Fuzz && swift build -c debug -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]')
work=Fuzz/corpus-work
mkdir -p "$work"
find Tests/CrossCheck/fixtures samples -name '*.ics' -size -64k -exec cp {} "$work/" \; 2>/dev/null || true
cd Fuzz
ASAN_OPTIONS=detect_leaks=1 ./.build/debug/FuzzParse corpus-work -max_total_time="$seconds" -max_len=65536 \
  -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
