"""Mail that carries documents, read by python's `email` package and delivered through a real mail path
(`msmtp -t` into the loopback aiosmtpd sink of conftest.py), with the PDFs read by poppler's `pdftotext`:

- `invite --attach-agenda`: every invitation is still an iMIP message — one text/calendar part whose `method=`
  equals its body's METHOD:REQUEST, invite.ics attached — and carries Tagesordnung.pdf besides, a PDF whose text
  is the sample's Tagesordnung;
- `minutes send --send` after `minutes approve`: every invitee of the kickoff receives one mail with the
  Niederschrift as PDF (decision numbers in it); a rerun delivers nothing more;
- `actions remind --send`: one mail per responsible person, listing exactly the pending items
  `convene actions --format json` gives them and the decisions due `convene decisions --format json` gives their
  town (to the town's head of main office, else its OB), the overdue ones marked.

WeasyPrint and poppler-utils (Debian) and msmtp are installed by scripts/test.sh.
"""
import email
import email.policy
import json
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
import yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "digital-regional"


def run(workspace: Path, *args: str, now: str = "2027-04-01T09:00:00Z") -> str:
    binary = os.environ.get("CONVENE_BIN")
    assert binary, "set CONVENE_BIN to the built convene binary"
    env = dict(os.environ, CONVENE_NOW=now, NO_COLOR="1")
    result = subprocess.run([binary, *args, "-w", str(workspace)], capture_output=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def workspace_sending_to(tmp_path: Path, msmtp_command: str) -> Path:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace, ignore=shutil.ignore_patterns(".convene"))
    config = workspace / "convene.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "send_command: /usr/sbin/sendmail -t -i", f"send_command: {msmtp_command}"), encoding="utf-8")
    return workspace


def pdf_text(data: bytes, tmp_path: Path) -> str:
    assert data.startswith(b"%PDF-")
    path = tmp_path / "attachment.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60).stdout.decode()


def parse(raw: bytes) -> email.message.EmailMessage:
    assert all(b < 0x80 for b in raw), "8-bit bytes in the message"
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    return email.message_from_bytes(raw, policy=email.policy.default)


