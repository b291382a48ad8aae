#!/usr/bin/env python3
"""Write a deterministic benchmark calendar for `convene freebusy`.

    python3 Benchmarks/generate_calendar.py [--count 10000] [--seed 20250101] [--output FILE]

The calendar holds exactly COUNT VEVENT components (RECURRENCE-ID overrides included) spread over
2025-01-01 ... 2027-12-31, all in TZID=Europe/Berlin with an embedded VTIMEZONE:

* single timed events (DTEND or DURATION), a few spanning midnight or several days;
* single all-day events (VALUE=DATE, with and without DTEND);
* recurring series: FREQ=DAILY / WEEKLY (BYDAY, INTERVAL) / MONTHLY (BYMONTHDAY or BYDAY=nWD),
  bounded by COUNT or UNTIL or open-ended, timed and all-day, with EXDATEs;
* RECURRENCE-ID overrides that move an instance, change its length, cancel it
  (STATUS:CANCELLED) or make it free (TRANSP:TRANSPARENT); a few match no generated instance;
* a share of TRANSP:TRANSPARENT, STATUS:CANCELLED/TENTATIVE and X-MICROSOFT-CDO-BUSYSTATUS:FREE.

Every DTSTART lies on its own RRULE (so "DTSTART is the first instance" and "the rule generates
DTSTART" agree) and no local time falls into a DST gap or fold. Standard library only; the same
arguments always give byte-identical output (CRLF line endings, lines folded at 75 octets).
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

TZID = "Europe/Berlin"
ZONE = ZoneInfo(TZID)
FIRST_DAY = date(2025, 1, 1)
LAST_DAY = date(2027, 12, 31)
SPAN_DAYS = (LAST_DAY - FIRST_DAY).days + 1
# The window timed by Benchmarks/run.sh; some overrides are aimed at it so that it sees them.
WINDOW = (date(2027, 4, 19), date(2027, 5, 17))
DTSTAMP = "20250101T000000Z"
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]

SUBJECTS = [
    "Standup", "1:1", "Planning", "Review", "Retro", "Lunch", "Customer call", "Interview",
    "Design sync", "Budget", "Dentist", "Gym", "Focus time", "Travel", "Workshop", "Demo",
    "Board meeting", "Offsite prep", "Hiring loop", "Release", "On-call handover", "Training",
]


def fold(line: str) -> str:
    """RFC 5545 folding: at most 75 octets per physical line, continuation lines start with a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, cur, limit = [], b"", 75
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > limit:
            parts.append(cur.decode("utf-8"))
            cur, limit = b"", 74
        cur += b
    parts.append(cur.decode("utf-8"))
    return "\r\n ".join(parts)


def fmt_local(dt: datetime) -> str:
    return dt.strftime("%Y%m%dT%H%M%S")


def fmt_date(d: date) -> str:
    return d.strftime("%Y%m%d")


def fmt_utc(dt_local: datetime) -> str:
    return dt_local.replace(tzinfo=ZONE).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def utc_offset(local: datetime) -> timedelta:
    return local.replace(tzinfo=ZONE).utcoffset()


def unambiguous(local: datetime) -> bool:
    """False inside a DST gap (no such local time) or fold (two of them)."""
    a, b = local.replace(tzinfo=ZONE, fold=0), local.replace(tzinfo=ZONE, fold=1)
    if a.utcoffset() != b.utcoffset():
        return False
    return a.astimezone(timezone.utc).astimezone(ZONE).replace(tzinfo=None) == local


def fmt_duration(minutes: int) -> str:
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    out = "P"
    if days:
        out += f"{days}D"
    if hours or mins:
        out += "T"
        if hours:
            out += f"{hours}H"
        if mins:
            out += f"{mins}M"
    return out if out != "P" else "PT0S"


