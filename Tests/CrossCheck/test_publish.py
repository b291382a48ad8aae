"""Publishing to a shared CalDAV calendar and task list (issue 14, Build 5) against a real Radicale on
127.0.0.1 with password auth (the server fixture of test_live_calendars.py), read back with the python
`caldav` client (pinned in requirements.txt) — an implementation independent of convene's.

Must show: after `invite --publish` the event is on the calendar; an update changes it in place (same
href, higher SEQUENCE); `cancel --publish` marks it cancelled; `actions publish` creates one VTODO per
action item (CATEGORIES = town); `actions done` + publish completes one; a change made on the server
is not overwritten (HTTP 412, one line naming the host, no credentials)."""

from urllib.parse import unquote

import caldav

from test_live_calendars import PASSWORD, USER, caldav_server, run, workspace_copy, write_netrc

UID = "spring-2027@ettlingen.example"
ACTION = "kickoff-bruchsal-leitfaden-e-akte"


def make_collection(server, name, component):
    body = (f'<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            f'<D:set><D:prop><D:displayname>{name}</D:displayname><C:supported-calendar-component-set>'
            f'<C:comp name="{component}"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>').encode()
    status, _ = server.request("MKCALENDAR", f"{server.home}{name}/", body, {"Content-Type": "application/xml; charset=utf-8"})
    assert status == 201, status
    return f"http://127.0.0.1:{server.port}{server.home}{name}/"


def publishing_workspace(tmp_path, server):
    workspace = workspace_copy(tmp_path)
    calendar = make_collection(server, "netzwerk", "VEVENT")
    tasks = make_collection(server, "aufgaben", "VTODO")
    with open(workspace / "convene.yaml", "a") as config:
        config.write(f"publish:\n  caldav: {calendar}\n  tasks: {tasks}\n")
    return workspace, calendar, tasks


def collection(url):
    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    return client.calendar(url=url)


def events(url):
    """href → the VEVENT (icalendar component) of every resource in the collection."""
    found = {}
    for item in collection(url).events():
        (event,) = [c for c in item.icalendar_instance.walk("VEVENT")]
        found[unquote(str(item.url))] = event
    return found


def todos(url):
    found = {}
    for item in collection(url).todos(include_completed=True):
        (todo,) = [c for c in item.icalendar_instance.walk("VTODO")]
        found[str(todo["UID"])] = (unquote(str(item.url)), todo)
    return found


def no_secret(result):
    assert PASSWORD not in result.stdout + result.stderr


def test_invite_update_cancel_are_published_in_place(tmp_path):
    with caldav_server("radicale", tmp_path) as server:
        workspace, calendar, _ = publishing_workspace(tmp_path, server)
        env = write_netrc(tmp_path)
        run(workspace, "propose", "spring-2027", "--pick", "1", env=env)

        # A dry run that prepares a new version publishes nothing (and says why).
        dry = run(workspace, "invite", "spring-2027", "--publish", env=env, check=False)
        assert dry.returncode == 1 and "nothing published" in dry.stderr and dry.stderr.count("\n") == 1
        assert events(calendar) == {}

        first = run(workspace, "invite", "spring-2027", "--mark-sent", "--publish", env=env)
        assert "created, SEQUENCE 0" in first.stdout and "127.0.0.1" in first.stdout
        no_secret(first)
        ((href, event),) = events(calendar).items()
        assert href.endswith("/netzwerk/" + UID + ".ics")
        assert str(event["UID"]) == UID and int(event.get("SEQUENCE", 0)) == 0
        published = (workspace / "meetings" / "spring-2027" / "out" / "event.ics").read_bytes()
        assert b"METHOD" not in published

        # Nothing changed: nothing is put again.
        again = run(workspace, "invite", "spring-2027", "--publish", env=env)
        assert "Published already" in again.stdout

        # Another slot: SEQUENCE 1, the same resource.
        run(workspace, "propose", "spring-2027", "--pick", "2", env=env)
        run(workspace, "invite", "spring-2027", env=env)
        update = run(workspace, "invite", "spring-2027", "--mark-sent", "--publish", env=env)
        assert "updated, SEQUENCE 1" in update.stdout
        ((href_after, event),) = events(calendar).items()
        assert href_after == href and int(event["SEQUENCE"]) == 1 and str(event.get("STATUS", "CONFIRMED")) != "CANCELLED"

        run(workspace, "cancel", "spring-2027", "--reason", "Verschoben", env=env)
        cancel = run(workspace, "cancel", "spring-2027", "--reason", "Verschoben", "--mark-sent", "--publish", env=env)
        assert "cancelled event" in cancel.stdout
        ((href_cancelled, event),) = events(calendar).items()
        assert href_cancelled == href and str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 2


