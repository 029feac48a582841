#!/usr/bin/env python3
"""Outbox tests that need process control: an SMTP sink on loopback,
kill -9 and restarts of the server.

Usage: run.py BINARY [NAME-FILTER...]

Each test starts its own linea311 (init --bundled on a fresh data
directory, then serve on a free 127.0.0.1 port) and its own SMTP sinks
(tests/smtp_sink.py), and stops all of them. Waiting for an outcome is a
bounded loop on a condition (a file appears, a status changes), never an
assertion about how long something took. The last line is
"outbox: N passed, N failed".
"""
import email
import email.policy
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SINK = os.path.join(ROOT, "tests", "smtp_sink.py")
ADMIN_PASSWORD = "contraseña-del-admin-311"
WAIT_SECONDS = 60


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, what, seconds=WAIT_SECONDS):
    """Poll predicate until it returns a true value, which is returned."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise Failure(f"gave up waiting for {what} after {seconds} s")


class Sink:
    """One tests/smtp_sink.py process and what it recorded."""

    def __init__(self, base, name, *flags, port=0):
        self.dir = os.path.join(base, name)
        os.makedirs(self.dir)
        self.proc = subprocess.Popen([sys.executable, SINK, "--dir", self.dir, "--port", str(port),
                                      *flags], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        port_file = os.path.join(self.dir, "port")
        wait_for(lambda: os.path.exists(port_file) or self.proc.poll() is not None, "the SMTP sink")
        check(self.proc.poll() is None, "the SMTP sink exited at start")
        self.port = int(open(port_file).read())
        self.url = f"smtp://127.0.0.1:{self.port}"

    def messages(self):
        """Return the accepted messages as (message, envelope, raw bytes)."""
        folder = os.path.join(self.dir, "messages")
        out = []
        for name in sorted(os.listdir(folder)):
            if name.endswith(".eml"):
                raw = open(os.path.join(folder, name), "rb").read()
                envelope = json.load(open(os.path.join(folder, name[:-4] + ".json")))
                out.append((email.message_from_bytes(raw, policy=email.policy.default), envelope, raw))
        return out

    def attempts(self):
        path = os.path.join(self.dir, "attempts.jsonl")
        if not os.path.exists(path):
            return []
        return [json.loads(line) for line in open(path)]

    def stalled(self):
        return os.path.exists(os.path.join(self.dir, "stalled"))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Server:
    """linea311 on a data directory that survives restarts."""

    def __init__(self, binary, base, env):
        self.binary = binary
        self.data = os.path.join(base, "data")
        self.base = base
        self.env = dict(os.environ, LANG="es_PR.UTF-8", LINEA311_ADMIN_PASSWORD=ADMIN_PASSWORD,
                        LINEA311_OUTBOX_RETRY_BASE="1", LINEA311_OUTBOX_RETRY_MAX="2")
        self.env.pop("LC_ALL", None)
        self.env.update(env)
        self.proc = None
        self.token = None
        self.starts = 0
        r = subprocess.run([binary, "init", "--bundled", "--data", self.data], env=self.env,
                           capture_output=True, text=True, timeout=120)
        check(r.returncode == 0, f"init failed: {r.stderr}")

    def start(self, **env):
        self.port = free_port()
        self.starts += 1
        run_env = dict(self.env, **env)
        self.log_path = os.path.join(self.base, f"server-{self.starts}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([self.binary, "serve", "--data", self.data, "--listen",
                                      f"127.0.0.1:{self.port}", "--access-log",
                                      os.path.join(self.base, "access.log")],
                                     env=run_env, stdout=self.log, stderr=self.log)

        def listening():
            if self.proc.poll() is not None:
                raise Failure(f"server exited at start: {open(self.log_path).read()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return True
            except OSError:
                return False
        wait_for(listening, "the server to listen")
        self.login()

    def login(self):
        status, doc = self.request("POST", "/api/v1/session",
                                   {"username": "admin", "password": ADMIN_PASSWORD, "client": "api"},
                                   auth=False)
        self.token = doc.get("token") if status == 201 and isinstance(doc, dict) else None

    def request(self, method, path, body=None, auth=True):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        conn.close()
        try:
            doc = json.loads(text) if text.strip() else None
        except ValueError:
            doc = None
        return resp.status, doc

    def ok(self, method, path, body=None, expect=(200, 201, 202, 204)):
        status, doc = self.request(method, path, body)
        check(status in expect, f"{method} {path}: status {status}: {json.dumps(doc, ensure_ascii=False)[:500]}")
        return doc

    def message(self, mid):
        return self.ok("GET", f"/api/v1/outbox/messages/{mid}")

    def wait_status(self, mid, *statuses):
        return wait_for(lambda: (lambda m: m if m["status"] in statuses else None)(self.message(mid)),
                        f"message {mid} to become {'/'.join(statuses)}")

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()

    def stop(self):
        """Stop with SIGTERM, which must end with exit status 0."""
        if not self.proc or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise Failure("server did not stop within 60 s of SIGTERM")
        self.log.close()
        check(rc == 0, f"server exited with {rc} after SIGTERM: {open(self.log_path).read()[-2000:]}")


# ---- helpers for the checks ----

def send(server, channel="email", recipient="ana@example.com", language="es", service=1, **extra):
    body = dict({"channel": channel, "recipient": recipient, "language": language}, **extra)
    doc = server.ok("POST", f"/api/v1/services/{service}/send", body, expect=(202,))
    check(doc["status"] == "queued", f"a new message is {doc['status']}, expected queued")
    return doc


def attachments(msg):
    return [(part.get_filename(), part.get_content_type(), part.get_content())
            for part in msg.iter_attachments()]


def pdf_text(data, base):
    """Return the text of a PDF with pdftotext, or None without poppler-utils."""
    if not shutil.which("pdftotext"):
        return None
    path = os.path.join(base, "attachment.pdf")
    with open(path, "wb") as f:
        f.write(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                          text=True, check=True).stdout


def check_wire_format(raw):
    """Every byte 7-bit, every line at most 998 bytes, CRLF line ends."""
    check(all(b < 128 for b in raw), "the message has 8-bit bytes")
    lines = raw.split(b"\r\n")
    check(all(len(line) <= 998 for line in lines), "a line is longer than 998 bytes")
    check(b"\n" not in raw.replace(b"\r\n", b""), "a line ends in a bare LF")


class Context:
    def __init__(self, binary, base):
        self.binary = binary
        self.base = base
        self.sinks = []
        self.servers = []

    def sink(self, *flags, port=0):
        s = Sink(self.base, f"sink{len(self.sinks) + 1}", *flags, port=port)
        self.sinks.append(s)
        return s

    def server(self, **env):
        s = Server(self.binary, self.base, env)
        self.servers.append(s)
        return s

    def close(self):
        for s in self.servers:
            if s.proc and s.proc.poll() is None:
                s.proc.kill()
                s.proc.wait()
        for s in self.sinks:
            s.stop()


# ---- content ----

def test_email_spanish_content(ctx):
    sink = ctx.sink()
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url)
    queued = send(server, language="es")
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}: {sent['last_error']}")
    check(sent["attempts"] == 1, f"attempts {sent['attempts']}, expected 1")
    server.stop()

    messages = sink.messages()
    check(len(messages) == 1, f"{len(messages)} messages in the sink, expected 1")
    msg, envelope, raw = messages[0]
    check_wire_format(raw)
    check(envelope["rcpt_to"] == ["<ana@example.com>"], f"envelope recipients {envelope['rcpt_to']}")
    check(msg["Subject"].startswith("Información del servicio: Información sobre Tu Línea"),
          f"subject {msg['Subject']!r}")
    check(b"=?UTF-8?B?" in raw.split(b"\r\n\r\n")[0], "the accented subject is not RFC 2047 encoded")
    check(msg["Message-ID"] == f"<{sent['message_id']}>", f"Message-ID {msg['Message-ID']}")
    check(msg["Date"] is not None and msg["Date"].endswith("-0400"), f"Date {msg['Date']}")
    check(msg["Content-Language"] == "es", f"Content-Language {msg['Content-Language']}")
    check(msg["From"].addresses[0].display_name == "Tu Línea de Servicios de Gobierno 3-1-1",
          f"From {msg['From']!r}")
    check(msg.get_content_type() == "multipart/mixed", f"top type {msg.get_content_type()}")
    alternative = msg.get_payload()[0]
    check(alternative.get_content_type() == "multipart/alternative",
          f"first part {alternative.get_content_type()}")
    text = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    check(text["Content-Transfer-Encoding"] == "quoted-printable", "text is not quoted-printable")
    text, html = text.get_content(), html.get_content()
    for needle in ("Saludos:", "Descripción del Servicio", "Preguntas Frecuentes",
                   "¿Qué ley crea el 3-1-1?", "Teléfono: (787) 555-0100 Ext. 3001",
                   "8. Firmar un acuerdo interagencial."):
        check(needle in text, f"the text part lacks {needle!r}")
    check("<h3" in html and "Descripción del Servicio" in html, "the HTML part lacks the headings")
    check('<html lang="es">' in html, "the HTML part is not marked as Spanish")
    files = attachments(msg)
    check(len(files) == 1, f"{len(files)} attachments, expected 1")
    name, ctype, data = files[0]
    check((name, ctype) == ("servicio-1.pdf", "application/pdf"), f"attachment {name} {ctype}")
    check(data.startswith(b"%PDF-"), "the attachment is not a PDF")
    pdf = pdf_text(data, ctx.base)
    if pdf is not None:
        check("Descripción del Servicio" in pdf, "the PDF lacks the section heading")
        check("Página 1 de" in pdf, "the PDF lacks the page numbers")


def test_email_english_content(ctx):
    sink = ctx.sink()
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url)
    queued = send(server, language="en", recipient="john@example.com")
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}")
    server.stop()
    (msg, envelope, raw), = sink.messages()
    check(msg["Subject"].startswith("Service information: "), f"subject {msg['Subject']!r}")
    check(msg["Content-Language"] == "en", f"Content-Language {msg['Content-Language']}")
    text = msg.get_body(preferencelist=("plain",)).get_content()
    for needle in ("Hello,", "Service Description", "Frequently Asked Questions",
                   "Some parts of this information are available in Spanish only.",
                   "Phone: (787) 555-0100"):
        check(needle in text, f"the English text lacks {needle!r}")
    check("\nDescripción del Servicio\n---" not in text, "a Spanish heading in the English message")
    (name, ctype, data), = attachments(msg)
    check(name == "service-1.pdf", f"attachment name {name}")
    pdf = pdf_text(data, ctx.base)
    if pdf is not None:
        check("Service Description" in pdf and "Page 1 of" in pdf, "the PDF is not in English")


def test_template_edit_applies(ctx):
    sink = ctx.sink()
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url)
    server.ok("PUT", "/api/v1/outbox/templates/service_info/es", {
        "subject": "Su información: {{service_name}} — Peñuelas",
        "body_text": "Texto editado por el administrador.\n\n{{service_content}}\n",
        "body_html": "<p>HTML editado &amp; {{agency_name}}</p>{{service_content}}",
    })
    queued = send(server)
    server.wait_status(queued["id"], "sent")
    server.stop()
    (msg, envelope, raw), = sink.messages()
    check(msg["Subject"].startswith("Su información: Información sobre") and
          msg["Subject"].endswith("— Peñuelas"), f"subject {msg['Subject']!r}")
    text = msg.get_body(preferencelist=("plain",)).get_content()
    check(text.startswith("Texto editado por el administrador."), f"text starts {text[:60]!r}")
    html = msg.get_body(preferencelist=("html",)).get_content()
    check("HTML editado &amp; Negociado de Sistemas de Emergencias 9-1-1" in html, "the edited HTML is missing")


# ---- retries and rejections ----

def test_retry_after_refusal(ctx):
    sink = ctx.sink("--refuse", "2")
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url)
    queued = send(server)
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}: {sent['last_error']}")
    check(sent["attempts"] == 3, f"attempts {sent['attempts']}, expected 3")
    outcomes = [a["outcome"] for a in sent["attempt_log"]]
    check(outcomes == ["retry", "retry", "sent"], f"attempt outcomes {outcomes}")
    check(sent["attempt_log"][0]["error_code"] == "smtp_deferred",
          f"first error {sent['attempt_log'][0]['error_code']}")
    check(len({a["attempt_id"] for a in sent["attempt_log"]}) == 3, "attempt ids repeat")
    server.stop()
    tried = [a["outcome"] for a in sink.attempts()]
    check(tried == ["refused", "refused", "accepted"], f"sink saw {tried}")
    messages = sink.messages()
    check(len(messages) == 1, f"{len(messages)} messages kept, expected 1")
    check(messages[0][0]["Message-ID"] == f"<{sent['message_id']}>", "the Message-ID changed between attempts")


def test_permanent_rejection(ctx):
    sink = ctx.sink("--reject-rcpt", "550")
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url)
    queued = send(server)
    failed = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(failed["status"] == "failed", f"status {failed['status']}")
    check(failed["attempts"] == 1, f"attempts {failed['attempts']}, expected 1")
    check(failed["last_error"]["code"] == "smtp_rejected", f"error {failed['last_error']}")
    check("550" in failed["last_error"]["detail"], f"detail {failed['last_error']['detail']}")
    check(failed["last_error"]["message"]["es"].startswith("El servidor de correo rechazó"),
          "no Spanish error message")
    server.stop()
    check(sink.messages() == [], "a rejected message was kept")


def test_smtp_authentication(ctx):
    sink = ctx.sink("--auth", "linea311:secreto-ñ")
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url, LINEA311_SMTP_USER="linea311",
                 LINEA311_SMTP_PASSWORD="secreto-ñ")
    queued = send(server)
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}: {sent['last_error']}")
    server.stop()
    (msg, envelope, raw), = sink.messages()
    check(envelope["auth_user"] == "linea311", f"authenticated as {envelope['auth_user']}")
    log = open(server.log_path, encoding="utf-8").read()
    check("secreto" not in log, "the SMTP password appears in the server log")

    # A wrong password is retried, because the administrator can fix it.
    server.start(LINEA311_SMTP_URL=sink.url, LINEA311_SMTP_USER="linea311",
                 LINEA311_SMTP_PASSWORD="otra", LINEA311_OUTBOX_ATTEMPTS="2")
    queued = send(server)
    failed = server.wait_status(queued["id"], "failed")
    check(failed["attempts"] == 2, f"attempts {failed['attempts']}, expected 2")
    check(failed["last_error"]["code"] == "smtp_auth_failed", f"error {failed['last_error']}")
    server.stop()
    check(len(sink.messages()) == 1, "a message was accepted with a wrong password")


def test_starttls_required_not_offered(ctx):
    sink = ctx.sink()
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url, LINEA311_SMTP_STARTTLS="required",
                 LINEA311_OUTBOX_ATTEMPTS="1")
    queued = send(server)
    failed = server.wait_status(queued["id"], "failed")
    check(failed["last_error"]["code"] == "starttls_unavailable", f"error {failed['last_error']}")
    server.stop()
    check(sink.messages() == [], "a message went out in clear text despite smtp_starttls=required")



def make_certificate(base):
    """Write a self-signed certificate for 127.0.0.1; return (cert, key)."""
    if not shutil.which("openssl"):
        raise Skip("openssl is not installed")
    cert, key = os.path.join(base, "cert.pem"), os.path.join(base, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


def test_starttls_with_authentication(ctx):
    cert, key = make_certificate(ctx.base)
    sink = ctx.sink("--tls-cert", cert, "--tls-key", key, "--auth", "linea311:clave-ñ")
    server = ctx.server(LINEA311_SMTP_URL=sink.url, LINEA311_SMTP_STARTTLS="required",
                        LINEA311_SMTP_USER="linea311", LINEA311_SMTP_PASSWORD="clave-ñ")
    server.start(LINEA311_SMTP_CA_FILE=cert)
    queued = send(server)
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}: {sent['last_error']}")
    server.stop()
    (msg, envelope, raw), = sink.messages()
    check(envelope["tls"] is True, "the message did not come over TLS")
    check(envelope["auth_user"] == "linea311", f"authenticated as {envelope['auth_user']}")

    # Without the CA certificate the server's certificate is not trusted.
    server.start(LINEA311_OUTBOX_ATTEMPTS="1")
    queued = send(server)
    failed = server.wait_status(queued["id"], "failed")
    check(failed["last_error"]["code"] == "tls_failed", f"error {failed['last_error']}")
    server.stop()
    check(len(sink.messages()) == 1, "a message went to an untrusted server")


# ---- fax ----

def test_fax_gateway(ctx):
    sink = ctx.sink()
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url, LINEA311_FAX_GATEWAY="fax.example")
    queued = send(server, channel="fax", recipient="+1 (787) 555-0161")
    check(queued["recipient"] == "17875550161", f"stored number {queued['recipient']}")
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}: {sent['last_error']}")
    server.stop()
    (msg, envelope, raw), = sink.messages()
    check(envelope["rcpt_to"] == ["<17875550161@fax.example>"], f"fax address {envelope['rcpt_to']}")
    check(msg["To"] == "17875550161@fax.example", f"To {msg['To']}")
    check(msg.get_body(preferencelist=("html",)) is None, "a fax carries an HTML part")
    (name, ctype, data), = attachments(msg)
    check(ctype == "application/pdf" and data.startswith(b"%PDF-"), "the fax has no PDF")


def test_fax_command(ctx):
    out = os.path.join(ctx.base, "faxout")
    os.makedirs(out)
    script = os.path.join(ctx.base, "fake-sendfax.sh")
    with open(script, "w") as f:
        f.write("#!/bin/sh\n# Record the arguments as sendfax would receive them.\n"
                f'printf "%s\\n" "$@" > {out}/args\ncp "$3" {out}/fax.pdf\n')
    server = ctx.server()
    server.start(LINEA311_FAX_COMMAND=f"/bin/sh {script} -d {{number}} {{file}}")
    queued = send(server, channel="fax", recipient="939.555.0199", language="en")
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}: {sent['last_error']}")
    server.stop()
    args = open(os.path.join(out, "args")).read().split("\n")
    check(args[0] == "-d" and args[1] == "19395550199", f"command arguments {args}")
    check(args[2].endswith(".pdf"), f"file argument {args[2]}")
    check(not os.path.exists(args[2]), "the fax's temporary PDF was left behind")
    data = open(os.path.join(out, "fax.pdf"), "rb").read()
    check(data.startswith(b"%PDF-"), "the command did not get a PDF")
    pdf = pdf_text(data, ctx.base)
    if pdf is not None:
        check("Service Description" in pdf, "the fax PDF is not in English")

    # A command that fails is retried, and its output is kept.
    with open(script, "w") as f:
        f.write("#!/bin/sh\necho 'modem busy' >&2\nexit 3\n")
    server.start(LINEA311_FAX_COMMAND=f"/bin/sh {script} {{number}} {{file}}",
                 LINEA311_OUTBOX_ATTEMPTS="2")
    queued = send(server, channel="fax", recipient="7875550161")
    failed = server.wait_status(queued["id"], "failed")
    check(failed["attempts"] == 2, f"attempts {failed['attempts']}")
    check(failed["last_error"]["code"] == "fax_command_failed", f"error {failed['last_error']}")
    check("status 3" in failed["last_error"]["detail"] and "modem busy" in failed["last_error"]["detail"],
          f"detail {failed['last_error']['detail']}")
    server.stop()


# ---- restarts and crashes ----

def count_message(sinks, message_id):
    return sum(1 for s in sinks for m, _, _ in s.messages() if m["Message-ID"] == f"<{message_id}>")


def test_restart_before_transmission(ctx):
    """kill -9 while the SMTP server delays its reply to DATA: queued again, sent once."""
    stalling = ctx.sink("--stall-before-data")
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=stalling.url)
    queued = send(server)
    wait_for(stalling.stalled, "the sink to delay its reply to DATA")
    sending = server.message(queued["id"])
    check(sending["status"] == "sending" and sending["sending_phase"] == "connecting",
          f"during the stall: {sending['status']} {sending['sending_phase']}")
    server.kill9()

    good = ctx.sink()
    server.start(LINEA311_SMTP_URL=good.url)
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}: {sent['last_error']}")
    check(sent["attempts"] == 2, f"attempts {sent['attempts']}, expected 2")
    first = sent["attempt_log"][0]
    check(first["outcome"] == "interrupted" and first["error_code"] == "interrupted_before_transmission",
          f"first attempt {first}")
    server.stop()
    stalling.stop()
    check(stalling.messages() == [], "the stalled sink kept a message")
    check(count_message([stalling, good], sent["message_id"]) == 1, "the message did not arrive exactly once")


def test_restart_after_transmission(ctx):
    """kill -9 after the whole message reached the server, before its reply:
    the message may have been accepted, so it is not sent again by itself."""
    accepting = ctx.sink("--stall-after-data")
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=accepting.url)
    queued = send(server)
    wait_for(accepting.stalled, "the sink to receive the message")
    sending = server.message(queued["id"])
    check(sending["sending_phase"] == "transmitted", f"phase {sending['sending_phase']}")
    server.kill9()

    other = ctx.sink()
    server.start(LINEA311_SMTP_URL=other.url)
    settled = server.message(queued["id"])
    check(settled["status"] == "uncertain", f"status after restart {settled['status']}")
    check(settled["next_attempt_at"] is None, "an uncertain message is scheduled")
    check(settled["last_error"]["code"] == "interrupted_after_transmission", f"error {settled['last_error']}")
    check("no se reenvía" in settled["last_error"]["message"]["es"].lower(), "no Spanish explanation")
    status = server.ok("GET", "/api/v1/outbox/status")
    check(status["counts"]["uncertain"] == 1, f"counts {status['counts']}")
    server.stop()
    accepting.stop()
    check(count_message([accepting, other], settled["message_id"]) == 1,
          "the message was sent again after the restart")

    # Staff may send it again on purpose: same Message-ID, so a receiver
    # can tell the copy.
    server.start(LINEA311_SMTP_URL=other.url)
    server.ok("POST", f"/api/v1/outbox/messages/{queued['id']}/retry")
    sent = server.wait_status(queued["id"], "sent")
    server.stop()
    check(count_message([other], sent["message_id"]) == 1, "the manual retry did not arrive")


def test_kill9_between_creation_and_delivery(ctx):
    """The message is created while the SMTP server is down, the server is
    killed with SIGKILL, and after the restart the message arrives once."""
    port = free_port()
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=f"smtp://127.0.0.1:{port}")
    queued = send(server)
    wait_for(lambda: server.message(queued["id"])["attempts"] >= 1, "a first failed attempt")
    server.kill9()

    sink = ctx.sink(port=port)
    server.start(LINEA311_SMTP_URL=sink.url)
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent", f"status {sent['status']}: {sent['last_error']}")
    check(sent["attempt_log"][0]["error_code"] == "connect_failed", f"first attempt {sent['attempt_log'][0]}")
    server.stop()
    check(count_message([sink], sent["message_id"]) == 1, "the message did not arrive exactly once")
    check(len(sink.messages()) == 1, f"{len(sink.messages())} messages, expected 1")


def test_kill9_with_sender_paused(ctx):
    """Created while the sender is off, killed, restarted with the sender on."""
    sink = ctx.sink()
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url, LINEA311_OUTBOX_SEND="off")
    queued = send(server)
    server.kill9()
    check(sink.messages() == [], "a paused sender delivered")
    server.start(LINEA311_SMTP_URL=sink.url)
    sent = server.wait_status(queued["id"], "sent", "failed", "uncertain")
    check(sent["status"] == "sent" and sent["attempts"] == 1, f"{sent['status']} after {sent['attempts']} attempts")
    server.stop()
    check(len(sink.messages()) == 1, f"{len(sink.messages())} messages, expected 1")


def test_kill9_right_after_creation(ctx):
    """SIGKILL as soon as the request returns, wherever the sender is."""
    sink = ctx.sink()
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=sink.url)
    ids = [send(server, recipient=f"persona{i}@example.com")["id"] for i in range(3)]
    server.kill9()
    server.start(LINEA311_SMTP_URL=sink.url)
    final = [server.wait_status(i, "sent", "failed", "uncertain") for i in ids]
    server.stop()
    for m in final:
        if m["status"] == "uncertain":
            # Killed after the transmission: kept at most once.
            check(count_message([sink], m["message_id"]) <= 1, f"message {m['id']} arrived twice")
        else:
            check(m["status"] == "sent", f"message {m['id']} is {m['status']}")
            check(count_message([sink], m["message_id"]) == 1, f"message {m['id']} did not arrive exactly once")


def test_sigterm_during_send(ctx):
    """A stop while the SMTP server delays its reply to DATA interrupts the
    attempt, exits 0, and the message goes out after the start."""
    stalling = ctx.sink("--stall-before-data")
    server = ctx.server()
    server.start(LINEA311_SMTP_URL=stalling.url)
    queued = send(server)
    wait_for(stalling.stalled, "the sink to delay its reply to DATA")
    server.stop()
    good = ctx.sink()
    server.start(LINEA311_SMTP_URL=good.url)
    sent = server.wait_status(queued["id"], "sent")
    check(sent["attempt_log"][0]["outcome"] == "interrupted", f"first attempt {sent['attempt_log'][0]}")
    server.stop()
    check(len(good.messages()) == 1 and stalling.messages() == [], "not exactly one copy")


# ---- notifications about cases ----

ONBOARDING = {"liaison_named": "2026-01-10", "content_meetings": "2026-02-01",
              "templates_approved": "2026-03-01", "operator_orientation": "2026-04-01",
              "test_calls": "2026-05-01", "licences_acquired": "2026-05-15",
              "liaison_training": "2026-06-01", "agreement_signed": "2026-06-15"}


def referral_service(server, email):
    """Create an integrated agency with email and a published service that
    takes referrals; return the service id."""
    agency = server.ok("POST", "/api/v1/agencies", {
        "acronym": "ACPR", "name": {"es": "Autoridad de Carreteras de Prueba"}, "level": "state",
        "integration_status": "integrated", "licences": 2, "email": email,
        "onboarding": ONBOARDING})
    service = server.ok("POST", "/api/v1/services", {
        "agency_id": agency["id"], "referrals_allowed": True,
        "name": {"es": "Reparación de baches", "en": "Pothole repair"},
        "template": {"description": {"es": "Reparación de baches en carreteras estatales."}}})
    for status in ("in_review", "approved", "published"):
        server.ok("POST", f"/api/v1/services/{service['id']}/status", {"status": status})
    return service["id"]


def case_messages(server, case_id):
    return server.ok("GET", f"/api/v1/cases/{case_id}/messages")["items"]


def sent_to(sink, address):
    return [m for m, envelope, _ in sink.messages() if envelope["rcpt_to"] == [f"<{address}>"]]


def test_case_notifications(ctx):
    """A new referral goes to the agency, a status change to the citizen
    who subscribed, and SLA1 at risk then breached to the agency and the
    coordinator, once each, over restarts at later instants."""
    sink = ctx.sink()
    server = ctx.server(LINEA311_SMTP_URL=sink.url, LINEA311_SLA_SWEEP_SECONDS="86400",
                        LINEA311_COORDINATOR_EMAIL="coordinacion@311.example")
    # Monday 2026-12-07 at 17:55 in Puerto Rico: SLA1 is due on Wednesday 12-09.
    server.start(LINEA311_TEST_CLOCK="2026-12-07T21:55:00Z")
    status, _ = server.request("GET", "/api/v1/cases")
    if status == 404:
        raise Skip("this build has no cases API")
    service = referral_service(server, "enlace@carreteras.pr.gov")
    contacted = server.ok("POST", "/api/v1/cases", {"service_id": service,
                                                    "description": "Bache profundo frente a la escuela"})
    waiting = server.ok("POST", "/api/v1/cases", {"service_id": service,
                                                  "description": "Bache en la Carr. 2"})

    created = wait_for(lambda: [m for m in case_messages(server, contacted["id"]) if m["status"] == "sent"],
                       "the referral notice to be sent")
    check(len(created) == 1 and created[0]["kind"] == "case_created", f"messages {created}")
    check(created[0]["recipient"] == "enlace@carreteras.pr.gov", f"recipient {created[0]['recipient']}")

    server.ok("PUT", f"/api/v1/cases/{contacted['id']}/notifications",
              {"email": "carmen@example.com", "language": "en"})
    server.ok("POST", f"/api/v1/cases/{contacted['id']}/first-contact", {"method": "phone"})
    wait_for(lambda: len([m for m in case_messages(server, contacted["id"]) if m["status"] == "sent"]) == 2,
             "the status notice to be sent")
    server.stop()

    # Wednesday: the start-up sweep finds SLA1 of the second case at risk.
    server.start(LINEA311_TEST_CLOCK="2026-12-09T13:00:00Z")
    wait_for(lambda: len([m for m in case_messages(server, waiting["id"])
                          if m["kind"] == "sla1_at_risk" and m["status"] == "sent"]) == 2,
             "the two SLA1 at-risk notices")
    server.stop()
    # Thursday: overdue, so breached; a second start the same day adds nothing.
    server.start(LINEA311_TEST_CLOCK="2026-12-10T13:00:00Z")
    wait_for(lambda: len([m for m in case_messages(server, waiting["id"])
                          if m["kind"] == "sla1_breached" and m["status"] == "sent"]) == 2,
             "the two SLA1 breached notices")
    server.stop()
    server.start(LINEA311_TEST_CLOCK="2026-12-10T13:30:00Z")
    kinds = sorted(m["kind"] for m in case_messages(server, waiting["id"]))
    check(kinds == ["case_created", "sla1_at_risk", "sla1_at_risk", "sla1_breached", "sla1_breached"],
          f"messages of the waiting case: {kinds}")
    kinds = sorted(m["kind"] for m in case_messages(server, contacted["id"]))
    check(kinds == ["case_created", "case_status"], f"messages of the contacted case: {kinds}")
    server.stop()

    referral = [m for m in sent_to(sink, "enlace@carreteras.pr.gov")
                if m["Subject"].startswith(f"Nuevo referido {contacted['number']}")]
    check(len(referral) == 1, f"{len(referral)} referral notices for {contacted['number']}")
    text = referral[0].get_body(preferencelist=("plain",)).get_content()
    check("9 de diciembre de 2026" in text, "the referral notice lacks the SLA1 due date")
    check("Bache profundo" not in text, "the referral notice carries the case description")
    check(referral[0]["Auto-Submitted"] == "auto-generated", "a notice without Auto-Submitted")

    citizen = sent_to(sink, "carmen@example.com")
    check(len(citizen) == 1, f"{len(citizen)} messages to the citizen")
    check(citizen[0]["Subject"] == f"Your case {contacted['number']} is now: contacted",
          f"citizen subject {citizen[0]['Subject']!r}")
    check("Previous status: new" in citizen[0].get_body(preferencelist=("plain",)).get_content(),
          "the citizen's notice lacks the previous status")

    for address in ("enlace@carreteras.pr.gov", "coordinacion@311.example"):
        subjects = sorted(m["Subject"] for m in sent_to(sink, address) if "SLA1" in m["Subject"])
        check(subjects == [f"SLA1 (primer contacto) en riesgo: referido {waiting['number']}",
                           f"SLA1 (primer contacto) incumplido: referido {waiting['number']}"],
              f"SLA notices to {address}: {subjects}")


TESTS = [
    test_email_spanish_content,
    test_email_english_content,
    test_template_edit_applies,
    test_retry_after_refusal,
    test_permanent_rejection,
    test_smtp_authentication,
    test_starttls_required_not_offered,
    test_starttls_with_authentication,
    test_fax_gateway,
    test_fax_command,
    test_restart_before_transmission,
    test_restart_after_transmission,
    test_kill9_between_creation_and_delivery,
    test_kill9_with_sender_paused,
    test_kill9_right_after_creation,
    test_sigterm_during_send,
    test_case_notifications,
]


def main():
    binary = os.path.abspath(sys.argv[1])
    only = sys.argv[2:]
    passed = failed = skipped = 0
    for test in TESTS:
        name = test.__name__[5:]
        if only and not any(o in name for o in only):
            continue
        base = tempfile.mkdtemp(prefix="linea311-outbox-")
        ctx = Context(binary, base)
        try:
            test(ctx)
            passed += 1
            print(f"ok   {name}")
            shutil.rmtree(base, ignore_errors=True)
        except Skip as e:
            skipped += 1
            print(f"skip {name}: {e}")
        except Exception as e:  # a failed check or a broken step
            failed += 1
            detail = str(e) if isinstance(e, Failure) else traceback.format_exc()
            print(f"FAIL {name}: {detail} (files in {base})")
        finally:
            ctx.close()
        sys.stdout.flush()
    if skipped:
        print(f"outbox: {skipped} skipped")
    print(f"outbox: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
