#!/usr/bin/env python3
"""Independent python reference for `convene freebusy --format json`.

    python reference_freebusy.py FILE_OR_DIR... --from START --to END [--tz TZID]

Implements the README's freebusy rules with icalendar (parsing) and recurring-ical-events
(expanding series).  icalendar itself is only trusted for parsing: every TZID is
resolved here again, because icalendar prefers a same-named IANA zone over the
embedded VTIMEZONE and silently leaves unknown TZIDs floating.

Importable: busy_json(paths, start, end, tz) -> str (raises CalendarError).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import re
import sys
import warnings
import zoneinfo
from pathlib import Path

import icalendar
import recurring_ical_events
import recurring_ical_events.adapters.component as rie_component
import recurring_ical_events.series.rrule as rie_rrule
import recurring_ical_events.util as rie_util
from dateutil.rrule import rrulestr
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

UTC = dt.timezone.utc
NOT_BUSY = {"TRANSP": "TRANSPARENT", "STATUS": "CANCELLED", "X-MICROSOFT-CDO-BUSYSTATUS": "FREE"}
FREE_FBTYPES = {"FREE"}
DURATION_RE = re.compile(r"([-+]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?")
RAW_DURATION = "X-REFERENCE-RAW-DURATION"  # keeps the DURATION text: PT24H != P1D
OVERRIDE = "X-REFERENCE-OVERRIDE"  # marks components with RECURRENCE-ID


def instant_ids(time):
    """The README compares RECURRENCE-ID and EXDATE as instants.  recurring-ical-events also
    matches by local wall time, which confuses e.g. 20:30 Europe/Berlin with 20:30 UTC."""
    if isinstance(time, dt.datetime) and time.tzinfo is not None:
        return (time.astimezone(UTC).replace(tzinfo=None),)
    return rie_util.to_recurrence_ids(time)


rie_rrule.to_recurrence_ids = rie_component.to_recurrence_ids = instant_ids


class CalendarError(Exception):
    """The input cannot be used (convene exits 1 for these)."""


# --- input ---------------------------------------------------------------------------

def ics_files(paths: list[str]) -> list[tuple[str, str]]:
    """(name, text) for every file; a folder means every *.ics directly in it."""
    result = []
    for p in paths:
        if p == "-":
            result.append(("-", sys.stdin.buffer.read().decode("utf-8-sig")))
            continue
        path = Path(p)
        files = sorted(path.glob("*.ics")) if path.is_dir() else [path]
        for f in files:
            try:
                result.append((str(f), f.read_bytes().decode("utf-8-sig")))  # BOM ok
            except (OSError, UnicodeDecodeError) as e:
                raise CalendarError(f"{f}: {e}") from e
    return result


TIME_PROPERTY = r"(?:DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE|DURATION|RRULE|EXRULE|FREEBUSY)"


def lenient(text: str) -> str:
    """The README's best readings that icalendar does not make itself, on the unfolded text:
    components that are never busy are left out (a bad value there must not reject the file),
    spaces around time values and rule parts are trimmed, a date written with 'Z' is the date, a negative COUNT
    is left out, and an empty TZID gets a name (icalendar requires one; README: it matches the
    VTIMEZONE with the empty TZID)."""
    text = re.sub(r"^BEGIN:(VTODO|VJOURNAL)\r?$.*?^END:\1\r?$\n?", "", text, flags=re.M | re.S | re.I)
    text = re.sub(rf"^({TIME_PROPERTY}(?:;[^:\r\n]*)?:)[ \t]*([^\r\n]*?)[ \t]*(\r?)$", r"\1\2\3", text, flags=re.M | re.I)
    text = re.sub(r"^((?:EXDATE|RDATE|DTSTART|DTEND|RECURRENCE-ID)[^:\r\n]*:.*)$",
                  lambda m: re.sub(r"(?<=[:,])[ \t]*(\d{8})[Zz][ \t]*(?=,|\r|$)", r"\1", m[1]), text, flags=re.M | re.I)
    text = re.sub(r"^((?:RRULE|EXRULE)[^:\r\n]*:.*?);?COUNT=-\d+", r"\1", text, flags=re.M | re.I)
    text = re.sub(r"^((?:RRULE|EXRULE)[^:\r\n]*:)(.*)$", lambda m: m[1] + re.sub(r"[ \t]*([,;=])[ \t]*", r"\1", m[2]),
                  text, flags=re.M | re.I)
    text = re.sub(r"^TZID:[ \t]*(\r?)$", r"TZID:reference-empty-tzid\1", text, flags=re.M | re.I)
    return re.sub(r";TZID=(?=[;:])", ";TZID=reference-empty-tzid", text, flags=re.I)


def parse(name: str, text: str) -> list[icalendar.Calendar]:
    text = re.sub(r"\r?\n[ \t]", "", text)  # unfold, then remember every raw DURATION
    text = lenient(text)
    text = re.sub(r"^DURATION(?:;[^:\r\n]*)?:([^\r\n]*)", rf"\g<0>\r\n{RAW_DURATION}:\1", text,
                  flags=re.M | re.I)
    try:
        with warnings.catch_warnings():  # icalendar guesses IANA names for "/vendor/Europe/Berlin";
            warnings.simplefilter("ignore", icalendar.error.GloballyUniqueTZIDGuessed)  # discarded
            calendars = icalendar.Calendar.from_ical(text, multiple=True)  # in zone_resolver
    except ValueError as e:
        raise CalendarError(f"{name}: {e}") from e
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        raise CalendarError(f"{name}: no VCALENDAR")
    return calendars


# --- time zones ----------------------------------------------------------------------

class VTimezone(dt.tzinfo):
    """tzinfo built from an embedded VTIMEZONE (dateutil's tzical gets gap times wrong).

    Local times follow RFC 5545 3.3.5: an ambiguous time is the first occurrence (fold=0),
    a non-existent one uses the offset from before the gap."""

    HORIZON = dt.datetime(2400, 1, 1)

    def __init__(self, component, name: str):
        self.name = name
        changes = []  # (utc, offset_from, offset_to, tzname)
        for sub in component.subcomponents:
            if sub.name not in ("STANDARD", "DAYLIGHT"):
                continue
            start = sub["DTSTART"].dt
            start = start.replace(tzinfo=None) if isinstance(start, dt.datetime) \
                else dt.datetime.combine(start, dt.time())
            off_from, off_to = sub["TZOFFSETFROM"].td, sub["TZOFFSETTO"].td
            onsets = {start}
            for rule in as_list(sub.get("RRULE")):
                rule = rule.copy()
                until = rule.pop("UNTIL", None)
                r = rrulestr(rule.to_ical().decode(), dtstart=start)
                if until:  # UNTIL is UTC (or local): compare in local wall time
                    u = until[0]
                    u = u if isinstance(u, dt.datetime) else dt.datetime.combine(u, dt.time(23, 59, 59))
                    u = (u.astimezone(UTC).replace(tzinfo=None) + off_from) if u.tzinfo else u
                    r = r.replace(until=u)
                onsets.update(r.between(dt.datetime.min, self.HORIZON, inc=True))
            for rdate in as_list(sub.get("RDATE")):
                for item in rdate.dts:
                    v = item.dt[0] if isinstance(item.dt, tuple) else item.dt
                    onsets.add(v.replace(tzinfo=None) if isinstance(v, dt.datetime)
                               else dt.datetime.combine(v, dt.time()))
            tzname = str(sub.get("TZNAME", name))
            changes += [(o - off_from, off_from, off_to, tzname) for o in onsets]
        if not changes:
            raise CalendarError(f"VTIMEZONE {name!r} has no STANDARD/DAYLIGHT")
        changes.sort(key=lambda c: c[0])
        self.times = [c[0] for c in changes]
        # interval k (k = -1 .. n-1) starts at times[k]; interval -1 uses the first offset_from
        self.offsets = [changes[0][1]] + [c[2] for c in changes]
        self.names = [changes[0][3]] + [c[3] for c in changes]
        self.distinct_offsets = set(self.offsets)

    def _interval(self, wall: dt.datetime, fold: int) -> int:
        candidates = {bisect.bisect_right(self.times, wall - o) - 1 for o in self.distinct_offsets}
        valid = sorted(k for k in candidates if self._contains(k, wall - self.offsets[k + 1]))
        if valid:
            return valid[-1] if fold else valid[0]
        # in a gap: the offset from before the gap
        return max(k for k in candidates if wall - self.offsets[k + 1] >= self.times[k + 1])

    def _contains(self, k: int, utc: dt.datetime) -> bool:
        return (k < 0 or self.times[k] <= utc) and (k + 1 >= len(self.times) or utc < self.times[k + 1])

    def utcoffset(self, d):
        return None if d is None else self.offsets[self._interval(d.replace(tzinfo=None), d.fold) + 1]

    def dst(self, d):
        return dt.timedelta(0)

    def tzname(self, d):
        return None if d is None else self.names[self._interval(d.replace(tzinfo=None), d.fold) + 1]

    def fromutc(self, d):
        utc = d.replace(tzinfo=None)
        k = bisect.bisect_right(self.times, utc) - 1
        wall = utc + self.offsets[k + 1]
        fold = int(self._interval(wall, 0) != k)  # second occurrence of an ambiguous time
        return wall.replace(tzinfo=self, fold=fold)

    def __repr__(self):
        return f"VTimezone({self.name!r})"


def zone_resolver(calendar: icalendar.Calendar, name: str, default_tz: dt.tzinfo):
    """TZID -> tzinfo: embedded VTIMEZONE of this VCALENDAR, else IANA, else Windows name,
    else (README) a "/vendor/.../Area/City" TZID without its leading
    path components (RFC 5545 3.2.19 globally unique IDs), else the --tz zone."""
    embedded = {normalized(str(tz.get("TZID", ""))): tz for tz in calendar.walk("VTIMEZONE")
                if any(sub.name in ("STANDARD", "DAYLIGHT") for sub in tz.subcomponents)}
    cache: dict[str, dt.tzinfo] = {}

    def resolve(tzid: str) -> dt.tzinfo:
        if tzid not in cache:
            if normalized(tzid) in embedded:
                cache[tzid] = VTimezone(embedded[normalized(tzid)], tzid)
            else:
                parts = tzid[1:].split("/") if tzid.startswith("/") else []
                for key in [WINDOWS_TO_OLSON.get(tzid, tzid)] + ["/".join(parts[i:]) for i in range(len(parts))]:
                    try:
                        cache[tzid] = zoneinfo.ZoneInfo(key)
                        break
                    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                        pass
                else:  # README: read in --tz (with a warning), as Thunderbird does
                    cache[tzid] = default_tz
        return cache[tzid]

    return resolve


def normalized(tzid: str) -> str:
    """README: an embedded VTIMEZONE wins whatever its name; quotes and spaces around it
    do not count."""
    return tzid.strip(' \t"')


def fix_value(value, tzid, resolve, default_tz):
    """Give a parsed DATE-TIME (or PERIOD tuple) the zone the README asks for."""
    if isinstance(value, tuple):
        return tuple(fix_value(v, tzid, resolve, default_tz) for v in value)
    if not isinstance(value, dt.datetime):
        return value  # DATE or duration
    if tzid is not None:
        return value.replace(tzinfo=resolve(str(tzid)))
    if value.tzinfo is None:
        return value.replace(tzinfo=default_tz)  # floating
    return value  # UTC


def fix_zones(component, resolve, default_tz):
    for key in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE"):
        for prop in as_list(component.get(key)):
            for item in getattr(prop, "dts", None) or [prop]:
                tzid = item.params.get("TZID") or prop.params.get("TZID")
                item.dt = fix_value(item.dt, tzid, resolve, default_tz)


def drop_broken(component) -> bool:
    """README: a bad or empty property is left out (the best reading); False if the component
    cannot be placed at all (its DTSTART or RECURRENCE-ID is bad).  icalendar keeps such
    properties as vBroken, and RDATE/EXDATE items of other types (TIME) as they are."""
    for key in list(component.keys()):
        values = as_list(component[key])
        kept = []
        for prop in values:
            if isinstance(prop, icalendar.prop.vBroken):
                continue
            if key in ("RDATE", "EXDATE"):
                prop.dts = [x for x in prop.dts if isinstance(x.dt, (dt.date, tuple))]
                if not prop.dts:
                    continue
            kept.append(prop)
        if len(kept) != len(values):
            if key in ("DTSTART", "RECURRENCE-ID") and component.name == "VEVENT":
                return False
            del component[key]
            if kept:
                component[key] = kept if len(kept) > 1 else kept[0]
    return True


def as_list(value):
    return [] if value is None else value if isinstance(value, list) else [value]


# --- VEVENT --------------------------------------------------------------------------

def add_duration(start, raw: str):
    """RFC 5545 3.3.6: weeks and days are nominal (wall clock), H/M/S are exact."""
    m = DURATION_RE.fullmatch(raw.strip())
    if m is None or not isinstance(start, dt.datetime):
        return None  # let recurring-ical-events handle odd cases
    sign = -1 if m[1] == "-" else 1
    w, d, h, mi, s = (int(x or 0) for x in m.groups()[1:])
    wall = start + sign * dt.timedelta(weeks=w, days=d)
    return (wall.astimezone(UTC) + sign * dt.timedelta(hours=h, minutes=mi, seconds=s)).astimezone(start.tzinfo)


def prepare_event(event):
    """Normalise DTEND/DURATION/UNTIL so recurring-ical-events computes the README ends."""
    start = event["DTSTART"].dt
    raw = event.pop(RAW_DURATION, None)
    if "DTEND" in event:
        event.pop("DURATION", None)  # DTEND wins
        end = event["DTEND"].dt
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
            # instances last the wall-clock difference in DTSTART's zone
            event["DTEND"].dt = end.astimezone(start.tzinfo)
    elif "DURATION" in event and raw is not None:
        try:
            end = add_duration(start, str(raw))
        except OverflowError:  # README: not a valid duration, left out
            event.pop("DURATION")
            end = None
        if end is not None:
            event.pop("DURATION")
            event.add("DTEND", end)
    for rule in as_list(event.get("RRULE")):
        until = rule.get("UNTIL")
        # A DATE UNTIL on a DATE-TIME series (invalid, RFC 5545 3.3.10) is left to
        # recurring-ical-events, which reads it as the date at 00:00 UTC.
        if not until or not isinstance(start, dt.datetime) or not isinstance(until[0], dt.datetime):
            continue
        if until[0].tzinfo is None:  # local UNTIL: in DTSTART's zone
            rule["UNTIL"] = [until[0].replace(tzinfo=start.tzinfo).astimezone(UTC)]


def same_instant(a, b) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a == b
    return as_date(a) == as_date(b)  # a DATE matches by date


def as_date(value):
    return value.date() if isinstance(value, dt.datetime) else value


def newest_revisions(events):
    """RFC 5546 2.1.5: of components with one UID (and RECURRENCE-ID), the higher SEQUENCE
    wins, then the later DTSTAMP; last, the later LAST-MODIFIED.  recurring-ical-events
    compares SEQUENCE only and keeps the first on a tie, so only the newest of a tie is
    handed to it; the rest (which SEQUENCE wins, which overrides still belong to the
    current revision) is recurring-ical-events' own."""
    def stamp(e, key):
        value = e.get(key)
        value = getattr(value, "dt", None)
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)
        return dt.datetime.min

    def rank(e):
        return int(e.get("SEQUENCE", 0)), stamp(e, "DTSTAMP"), stamp(e, "LAST-MODIFIED")

    def identity(e):
        rid = e.get("RECURRENCE-ID")
        rid = None if rid is None else to_utc(rid.dt, UTC) if isinstance(rid.dt, dt.datetime) else rid.dt
        return str(e.get("UID")), rid

    groups = {}
    for e in events:
        if "UID" in e:
            groups.setdefault(identity(e), []).append(e)
    drop = set()
    for group in groups.values():
        best = max(group, key=rank)  # the first of equals, as recurring-ical-events
        top = [e for e in group if rank(e)[0] == rank(best)[0]]
        drop.update(id(e) for e in top if e is not best)
    return [e for e in events if id(e) not in drop]