def add_months(d: date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    if n > 0:
        first = date(year, month, 1)
        d = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        return d if d.month == month else None
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


class Generator:
    def __init__(self, count: int, seed: int) -> None:
        self.count = count
        self.rng = random.Random(seed)
        self.events: list[list[str]] = []
        self.uid_seq = 0
        self.stats = {"single": 0, "allday": 0, "master": 0, "override": 0, "orphan": 0,
                      "exdate": 0, "open": 0}

    # ---- helpers -------------------------------------------------------------------------
    def uid(self) -> str:
        self.uid_seq += 1
        return f"bench-{self.uid_seq:06d}@convene.example"

    def rand_day(self, lo: date = FIRST_DAY, hi: date = LAST_DAY) -> date:
        return lo + timedelta(days=self.rng.randrange((hi - lo).days + 1))

    def rand_time(self) -> time:
        r = self.rng.random()
        if r < 0.85:
            minute = self.rng.randrange(7 * 12, 19 * 12) * 5  # 07:00 .. 18:55
        elif r < 0.95:
            minute = self.rng.randrange(19 * 12, 23 * 12) * 5  # evening
        else:
            minute = self.rng.randrange(4 * 12, 7 * 12) * 5  # early morning (after any DST gap)
        return time(minute // 60, minute % 60)

    def rand_minutes(self) -> int:
        return self.rng.choice([15, 20, 25, 30, 30, 30, 45, 45, 50, 60, 60, 60, 75, 90, 120, 180])

    def busy_props(self, transparent_share: float) -> list[str]:
        rng = self.rng
        props = []
        r = rng.random()
        if r < transparent_share:
            props.append("TRANSP:TRANSPARENT")
        elif r < transparent_share + 0.3:
            props.append("TRANSP:OPAQUE")
        r = rng.random()
        if r < 0.03:
            props.append("STATUS:CANCELLED")
        elif r < 0.10:
            props.append("STATUS:TENTATIVE")
        elif r < 0.40:
            props.append("STATUS:CONFIRMED")
        if rng.random() < 0.01:
            props.append("X-MICROSOFT-CDO-BUSYSTATUS:FREE")
        elif rng.random() < 0.02:
            props.append("X-MICROSOFT-CDO-BUSYSTATUS:BUSY")
        return props

    def head(self, uid: str) -> list[str]:
        return ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{DTSTAMP}",
                f"SUMMARY:{self.rng.choice(SUBJECTS)} #{self.uid_seq}"]

    def timed_span(self, start: datetime, minutes: int, use_duration: bool) -> list[str]:
        end = start + timedelta(minutes=minutes)
        while not unambiguous(end):  # never end inside a DST gap or fold
            end += timedelta(hours=1)
        lines = [f"DTSTART;TZID={TZID}:{fmt_local(start)}"]
        if use_duration and utc_offset(start) == utc_offset(end):
            # (DURATION only where exact and nominal length agree)
            lines.append(f"DURATION:{fmt_duration(int((end - start).total_seconds()) // 60)}")
        else:
            lines.append(f"DTEND;TZID={TZID}:{fmt_local(end)}")
        return lines

    def allday_span(self, day: date, days: int, with_end: bool) -> list[str]:
        lines = [f"DTSTART;VALUE=DATE:{fmt_date(day)}"]
        if with_end:
            lines.append(f"DTEND;VALUE=DATE:{fmt_date(day + timedelta(days=days))}")
        return lines

    # ---- single events -------------------------------------------------------------------
    def single_timed(self) -> None:
        rng = self.rng
        day = self.rand_day()
        if day.weekday() >= 5 and rng.random() < 0.8:  # mostly on weekdays
            day -= timedelta(days=rng.randint(1, 5))
            day = max(day, FIRST_DAY)
        start = datetime.combine(day, self.rand_time())
        minutes = self.rand_minutes()
        r = rng.random()
        if r < 0.003:
            minutes = rng.randrange(2, 5) * 24 * 60 + rng.randrange(0, 24) * 60  # trip, days long
        elif r < 0.02:
            start = datetime.combine(start.date(), time(rng.choice([21, 22, 23]), 0))
            minutes = rng.choice([180, 300, 480])  # past midnight
        elif r < 0.03:
            minutes = 0  # DTEND == DTSTART: zero length, dropped
        ev = self.head(self.uid())
        ev += self.timed_span(start, minutes, rng.random() < 0.2)
        ev += self.busy_props(0.08)
        self.events.append(ev + ["END:VEVENT"])
        self.stats["single"] += 1

    def single_allday(self) -> None:
        rng = self.rng
        day = self.rand_day()
        days = rng.choice([1, 1, 1, 1, 2, 3, 5, 7])
        with_end = days > 1 or rng.random() < 0.7
        ev = self.head(self.uid())
        ev += self.allday_span(day, days, with_end)
        ev += self.busy_props(0.95)
        self.events.append(ev + ["END:VEVENT"])
        self.stats["allday"] += 1

    # ---- recurring series ----------------------------------------------------------------
    def expand(self, freq: str, d0: date, interval: int, byday: list[int] | None,
               nth: int | None, count: int | None, until: date | None) -> list[date]:
        """Local dates of the series (enough for choosing EXDATEs and overrides)."""
        limit = date(2028, 1, 31)
        if until is not None:
            limit = min(limit, until)
        out: list[date] = []

        def push(d: date) -> bool:
            if d > limit or (count is not None and len(out) >= count):
                return False
            if d >= d0:
                out.append(d)
            return True

        if freq == "DAILY":
            d = d0
            while push(d):
                d += timedelta(days=interval)
        elif freq == "WEEKLY":
            week0 = d0 - timedelta(days=d0.weekday())
            w = 0
            while True:
                base = week0 + timedelta(weeks=w)
                if base > limit:
                    break
                stop = False
                for wd in sorted(byday or [d0.weekday()]):
                    if not push(base + timedelta(days=wd)):
                        stop = True
                        break
                if stop:
                    break
                w += interval
        else:  # MONTHLY
            k = 0
            while True:
                y, m = add_months(d0, k)
                d = date(y, m, d0.day) if nth is None else nth_weekday(y, m, d0.weekday(), nth)
                if d is None:
                    k += interval
                    continue
                if not push(d):
                    break
                k += interval
        return out

    def series(self, budget: int) -> None:
        rng = self.rng
        allday = rng.random() < 0.12
        freq = rng.choices(["DAILY", "WEEKLY", "MONTHLY"], weights=[20, 55, 25])[0]
        d0 = self.rand_day(FIRST_DAY, date(2027, 11, 30))
        interval = 1
        byday: list[int] | None = None
        nth: int | None = None
        rule = f"FREQ={freq}"
        if freq == "DAILY":
            if d0.weekday() >= 5:
                d0 -= timedelta(days=2)
            interval = rng.choice([1, 1, 1, 2, 3, 7])
        elif freq == "WEEKLY":
            interval = rng.choice([1, 1, 1, 1, 2, 2, 3, 4])
            if rng.random() < 0.45:
                extra = rng.sample(range(5), rng.randint(1, 3))
                byday = sorted(set(extra) | {d0.weekday()})
                rule += ";BYDAY=" + ",".join(WEEKDAYS[w] for w in byday)
        else:
            interval = rng.choice([1, 1, 1, 2, 3])
            if rng.random() < 0.5:
                if d0.day > 28:
                    d0 = d0.replace(day=rng.randint(1, 28))
                rule += f";BYMONTHDAY={d0.day}"
            else:
                nth = rng.choice([1, 2, 3, 4, -1])
                y, m = d0.year, d0.month
                d0 = nth_weekday(y, m, rng.randrange(5), nth)
                rule += f";BYDAY={nth}{WEEKDAYS[d0.weekday()]}"
        if interval > 1:
            rule += f";INTERVAL={interval}"

        open_share = {"DAILY": 0.01, "WEEKLY": 0.06, "MONTHLY": 0.2}[freq]
        count = until = None
        r = rng.random()
        if r < open_share:
            self.stats["open"] += 1
        elif r < open_share + (1 - open_share) / 2:
            count = rng.randint(2, {"DAILY": 10, "WEEKLY": 30, "MONTHLY": 18}[freq])
            rule += f";COUNT={count}"
        else:
            span = {"DAILY": 30, "WEEKLY": 180, "MONTHLY": 540}[freq]
            until = d0 + timedelta(days=rng.randint(1, span))
        start_t = self.rand_time()
        if until is not None:
            if allday:
                rule += f";UNTIL={fmt_date(until)}"
            else:
                rule += f";UNTIL={fmt_utc(datetime.combine(until, time(23, 59, 59)))}"

        instances = self.expand(freq, d0, interval, byday, nth, count, until)
        uid = self.uid()
        ev = self.head(uid)
        if allday:
            days = 1 if freq == "DAILY" else rng.choice([1, 1, 1, 2])
            ev += self.allday_span(d0, days, rng.random() < 0.8 or days > 1)
            ev += self.busy_props(0.9)
        else:
            minutes = self.rand_minutes()
            if freq == "DAILY":
                minutes = min(minutes, 60)
            ev += self.timed_span(datetime.combine(d0, start_t), minutes, rng.random() < 0.2)
            ev += self.busy_props(0.06)
        ev.append(f"RRULE:{rule}")

        # EXDATEs: never the first instance; sometimes two in one property.
        exdates: set[date] = set()
        if len(instances) > 3 and rng.random() < 0.35:
            picks = rng.sample(instances[1:], min(len(instances) - 1, rng.randint(1, 4)))
            picks.sort()
            exdates = set(picks)
            vals = [fmt_date(d) if allday else fmt_local(datetime.combine(d, start_t)) for d in picks]
            prefix = "EXDATE;VALUE=DATE:" if allday else f"EXDATE;TZID={TZID}:"
            i = 0
            while i < len(vals):
                n = 2 if rng.random() < 0.3 else 1
                ev.append(prefix + ",".join(vals[i:i + n]))
                i += n
            self.stats["exdate"] += len(picks)
        self.events.append(ev + ["END:VEVENT"])
        self.stats["master"] += 1

        # Overrides, up to the budget left for this series.
        candidates = [d for d in instances if d not in exdates]
        n_over = min(budget - 1, rng.choice([0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 5]), len(candidates))
        if n_over <= 0:
            return
        near = [d for d in candidates
                if WINDOW[0] - timedelta(days=3) <= d <= WINDOW[1] + timedelta(days=3)]
        chosen: list[date] = []
        if near and rng.random() < 0.6:
            chosen += rng.sample(near, min(len(near), max(1, n_over // 2)))
        rest = [d for d in candidates if d not in chosen]
        chosen += rng.sample(rest, min(len(rest), n_over - len(chosen)))
        for d in sorted(chosen):
            self.override(uid, d, start_t if not allday else None,
                          "TRANSP:TRANSPARENT" in ev)

    def override(self, uid: str, day: date, start_t: time | None, master_free: bool) -> None:
        rng = self.rng
        orphan = rng.random() < 0.01
        ev = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{DTSTAMP}",
              f"SUMMARY:{rng.choice(SUBJECTS)} (changed)"]
        if start_t is None:
            ev.append(f"RECURRENCE-ID;VALUE=DATE:{fmt_date(day)}")
        else:
            rid = datetime.combine(day, start_t)
            if orphan:  # matches no instance: still an occurrence of its own
                rid += timedelta(minutes=rng.choice([-30, 10, 60]))
                self.stats["orphan"] += 1
            ev.append(f"RECURRENCE-ID;TZID={TZID}:{fmt_local(rid)}")
        kind = rng.choices(["move", "length", "cancel", "free"], weights=[45, 20, 25, 10])[0]
        if start_t is None:
            new_day = day + timedelta(days=rng.choice([0, 0, 1, -1, 2])) if kind == "move" else day
            ev += self.allday_span(new_day, rng.choice([1, 1, 2]), True)
        else:
            start = datetime.combine(day, start_t)
            if kind == "move":
                start = datetime.combine(day + timedelta(days=rng.choice([0, 0, 0, 1, -1, 3])),
                                         self.rand_time())
            minutes = self.rand_minutes()
            ev += self.timed_span(start, minutes, rng.random() < 0.15)
        if kind == "cancel":
            ev.append("STATUS:CANCELLED")
        elif kind == "free" or (master_free and rng.random() < 0.9):
            # (most exporters copy the master's TRANSP; the rest test "overrides never inherit")
            ev.append("TRANSP:TRANSPARENT")
        elif rng.random() < 0.2:
            ev.append("STATUS:CONFIRMED")
        self.events.append(ev + ["END:VEVENT"])
        self.stats["override"] += 1

    # ---- driver --------------------------------------------------------------------------
    def run(self) -> list[str]:
        rng = self.rng
        while len(self.events) < self.count:
            left = self.count - len(self.events)
            r = rng.random()
            if r < 0.74 or left == 1:
                self.single_timed()
            elif r < 0.80:
                self.single_allday()
            else:
                self.series(left)
        assert len(self.events) == self.count, (len(self.events), self.count)
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//convene//benchmark generator//EN",
                 "CALSCALE:GREGORIAN"]
        lines += VTIMEZONE
        for ev in self.events:
            lines += ev
        lines.append("END:VCALENDAR")
        return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10_000, help="number of VEVENTs (default 10000)")
    ap.add_argument("--seed", type=int, default=20250101, help="random seed (default 20250101)")
    ap.add_argument("--output", "-o", default="-", help="output file (default: stdout)")
    ap.add_argument("--stats", action="store_true", help="print a summary to stderr")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be at least 1")
    gen = Generator(args.count, args.seed)
    text = "".join(fold(line) + "\r\n" for line in gen.run())
    if args.output == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        with open(args.output, "wb") as fh:
            fh.write(text.encode("utf-8"))
    if args.stats:
        s = gen.stats
        print(f"{args.count} VEVENTs: {s['single']} single timed, {s['allday']} single all-day, "
              f"{s['master']} recurring masters ({s['open']} open-ended, {s['exdate']} EXDATEs), "
              f"{s['override']} overrides ({s['orphan']} matching no instance)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
