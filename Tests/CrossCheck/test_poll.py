"""`convene poll` read and answered by independent implementations:

- every hold (METHOD:REQUEST) and every cancel (METHOD:CANCEL) parses in python `icalendar` and in
  the strict `ical` package; python's `email` parses every mail and its text/calendar part's
  `method=` equals the body's METHOD (RFC 6047 §2.4); each message carries one VEVENT with the
  hold's UID, STATUS:TENTATIVE, X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE, ORGANIZER and one ATTENDEE;
- khal imports a hold at its local time;
- end to end through a real mail path: `poll start --send` hands every message to `msmtp -t`, which
  delivers to the loopback aiosmtpd sink; answers written with python icalendar as Thunderbird and
  Outlook send them (accept, tentative, decline, a COUNTER with another time, one mail from a
  forged sender, one forged COUNTER) land in a Maildir under the names a delivery agent gives
  (`cur/<time>.M<n>P<pid>.<host>:2,S`, `new/…`), beside a newsletter, a forwarded hold, a broken answer and
  a mail still in `tmp/`; `rsvp` reads the Maildir, skips and counts what is not an answer, warns about
  the broken one and never reads `tmp/`; `poll status` shows the grid with the suggested time and holds
  the forged ones; `poll close` refuses a pick that loses a town, then cancels the
  other holds; `invite` sends the invitation under the winner's UID with a higher SEQUENCE.
"""
import datetime as dt
import email
import email.policy
import json
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
from ical.calendar_stream import IcsCalendarStream

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "digital-regional"
NOW = "2026-12-01T09:00:00Z"
ORGANIZER = "digital-regional@ettlingen.example"


def convene(workspace: Path, *args: str, now: str = NOW, ok: bool = True) -> subprocess.CompletedProcess:
    binary = os.environ.get("CONVENE_BIN")
    assert binary, "set CONVENE_BIN to the built convene binary"
    env = dict(os.environ, CONVENE_NOW=now, NO_COLOR="1")
    result = subprocess.run([binary, *args, "-w", str(workspace)], capture_output=True, env=env, timeout=300)
    if ok:
        assert result.returncode == 0, result.stderr.decode()
    return result


def workspace_copy(tmp_path: Path, send_command: str | None = None) -> Path:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace, ignore=shutil.ignore_patterns(".convene"))
    if send_command:
        config = workspace / "convene.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "send_command: /usr/sbin/sendmail -t -i", f"send_command: {send_command}"), encoding="utf-8")
    return workspace