def pin_date_recurrence_ids(events):
    """README: a DATE RECURRENCE-ID matches by date, also in a DATE-TIME series.

    recurring-ical-events would only match an instance at midnight, so the RECURRENCE-ID
    is replaced by the start of the master's instance on that (local) date."""
    masters = {str(e.get("UID")): e for e in events if "RECURRENCE-ID" not in e}
    for e in events:
        rid, master = e.get("RECURRENCE-ID"), masters.get(str(e.get("UID")))
        if rid is None or master is None or isinstance(rid.dt, dt.datetime) \
                or not isinstance(master["DTSTART"].dt, dt.datetime):
            continue
        zone = master["DTSTART"].dt.tzinfo
        day = dt.datetime.combine(rid.dt, dt.time(), tzinfo=zone)
        single = icalendar.Calendar()
        single.add_component(master)
        for occ in recurring_ical_events.of(single).between(day, day + dt.timedelta(days=1)):
            if occ["DTSTART"].dt.astimezone(zone).date() == rid.dt:
                rid.dt = occ["DTSTART"].dt
                break


def to_utc(value, tz) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(0), tzinfo=tz)  # DATE: local midnight
    elif value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(UTC)


def is_busy(component) -> bool:
    return not any(str(component.get(k, "")).upper() == v for k, v in NOT_BUSY.items())


