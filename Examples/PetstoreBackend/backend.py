#!/usr/bin/env python3
"""A pet store backend with one planted bug, for the README's "In front of your backend".

    python3 Examples/PetstoreBackend/backend.py 9090

It serves specs/petstore.yaml's routes without the /v1 base path (the gateway maps it) and prints each request it
receives. The bug: pet 2's name is a number, where the contract says a string.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PETS = {
    1: {"id": 1, "name": "Fido", "tag": "dog", "status": "sold"},
    2: {"id": 2, "name": 2, "status": "pending"},
}


class Backend(BaseHTTPRequestHandler):
    def answer(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/pets":
            self.answer(200, [PETS[1]], [("X-Total-Count", "1")])
        elif path.startswith("/pets/") and path[6:].isdigit() and int(path[6:]) in PETS:
            self.answer(200, PETS[int(path[6:])])
        else:
            self.answer(404, {"code": 404, "message": "no such pet"})

    # HEAD: GET's status and headers, Content-Length included, without the body.
    do_HEAD = do_GET

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        pet = {"id": max(PETS) + 1, **body}
        PETS[pet["id"]] = pet
        self.answer(201, pet, [("Location", f"/v1/pets/{pet['id']}")])

    def log_message(self, format, *args):
        print(f"backend: {self.command} {self.path} X-Forwarded-For={self.headers.get('X-Forwarded-For')} "
              f"X-Request-Id={self.headers.get('X-Request-Id')}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 9090), Backend).serve_forever()
