#!/usr/bin/env python3
"""Write N generated cases of one year in the case CSV of docs/import-cases.md.

Usage: gen_cases.py N YEAR OUT.csv

The cases are spread evenly over the year's local days and hours, over 40
agencies of 10 services each, 200 operators, the six channels and the 78
municipios. About 85 % are closed, 5 % cancelled and 10 % still open;
first contacts come 0 to 6 days after creation and closings 0 to 45 days
after that, never after 2026-01-15 (the benchmark's "today"). The same N
and YEAR always give the same file (fixed random seed).
"""
import csv
import random
import sys
from datetime import datetime, timedelta, timezone

LIMIT = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)
CHANNELS = ["phone"] * 6 + ["email", "web", "web", "api", "in_person", "fax"]


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gen_cases.py N YEAR OUT.csv")
    n, year, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(311)
    municipios = [line.strip() for line in open("data/bundled/municipios-pr.txt", encoding="utf-8")
                  if line.strip()]
    start = datetime(year, 1, 1, 4, 0, tzinfo=timezone.utc)  # 00:00 in Puerto Rico
    seconds = int((datetime(year + 1, 1, 1, 4, 0, tzinfo=timezone.utc) - start).total_seconds())
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["number", "created_at", "status", "agency", "agency_name", "service",
                    "channel", "first_contact_at", "closed_at", "municipio", "operator"])
        for i in range(n):
            created = start + timedelta(seconds=seconds * i // n + rng.randrange(60))
            agency = rng.randrange(40)
            service = f"Servicio {agency:02d}-{rng.randrange(10)}"
            roll = rng.random()
            contact = closed = ""
            contacted_at = created + timedelta(minutes=rng.randrange(6 * 24 * 60))
            closed_at = contacted_at + timedelta(minutes=rng.randrange(45 * 24 * 60))
            if roll < 0.85 and closed_at < LIMIT:
                status = "closed"
                contact = contacted_at.strftime(fmt)
                closed = closed_at.strftime(fmt)
            elif roll < 0.90:
                status = "cancelled"
                closed = min(contacted_at, LIMIT).strftime(fmt)
            elif roll < 0.95 and contacted_at < LIMIT:
                status = "in_progress"
                contact = contacted_at.strftime(fmt)
            else:
                status = "new"
            w.writerow([f"B-{year}-{i:08d}", created.strftime(fmt), status, f"AG{agency:02d}",
                        f"Agencia de prueba {agency:02d}", service, rng.choice(CHANNELS),
                        contact, closed, rng.choice(municipios), f"op{rng.randrange(200):03d}"])
    print(f"{path}: {n} cases of {year}", file=sys.stderr)


if __name__ == "__main__":
    main()