def calendar_of(raw: bytes, method: str) -> icalendar.Calendar:
    """The one calendar part of an iMIP mail, checked as a mail program reads it."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == method
    body = part.get_payload(decode=True)
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["METHOD"]) == method, "the part's method= differs from the file's METHOD"
    IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))  # the strict parser accepts it too
    assert len(calendar.walk("VEVENT")) == 1, "one VEVENT per iMIP message"
    return calendar


def test_holds_and_mails_parse_in_independent_parsers(tmp_path):
    workspace = workspace_copy(tmp_path)
    convene(workspace, "poll", "start", "spring-2027", "--candidates", "3", "--lang", "en")
    out = workspace / "meetings" / "spring-2027" / "out" / "poll"
    mails = sorted((out / "mail").glob("*.eml"))
    assert len(mails) == 22 * 3
    uids = set()
    for path in mails:
        calendar = calendar_of(path.read_bytes(), "REQUEST")
        (event,) = calendar.walk("VEVENT")
        assert str(event["STATUS"]) == "TENTATIVE"
        assert str(event["X-MICROSOFT-CDO-BUSYSTATUS"]) == "TENTATIVE"
        assert str(event["ORGANIZER"]) == f"mailto:{ORGANIZER}" and event["ORGANIZER"].params["CN"]
        attendee = event["ATTENDEE"]
        assert not isinstance(attendee, list), "one ATTENDEE per message"
        assert attendee.params["RSVP"] == "TRUE" and attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert str(event["UID"]).startswith("hold-spring-2027-") and str(event["UID"]).endswith("@ettlingen.example")
        assert event.decoded("DTSTART").tzinfo is not None
        assert calendar.walk("VTIMEZONE"), "a VTIMEZONE for the TZID"
        uids.add(str(event["UID"]))
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert str(message["Subject"]).startswith("Date poll (option ")
        text = next(p for p in message.walk() if p.get_content_type() == "text/plain").get_content()
        assert "of 3" in text and "Accept" in text and "Tentative" in text and "Decline" in text
    assert len(uids) == 3
    for hold in sorted(out.glob("hold-*.ics")):
        calendar = icalendar.Calendar.from_ical(hold.read_bytes())
        assert "METHOD" not in calendar, "a file meant for import carries no METHOD"
        IcsCalendarStream.calendar_from_ics(hold.read_text(encoding="utf-8"))


def require(program: str) -> str:
    path = shutil.which(program)
    assert path, f"{program} is not installed (scripts/test.sh installs it through scripts/bootstrap.sh)"
    return path


def test_khal_imports_a_hold(tmp_path):
    khal = require("khal")
    workspace = workspace_copy(tmp_path)
    convene(workspace, "poll", "start", "spring-2027", "--dates", "2027-04-20T12:30")
    hold = workspace / "meetings" / "spring-2027" / "out" / "poll" / "hold-1.ics"
    calendars = tmp_path / "khal-calendars"
    (calendars / "poll").mkdir(parents=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        "[calendars]\n[[poll]]\npath = " + str(calendars / "poll") + "\ntype = calendar\n"
        "[locale]\nlocal_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n"
        "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n", encoding="utf-8")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"), TZ="Europe/Berlin")
    imported = subprocess.run([khal, "-c", str(config), "import", "--batch", "-a", "poll", str(hold)],
                              capture_output=True, env=env, timeout=60)
    assert imported.returncode == 0, imported.stderr.decode()
    listed = subprocess.run([khal, "-c", str(config), "list", "--format", "{start} {end} {title}", "2027-04-20", "1d"],
                            capture_output=True, env=env, timeout=60)
    assert listed.returncode == 0, listed.stderr.decode()
    assert "2027-04-20 12:30 2027-04-20 16:00 Vorschlag 1 von 1: Plenum Digital Regional" in listed.stdout.decode()


def answer(request: icalendar.Calendar, attendee: str, partstat: str, stamp: dt.datetime, *, method: str = "REPLY",
           client: str = "thunderbird", proposed: tuple[dt.datetime, dt.datetime] | None = None) -> bytes:
    """A REPLY (or COUNTER) as a client writes it: the hold's UID, SEQUENCE, ORGANIZER, its own ATTENDEE with the
    answer and a fresh DTSTAMP; Outlook adds X-MICROSOFT-CDO fields and writes a COUNTER's times in UTC."""
    (event,) = request.walk("VEVENT")
    reply = icalendar.Calendar()
    reply.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN" if client == "outlook" else "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN")
    reply.add("version", "2.0")
    reply.add("method", method)
    out = icalendar.Event()
    for key in ("UID", "SEQUENCE", "ORGANIZER", "SUMMARY"):
        out[key] = event[key]
    start, end = proposed if proposed else (event.decoded("DTSTART"), event.decoded("DTEND"))
    out.add("dtstart", start)
    out.add("dtend", end)
    out.add("dtstamp", stamp)
    me = icalendar.vCalAddress(f"mailto:{attendee}")
    me.params["PARTSTAT"] = partstat
    out.add("attendee", me)
    if client == "outlook":
        out.add("X-MICROSOFT-CDO-BUSYSTATUS", "TENTATIVE" if partstat == "TENTATIVE" else "BUSY")
    reply.add_component(out)
    return reply.to_ical()


