#!/usr/bin/env python3
"""Interleaved wall-clock timing of whole processes, output check, RESULTS.md (used by run.sh).

    timing.py --reps 11 --results FILE --command "Benchmarks/run.sh" \
        --calendar FILE --window FROM TO \
        --prog a "C baseline (libical)" "CMD ..." --prog b "convene" "CMD ..." ...

Every round runs each program once (the order rotates from round to round) after one untimed
warm-up round; a program's time is the wall clock of the whole process (fork to exit),
stdout captured. Every run's "busy" list must equal the first program's (convene adds keys).
Each --prog has a role letter: the ratios (b)/(a) and (c)/(b) are reported when both exist;
the first --prog is the one the others' outputs are compared with. Exit status 1 when outputs
differ or a program fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

TARGETS = {("b", "a"): ("<=", 1.10), ("c", "b"): (">=", 10.0)}


def sh(cmd: str) -> str:
    try:
        out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip()
    except Exception as e:  # noqa: BLE001 - informational only
        return f"unknown ({e})"


def machine(python: str) -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    os_name = "unknown"
    try:
        with open("/etc/os-release") as fh:
            for line in fh:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return [
        ("nproc", sh("nproc")),
        ("CPU", cpu),
        ("memory", mem),
        ("OS", f"{os_name}, kernel {platform.release()} ({platform.machine()})"),
        ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("swift", sh("swift --version 2>&1 | head -n 1")),
        ("libical", sh("pkg-config --modversion libical")),
        ("C compiler", sh("cc --version | head -n 1")),
        ("python (reference)", sh(f"{shlex.quote(python)} --version 2>&1")),
        ("python packages", sh(f"{shlex.quote(python)} -m pip freeze 2>/dev/null | "
                               "grep -iE '^(icalendar|recurring.ical.events|python-dateutil|"
                               "x-wr-timezone|tzdata)==' | tr '\\n' ' '")),
    ]


def run_once(argv: list[str]) -> tuple[float, bytes, bytes, int]:
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    return time.perf_counter() - t0, p.stdout, p.stderr, p.returncode


def busy_of(output: bytes):
    """The busy list all three programs print; convene adds "unknown" and "warnings" (issue 12),
    the others do not, so only "busy" is compared (the bytes when it is not JSON)."""
    try:
        return json.loads(output)["busy"]
    except (ValueError, KeyError, TypeError):
        return output


def describe_diff(a: bytes, b: bytes) -> str:
    try:
        ja, jb = json.loads(a), json.loads(b)
    except ValueError:
        return "not both JSON"
    if ja == jb:
        return "same JSON, different bytes (formatting)"
    sa = {(x["start"], x["end"]) for x in ja.get("busy", [])}
    sb = {(x["start"], x["end"]) for x in jb.get("busy", [])}
    only_a, only_b = sorted(sa - sb), sorted(sb - sa)
    lines = [f"{len(sa)} vs {len(sb)} intervals; {len(only_a)} only in the first, "
             f"{len(only_b)} only in the second"]
    for tag, rows in (("only first ", only_a), ("only second", only_b)):
        for s, e in rows[:10]:
            lines.append(f"  {tag}: {s} .. {e}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=11)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--results", required=True)
    ap.add_argument("--outputs-dir", help="where to keep each program's output (default: beside --results)")
    ap.add_argument("--command", default="Benchmarks/run.sh")
    ap.add_argument("--calendar", required=True)
    ap.add_argument("--calendar-note", default="")
    ap.add_argument("--window", nargs=2, metavar=("FROM", "TO"), required=True)
    ap.add_argument("--python", default=sys.executable, help="the reference's python (for versions)")
    ap.add_argument("--prog", nargs=3, action="append", metavar=("ROLE", "LABEL", "CMD"), required=True)
    args = ap.parse_args()

    progs = [(label, shlex.split(cmd), cmd) for _, label, cmd in args.prog]
    role = {label: r for r, label, _ in args.prog}
    by_role = {r: label for r, label, _ in args.prog}
    info = machine(args.python)
    times: dict[str, list[float]] = {label: [] for label, _, _ in progs}
    outputs: dict[str, bytes] = {}
    failures: list[str] = []
    mismatches: dict[str, str] = {}
    started = datetime.now(timezone.utc)

    total = args.warmup + args.reps
    for rnd in range(total):
        order = progs[rnd % len(progs):] + progs[:rnd % len(progs)]
        for label, argv, _ in order:
            secs, out, err, rc = run_once(argv)
            if rc != 0:
                failures.append(f"{label}: exit {rc}: {err.decode(errors='replace').strip()[:500]}")
                print(f"FAILED {label}: exit {rc}", file=sys.stderr)
                print(err.decode(errors="replace"), file=sys.stderr)
                return 1
            if label not in outputs:
                outputs[label] = out
            elif out != outputs[label]:
                mismatches.setdefault(label, "output changed between runs")
            if rnd >= args.warmup:
                times[label].append(secs)
        done = "warm-up" if rnd < args.warmup else f"round {rnd - args.warmup + 1}/{args.reps}"
        print(f"{done}: " + ", ".join(
            f"{label} {times[label][-1]:.3f}s" if rnd >= args.warmup else label
            for label, _, _ in progs), file=sys.stderr, flush=True)

    first_label = progs[0][0]
    for label, _, _ in progs[1:]:
        if busy_of(outputs[label]) != busy_of(outputs[first_label]):
            mismatches[label] = describe_diff(outputs[first_label], outputs[label])

    med = {label: statistics.median(ts) for label, ts in times.items()}
    os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
    out_dir = args.outputs_dir or os.path.dirname(os.path.abspath(args.results))
    os.makedirs(out_dir, exist_ok=True)
    n_busy = "?"
    try:
        n_busy = str(len(json.loads(outputs[first_label])["busy"]))
    except (ValueError, KeyError):
        pass

    md: list[str] = []
    md.append("# freebusy benchmark results\n")
    md.append(f"Date: {started.strftime('%Y-%m-%d %H:%M UTC')}  ")
    md.append(f"Command: `{args.command}`\n")
    md.append("## Machine\n")
    info.insert(5, ("load average at end", " ".join(f"{x:.2f}" for x in os.getloadavg())))
    md.append("| | |")
    md.append("| --- | --- |")
    for k, v in info:
        md.append(f"| {k} | {v.replace('|', '/') or 'unknown'} |")
    md.append("")
    md.append("## Input\n")
    md.append(f"Calendar: `{args.calendar}` ({os.path.getsize(args.calendar):,} bytes)"
              f"{'; ' + args.calendar_note if args.calendar_note else ''}  ")
    md.append(f"Window: `--from {args.window[0]} --to {args.window[1]}` (Europe/Berlin), "
              f"{n_busy} merged busy intervals in the output.\n")
    md.append("## Programs\n")
    for label, _, cmd in progs:
        md.append(f"- ({role[label]}) {label}: `{cmd}`")
    md.append("")
    md.append(f"## Wall clock, whole process ({args.reps} interleaved rounds after "
              f"{args.warmup} warm-up round{'s' if args.warmup != 1 else ''})\n")
    md.append("| program | median | min | max |")
    md.append("| --- | ---: | ---: | ---: |")
    for label, _, _ in progs:
        ts = times[label]
        md.append(f"| ({role[label]}) {label} | {med[label]:.3f} s | {min(ts):.3f} s | "
                  f"{max(ts):.3f} s |")
    md.append("")
    ratio_lines = []
    for (x, y), (op, target) in TARGETS.items():
        if x in by_role and y in by_role:
            r = med[by_role[x]] / med[by_role[y]]
            ok = r <= target if op == "<=" else r >= target
            ratio_lines.append(f"| ({x})/({y}) {by_role[x]} / {by_role[y]} | {r:.2f} | "
                               f"{op} {target:g} | {'met' if ok else 'NOT met'} |")
    if ratio_lines:
        md.append("## Ratios of medians\n")
        md.append("| ratio | value | target | |")
        md.append("| --- | ---: | --- | --- |")
        md += ratio_lines
        md.append("")
    md.append("## Output check\n")
    if not mismatches:
        md.append(f"All {len(progs)} programs printed the same busy list in every run "
                  f"({len(outputs[first_label]):,} bytes from {first_label}; convene also prints "
                  f"\"unknown\" and \"warnings\").")
    else:
        for label, why in mismatches.items():
            md.append(f"- **{label}** differs from {first_label}:\n\n```\n{why}\n```")
    md.append("")
    md.append("Times per round (s):\n")
    md.append("| round | " + " | ".join(f"({role[label]})" for label, _, _ in progs) + " |")
    md.append("| ---: |" + " ---: |" * len(progs))
    for r in range(args.reps):
        md.append(f"| {r + 1} | " + " | ".join(f"{times[label][r]:.3f}" for label, _, _ in progs) + " |")
    md.append("")
    with open(args.results, "w") as fh:
        fh.write("\n".join(md))
    print("\n".join(md))
    for label, out in outputs.items():
        safe = "".join(c if c.isalnum() else "_" for c in label).strip("_")
        with open(os.path.join(out_dir, f"output-{safe}.json"), "wb") as fh:
            fh.write(out)
    return 1 if (mismatches or failures) else 0


if __name__ == "__main__":
    sys.exit(main())
