#!/usr/bin/env python3
"""Table test: every endpoint against every role, on the real server.

Usage: authz_table.py BINARY [NAME-FILTER...]

The expected table comes from the server's own two tables: the routes
(GET /api/v1/openapi.json) and the authorization rules (`linea311 user
permissions --json`). The test first checks that both list the same
endpoints. It then creates one account per role (a central and a
regional liaison among them), logs each in, and calls every endpoint as
each of them and as an anonymous caller:

- a role the rule does not admit must get 401 (anonymous) or 403;
- a role it admits must get neither, whatever else the handler answers;
- for each query parameter that narrows a rule (?view=latest, ...), the
  same two checks with that parameter set.

A liaison's GET of a guarded rule carries ?agency_id= of their own
agency, which guarded lists require of them (the guards themselves are
tested in tests/http/cases/3NN-*.test).

Path parameters get ids that do not exist, so that no admitted request
changes stored data (it answers 404 or 422 instead), and bodies are {}.
The log-out endpoint uses a fresh session per role. The table printed at
the end shows every status. Exit status 1 on any mismatch.
"""
import http.client
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the HTTP test runner: Server, Failure)

ROLES = ["anonymous", "operator", "supervisor", "content_manager", "coordinator",
         "liaison", "liaison_regional", "admin"]
PASSWORD = "clave-de-la-tabla-311"
MISSING_ID = "999999"
PARAM_VALUES = {"year": "2099", "date": "2099-01-02", "key": "no_such_template",
                "lang": "es", "version": "1"}


def request(server, method, path, token=None, body=None):
    headers = {}
    data = None
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.request(method, path, body=data, headers=headers)
    resp = conn.getresponse()
    text = resp.read().decode("utf-8", "replace")
    conn.close()
    try:
        doc = json.loads(text) if text.strip() else None
    except ValueError:
        doc = None
    return resp.status, doc


def admin_call(server, method, path, body=None, expect=(200, 201)):
    status, doc = request(server, method, path, server.admin_token, body)
    if status not in expect:
        raise run.Failure(f"setup {method} {path}: {status} {doc}")
    return doc


def cli(server, *args, stdin=None):
    r = subprocess.run([server.binary, args[0], "--data", server.data] + list(args[1:]),
                       env=server.env, input=stdin, capture_output=True, text=True, timeout=120)
    if r.returncode:
        raise run.Failure(f"linea311 {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout


def set_up_accounts(server):
    """Create an account per role and return {role: token}."""
    agency = admin_call(server, "POST", "/api/v1/agencies",
                        {"acronym": "TABLA", "name": {"es": "Agencia de la tabla"},
                         "level": "state", "licences": 2})["id"]
    office = admin_call(server, "POST", "/api/v1/offices",
                        {"agency_id": agency, "name": {"es": "Oficina de la tabla"},
                         "municipio": "Ponce"})["id"]
    accounts = {
        "operator": ["--role", "operator"],
        "supervisor": ["--role", "supervisor"],
        "content_manager": ["--role", "content_manager"],
        "coordinator": ["--role", "coordinator"],
        "liaison": ["--role", "liaison", "--agency", str(agency)],
        "liaison_regional": ["--role", "liaison", "--office", str(office)],
    }
    tokens = {"anonymous": None, "admin": server.admin_token}
    for name, args in accounts.items():
        username = "tabla." + name.replace("_", "-")
        cli(server, "user", "add", username, *args, "--password-stdin", stdin=PASSWORD + "\n")
        tokens[name] = server.log_in(username, PASSWORD)
    return tokens, agency


def role_code(role):
    return "liaison" if role.startswith("liaison") else role


def concrete_path(pattern):
    parts = []
    for seg in pattern.split("/"):
        if seg.startswith("{") and seg.endswith("}"):
            seg = PARAM_VALUES.get(seg[1:-1], MISSING_ID)
        parts.append(seg)
    return "/".join(parts)


def expected_ok(allowed, role):
    return role_code(role) in allowed


def check(status, ok, role):
    """Return None when status fits, else what was expected."""
    if ok:
        return None if status not in (401, 403) else "not 401/403"
    want = 401 if role == "anonymous" else 403
    return None if status == want else str(want)


def main():
    binary = os.path.abspath(sys.argv[1])
    only = sys.argv[2:]
    if only and not any(o in "authz-table" for o in only):
        print("authz-table: skipped (name filter)")
        return 0
    data_dir = tempfile.mkdtemp(prefix="linea311-authz-")
    directives = {"clock": None, "empty": False, "env": {}, "as": "admin"}
    server = run.Server(binary, directives, data_dir)
    failures = []
    rows = []
    try:
        run_table(server, failures, rows)
    except (run.Failure, OSError, ValueError, KeyError) as e:
        failures.append(f"the table test stopped: {e}")
    finally:
        server.stop()
    subprocess.run(["rm", "-rf", data_dir])
    return report(failures, rows)


def run_table(server, failures, rows):
    """Call every endpoint as every caller, filling failures and rows."""
    table = json.loads(cli(server, "user", "permissions", "--json"))
    status, openapi = request(server, "GET", "/api/v1/openapi.json")
    routes = {(m.upper(), p) for p, ops in openapi["paths"].items() for m in ops}
    listed = {(r["method"], r["pattern"]) for r in table}
    if routes != listed:
        failures.append(f"route tables differ: {sorted(routes ^ listed)}")
    for r in table:
        if not r["in_table"]:
            failures.append(f"{r['method']} {r['pattern']}: no rule (admin only)")
    tokens, agency = set_up_accounts(server)

    for r in table:
        method, pattern, allowed = r["method"], r["pattern"], set(r["roles"])
        variants = [("", allowed)]
        for p in r["params"]:
            value = (p["values"] or "1").split("|")[0]
            variants.append((f"?{p['name']}={value}", allowed & set(p["roles"])))
        for query, admitted in variants:
            cells = []
            for role in ROLES:
                token = tokens[role]
                if (method, pattern) == ("DELETE", "/api/v1/session") and token:
                    # A fresh session, so that the role's own stays open.
                    username = "admin" if role == "admin" else "tabla." + role.replace("_", "-")
                    token = server.log_in(username, run.ADMIN_PASSWORD if role == "admin" else PASSWORD)
                body = {} if method in ("POST", "PUT", "PATCH") else None
                target = concrete_path(pattern) + query
                if r["guarded"] and role.startswith("liaison") and method == "GET":
                    # Guarded lists admit a liaison who names their agency.
                    target += ("&" if "?" in target else "?") + f"agency_id={agency}"
                status, doc = request(server, method, target, token, body)
                ok = expected_ok(admitted, role)
                problem = check(status, ok, role)
                cells.append(f"{status}{'' if problem is None else '!'}")
                if problem:
                    failures.append(f"{method} {pattern}{query} as {role}: {status}, expected {problem}"
                                    f" ({(doc or {}).get('error', {}).get('code')})")
            rows.append((f"{method} {pattern}{query}", cells))


def report(failures, rows):
    """Print the table and the failures; return the exit status."""
    width = max(len(name) for name, _ in rows) if rows else 10
    print(f"{'endpoint':<{width}}  " + " ".join(f"{r[:7]:>7}" for r in ROLES))
    for name, cells in rows:
        print(f"{name:<{width}}  " + " ".join(f"{c:>7}" for c in cells))
    for f in failures:
        print("FAIL " + f)
    checked = sum(len(cells) for _, cells in rows)
    print(f"authz-table: {len(rows)} endpoint rows x {len(ROLES)} callers = {checked} checks, "
          f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
