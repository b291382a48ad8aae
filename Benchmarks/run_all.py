#!/usr/bin/env python3
"""Benchmarks where users wait (issue 16), timed in one go; writes the top of Benchmarks/RESULTS.md.

    python3 Benchmarks/run_all.py --convene BIN --baseline BIN [--before BIN] [--quick] [--rounds N]
                                  [--results FILE] [--command TEXT]

Called by Benchmarks/run-all.sh, which builds the binaries first. Rows (each a whole process, wall
clock and peak RSS from wait4(2); medians of interleaved rounds, the order rotating per round):
  1. `propose` end to end for generated workspaces of 100 / 1,000 / 5,000 people (quick: 100 and 1,000),
     cold (no .convene/) and warm (the same command again), beside the C baseline run once per file;
  2. `freebusy` over the sample's 20 calendars (a folder) beside the C baseline run once per file;
  3. `freebusy` over 2,000 files of 1,000 events (quick: 200) with peak memory, beside the C baseline;
     `freebusy` of the 10k calendar: CPU time and (not with --quick) instruction counts (callgrind) beside the C baseline;
  4. process start: `convene --version`, and where its time goes;
  5. `invite --send` of 222 attendees with a send log of 5,000 earlier lines (a null mail program).
Rounds: 3 (quick: 2); the sample's freebusy at least 7 and the 10k calendar at least 5 (short rows, ratios
close to their goals); one round for 5,000 people and for the 2,000 files (the long rows: the full run takes
about 20 minutes on a quiet 2-core machine and 45 at load 10, the quick one about 5). With --before BIN every convene row is timed for both binaries, interleaved, and their outputs must
be byte-identical. The generated part of RESULTS.md lies between two markers; everything outside
them (the History, other sections) is kept as it is. Exit status 1 when an output differs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
BEGIN = "<!-- Benchmarks/run-all.sh: generated from here -->"
END = "<!-- Benchmarks/run-all.sh: generated up to here -->"
ENV = dict(os.environ, CONVENE_NOW="2027-03-01T09:00:00Z", NO_COLOR="1")
PROPOSE_WINDOW = ["--from", "2027-04-18", "--to", "2027-05-24"]  # what propose reads: window −1 day … +9 days
FREEBUSY_WINDOW = ["--from", "2027-04-19", "--to", "2027-05-17"]


LOADS: list[tuple[str, float]] = []  # (what was measured, the 1-minute load average when its round ended)


def say(text: str) -> None:
    LOADS.append((text, os.getloadavg()[0]))
    print(f"==> {text} (load {LOADS[-1][1]:.1f})", file=sys.stderr, flush=True)


class Run:
    def __init__(self, wall: float, cpu: float, rss_kib: int, out: bytes, rc: int, err: bytes) -> None:
        self.wall, self.cpu, self.rss_kib, self.out, self.rc, self.err = wall, cpu, rss_kib, out, rc, err


def measure_rusage(argv: list[str]) -> Run:
    """As `measure`, with the process's own rusage through wait4 (stdout to a file, so nothing blocks)."""
    out_path = os.path.join(WORK, "run-all-stdout")
    err_path = os.path.join(WORK, "run-all-stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=ENV, cwd=ROOT)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    with open(out_path, "rb") as fh:
        data = fh.read()
    with open(err_path, "rb") as fh:
        errors = fh.read()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, data, p.returncode, errors)


def per_file(baseline: str, files: list[str], window: list[str]) -> list[str]:
    """The C baseline run once over each file, one after another, in one shell."""
    listing = os.path.join(WORK, f"files-{hashlib.sha256(''.join(files).encode()).hexdigest()[:12]}.txt")
    with open(listing, "w") as fh:
        fh.write("\n".join(files) + "\n")
    script = f'while IFS= read -r f; do "$0" "$f" {" ".join(window)} > /dev/null || exit 1; done < "$1"'
    return ["bash", "-c", script, baseline, listing]


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