def as_mail(sender: str, calendar: bytes, method: str, subject: str) -> bytes:
    mail = email.message.EmailMessage()
    mail["From"] = sender
    mail["To"] = ORGANIZER
    mail["Subject"] = subject
    mail.set_content("Automatische Antwort")
    mail.add_alternative(calendar, maintype="text", subtype="calendar", params={"method": method})
    return mail.as_bytes(policy=email.policy.SMTP)


def test_poll_end_to_end_through_smtp_and_a_maildir(tmp_path, smtp_sink, msmtp_command):
    workspace = workspace_copy(tmp_path, msmtp_command)
    started = json.loads(convene(workspace, "poll", "start", "spring-2027", "--candidates", "3", "--deadline", "2026-12-15",
                                 "--send", "--format", "json").stdout)
    assert started["sent"] is True and {m["status"] for m in started["messages"]} == {"sent"}
    assert len(smtp_sink.messages) == 22 * 3
    requests: dict[tuple[str, str], icalendar.Calendar] = {}
    for _, recipients, raw in smtp_sink.messages:
        calendar = calendar_of(raw, "REQUEST")
        requests[(recipients[0], str(calendar.walk("VEVENT")[0]["UID"]))] = calendar
    holds = [h["uid"] for h in started["holds"]]
    # A rerun sends nothing: sent.log tells the holds apart.
    again = json.loads(convene(workspace, "poll", "start", "spring-2027", "--send", "--format", "json").stdout)
    assert {m["status"] for m in again["messages"]} == {"already-sent"} and len(smtp_sink.messages) == 66

    stamp = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.timezone.utc)
    maildir = tmp_path / "Maildir"
    for folder in ("cur", "new", "tmp"):
        (maildir / folder).mkdir(parents=True)

    def deliver(folder: str, index: int, raw: bytes) -> Path:
        """Into the Maildir as a delivery agent names it: <time>.M<n>P<pid>.<host>, with the flags :2,S once seen (cur/)."""
        path = maildir / folder / (f"{1764662400 + index}.M{index}P4242.sink" + (":2,S" if folder == "cur" else ""))
        path.write_bytes(raw)
        return path

    one, two, three = holds
    replies = [
        ("new", "ob@ettlingen.example", "ob@ettlingen.example", one, "ACCEPTED", "REPLY", "thunderbird", None),
        ("new", "ob@bruchsal.example", "ob@bruchsal.example", one, "TENTATIVE", "REPLY", "outlook", None),
        ("cur", "ob@bretten.example", "ob@bretten.example", two, "DECLINED", "REPLY", "outlook", None),
        ("cur", "ob@rastatt.example", "ob@rastatt.example", three, "TENTATIVE", "COUNTER", "outlook",
         (dt.datetime(2027, 4, 21, 8, 0, tzinfo=dt.timezone.utc), dt.datetime(2027, 4, 21, 11, 30, tzinfo=dt.timezone.utc))),
        # Someone else's mailbox answers for Bühl's OB, and suggests a time for Gaggenau's: held for review, not counted.
        ("new", "mallory@example.org", "ob@buehl.example", one, "DECLINED", "REPLY", "thunderbird", None),
        ("cur", "mallory@example.org", "ob@gaggenau.example", two, "TENTATIVE", "COUNTER", "outlook",
         (dt.datetime(2027, 4, 23, 8, 0, tzinfo=dt.timezone.utc), dt.datetime(2027, 4, 23, 11, 30, tzinfo=dt.timezone.utc))),
        # Still being delivered (tmp/): never read.
        ("tmp", "ob@baden-baden.example", "ob@baden-baden.example", one, "ACCEPTED", "REPLY", "thunderbird", None),
    ]
    for index, (folder, sender, attendee, uid, partstat, method, client, proposed) in enumerate(replies):
        body = answer(requests[(attendee, uid)], attendee, partstat, stamp + dt.timedelta(minutes=index), method=method,
                      client=client, proposed=proposed)
        deliver(folder, index, as_mail(sender, body, method, f"Antwort {index}"))
    # What else lands in an organizer's inbox: a newsletter, a hold someone forwarded as an attachment, a broken answer.
    newsletter = email.message.EmailMessage()
    newsletter["From"], newsletter["To"], newsletter["Subject"] = "news@example.org", ORGANIZER, "Newsletter"
    newsletter.set_content("Neues aus der Region")
    deliver("new", 20, newsletter.as_bytes(policy=email.policy.SMTP))
    forward = email.message.EmailMessage()
    forward["From"], forward["To"], forward["Subject"] = "ob@stutensee.example", ORGANIZER, "WG: Terminumfrage"
    forward.set_content("Zur Info weitergeleitet.")
    forward.add_attachment(email.message_from_bytes(smtp_sink.messages[0][2], policy=email.policy.default))
    deliver("cur", 21, forward.as_bytes(policy=email.policy.SMTP))
    broken_body = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:" + one.encode() + b"\r\n"
    broken = deliver("new", 22, as_mail("ob@gaggenau.example", broken_body, "REPLY", "Antwort kaputt"))
    recorded = convene(workspace, "rsvp", "spring-2027", str(maildir), now="2026-12-02T12:00:00Z")
    out, err = recorded.stdout.decode(), recorded.stderr.decode()
    assert "4 poll answers recorded in meetings/spring-2027/poll.yaml." in out, out
    assert out.endswith("Skipped 3 mails of the Maildir that are not answers to spring-2027 "
                        "(1 no calendar part, 1 not a reply, 1 unreadable).\n"), out
    (warning,) = err.splitlines()
    assert warning.startswith(f"convene: warning: {broken}: a calendar part cannot be read (") and one not in warning, err

    status = json.loads(convene(workspace, "poll", "status", "spring-2027", "--format", "json").stdout)
    votes = {p["email"]: {a["option"]: a["vote"] for a in p["answers"]} for p in status["people"]}
    assert votes["ob@ettlingen.example"][1] == "yes"
    assert votes["ob@bruchsal.example"][1] == "if-need-be"
    assert votes["ob@bretten.example"][2] == "no"
    assert votes["ob@rastatt.example"][3] == "if-need-be"
    assert votes["ob@buehl.example"] == {1: None, 2: None, 3: None}, "the forged answer is not counted"
    assert votes["ob@gaggenau.example"] == {1: None, 2: None, 3: None}, "the forged COUNTER is not counted"
    assert votes["ob@baden-baden.example"] == {1: None, 2: None, 3: None}, "tmp/ is never read"
    assert len(status["held"]) == 2, "both forged answers are held"
    (option3,) = [o for o in status["options"] if o["option"] == 3]
    assert option3["suggestions"] == [{"from": "Oberbürgermeister/in Rastatt", "start": "2027-04-21T08:00:00Z", "end": "2027-04-21T11:30:00Z"}]
    (option2,) = [o for o in status["options"] if o["option"] == 2]
    assert option2["suggestions"] == [], "the forged suggestion is not shown"
    rastatt = next(p for p in status["people"] if p["email"] == "ob@rastatt.example")
    assert [a["suggested_start"] for a in rastatt["answers"]] == [None, None, "2027-04-21T08:00:00Z"]
    html = convene(workspace, "poll", "status", "spring-2027", "--format", "html").stdout.decode()
    assert "suggests Mi 21.04.2027 10:00" in html and "Held for review" in html
    (option2,) = [o for o in status["options"] if o["option"] == 2]
    assert option2["towns_lost"] == ["bretten"], "Bretten's OB declined and Bretten has no deputy"
    text = convene(workspace, "poll", "status", "spring-2027").stdout.decode()
    assert "Not represented at option 2: Bretten" in text and "Held for review" in text

    refused = convene(workspace, "poll", "close", "spring-2027", "--pick", "2", "--send", ok=False)
    assert refused.returncode == 1 and "town bretten" in refused.stderr.decode()
    sent_before = len(smtp_sink.messages)
    closed = json.loads(convene(workspace, "poll", "close", "spring-2027", "--pick", "1", "--send", "--format", "json",
                                now="2026-12-16T09:00:00Z").stdout)
    assert {m["method"] for m in closed["messages"]} == {"CANCEL"}
    cancels = smtp_sink.messages[sent_before:]
    assert len(cancels) == 22 * 2
    for _, _, raw in cancels:
        (event,) = calendar_of(raw, "CANCEL").walk("VEVENT")
        assert str(event["UID"]) in (two, three) and int(event["SEQUENCE"]) == 1 and str(event["STATUS"]) == "CANCELLED"

    convene(workspace, "agenda", "spring-2027", now="2026-12-16T09:00:00Z")
    invited = json.loads(convene(workspace, "invite", "spring-2027", "--send", "--format", "json", now="2026-12-16T10:00:00Z").stdout)
    assert invited["uid"] == one and invited["sequence"] == 1
    (_, _, raw) = smtp_sink.messages[-1]
    (event,) = calendar_of(raw, "REQUEST").walk("VEVENT")
    assert str(event["UID"]) == one and int(event["SEQUENCE"]) == 1 and str(event["STATUS"]) == "CONFIRMED"


