#!/usr/bin/python3
"""A real SMTP server (Debian's python3-aiosmtpd) on 127.0.0.1 for hypewatch's digest tests.

usage: smtp_server.py OUTDIR [PORT [REPLY_DELAY_MS]]
Prints "PORT <n>" once listening. Every accepted message is parsed with Python's email
package and written to OUTDIR/msg-<n>.json: envelope, headers, text and html parts.
REPLY_DELAY_MS holds the "250" back after the message is stored, widening the window in
which a client that dies has been delivered to without knowing it (crash tests).
Exits when stdin closes.
"""
import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.controller import Controller

OUT = sys.argv[1]
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 0
REPLY_DELAY = int(sys.argv[3]) / 1000.0 if len(sys.argv) > 3 else 0.0


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = {}
        for part in msg.walk():
            ctype = part.get_content_type()
            if ctype in ("text/plain", "text/html"):
                parts[ctype] = part.get_content()
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(msg["Subject"]),
            "message_id": str(msg["Message-ID"]),
            "content_type": msg.get_content_type(),
            "text": parts.get("text/plain", ""),
            "html": parts.get("text/html", ""),
        }
        tmp = os.path.join(OUT, "msg-%d.json.tmp" % self.count)
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(OUT, "msg-%d.json" % self.count))
        if REPLY_DELAY > 0:
            await asyncio.sleep(REPLY_DELAY)
        return "250 Message accepted for delivery"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    port = PORT or free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    print("PORT %d" % port, flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
