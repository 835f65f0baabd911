#!/usr/bin/python3
"""A small HTTP server for hypewatch's tests, bound to 127.0.0.1 on a free port.

Prints "PORT <n>" on stdout once listening. Serves files from the directory given as argv[1]
under /files/, with ETag/Last-Modified and 304 handling, plus fault endpoints:
  /status/<code>        that status with a short body
  /redirect/<code>?to=U a redirect with Location U
  /slow                 trickles bytes for a long time (timeouts)
  /truncated            announces more Content-Length than it sends
  /gzip/<file>          the file gzip-encoded (Content-Encoding: gzip)
  /big?bytes=N          N bytes of an XML comment
  /gone                 410 Gone
  /loop                 a 301 to itself (redirect loop)
  /gzipbomb?bytes=N     N decoded bytes of XML comment, gzip-encoded (tiny on the wire)
  /delay/<file>?ms=N    the file after N ms (for concurrency and politeness checks)
  /charset/<cs>/<file>  the file labelled "Content-Type: application/rss+xml; charset=<cs>"
  /cache/<secs>/<file>  the file with "Cache-Control: max-age=<secs>"
  /hits                 JSON: path -> number of requests, and the last request headers;
                        "max_concurrent": most requests in progress at once;
                        "starts": path -> request start times (monotonic seconds);
                        "connections": TCP connections seen (other than for /hits)
Exits when stdin closes, so a dying test never leaves it behind.
"""
import email.utils
import gzip
import hashlib
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
HITS = {}
LAST_HEADERS = {}
STARTS = {}
PORTS = set()  # client ports seen: one per TCP connection
ACTIVE = [0, 0]  # in progress now, most ever
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, code, body, ctype="application/xml", extra=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        with LOCK:
            HITS[url.path] = HITS.get(url.path, 0) + 1
            LAST_HEADERS[url.path] = dict(self.headers.items())
            STARTS.setdefault(url.path, []).append(time.monotonic())
            if url.path != "/hits":
                PORTS.add(self.client_address[1])
            ACTIVE[0] += 1
            ACTIVE[1] = max(ACTIVE[1], ACTIVE[0])
        self.active = True
        try:
            self.route(url)
        finally:
            self.finish_active()

    def finish_active(self):
        with LOCK:
            if getattr(self, "active", False):
                ACTIVE[0] -= 1
                self.active = False

    def send_response(self, code, message=None):
        # The answer starts: the request stops counting as in progress before the client can
        # read it and send its next one. Counting until the handler returned let a loaded
        # machine see one request more at once than the client ever had in flight.
        self.finish_active()
        super().send_response(code, message)

    def route(self, url):
        parts = url.path.strip("/").split("/")
        q = parse_qs(url.query)
        if parts[0] == "files" and len(parts) == 2:
            return self.serve_file(parts[1])
        if parts[0] == "gzip" and len(parts) == 2:
            data = self.read(parts[1])
            if data is None:
                return self.send_body(404, b"not found", "text/plain")
            return self.send_body(200, gzip.compress(data), extra={"Content-Encoding": "gzip"})
        if parts[0] == "status" and len(parts) == 2:
            code = int(parts[1])
            extra = {"Retry-After": "120"} if code in (429, 503) else {}
            return self.send_body(code, b"status %d" % code, "text/plain", extra)
        if parts[0] == "redirect" and len(parts) == 2:
            self.send_response(int(parts[1]))
            self.send_header("Location", q.get("to", ["/files/feed.xml"])[0])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if parts[0] == "slow":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return
        if parts[0] == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel><title>cut")
            self.wfile.flush()
            self.close_connection = True
            return
        if parts[0] == "big":
            n = int(q.get("bytes", ["1000000"])[0])
            body = b"<!--" + b"x" * max(0, n - 7) + b"-->"
            return self.send_body(200, body)
        if parts[0] == "gone":
            return self.send_body(410, b"gone", "text/plain")
        if parts[0] == "loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if parts[0] == "gzipbomb":
            n = int(q.get("bytes", ["100000000"])[0])
            body = gzip.compress(b"<!--" + b"0" * n + b"-->", compresslevel=9)
            return self.send_body(200, body, extra={"Content-Encoding": "gzip"})
        if parts[0] == "delay" and len(parts) == 2:
            time.sleep(int(q.get("ms", ["200"])[0]) / 1000.0)
            return self.serve_file(parts[1])
        if parts[0] == "charset" and len(parts) == 3:
            data = self.read(parts[2])
            if data is None:
                return self.send_body(404, b"not found", "text/plain")
            return self.send_body(200, data, "application/rss+xml; charset=" + parts[1])
        if parts[0] == "cache" and len(parts) == 3:
            return self.serve_file(parts[2], {"Cache-Control": "max-age=" + parts[1]})
        if parts[0] == "hits":
            with LOCK:
                body = json.dumps({"hits": HITS, "headers": LAST_HEADERS,
                                   "max_concurrent": ACTIVE[1], "starts": STARTS,
                                   "connections": len(PORTS)}).encode()
            return self.send_body(200, body, "application/json")
        return self.send_body(404, b"not found", "text/plain")

    def read(self, name):
        path = os.path.join(ROOT, os.path.basename(name))
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            return None

    def serve_file(self, name, extra=None):
        data = self.read(name)
        if data is None:
            return self.send_body(404, b"not found", "text/plain")
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        mtime = os.path.getmtime(os.path.join(ROOT, os.path.basename(name)))
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        headers = {"ETag": etag, "Last-Modified": last_modified}
        headers.update(extra or {})
        self.send_body(200, data, "application/rss+xml; charset=utf-8", headers)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # Clients that hang up mid-body (size caps, timeouts) are what the faults are for.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main():
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    sys.stdin.read()  # returns when the test closes our stdin or dies
    server.shutdown()


if __name__ == "__main__":
    main()