def chromium_dom(html: Path) -> str:
    browser = require("chromium")
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", html.as_uri()],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


MEASURE = """<script>
const svg = document.querySelector('svg');
const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height;
const texts = [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, t.textContent]; });
const boxes = [...svg.querySelectorAll('rect[stroke="#000"]')].map(r => { const b = r.getBBox(); return [b.x, b.x + b.width]; });
document.getElementById('out').textContent = JSON.stringify({width, height, texts, boxes});
</script>"""


def test_chromium_lays_out_the_heatmap_inside_its_canvas(tmp_path):
    """Headless Chromium measures the picture (getBBox): the title and subtitle lie in the top rows and inside the
    canvas, every label fits, and no candidate box reaches past the right edge — also for a short grid."""
    workspace = workspace_copy(tmp_path)
    # A late, long meeting on a narrow grid: candidate boxes reach the end of the day, the subtitle is wider than the grid.
    meeting = workspace / "meetings" / "spring-2027" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("duration: 3h30m", "duration: 6h"), encoding="utf-8")
    svg = tmp_path / "heat.svg"
    convene(workspace, "propose", "spring-2027", "--heatmap", str(svg))
    page = tmp_path / "measure.html"
    page.write_text("<!DOCTYPE html><html><body>" + svg.read_text(encoding="utf-8") + "<pre id='out'></pre>" + MEASURE
                    + "</body></html>", encoding="utf-8")
    dom = chromium_dom(page)
    measured = json.loads(dom.split("<pre id=\"out\">")[1].split("</pre>")[0].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    width = measured["width"]
    title, subtitle = measured["texts"][0], measured["texts"][1]
    assert title[4] == "Plenum Digital Regional – Frühjahr 2027"
    assert 0 <= title[1] and title[3] <= 45 and subtitle[3] <= 50, "title and subtitle in the top rows"
    for left, top, right, bottom, text in measured["texts"]:
        assert left >= 0 and right <= width + 0.5 and top >= 0 and bottom <= measured["height"], f"{text!r} leaves the canvas"
    assert measured["boxes"], "the candidates are outlined"
    for left, right in measured["boxes"]:
        assert right <= width, "a candidate box reaches past the right edge"


def test_chromium_renders_the_poll_grid(tmp_path):
    workspace = workspace_copy(tmp_path, "/bin/true")
    convene(workspace, "poll", "start", "spring-2027", "--candidates", "2", "--send")
    page = tmp_path / "poll.html"
    page.write_bytes(convene(workspace, "poll", "status", "spring-2027", "--format", "html").stdout)
    dom = chromium_dom(page)
    assert "<script" not in dom
    assert dom.count("<tr>") >= 22 + 9 + 2, "a row per person and per town"
    assert "Oberbürgermeister/in Bühl (ob)" in dom and "Ranking" in dom
