#!/usr/bin/env python3
"""Integration tests of linea311 written as data.

Each tests/http/cases/*.test file is one test. The runner starts the real
linea311 binary on a free loopback port with a fresh temporary data
directory (initialised with --bundled unless the file says @empty), runs the
file's steps in order against it, and stops it with SIGTERM, which must end
with exit status 0.

File format (see tests/http/README.md for the full list):

    @clock 2026-12-07T21:55:00Z      start the server's clock at this instant
    @empty                           init without the bundled content
    @env NAME=VALUE                  extra environment for the server

    >>> POST /api/v1/agencies        a request
    Content-Type: application/json   headers until a blank line
                                     then the body until the expectation
    {"name": {"es": "Prueba"}, "level": "state"}
    <<< 201                          expected status
    json .name.es == "Prueba"        assertions, one per line
    capture agency .id               remember a value as ${agency}

    $$$ import file.txt --agency ${agency}   run the binary on the data dir
    <<< exit 0
    stdout contains "servicio"

    %%% cmp ${data}/a.json ${data}/b.json     run a shell command
    <<< exit 0

Commands run in tests/http/files/. ${data} is the server's data directory
and ${bin} the binary; $$$ steps get --data ${data} unless they name one.

A body written as base64:... is sent as the decoded bytes, and one
written as repeat:N:TEXT as TEXT repeated N times.

Assertions: json PATH (==|!=) JSON, json PATH exists|missing, json PATH
contains TEXT, json PATH length N, header NAME contains TEXT, header NAME
missing, body contains TEXT, body missing TEXT, stdout|stderr contains
TEXT. PATH is .a.b[0].c; TEXT and values may use ${name}. The json
assertions and capture also read a command's output when it is JSON.

Sessions. init creates the administrator "admin" with the password in
${admin_password} (through LINEA311_ADMIN_PASSWORD), and the runner logs
in once as admin with a bearer token, ${admin_token}. By default every
request carries "Authorization: Bearer ${admin_token}", so a test that is
not about accounts works as before. To act as someone else:

    @as anonymous                    file directive: requests carry no
                                     session unless a step says otherwise

    $$$ user add ana --role operator --password-stdin
    | contraseña-de-ana              lines after "| " are the command's
    <<< exit 0                       standard input

    >>> POST /api/v1/session
    @as anonymous                    per step: anonymous, admin, or the
                                     name of a variable holding a token
    {"username": "ana", "password": "contraseña-de-ana", "client": "api"}
    <<< 201
    capture ana .token

    >>> GET /api/v1/users
    @as ana
    <<< 403

A step that sets an Authorization or Cookie header itself gets no other
credentials. "capture NAME cookie COOKIE" stores the value that the
response's Set-Cookie gives the cookie COOKIE; ${port} is the server's
port, for Origin headers.
"""
import base64
import http.client
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADMIN_PASSWORD = "contraseña-del-admin-311"


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def subst(text, variables):
    def repl(m):
        name = m.group(1)
        if name not in variables:
            raise Failure(f"variable ${{{name}}} is not set")
        value = variables[name]
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return re.sub(r"\$\{([A-Za-z0-9_]+)\}", repl, text)


def json_path(doc, path):
    """Return the value at .a.b[0].c, raising KeyError when absent."""
    if path in (".", ""):
        return doc
    for part in re.findall(r"\.([^.\[\]]+)|\[(\d+)\]", path):
        key, index = part
        if key:
            if not isinstance(doc, dict) or key not in doc:
                raise KeyError(path)
            doc = doc[key]
        else:
            i = int(index)
            if not isinstance(doc, list) or i >= len(doc):
                raise KeyError(path)
            doc = doc[i]
    return doc


