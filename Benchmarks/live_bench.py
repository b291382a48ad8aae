#!/usr/bin/env python3
"""`convene propose` over live calendar sources (issue 14's benchmark row), used by Benchmarks/run-live.sh.

    live_bench.py --convene BIN [--rounds N] [--results FILE] [--command TEXT]

Two networks: the sample (22 people, 20 calendar exports) and the sample replicated to 220 people with 200
exports by `replicate()` (ten copies of every person: the first keeps the sample's ids, which topics and
meetings name, the others are `<id>-<k>` with deputies mapped to the same copy; each
copied export gets an `X-REPLICA:<k>` line so that no two files share a content hash and the busy cache
cannot serve one copy's parse to another). Each network is run twice over the same calendars:
  files  the exports as workspace files (the embedded default);
  live   every export as an `http://127.0.0.1:<port>/feed/<secret>/<file>` feed, served by the feed server of
         Tests/CrossCheck/test_live_calendars.py (ETag; If-None-Match answers 304) on a kernel-picked port;
         it runs in this process, and a timer shuts it down after 15 minutes should this script hang.
Per run: cold (`.convene/` removed: no busy cache, no fetch records) then warm (the same command again: for
files the cache index, for feeds every source answers 304 and nothing is parsed). Every round runs the four
(network, kind) pairs in a rotated order after one untimed warm-up round; times are wall clock of the whole
process; medians are reported. Outputs must be byte-identical between files and live (exit 1 otherwise).
--results FILE replaces the section between the `live-sources` markers in FILE, or appends it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "digital-regional"
sys.path.insert(0, str(ROOT / "Tests" / "CrossCheck"))
import test_live_calendars as live  # noqa: E402  (the feed server of the live-calendar cross-checks)

NOW = "2027-03-01T09:00:00Z"
BEGIN, END = "<!-- live-sources:begin -->", "<!-- live-sources:end -->"


def replicate(target: Path, copies: int) -> int:
    """The sample with every person `copies` times (or as it is for copies == 1); returns the number of exports."""
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns(".convene"))
    if copies == 1:
        return len(list((target / "calendars").glob("*.ics")))
    people_file = target / "people.yaml"
    data = yaml.safe_load(people_file.read_text(encoding="utf-8"))
    calendars = target / "calendars"
    originals = {p.stem: p.read_bytes() for p in calendars.glob("*.ics")}
    for path in calendars.glob("*.ics"):
        path.unlink()
    people = []
    for k in range(1, copies + 1):
        for person in data["people"]:
            copy = dict(person)
            if k > 1:  # the first copy keeps the sample's ids, which topics, meetings and minutes name
                copy["id"] = f"{person['id']}-{k}"
                copy["name"] = f"{person['name']} {k}"
                local, domain = person["email"].split("@")
                copy["email"] = f"{local}.{k}@{domain}"
                copy.pop("aliases", None)
                if "deputy" in person:
                    copy["deputy"] = f"{person['deputy']}-{k}"
            people.append(copy)
            if person["id"] in originals:
                body = originals[person["id"]]
                # One line after BEGIN:VCALENDAR makes every copy's bytes (and content hash) its own.
                first = body.index(b"\n") + 1
                (calendars / f"{copy['id']}.ics").write_bytes(body[:first] + f"X-REPLICA:{k}\r\n".encode() + body[first:])
    # Written in the sample's own layout (`  - id:` items), which live.point_people edits; JSON strings are YAML.
    lines = ["towns:"]
    for town in data["towns"]:
        lines += [f"  - id: {json.dumps(town['id'])}", f"    name: {json.dumps(town['name'], ensure_ascii=False)}"]
    lines.append("people:")
    for person in people:
        lines.append(f"  - id: {person['id']}")
        lines += [f"    {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in person.items() if key != "id"]
    people_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(list(calendars.glob("*.ics")))


def as_feeds(files: Path, target: Path, server, served: Path, prefix: str) -> None:
    """A copy of the workspace `files` whose people read their exports as feeds of `server`, which serves them from
    `served` under `<prefix><file name>`."""
    shutil.copytree(files, target, ignore=shutil.ignore_patterns(".convene"))
    exports = sorted((files / "calendars").glob("*.ics"))
    for path in exports:
        shutil.copy(path, served / f"{prefix}{path.name}")
    live.point_people(target, {p.stem: "'" + server.url(f"/feed/{live.FEED_SECRET}/{prefix}{p.name}") + "'" for p in exports})


def timed(convene: str, workspace: Path) -> tuple[float, bytes]:
    env = dict(os.environ, CONVENE_NOW=NOW, NO_COLOR="1")
    start = time.perf_counter()
    result = subprocess.run([convene, "propose", "spring-2027", "--format", "json", "-w", str(workspace)],
                            capture_output=True, env=env, timeout=600)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"live_bench.py: propose in {workspace} exited {result.returncode}: {result.stderr.decode()[-500:]}")
    return elapsed, result.stdout


def section(rows, args, exports, counts) -> str:
    load = os.getloadavg()
    lines = [
        BEGIN,
        "# Live sources (issue 14's benchmark row)",
        "",
        f"`convene propose spring-2027 --format json` with every calendar export read as a workspace file or as an "
        f"iCalendar feed from a loopback HTTP server (the feed server of `Tests/CrossCheck/test_live_calendars.py`, "
        f"ETag and 304, kernel-picked port, stopped by itself). Networks: the sample ({exports[1]} exports, 22 people) "
        f"and the sample replicated ten times ({exports[10]} exports, 220 people; each copy's bytes made unique, so "
        f"nothing is shared through the busy cache). Cold: `.convene/` removed (no busy cache, no fetch records); warm: "
        f"the same command again — files through the cache index, feeds answering 304 "
        f"({counts['304']} of {counts['304'] + counts['200']} feed requests over all rounds), nothing parsed. "
        f"Release build, {args.rounds} interleaved rounds after one warm-up round, medians of wall clock of the whole "
        f"process. Output of the live runs byte-identical to the file runs: checked every round.",
        "",
        f"Command: `{args.command}`, {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M')} UTC, "
        f"the machine of the rows above ({os.cpu_count()} cores, {platform.machine()}). **The machine was loaded** (other builds "
        f"running, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} at the end): the absolute numbers are "
        f"noisy, their ratios too (rerun on a quiet machine for figures to compare); the warm rows, where files and feeds "
        f"differ only by the conditional requests, are the steadiest.",
        "",
        "| sources | run | files | live (loopback feeds) | live / files |",
        "| ---: | --- | ---: | ---: | ---: |",
    ]
    for exports_count, kind, files_median, live_median in rows:
        lines.append(f"| {exports_count} | {kind} | {files_median:.3f} s | {live_median:.3f} s | {live_median / files_median:.2f} |")
    by = {(n, kind): (f, l) for n, kind, f, l in rows}
    lines.append("")
    for n in sorted({n for n, _, _, _ in rows}):
        files_warm, live_warm = by[(n, "warm")]
        files_cold, live_cold = by[(n, "cold")]
        lines.append(f"- {n} sources: a warm live run costs {live_warm - files_warm:+.3f} s against files ({n} conditional "
                     f"requests answered 304, {1000 * (live_warm - files_warm) / n:+.1f} ms each); warm is "
                     f"{live_warm / live_cold:.2f} of cold for feeds and {files_warm / files_cold:.2f} for files.")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--convene", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results")
    parser.add_argument("--command", default="Benchmarks/live_bench.py", help="the command line to name in the results")
    args = parser.parse_args()

    server = live.FeedServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    stopper = threading.Timer(900, server.httpd.shutdown)  # stops by itself should this script hang
    stopper.daemon = True
    stopper.start()
    work = Path(tempfile.mkdtemp(prefix="convene-live-bench-"))
    try:
        # The feed server serves /feed/<secret>/<name> from its module's SAMPLE/calendars: point it at a folder with
        # both networks' exports, the replicated network's names prefixed with "r-" (the first copies share names).
        served = work / "served"
        (served / "calendars").mkdir(parents=True)
        live.SAMPLE = served
        exports, workspaces = {}, {}
        for copies in (1, 10):
            files = work / f"files-{copies}"
            exports[copies] = replicate(files, copies)
            feeds = work / f"live-{copies}"
            as_feeds(files, feeds, server, served / "calendars", "" if copies == 1 else "r-")
            workspaces[(copies, "files")] = files
            workspaces[(copies, "live")] = feeds

        pairs = [(1, "files"), (1, "live"), (10, "files"), (10, "live")]
        times = {(c, k, w): [] for c, k in pairs for w in ("cold", "warm")}
        for round_number in range(args.rounds + 1):
            order = pairs[round_number % 4:] + pairs[:round_number % 4]
            outputs = {}
            for copies, kind in order:
                workspace = workspaces[(copies, kind)]
                shutil.rmtree(workspace / ".convene", ignore_errors=True)
                cold, cold_out = timed(args.convene, workspace)
                warm, warm_out = timed(args.convene, workspace)
                if cold_out != warm_out:
                    sys.exit(f"live_bench.py: cold and warm output differ for {copies} copies, {kind}")
                outputs[(copies, kind)] = cold_out
                if round_number > 0:  # round 0 is the warm-up
                    times[(copies, kind, "cold")].append(cold)
                    times[(copies, kind, "warm")].append(warm)
            for copies in (1, 10):
                if outputs[(copies, "files")] != outputs[(copies, "live")]:
                    sys.exit(f"live_bench.py: live output differs from files for {exports[copies]} sources")
            print(f"round {round_number}{' (warm-up)' if round_number == 0 else ''} done", file=sys.stderr)
        counts = {"304": server.count(304), "200": server.count(200)}
        rows = []
        for copies in (1, 10):
            for when in ("cold", "warm"):
                files_median = statistics.median(times[(copies, "files", when)])
                live_median = statistics.median(times[(copies, "live", when)])
                rows.append((exports[copies], when, files_median, live_median))
                print(f"{exports[copies]:>4} sources {when}: files {files_median:.3f} s, live {live_median:.3f} s "
                      f"(runs: files {', '.join(f'{t:.3f}' for t in times[(copies, 'files', when)])}; "
                      f"live {', '.join(f'{t:.3f}' for t in times[(copies, 'live', when)])})")
        text = section(rows, args, exports, counts)
        if args.results:
            results = Path(args.results)
            old = results.read_text(encoding="utf-8") if results.exists() else ""
            if BEGIN in old and END in old:
                new = old[:old.index(BEGIN)] + text + old[old.index(END) + len(END) + 1:]
            else:
                new = old + ("" if old.endswith("\n\n") or not old else "\n") + text
            results.write_text(new, encoding="utf-8")
            print(f"wrote the section to {results}", file=sys.stderr)
        else:
            print(text)
        return 0
    finally:
        stopper.cancel()
        server.stop.set()
        server.httpd.shutdown()
        server.httpd.server_close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
