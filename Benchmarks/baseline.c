/*
 * baseline.c - free/busy over one .ics file with libical directly, as a yardstick for
 * `convene freebusy FILE --from A --to B --format json`.
 *
 *   cc -O2 -o baseline Benchmarks/baseline.c $(pkg-config --cflags --libs libical)
 *   ./baseline FILE [--from YYYY-MM-DD[THH:MM]] [--to YYYY-MM-DD[THH:MM]] [--tz ZONE]
 *
 * Defaults: --from 2027-04-19 --to 2027-05-17 --tz Europe/Berlin (the benchmark window).
 * Prints the same one-line JSON as convene: {"busy":[{"start":"...Z","end":"...Z"},...]}
 *
 * What it does (notes/RULES.md, for VEVENTs and VFREEBUSY of one file):
 *   - read the file, icalparser_parse_string();
 *   - RECURRENCE-ID overrides are gathered first (sorted by UID); each is an occurrence of
 *     its own, busy unless it says TRANSP:TRANSPARENT / STATUS:CANCELLED /
 *     X-MICROSOFT-CDO-BUSYSTATUS:FREE (nothing is inherited from the master);
 *   - each busy master is expanded with icalcomponent_foreach_recurrence() over the window
 *     (widened by a day on each side); instances whose start equals an override's
 *     RECURRENCE-ID (as instants; DATE ones by date) are dropped;
 *   - foreach_recurrence's span treats DATE and floating values as UTC and gives every
 *     instance the master's length in absolute seconds, so the callback only takes the
 *     instance start from it and rebuilds the interval: DATE = local days in --tz, floating
 *     = wall time in --tz, end = start + the master's wall-clock length in its zone;
 *   - clip to [from, to), drop empty, sort, merge overlapping or touching, print UTC.
 * Not handled (the benchmark calendar has none): RDATE with PERIOD values, Windows zone
 * names, several files, stdin. Known to differ from RULES.md outside the benchmark
 * (Tests/CrossCheck/fixtures): foreach_recurrence reads an RDATE;TZID=... as UTC, and libical
 * maps a local time in the autumn DST fold to the later of its two instants.
 */
#include <libical/ical.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct { time_t start, end; } interval;

static interval *busy;
static size_t nbusy, capbusy;
static time_t win_start, win_end;
static icaltimezone *tz;  /* --tz: for DATE and floating values and the window */
static icaltimezone *utc;
static const char *path;

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "convene: error: %s: %s%s%s\n", path ? path : "baseline", msg,
            arg ? " " : "", arg ? arg : "");
    exit(1);
}

static void add_busy(time_t s, time_t e)
{
    if (s < win_start) s = win_start;
    if (e > win_end) e = win_end;
    if (e <= s) return;
    if (nbusy == capbusy) {
        capbusy = capbusy ? 2 * capbusy : 1024;
        busy = realloc(busy, capbusy * sizeof *busy);
        if (!busy) die("out of memory", NULL);
    }
    busy[nbusy].start = s;
    busy[nbusy].end = e;
    nbusy++;
}

/* ---- time helpers ---------------------------------------------------------------------- */

/* A property's value with the zone of its TZID (embedded VTIMEZONE first, then builtin). */
static struct icaltimetype prop_time(icalcomponent *comp, icalproperty *prop)
{
    struct icaltimetype t = icalproperty_get_datetime_with_component(prop, comp);
    if (!t.is_date && !t.zone && !icaltime_is_utc(t)) {
        icalparameter *p = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
        if (p) die("unknown TZID", icalparameter_get_tzid(p));
    }
    return t;
}

/* The zone a value's wall clock is read in: its own, UTC, or --tz for DATE / floating. */
static const icaltimezone *zone_of(struct icaltimetype t)
{
    if (t.is_date) return tz;
    if (icaltime_is_utc(t)) return utc;
    return t.zone ? t.zone : tz;
}

static time_t instant(struct icaltimetype t)
{
    return icaltime_as_timet_with_zone(t, zone_of(t));
}

