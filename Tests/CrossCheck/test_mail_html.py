"""The HTML letter of invitation and update mails renders as a mail view shows it (issue 15): headless
Chromium at 600 px wide lays the page out, and a script added to a copy measures on the DOM that no time
(the `class="time"` cells and spans, all `white-space:nowrap`) breaks over two lines and nothing is wider
than the window. The same measurement on the letter without nowrap at 200 px finds the wrap, so the check
can fail. Chromium is installed by scripts/test.sh (scripts/bootstrap.sh chromium).
"""
import email
import json
import os
import re
import shutil
import subprocess
from email import policy
from pathlib import Path

from test_clients import SAMPLE, require

MEASURE = """
<script>
window.addEventListener('load', function () {
  var wrapped = [];
  document.querySelectorAll('.time').forEach(function (element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var tops = {};
    Array.prototype.forEach.call(range.getClientRects(), function (rect) { if (rect.width > 0) tops[Math.round(rect.top)] = 1; });
    if (Object.keys(tops).length > 1) wrapped.push(element.textContent);
  });
  var result = {times: document.querySelectorAll('.time').length, wrapped: wrapped,
                width: document.documentElement.scrollWidth, window: window.innerWidth};
  document.body.setAttribute('data-measure', JSON.stringify(result));
});
</script>
"""


def run(workspace: Path, *args: str, now: str = "2027-04-01T09:00:00Z") -> None:
    env = dict(os.environ, CONVENE_NOW=now, NO_COLOR="1")
    result = subprocess.run([os.environ["CONVENE_BIN"], *args, "-w", str(workspace)], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr


def html_part(eml: Path) -> str:
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return next(part for part in message.walk() if part.get_content_type() == "text/html").get_content()


def measure(html: str, path: Path, width: int) -> dict:
    path.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    result = subprocess.run([require("chromium"), "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},900",
                             "--virtual-time-budget=5000", "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'data-measure="([^"]*)"', result.stdout)
    assert found, "the measuring script did not run"
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_no_time_wraps_in_the_mail_view_at_600_px(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace, ignore=shutil.ignore_patterns(".convene"))
    meeting = workspace / "meetings" / "spring-2027" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "location: ettlingen-schloss\n", "location: ettlingen-schloss\nonline_url: https://meet.example/digital-regional/fruehjahr-2027\n"),
        encoding="utf-8")
    run(workspace, "propose", "spring-2027", "--pick", "1")
    run(workspace, "agenda", "spring-2027")
    run(workspace, "invite", "spring-2027")
    mail = workspace / "meetings" / "spring-2027" / "out" / "mail"
    letters = {"invitation": html_part(mail / "bretten-ob.eml")}
    run(workspace, "invite", "spring-2027", "--mark-sent")
    run(workspace, "propose", "spring-2027", "--pick", "2")
    run(workspace, "invite", "spring-2027", now="2027-04-02T09:00:00Z")
    letters["update"] = html_part(mail / "bretten-ob.eml")
    assert "Der Termin wurde verlegt" in letters["update"]
    for kind, html in letters.items():
        # What Outlook's Word engine and Gmail keep: no <style>, no external resources, no flex or grid.
        assert "<style" not in html and "<link" not in html and "<script" not in html, kind
        assert "display:flex" not in html.replace(" ", "") and "display:grid" not in html.replace(" ", ""), kind
        result = measure(html, tmp_path / f"{kind}.html", 600)
        assert result["times"] >= 15, (kind, result)
        assert result["wrapped"] == [], (kind, result)
        assert result["width"] <= result["window"], (kind, result)
    # The check finds a wrap when there is one: the same letter without nowrap, squeezed to 200 px.
    squeezed = measure(letters["update"].replace("white-space:nowrap;", ""), tmp_path / "squeezed.html", 200)
    assert squeezed["wrapped"], squeezed
