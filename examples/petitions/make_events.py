#!/usr/bin/env python3
"""Writes demo-events.jsonl: a plausible lifecycle for the demo petitions (deterministic).

Most cases are acknowledged within the hour, started, replied within a few working days,
rated and closed; some are slow (their SLA clock turns yellow or red), some wait on the
resident (挂起), some get a poor rating and are redone (重办), some are still open at the end.
Run from anywhere: python3 examples/petitions/make_events.py
"""
import datetime as dt
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
TZ = dt.timezone(dt.timedelta(hours=8))
HOUR = 3600 * 1000


def received_ms(p):
    r = p.get("received_at")
    if isinstance(r, int):
        return r
    return int(dt.datetime.fromisoformat(r).timestamp() * 1000)


def main():
    rng = random.Random(20260302)
    petitions = [json.loads(l) for l in open(os.path.join(HERE, "demo.jsonl"), encoding="utf-8")]
    events = []

    def add(case, at, event, **extra):
        events.append({"case": case, "at": at, "event": event, **extra})

    for p in petitions:
        case, t = p["id"], received_ms(p)
        roll = rng.random()
        if roll < 0.08:
            continue  # nobody has touched it yet
        t += int(rng.uniform(0.1, 1.5 if roll < 0.8 else 6) * HOUR)
        add(case, t, "acknowledge")
        if roll < 0.14:
            continue  # acknowledged, then stalled
        t += int(rng.uniform(0.5, 8) * HOUR)
        add(case, t, "start")
        if rng.random() < 0.1:  # waiting on the resident (挂起)
            add(case, t + HOUR, "pause")
            t += int(rng.uniform(24, 72) * HOUR)
            add(case, t, "resume")
        t += int(rng.uniform(4, 24 * (3 if roll < 0.75 else 12)) * HOUR)
        add(case, t, "reply")
        if rng.random() < 0.15:
            continue  # replied, not rated yet
        stars = rng.choice([5, 5, 5, 4, 4, 3, 2, 1])
        t += int(rng.uniform(1, 48) * HOUR)
        add(case, t, "rate", stars=stars)
        if stars <= 2:  # reopened for redo (重办)
            t += int(rng.uniform(4, 48) * HOUR)
            add(case, t, "reply")
            t += int(rng.uniform(1, 24) * HOUR)
            add(case, t, "rate", stars=rng.choice([5, 4, 3]))
            if rng.random() < 0.5:
                continue
        add(case, t + HOUR, "close")
    events.sort(key=lambda e: (e["at"], e["case"]))
    with open(os.path.join(HERE, "demo-events.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    print(f"wrote {len(events)} events for {len(petitions)} petitions")


if __name__ == "__main__":
    main()
