"""Real clients read what convene writes (issue 6): todoman (Debian's VTODO client) lists the
action-item feed with the right due dates and completion, and headless Chromium renders the
minutes HTML — the page text is all there and a <script> in a note stays inert text.

Both programs are installed by scripts/test.sh (scripts/bootstrap.sh todoman chromium).
"""
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "digital-regional"


def convene(workspace: Path, *args: str) -> str:
    binary = os.environ.get("CONVENE_BIN")
    assert binary, "set CONVENE_BIN to the built convene binary"
    env = dict(os.environ, CONVENE_NOW="2027-04-01T09:00:00Z", NO_COLOR="1")
    result = subprocess.run([binary, *args, "-w", str(workspace)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def require(program: str) -> str:
    path = shutil.which(program)
    assert path, f"{program} is not installed (scripts/test.sh installs it through scripts/bootstrap.sh)"
    return path


def test_todoman_lists_the_action_items(tmp_path):
    todoman = require("todoman")
    feed = convene(SAMPLE, "actions", "--format", "ics")
    items = {i["title"]: i for i in json.loads(convene(SAMPLE, "actions", "--format", "json"))}
    # todoman reads a vdir: one VTODO per file.
    vdir = tmp_path / "lists" / "digital-regional"
    vdir.mkdir(parents=True)
    header = feed[: feed.index("BEGIN:VTODO")]
    for number, todo in enumerate(re.findall(r"BEGIN:VTODO.*?END:VTODO\r?\n", feed, re.S)):
        (vdir / f"{number}.ics").write_bytes((header + todo + "END:VCALENDAR\r\n").encode())
    config = tmp_path / "config.py"
    config.write_text(f'path = "{tmp_path}/lists/*"\ndate_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n'
                      f'default_list = "digital-regional"\ncache_path = "{tmp_path}/cache.sqlite3"\n')
    result = subprocess.run([todoman, "--config", str(config), "--porcelain", "list", "--status", "ANY"],
                            capture_output=True, text=True, timeout=60, env=dict(os.environ, TZ="Europe/Berlin"))
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert {t["summary"] for t in listed} == set(items)
    for todo in listed:
        item = items[todo["summary"]]
        assert todo["completed"] == (item["status"] == "done"), todo["summary"]
        # todoman reports a DATE due as local midnight (TZ given above) in seconds since the epoch.
        due = dt.datetime.fromtimestamp(todo["due"], ZoneInfo("Europe/Berlin")).date().isoformat() if todo["due"] else None
        assert due == item["due"], todo["summary"]


def chromium_dom(html: Path) -> str:
    browser = require("chromium")
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", html.as_uri()],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_chromium_renders_the_minutes_and_keeps_scripts_inert(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace, ignore=shutil.ignore_patterns(".convene"))
    minutes = workspace / "meetings" / "kickoff" / "minutes.yaml"
    text = minutes.read_text(encoding="utf-8")
    planted = "<script>document.title='PWNED'</script>"
    text = text.replace("notes: OB Ettlingen begrüßt", f"notes: \"{planted} OB Ettlingen begrüßt", 1)
    text = text.replace("im Schloss Ettlingen.\n", "im Schloss Ettlingen.\"\n", 1)
    minutes.write_text(text, encoding="utf-8")
    out = tmp_path / "protokoll.html"
    subprocess.run([os.environ["CONVENE_BIN"], "minutes", "render", "kickoff", "--format", "html", "--out", str(out), "-w", str(workspace)],
                   check=True, capture_output=True, env=dict(os.environ, CONVENE_NOW="2027-04-01T09:00:00Z"))
    dom = chromium_dom(out)
    assert "<title>Niederschrift: Auftakttreffen Digital Regional</title>" in dom
    assert "PWNED" not in re.search(r"<title>(.*?)</title>", dom).group(1)
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom  # shown as text, not run
    assert "<script" not in dom
    for item in json.loads(convene(workspace, "actions", "--format", "json")):
        assert item["title"] in dom
