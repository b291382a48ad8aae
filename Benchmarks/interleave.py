#!/usr/bin/env python3
"""Interleaved rounds of `convene freebusy` from several release binaries beside the C baseline.

    python3 Benchmarks/interleave.py ROUNDS CALENDAR BINARY...

Each round runs every binary once (`freebusy CALENDAR --from 2027-04-19 --to 2027-05-17 --format json`),
then `Benchmarks/work/baseline` (built by run.sh / run-all.sh); prints per program the median wall time
and the median CPU (user + system from wait4), each also as a ratio to the C baseline, and the load.
The binaries' busy lists must be identical (exit status 1 otherwise); whether the whole outputs are
byte-identical is printed (a binary from before issue 12 writes no "unknown" and "warnings" keys).
"""
import json
import os
import statistics
import subprocess
import sys
import time

WINDOW = ["--from", "2027-04-19", "--to", "2027-05-17"]


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        sys.exit(f"interleave.py: {command[0]} exited with status {status}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, output


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    rounds, calendar, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    here = os.path.dirname(os.path.abspath(__file__))
    baseline = os.path.join(here, "work", "baseline")
    times = {name: [] for name in binaries + ["C baseline"]}
    outputs = set()
    load = os.getloadavg()
    for _ in range(rounds):
        for binary in binaries:
            wall, cpu, output = run([binary, "freebusy", calendar, *WINDOW, "--format", "json"])
            times[binary].append((wall, cpu))
            outputs.add(output)
        wall, cpu, _ = run([baseline, calendar, *WINDOW])
        times["C baseline"].append((wall, cpu))
    c_wall = statistics.median(t[0] for t in times["C baseline"])
    c_cpu = statistics.median(t[1] for t in times["C baseline"])
    for name, values in times.items():
        wall = statistics.median(t[0] for t in values)
        cpu = statistics.median(t[1] for t in values)
        print(f"{name:50s} wall {wall:.3f} s ({wall / c_wall:.2f}× C)  cpu {cpu:.3f} s ({cpu / c_cpu:.2f}× C)")
    print(f"{rounds} rounds; load {load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")
    busy = {json.dumps(json.loads(output)["busy"]) for output in outputs}
    if len(busy) > 1:
        print("busy lists differ between the binaries")
        sys.exit(1)
    print("outputs byte-identical" if len(outputs) == 1 else
          "busy lists identical; the whole outputs differ (keys one binary does not write)")


if __name__ == "__main__":
    main()
