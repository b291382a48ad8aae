"""Live calendar sources against real servers on 127.0.0.1 (kernel-picked ports, password auth):
Radicale (PyPI, pinned in requirements.txt) and Xandikos (Debian's xandikos, run by /usr/bin/python3),
both through live/caldav_server.py, and a python http.server for iCalendar feeds and every failure mode.
Each server stops when its test ends (the fixtures close it in `finally`) and by itself after a timeout.

The reference is convene itself reading the same calendars as files: the sample's `propose --format
json` with a third of the people on a CalDAV server, a third on feed URLs and a third on files must be
byte-identical to the all-files run."""

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from icalendar import Calendar

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "digital-regional"
CONVENE = os.environ.get("CONVENE_BIN", str(REPO / ".build" / "debug" / "convene"))
SERVER = Path(__file__).parent / "live" / "caldav_server.py"
NOW = "2027-03-01T09:00:00Z"
USER, PASSWORD = "organizer", "s3cret-Pa55word"
FEED_SECRET = "private-7f3c9a1be2d4"


def run(workspace, *args, env=None, check=True):
    environment = {**os.environ, "CONVENE_NOW": NOW, "NO_COLOR": "1", **(env or {})}
    result = subprocess.run([CONVENE, *args, "-w", str(workspace)], capture_output=True, text=True, env=environment, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"convene {' '.join(args)} exited {result.returncode}: {result.stderr}")
    return result


def people_with_calendars():
    return sorted(p.stem for p in (SAMPLE / "calendars").glob("*.ics"))


def is_freebusy_file(person):
    return b"BEGIN:VFREEBUSY" in (SAMPLE / "calendars" / f"{person}.ics").read_bytes()


def workspace_copy(tmp_path, name="ws"):
    target = tmp_path / name
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".convene"))
    return target


def point_people(workspace, entries):
    """Gives each person in `entries` the one calendars: entry (YAML flow text) and removes their file."""
    people = workspace / "people.yaml"
    text = people.read_text()
    for person, entry in entries.items():
        marker = f"  - id: {person}\n"
        assert marker in text, person
        text = text.replace(marker, f"{marker}    calendars: [{entry}]\n", 1)
        (workspace / "calendars" / f"{person}.ics").unlink()
    people.write_text(text)


def write_netrc(tmp_path, password=PASSWORD):
    path = tmp_path / "netrc"
    path.write_text(f"machine 127.0.0.1\n  login {USER}\n  password {password}\n")
    return {"CONVENE_NETRC": str(path)}


def basic(user=USER, password=PASSWORD):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# --- the iCalendar feed server ---------------------------------------------------------------------

class FeedServer:
    """Serves the sample's calendars under /feed/<secret>/<person>.ics with ETag and Last-Modified
    (If-None-Match / If-Modified-Since → 304), and the failure modes under their own paths."""

    def __init__(self):
        self.statuses = []
        self.stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send(self, status, body=b"", headers=()):
                server.statuses.append((self.path, status))
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                if not any(name == "Content-Length" for name, _ in headers):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                if path.startswith(f"/feed/{FEED_SECRET}/"):
                    name = path.rsplit("/", 1)[1]
                    file = SAMPLE / "calendars" / name
                    if not file.exists():
                        return self.send(404)
                    body = file.read_bytes()
                    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        return self.send(304, headers=[("ETag", etag)])
                    return self.send(200, body, [("Content-Type", "text/calendar"), ("ETag", etag),
                                                 ("Last-Modified", formatdate(1767225600, usegmt=True))])
                if path == "/auth/cal.ics":
                    if self.headers.get("Authorization") != basic():
                        return self.send(401, headers=[("WWW-Authenticate", 'Basic realm="feeds"')])
                    return self.send(200, (SAMPLE / "calendars" / "bretten-ob.ics").read_bytes(), [("Content-Type", "text/calendar")])
                if path == "/hang.ics":
                    server.stop.wait(60)
                    return
                if path == "/missing.ics":
                    return self.send(404)
                if path == "/broken.ics":
                    return self.send(500)
                if path == "/loop.ics":
                    return self.send(302, headers=[("Location", "/loop.ics")])
                if path == "/html.ics":
                    return self.send(200, b"<!DOCTYPE html><html><body>Sign in</body></html>", [("Content-Type", "text/html")])
                if path == "/huge.ics":
                    # Announces 300 MB and sends the start of a calendar; a client that reads on would wait for the rest.
                    self.send(200, headers=[("Content-Type", "text/calendar"), ("Content-Length", str(300 * 1024 * 1024))])
                    try:
                        self.wfile.write(b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"x" * 65536 + b"\r\n")
                        self.wfile.flush()
                    except OSError:
                        pass
                    server.stop.wait(20)
                    return
                return self.send(404)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def count(self, status):
        return sum(1 for _, s in self.statuses if s == status)


