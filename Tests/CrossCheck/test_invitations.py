"""`convene invite`, `cancel`, `rsvp` and `status` read and driven by independent implementations:

- python `icalendar` and the strict `ical` package parse invite.ics (METHOD:REQUEST), event.ics (no
  METHOD) and cancel.ics and see the same event; the HTML description (X-ALT-DESC) reads back as
  written;
- python's `email` package parses every .eml: the subject decodes to „Einladung: …" (RFC 2047), the
  text/calendar part's `method` parameter equals its body's METHOD (RFC 6047 §2.4), invite.ics is
  attached, the message is 7-bit with CRLF lines of at most 998 octets;
- end to end through a real mail path: `invite --send` hands every message to `msmtp -t`
  (mail.send_command) which delivers to a loopback aiosmtpd sink; every message arrives intact for
  its one recipient; a rerun sends nothing; an answer written with python icalendar as a client
  would (METHOD:REPLY) goes back through `convene rsvp` and shows in `convene status`.
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
START = dt.datetime(2027, 5, 12, 10, 30, tzinfo=dt.timezone.utc)


def run(workspace: Path, *args: str, now: str = "2027-04-01T09:00:00Z", stdin: bytes | None = None) -> str:
    binary = os.environ.get("CONVENE_BIN")
    assert binary, "set CONVENE_BIN to the built convene binary"
    env = dict(os.environ, CONVENE_NOW=now, NO_COLOR="1")
    result = subprocess.run([binary, *args, "-w", str(workspace)], capture_output=True, env=env, timeout=120, input=stdin)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def invited_workspace(tmp_path: Path) -> Path:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace, ignore=shutil.ignore_patterns(".convene"))
    run(workspace, "propose", "spring-2027", "--pick", "1")
    run(workspace, "agenda", "spring-2027")
    return workspace


def check_mail(raw: bytes, method: str) -> email.message.EmailMessage:
    """One iMIP message as a mail program sees it; returns the parsed message."""
    assert all(b < 0x80 for b in raw), "8-bit bytes in the message"
    lines = raw.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line and len(line) <= 998 for line in lines)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message.get_content_type() == "multipart/mixed"
    assert message["Message-ID"].startswith("<spring-2027.") and message["Date"]
    calendars = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    part = calendars[0]
    assert part.get_param("method") == method
    assert part.get_content_charset() == "utf-8"
    body = part.get_payload(decode=True)
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["METHOD"]) == method, "the part's method= differs from the file's METHOD"
    attachments = [p for p in message.iter_attachments()]
    assert [a.get_filename() for a in attachments] == ["cancel.ics" if method == "CANCEL" else "invite.ics"]
    assert attachments[0].get_payload(decode=True) == body
    texts = {p.get_content_type(): p.get_content() for p in message.walk() if p.get_content_maintype() == "text"}
    assert "Guten Tag" in texts["text/plain"] and "<html" in texts["text/html"]
    return message


def test_invitation_files_parse_in_independent_parsers(tmp_path):
    workspace = invited_workspace(tmp_path)
    run(workspace, "invite", "spring-2027")
    out = workspace / "meetings" / "spring-2027" / "out"
    invite = icalendar.Calendar.from_ical((out / "invite.ics").read_bytes())
    assert str(invite["METHOD"]) == "REQUEST"
    event = invite.walk("VEVENT")[0]
    assert str(event["UID"]) == "spring-2027@ettlingen.example"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART").astimezone(dt.timezone.utc) == START
    assert str(event["ORGANIZER"]).lower().startswith("mailto:")
    attendees = event.get("ATTENDEE")
    assert len(attendees) == 22
    assert all(str(a).lower().startswith("mailto:") and a.params["RSVP"] == "TRUE" for a in attendees)
    roles = sorted(a.params["ROLE"] for a in attendees)
    assert roles.count("CHAIR") == 1 and "OPT-PARTICIPANT" in roles and "REQ-PARTICIPANT" in roles
    assert "TOP 1" in str(event["DESCRIPTION"])
    html = str(event["X-ALT-DESC"])
    assert event["X-ALT-DESC"].params["FMTTYPE"] == "text/html"
    assert html.startswith("<p><b>Tagesordnung</b></p><table><tr><td>TOP 1</td>")
    assert "<td>e-Posteingang: Scannen, Erkennen, Verteilen</td>" in html
    assert event.walk("VALARM")

    plain = IcsCalendarStream.calendar_from_ics((out / "event.ics").read_text(encoding="utf-8"))
    assert "METHOD" not in (out / "event.ics").read_text(encoding="utf-8")
    (strict,) = plain.events
    assert strict.uid == "spring-2027@ettlingen.example"
    assert strict.dtstart.astimezone(dt.timezone.utc) == START
    assert len(strict.attendees) == 22
    IcsCalendarStream.calendar_from_ics((out / "invite.ics").read_text(encoding="utf-8"))

    mails = sorted((out / "mail").glob("*.eml"))
    assert len(mails) == 22
    for path in mails:
        message = check_mail(path.read_bytes(), "REQUEST")
        assert str(message["Subject"]) == "Einladung: Plenum Digital Regional – Frühjahr 2027 – Mi 12.05.2027"
        assert message["From"].addresses[0].display_name == "Geschäftsstelle Digital Regional (Hauptamt Ettlingen)"
        (to,) = message["To"].addresses
        assert path.stem in {"ettlingen-ob", "bretten-ob"} or to.addr_spec.endswith(".example")


def test_cancel_parses_and_reaches_everyone(tmp_path):
    workspace = invited_workspace(tmp_path)
    run(workspace, "invite", "spring-2027")
    run(workspace, "invite", "spring-2027", "--mark-sent")  # mailed by hand: only a sent invitation can be cancelled
    run(workspace, "cancel", "spring-2027", "--reason", "Verschoben, neuer Termin folgt", now="2027-04-08T09:00:00Z")
    out = workspace / "meetings" / "spring-2027" / "out"
    cancel = icalendar.Calendar.from_ical((out / "cancel.ics").read_bytes())
    assert str(cancel["METHOD"]) == "CANCEL"
    (event,) = cancel.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert str(event["COMMENT"]) == "Verschoben, neuer Termin folgt"
    assert len(event.get("ATTENDEE")) == 22
    IcsCalendarStream.calendar_from_ics((out / "cancel.ics").read_text(encoding="utf-8"))
    for path in sorted((out / "mail").glob("*.eml")):
        message = check_mail(path.read_bytes(), "CANCEL")
        assert str(message["Subject"]).startswith("Abgesagt: Plenum Digital Regional")


def client_reply(invite: bytes, attendee: str, partstat: str, stamp: dt.datetime) -> bytes:
    """What a calendar client sends back (RFC 5546 §3.2.3): the event's UID, SEQUENCE, ORGANIZER,
    its own ATTENDEE with the answer, and a fresh DTSTAMP."""
    request = icalendar.Calendar.from_ical(invite)
    (event,) = request.walk("VEVENT")
    reply = icalendar.Calendar()
    reply.add("prodid", "-//python icalendar as a client//EN")
    reply.add("version", "2.0")
    reply.add("method", "REPLY")
    answer = icalendar.Event()
    for key in ("UID", "SEQUENCE", "ORGANIZER", "SUMMARY"):
        answer[key] = event[key]
    answer.add("dtstart", event.decoded("DTSTART"))
    answer.add("dtstamp", stamp)
    (mine,) = [a for a in event.get("ATTENDEE") if str(a).lower() == f"mailto:{attendee}"]
    me = icalendar.vCalAddress(str(mine))
    me.params["CN"] = mine.params["CN"]
    me.params["PARTSTAT"] = partstat
    answer.add("attendee", me)
    reply.add_component(answer)
    return reply.to_ical()


def test_send_through_msmtp_to_a_loopback_smtp_server_and_answer(tmp_path, smtp_sink, msmtp_command):
    workspace = invited_workspace(tmp_path)
    config = workspace / "convene.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "send_command: /usr/sbin/sendmail -t -i", f"send_command: {msmtp_command}"), encoding="utf-8")
    summary = json.loads(run(workspace, "invite", "spring-2027", "--send", "--format", "json"))
    assert summary["sent"] is True
    assert {m["status"] for m in summary["messages"]} == {"sent"}
    assert len(smtp_sink.messages) == 22
    out = workspace / "meetings" / "spring-2027" / "out"
    for mail_from, recipients, raw in smtp_sink.messages:
        message = check_mail(raw, "REQUEST")
        (to,) = message["To"].addresses
        assert recipients == [to.addr_spec]
        person = next(m for m in summary["messages"] if m["to"] == to.addr_spec)
        # Intact: the bytes that arrived are the bytes convene wrote.
        assert raw == (out / person["file"]).read_bytes()

    # Nothing changed: a rerun sends nothing.
    again = json.loads(run(workspace, "invite", "spring-2027", "--send", "--format", "json"))
    assert {m["status"] for m in again["messages"]} == {"already-sent"}
    assert len(smtp_sink.messages) == 22

    # Two answers come back as a client writes them; one is saved as a mail with the calendar part.
    invite = (out / "invite.ics").read_bytes()
    accepted = tmp_path / "accepted.ics"
    accepted.write_bytes(client_reply(invite, "ob@bretten.example", "ACCEPTED", dt.datetime(2027, 4, 2, 8, 15, tzinfo=dt.timezone.utc)))
    reply_mail = email.message.EmailMessage()
    reply_mail["From"] = "ob@rastatt.example"
    reply_mail["To"] = "digital-regional@ettlingen.example"
    reply_mail["Subject"] = "Abgelehnt: Plenum Digital Regional"
    reply_mail.set_content("Leider verhindert.")
    reply_mail.add_alternative(client_reply(invite, "ob@rastatt.example", "DECLINED", dt.datetime(2027, 4, 3, 7, 0, tzinfo=dt.timezone.utc)),
                               maintype="text", subtype="calendar", params={"method": "REPLY"})
    declined = tmp_path / "declined.eml"
    declined.write_bytes(reply_mail.as_bytes(policy=email.policy.SMTP))
    # Read when the answers have arrived: a reply stamped more than a day after "now" is rejected.
    run(workspace, "rsvp", "spring-2027", str(accepted), str(declined), now="2027-04-03T12:00:00Z")
    status = json.loads(run(workspace, "status", "spring-2027", "--format", "json"))
    answers = {a["email"]: a["answer"] for town in status["towns"] for a in town["attendees"]}
    assert answers["ob@bretten.example"] == "accepted"
    assert answers["ob@rastatt.example"] == "declined"
    assert status["counts"] == {"accepted": 1, "declined": 1, "tentative": 0, "delegated": 0, "no_answer": 20, "earlier_time": 0}
