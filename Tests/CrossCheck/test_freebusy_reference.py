"""Cross-check: `convene freebusy --format json` against the python reference.

    CONVENE_BIN=.build/debug/convene /tmp/xc-venv/bin/pytest -q Tests/CrossCheck

Environment:
  CONVENE_BIN              path of the built convene binary (required)
  CONVENE_CROSSCHECK_DIR   extra folder(s) of *.ics (os.pathsep separated), searched recursively
  CONVENE_RANDOM_SEED      one more seed for random_calendars.py

Corpus: fixtures/, samples/digital-regional/calendars/, the test calendars shipped
inside the installed icalendar and recurring_ical_events packages, the extra folders
and seeded random calendars.  For every file and window both outputs must be equal,
or both programs must reject the file.  Files in EXCLUDED are expected to disagree;
if one starts to agree the test fails so the list stays true.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import random_calendars  # noqa: E402
import reference_freebusy as ref  # noqa: E402

TZ = "Europe/Berlin"
FIXED_WINDOW = ("2027-04-19", "2027-05-15")
SEEDS = list(range(1, 61))
if os.environ.get("CONVENE_RANDOM_SEED"):
    SEEDS.append(int(os.environ["CONVENE_RANDOM_SEED"]))

ICALENDAR_TESTS = Path(icalendar.__file__).parent / "tests"
RIE_CALENDARS = Path(recurring_ical_events.__file__).parent / "test" / "calendars"

# Files on which convene and the reference legitimately disagree.  Key: corpus id
# (see corpus()), value: what exactly goes wrong.  Keep this honest and specific.
_IC = "icalendar/tests/calendars/"
_RIE = "recurring_ical_events/test/calendars/"
EXCLUDED: dict[str, str] = {
    _IC + "issue_104_broken_calendar.ics":
        "invalid: a content line 'X' without ':'; icalendar refuses the whole file, "
        "convene (libical) drops the line with a warning and uses the rest",
    _IC + "multiple_calendar_components.ics":
        "invalid: names and values separated by empty lines ('VERSION' / '' / ' :2.0'); "
        "icalendar cannot parse it, convene (libical) can",
    _IC + "issue_1633_rdate_with_dates_and_tzid.ics":
        "invalid: 'RDATE;TZID=America/New_York;VALUE=PERIOD:19970101/19970102' is a PERIOD of two "
        "DATEs; convene takes the whole local day in --tz, icalendar makes it New York midnight "
        "to midnight",
    _IC + "parsing_error_in_UTC_offset.ics":
        "invalid: 'TZOFFSETFROM:+5744' in a VTIMEZONE; icalendar rejects the file, convene accepts it",
    _IC + "rfc_7529.ics":
        "RFC 7529 RSCALE rules (CHINESE, ETHIOPIC, HEBREW, SKIP=); recurring-ical-events cannot "
        "expand them (BadRuleStringFormat), convene expands them - unverified, no independent "
        "implementation here",
    _RIE + "bad_rrule_missing_until_event.ics":
        "invalid: RRULE with the misspelt part 'UNTL=20191023'; recurring-ical-events rejects the "
        "file, convene warns and counts only DTSTART (the meaning of the part is unknown)",
}


# --- corpus --------------------------------------------------------------------------

def corpus() -> list[tuple[str, Path | int]]:
    """(id, path) for files, (id, seed) for random calendars."""
    items: list[tuple[str, Path | int]] = []

    def add(prefix: str, root: Path, pattern: str) -> None:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                items.append((f"{prefix}/{path.relative_to(root).as_posix()}", path))

    add("fixtures", HERE / "fixtures", "*.ics")
    add("fixtures/quirks", HERE / "fixtures/quirks", "*.ics")
    add("samples/digital-regional/calendars", REPO / "samples/digital-regional/calendars", "**/*.ics")
    add("icalendar/tests", ICALENDAR_TESTS, "**/*.ics")
    add("recurring_ical_events/test/calendars", RIE_CALENDARS, "*.ics")
    for i, extra in enumerate(filter(None, os.environ.get("CONVENE_CROSSCHECK_DIR", "").split(os.pathsep))):
        add(f"extra{i or ''}", Path(extra), "**/*.ics")
    items += [(f"random/random-{seed}.ics", seed) for seed in SEEDS]
    return items


CORPUS = corpus()


def windows_for(corpus_id: str, text: str) -> list[tuple[str, str, str]]:
    """The fixed spring-2027 window plus windows around the first and last DTSTART."""
    text = re.sub(r"\r?\n[ \t]", "", text)
    text = re.sub(r"BEGIN:VTIMEZONE.*?END:VTIMEZONE", "", text, flags=re.S | re.I)
    days = []
    for m in re.finditer(r"^(?:DTSTART|FREEBUSY)[^:\r\n]*:(\d{4})(\d\d)(\d\d)", text, re.M | re.I):
        try:
            days.append(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            pass
    windows = [(*FIXED_WINDOW, TZ)]
    for day in sorted({min(days), max(days)} if days else set()):
        if dt.date(1900, 1, 1) < day < dt.date(2200, 1, 1):
            windows.append(((day - dt.timedelta(days=2)).isoformat(),
                            (day + dt.timedelta(days=40)).isoformat(), TZ))
    if corpus_id.startswith(("fixtures/", "random/")):
        windows.append(("2027-04-20T09:30", "2027-04-29T17:15", TZ))  # local-time bounds
        windows.append((*FIXED_WINDOW, "America/New_York"))  # floating and DATE move with --tz
    return list(dict.fromkeys(windows))


# --- running both --------------------------------------------------------------------

@pytest.fixture(scope="session")
def convene_bin() -> str:
    path = os.environ.get("CONVENE_BIN")
    if not path:
        pytest.fail("CONVENE_BIN is not set: export CONVENE_BIN=/path/to/.build/debug/convene", pytrace=False)
    if not os.access(path, os.X_OK):
        pytest.fail(f"CONVENE_BIN={path!r} is not an executable file", pytrace=False)
    return path


def run_convene(binary: str, path: Path, start: str, end: str, tz: str) -> subprocess.CompletedProcess:
    cmd = [binary, "freebusy", str(path), "--from", start, "--to", end, "--tz", tz, "--format", "json"]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail(f"convene timed out (120s): {' '.join(cmd)}", pytrace=False)


def run_reference(path: Path, start: str, end: str, tz: str) -> tuple[str | None, str | None]:
    try:
        return ref.busy_json([str(path)], start, end, tz), None
    except ref.CalendarError as e:
        return None, str(e)


def compare(binary: str, path: Path, start: str, end: str, tz: str) -> str | None:
    """None if convene and the reference agree, else a description of the difference."""
    got = run_convene(binary, path, start, end, tz)
    if got.returncode not in (0, 1):
        pytest.fail(f"convene exited {got.returncode} on {path} {start}..{end} --tz {tz}\n{got.stderr}",
                    pytrace=False)
    expected, ref_error = run_reference(path, start, end, tz)
    where = f"window {start}..{end} --tz {tz}"
    if got.returncode == 1:
        if not got.stderr.startswith("convene: error: "):
            pytest.fail(f"convene exit 1 without 'convene: error:' message: {got.stderr!r}", pytrace=False)
        if ref_error is not None:
            return None  # both reject the file
        return f"{where}: convene rejects the file ({got.stderr.strip()}), reference gives {expected}"
    if ref_error is not None:
        return f"{where}: reference rejects the file ({ref_error}), convene gives {got.stdout.strip()}"
    if comparable(got.stdout) == comparable(expected):
        return None
    return f"{where}:\n  convene:   {got.stdout.strip()}\n  reference: {expected}\n{describe(got.stdout, expected)}"


def comparable(output: str):
    """The keys both programs compute: busy and unknown.  convene's "warnings" count is its own."""
    import json
    try:
        data = json.loads(output)
        return data["busy"], data["unknown"]
    except (ValueError, KeyError, TypeError):
        return output


