#!/usr/bin/env bash
# Times the slot search (convene propose's ranking, no I/O) on synthetic networks of 10, 100,
# 1,000 and 10,000 people with 100 busy intervals each, a 90-day window and a 15-minute grid.
# Release build; prints a table (medians of 11 runs, 5 for 10,000).
set -euo pipefail
cd "$(dirname "$0")/SearchBenchmark"
swift build -c release 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' >&2
./.build/release/SearchBenchmark "$@"
