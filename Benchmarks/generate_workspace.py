#!/usr/bin/env python3
"""Write a deterministic benchmark workspace for `convene propose`: a network of PEOPLE people.

    python3 Benchmarks/generate_workspace.py --people 1000 --output DIR [--events 200] [--seed 16]

DIR gets `convene.yaml`, `people.yaml`, `calendars/<person>.ics` (one export each, EVENTS VEVENTs)
and `meetings/bench/meeting.yaml`: a 4-week window (2027-04-19 .. 2027-05-14) on a 15-minute grid,
3 hours, every town by its OB or deputy for at least half of the towns, everyone else optional.

Towns of ten people (an OB whose deputy is the head of the main office, two IT, two digitalisation,
four others). The calendars are written as the clients of the region export them, in turn:
* Outlook 16: `TZID="W. Europe Standard Time"` with its VTIMEZONE starting in 1601,
  `X-MICROSOFT-CDO-BUSYSTATUS`;
* Google: `X-WR-TIMEZONE`, the IANA VTIMEZONE of 1970, single events written in UTC;
* Nextcloud: `TZID=Europe/Berlin` with the IANA VTIMEZONE of 1970.
Each holds weekly series (jour fixe, with EXDATEs), a monthly council session (BYDAY=3TU), a few
all-day absences and single appointments spread over 2027-01-04 .. 2027-07-30, some tentative,
free or cancelled. Standard library only; the same arguments always give byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from generate_calendar import fold  # RFC 5545 folding, one copy (this folder is on sys.path when run as a script)

ZONE = ZoneInfo("Europe/Berlin")
FIRST = date(2027, 1, 4)
LAST = date(2027, 7, 30)
DTSTAMP = "20270412T074213Z"
SUBJECTS = ["Jour fixe", "Gemeinderat", "Bürgersprechstunde", "Dezernentenkonferenz", "Termin", "Besprechung",
            "Ausschuss", "Repräsentation", "Telefonkonferenz", "Klausur", "Haushalt", "Personalrat"]

OUTLOOK_ZONE = [
    "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD", "DTSTART:16011028T030000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:16010325T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
    "END:VTIMEZONE",
]
IANA_ZONE = [
    "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
]
STYLES = ["outlook", "google", "nextcloud"]
ROLES = ["ob", "main-office", "it", "it", "digital", "digital", "other", "other", "other", "other"]


class Calendar:
    """One person's export in one client's style."""

    def __init__(self, person: str, style: str, rng: random.Random) -> None:
        self.person, self.style, self.rng = person, style, rng
        self.tzid = "W. Europe Standard Time" if style == "outlook" else "Europe/Berlin"
        self.lines: list[str] = []
        self.events = 0
        self.uids = 0

    def uid(self) -> str:
        self.uids += 1
        if self.style == "outlook":
            return f"040000008200E00074C5B7101A82E008{self.person.encode().hex().upper()}{self.uids:08d}"
        return f"{self.person}-{self.uids:04d}@{'google.com' if self.style == 'google' else 'nextcloud.example'}"

    def local(self, prop: str, moment: datetime) -> str:
        if self.style == "google" and prop in ("DTSTART", "DTEND"):
            return f"{prop}:" + moment.replace(tzinfo=ZONE).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        tzid = f'"{self.tzid}"' if " " in self.tzid else self.tzid
        return f"{prop};TZID={tzid}:" + moment.strftime("%Y%m%dT%H%M%S")

    def event(self, props: list[str], busy: str = "BUSY", transparent: bool = False) -> None:
        self.events += 1
        out = ["BEGIN:VEVENT", f"UID:{self.uid()}", f"DTSTAMP:{DTSTAMP}"] + props
        out.append(f"SUMMARY:{self.rng.choice(SUBJECTS)}")
        out.append("TRANSP:TRANSPARENT" if transparent else "TRANSP:OPAQUE")
        if self.style == "outlook":
            out.append(f"X-MICROSOFT-CDO-BUSYSTATUS:{busy}")
        elif busy == "TENTATIVE":
            out.append("STATUS:TENTATIVE")
        out.append("END:VEVENT")
        self.lines += out

    def weekday_time(self, day: date) -> datetime:
        return datetime.combine(day, time(self.rng.randrange(7, 18), self.rng.choice([0, 15, 30, 45])))

    def fill(self, count: int) -> None:
        rng = self.rng
        days = [FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1)]
        workdays = [d for d in days if d.weekday() < 5]
        # Weekly series (jour fixe), some with EXDATEs.
        for _ in range(3):
            first = rng.choice(workdays[:10])
            start = datetime.combine(first, time(rng.randrange(8, 16), rng.choice([0, 30])))
            props = [self.local("DTSTART", start), self.local("DTEND", start + timedelta(minutes=rng.choice([30, 60, 90]))),
                     f"RRULE:FREQ=WEEKLY;BYDAY={['MO', 'TU', 'WE', 'TH', 'FR'][first.weekday()]};UNTIL=20270731T000000Z"]
            skipped = sorted(rng.sample(range(1, 25), 3))
            props.append(self.local("EXDATE", start).split(":")[0] + ":"
                         + ",".join((start + timedelta(weeks=w)).strftime("%Y%m%dT%H%M%S") for w in skipped))
            if self.style == "google":  # Google writes recurring events in local time with TZID
                props[0] = f"DTSTART;TZID=Europe/Berlin:{start.strftime('%Y%m%dT%H%M%S')}"
                props[1] = f"DTEND;TZID=Europe/Berlin:{(start + timedelta(minutes=60)).strftime('%Y%m%dT%H%M%S')}"
            self.event(props)
        # The council session: the third Tuesday of every month, afternoon.
        third_tuesday = next(d for d in days if d.weekday() == 1 and 15 <= d.day <= 21)
        start = datetime.combine(third_tuesday, time(16, 0))
        props = [f"DTSTART;TZID={self.tzid if ' ' not in self.tzid else chr(34) + self.tzid + chr(34)}:{start.strftime('%Y%m%dT%H%M%S')}",
                 f"DTEND;TZID={self.tzid if ' ' not in self.tzid else chr(34) + self.tzid + chr(34)}:{(start + timedelta(hours=3)).strftime('%Y%m%dT%H%M%S')}",
                 "RRULE:FREQ=MONTHLY;BYDAY=3TU;COUNT=7"]
        self.event(props)
        # A few all-day absences.
        for _ in range(4):
            day = rng.choice(days)
            self.event([f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                        f"DTEND;VALUE=DATE:{(day + timedelta(days=rng.choice([1, 1, 2, 5]))).strftime('%Y%m%d')}"], busy="OOF")
        # Single appointments.
        while self.events < count:
            start = self.weekday_time(rng.choice(workdays))
            length = rng.choice([30, 30, 60, 60, 60, 90, 120, 180])
            roll = rng.random()
            busy, transparent, props = "BUSY", False, []
            if roll < 0.08:
                busy = "TENTATIVE"
            elif roll < 0.12:
                busy, transparent = "FREE", True
            elif roll < 0.14:
                props.append("STATUS:CANCELLED")
            self.event([self.local("DTSTART", start), self.local("DTEND", start + timedelta(minutes=length))] + props,
                       busy=busy, transparent=transparent)

    def text(self) -> str:
        head = {"outlook": ["PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "VERSION:2.0", "METHOD:PUBLISH",
                            "X-WR-CALNAME:Kalender"] + OUTLOOK_ZONE,
                "google": ["PRODID:-//Google Inc//Google Calendar 70.9054//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
                           "METHOD:PUBLISH", "X-WR-CALNAME:Kalender", "X-WR-TIMEZONE:Europe/Berlin"] + IANA_ZONE,
                "nextcloud": ["PRODID:-//IDN nextcloud.com//Calendar app 4.7.16//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
                              "X-WR-CALNAME:Persönlich", "X-WR-TIMEZONE:Europe/Berlin"] + IANA_ZONE}[self.style]
        return "\r\n".join(fold(line) for line in ["BEGIN:VCALENDAR"] + head + self.lines + ["END:VCALENDAR"]) + "\r\n"


def write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--people", type=int, required=True, help="number of people (a multiple of 10 is a whole number of towns)")
    ap.add_argument("--events", type=int, default=200, help="VEVENTs per calendar (default 200)")
    ap.add_argument("--seed", type=int, default=16, help="random seed (default 16)")
    ap.add_argument("--output", "-o", required=True, help="the workspace folder to write (created; files are overwritten)")
    args = ap.parse_args(argv)
    if args.people < 1 or args.events < 10:
        ap.error("--people ≥ 1 and --events ≥ 10")
    rng = random.Random(args.seed)
    out = args.output
    os.makedirs(os.path.join(out, "calendars"), exist_ok=True)
    os.makedirs(os.path.join(out, "meetings", "bench"), exist_ok=True)
    towns = [f"town-{i:04d}" for i in range((args.people + 9) // 10)]
    write(os.path.join(out, "convene.yaml"), "\n".join([
        "# Benchmark network (Benchmarks/generate_workspace.py)",
        "name: Benchmark network",
        "organizer: {name: Geschäftsstelle, email: office@town-0000.example}",
        "time_zone: Europe/Berlin",
        "holiday_region: DE-BW",
        "locations:",
        "  - {id: hall, name: Rathaus, address: Marktplatz 1, town: town-0000}",
        "travel_minutes:",
        "  hall:",
    ] + [f"    {town}: {10 + (i * 7) % 50}" for i, town in enumerate(towns)]) + "\n")
    people = ["towns:"] + [f"  - {{id: {t}, name: Stadt {i}}}" for i, t in enumerate(towns)] + ["people:"]
    for n in range(args.people):
        town = towns[n // 10]
        role = ROLES[n % 10]
        pid = f"{town}-{role}-{n % 10}"
        people += [f"  - id: {pid}", f"    name: Person {n}", f"    email: p{n}@{town}.example",
                   f"    town: {town}", f"    role: {role}"]
        if role == "ob" and n + 1 < args.people:
            people.append(f"    deputy: {town}-main-office-1")
        calendar = Calendar(pid, STYLES[n % 3], rng)
        calendar.fill(args.events)
        write(os.path.join(out, "calendars", f"{pid}.ics"), calendar.text())
    write(os.path.join(out, "people.yaml"), "\n".join(people) + "\n")
    write(os.path.join(out, "meetings", "bench", "meeting.yaml"), "\n".join([
        "kind: plenary", "title: Benchmark", "window: 2027-04-19..2027-05-14", "duration: 3h", "location: hall",
        "host: town-0000", "grid_minutes: 15",
        "attendance: {required: [], optional: [everyone], towns: ob-or-deputy, min_town_share: 0.5}",
    ]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
