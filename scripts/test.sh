#!/usr/bin/env bash
# The whole test suite: build without warnings, Swift tests, then the cross-checks against
# independent implementations (python icalendar + recurring-ical-events, pinned in a virtualenv).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh python3-venv todoman chromium khal msmtp xandikos weasyprint poppler-utils fonts-dejavu-core

echo "== swift build"
log=$(mktemp)
swift build --build-tests 2>&1 | tee "$log" | grep -vE '^\[[0-9]+/[0-9]+\]' || true
if [ "${PIPESTATUS[0]}" -ne 0 ]; then echo "build failed" >&2; exit 1; fi
if grep -E '^/.*/(Sources|Tests)/.*warning:' "$log"; then
  echo "test.sh: the build has warnings (above); convene builds without warnings" >&2
  exit 1
fi
rm -f "$log"

echo "== swift test"
swift test --skip-build

echo "== cross-checks (python reference in .venv)"
venv=.venv
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s Tests/CrossCheck/requirements.txt "$stamp"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r Tests/CrossCheck/requirements.txt
  cp Tests/CrossCheck/requirements.txt "$stamp"
fi
CONVENE_BIN="$PWD/.build/debug/convene" "$venv/bin/python" -m pytest -q -p no:cacheprovider Tests/CrossCheck
