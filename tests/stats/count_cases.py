#!/usr/bin/env python3
"""Count the statistics of a Los Angeles or New York 3-1-1 export on its own.

Usage: count_cases.py ORIGINAL.csv TODAY(YYYY-MM-DD) > figures.json

This is the independent side of tests/stats/check_import.py: it reads the
city's original CSV with Python's csv module and applies the rules of
docs/import-cases.md and docs/statistics.md written again from their text,
without linea311's C code or scripts/map-311-csv.py. It computes its own
Puerto Rico holidays from the rules of the design (checked against
tests/fixtures/feriados-pr-2024-2030.csv by --self-test), its own business
days and SLA due dates, and its own time-zone conversions.

Output: {"imported", "rejected": [{"record", "number", "field"}],
"totals": FIGURES, "by_agency": {ACRONYM: FIGURES},
"by_channel": {CHANNEL: FIGURES}}, FIGURES being the members of
GET /api/v1/stats that an imported file determines.
"""
import csv
import json
import statistics
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

PR = timezone(timedelta(hours=-4))  # Puerto Rico: UTC-4 all year
UTC = timezone.utc
SLA1_DAYS = 2
SLA2_DAYS = 30  # the default of a service created by the import

# ---- Puerto Rico holidays, from the rules of the design ----


def nth_weekday(year, month, weekday, n):
    """The nth (1-based, -1 = last) weekday (Monday = 0) of a month."""
    if n > 0:
        d = date(year, month, 1)
        d += timedelta(days=(weekday - d.weekday()) % 7)
        return d + timedelta(weeks=n - 1)
    d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() - weekday) % 7)


def easter(year):
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holidays(year):
    """Days without business of a year: fixed dates (moved to Monday when
    on a Sunday) and the rule-based ones. 24 December is a half day and
    stays a business day."""
    days = set()
    for month, day in [(1, 1), (1, 6), (3, 2), (3, 22), (6, 19), (7, 4),
                       (7, 25), (7, 27), (11, 11), (11, 19), (12, 25)]:
        d = date(year, month, day)
        if d.weekday() == 6:
            d += timedelta(days=1)
        days.add(d)
    days.add(nth_weekday(year, 1, 0, 3))     # Martin Luther King Jr.
    days.add(nth_weekday(year, 2, 0, 3))     # Presidentes y Próceres
    days.add(easter(year) - timedelta(days=2))  # Good Friday
    days.add(nth_weekday(year, 5, 0, -1))    # Recordación
    days.add(nth_weekday(year, 9, 0, 1))     # Trabajo
    days.add(nth_weekday(year, 10, 0, 2))    # Día de la Raza
    days.add(nth_weekday(year, 11, 3, 4))    # Acción de Gracias
    if year % 4 == 0:                        # general election
        days.add(nth_weekday(year, 11, 0, 1) + timedelta(days=1))
    return days


_holiday_cache = {}


def is_business_day(d):
    if d.year not in _holiday_cache:
        _holiday_cache[d.year] = holidays(d.year)
    return d.weekday() < 5 and d not in _holiday_cache[d.year]


def business_days_after(start, end):
    """Business days d with start < d <= end (0 when end <= start)."""
    n = 0
    d = start + timedelta(days=1)
    while d <= end:
        n += is_business_day(d)
        d += timedelta(days=1)
    return n


def due_date(start, days):
    """The days-th business day after the local date start."""
    d = start
    while days:
        d += timedelta(days=1)
        if is_business_day(d):
            days -= 1
    return d


def self_test(path):
    """Compare the holiday rules with the published list of 2024-2030."""
    expected = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["tipo"] == "feriado":
                d = date.fromisoformat(row["fecha"])
                expected.setdefault(d.year, set()).add(d)
    for year, days in expected.items():
        if holidays(year) != days:
            sys.exit(f"holiday rules differ in {year}: "
                     f"{sorted(holidays(year) ^ days)}")
    print(f"holiday rules match {len(expected)} years")


# ---- reading the two city formats ----

LA_STATUS = {"Closed": "closed", "Cancelled": "cancelled",
             "Referred Out": "closed", "Open": "new", "Pending": "new"}
NYC_STATUS = {"Closed": "closed", "Pending": "new", "Assigned": "new"}
LA_CHANNEL = {"Call": "phone", "Email": "email", "Self Service": "web",
              "Mobile App": "api", "Driver Self Report": "in_person",
              "Letter": "in_person", "Council's Office": "phone"}
NYC_CHANNEL = {"PHONE": "phone", "ONLINE": "web", "MOBILE": "api"}


def utc_instant(text, fmt, zone):
    if not text.strip():
        return None
    return datetime.strptime(text.strip(), fmt).replace(tzinfo=zone).astimezone(UTC)