def parse(path):
    """Split a test file into directives and steps."""
    directives = {"clock": None, "empty": False, "env": {}, "as": "admin"}
    steps = []
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("@clock "):
            directives["clock"] = line.split(None, 1)[1].strip()
        elif line.strip() == "@empty":
            directives["empty"] = True
        elif line.startswith("@env "):
            k, v = line.split(None, 1)[1].split("=", 1)
            directives["env"][k] = v
        elif line.startswith("@as "):
            directives["as"] = line.split(None, 1)[1].strip()
        elif line.startswith((">>> ", "$$$ ", "%%% ")):
            kinds = {">>>": "http", "$$$": "cli", "%%%": "shell"}
            step = {"line": i + 1, "kind": kinds[line[:3]],
                    "command": line[4:].strip(), "headers": [], "body": [], "expect": None,
                    "asserts": [], "as": None, "stdin": None}
            i += 1
            while step["kind"] != "http" and i < len(lines) and lines[i].startswith("| "):
                step["stdin"] = (step["stdin"] or "") + lines[i][2:] + "\n"
                i += 1
            if step["kind"] == "http":
                while i < len(lines) and lines[i].strip() and not lines[i].startswith("<<<"):
                    if lines[i].startswith("@as "):
                        step["as"] = lines[i].split(None, 1)[1].strip()
                    else:
                        step["headers"].append(lines[i])
                    i += 1
                if i < len(lines) and not lines[i].startswith("<<<"):
                    i += 1  # the blank line
                while i < len(lines) and not lines[i].startswith("<<<"):
                    step["body"].append(lines[i])
                    i += 1
            if i >= len(lines) or not lines[i].startswith("<<<"):
                raise Failure(f"{path}:{step['line']}: step has no <<< expectation")
            step["expect"] = lines[i][3:].strip()
            i += 1
            while i < len(lines) and lines[i].strip() and not lines[i].startswith((">>>", "$$$", "%%%")):
                if not lines[i].lstrip().startswith("#"):
                    step["asserts"].append((i + 1, lines[i].strip()))
                i += 1
            steps.append(step)
            continue
        i += 1
    return directives, steps


def check(assertion, variables, status_doc):
    """Evaluate one assertion line against the last response."""
    doc, headers, body, stdout, stderr = status_doc
    words = assertion.split(None, 2)
    kind = words[0]
    if kind == "capture" and words[2].startswith("cookie "):
        name, cookie = words[1], words[2].split(None, 1)[1]
        for line in headers.get("set-cookie", "").split("\n"):
            m = re.match(r"\s*" + re.escape(cookie) + r"=([^;]*)", line)
            if m:
                variables[name] = m.group(1)
                return
        raise Failure(f"capture {name}: no Set-Cookie for {cookie}")
    if kind == "capture":
        name, path = words[1], words[2]
        try:
            variables[name] = json_path(doc, path)
        except KeyError:
            raise Failure(f"capture {name}: {path} is missing")
        return
    if kind in ("body", "stdout", "stderr"):
        op, text = words[1], json.loads(subst(words[2], variables)) if words[2].startswith('"') else subst(words[2], variables)
        hay = {"body": body, "stdout": stdout, "stderr": stderr}[kind]
        if op == "contains" and text not in hay:
            raise Failure(f"{kind} does not contain {text!r}: {hay[:400]!r}")
        if op == "missing" and text in hay:
            raise Failure(f"{kind} contains {text!r}")
        return
    if kind == "header":
        name, rest = words[1], words[2]
        op, _, text = rest.partition(" ")
        value = headers.get(name.lower())
        if op == "missing":
            if value is not None:
                raise Failure(f"header {name} is {value!r}, expected none")
            return
        text = json.loads(text) if text.startswith('"') else text
        if value is None or (op == "contains" and subst(text, variables) not in value):
            raise Failure(f"header {name} is {value!r}, expected to contain {text!r}")
        return
    if kind != "json":
        raise Failure(f"unknown assertion {assertion!r}")
    if doc is None:
        raise Failure(f"response is not JSON: {body[:300]!r}")
    path, rest = words[1], words[2]
    op, _, arg = rest.partition(" ")
    arg = subst(arg.strip(), variables)
    if op == "missing":
        try:
            json_path(doc, path)
        except KeyError:
            return
        raise Failure(f"{path} exists")
    try:
        value = json_path(doc, path)
    except KeyError:
        raise Failure(f"{path} is missing in {json.dumps(doc, ensure_ascii=False)[:400]}")
    if op == "exists":
        return
    if op in ("==", "!="):
        expected = json.loads(arg)
        if (value == expected) != (op == "=="):
            raise Failure(f"{path} is {json.dumps(value, ensure_ascii=False)}, expected {op} {arg}")
    elif op == "contains":
        expected = json.loads(arg) if arg.startswith('"') else arg
        if isinstance(value, list):
            if expected not in value:
                raise Failure(f"{path} {value!r} does not contain {expected!r}")
        elif expected not in str(value):
            raise Failure(f"{path} {str(value)[:300]!r} does not contain {expected!r}")
    elif op == "length":
        if len(value) != int(arg):
            raise Failure(f"{path} has length {len(value)}, expected {arg}")
    elif op in (">=", "<=", ">", "<"):
        n = float(arg)
        ok = {">=": value >= n, "<=": value <= n, ">": value > n, "<": value < n}[op]
        if not ok:
            raise Failure(f"{path} is {value}, expected {op} {arg}")
    else:
        raise Failure(f"unknown operator {op!r}")


