#!/usr/bin/env python3
"""Map a Los Angeles or New York City 3-1-1 export to linea311's case CSV.

Usage: scripts/map-311-csv.py INPUT.csv [OUTPUT.csv]   (standard output
when OUTPUT is missing). The source is recognised by its header: the LA
"MyLA311 Service Request Data" export (srnumber, requesttype, ...) or the
NYC "311 Service Requests" export (Unique Key, Created Date, ...).

The output follows docs/import-cases.md. The mapping is faithful: a value
the source lacks stays empty. A contradictory row (a closed date before
the created date, a closed request without a closed date) is written as
it is, so that `linea311 import --cases` rejects it with the line and the
field instead of this script hiding it. Records keep their order.

Timestamps keep their instant: the source's local wall-clock time is
converted with its city's time zone (America/Los_Angeles,
America/New_York, daylight saving included) and written in UTC
("...Z"), so linea311 places each request on its Puerto Rico local date.

Status mapping: Closed -> closed, Cancelled -> cancelled, and LA's
"Referred Out" (sent outside the 3-1-1 system, with a closed date) ->
closed. Open, Pending (LA and NYC) and Assigned (NYC) -> new, because
neither file records a first contact.
"""
import csv
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

OUTPUT_COLUMNS = [
    "number", "created_at", "status", "agency", "agency_name", "service",
    "channel", "first_contact_at", "closed_at", "resolution", "municipio",
    "operator", "description",
]

STATUS = {
    "closed": "closed",
    "cancelled": "cancelled",
    "referred out": "closed",
    "open": "new",
    "pending": "new",
    "assigned": "new",
}

# LA "requestsource" values. A sanitation driver's report is made where
# the problem is, so it counts as in person. A letter is delivered in
# person to a city office. Council offices pass requests on by phone.
LA_CHANNEL = {
    "call": "phone",
    "email": "email",
    "self service": "web",
    "mobile app": "api",
    "driver self report": "in_person",
    "letter": "in_person",
    "council's office": "phone",
}

# LA "owner" codes of the City of Los Angeles departments and bureaus.
LA_AGENCY = {
    "BOS": "Bureau of Sanitation",
    "OCB": "Office of Community Beautification",
    "BSL": "Bureau of Street Lighting",
    "ITA": "Information Technology Agency",
    "LASAN": "LA Sanitation and Environment",
    "LADWP": "Department of Water and Power",
    "BSS": "Bureau of Street Services",
}

# NYC "Open Data Channel Type". OTHER and UNKNOWN have no equivalent and
# stay empty.
NYC_CHANNEL = {"phone": "phone", "online": "web", "mobile": "api"}

LA_ZONE = ZoneInfo("America/Los_Angeles")
NYC_ZONE = ZoneInfo("America/New_York")


def instant(text, fmt, zone):
    """Convert a local wall-clock time to ISO 8601 UTC."""
    if not text.strip():
        return ""
    local = datetime.strptime(text.strip(), fmt).replace(tzinfo=zone)
    return local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def map_la(row):
    owner = row["owner"].strip()
    description = row["requesttype"].strip()
    if row["address"].strip():
        description += " - " + row["address"].strip()
    return {
        "number": row["srnumber"].strip(),
        "created_at": instant(row["createddate"], "%m/%d/%y %H:%M", LA_ZONE),
        "status": STATUS.get(row["status"].strip().lower(), row["status"].strip()),
        "agency": owner,
        "agency_name": LA_AGENCY.get(owner, owner),
        "service": row["requesttype"].strip(),
        "channel": LA_CHANNEL.get(row["requestsource"].strip().lower(), ""),
        "first_contact_at": "",
        "closed_at": instant(row["closeddate"], "%m/%d/%y %H:%M", LA_ZONE),
        "resolution": "",
        "municipio": "",
        "operator": "",
        "description": description,
    }


def map_nyc(row):
    fmt = "%m/%d/%Y %I:%M:%S %p"
    description = row["Complaint Type"].strip()
    if row["Descriptor"].strip():
        description += " - " + row["Descriptor"].strip()
    status = row["Status"].strip()
    return {
        "number": row["Unique Key"].strip(),
        "created_at": instant(row["Created Date"], fmt, NYC_ZONE),
        "status": STATUS.get(status.lower(), status),
        "agency": row["Agency"].strip(),
        "agency_name": row["Agency Name"].strip(),
        "service": row["Complaint Type"].strip(),
        "channel": NYC_CHANNEL.get(row["Open Data Channel Type"].strip().lower(), ""),
        "first_contact_at": "",
        "closed_at": instant(row["Closed Date"], fmt, NYC_ZONE),
        "resolution": row["Resolution Description"].strip() if status == "Closed" else "",
        "municipio": "",
        "operator": "",
        "description": description,
    }


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: map-311-csv.py INPUT.csv [OUTPUT.csv]")
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        if "srnumber" in header:
            mapper = map_la
        elif "Unique Key" in header:
            mapper = map_nyc
        else:
            sys.exit(f"{sys.argv[1]}: not a Los Angeles or New York 311 export")
        out = open(sys.argv[2], "w", newline="", encoding="utf-8") if len(sys.argv) == 3 else sys.stdout
        writer = csv.DictWriter(out, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        count = 0
        for row in reader:
            writer.writerow(mapper(row))
            count += 1
        if out is not sys.stdout:
            out.close()
    print(f"{sys.argv[1]}: {count} requests mapped", file=sys.stderr)


if __name__ == "__main__":
    main()