def read_requests(path):
    """Yield (record number, dict) in linea311's terms for each request."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        la = "srnumber" in reader.fieldnames
        zone = ZoneInfo("America/Los_Angeles" if la else "America/New_York")
        for i, row in enumerate(reader, 1):
            if la:
                fmt = "%m/%d/%y %H:%M"
                yield i, {
                    "number": row["srnumber"],
                    "created": utc_instant(row["createddate"], fmt, zone),
                    "closed": utc_instant(row["closeddate"], fmt, zone),
                    "status": LA_STATUS[row["status"]],
                    "agency": row["owner"],
                    "channel": LA_CHANNEL.get(row["requestsource"], "phone"),
                }
            else:
                fmt = "%m/%d/%Y %I:%M:%S %p"
                yield i, {
                    "number": row["Unique Key"],
                    "created": utc_instant(row["Created Date"], fmt, zone),
                    "closed": utc_instant(row["Closed Date"], fmt, zone),
                    "status": NYC_STATUS[row["Status"]],
                    "agency": row["Agency"],
                    "channel": NYC_CHANNEL.get(row["Open Data Channel Type"], "phone"),
                }


def rejection(req):
    """The field that makes the import reject a request, or None."""
    created_minute = req["created"].replace(second=0)
    if req["closed"] is not None and req["closed"] < created_minute:
        return "closed_at"
    if req["status"] in ("closed", "cancelled") and req["closed"] is None:
        return "closed_at"
    if req["status"] not in ("closed", "cancelled") and req["closed"] is not None:
        return "closed_at"
    return None


# ---- the figures ----


def empty_figures():
    return {
        "cases": {"created": 0, "closed": 0, "pending": 0, "cancelled": 0},
        "sla1": {"met": 0, "breached": 0, "pending": 0},
        "sla2": {"met": 0, "breached": 0, "pending": 0},
        "first_contact_days": [],
        "closing_days": [],
        "backlog": {"0-2": 0, "3-5": 0, "6-10": 0, "11-30": 0, ">30": 0},
    }


def local_date(instant):
    return instant.astimezone(PR).date()


def add_case(fig, req, today):
    created_day = local_date(req["created"])
    status = req["status"]
    fig["cases"]["created"] += 1
    if status == "cancelled":
        fig["cases"]["cancelled"] += 1
        return
    if status == "closed":
        fig["cases"]["closed"] += 1
        # The closing stands for the first contact the file lacks.
        closed_day = local_date(req["closed"])
        met1 = closed_day <= due_date(created_day, SLA1_DAYS)
        met2 = closed_day <= due_date(created_day, SLA2_DAYS)
        fig["sla1"]["met" if met1 else "breached"] += 1
        fig["sla2"]["met" if met2 else "breached"] += 1
        days = business_days_after(created_day, closed_day)
        fig["first_contact_days"].append(days)
        fig["closing_days"].append(days)
        return
    fig["cases"]["pending"] += 1
    fig["sla1"]["pending"] += 1
    fig["sla2"]["pending"] += 1
    age = business_days_after(created_day, today)
    for bucket, limit in (("0-2", 2), ("3-5", 5), ("6-10", 10), ("11-30", 30), (">30", None)):
        if limit is None or age <= limit:
            fig["backlog"][bucket] += 1
            break


def finish(fig):
    for key, name in (("first_contact_days", "business_days_to_first_contact"),
                      ("closing_days", "business_days_to_closing")):
        values = fig.pop(key)
        fig[name] = {
            "count": len(values),
            "median": statistics.median(values) if values else None,
            "average": statistics.fmean(values) if values else None,
        }
    return fig


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--self-test":
        self_test(sys.argv[2])
        return
    if len(sys.argv) != 3:
        sys.exit("usage: count_cases.py ORIGINAL.csv TODAY | --self-test HOLIDAYS.csv")
    today = date.fromisoformat(sys.argv[2])
    totals = empty_figures()
    by_agency, by_channel = {}, {}
    rejected, seen = [], set()
    for record, req in read_requests(sys.argv[1]):
        field = rejection(req)
        if field is None and req["number"] in seen:
            field = "number"
        if field:
            rejected.append({"record": record, "number": req["number"], "field": field})
            continue
        seen.add(req["number"])
        add_case(totals, req, today)
        add_case(by_agency.setdefault(req["agency"], empty_figures()), req, today)
        add_case(by_channel.setdefault(req["channel"], empty_figures()), req, today)
    json.dump({
        "imported": totals["cases"]["created"],
        "rejected": rejected,
        "totals": finish(totals),
        "by_agency": {k: finish(v) for k, v in sorted(by_agency.items())},
        "by_channel": {k: finish(v) for k, v in sorted(by_channel.items())},
    }, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