def describe(got: str, expected: str) -> str:
    import json
    try:
        a = {(b["start"], b["end"]) for b in json.loads(got)["busy"]}
    except (ValueError, KeyError, TypeError):
        return "  (convene output is not the JSON contract)"
    b = {(x["start"], x["end"]) for x in json.loads(expected)["busy"]}
    return (f"  only convene:   {sorted(a - b)}\n"
            f"  only reference: {sorted(b - a)}")


# --- tests ---------------------------------------------------------------------------

@pytest.mark.parametrize("corpus_id,source", CORPUS, ids=[c[0] for c in CORPUS])
def test_convene_matches_reference(convene_bin, tmp_path, corpus_id, source):
    if isinstance(source, int):
        path = tmp_path / f"random-{source}.ics"
        path.write_bytes(random_calendars.generate(source).encode())
    else:
        path = source
    text = path.read_bytes().decode("utf-8", "replace")
    problems = [p for w in windows_for(corpus_id, text) if (p := compare(convene_bin, path, *w))]
    if corpus_id in EXCLUDED:
        if not problems:
            pytest.fail(f"{corpus_id} is in EXCLUDED ({EXCLUDED[corpus_id]!r}) but now agrees: "
                        "remove it from the list", pytrace=False)
        pytest.xfail(EXCLUDED[corpus_id])
    if problems:
        pytest.fail(f"{corpus_id} ({path}):\n" + "\n".join(problems), pytrace=False)


