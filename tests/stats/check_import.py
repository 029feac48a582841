#!/usr/bin/env python3
"""Import real 3-1-1 files and compare linea311's figures with an
independent count of the same files.

Usage: check_import.py LINEA311_BINARY

For each original export in tests/fixtures/stats/ this maps it with
scripts/map-311-csv.py, imports the result into a fresh data directory
with `linea311 import --cases --skip-invalid --create-missing`, reads
`linea311 report --json` for the year's figures (in total, by agency and
by channel) and compares them with tests/stats/count_cases.py, which
reads the original file on its own. The rows that the import rejects
must be exactly those that the counter rejects, line for line.

"Today" is fixed at TODAY for both, so the backlog ages do not move.
Ends with "stats: N passed, N failed".
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "stats")
TODAY = "2026-12-07"
CLOCK = TODAY + "T16:00:00Z"

# (original file, year that covers every request)
FILES = [
    ("los-angeles-311-2020-01.csv", "2020"),
    ("nyc-311-2011-03-sample.csv", "2011"),
]

FIGURES = [
    ("cases", "created"), ("cases", "closed"), ("cases", "pending"), ("cases", "cancelled"),
    ("sla1", "met"), ("sla1", "breached"), ("sla1", "pending"),
    ("sla2", "met"), ("sla2", "breached"), ("sla2", "pending"),
    ("business_days_to_first_contact", "count"), ("business_days_to_first_contact", "median"),
    ("business_days_to_first_contact", "average"),
    ("business_days_to_closing", "count"), ("business_days_to_closing", "median"),
    ("business_days_to_closing", "average"),
    ("backlog", "0-2"), ("backlog", "3-5"), ("backlog", "6-10"), ("backlog", "11-30"),
    ("backlog", ">30"),
]


def run(args, env=None, **kw):
    r = subprocess.run(args, capture_output=True, text=True, env=env, **kw)
    if r.returncode:
        raise RuntimeError(f"{' '.join(args)} exited {r.returncode}: {r.stderr[-2000:]}")
    return r.stdout


def compare(where, ours, theirs, problems):
    for group, name in FIGURES:
        a = ours[group][name]
        b = theirs[group][name]
        # The API rounds averages to two decimals (halves away from zero).
        tolerance = 0.005 + 1e-9 if name == "average" else 1e-9
        if a is None or b is None:
            same = a is None and b is None
        else:
            same = abs(a - b) <= tolerance
        if not same:
            problems.append(f"{where} {group}.{name}: linea311 {a}, count {b}")


def check_file(binary, name, year):
    problems = []
    original = os.path.join(FIXTURES, name)
    with tempfile.TemporaryDirectory(prefix="linea311-stats-") as tmp:
        mapped = os.path.join(tmp, "cases.csv")
        data = os.path.join(tmp, "data")
        env = dict(os.environ, LANG="en_US.UTF-8", LINEA311_TEST_CLOCK=CLOCK)
        run([sys.executable, os.path.join(ROOT, "scripts", "map-311-csv.py"), original, mapped])
        run([binary, "init", "--data", data], env=env)
        out = run([binary, "import", "--cases", "--skip-invalid", "--create-missing",
                   mapped, "--data", data], env=env)
        count = json.loads(run([sys.executable, os.path.join(ROOT, "tests", "stats", "count_cases.py"),
                                original, TODAY]))

        # The rejected rows: output line = record + 1 (one header line,
        # and no field of these files spans lines).
        rejected = sorted(f"line {r['record'] + 1}: [{r['field']}]" for r in count["rejected"])
        listed = sorted(line.split(": ", 1)[0].split(", ", 1)[1] + ": [" +
                        line.rsplit("[", 1)[1]
                        for line in out.splitlines() if line.startswith("  "))
        if rejected != listed:
            problems.append(f"rejected rows differ: import {listed}, count {rejected}")
        if f"{count['imported']} cases imported" not in out:
            problems.append(f"import output lacks '{count['imported']} cases imported': {out[:300]}")

        def stats(group_by):
            return json.loads(run([binary, "report", "--period", year, "--json", "--group-by",
                                   group_by, "--data", data], env=env))

        by_agency = stats("agency")
        compare("totals", by_agency["totals"], count["totals"], problems)
        seen = {g["acronym"]: g for g in by_agency["groups"]}
        if sorted(seen) != sorted(count["by_agency"]):
            problems.append(f"agencies differ: {sorted(seen)} vs {sorted(count['by_agency'])}")
        for acronym, figures in count["by_agency"].items():
            if acronym in seen:
                compare(f"agency {acronym}", seen[acronym], figures, problems)
        by_channel = {g["key"]: g for g in stats("channel")["groups"]}
        for channel, figures in count["by_channel"].items():
            compare(f"channel {channel}", by_channel[channel], figures, problems)
        for channel, g in by_channel.items():
            if channel not in count["by_channel"] and g["cases"]["created"]:
                problems.append(f"channel {channel} has cases that the count has not")
        totals = by_agency["totals"]["cases"]
        print(f"     {name}: {count['imported']} imported, {len(count['rejected'])} rejected, "
              f"created {totals['created']}, closed {totals['closed']}, pending {totals['pending']}, "
              f"cancelled {totals['cancelled']}")
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_import.py LINEA311_BINARY")
    binary = os.path.abspath(sys.argv[1])
    passed = failed = 0
    run([sys.executable, os.path.join(ROOT, "tests", "stats", "count_cases.py"), "--self-test",
         os.path.join(ROOT, "tests", "fixtures", "feriados-pr-2024-2030.csv")])
    for name, year in FILES:
        try:
            problems = check_file(binary, name, year)
        except (RuntimeError, ValueError, KeyError) as e:
            problems = [f"{type(e).__name__}: {e}"]
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems[:40]:
                print(f"     {p}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"stats: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
