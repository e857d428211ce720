"""TestEventPattern on loopback, answered by moto's own event-pattern matcher.

moto's server (5.2.1) accepts `aws events test-event-pattern` but answers with an empty body, so the
`chatops verify --run` test points the AWS CLI's EventBridge endpoint (AWS_ENDPOINT_URL_EVENTS) here.
It answers as the API model says ({"Result": true|false}), rejects an event that lacks a field
TestEventPattern requires, and appends every request as one JSON line to the file named on the
command line. moto's matcher is not EventBridge: the test checks the wiring and the table only.

Usage: python3 events_stub.py PORT RECORD_FILE
"""

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from moto.events.models import EventPattern

REQUIRED = ["id", "account", "source", "time", "region", "resources", "detail-type"]


def handle(target, body):
    if target != "AWSEvents.TestEventPattern":
        return 400, {"__type": "UnknownOperationException", "message": target}
    try:
        event = json.loads(body["Event"])
        pattern = EventPattern.load(body["EventPattern"])
    except Exception as e:  # noqa: BLE001 - any bad input is the caller's error
        return 400, {"__type": "InvalidEventPatternException", "message": str(e)}
    missing = [k for k in REQUIRED if k not in event]
    if missing:
        return 400, {
            "__type": "ValidationException",
            "message": "Parameter Event is not valid. Missing: " + ", ".join(missing),
        }
    return 200, {"Result": bool(pattern.matches_event(event))}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        target = self.headers.get("X-Amz-Target", "")
        with open(sys.argv[2], "a", encoding="utf-8") as f:
            f.write(json.dumps({"op": target, "body": body}, ensure_ascii=False) + "\n")
        status, payload = handle(target, body)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