def test_corpus_has_at_least_100_calendars():
    files = [c for c in CORPUS if not isinstance(c[1], int)]
    assert len(files) >= 100, f"only {len(files)} calendar files in the corpus"


def test_excluded_entries_exist():
    ids = {c[0] for c in CORPUS}
    missing = sorted(set(EXCLUDED) - ids)
    assert not missing, f"EXCLUDED names files that are not in the corpus: {missing}"


def test_random_calendars_are_deterministic():
    assert random_calendars.generate(7) == random_calendars.generate(7)
    assert random_calendars.generate(7) != random_calendars.generate(8)


def run_both_cli(binary: str, args: list[str], stdin: bytes | None = None) -> tuple[str, str]:
    """convene and the reference CLI on the same arguments (stdin allowed)."""
    tail = ["--from", "2027-04-19", "--to", "2027-05-15", "--tz", TZ]
    got = subprocess.run([binary, "freebusy", *args, *tail, "--format", "json"],
                         input=stdin, capture_output=True, timeout=300)
    exp = subprocess.run([sys.executable, str(HERE / "reference_freebusy.py"), *args, *tail],
                         input=stdin, capture_output=True, timeout=300)
    assert got.returncode == exp.returncode == 0, (got.stderr.decode(), exp.stderr.decode())
    return comparable(got.stdout.decode()), comparable(exp.stdout.decode())


def test_folder_of_all_valid_calendars(convene_bin, tmp_path):
    """A folder = every *.ics in it; files are united (fixtures, samples, random)."""
    for corpus_id, source in CORPUS:
        if corpus_id.startswith(("fixtures/", "samples/", "random/")) and corpus_id not in EXCLUDED:
            target = tmp_path / corpus_id.replace("/", "__")
            if isinstance(source, int):
                target.write_bytes(random_calendars.generate(source).encode())
            else:
                target.write_bytes(source.read_bytes())
            if run_reference(target, *FIXED_WINDOW, TZ)[1] is not None:
                target.unlink()  # files that are errors (unknown TZID) would fail the whole run
    got, expected = run_both_cli(convene_bin, [str(tmp_path)])
    assert got == expected


def test_same_uid_in_two_files_is_not_an_override(convene_bin):
    """README: overrides match the same UID in the same file only."""
    got, expected = run_both_cli(convene_bin, [str(HERE / "fixtures/same-uid-two-files")])
    assert got == expected
    assert {"start": "2027-04-21T08:00:00Z", "end": "2027-04-21T09:00:00Z"} in got[0]  # cancelled only in the other file


def test_several_files_and_stdin(convene_bin):
    files = [str(HERE / "fixtures" / n) for n in ("rrule-daily-count.ics", "vfreebusy-fbtypes.ics")]
    stdin = (HERE / "fixtures/override-move.ics").read_bytes()
    got, expected = run_both_cli(convene_bin, [*files, "-"], stdin=stdin)
    assert got == expected