# --- main ----------------------------------------------------------------------------

def busy_intervals(paths, start: dt.datetime, end: dt.datetime, tz: dt.tzinfo):
    """(busy, unknown) for the files united: unknown is what some file does not speak for
    and no file says is busy."""
    intervals, unknown = [], []
    lo, hi = start.astimezone(UTC), end.astimezone(UTC)
    for name, text in ics_files(paths):
        try:
            busy, covered = file_intervals(name, text, start, end, tz)
        except CalendarError:
            raise
        except Exception as e:  # noqa: BLE001 - whatever the libraries reject is a bad file
            raise CalendarError(f"{name}: {type(e).__name__}: {e}") from e
        intervals += busy
        if covered is not None:
            unknown += subtract([(lo, hi)], [(s or lo, e or hi) for s, e in covered])
    busy = merge(intervals, lo, hi)
    return busy, subtract(merge(unknown, lo, hi), busy)


def subtract(intervals, removed):
    """The parts of `intervals` (merged) outside every interval of `removed`."""
    result = []
    cuts = merge(removed, dt.datetime.min.replace(tzinfo=UTC), dt.datetime.max.replace(tzinfo=UTC))
    for s, e in merge(intervals, dt.datetime.min.replace(tzinfo=UTC), dt.datetime.max.replace(tzinfo=UTC)):
        for cs, ce in cuts:
            if ce <= s or cs >= e:
                continue
            if cs > s:
                result.append([s, cs])
            s = max(s, ce)
        if s < e:
            result.append([s, e])
    return result