class Row:
    """One program in a comparison: its runs over the rounds."""

    def __init__(self, label: str, command: str) -> None:
        self.label, self.command = label, command
        self.runs: list[Run] = []

    @property
    def wall(self) -> float:
        return median([r.wall for r in self.runs])

    @property
    def cpu(self) -> float:
        return median([r.cpu for r in self.runs])

    @property
    def rss(self) -> float:
        return max(r.rss_kib for r in self.runs) / 1024


def generate_workspace(people: int, events: int = 200) -> str:
    folder = os.path.join(WORK, f"ws-{people}" + ("" if events == 200 else f"-{events}"))
    generator = os.path.join(HERE, "generate_workspace.py")
    with open(generator, "rb") as fh:
        stamp = hashlib.sha256(fh.read() + f"{people} {events}".encode()).hexdigest()
    stamp_file = os.path.join(folder, ".generated")
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return folder
    say(f"generating a workspace of {people:,} people ({events} events each) in {folder}")
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, generator, "--people", str(people), "--events", str(events), "--output", folder], check=True)
    with open(stamp_file, "w") as fh:
        fh.write(stamp)
    return folder


def many_files(count: int) -> str:
    """COUNT calendars of 1,000 events: 20 distinct generated ones (seeds 3000001…), each hard-linked in turn."""
    folder = os.path.join(WORK, f"fb-{count}")
    if os.path.isdir(folder) and len(os.listdir(folder)) == count:
        return folder
    say(f"writing {count:,} calendars of 1,000 events into {folder}")
    sources = os.path.join(WORK, "fb-sources")
    os.makedirs(sources, exist_ok=True)
    originals = []
    for k in range(20):
        path = os.path.join(sources, f"cal-{k:02d}.ics")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "generate_calendar.py"), "--count", "1000",
                            "--seed", str(3000001 + k), "--output", path], check=True)
        originals.append(path)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for i in range(count):
        os.link(originals[i % 20], os.path.join(folder, f"p{i:05d}.ics"))
    return folder


def fresh_state(ws: str) -> None:
    shutil.rmtree(os.path.join(ws, ".convene"), ignore_errors=True)


def rotate(items: list, r: int) -> list:
    k = r % len(items)
    return items[k:] + items[:k]


def compare(rows: list[Row], problems: list[str], what: str) -> None:
    """Every run of the convene rows printed the same bytes (before and after, cold and warm)."""
    outs = {r.out for row in rows for r in row.runs}
    if len(outs) > 1:
        problems.append(f"{what}: outputs differ ({len(outs)} distinct)")


def check_ok(row: Row, run: Run) -> None:
    if run.rc != 0:
        raise SystemExit(f"run_all.py: {row.label} failed with exit {run.rc}: {run.err.decode(errors='replace')[:400]}")


def rel(path: str) -> str:
    return os.path.relpath(path, ROOT)