def text_of(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_invitation_keeps_its_calendar_part_and_carries_the_tagesordnung(tmp_path):
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLE, workspace, ignore=shutil.ignore_patterns(".convene"))
    run(workspace, "propose", "spring-2027", "--pick", "1")
    run(workspace, "agenda", "spring-2027")
    run(workspace, "invite", "spring-2027", "--attach-agenda")
    mails = sorted((workspace / "meetings" / "spring-2027" / "out" / "mail").glob("*.eml"))
    assert len(mails) == 22
    pdfs = set()
    for path in mails:
        message = parse(path.read_bytes())
        assert message.get_content_type() == "multipart/mixed"
        (calendar_part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        assert calendar_part.get_param("method") == "REQUEST"
        body = calendar_part.get_payload(decode=True)
        assert str(icalendar.Calendar.from_ical(body)["METHOD"]) == "REQUEST"
        # The calendar part sits in the alternative with the letter, as Outlook and Thunderbird want it.
        (alternative,) = [p for p in message.iter_parts() if p.get_content_type() == "multipart/alternative"]
        assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/html", "text/calendar"]
        attachments = list(message.iter_attachments())
        assert [a.get_filename() for a in attachments] == ["invite.ics", "Tagesordnung.pdf"]
        assert attachments[0].get_payload(decode=True) == body
        assert attachments[1].get_content_type() == "application/pdf"
        pdfs.add(attachments[1].get_payload(decode=True))
    assert len(pdfs) == 1, "every invitee gets the same Tagesordnung"
    text = pdf_text(pdfs.pop(), tmp_path)
    assert "Tagesordnung: Plenum Digital Regional – Frühjahr 2027" in text
    assert "Begrüßung" in text and "Seite 1 von" in text


def test_minutes_send_delivers_the_pdf_to_every_invitee(tmp_path, smtp_sink, msmtp_command):
    workspace = workspace_sending_to(tmp_path, msmtp_command)
    run(workspace, "minutes", "approve", "kickoff", "--at", "spring-2027")
    summary = json.loads(run(workspace, "minutes", "send", "kickoff", "--send", "--format", "json"))
    assert {m["status"] for m in summary["messages"]} == {"sent"}
    invitees = {m["to"] for m in summary["messages"]}
    assert len(invitees) == 22
    received = set()
    for _, recipients, raw in smtp_sink.messages:
        message = parse(raw)
        (to,) = message["To"].addresses
        assert recipients == [to.addr_spec]
        received.add(to.addr_spec)
        assert message["Subject"] == "Niederschrift: Auftakttreffen Digital Regional – 19.11.2026"
        assert "genehmigt am 01.04.2027" in text_of(message)
        (pdf,) = list(message.iter_attachments())
        assert pdf.get_filename() == "Niederschrift.pdf" and pdf.get_content_type() == "application/pdf"
        assert not [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert received == invitees
    text = pdf_text(pdf.get_payload(decode=True), tmp_path)
    assert "Beschluss Nr. 2026/01" in text and "genehmigt am 01.04.2027" in text
    assert "Seite 1 von" in text

    again = json.loads(run(workspace, "minutes", "send", "kickoff", "--send", "--format", "json"))
    assert {m["status"] for m in again["messages"]} == {"already-sent"}
    assert len(smtp_sink.messages) == 22


def test_actions_remind_sends_one_mail_per_responsible_person(tmp_path, smtp_sink, msmtp_command):
    workspace = workspace_sending_to(tmp_path, msmtp_command)
    items = json.loads(run(workspace, "actions", "--format", "json"))
    decisions = json.loads(run(workspace, "decisions", "--format", "json"))
    pending = [item for item in items if item["status"] in ("open", "in-progress")]
    people = yaml.safe_load((workspace / "people.yaml").read_text(encoding="utf-8"))["people"]
    emails = {p["id"]: p["email"] for p in people}

    def contact(town: str) -> str:
        """A town's head of main office, else its OB: who is reminded of the town's decisions."""
        of_town = [p for p in people if p["town"] == town]
        chosen = next((p for p in of_town if p["role"] == "main-office"), None) or next(p for p in of_town if p["role"] == "ob")
        return chosen["email"].lower()

    expected: dict[str, list[dict]] = {}
    for item in pending:
        expected.setdefault(emails[item["responsible"]].lower(), []).append(item)
    due = [d for d in decisions if d["status"] in ("open", "in-progress") and d["due"] and d["town"]]
    assert due, "the sample has a decision due (2026/02, Ettlingen)"
    expected_decisions: dict[str, list[dict]] = {}
    for decision in due:
        expected_decisions.setdefault(contact(decision["town"]), []).append(decision)
    recipients_expected = set(expected) | set(expected_decisions)

    run(workspace, "actions", "remind", "--send")
    assert len(smtp_sink.messages) == len(recipients_expected)
    for _, recipients, raw in smtp_sink.messages:
        message = parse(raw)
        (to,) = message["To"].addresses
        assert recipients == [to.addr_spec]
        text = text_of(message)
        mine = expected.pop(to.addr_spec, [])
        my_decisions = expected_decisions.pop(to.addr_spec, [])
        assert mine or my_decisions, f"{to.addr_spec} got a reminder with nothing in it"
        for item in mine:
            assert item["title"] in text
        overdue = any(i["overdue"] for i in mine) or any(d["overdue"] for d in my_decisions)
        assert ("(überfällig)" in text) == overdue
        others = [i for i in items if i not in mine]
        assert not any(i["title"] in text for i in others), f"{to.addr_spec} is reminded of someone else's item"
        for decision in decisions:
            line = f"Beschluss Nr. {decision['number']}: {decision['text']}"
            assert (line in text) == (decision in my_decisions), f"{to.addr_spec}: decision {decision['number']}"
    assert expected == {} and expected_decisions == {}, f"not reminded: {sorted(expected)} {sorted(expected_decisions)}"
