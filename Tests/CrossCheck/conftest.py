"""Print the freebusy cross-check corpus make-up and random seeds, so a failing seed can be replayed;
fixtures for the mail tests: a loopback SMTP sink and the msmtp command that delivers into it."""

import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller


def pytest_terminal_summary(terminalreporter):
    module = sys.modules.get("test_freebusy_reference")
    if module is None:  # only the holidays cross-check ran
        return
    groups: dict[str, int] = {}
    for corpus_id, _ in module.CORPUS:
        key = corpus_id.split("/")[0]
        groups[key] = groups.get(key, 0) + 1
    terminalreporter.write_line(
        f"freebusy cross-check corpus: {len(module.CORPUS)} calendars ("
        + ", ".join(f"{k}={v}" for k, v in groups.items())
        + f"); {len(module.EXCLUDED)} excluded")
    terminalreporter.write_line(f"random seeds used: {' '.join(map(str, module.SEEDS))}"
                                " (add one with CONVENE_RANDOM_SEED=N)")


# --- loopback SMTP sink for the mail tests -------------------------------------------------------
# convene hands each .eml to a configured command line on stdin; the tests use `msmtp -C <rc> -t`
# (Debian's msmtp, installed by scripts/test.sh) pointed at an aiosmtpd server on 127.0.0.1.

SINK_FROM = "convene-test@sink.invalid"


class _LoopbackController(Controller):
    """Listens on 127.0.0.1 port 0 (a free port picked by the kernel, no race with other tests);
    `start()` connects once to check the server answers, so learn the real port just before."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SmtpSink:
    port: int = 0
    # (envelope MAIL FROM, RCPT TO list, message bytes exactly as received after DATA)
    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    # RCPT TO addresses (compared case-insensitively) answered with 550
    refused: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.casefold() in {a.casefold() for a in self.refused}:
            return f"550 5.1.1 <{address}>: recipient refused by the test sink"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK: queued by the test sink"

    def msmtprc(self, path: Path) -> Path:
        """Writes an msmtp config for this sink (mode 0600: msmtp refuses a config others can read)."""
        path = Path(path)
        path.write_text(
            "defaults\n"
            "syslog off\n"
            "timeout 5\n"
            "account sink\n"
            "host 127.0.0.1\n"
            f"port {self.port}\n"
            "auth off\n"
            "tls off\n"
            "tls_starttls off\n"
            f"from {SINK_FROM}\n"
            "account default : sink\n", encoding="utf-8")
        path.chmod(0o600)
        return path


@pytest.fixture
def smtp_sink():
    """A running SMTP server on 127.0.0.1:<free port> that keeps every message it accepts."""
    sink = SmtpSink()
    controller = _LoopbackController(sink, hostname="127.0.0.1", port=0, server_hostname="sink.test",
                                     ready_timeout=5)
    controller.start()
    sink.port = controller.port
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def msmtp_command(smtp_sink, tmp_path) -> str:
    """The send command line convene runs with the message on stdin: `msmtp -C <rc> -t`."""
    msmtp = shutil.which("msmtp")
    assert msmtp, "msmtp is not installed (scripts/test.sh installs it through scripts/bootstrap.sh)"
    rc = smtp_sink.msmtprc(tmp_path / "msmtprc")
    return shlex.join([msmtp, "-C", str(rc), "-t"])