/* Wall-clock seconds of t as if it were UTC (for wall-clock differences and arithmetic). */
static time_t wall(struct icaltimetype t)
{
    struct icaltimetype w = t;
    w.is_date = 0;
    w.zone = NULL;
    return icaltime_as_timet(w);
}

static struct icaltimetype from_wall(time_t w, const icaltimezone *zone)
{
    struct icaltimetype t = icaltime_from_timet_with_zone(w, 0, utc);
    t.zone = zone;  /* same fields, now read in zone */
    return t;
}

/* A component's end as a time (DTEND wins; DURATION: days/weeks nominal, the rest exact;
   a DATE start without either lasts a day; else zero length). */
static time_t end_instant(icalcomponent *comp, struct icaltimetype start, time_t start_t)
{
    icalproperty *p = icalcomponent_get_first_property(comp, ICAL_DTEND_PROPERTY);
    if (p) {
        return instant(prop_time(comp, p));
    }
    p = icalcomponent_get_first_property(comp, ICAL_DURATION_PROPERTY);
    if (p) {
        struct icaldurationtype d = icalproperty_get_duration(p);
        int sign = d.is_neg ? -1 : 1;
        int days = sign * (int)(d.days + 7 * d.weeks);
        long secs = sign * (long)(d.hours * 3600 + d.minutes * 60 + d.seconds);
        time_t t = start_t;
        if (days) {
            time_t w = wall(start) + (time_t)days * 86400;
            t = icaltime_as_timet_with_zone(from_wall(w, zone_of(start)), zone_of(start));
        }
        return t + secs;
    }
    return start.is_date ? icaltime_as_timet_with_zone(
                               from_wall(wall(start) + 86400, tz), tz)
                         : start_t;
}

/* ---- busy filter ----------------------------------------------------------------------- */

