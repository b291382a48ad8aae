#!/usr/bin/env python3
"""Seeded generator of valid random calendars for the cross-check.

    python random_calendars.py SEED [SEED...] --out DIR     writes DIR/random-SEED.ics

The calendars stay inside well-defined territory of RULES.md / RFC 5545 so that any
difference between convene and the reference is a real finding:
  - local start times are between 06:00 and 22:59 and ends never between 01:00 and 03:59
    (no DST gaps or ambiguous times; those are covered by the fixtures)
  - DURATION values never cross a DST change (at most 3h, ending before 02:00)
  - EXDATE / RECURRENCE-ID / UNTIL use the value type (and zone) of DTSTART
  - UNTIL is UTC for zoned DTSTARTs, floating for floating ones, DATE for DATE ones
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import zoneinfo
from pathlib import Path

from dateutil.rrule import rrulestr

UTC = dt.timezone.utc
ZONES = ["Europe/Berlin", "UTC", "floating", "America/New_York", "date"]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

VTIMEZONES = {
    "Europe/Berlin": """BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19810329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19961027T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""",
    "America/New_York": """BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE""",
}


def fold(line: str) -> str:
    """Fold at 75 octets without splitting UTF-8 characters."""
    out, cur = [], ""
    for ch in line:
        if len((cur + ch).encode()) > (75 if not out else 74):
            out.append(cur)
            cur = ""
        cur += ch
    out.append(cur)
    return "\r\n ".join(out)


class Event:
    def __init__(self, rnd: random.Random, uid: str):
        self.rnd, self.uid = rnd, uid
        self.zone = rnd.choice(ZONES)
        if rnd.random() < 0.85:
            day = dt.date(2027, 4, 1) + dt.timedelta(days=rnd.randint(-30, 50))
        else:
            day = dt.date(2027, 10, 20) + dt.timedelta(days=rnd.randint(0, 20))
        if self.zone == "date":
            self.start = day
        else:
            self.start = dt.datetime.combine(day, dt.time(rnd.randint(6, 22), rnd.choice([0, 15, 30, 45])))

    # -- value formatting ---------------------------------------------------------------
    def prop(self, name: str, value, zone=None) -> str:
        zone = zone or self.zone
        if isinstance(value, dt.datetime):
            if zone == "UTC":
                return f"{name}:{value:%Y%m%dT%H%M%S}Z"
            if zone in ("floating", "date"):
                return f"{name}:{value:%Y%m%dT%H%M%S}"
            return f"{name};TZID={zone}:{value:%Y%m%dT%H%M%S}"
        return f"{name};VALUE=DATE:{value:%Y%m%d}"

    def as_utc_value(self, wall: dt.datetime) -> str:
        return f"{wall.replace(tzinfo=zoneinfo.ZoneInfo(self.zone)).astimezone(UTC):%Y%m%dT%H%M%S}Z"

    # -- building -----------------------------------------------------------------------
    def lines(self) -> list[str]:
        rnd = self.rnd
        out = ["BEGIN:VEVENT", f"UID:{self.uid}", "DTSTAMP:20270101T000000Z",
               fold(f"SUMMARY:Zufallstermin {self.uid} – Prüfung der Überlappungslogik "
                    f"{'mit langem Titel ' * rnd.randint(0, 3)}".rstrip()),
               self.prop("DTSTART", self.start)]
        out += self.end_lines(self.start)
        for key, values in (("TRANSP", ["TRANSPARENT", "OPAQUE"]),
                            ("STATUS", ["CONFIRMED", "TENTATIVE", "CANCELLED"])):
            if rnd.random() < 0.2:
                out.append(f"{key}:{rnd.choice(values)}")
        overrides = []
        if rnd.random() < 0.55:
            rule, instances = self.rrule()
            out.append(f"RRULE:{rule}")
            if rnd.random() < 0.35 and len(instances) > 1:
                for ex in rnd.sample(instances[1:], k=min(2, len(instances) - 1)):
                    out.append(self.recurrence_value("EXDATE", ex))
            if rnd.random() < 0.4:
                for inst in rnd.sample(instances, k=min(rnd.randint(1, 2), len(instances))):
                    overrides.append(self.override(inst))
            if rnd.random() < 0.1 and self.zone != "date":
                extra = self.start + dt.timedelta(days=rnd.randint(1, 20), hours=rnd.choice([0, 1, -1]))
                out.append(self.prop("RDATE", extra))
        out.append("END:VEVENT")
        for o in overrides:
            out += o
        return out

    def end_lines(self, start) -> list[str]:
        rnd = self.rnd
        how = rnd.choices(["dtend", "duration", "none"], weights=[7, 2, 1])[0]
        if self.zone == "date":
            days = rnd.randint(1, 4)
            if how == "dtend":
                return [self.prop("DTEND", start + dt.timedelta(days=days))]
            return [f"DURATION:P{days}D"] if how == "duration" else []
        if how == "dtend":
            while True:  # the end (also of every instance) must not fall into 01:00-03:59
                minutes = rnd.choice([0, 15, 30, 45, 60, 90, 120, 180, 600, 1500])
                if not 1 <= (start + dt.timedelta(minutes=minutes)).hour <= 3:
                    return [self.prop("DTEND", start + dt.timedelta(minutes=minutes))]
        if how == "duration":
            latest = (dt.datetime.combine(start.date(), dt.time()) + dt.timedelta(hours=25, minutes=45)
                      - start) // dt.timedelta(minutes=15)  # end before 01:45 next day
            quarters = rnd.randint(0, min(12, latest))
            return [f"DURATION:PT{quarters * 15 // 60}H{quarters * 15 % 60}M"]
        return []

    def rrule(self) -> tuple[str, list]:
        rnd = self.rnd
        freq = rnd.choices(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"], weights=[4, 4, 2, 1])[0]
        parts = [f"FREQ={freq}"]
        if rnd.random() < 0.3:
            parts.append(f"INTERVAL={rnd.randint(2, 3)}")
        wall_start = self.start if isinstance(self.start, dt.datetime) \
            else dt.datetime.combine(self.start, dt.time())
        # BYDAY always includes DTSTART (RFC 5545: an unsynchronized DTSTART is undefined)
        weekday = WEEKDAYS[wall_start.weekday()]
        if freq == "WEEKLY" and rnd.random() < 0.5:
            days = {weekday, *rnd.sample(WEEKDAYS, rnd.randint(0, 2))}
            parts.append("BYDAY=" + ",".join(sorted(days, key=WEEKDAYS.index)))
            if rnd.random() < 0.3:
                parts.append(f"WKST={rnd.choice(['MO', 'SU'])}")
        if freq == "MONTHLY" and rnd.random() < 0.6:
            nth = (wall_start.day - 1) // 7 + 1
            if (wall_start + dt.timedelta(days=7)).month != wall_start.month and rnd.random() < 0.5:
                nth = -1
            parts.append(f"BYDAY={nth}{weekday}")
        if rnd.random() < 0.5:
            parts.append(f"COUNT={rnd.randint(2, 15)}")
            instances = list(rrulestr(";".join(parts), dtstart=wall_start))
        else:
            horizon = list(rrulestr(";".join(parts) + ";COUNT=12", dtstart=wall_start))
            last = rnd.choice(horizon)
            if rnd.random() < 0.3:  # UNTIL between instances
                last = last + dt.timedelta(hours=rnd.randint(1, 20))
            if self.zone == "date":
                until = f"{last:%Y%m%d}"
            elif self.zone == "floating":
                until = f"{last:%Y%m%dT%H%M%S}"
            elif self.zone == "UTC":
                until = f"{last:%Y%m%dT%H%M%S}Z"
            else:
                until = self.as_utc_value(last)
            parts.append(f"UNTIL={until}")
            instances = [i for i in horizon if i <= last]
        if self.zone == "date":
            instances = [i.date() for i in instances]
        return ";".join(parts), instances

    def recurrence_value(self, name: str, inst) -> str:
        if isinstance(inst, dt.datetime) and name == "RECURRENCE-ID" and self.rnd.random() < 0.1:
            return f"{name};VALUE=DATE:{inst:%Y%m%d}"  # RULES.md: a DATE RECURRENCE-ID matches by date
        if isinstance(inst, dt.datetime) and self.zone not in ("UTC", "floating") \
                and self.rnd.random() < 0.25:
            return f"{name}:{self.as_utc_value(inst)}"  # same instant, given in UTC
        return self.prop(name, inst)

    def override(self, inst) -> list[str]:
        rnd = self.rnd
        out = ["BEGIN:VEVENT", f"UID:{self.uid}", "DTSTAMP:20270101T000000Z",
               self.recurrence_value("RECURRENCE-ID", inst)]
        kind = rnd.choice(["move", "cancel", "transparent", "opaque", "free"])
        new_start = inst
        if kind == "move":
            if isinstance(inst, dt.datetime):
                new_start = inst.replace(hour=rnd.randint(6, 22)) + dt.timedelta(days=rnd.randint(-3, 3))
            else:
                new_start = inst + dt.timedelta(days=rnd.randint(-3, 3))
        out.append(f"SUMMARY:Override ({kind})")
        out.append(self.prop("DTSTART", new_start))
        out += self.end_lines(new_start)
        out += {"cancel": ["STATUS:CANCELLED"], "transparent": ["TRANSP:TRANSPARENT"],
                "opaque": ["TRANSP:OPAQUE"], "free": ["X-MICROSOFT-CDO-BUSYSTATUS:FREE"],
                "move": []}[kind]
        out.append("END:VEVENT")
        return out


def freebusy(rnd: random.Random, uid: str) -> list[str]:
    out = ["BEGIN:VFREEBUSY", f"UID:{uid}", "DTSTAMP:20270101T000000Z"]
    for _ in range(rnd.randint(1, 3)):
        periods = []
        for _ in range(rnd.randint(1, 3)):
            s = dt.datetime(2027, 4, 15, tzinfo=UTC) + dt.timedelta(minutes=15 * rnd.randint(0, 35 * 96))
            if rnd.random() < 0.5:
                periods.append(f"{s:%Y%m%dT%H%M%S}Z/PT{rnd.randint(1, 8) * 15}M")
            else:
                periods.append(f"{s:%Y%m%dT%H%M%S}Z/{s + dt.timedelta(hours=rnd.randint(1, 30)):%Y%m%dT%H%M%S}Z")
        fbtype = rnd.choice([None, "BUSY", "FREE", "BUSY-TENTATIVE", "BUSY-UNAVAILABLE"])
        out.append(f"FREEBUSY{';FBTYPE=' + fbtype if fbtype else ''}:{','.join(periods)}")
    out.append("END:VFREEBUSY")
    return out


def generate(seed: int) -> str:
    rnd = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene CrossCheck//Random//EN"]
    for name, text in VTIMEZONES.items():
        if rnd.random() < 0.5:
            lines += text.splitlines()
    events = [Event(rnd, f"rnd-{seed}-{i}@random.example") for i in range(rnd.randint(3, 12))]
    for e in events:
        lines += e.lines()
    if rnd.random() < 0.25:
        lines += freebusy(rnd, f"rnd-{seed}-fb@random.example")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="+", type=int)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in args.seeds:
        (args.out / f"random-{seed}.ics").write_bytes(generate(seed).encode())


if __name__ == "__main__":
    main()