class Server:
    def __init__(self, binary, directives, data_dir):
        self.binary = binary
        self.port = free_port()
        self.data = data_dir
        env = dict(os.environ, LANG="es_PR.UTF-8", **directives["env"])
        env.pop("LC_ALL", None)
        self.env = env
        init = [binary, "init", "--data", data_dir] + ([] if directives["empty"] else ["--bundled"])
        r = subprocess.run(init, env=dict(env, LINEA311_ADMIN_PASSWORD=ADMIN_PASSWORD),
                           capture_output=True, text=True, timeout=120)
        if r.returncode:
            raise Failure(f"init failed: {r.stderr}")
        args = [binary, "serve", "--data", data_dir, "--listen", f"127.0.0.1:{self.port}",
                "--access-log", os.path.join(data_dir, "access.log")]
        if directives["clock"]:
            args += ["--test-clock", directives["clock"]]
        self.log = open(os.path.join(data_dir, "server.log"), "w")
        self.proc = subprocess.Popen(args, env=env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    pass
            except OSError:
                if self.proc.poll() is not None:
                    raise Failure(f"server exited at start: {open(self.log.name).read()}")
                time.sleep(0.05)
                continue
            try:
                self.admin_token = self.log_in("admin", ADMIN_PASSWORD)
            except (Failure, OSError, ValueError):
                self.proc.kill()
                self.proc.wait()
                self.log.close()
                raise
            return
        self.proc.kill()
        self.proc.wait()
        raise Failure("server did not start listening within 30 s")

    def log_in(self, username, password):
        """Start a bearer session and return its token."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        body = json.dumps({"username": username, "password": password, "client": "api"})
        conn.request("POST", "/api/v1/session", body=body.encode("utf-8"),
                     headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        if resp.status != 201:
            raise Failure(f"log-in as {username} failed with {resp.status}: {data[:300]!r}")
        return json.loads(data)["token"]

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise Failure("server did not stop within 30 s of SIGTERM")
        self.log.close()
        if rc != 0:
            raise Failure(f"server exited with {rc} after SIGTERM: {open(self.log.name).read()[-2000:]}")


def run_http(server, step, variables):
    method, target = step["command"].split(None, 1)
    target = urllib.parse.quote(subst(target, variables), safe="/?&=%:+,;@$!*'()~[]")
    headers = {}
    for h in step["headers"]:
        k, v = h.split(":", 1)
        headers[k.strip()] = subst(v.strip(), variables)
    body = subst("\n".join(step["body"]).strip("\n"), variables).encode("utf-8") if step["body"] else None
    if body and "Content-Type" not in headers:
        headers["Content-Type"] = "application/json"
    identity = step["as"] or variables["_as"]
    if identity != "anonymous" and not any(k.lower() in ("authorization", "cookie") for k in headers):
        token = server.admin_token if identity == "admin" else variables.get(identity)
        if not isinstance(token, str):
            raise Failure(f"@as {identity}: no token captured under that name")
        headers["Authorization"] = "Bearer " + token
    if body and body.startswith(b"base64:"):
        body = base64.b64decode(body[7:])  # bytes that are not UTF-8 text
    elif body and body.startswith(b"repeat:"):
        _, count, unit = body.split(b":", 2)  # a large body from a short file
        body = unit * int(count)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.request(method, target, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    text = data.decode("utf-8", "replace")
    try:
        doc = json.loads(text) if text.strip() else None
    except ValueError:
        doc = None
    return resp.status, doc, {k.lower(): v for k, v in resp.getheaders()}, text


def run_cli(server, step, variables):
    cwd = os.path.join(ROOT, "tests", "http", "files")
    stdin = subst(step["stdin"], variables) if step["stdin"] is not None else None
    if step["kind"] == "shell":
        r = subprocess.run(["sh", "-c", subst(step["command"], variables)], env=server.env,
                           input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd)
        return r.returncode, r.stdout, r.stderr
    args = shlex.split(subst(step["command"], variables))
    if "--data" not in args:
        args[1:1] = ["--data", server.data]
    r = subprocess.run([server.binary] + args, env=server.env, input=stdin,
                       capture_output=True, text=True, timeout=120, cwd=cwd)
    return r.returncode, r.stdout, r.stderr


def run_file(binary, path):
    directives, steps = parse(path)
    variables = {"data": None, "bin": binary}
    data_dir = tempfile.mkdtemp(prefix="linea311-test-")
    server = Server(binary, directives, data_dir)
    variables["data"] = data_dir
    variables.update(port=str(server.port), admin_token=server.admin_token,
                     admin_password=ADMIN_PASSWORD, _as=directives["as"])
    try:
        for step in steps:
            where = f"{os.path.basename(path)}:{step['line']}"
            try:
                if step["kind"] == "http":
                    status, doc, headers, body = run_http(server, step, variables)
                    if str(status) != step["expect"]:
                        raise Failure(f"status {status}, expected {step['expect']}: {body[:500]}")
                    ctx = (doc, headers, body, "", "")
                else:
                    code, out, err = run_cli(server, step, variables)
                    if step["expect"] != f"exit {code}":
                        raise Failure(f"exit {code}, expected {step['expect']}: {err[:500]}")
                    try:
                        doc = json.loads(out) if out.strip() else None
                    except ValueError:
                        doc = None
                    ctx = (doc, {}, "", out, err)
                for lineno, assertion in step["asserts"]:
                    try:
                        check(assertion, variables, ctx)
                    except Failure as e:
                        raise Failure(f"line {lineno}: {e}")
            except Failure as e:
                raise Failure(f"{where}: {step['command']}: {e}")
    finally:
        server.stop()
    subprocess.run(["rm", "-rf", data_dir])


def main():
    binary = os.path.abspath(sys.argv[1])
    only = sys.argv[2:]
    files = sorted(f for f in os.listdir(os.path.join(ROOT, "tests/http/cases")) if f.endswith(".test"))
    if only:
        files = [f for f in files if any(o in f for o in only)]
    passed = failed = 0
    for name in files:
        try:
            run_file(binary, os.path.join(ROOT, "tests/http/cases", name))
            passed += 1
            print(f"ok   {name}")
        except (Failure, OSError, ValueError) as e:
            failed += 1
            print(f"FAIL {name}: {e}")
        sys.stdout.flush()
    print(f"http: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
