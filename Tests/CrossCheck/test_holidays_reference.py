"""Cross-check: `convene holidays --format json` against python `holidays` 0.108.

    CONVENE_BIN=.build/debug/convene /tmp/hol-venv/bin/pytest -q Tests/CrossCheck/test_holidays_reference.py

Reference: `holidays.country_holidays("DE", subdiv=XX, years=Y, language="de")` from the
package pinned in requirements.txt (holidays==0.108), default category (public) only.
For all 16 states and every year 2000-2050 (816 runs of the binary, on a small thread pool)
both must give the same dates with the same names.

Normalised, because it is representation only:
  * Unicode NFC on both sides;
  * two holidays on one day: the package joins their names into one entry with "; "
    ("Christi Himmelfahrt; Erster Mai", 2008-05-01), convene lists two entries on that
    date; both become a set of names per date.

Everything else is a real difference and must be listed in NAME_EXCEPTIONS (same day, other
name) or DATE_EXCEPTIONS (a day only one side has), each with its reason.  An exception that
is no longer needed fails test_every_exception_is_still_needed, so the lists stay true.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import holidays
import pytest

STATES = ["BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV",
          "NI", "NW", "RP", "SH", "SL", "SN", "ST", "TH"]
YEARS = range(2000, 2051)
REFERENCE_VERSION = "0.108"

# (convene's name, the package's name) -> why they differ.  Same date, same holiday.
NAME_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("Tag der Arbeit", "Erster Mai"):
        "1 May: convene uses the name the holiday is known and printed by (the contract's "
        "list); the package names it after the date, as most state laws ('der 1. Mai') do.",
    ("Internationaler Frauentag", "Frauentag"):
        "8 March in BE (since 2019) and MV (since 2023): convene uses the day's full name "
        "(the contract's list); the package the short 'Frauentag' of Berlin's FTG.",
    ("Tag der Befreiung",
     "75. Jahrestag der Befreiung vom Nationalsozialismus und der Beendigung des Zweiten "
     "Weltkriegs in Europa"):
        "BE 2020-05-08: convene prints the short name; the package the occasion from the law.",
    ("Tag der Befreiung",
     "80. Jahrestag der Befreiung vom Nationalsozialismus und der Beendigung des Zweiten "
     "Weltkriegs in Europa"):
        "BE 2025-05-08: convene prints the short name; the package the occasion from the law.",
}

# (state, "YYYY-MM-DD") -> why only one side lists that day.  None at present: convene
# follows the package's default category (e.g. no Mariä Himmelfahrt in BY, no Fronleichnam
# in SN/TH: only in Catholic municipalities, not statewide).
DATE_EXCEPTIONS: dict[tuple[str, str], str] = {}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def convene_bin(tmp_path_factory) -> str:
    path = os.environ.get("CONVENE_BIN")
    if not path:
        pytest.fail("CONVENE_BIN is not set: export CONVENE_BIN=/path/to/.build/debug/convene", pytrace=False)
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"CONVENE_BIN={path!r} is not an executable file", pytrace=False)
    # Run a private copy: all 816 runs use one binary, and a build relinking CONVENE_BIN
    # meanwhile cannot fail them with ETXTBSY ("Text file busy").
    copy = tmp_path_factory.mktemp("holidays-bin") / "convene"
    shutil.copy2(path, copy)
    return str(copy)


def _run(binary: str, state: str, year: int) -> dict[str, set[str]]:
    args = [binary, "holidays", "--year", str(year), "--region", f"DE-{state}", "--format", "json"]
    done = subprocess.run(args, capture_output=True, timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args[1:])}: exit {done.returncode}: {done.stderr.decode()!r}")
    text = done.stdout.decode("utf-8")
    assert text.endswith("}\n") and text.count("\n") == 1, f"not one JSON line: {text!r}"
    assert "\\u" not in text, f"umlauts must not be escaped: {text!r}"
    doc = json.loads(text)
    assert list(doc) == ["region", "holidays"] and doc["region"] == f"DE-{state}", text
    dates = [h["date"] for h in doc["holidays"]]
    assert dates == sorted(dates), f"not sorted by date: {dates}"
    out: dict[str, set[str]] = {}
    for item in doc["holidays"]:
        assert list(item) == ["date", "name"], item
        out.setdefault(item["date"], set()).add(_nfc(item["name"]))
    return out


def _reference(state: str, year: int) -> dict[str, set[str]]:
    ref = holidays.country_holidays("DE", subdiv=state, years=year, language="de")
    return {d.isoformat(): {_nfc(n) for n in name.split("; ")} for d, name in ref.items()}


@pytest.fixture(scope="module")
def comparison(convene_bin: str) -> dict[tuple[str, int], tuple[dict[str, set[str]], dict[str, set[str]]]]:
    """(state, year) -> (convene, reference); the 816 runs on a small thread pool."""
    jobs = [(s, y) for s in STATES for y in YEARS]
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 2) * 2)) as pool:
        ours = list(pool.map(lambda job: _run(convene_bin, *job), jobs))
    return {job: (mine, _reference(*job)) for job, mine in zip(jobs, ours)}


def _differences(state: str, year: int, mine: dict[str, set[str]], ref: dict[str, set[str]],
                 used: set) -> list[str]:
    """Unexplained differences for one state and year; records the exceptions that explained one."""
    problems = []
    for date in sorted(set(mine) | set(ref)):
        if date not in mine or date not in ref:
            side = "convene" if date in mine else f"holidays {REFERENCE_VERSION}"
            names = mine.get(date) or ref.get(date)
            if (state, date) in DATE_EXCEPTIONS:
                used.add(("date", (state, date)))
            else:
                problems.append(f"DE-{state} {date}: only {side} has {sorted(names)}")
            continue
        only_mine, only_ref = mine[date] - ref[date], ref[date] - mine[date]
        if not only_mine and not only_ref:
            continue
        pair = (next(iter(only_mine)), next(iter(only_ref))) if len(only_mine) == len(only_ref) == 1 else None
        if pair in NAME_EXCEPTIONS:
            used.add(("name", pair))
        else:
            problems.append(f"DE-{state} {date}: convene {sorted(mine[date])} "
                            f"!= holidays {REFERENCE_VERSION} {sorted(ref[date])}")
    return problems


def test_reference_version():
    assert holidays.__version__ == REFERENCE_VERSION, "update REFERENCE_VERSION and re-check the exceptions"


@pytest.mark.parametrize("state", STATES)
def test_convene_matches_reference(comparison, state):
    problems: list[str] = []
    for year in YEARS:
        problems += _differences(state, year, *comparison[(state, year)], used=set())
    assert not problems, f"{len(problems)} unexplained difference(s):\n" + "\n".join(problems)


def test_every_exception_is_still_needed(comparison):
    used: set = set()
    for (state, year), (mine, ref) in comparison.items():
        _differences(state, year, mine, ref, used)
    stale = [f"NAME_EXCEPTIONS[{key!r}]" for key in NAME_EXCEPTIONS if ("name", key) not in used]
    stale += [f"DATE_EXCEPTIONS[{key!r}]" for key in DATE_EXCEPTIONS if ("date", key) not in used]
    assert not stale, "no longer needed, remove: " + ", ".join(stale)


def test_two_holidays_on_one_day_are_compared_as_a_set(comparison):
    # 2008-05-01 is Christi Himmelfahrt and 1 May; guards the "; " normalisation above.
    mine, ref = comparison[("BW", 2008)]
    assert mine["2008-05-01"] == {"Tag der Arbeit", "Christi Himmelfahrt"}
    assert ref["2008-05-01"] == {"Erster Mai", "Christi Himmelfahrt"}