def propose_rows(args, sizes: list[int], problems: list[str]) -> list[tuple]:
    result = []
    for people in sizes:
        ws = generate_workspace(people)
        files = sorted(os.path.join(rel(ws), "calendars", f) for f in os.listdir(os.path.join(ws, "calendars")))
        c = Row("C baseline, once per file", f"for f in {rel(ws)}/calendars/*.ics; do Benchmarks/work/baseline $f {' '.join(PROPOSE_WINDOW)}; done")
        binaries = [("after", args.convene)] + ([("before", args.before)] if args.before else [])
        cold = {tag: Row(f"convene propose, cold ({tag})", f"rm -rf {rel(ws)}/.convene; {rel(b)} propose bench -w {rel(ws)} --format json") for tag, b in binaries}
        warm = {tag: Row(f"convene propose, warm ({tag})", f"{rel(b)} propose bench -w {rel(ws)} --format json (again)") for tag, b in binaries}
        rounds = args.rounds if people < 5000 else 1  # the biggest row: one round (about 4 minutes on a quiet machine)
        for r in range(rounds):
            for step in rotate(["c"] + [tag for tag, _ in binaries], r):
                if step == "c":
                    run = measure_rusage(per_file(args.baseline, files, PROPOSE_WINDOW))
                    check_ok(c, run)
                    c.runs.append(run)
                    continue
                binary = dict(binaries)[step]
                fresh_state(ws)
                run = measure_rusage([binary, "propose", "bench", "-w", ws, "--format", "json"])
                check_ok(cold[step], run)
                cold[step].runs.append(run)
                run = measure_rusage([binary, "propose", "bench", "-w", ws, "--format", "json"])
                check_ok(warm[step], run)
                warm[step].runs.append(run)
            say(f"propose {people:,} people, round {r + 1}/{rounds}: C {c.runs[-1].wall:.2f}s, "
                + ", ".join(f"{tag} cold {cold[tag].runs[-1].wall:.2f}s warm {warm[tag].runs[-1].wall:.3f}s" for tag, _ in binaries))
        compare(list(cold.values()) + list(warm.values()), problems, f"propose {people} people")
        result.append((people, len(files), sum(os.path.getsize(os.path.join(ROOT, f)) for f in files), c, cold, warm, rounds))
    return result


def freebusy_rows(args, label: str, folder: str, rounds: int, problems: list[str]):
    files = sorted(os.path.join(rel(folder), f) for f in os.listdir(folder) if f.endswith(".ics"))
    c = Row("C baseline, once per file", f"for f in {rel(folder)}/*.ics; do Benchmarks/work/baseline $f {' '.join(FREEBUSY_WINDOW)}; done")
    binaries = [("after", args.convene)] + ([("before", args.before)] if args.before else [])
    rows = {tag: Row(f"convene freebusy ({tag})", f"{rel(b)} freebusy {rel(folder)} {' '.join(FREEBUSY_WINDOW)} --format json") for tag, b in binaries}
    for r in range(rounds):
        for step in rotate(["c"] + [tag for tag, _ in binaries], r):
            if step == "c":
                run = measure_rusage(per_file(args.baseline, files, FREEBUSY_WINDOW))
                check_ok(c, run)
                c.runs.append(run)
            else:
                run = measure_rusage([dict(binaries)[step], "freebusy", folder] + FREEBUSY_WINDOW + ["--format", "json"])
                check_ok(rows[step], run)
                rows[step].runs.append(run)
        say(f"freebusy {label}, round {r + 1}/{rounds}: C {c.runs[-1].wall:.2f}s, "
            + ", ".join(f"{tag} {rows[tag].runs[-1].wall:.2f}s {rows[tag].runs[-1].rss_kib / 1024:.0f} MiB" for tag, _ in binaries))
    compare(list(rows.values()), problems, f"freebusy {label}")
    return (label, len(files), sum(os.path.getsize(os.path.join(ROOT, f)) for f in files), c, rows, rounds)


def instructions(argv: list[str]) -> int | None:
    """Instructions executed by a whole process (`valgrind --tool=callgrind`), or None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
                       capture_output=True, text=True, env=ENV, cwd=ROOT)
    for line in p.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip())
    return None


def stripped(binary: str) -> str:
    """A copy of BINARY without DWARF: valgrind 3.19 cannot read Swift 6.3's debug information."""
    copy = os.path.join(WORK, "stripped-" + hashlib.sha256(os.path.realpath(binary).encode()).hexdigest()[:12])
    subprocess.run(["objcopy", "--strip-debug", binary, copy], check=True)
    return copy


