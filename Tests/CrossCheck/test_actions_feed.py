"""`convene actions --format ics` (VTODO feed) read by independent parsers.

References: python `icalendar` 7.3.0 and the strict `ical` 14.3.1 package (pinned in
requirements.txt). Each must parse the feed of the sample workspace and see every action item with
its due date and the status mapped as documented (open → NEEDS-ACTION, in-progress → IN-PROCESS,
done → COMPLETED, dropped → CANCELLED).
"""
import json
import os
import subprocess
from pathlib import Path

import icalendar
from ical.calendar_stream import IcsCalendarStream

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "digital-regional"
STATUS = {"open": "NEEDS-ACTION", "in-progress": "IN-PROCESS", "done": "COMPLETED", "dropped": "CANCELLED"}


def convene(*args: str) -> str:
    binary = os.environ.get("CONVENE_BIN")
    assert binary, "set CONVENE_BIN to the built convene binary"
    env = dict(os.environ, CONVENE_NOW="2027-04-01T09:00:00Z", NO_COLOR="1")
    result = subprocess.run([binary, *args, "-w", str(SAMPLE)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def expected_items() -> dict:
    listing = json.loads(convene("actions", "--format", "json"))
    items = listing["actions"] if isinstance(listing, dict) else listing
    assert items, "the sample has action items"
    return {item["id"]: item for item in items}


def test_icalendar_reads_every_item_with_due_date_and_status():
    expected = expected_items()
    calendar = icalendar.Calendar.from_ical(convene("actions", "--format", "ics"))
    todos = calendar.walk("VTODO")
    assert len(todos) == len(expected)
    for todo in todos:
        uid = str(todo["UID"])
        item_id = uid.removeprefix("action-").split("@")[0]
        item = expected[item_id]
        assert str(todo["STATUS"]) == STATUS[item["status"]]
        if item.get("due"):
            assert todo.decoded("DUE").isoformat() == item["due"]
        else:
            assert "DUE" not in todo
        assert item["town"] in [str(c) for c in todo.get("CATEGORIES").cats]


def test_strict_ical_package_accepts_the_feed():
    expected = expected_items()
    stream = IcsCalendarStream.calendar_from_ics(convene("actions", "--format", "ics"))
    assert len(stream.todos) == len(expected)
    for todo in stream.todos:
        item = expected[todo.uid.removeprefix("action-").split("@")[0]]
        assert todo.status.value == STATUS[item["status"]]
        assert (todo.due.isoformat() if todo.due else None) == item.get("due")
