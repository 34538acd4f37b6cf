#!/usr/bin/python3
"""A fake LibreTime backend for the end-to-end tests (Python standard library only).

Listens on 127.0.0.1:8080 (or --host/--port) and speaks HTTP/1.1, so that a reverse proxy
can keep connections open and send `Expect: 100-continue` (Apache forwards it for large
uploads and waits for the interim answer, which the standard library sends).

- GET /api/v2/version -> {"api_version": "2.0.0"}
- any other request (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS) -> 200 and a JSON
  object: {"method", "path", "headers": {name: value}, "header_list": [[name, value]...],
  "body_bytes": number of body bytes read}. The whole body is read (Content-Length or
  chunked) and counted, not kept.

Each request is logged to stderr as one line.
"""

import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = 64 * 1024


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeLibreTime/1.0"

    def _read_body(self):
        """Reads the whole request body and returns its length in bytes."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        remaining = int(self.headers.get("Content-Length") or 0)
        total = 0
        while remaining > 0:
            data = self.rfile.read(min(CHUNK, remaining))
            if not data:
                break
            total += len(data)
            remaining -= len(data)
        return total

    def _read_chunked(self):
        total = 0
        while True:
            size_line = self.rfile.readline()
            size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                # Trailer fields, then the empty line that ends the message.
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return total
            remaining = size
            while remaining > 0:
                data = self.rfile.read(min(CHUNK, remaining))
                if not data:
                    return total
                total += len(data)
                remaining -= len(data)
            self.rfile.readline()  # the CRLF after each chunk

    def _answer(self):
        body_bytes = self._read_body()
        if self.path.split("?", 1)[0] == "/api/v2/version":
            payload = {"api_version": "2.0.0"}
        else:
            payload = {
                "method": self.command,
                "path": self.path,
                "headers": {name: value for name, value in self.headers.items()},
                "header_list": [[name, value] for name, value in self.headers.items()],
                "body_bytes": body_bytes,
            }
        body = (json.dumps(payload, indent=2) + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _answer

    def log_message(self, format, *args):
        sys.stderr.write("backend: %s %s\n" % (self.address_string(), format % args))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    sys.stderr.write("backend: listening on %s:%d\n" % (args.host, args.port))
    server.serve_forever()


if __name__ == "__main__":
    main()