def tenk_rows(args, rounds: int, problems: list[str]):
    """`freebusy` of the 10k calendar beside the C baseline: CPU time (user + system) and instruction counts."""
    cal = os.path.join(WORK, "calendar-10000-20250101.ics")
    if not os.path.exists(cal):
        say(f"generating {rel(cal)}")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_calendar.py"), "--count", "10000", "--seed", "20250101",
                        "--output", cal], check=True)
    binaries = [("after", args.convene)] + ([("before", args.before)] if args.before else [])
    c = Row("C baseline", f"Benchmarks/work/baseline {rel(cal)} {' '.join(FREEBUSY_WINDOW)}")
    rows = {tag: Row(f"convene freebusy ({tag})", f"{rel(b)} freebusy {rel(cal)} {' '.join(FREEBUSY_WINDOW)} --format json") for tag, b in binaries}
    for r in range(rounds):
        for step in rotate(["c"] + [tag for tag, _ in binaries], r):
            if step == "c":
                run = measure_rusage([args.baseline, cal] + FREEBUSY_WINDOW)
                check_ok(c, run)
                c.runs.append(run)
            else:
                run = measure_rusage([dict(binaries)[step], "freebusy", cal] + FREEBUSY_WINDOW + ["--format", "json"])
                check_ok(rows[step], run)
                rows[step].runs.append(run)
        say(f"freebusy 10k calendar, round {r + 1}/{rounds}: C {c.runs[-1].cpu:.2f}s CPU, "
            + ", ".join(f"{tag} {rows[tag].runs[-1].cpu:.2f}s CPU" for tag, _ in binaries))
    # convene's runs print the same bytes every round; the C baseline the same busy list (convene's JSON has more keys).
    compare(list(rows.values()), problems, "freebusy 10k calendar")
    if len({json.dumps(json.loads(r.out)["busy"]) for row in [c] + list(rows.values()) for r in row.runs}) > 1:
        problems.append("freebusy 10k calendar: the busy lists of convene and the C baseline differ")
    # Instruction counts take minutes under valgrind: the full run only.
    counts = {"c": None if args.quick else instructions([args.baseline, cal] + FREEBUSY_WINDOW)}
    for tag, binary in binaries:
        counts[tag] = instructions([stripped(binary), "freebusy", cal] + FREEBUSY_WINDOW + ["--format", "json"]) if counts["c"] else None
    return (rel(cal), os.path.getsize(cal), c, rows, rounds, counts)


def startup_rows(args) -> dict:
    binaries = [("after", args.convene)] + ([("before", args.before)] if args.before else [])
    rows = {tag: Row(f"convene --version ({tag})", f"{rel(b)} --version") for tag, b in binaries}
    floor = Row("/bin/true (process creation)", "/bin/true")
    for r in range(21):
        for step in rotate(["true"] + [tag for tag, _ in binaries], r):
            if step == "true":
                floor.runs.append(measure_rusage(["/bin/true"]))
            else:
                rows[step].runs.append(measure_rusage([dict(binaries)[step], "--version"]))
    loader = {}
    for tag, binary in binaries:
        # glibc's own count: "total startup time in dynamic loader: N cycles" (clock cycles, relocation included).
        samples = []
        for _ in range(5):
            p = subprocess.run([binary, "--version"], env=dict(ENV, LD_DEBUG="statistics"), capture_output=True, text=True)
            for line in p.stderr.splitlines():
                if "total startup time in dynamic loader" in line:
                    samples.append(int(line.split(":")[-1].split()[0].replace(",", "")))
        libs = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout.count("=>")
        loader[tag] = (median(samples) if samples else None, libs)
    return {"rows": rows, "floor": floor, "loader": loader}


