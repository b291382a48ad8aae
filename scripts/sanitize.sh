#!/usr/bin/env bash
# Runs the Swift test suite under AddressSanitizer + LeakSanitizer (the CLI tests then run the
# ASan-built convene too). Leaks of the test runner itself are suppressed by
# scripts/lsan-suppressions.txt; anything else fails.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
swift test --sanitize=address --scratch-path .build-asan 2>&1 | tee .build-asan.log | grep -vE '^\[[0-9]+/[0-9]+\]'
status=${PIPESTATUS[0]}
if grep -q "ERROR: AddressSanitizer\|ERROR: LeakSanitizer" .build-asan.log; then
  echo "sanitize.sh: AddressSanitizer or LeakSanitizer reported a problem (see .build-asan.log)" >&2
  exit 1
fi
exit "$status"
