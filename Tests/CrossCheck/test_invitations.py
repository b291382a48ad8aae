"""`convene invite` output read by independent parsers: python `icalendar` and the strict `ical`
package parse invite.ics (METHOD:REQUEST) and event.ics (no METHOD) and see the same event."""
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
from ical.calendar_stream import IcsCalendarStream

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "digital-regional"


def run(workspace: Path, *args: str) -> None:
    binary = os.environ.get("CONVENE_BIN")
    assert binary, "set CONVENE_BIN to the built convene binary"
    env = dict(os.environ, CONVENE_NOW="2027-04-01T09:00:00Z", NO_COLOR="1")
    result = subprocess.run([binary, *args, "-w", str(workspace)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr


def test_invitation_files_parse_in_independent_parsers(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace, ignore=shutil.ignore_patterns(".convene"))
    run(workspace, "propose", "spring-2027", "--pick", "1")
    run(workspace, "agenda", "spring-2027")
    run(workspace, "invite", "spring-2027")
    out = workspace / "meetings" / "spring-2027" / "out"
    invite = icalendar.Calendar.from_ical((out / "invite.ics").read_bytes())
    assert str(invite["METHOD"]) == "REQUEST"
    event = invite.walk("VEVENT")[0]
    assert str(event["UID"]) == "spring-2027@ettlingen.example"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART").astimezone(dt.timezone.utc) == dt.datetime(2027, 5, 12, 10, 30, tzinfo=dt.timezone.utc)
    assert str(event["ORGANIZER"]).lower().startswith("mailto:")
    attendees = event.get("ATTENDEE")
    assert len(attendees) == 22
    assert all(str(a).lower().startswith("mailto:") and a.params["RSVP"] == "TRUE" for a in attendees)
    roles = sorted(a.params["ROLE"] for a in attendees)
    assert roles.count("CHAIR") == 1 and "OPT-PARTICIPANT" in roles and "REQ-PARTICIPANT" in roles
    assert "TOP 1" in str(event["DESCRIPTION"])
    assert event.walk("VALARM")

    plain = IcsCalendarStream.calendar_from_ics((out / "event.ics").read_text(encoding="utf-8"))
    assert "METHOD" not in (out / "event.ics").read_text(encoding="utf-8")
    (strict,) = plain.events
    assert strict.uid == "spring-2027@ettlingen.example"
    assert strict.dtstart.astimezone(dt.timezone.utc) == dt.datetime(2027, 5, 12, 10, 30, tzinfo=dt.timezone.utc)
    assert len(strict.attendees) == 22