static int is_busy(icalcomponent *comp)
{
    icalproperty *p;
    if ((p = icalcomponent_get_first_property(comp, ICAL_TRANSP_PROPERTY)) &&
        icalproperty_get_transp(p) == ICAL_TRANSP_TRANSPARENT)
        return 0;
    if ((p = icalcomponent_get_first_property(comp, ICAL_STATUS_PROPERTY)) &&
        icalproperty_get_status(p) == ICAL_STATUS_CANCELLED)
        return 0;
    for (p = icalcomponent_get_first_property(comp, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(comp, ICAL_X_PROPERTY)) {
        const char *name = icalproperty_get_x_name(p);
        if (name && strcasecmp(name, "X-MICROSOFT-CDO-BUSYSTATUS") == 0) {
            const char *v = icalproperty_get_value_as_string(p);
            if (v && strcasecmp(v, "FREE") == 0) return 0;
        }
    }
    return 1;
}

/* ---- overrides ------------------------------------------------------------------------- */

typedef struct {
    const char *uid;
    time_t rid;       /* RECURRENCE-ID as an instant (date-time ones) */
    int is_date;      /* DATE RECURRENCE-ID: match by date */
    int y, m, d;
} override;

static override *ovr;
static size_t novr, capovr;

static int cmp_ovr(const void *a, const void *b)
{
    return strcmp(((const override *)a)->uid, ((const override *)b)->uid);
}

/* ---- expansion ------------------------------------------------------------------------- */

typedef struct {
    struct icaltimetype dtstart;
    const icaltimezone *zone;  /* zone of the wall clock of instances */
    time_t wall_len;           /* master's wall-clock length */
    override *ov;              /* overrides with this UID */
    size_t nov;
} series;

static void on_instance(icalcomponent *comp, struct icaltime_span *span, void *data)
{
    series *s = data;
    (void)comp;
    /* foreach_recurrence computed span->start with the value's zone, or UTC when it has none
       (DATE, floating): recover the instance's wall clock in the series' own terms. */
    const icaltimezone *span_zone = s->dtstart.zone ? s->dtstart.zone : utc;
    struct icaltimetype w = icaltime_from_timet_with_zone(span->start, 0, span_zone);
    time_t wstart = wall(w);
    time_t start = s->dtstart.zone || icaltime_is_utc(s->dtstart)
                       ? span->start
                       : icaltime_as_timet_with_zone(from_wall(wstart, s->zone), s->zone);
    for (size_t i = 0; i < s->nov; i++) {
        override *o = &s->ov[i];
        if (o->is_date ? (o->y == w.year && o->m == w.month && o->d == w.day) : o->rid == start)
            return;  /* replaced by the override */
    }
    time_t end = icaltime_as_timet_with_zone(from_wall(wstart + s->wall_len, s->zone), s->zone);
    add_busy(start, end);
}

static void do_event(icalcomponent *ev, struct icaltimetype qfrom, struct icaltimetype qto)
{
    icalproperty *p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    if (!p) return;
    struct icaltimetype dtstart = prop_time(ev, p);
    time_t start = instant(dtstart);
    time_t end = end_instant(ev, dtstart, start);

    int recurring = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) ||
                    icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY);
    if (!recurring) {
        add_busy(start, end);
        return;
    }

    series s;
    s.dtstart = dtstart;
    s.zone = zone_of(dtstart);
    /* wall-clock length in the event's zone */
    s.wall_len = wall(icaltime_from_timet_with_zone(end, 0, s.zone)) -
                 wall(icaltime_from_timet_with_zone(start, 0, s.zone));
    s.ov = NULL;
    s.nov = 0;
    const char *uid = icalcomponent_get_uid(ev);
    if (uid && novr) {
        override key = {.uid = uid};
        override *hit = bsearch(&key, ovr, novr, sizeof *ovr, cmp_ovr);
        if (hit) {
            override *lo = hit, *hi = hit;
            while (lo > ovr && strcmp(lo[-1].uid, uid) == 0) lo--;
            while (hi + 1 < ovr + novr && strcmp(hi[1].uid, uid) == 0) hi++;
            s.ov = lo;
            s.nov = (size_t)(hi - lo) + 1;
        }
    }
    icalcomponent_foreach_recurrence(ev, qfrom, qto, on_instance, &s);
}

static void do_freebusy(icalcomponent *fb)
{
    for (icalproperty *p = icalcomponent_get_first_property(fb, ICAL_FREEBUSY_PROPERTY); p;
         p = icalcomponent_get_next_property(fb, ICAL_FREEBUSY_PROPERTY)) {
        icalparameter *t = icalproperty_get_first_parameter(p, ICAL_FBTYPE_PARAMETER);
        if (t && icalparameter_get_fbtype(t) == ICAL_FBTYPE_FREE) continue;
        struct icalperiodtype per = icalproperty_get_freebusy(p);
        time_t s = instant(per.start);
        time_t e = icaltime_is_null_time(per.end)
                       ? s + icaldurationtype_as_int(per.duration)
                       : instant(per.end);
        add_busy(s, e);
    }
}

static void do_calendar(icalcomponent *cal, struct icaltimetype qfrom, struct icaltimetype qto)
{
    icalcomponent *c;
    /* 1. overrides: each one an occurrence of its own; remember its RECURRENCE-ID */
    for (c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        icalproperty *rp = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
        if (!rp) continue;
        struct icaltimetype rid = prop_time(c, rp);
        if (novr == capovr) {
            capovr = capovr ? 2 * capovr : 256;
            ovr = realloc(ovr, capovr * sizeof *ovr);
            if (!ovr) die("out of memory", NULL);
        }
        const char *uid = icalcomponent_get_uid(c);
        ovr[novr] = (override){.uid = uid ? uid : "", .rid = instant(rid), .is_date = rid.is_date,
                               .y = rid.year, .m = rid.month, .d = rid.day};
        novr++;
        if (is_busy(c)) {
            icalproperty *p = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
            struct icaltimetype st = p ? prop_time(c, p) : rid;
            time_t s = instant(st);
            add_busy(s, end_instant(c, st, s));
        }
    }
    qsort(ovr, novr, sizeof *ovr, cmp_ovr);
    /* 2. masters */
    for (c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        if (icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY)) continue;
        if (is_busy(c)) do_event(c, qfrom, qto);
    }
    /* 3. VFREEBUSY */
    for (c = icalcomponent_get_first_component(cal, ICAL_VFREEBUSY_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VFREEBUSY_COMPONENT))
        do_freebusy(c);
}

