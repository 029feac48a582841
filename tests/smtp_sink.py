#!/usr/bin/env python3
"""An SMTP sink on 127.0.0.1 for the outbox tests.

It speaks enough SMTP (RFC 5321) for libcurl: EHLO/HELO, optional AUTH
PLAIN and LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT. Each message it
accepts is written to DIR/messages/NNNN.eml (the data with dot-stuffing
undone) beside NNNN.json (envelope: mail_from, rcpt_to, auth_user), and
every transaction, accepted or not, is appended to DIR/attempts.jsonl.
When listening it writes its port to DIR/port.

Behaviour on demand, from the flags, overridden per transaction by the
keys of DIR/control.json when that file exists:

  refuse N           reply refuse_code (default 451) to the end of the
                     data of the first N transactions,
                     without keeping the message
  reject_rcpt CODE   answer every RCPT with CODE (for example 550)
  stall_before_data  answer DATA with nothing and wait; DIR/stalled is
                     written when the wait starts
  stall_after_data   keep the message, as a server that accepted it would,
                     then wait without answering the final dot
  auth USER:PASS     offer AUTH and require it before MAIL

With --tls-cert and --tls-key the sink offers STARTTLS, and the envelope
of a message says whether it came over TLS.

A wait ends when the client closes the connection or after
--stall-seconds (default 120). SIGTERM stops the sink.

Usage: smtp_sink.py --dir DIR [--port 0] [--refuse N] [--refuse-code 451]
       [--reject-rcpt 550] [--stall-before-data] [--stall-after-data]
       [--auth USER:PASS] [--stall-seconds 120] [--tls-cert PEM --tls-key PEM]
"""
import argparse
import base64
import json
import os
import signal
import socket
import socketserver
import ssl
import sys
import threading
import time

MAX_MESSAGE = 32 * 1024 * 1024


class Sink:
    def __init__(self, args):
        self.dir = args.dir
        self.flags = {
            "refuse": args.refuse,
            "refuse_code": args.refuse_code,
            "reject_rcpt": args.reject_rcpt,
            "stall_before_data": args.stall_before_data,
            "stall_after_data": args.stall_after_data,
            "auth": args.auth,
        }
        self.stall_seconds = args.stall_seconds
        self.tls = None
        if args.tls_cert:
            self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls.load_cert_chain(args.tls_cert, args.tls_key)
        self.lock = threading.Lock()
        self.transactions = 0
        self.accepted = 0
        os.makedirs(os.path.join(self.dir, "messages"), exist_ok=True)

    def policy(self):
        """Return the flags with DIR/control.json's keys over them."""
        policy = dict(self.flags)
        try:
            with open(os.path.join(self.dir, "control.json"), encoding="utf-8") as f:
                policy.update(json.load(f))
        except FileNotFoundError:
            pass
        return policy

    def log_attempt(self, entry):
        with self.lock:
            with open(os.path.join(self.dir, "attempts.jsonl"), "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")

    def next_transaction(self):
        with self.lock:
            self.transactions += 1
            return self.transactions

    def keep(self, data, envelope):
        with self.lock:
            self.accepted += 1
            base = os.path.join(self.dir, "messages", f"{self.accepted:04d}")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(data)
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump(envelope, f)
        os.rename(base + ".eml.tmp", base + ".eml")

    def mark_stalled(self, where):
        with open(os.path.join(self.dir, "stalled"), "w", encoding="utf-8") as f:
            f.write(where + "\n")