def send_rows(args, problems: list[str]):
    """`invite --send` of 222 attendees, the send log already holding 5,000 lines of earlier attempts."""
    base = generate_workspace(222, events=10)
    null_mailer = os.path.join(WORK, "null-mailer")
    with open(null_mailer, "w") as fh:
        fh.write("#!/bin/sh\ncat > /dev/null\n")
    os.chmod(null_mailer, 0o755)
    binaries = [("after", args.convene)] + ([("before", args.before)] if args.before else [])
    rows = {tag: Row(f"convene invite --send ({tag})", f"{rel(b)} invite bench -w WS --send") for tag, b in binaries}

    def prepare() -> str:
        ws = os.path.join(WORK, "send-ws")
        shutil.rmtree(ws, ignore_errors=True)
        shutil.copytree(base, ws)
        with open(os.path.join(ws, "convene.yaml"), "a") as fh:
            fh.write(f"mail:\n  send_command: [{null_mailer}, -t]\n")
        with open(os.path.join(ws, "meetings", "bench", "slot.yaml"), "w") as fh:
            fh.write("start: 2027-04-20T08:00:00Z\nend: 2027-04-20T11:00:00Z\n")
        # 5,000 lines of earlier attempts: failed sends of older SEQUENCEs to the same people (a fault run).
        people = [line.split("email: ")[1].strip() for line in open(os.path.join(ws, "people.yaml")) if "email: " in line]
        lines = ["# convene send log: time\tmethod\tsequence\trecipient\tresult\tmessage-id"]
        for k in range(5000):
            lines.append(f"2027-02-01T09:{k // 60 % 60:02d}:{k % 60:02d}Z\tREQUEST\t{k % 7}\t{people[k % len(people)]}\t"
                         f"failed: exit status 75\t<bench.{k % 7}.{k}@town-0000.example>")
        with open(os.path.join(ws, "meetings", "bench", "sent.log"), "w") as fh:
            fh.write("\n".join(lines) + "\n")
        return ws

    for r in range(args.rounds):
        for tag, binary in rotate(binaries, r):
            ws = prepare()
            run = measure_rusage([binary, "invite", "bench", "-w", ws, "--send", "--format", "json"])
            check_ok(rows[tag], run)
            rows[tag].runs.append(run)
            with open(os.path.join(ws, "meetings", "bench", "sent.log"), "rb") as fh:
                log = fh.read()
            # The times of the new lines are CONVENE_NOW: the log itself must be the same bytes.
            run.out += b"\n--- sent.log ---\n" + log
        say(f"invite --send, round {r + 1}/{args.rounds}: " + ", ".join(f"{tag} {rows[tag].runs[-1].wall:.2f}s" for tag, _ in binaries))
    compare(list(rows.values()), problems, "invite --send")
    return rows


def sh(cmd: str) -> str:
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip() or "unknown"
    except Exception:  # noqa: BLE001 - informational only
        return "unknown"


def machine() -> list[tuple[str, str]]:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown")
    mem = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
    os_name = next((line.split("=", 1)[1].strip().strip('"') for line in open("/etc/os-release") if line.startswith("PRETTY_NAME=")), "unknown")
    return [("nproc", sh("nproc")), ("CPU", cpu), ("memory", f"{mem:.1f} GiB"),
            ("OS", f"{os_name}, kernel {platform.release()} ({platform.machine()})"),
            ("swift", sh("swift --version 2>&1 | head -n 1")), ("libical", sh("pkg-config --modversion libical")),
            ("C compiler", sh("cc --version | head -n 1"))]


