"""The mail plumbing on its own, before convene sends anything through it: a message piped to
`msmtp -C <rc> -t` (the command line convene will run, message on stdin) arrives at the loopback
aiosmtpd sink of conftest.py for the To/Cc/Bcc recipients, byte for byte apart from the Bcc header
msmtp strips, and parses back with the same UTF-8 subject and text/calendar; method=REQUEST part.
msmtp's failure behaviour is pinned too, because convene reports it: a recipient refused with 550
aborts the whole message (nothing delivered, exit 65 = EX_DATAERR) and an unreachable server exits
75 (EX_TEMPFAIL); both name the cause on stderr.

msmtp is installed by scripts/test.sh (scripts/bootstrap.sh ... msmtp), aiosmtpd by requirements.txt.
"""
import email
import email.policy
import shlex
import shutil
import socket
import subprocess
from email.message import EmailMessage

import icalendar

from conftest import SINK_FROM, SmtpSink

SUBJECT = "Einladung: Plenum Digital Regional – Frühjahr 2027 (Großer Saal, Überlingen)"
CALENDAR = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//convene//smtp sink test//EN\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:sink-test@ettlingen.example\r\nDTSTAMP:20270401T090000Z\r\n"
    "DTSTART:20270512T103000Z\r\nDTEND:20270512T140000Z\r\nSUMMARY:Plenum – Frühjahr 2027\r\n"
    "ORGANIZER:mailto:digital-regional@ettlingen.example\r\n"
    "ATTENDEE;RSVP=TRUE:mailto:ob@bretten.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
TO = ["ob@bretten.example", "hauptamt@bruchsal.example"]
CC = ["it-leitung@rheinstetten.example"]
BCC = ["archiv@ettlingen.example"]


def invitation() -> bytes:
    message = EmailMessage()
    message["From"] = "Geschäftsstelle Digital Regional <digital-regional@ettlingen.example>"
    message["To"] = ", ".join(TO)
    message["Cc"] = ", ".join(CC)
    message["Bcc"] = ", ".join(BCC)
    message["Subject"] = SUBJECT
    # Present, so msmtp has no header of its own to add and the bytes can be compared exactly.
    message["Date"] = "Thu, 01 Apr 2027 11:00:00 +0200"
    message["Message-ID"] = "<spring-2027.0@ettlingen.example>"
    message.set_content("Guten Tag,\n\nanbei die Einladung zum Plenum. Grüße aus Ettlingen\n")
    message.add_alternative(CALENDAR, subtype="calendar", params={"method": "REQUEST"})
    return message.as_bytes()


def send(command: str, message: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(shlex.split(command), input=message, capture_output=True, timeout=30)


def test_msmtp_delivers_into_the_sink(smtp_sink, msmtp_command):
    raw = invitation()
    result = send(msmtp_command, raw)
    assert result.returncode == 0, result.stderr.decode()

    ((mail_from, rcpt_tos, received),) = smtp_sink.messages
    assert mail_from == SINK_FROM  # the envelope sender comes from the msmtp config
    assert rcpt_tos == TO + CC + BCC
    sent_lines = [line for line in raw.splitlines() if not line.startswith(b"Bcc:")]
    assert received.splitlines() == sent_lines  # CRLF on the wire; nothing else changed
    assert b"archiv@ettlingen.example" not in received

    parsed = email.message_from_bytes(received, policy=email.policy.default)
    assert parsed["Subject"] == SUBJECT
    (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(part.get_content())
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Plenum – Frühjahr 2027"
    assert part.get_content().replace("\r\n", "\n") == CALENDAR.replace("\r\n", "\n")


def test_a_refused_recipient_fails_the_whole_message(smtp_sink, msmtp_command):
    smtp_sink.refused.add("hauptamt@bruchsal.example")
    result = send(msmtp_command, invitation())
    assert result.returncode == 65, (result.returncode, result.stderr.decode())  # EX_DATAERR
    stderr = result.stderr.decode()
    assert "recipient address hauptamt@bruchsal.example not accepted by the server" in stderr
    assert "550 5.1.1" in stderr
    assert smtp_sink.messages == []  # msmtp gives up before DATA: the others get nothing either


def test_an_unreachable_server_fails(tmp_path):
    msmtp = shutil.which("msmtp")
    assert msmtp, "msmtp is not installed (scripts/test.sh installs it through scripts/bootstrap.sh)"
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        closed = SmtpSink(port=probe.getsockname()[1])  # not started: only its msmtp config is used
    rc = closed.msmtprc(tmp_path / "msmtprc")
    result = send(shlex.join([msmtp, "-C", str(rc), "-t"]), invitation())
    assert result.returncode == 75, (result.returncode, result.stderr.decode())  # EX_TEMPFAIL
    assert f"cannot connect to 127.0.0.1, port {closed.port}: Connection refused" in result.stderr.decode()