class Handler(socketserver.StreamRequestHandler):
    timeout = 300

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("ascii"))
        self.wfile.flush()

    def read_line(self):
        line = self.rfile.readline(4096)
        if not line:
            raise ConnectionError("client closed the connection")
        return line.rstrip(b"\r\n").decode("utf-8", "replace")

    def stall(self, sink):
        """Wait without replying until the client leaves or time is up."""
        deadline = time.time() + sink.stall_seconds
        self.request.settimeout(0.2)
        while time.time() < deadline:
            try:
                if not self.request.recv(4096):
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def read_data(self):
        chunks, size = [], 0
        while True:
            line = self.rfile.readline(MAX_MESSAGE)
            if not line:
                raise ConnectionError("client closed the connection in DATA")
            if line in (b".\r\n", b".\n"):
                return b"".join(chunks)
            if line.startswith(b".."):
                line = line[1:]
            size += len(line)
            if size > MAX_MESSAGE:
                raise ConnectionError("message too large")
            chunks.append(line)

    def authenticate(self, words, policy):
        user, password = policy["auth"].split(":", 1)
        mechanism = words[1].upper() if len(words) > 1 else ""
        if mechanism == "PLAIN":
            if len(words) > 2:
                blob = words[2]
            else:
                self.reply("334 ")
                blob = self.read_line()
            parts = base64.b64decode(blob).split(b"\0")
            given_user, given_password = parts[-2].decode(), parts[-1].decode()
        elif mechanism == "LOGIN":
            self.reply("334 " + base64.b64encode(b"Username:").decode())
            given_user = base64.b64decode(self.read_line()).decode()
            self.reply("334 " + base64.b64encode(b"Password:").decode())
            given_password = base64.b64decode(self.read_line()).decode()
        else:
            self.reply("504 5.5.4 mechanism not supported")
            return None
        if (given_user, given_password) != (user, password):
            self.reply("535 5.7.8 authentication credentials invalid")
            return None
        self.reply("235 2.7.0 authentication successful")
        return given_user

    def handle(self):
        sink = self.server.sink
        auth_user = None
        tls = False
        mail_from, rcpt_to = None, []
        self.reply("220 127.0.0.1 linea311 test sink")
        try:
            while True:
                line = self.read_line()
                words = line.split()
                verb = words[0].upper() if words else ""
                policy = sink.policy()
                if verb in ("EHLO", "HELO"):
                    if verb == "HELO":
                        self.reply("250 127.0.0.1")
                        continue
                    lines = ["127.0.0.1", "8BITMIME", "SIZE 33554432"]
                    if sink.tls and not tls:
                        lines.append("STARTTLS")
                    if policy["auth"]:
                        lines.append("AUTH PLAIN LOGIN")
                    for i, text in enumerate(lines):
                        self.reply(("250 " if i == len(lines) - 1 else "250-") + text)
                elif verb == "STARTTLS" and sink.tls and not tls:
                    self.reply("220 2.0.0 ready to start TLS")
                    self.request = sink.tls.wrap_socket(self.request, server_side=True)
                    self.rfile = self.request.makefile("rb")
                    self.wfile = self.request.makefile("wb")
                    tls, auth_user, mail_from, rcpt_to = True, None, None, []
                elif verb == "AUTH" and policy["auth"]:
                    auth_user = self.authenticate(words, policy)
                elif verb == "MAIL":
                    if policy["auth"] and not auth_user:
                        self.reply("530 5.7.0 authentication required")
                        continue
                    # The reverse path, without parameters such as SIZE=.
                    mail_from, rcpt_to = line.split(":", 1)[1].strip().split(" ")[0], []
                    self.reply("250 2.1.0 sender ok")
                elif verb == "RCPT":
                    address = line.split(":", 1)[1].strip()
                    if policy["reject_rcpt"]:
                        code = int(policy["reject_rcpt"])
                        sink.log_attempt({"stage": "rcpt", "code": code, "rcpt": address})
                        self.reply(f"{code} {code // 100}.1.1 recipient rejected by the test sink")
                        continue
                    rcpt_to.append(address)
                    self.reply("250 2.1.5 recipient ok")
                elif verb == "DATA":
                    number = sink.next_transaction()
                    if policy["stall_before_data"]:
                        sink.log_attempt({"transaction": number, "stage": "data", "outcome": "stalled"})
                        sink.mark_stalled("before_data")
                        self.stall(sink)
                        return
                    self.reply("354 end data with <CR><LF>.<CR><LF>")
                    data = self.read_data()
                    envelope = {"mail_from": mail_from, "rcpt_to": rcpt_to, "auth_user": auth_user,
                                "tls": tls}
                    if number <= int(policy["refuse"] or 0):
                        code = int(policy["refuse_code"])
                        sink.log_attempt({"transaction": number, "stage": "data_end",
                                          "outcome": "refused", "code": code})
                        self.reply(f"{code} {code // 100}.3.0 refused on demand by the test sink")
                        continue
                    sink.keep(data, envelope)
                    if policy["stall_after_data"]:
                        sink.log_attempt({"transaction": number, "stage": "data_end", "outcome": "stalled"})
                        sink.mark_stalled("after_data")
                        self.stall(sink)
                        return
                    sink.log_attempt({"transaction": number, "stage": "data_end", "outcome": "accepted"})
                    self.reply("250 2.0.0 message accepted")
                elif verb == "RSET":
                    mail_from, rcpt_to = None, []
                    self.reply("250 2.0.0 reset")
                elif verb == "NOOP":
                    self.reply("250 2.0.0 ok")
                elif verb == "QUIT":
                    self.reply("221 2.0.0 bye")
                    return
                else:
                    self.reply("502 5.5.2 command not implemented")
        except (ConnectionError, OSError, ssl.SSLError):
            return


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser(description="SMTP sink for the outbox tests")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--refuse", type=int, default=0)
    parser.add_argument("--refuse-code", type=int, default=451)
    parser.add_argument("--reject-rcpt", type=int, default=0)
    parser.add_argument("--stall-before-data", action="store_true")
    parser.add_argument("--stall-after-data", action="store_true")
    parser.add_argument("--auth", default=None)
    parser.add_argument("--stall-seconds", type=float, default=120)
    parser.add_argument("--tls-cert", default=None)
    parser.add_argument("--tls-key", default=None)
    args = parser.parse_args()

    server = Server(("127.0.0.1", args.port), Handler)
    server.sink = Sink(args)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    port_file = os.path.join(args.dir, "port")
    with open(port_file + ".tmp", "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever(poll_interval=0.1)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
