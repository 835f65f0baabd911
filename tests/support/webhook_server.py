#!/usr/bin/python3
"""A webhook receiver for hypewatch's tests, bound to 127.0.0.1 on a free port.

Usage: webhook_server.py LOG SCRIPT
Answers the n-th POST by the n-th word of SCRIPT (comma-separated; the last one repeats):
  a status code ("500", "200")  that status at once;
  "hang"                        reads the request, then waits 3 s before answering 200 (a
                                client with a shorter timeout gives up: the "accepted but the
                                reply was lost" case).
Appends one JSON line per POST to LOG: {"n", "answer", "path", "delivery", "signature",
"content_type", "body"}, written before answering. Prints "PORT <n>" once listening and exits
when stdin closes, so a dying test never leaves it behind.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = sys.argv[1]
SCRIPT = sys.argv[2].split(",")
COUNT = [0]
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        with LOCK:
            n = COUNT[0]
            COUNT[0] += 1
            answer = SCRIPT[min(n, len(SCRIPT) - 1)]
            with open(LOG, "a", encoding="utf-8") as f:
                f.write(json.dumps({
                    "n": n, "answer": answer, "path": self.path,
                    "delivery": self.headers.get("X-Hypewatch-Delivery", ""),
                    "signature": self.headers.get("X-Hypewatch-Signature", ""),
                    "content_type": self.headers.get("Content-Type", ""),
                    "body": body}) + "\n")
        code = 200
        if answer == "hang":
            time.sleep(3)
        else:
            code = int(answer)
        try:
            self.send_response(code)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main():
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