def file_intervals(name, text, start, end, tz):
    """(busy intervals, covered ranges or None).  RFC 5545 3.6.4: a VFREEBUSY speaks for its
    DTSTART..DTEND; a file with any VEVENT (or a VFREEBUSY without both) speaks for all time."""
    intervals = []
    ranges, all_time = [], False
    merged = icalendar.Calendar()  # overrides match by UID within one file
    for calendar in parse(name, text):
        resolve = zone_resolver(calendar, name, tz)
        for event in calendar.walk("VEVENT"):
            if not drop_broken(event) or "DTSTART" not in event:
                continue  # not an occurrence of anything
            if isinstance(event["DTSTART"], list):  # README: the first counts
                first = event["DTSTART"][0]
                del event["DTSTART"]
                event["DTSTART"] = first
            fix_zones(event, resolve, tz)
            prepare_event(event)
            merged.add_component(event)
        all_time = all_time or bool(calendar.walk("VEVENT"))
        for fb in calendar.walk("VFREEBUSY"):
            drop_broken(fb)
            bounds = [to_utc(fix_value(fb[k].dt, fb[k].params.get("TZID"), resolve, tz), tz) if k in fb else None
                      for k in ("DTSTART", "DTEND")]
            if bounds == [None, None]:
                all_time = True
            else:
                ranges.append(tuple(bounds))
            for prop in as_list(fb.get("FREEBUSY")):
                for period in getattr(prop, "dts", None) or [prop]:
                    if str(period.params.get("FBTYPE", "BUSY")).upper() in FREE_FBTYPES:
                        continue
                    s, e = fix_value(period.dt, period.params.get("TZID"), resolve, tz)
                    e = s + e if isinstance(e, dt.timedelta) else e
                    intervals.append((to_utc(s, tz), to_utc(e, tz)))
    merged.subcomponents[:] = newest_revisions(merged.subcomponents)
    pin_date_recurrence_ids(merged.subcomponents)
    explicit = explicit_starts(merged.subcomponents)
    for occ in recurring_ical_events.of(merged).between(
            start - dt.timedelta(days=2), end + dt.timedelta(days=2)):
        begin = occ["DTSTART"].dt
        if OVERRIDE not in occ and nonexistent(begin) and begin not in explicit.get(str(occ.get("UID")), ()):
            continue  # RFC 5545 3.3.10: an RRULE instance at a non-existent local time is ignored
        if is_busy(occ):
            intervals.append((to_utc(begin, tz), to_utc(occ["DTEND"].dt, tz)))
    return intervals, (None if all_time or not ranges else ranges)


