"""moto's EventBridge pattern matcher over a JSON Lines file of events: the peer of `chatops replay`
in `make bench`. Prints JSON: events read, events matched, and the seconds spent reading, parsing
and matching (the interpreter's start and moto's import are outside that figure; the benchmark
also times the whole process)."""
import json
import sys
import time

from moto.events.models import EventPattern

start = time.perf_counter()
with open(sys.argv[1]) as f:
    pattern = EventPattern.load(json.dumps(json.load(f)["rule"]["eventPattern"]))
read = matched = 0
with open(sys.argv[2]) as f:
    for line in f:
        if not line.strip():
            continue
        read += 1
        if pattern.matches_event(json.loads(line)):
            matched += 1
print(json.dumps({"events": read, "matched": matched, "seconds": time.perf_counter() - start}))