@pytest.fixture
def feeds():
    server = FeedServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    timer = threading.Timer(900, server.httpd.shutdown)  # stops by itself if the test never ends
    timer.daemon = True
    timer.start()
    try:
        yield server
    finally:
        timer.cancel()
        server.stop.set()
        server.httpd.shutdown()
        server.httpd.server_close()


# --- the CalDAV servers ----------------------------------------------------------------------------

class CalDAVServer:
    def __init__(self, kind, port):
        self.kind, self.port = kind, port
        self.home = "/organizer/" if kind == "radicale" else "/user/calendars/"

    def request(self, method, path, body=None, headers=None):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, method=method,
                                         headers={"Authorization": basic(), **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def counts(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__counts", timeout=10) as response:
            return json.loads(response.read())

    def upload(self, person):
        """A calendar collection for `person` holding their sample calendar, one resource per UID
        (CalDAV: one UID per resource, no METHOD)."""
        collection = f"{self.home}{person}/"
        body = (f'<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                f'<D:set><D:prop><D:displayname>{person}</D:displayname></D:prop></D:set></C:mkcalendar>').encode()
        status, _ = self.request("MKCALENDAR", collection, body, {"Content-Type": "application/xml; charset=utf-8"})
        assert status in (201, 405), (self.kind, status)
        by_uid = {}
        for source in Calendar.from_ical((SAMPLE / "calendars" / f"{person}.ics").read_bytes(), multiple=True):
            zones = [c for c in source.subcomponents if c.name == "VTIMEZONE"]
            for component in source.subcomponents:
                if component.name == "VEVENT":
                    entry = by_uid.setdefault(str(component.get("UID")), ([], []))
                    entry[0].append(component)
                    entry[1].extend(z for z in zones if z not in entry[1])
        for index, (uid, (components, zones)) in enumerate(sorted(by_uid.items())):
            calendar = Calendar()
            calendar.add("PRODID", "-//convene tests//upload//EN")
            calendar.add("VERSION", "2.0")
            for zone in zones:
                calendar.add_component(zone)
            for component in components:
                calendar.add_component(component)
            status, body = self.request("PUT", f"{collection}event-{index}.ics", calendar.to_ical(),
                                        {"Content-Type": "text/calendar; charset=utf-8"})
            assert status in (201, 204), (self.kind, person, status, body[:200])
        return f"http://127.0.0.1:{self.port}{collection}"


@contextmanager
def caldav_server(kind, tmp_path):
    python = sys.executable if kind == "radicale" else "/usr/bin/python3"
    data = tmp_path / f"{kind}-data"
    data.mkdir()
    process = subprocess.Popen([python, str(SERVER), kind, str(data), USER, PASSWORD], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env={**os.environ, "TIMEOUT": "900"})
    try:
        line = process.stdout.readline()
        assert line.strip().isdigit(), f"{kind} did not start"
        yield CalDAVServer(kind, int(line))
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def all_files_json(tmp_path):
    return run(workspace_copy(tmp_path, "files"), "propose", "spring-2027", "--format", "json").stdout


def mixed_workspace(tmp_path, server, feeds):
    """A third of the people on `server`, a third on feed URLs, a third on files."""
    workspace = workspace_copy(tmp_path)
    entries = {}
    for index, person in enumerate(people_with_calendars()):
        kind = index % 3
        if kind == 0 and is_freebusy_file(person):
            kind = 1  # a VFREEBUSY export is not an event collection
        if kind == 0:
            # Xandikos 0.2.8 expands no recurring series in free-busy-query or time-range answers (its
            # free busy misses every council session): read its events by convene's rules instead.
            read = ", read: events" if server.kind == "xandikos" else ""
            entries[person] = "{caldav: '" + server.upload(person) + "'" + read + "}"
        elif kind == 1:
            entries[person] = "'" + feeds.url(f"/feed/{FEED_SECRET}/{person}.ics") + "'"
    point_people(workspace, entries)
    return workspace, entries


@pytest.mark.parametrize("kind", ["radicale", "xandikos"])
def test_mixed_sources_propose_like_files(kind, tmp_path, feeds):
    expected = all_files_json(tmp_path)
    with caldav_server(kind, tmp_path) as server:
        workspace, entries = mixed_workspace(tmp_path, server, feeds)
        env = write_netrc(tmp_path)
        first = run(workspace, "propose", "spring-2027", "--format", "json", env=env)
        assert first.stdout == expected
        assert first.stderr == ""
        cache = workspace / ".convene" / "cache" / "busy"
        cached = sorted(p.name for p in cache.iterdir())
        before = server.counts()

        # Second run: the feeds answer 304 and the collections' version is unchanged: nothing is parsed.
        second = run(workspace, "propose", "spring-2027", "--format", "json", env=env)
        assert second.stdout == expected
        feed_people = [p for p, entry in entries.items() if "/feed/" in entry]
        assert feed_people and feeds.count(304) == len(feed_people)
        after = server.counts()
        assert after.get("REPORT", 0) == before.get("REPORT", 0), "a collection whose version is unchanged is not asked again"
        assert sorted(p.name for p in cache.iterdir()) == cached, "no new busy-cache entries: nothing was parsed"

        sources = json.loads(run(workspace, "sources", "--format", "json").stdout)["sources"]
        kinds = {row["kind"] for row in sources}
        assert kinds == {"file", "ics-url", "caldav"}
        assert all(row["last_error"] is None for row in sources)
        assert all(row["last_fetch"] == NOW for row in sources if row["kind"] != "file")

    # The servers are stopped: --offline gives the same answer and says how old it is.
    later = run(workspace, "propose", "spring-2027", "--format", "json", "--offline", env={**env, "CONVENE_NOW": "2027-03-01T12:00:00Z"})
    assert later.stdout == expected
    assert "offline, using the answer fetched 3 h ago" in later.stderr
    assert later.stderr.count("convene: warning:") == len([r for r in sources if r["kind"] != "file"])
    assert_no_secrets(workspace, [first, second, later])


def assert_no_secrets(workspace, results):
    texts = [r.stdout + r.stderr for r in results]
    for path in (workspace / ".convene").rglob("*"):
        if path.is_file():
            texts.append(path.read_text(errors="replace"))
    for text in texts:
        assert PASSWORD not in text
        assert FEED_SECRET not in text
        assert base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode() not in text


FAILURES = {
    # person: (path, words of the one warning)
    "bretten-ob": ("/hang.ics", "no answer within the timeout"),
    "bruchsal-ob": ("/auth/cal.ics", "HTTP 401: the credentials for 127.0.0.1 were refused"),
    "buehl-ob": ("/missing.ics", "HTTP 404"),
    "rastatt-ob": ("/broken.ics", "HTTP 500"),
    "stutensee-ob": ("/loop.ics", "too many redirects"),
    "rheinstetten-ob": ("/html.ics", "HTML page, not iCalendar"),
    "baden-baden-ob": ("/huge.ics", "larger than 32 MiB"),
}


def test_failing_sources_are_unknown_never_free(tmp_path, feeds):
    workspace = workspace_copy(tmp_path)
    point_people(workspace, {person: "'" + feeds.url(path) + "?token=" + FEED_SECRET + "'" for person, (path, _) in FAILURES.items()})
    env = {**write_netrc(tmp_path, password="wrong-" + PASSWORD), "CONVENE_FETCH_TIMEOUT": "3"}
    started = time.monotonic()
    result = run(workspace, "propose", "spring-2027", "--format", "json", env=env)
    assert time.monotonic() - started < 60
    warnings = [line for line in result.stderr.splitlines() if line.startswith("convene: warning:")]
    assert len(warnings) == len(FAILURES), result.stderr
    for person, (_, words) in FAILURES.items():
        mine = [w for w in warnings if f": {person}: ics-url on 127.0.0.1: " in w]
        assert len(mine) == 1, (person, result.stderr)
        assert words in mine[0] and mine[0].endswith("the time counts as unknown"), mine[0]
    proposal = json.loads(result.stdout)
    assert proposal["candidates"], "the others' calendars still give candidates"
    for candidate in proposal["candidates"]:
        assert not set(FAILURES) & set(candidate["attending"]), "a failing source is never free"
        unknown = {u["person"] for u in candidate["unavailable"] if u["reason"] == "no-data"}
        assert set(FAILURES) <= unknown | {u["person"] for u in candidate["unavailable"]}
    # the 300 MB body was refused at the limit, not read
    sources = run(workspace, "sources", "--format", "json", check=False)
    assert sources.returncode == 1
    rows = {row["person"]: row for row in json.loads(sources.stdout)["sources"]}
    assert all(rows[p]["last_error"] for p in FAILURES)
    check = run(workspace, "check", env=env, check=False)
    assert check.returncode == 1
    assert_no_secrets(workspace, [result, sources, check])


def test_init_keeps_exports_and_cache_out_of_git(tmp_path):
    workspace = tmp_path / "network"
    subprocess.run([CONVENE, "init", str(workspace)], check=True, capture_output=True)
    shutil.copy(SAMPLE / "calendars" / "bretten-ob.ics", workspace / "calendars" / "bretten-ob.ics")
    run(workspace, "check")  # writes .convene/
    subprocess.run(["git", "init", "-q", str(workspace)], check=True)
    subprocess.run(["git", "-C", str(workspace), "add", "-A"], check=True)
    tracked = subprocess.run(["git", "-C", str(workspace), "ls-files"], check=True, capture_output=True, text=True).stdout.split()
    assert "people.yaml" in tracked and "calendars/README.md" in tracked and ".gitignore" in tracked
    assert not [path for path in tracked if path.endswith(".ics") or path.startswith(".convene/")], tracked


def test_caldav_with_wrong_credentials_is_one_warning(tmp_path):
    with caldav_server("radicale", tmp_path) as server:
        workspace = workspace_copy(tmp_path)
        point_people(workspace, {"bretten-ob": "{caldav: '" + server.upload("bretten-ob") + "'}"})
        env = write_netrc(tmp_path, password="wrong-" + PASSWORD)
        result = run(workspace, "propose", "spring-2027", "--format", "json", env=env)
        warnings = [line for line in result.stderr.splitlines() if line.startswith("convene: warning:")]
        assert warnings == ["convene: warning: people.yaml: bretten-ob: caldav on 127.0.0.1: HTTP 401: the credentials for "
                            "127.0.0.1 were refused; the time counts as unknown"], result.stderr
        for candidate in json.loads(result.stdout)["candidates"]:
            assert "bretten-ob" not in candidate["attending"]
        # without any credentials the warning says where they go
        missing = run(workspace, "propose", "spring-2027", "--format", "json", env={"CONVENE_NETRC": str(tmp_path / "none")})
        assert "add machine 127.0.0.1 to ~/.netrc" in missing.stderr
        assert_no_secrets(workspace, [result, missing])


def test_without_libcurl_a_fetch_is_one_warning_naming_the_package(tmp_path, feeds):
    """convene loads libcurl only when it fetches (dlopen on first use): without it, a live source is one warning
    saying what to install, the time counts as unknown, and everything without HTTP works (CONVENE_LIBCURL names
    the library to load; here one that does not exist)."""
    workspace = workspace_copy(tmp_path)
    point_people(workspace, {"bretten-ob": "'" + feeds.url(f"/feed/{FEED_SECRET}/bretten-ob.ics") + "'"})
    env = {**write_netrc(tmp_path), "CONVENE_LIBCURL": "libconvene-no-such-curl.so.4"}
    result = run(workspace, "propose", "spring-2027", "--format", "json", env=env)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("convene: warning:")]
    assert warnings == ["convene: warning: people.yaml: bretten-ob: ics-url on 127.0.0.1: libcurl is not "
                        "installed (apt install libcurl4); the time counts as unknown"], result.stderr
    assert feeds.statuses == [], "nothing was asked"
    for candidate in json.loads(result.stdout)["candidates"]:
        assert "bretten-ob" not in candidate["attending"]
    assert run(workspace, "holidays", "--year", "2027", "--format", "json", env=env).stdout
    # publishing says the same in its one line of error
    with open(workspace / "convene.yaml", "a") as config:
        config.write(f"publish:\n  tasks: http://127.0.0.1:{feeds.port}/tasks/\n")
    refused = run(workspace, "actions", "publish", env=env, check=False)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == ["convene: error: convene.yaml: publish.tasks: publishing to 127.0.0.1: "
                                           "libcurl is not installed (apt install libcurl4)"]
    assert_no_secrets(workspace, [result, refused])
