"""A real calendar client reads `convene invite` output (issue 5): khal (Debian's CLI calendar)
imports event.ics (no METHOD) into a throwaway vdir calendar and lists the event at the right local
time in Europe/Berlin, with the German title intact. khal runs with TZ=UTC, so the 12:30 can only
come from the event's TZID and khal's configured zone, not from the machine's. invite.ics
(METHOD:REQUEST) imports the same way. khal's stderr must stay free of warnings (a VTIMEZONE khal
cannot use would show up there).

khal is installed by scripts/test.sh (scripts/bootstrap.sh ... khal). It gets its own config (`-c`)
and HOME/XDG_* pointing into tmp_path, and must leave those empty: nothing touches ~/.config or
~/.local.
"""
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "digital-regional"
BERLIN = ZoneInfo("Europe/Berlin")
TITLE = "Plenum Digital Regional – Frühjahr 2027"
UID = "spring-2027@ettlingen.example"
# One line per event: start, end, title, uid, separated by tabs (none occur in the values).
FORMAT = "{start-date} {start-time}\t{end-date} {end-time}\t{title}\t{uid}"


def run(workspace: Path, *args: str) -> None:
    binary = os.environ.get("CONVENE_BIN")
    assert binary, "set CONVENE_BIN to the built convene binary"
    env = dict(os.environ, CONVENE_NOW="2027-04-01T09:00:00Z", NO_COLOR="1")
    result = subprocess.run([binary, *args, "-w", str(workspace)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr


def require(program: str) -> str:
    path = shutil.which(program)
    assert path, f"{program} is not installed (scripts/test.sh installs it through scripts/bootstrap.sh)"
    return path


@pytest.fixture(scope="module")
def invitation(tmp_path_factory) -> Path:
    workspace = tmp_path_factory.mktemp("khal") / "ws"
    shutil.copytree(SAMPLE, workspace, ignore=shutil.ignore_patterns(".convene"))
    run(workspace, "propose", "spring-2027", "--pick", "1")
    run(workspace, "agenda", "spring-2027")
    run(workspace, "invite", "spring-2027")
    return workspace / "meetings" / "spring-2027" / "out"


class Khal:
    """khal with a config of its own in `root`: one vdir calendar `convene`, Berlin as local and
    default zone, German date formats; HOME and the XDG directories are empty folders in `root`."""

    def __init__(self, root: Path):
        self.binary = require("khal")
        self.calendar = root / "calendar"
        self.calendar.mkdir()
        self.homes = [root / "home", root / "config", root / "data"]
        for home in self.homes:
            home.mkdir()
        self.config = root / "khal.conf"
        self.config.write_text(
            "[calendars]\n"
            "[[convene]]\n"
            f"path = {self.calendar}\n"
            "type = calendar\n"
            "[locale]\n"
            "local_timezone = Europe/Berlin\n"
            "default_timezone = Europe/Berlin\n"
            "timeformat = %H:%M\n"
            "dateformat = %d.%m.%Y\n"
            "longdateformat = %d.%m.%Y\n"
            "datetimeformat = %d.%m.%Y %H:%M\n"
            "longdatetimeformat = %d.%m.%Y %H:%M\n"
            "[sqlite]\n"
            f"path = {root / 'khal.db'}\n", encoding="utf-8")
        self.env = dict(os.environ, TZ="UTC", HOME=str(self.homes[0]), XDG_CONFIG_HOME=str(self.homes[1]),
                        XDG_DATA_HOME=str(self.homes[2]), XDG_CACHE_HOME=str(self.homes[2] / "cache"),
                        LC_ALL="C.UTF-8")

    def __call__(self, *args: str) -> str:
        result = subprocess.run([self.binary, "-c", str(self.config), *args], capture_output=True,
                                text=True, encoding="utf-8", env=self.env, timeout=60)
        assert result.returncode == 0, f"khal {' '.join(args)}: {result.stderr}"
        # khal logs as "warning: …" / "critical: …" / "error: …"; any of them is a finding, not noise.
        assert result.stderr == "", f"khal {' '.join(args)} complained:\n{result.stderr}"
        return result.stdout

    def listed(self) -> list[list[str]]:
        # All of May, so an event shifted by the zone offset would still be listed (and fail below).
        out = self("list", "--once", "--day-format", "", "--format", FORMAT, "01.05.2027", "31.05.2027")
        return [line.split("\t") for line in out.splitlines() if line.strip()]

    def assert_isolated(self) -> None:
        for home in self.homes:
            assert not any(home.iterdir()), f"khal wrote into {home}: {sorted(home.rglob('*'))}"


def expected_times(ics: Path) -> tuple[str, str]:
    """Start and end of the generated event in Berlin time, as khal formats them."""
    event = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]
    start, end = (event.decoded(name).astimezone(BERLIN).strftime("%d.%m.%Y %H:%M") for name in ("DTSTART", "DTEND"))
    return start, end


def test_khal_imports_event_ics_at_the_local_time(invitation, tmp_path):
    event_ics = invitation / "event.ics"
    start, end = expected_times(event_ics)
    assert start == "12.05.2027 12:30"  # 10:30 UTC; the reference time
    assert dt.datetime.strptime(end, "%d.%m.%Y %H:%M") > dt.datetime(2027, 5, 12, 12, 30)

    khal = Khal(tmp_path)
    khal("import", "--batch", "-a", "convene", str(event_ics))
    assert [p.name for p in khal.calendar.iterdir()] == [f"{UID}.ics"]
    assert khal.listed() == [[start, end, TITLE, UID]]
    # Found by the umlaut in the title, too: khal's index holds the decoded text. (`khal search`,
    # unlike `list`, wraps its lines at 80 columns, hence the short format.)
    assert khal("search", "--format", "{start}|{end}|{uid}", "Frühjahr").splitlines() == [f"{start}|{end}|{UID}"]
    khal.assert_isolated()


def test_khal_imports_invite_ics_the_same_way(invitation, tmp_path):
    start, end = expected_times(invitation / "invite.ics")
    assert start == "12.05.2027 12:30"
    khal = Khal(tmp_path)
    khal("import", "--batch", "-a", "convene", str(invitation / "invite.ics"))
    assert khal.listed() == [[start, end, TITLE, UID]]
    khal.assert_isolated()