def test_a_change_on_the_server_is_not_overwritten(tmp_path):
    with caldav_server("radicale", tmp_path) as server:
        workspace, calendar, _ = publishing_workspace(tmp_path, server)
        env = write_netrc(tmp_path)
        run(workspace, "propose", "spring-2027", "--pick", "1", env=env)
        run(workspace, "invite", "spring-2027", env=env)
        run(workspace, "invite", "spring-2027", "--mark-sent", "--publish", env=env)
        (item,) = collection(calendar).events()
        item.icalendar_component["SUMMARY"] = "changed by a colleague"
        item.save()

        run(workspace, "propose", "spring-2027", "--pick", "2", env=env)
        run(workspace, "invite", "spring-2027", env=env)
        refused = run(workspace, "invite", "spring-2027", "--mark-sent", "--publish", env=env, check=False)
        assert refused.returncode == 1
        (line,) = refused.stderr.splitlines()
        assert line.startswith("convene: error: convene.yaml: publish.caldav: publishing to 127.0.0.1: HTTP 412: the event of spring-2027 was changed")
        assert "meetings/spring-2027/published.yaml" in line
        assert "/netzwerk" not in line
        no_secret(refused)
        ((_, event),) = events(calendar).items()
        assert str(event["SUMMARY"]) == "changed by a colleague"


def test_actions_publish_creates_and_completes_tasks(tmp_path):
    with caldav_server("radicale", tmp_path) as server:
        workspace, _, tasks = publishing_workspace(tmp_path, server)
        env = write_netrc(tmp_path)
        listed = run(workspace, "actions", "--format", "json", env=env).stdout
        import json
        items = json.loads(listed)

        first = run(workspace, "actions", "publish", env=env)
        assert f"{len(items)} created" in first.stdout
        no_secret(first)
        found = todos(tasks)
        assert set(found) == {f"action-{item['id']}@ettlingen.example" for item in items}
        for item in items:
            href, todo = found[f"action-{item['id']}@ettlingen.example"]
            assert href.endswith(f"/aufgaben/action-{item['id']}@ettlingen.example.ics")
            assert [str(c) for c in todo["CATEGORIES"].cats] == [item["town"]]
            expected = {"open": "NEEDS-ACTION", "in-progress": "IN-PROCESS", "done": "COMPLETED", "dropped": "CANCELLED"}[item["status"]]
            assert str(todo["STATUS"]) == expected
            if expected == "COMPLETED":
                assert int(todo["PERCENT-COMPLETE"]) == 100

        unchanged = run(workspace, "actions", "publish", env=env)
        assert f"0 created, 0 updated, {len(items)} unchanged" in unchanged.stdout

        uid = f"action-{ACTION}@ettlingen.example"
        assert str(found[uid][1]["STATUS"]) == "NEEDS-ACTION"
        run(workspace, "actions", "done", ACTION, "--note", "verschickt", env=env)  # the register, not the hand-written minutes
        done = run(workspace, "actions", "publish", "--town", "bruchsal", env=env)
        assert "1 updated" in done.stdout
        href, todo = todos(tasks)[uid]
        assert href == found[uid][0]
        assert str(todo["STATUS"]) == "COMPLETED" and int(todo["PERCENT-COMPLETE"]) == 100

        # An item taken out of the minutes: its task is deleted (only when its town is published).
        minutes = workspace / "meetings" / "kickoff" / "minutes.yaml"
        text = minutes.read_text()
        block = ("      - id: kickoff-baden-baden-lizenzen\n        title: Lizenzfragen für offene Daten klären\n"
                 "        town: baden-baden\n        responsible: baden-baden-main-office\n        status: open\n")
        assert block in text
        minutes.write_text(text.replace(block, ""))
        gone = "action-kickoff-baden-baden-lizenzen@ettlingen.example"
        other = run(workspace, "actions", "publish", "--town", "bruchsal", env=env)
        assert "0 removed" in other.stdout and gone in todos(tasks)
        removed = run(workspace, "actions", "publish", env=env)
        assert "1 removed" in removed.stdout and gone not in todos(tasks)
        assert len(todos(tasks)) == len(items) - 1


def test_wrong_credentials_are_one_line_without_them(tmp_path):
    with caldav_server("radicale", tmp_path) as server:
        workspace, _, tasks = publishing_workspace(tmp_path, server)
        refused = run(workspace, "actions", "publish", env=write_netrc(tmp_path, password="wrong-Pa55"), check=False)
        assert refused.returncode == 1
        (line,) = refused.stderr.splitlines()
        assert line == ("convene: error: convene.yaml: publish.tasks: publishing to 127.0.0.1: "
                        "HTTP 401: the credentials for 127.0.0.1 were refused")
        assert "wrong-Pa55" not in refused.stdout + refused.stderr
        assert todos(tasks) == {}
        assert not (workspace / "published-tasks.yaml").exists()