/* ---- main ------------------------------------------------------------------------------ */

static struct icaltimetype parse_local(const char *s)
{
    int y, mo, d, h = 0, mi = 0;
    char tail;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5 &&
        sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3)
        die("bad date (want YYYY-MM-DD or YYYY-MM-DDTHH:MM):", s);
    struct icaltimetype t = icaltime_null_time();
    t.year = y; t.month = mo; t.day = d; t.hour = h; t.minute = mi;
    t.zone = tz;
    return t;
}

static int cmp_iv(const void *a, const void *b)
{
    const interval *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

static void print_utc(time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    printf("%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
           tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int main(int argc, char **argv)
{
    const char *from = "2027-04-19", *to = "2027-05-17", *tzname = "Europe/Berlin";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--from") && i + 1 < argc) from = argv[++i];
        else if (!strcmp(argv[i], "--to") && i + 1 < argc) to = argv[++i];
        else if (!strcmp(argv[i], "--tz") && i + 1 < argc) tzname = argv[++i];
        else if (!path && argv[i][0] != '-') path = argv[i];
        else {
            fprintf(stderr, "usage: %s FILE [--from D] [--to D] [--tz ZONE]\n", argv[0]);
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "usage: %s FILE [--from D] [--to D] [--tz ZONE]\n", argv[0]);
        return 2;
    }
    utc = icaltimezone_get_utc_timezone();
    tz = icaltimezone_get_builtin_timezone(tzname);
    if (!tz) die("unknown time zone", tzname);
    struct icaltimetype from_t = parse_local(from), to_t = parse_local(to);
    win_start = icaltime_as_timet_with_zone(from_t, tz);
    win_end = icaltime_as_timet_with_zone(to_t, tz);
    if (win_end <= win_start) die("--to must be after --from", NULL);

    /* read the whole file */
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open", NULL);
    size_t cap = 1 << 20, len = 0, n;
    char *buf = malloc(cap + 1);
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) buf = realloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    if (!buf) die("out of memory", NULL);
    buf[len] = '\0';

    icalcomponent *root = icalparser_parse_string(buf);
    free(buf);
    if (!root) die("not an iCalendar file", NULL);

    /* foreach_recurrence's query range, in UTC, a day wider than the window on each side
       (its own spans are off for DATE/floating values and DST-crossing lengths) */
    struct icaltimetype qfrom = icaltime_from_timet_with_zone(win_start - 86400, 0, utc);
    struct icaltimetype qto = icaltime_from_timet_with_zone(win_end + 86400, 0, utc);

    if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
        do_calendar(root, qfrom, qto);
    } else {
        for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
             c; c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
            novr = 0;  /* overrides belong to their own calendar */
            do_calendar(c, qfrom, qto);
        }
    }

    qsort(busy, nbusy, sizeof *busy, cmp_iv);
    fputs("{\"busy\":[", stdout);
    size_t out = 0;
    for (size_t i = 0; i < nbusy;) {
        time_t s = busy[i].start, e = busy[i].end;
        for (i++; i < nbusy && busy[i].start <= e; i++)
            if (busy[i].end > e) e = busy[i].end;
        if (out++) putchar(',');
        fputs("{\"start\":\"", stdout);
        print_utc(s);
        fputs("\",\"end\":\"", stdout);
        print_utc(e);
        fputs("\"}", stdout);
    }
    fputs("]}\n", stdout);
    icalcomponent_free(root);
    free(busy);
    free(ovr);
    return 0;
}