def explicit_starts(events) -> dict[str, list]:
    """UID -> DTSTART and RDATE values of the master (kept even in a DST gap: RFC 5545 3.3.5)."""
    result = {}
    for e in events:
        if "RECURRENCE-ID" in e:
            e[OVERRIDE] = "1"
            continue
        starts = result.setdefault(str(e.get("UID")), [e["DTSTART"].dt])
        for prop in as_list(e.get("RDATE")):
            starts += [x.dt[0] if isinstance(x.dt, tuple) else x.dt for x in prop.dts]
    return result


def nonexistent(value) -> bool:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return False
    return value.astimezone(UTC).astimezone(value.tzinfo).replace(tzinfo=None) != value.replace(tzinfo=None)


def merge(intervals, start, end):
    clipped = sorted((max(s, start), min(e, end)) for s, e in intervals)
    result: list[list[dt.datetime]] = []
    for s, e in clipped:
        if e <= s:
            continue
        if result and s <= result[-1][1]:
            result[-1][1] = max(result[-1][1], e)
        else:
            result.append([s, e])
    return result


def fmt(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_bound(text: str, tz: dt.tzinfo) -> dt.datetime:
    for pattern in ("%Y-%m-%d", "%Y-%m-%dT%H:%M"):
        try:
            return dt.datetime.strptime(text, pattern).replace(tzinfo=tz)
        except ValueError:
            pass
    raise CalendarError(f"bad date {text!r}")


def busy_json(paths, start: str, end: str, tz: str = "Europe/Berlin") -> str:
    zone = zoneinfo.ZoneInfo(tz)
    busy, unknown = busy_intervals(list(paths), parse_bound(start, zone), parse_bound(end, zone), zone)
    return json.dumps({"busy": [{"start": fmt(s), "end": fmt(e)} for s, e in busy],
                       "unknown": [{"start": fmt(s), "end": fmt(e)} for s, e in unknown]},
                      separators=(",", ":"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    parser.add_argument("--from", dest="start", required=True)
    parser.add_argument("--to", dest="end", required=True)
    parser.add_argument("--tz", default="Europe/Berlin")
    args = parser.parse_args(argv)
    try:
        print(busy_json(args.paths, args.start, args.end, args.tz))
    except CalendarError as e:
        print(f"reference: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