def verdict(value: float, op: str, target: float) -> str:
    ok = value <= target if op == "<=" else value >= target
    return "met" if ok else "**NOT met**"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--convene", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--before", help="a second convene binary (e.g. main) timed beside --convene")
    ap.add_argument("--quick", action="store_true", help="100 and 1,000 people, 200 files, 2 rounds")
    ap.add_argument("--rounds", type=int)
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    ap.add_argument("--command", default="Benchmarks/run-all.sh")
    args = ap.parse_args()
    args.rounds = args.rounds or (2 if args.quick else 3)
    os.makedirs(WORK, exist_ok=True)
    started = datetime.now(timezone.utc)
    load_start = os.getloadavg()
    problems: list[str] = []
    sizes = [100, 1000] if args.quick else [100, 1000, 5000]
    count = 200 if args.quick else 2000

    startup = startup_rows(args)
    proposals = propose_rows(args, sizes, problems)
    # The sample row is short (well under a second per round) and close to its goal: more rounds.
    sample = freebusy_rows(args, "the sample's 20 calendars", os.path.join(ROOT, "samples/digital-regional/calendars"), max(7, args.rounds), problems)
    tenk = tenk_rows(args, max(5, args.rounds), problems)
    many = freebusy_rows(args, f"{count:,} files of 1,000 events", many_files(count), 1 if not args.quick else 1, problems)
    send = send_rows(args, problems)
    load_end = os.getloadavg()

    md: list[str] = [BEGIN, "# Benchmarks where users wait (issue 16)", ""]
    md.append(f"Generated {started.strftime('%Y-%m-%d %H:%M UTC')} by `{args.command}` "
              f"({'quick: ' if args.quick else ''}{args.rounds} interleaved rounds, medians; 1 round for the "
              f"{count:,}-file folder and for 5,000 people). Whole processes, wall clock; peak RSS from wait4(2). "
              f"convene: `{rel(args.convene)}`" + (f", beside `{rel(args.before)}` (before)" if args.before else "") + ".")
    md.append("")
    loads = f"load average {' '.join(f'{x:.2f}' for x in load_start)} at the start, {' '.join(f'{x:.2f}' for x in load_end)} at the end"
    busiest = max(load_start[0], load_end[0], *(load for _, load in LOADS))
    if busiest > (os.cpu_count() or 1):
        md.append(f"**The machine was loaded** ({loads}, up to {busiest:.1f} between the rows, on {os.cpu_count()} cores shared "
                  "with other builds): absolute times are noisy, the ratios of interleaved medians are the comparison to trust.")
    else:
        md.append(f"The machine was nearly quiet ({loads}, at most {busiest:.1f} between the rows, on {os.cpu_count()} cores).")
    md.append("")
    md.append("| machine | |")
    md.append("| --- | --- |")
    for k, v in machine():
        md.append(f"| {k} | {v.replace('|', '/')} |")
    md.append("")

    # Targets first.
    md += ["## Must show (issue 16)", "", "| target | measured | goal | |", "| --- | ---: | ---: | --- |"]
    by_people = {p[0]: p for p in proposals}
    if 1000 in by_people:
        _, _, _, c, cold, warm, _ = by_people[1000]
        md.append(f"| cold `propose`, 1,000 people / C baseline once per file | {cold['after'].wall / c.wall:.3f} | ≤ 0.25 | {verdict(cold['after'].wall / c.wall, '<=', 0.25)} |")
    for people, *_rest in proposals:
        _, _, _, c, cold, warm, _ = by_people[people]
        md.append(f"| warm `propose`, {people:,} people / its own cold run | {warm['after'].wall / cold['after'].wall:.4f} | ≤ 0.02 | {verdict(warm['after'].wall / cold['after'].wall, '<=', 0.02)} |")
    _, _, _, sc, srows, _ = sample
    md.append(f"| `freebusy` the sample's 20 calendars / C baseline once per file | {srows['after'].wall / sc.wall:.3f} | ≤ 0.2 | {verdict(srows['after'].wall / sc.wall, '<=', 0.2)} |")
    tpath, _, tc, trows, _, tcounts = tenk
    md.append(f"| `freebusy` CPU, the 10k calendar / C baseline (user + system) | {trows['after'].cpu / tc.cpu:.3f} | ≤ 1.1 | {verdict(trows['after'].cpu / tc.cpu, '<=', 1.1)} |")
    if tcounts.get("c") and tcounts.get("after"):
        md.append(f"| `freebusy` instructions, the 10k calendar / C baseline (callgrind) | {tcounts['after'] / tcounts['c']:.3f} | ≤ 1.1 | {verdict(tcounts['after'] / tcounts['c'], '<=', 1.1)} |")
    _, mcount, _, mc, mrows, _ = many
    md.append(f"| `freebusy` {mcount:,} files: peak memory | {mrows['after'].rss:.1f} MiB | ≤ 100 MiB | {verdict(mrows['after'].rss, '<=', 100)} |")
    md.append(f"| outputs byte-identical (every round{', before and after' if args.before else ''}; cold and warm) | "
              f"{'yes' if not problems else 'NO'} | yes | {'met' if not problems else '**NOT met**'} |")
    md.append("")
    for p in problems:
        md.append(f"- **{p}**")
    if problems:
        md.append("")
    # Where the warm target is below what any convene process costs before it reads a file, say so (measured here).
    start = startup["rows"]["after"].wall
    for people, *_rest in proposals:
        budget = 0.02 * by_people[people][4]["after"].wall
        if budget < start:
            md.append(f"{people:,} people: 0.02 × the cold run is {budget * 1000:.1f} ms, less than `convene --version` alone "
                      f"({start * 1000:.1f} ms in this run, see Process start): no warm run of a separate process can reach it.")
            md.append("")

    md += ["## `propose` end to end", "",
           "Workspaces from `Benchmarks/generate_workspace.py --people N` (towns of ten; 200 events per calendar in the "
           "styles of Outlook — `W. Europe Standard Time` from 1601 —, Google and Nextcloud in turn; a 4-week window, "
           "15-minute grid, 3 hours, every town by OB or deputy for half of the towns). Cold: `.convene/` removed first; "
           "warm: the same command again. The C baseline (`Benchmarks/baseline.c`) runs once over each file, one after "
           f"another, over the range propose reads (`{' '.join(PROPOSE_WINDOW)}`).", "",
           "| people | files | MB | C once per file | cold | warm | cold / C | warm / cold | warm CPU per person | peak RSS cold | peak RSS warm |"
           + (" cold before | warm before |" if args.before else ""),
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if args.before else "")]
    for people, nfiles, size, c, cold, warm, rounds in proposals:
        a, w = cold["after"], warm["after"]
        line = (f"| {people:,} | {nfiles:,} | {size / 1e6:.1f} | {c.wall:.3f} s | {a.wall:.3f} s | {w.wall:.3f} s | "
                f"{a.wall / c.wall:.3f} | {w.wall / a.wall:.4f} | {w.cpu / people * 1e6:.0f} µs | {a.rss:.1f} MiB | {w.rss:.1f} MiB |")
        if args.before:
            line += f" {cold['before'].wall:.3f} s | {warm['before'].wall:.3f} s |"
        md.append(line)
    md.append("")
    per_person = [(p, warm["after"].cpu / p) for p, _, _, _, _, warm, _ in proposals]
    if len(per_person) > 1:
        (p0, x0), (p1, x1) = per_person[-2], per_person[-1]
        md.append(f"Linearity: warm CPU per person from {p0:,} to {p1:,} people changes by {x1 / x0:.2f}× "
                  f"({'linear or better' if x1 / x0 <= 1.5 else '**grows faster than linear**'}; a quadratic check would "
                  f"make it about {p1 / p0:.0f}×).")
        md.append("")
    md.append("CPU time (user + system, medians): " + "; ".join(
        f"{p:,} people: C {c.cpu:.2f} s, cold {cold['after'].cpu:.2f} s, warm {warm['after'].cpu:.3f} s"
        + (f" (before: cold {cold['before'].cpu:.2f} s, warm {warm['before'].cpu:.3f} s)" if args.before else "")
        for p, _, _, c, cold, warm, _ in proposals) + ".")
    md.append("")

    md += ["## `freebusy` over many files", "",
           "| input | files | MB | C once per file | convene | convene / C | C CPU | convene CPU | peak RSS C | peak RSS convene |"
           + (" convene before | peak RSS before |" if args.before else ""),
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if args.before else "")]
    for label, nfiles, size, c, rows, rounds in (sample, many):
        a = rows["after"]
        line = (f"| {label} ({rounds} round{'s' if rounds > 1 else ''}) | {nfiles:,} | {size / 1e6:.1f} | {c.wall:.3f} s | {a.wall:.3f} s | "
                f"{a.wall / c.wall:.3f} | {c.cpu:.2f} s | {a.cpu:.2f} s | {c.rss:.1f} MiB | {a.rss:.1f} MiB |")
        if args.before:
            line += f" {rows['before'].wall:.3f} s | {rows['before'].rss:.1f} MiB |"
        md.append(line)
    md.append("")
    md.append(f"The {count:,} files are 20 generated calendars (`generate_calendar.py --count 1000 --seed 3000001…`) "
              f"hard-linked in turn; convene reads them as {count:,} files. Window `{' '.join(FREEBUSY_WINDOW)}`.")
    md.append("")

    md += ["## `freebusy` of one big calendar: CPU beside the C baseline", "",
           f"`{tpath}` (10,000 events, `generate_calendar.py --count 10000 --seed 20250101`, {tenk[1] / 1e6:.1f} MB), window "
           f"`{' '.join(FREEBUSY_WINDOW)}`; the C baseline prints the same busy list (checked every round). convene reads a big "
           "file in parts, one after another on one thread (since 9e71987; before, parts were parsed on helper threads, so "
           "its wall clock could be below its CPU time); the CPU time and the instruction count "
           "(`valgrind --tool=callgrind`, whole process, one run each, convene stripped of DWARF) are the comparison.", "",
           "| program | median wall | median CPU | instructions | peak RSS | rounds |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    def count_text(n):
        return f"{n / 1e6:,.1f} M" if n else "n/a"
    md.append(f"| C baseline | {tc.wall:.3f} s | {tc.cpu:.3f} s | {count_text(tcounts.get('c'))} | {tc.rss:.1f} MiB | {len(tc.runs)} |")
    for tag, row in trows.items():
        md.append(f"| `convene freebusy` ({tag}) | {row.wall:.3f} s | {row.cpu:.3f} s | {count_text(tcounts.get(tag))} | {row.rss:.1f} MiB | {len(row.runs)} |")
    md.append("")

    rows, floor, loader = startup["rows"], startup["floor"], startup["loader"]
    md += ["## Process start", "",
           "| program | median wall | median CPU | peak RSS | dynamic loader (glibc `LD_DEBUG=statistics`) | shared libraries |",
           "| --- | ---: | ---: | ---: | ---: | ---: |",
           f"| `/bin/true` (fork + exec, the floor) | {floor.wall * 1000:.1f} ms | {floor.cpu * 1000:.1f} ms | {floor.rss:.1f} MiB | | |"]
    for tag, row in rows.items():
        cycles, libs = loader[tag]
        md.append(f"| `convene --version` ({tag}) | {row.wall * 1000:.1f} ms | {row.cpu * 1000:.1f} ms | {row.rss:.1f} MiB | "
                  f"{(f'{cycles / 1e6:.1f} M cycles' if cycles else 'n/a')} | {libs} |")
    md.append("")

    md += ["## `invite --send` with a long send log", "",
           "222 attendees (`generate_workspace.py --people 222 --events 10`), `sent.log` already holding 5,000 lines of "
           "earlier failed attempts, a mail program that reads the message and keeps nothing; a fresh copy per run.", "",
           "| program | median wall | median CPU | rounds |", "| --- | ---: | ---: | ---: |"]
    for tag, row in send.items():
        md.append(f"| `invite --send` ({tag}) | {row.wall:.3f} s | {row.cpu:.3f} s | {len(row.runs)} |")
    md.append("")
    md.append(END)

    old = open(args.results).read() if os.path.exists(args.results) else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + "\n".join(md) + tail
    else:
        text = "\n".join(md) + "\n\n# History\n\nEarlier results, kept verbatim for comparison.\n\n" + old
    with open(args.results, "w") as fh:
        fh.write(text)
    print("\n".join(md))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
