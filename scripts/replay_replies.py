#!/usr/bin/env python3
"""Replays real government replies through `minhu simulate` and reports the timeliness rate.

Reads ../shared/data/messages_replies.csv (columns id, subject, received_at, text, reply,
replied_at; times such as "2016/2/19 8:43:00", local China time), converts it into the two JSON
Lines inputs of `minhu simulate` in a temporary directory, runs the CLI with the demo ruleset
and prints the figures. Python 3 standard library only.

The mapping (the CSV has only two timestamps per message, so this is all it can honestly say):
  petition  id = the CSV id, title = subject, text = text (subject when empty), channel "web",
            received_at = received_at at +08:00. Classification and routing are the engine's.
  events    acknowledge and start at received_at (the data has no 签收 / first-response times,
            so the response rate is 100% by construction and says nothing), reply at replied_at
            (办结: the official reply), close at replied_at (no ratings exist; closing keeps the
            routing loads realistic). Satisfaction is therefore empty.
  times     "YYYY/M/D H:MM:SS" as local time (+08:00). Two irregular cells are normalised and
            counted: an Excel serial day number (e.g. 43563.359259) is read as days since
            1899-12-30 local; a date without a time in replied_at is read as 23:59:59 of that day
            (the latest it can mean, so it never makes a reply look earlier than it was).

Caveat printed with the result: the demo calendar (cn-2026) lists the official holidays and
调休 days of 2025 and 2026 only. The data is from 2011-2020, for which the calendar knows only
the regular Monday-Friday week: Spring Festival and National Day weeks count as working days, so
deadlines fall earlier than they really did and the timeliness rate is biased downwards. The
script counts how many cases that can affect.

usage: scripts/replay_replies.py [--csv FILE] [--ruleset FILE] [--minhu BINARY] [--keep DIR]
"""

import argparse
import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHINA = dt.timezone(dt.timedelta(hours=8))
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def find_minhu():
    """The first minhu binary that knows `simulate`: build*/libdispatch/minhu, then PATH."""
    candidates = [os.path.join(ROOT, "build", "libdispatch", "minhu")]
    candidates += sorted(os.path.join(ROOT, d, "libdispatch", "minhu") for d in os.listdir(ROOT)
                         if d.startswith("build") and d != "build")
    candidates.append(shutil.which("minhu"))
    for path in candidates:
        if path and os.access(path, os.X_OK):
            probe = subprocess.run([path, "simulate", "--help"], capture_output=True)
            if probe.returncode == 0:
                return path
    return None


class TimeParser:
    """Parses the CSV's local times; counts the irregular cells it normalised."""

    FULL = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})$")
    DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
    SERIAL = re.compile(r"^\d{5}(\.\d+)?$")

    def __init__(self):
        self.excel_serials = 0
        self.date_only = 0

    def parse(self, cell, end_of_day):
        s = cell.strip()
        m = self.FULL.match(s)
        if m:
            y, mo, d, h, mi, se = map(int, m.groups())
            return dt.datetime(y, mo, d, h, mi, se, tzinfo=CHINA)
        m = self.DATE.match(s)
        if m:
            self.date_only += 1
            y, mo, d = map(int, m.groups())
            t = (23, 59, 59) if end_of_day else (0, 0, 0)
            return dt.datetime(y, mo, d, *t, tzinfo=CHINA)
        if self.SERIAL.match(s):
            self.excel_serials += 1
            local = EXCEL_EPOCH + dt.timedelta(days=float(s))
            local = local.replace(microsecond=0)
            return local.replace(tzinfo=CHINA)
        raise ValueError(f"unrecognised time {cell!r}")


def iso(t):
    return t.isoformat(timespec="seconds")


def convert(csv_path, out_dir):
    """Writes petitions.jsonl and events.jsonl; returns (rows, skipped, parser, cases)."""
    parser = TimeParser()
    cases, skipped = [], []
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for line, r in enumerate(rows, start=2):
        try:
            received = parser.parse(r["received_at"], end_of_day=False)
            replied = parser.parse(r["replied_at"], end_of_day=True)
        except ValueError as e:
            skipped.append((line, str(e)))
            continue
        if replied < received:
            skipped.append((line, "replied before received"))
            continue
        cases.append((r, received, replied))
    pet_path = os.path.join(out_dir, "petitions.jsonl")
    ev_path = os.path.join(out_dir, "events.jsonl")
    with open(pet_path, "w", encoding="utf-8") as pf, open(ev_path, "w", encoding="utf-8") as ef:
        for r, received, replied in cases:
            cid = r["id"].strip()
            pet = {"id": cid, "title": r["subject"].strip(),
                   "text": r["text"].strip() or r["subject"].strip(),
                   "channel": "web", "received_at": iso(received)}
            pf.write(json.dumps(pet, ensure_ascii=False) + "\n")
            for kind, at in (("acknowledge", received), ("start", received),
                             ("reply", replied), ("close", replied)):
                ef.write(json.dumps({"case": cid, "at": iso(at), "event": kind}) + "\n")
    return rows, skipped, parser, cases, pet_path, ev_path


class WorkingCalendar:
    """The ruleset's calendar, day by day (an independent check of the C++ arithmetic)."""

    def __init__(self, ruleset_path, cal_id):
        with open(ruleset_path, encoding="utf-8") as f:
            doc = json.load(f)
        cal = next(c for c in doc.get("calendars", []) if c["id"] == cal_id)
        off = cal.get("utc_offset", "+08:00")
        sign = -1 if off[0] == "-" else 1
        self.tz = dt.timezone(sign * dt.timedelta(hours=int(off[1:3]), minutes=int(off[4:6])))
        self.week = set(cal.get("workweek", [1, 2, 3, 4, 5]))

        def minutes(hhmm):
            return int(hhmm[:2]) * 60 + int(hhmm[3:])
        self.hours = [(minutes(a), minutes(b)) for a, b in
                      cal.get("hours", [["09:00", "12:00"], ["13:30", "17:30"]])]
        self.day_minutes = sum(b - a for a, b in self.hours)
        self.holidays, self.workdays = set(), set()
        for h in cal.get("holidays", []):
            a, b = (h, h) if isinstance(h, str) else (h["from"], h["to"])
            d, end = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
            while d <= end:
                self.holidays.add(d)
                d += dt.timedelta(days=1)
        self.workdays = {dt.date.fromisoformat(d) for d in cal.get("workdays", [])}
        self.years = sorted({d.year for d in self.holidays | self.workdays})

    def working(self, day):
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.isoweekday() in self.week

    def between(self, a, b):
        """Working minutes in [a, b)."""
        a, b = a.astimezone(self.tz), b.astimezone(self.tz)
        total, day = 0.0, a.date()
        while day <= b.date():
            if self.working(day):
                midnight = dt.datetime(day.year, day.month, day.day, tzinfo=self.tz)
                for s, e in self.hours:
                    lo = max(a, midnight + dt.timedelta(minutes=s))
                    hi = min(b, midnight + dt.timedelta(minutes=e))
                    if hi > lo:
                        total += (hi - lo).total_seconds() / 60
            day += dt.timedelta(days=1)
        return total


def pad(text, width):
    """`text` padded to `width` terminal columns (CJK characters take two)."""
    w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - w)


def with_national_days(ruleset_path, cal_id, years, out_path):
    """A copy of the ruleset whose calendar also rests on 1-7 October of `years`.

    National Day is the one long holiday whose dates are the same every year (1-7 October;
    2017 ran to the 8th). The copy omits Spring Festival and the 调休 weekends of those years,
    so it shows a lower bound of how much the missing holidays matter.
    """
    with open(ruleset_path, encoding="utf-8") as f:
        doc = json.load(f)
    base = os.path.dirname(os.path.abspath(ruleset_path))
    if isinstance(doc.get("model"), dict) and "path" in doc["model"]:
        doc["model"]["path"] = os.path.join(base, doc["model"]["path"])
    for cal in doc.get("calendars", []):
        if cal["id"] == cal_id:
            known = {h["from"][:4] if isinstance(h, dict) else h[:4]
                     for h in cal.get("holidays", [])}
            for y in sorted(years):
                if str(y) not in known:
                    cal.setdefault("holidays", []).append(
                        {"from": f"{y}-10-01", "to": f"{y}-10-07", "name": "国庆节 (replay)"})
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return out_path


def simulate(minhu, ruleset, pet_path, ev_path, echo=True):
    cmd = [minhu, "simulate", "-r", ruleset, pet_path, "--events", ev_path, "--json"]
    if echo:
        print("$ " + " ".join(cmd))
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.stderr:
        sys.stderr.write(run.stderr)
    if run.returncode not in (0, 1) or not run.stdout.strip():
        sys.exit(f"replay_replies: minhu simulate failed (exit {run.returncode})")
    return json.loads(run.stdout)


def timeliness(rep):
    """(on time, replied) over all cases, and over the cases with an SLA clock."""
    tot = rep["totals"]
    triage = next((r for r in rep["by_category"] if r["id"] is None), None)
    t_res = triage["resolved"] if triage else 0
    t_on = triage["resolved_on_time"] if triage else 0
    return ((tot["resolved_on_time"], tot["resolved"]),
            (tot["resolved_on_time"] - t_on, tot["resolved"] - t_res), triage)


def pct(x, n):
    return f"{100.0 * x / n:.1f}%" if n else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", default=os.path.join(ROOT, "..", "shared", "data",
                                                  "messages_replies.csv"))
    ap.add_argument("--ruleset", default=os.path.join(ROOT, "rulesets", "demo-city.json"))
    ap.add_argument("--calendar", default="cn-2026", help="calendar for the distribution")
    ap.add_argument("--minhu", default=None, help="the minhu binary (default: build/...)")
    ap.add_argument("--keep", metavar="DIR", help="write the JSON Lines here and keep them")
    args = ap.parse_args()

    minhu = args.minhu or find_minhu()
    if not minhu:
        sys.exit("replay_replies: cannot find the minhu binary; build it or pass --minhu")
    out_dir = args.keep or tempfile.mkdtemp(prefix="minhu_replay_")
    os.makedirs(out_dir, exist_ok=True)
    try:
        rows, skipped, parser, cases, pet_path, ev_path = convert(args.csv, out_dir)
        received = [c[1] for c in cases]
        print(f"{os.path.basename(args.csv)}: {len(rows)} rows → {len(cases)} petitions, "
              f"{4 * len(cases)} events; {len(skipped)} rows skipped; normalised "
              f"{parser.excel_serials} Excel serial time(s), {parser.date_only} date-only "
              f"time(s)")
        for line, why in skipped:
            print(f"  skipped line {line}: {why}")
        print(f"received {min(received):%Y-%m-%d} … {max(received):%Y-%m-%d}")

        rep = simulate(minhu, args.ruleset, pet_path, ev_path)
        tot = rep["totals"]
        (all_on, all_n), (sla_on, sla_n), triage = timeliness(rep)

        print()
        print("== minhu simulate under the demo SLA ==")
        print(f"volume {tot['volume']}, replied (办结) {tot['resolved']} "
              f"({pct(tot['resolved'], tot['volume'])}), closed {tot['closed']}, "
              f"bad lines {rep['errors']}")
        print(f"timeliness rate (及时率), as reported: {all_on} / {all_n} = {pct(all_on, all_n)}")
        if triage:
            print(f"  of which {triage['volume']} went to manual triage (no category, so no SLA "
                  f"clock; the tracker counts them on time)")
            print(f"timeliness rate of the {sla_n} cases with an SLA clock: {sla_on} / {sla_n} = "
                  f"{pct(sla_on, sla_n)}")
        print(f"breaches: acknowledge {rep['breaches']['acknowledge']}, respond "
              f"{rep['breaches']['respond']}, resolve {rep['breaches']['resolve']}; "
              f"escalations {rep['escalations']['automatic']} automatic on "
              f"{rep['escalations']['supervised_cases']} cases")
        print("by category (first level):")
        for r in sorted(rep["by_category"], key=lambda r: -r["volume"]):
            print(f"  {pad(r['name'], 16)} {r['id'] or '':<12} {r['volume']:5d}  timeliness "
                  f"{pct(r['resolved_on_time'], r['resolved']):>6}")

        # Reply times in working days of the calendar, computed here independently.
        cal = WorkingCalendar(args.ruleset, args.calendar)
        days = sorted(cal.between(c[1], c[2]) / cal.day_minutes for c in cases)
        n = len(days)
        print()
        print(f"== reply time in working days of {args.calendar} "
              f"({cal.day_minutes / 60:g} h a day) ==")
        edges = [(0, 1), (1, 2), (2, 3), (3, 5), (5, 10), (10, 20), (20, 60), (60, None)]
        for lo, hi in edges:
            k = sum(1 for d in days if d > lo and (hi is None or d <= hi)) + \
                (sum(1 for d in days if d == 0) if lo == 0 else 0)
            label = f"≤ {hi}" if lo == 0 else (f"> {lo}" if hi is None else f"{lo}-{hi}")
            print(f"  {label:>7} days {k:5d}  {pct(k, n):>6}  {'#' * round(60 * k / n)}")
        print(f"  median {days[n // 2]:.1f}, p75 {days[3 * n // 4]:.1f}, "
              f"p90 {days[9 * n // 10]:.1f} working days")
        for budget in (1, 2, 5):
            k = sum(1 for d in days if d <= budget)
            print(f"  replied within {budget} working day(s): {k} / {n} = {pct(k, n)}")
        print("  (working time used: a reply on the evening or weekend right after a deadline "
              "that ran out at 18:00 is within budget here, but late for the tracker, whose "
              "deadline is the instant the budget runs out)")

        # The caveat, quantified: windows that contain a National Day week (1-7 October, the
        # same dates every year) certainly include holidays the calendar counts as working days.
        outside = sum(1 for c in cases if c[1].year not in cal.years)
        national = 0
        for _, a, b in cases:
            for y in range(a.year, b.year + 1):
                lo = dt.datetime(y, 10, 1, tzinfo=CHINA)
                hi = dt.datetime(y, 10, 8, tzinfo=CHINA)
                if a < hi and b > lo:
                    national += 1
                    break
        print()
        print(f"caveat: the calendar has official holidays for {cal.years[0]}-{cal.years[-1]} "
              f"only; {outside} of {n} cases were received outside those years and are timed "
              f"on the plain Monday-Friday week (Spring Festival, National Day etc. count as "
              f"working days, so deadlines fall early and timeliness is understated).")
        print(f"  {national} cases ({pct(national, n)}) span a 1-7 October National Day week.")
        years = {c[1].year for c in cases} | {c[2].year for c in cases}
        alt = with_national_days(args.ruleset, args.calendar, years,
                                 os.path.join(out_dir, "ruleset-national-days.json"))
        (a_on, a_n), (b_on, b_n), _ = timeliness(simulate(minhu, alt, pet_path, ev_path, False))
        print(f"  sensitivity: with 1-7 October of every year as holidays (Spring Festival and "
              f"调休 still missing) timeliness is {pct(a_on, a_n)} as reported, "
              f"{pct(b_on, b_n)} with an SLA clock ({b_on - sla_on:+d} cases).")
        if args.keep:
            print(f"\ninputs kept in {out_dir}")
    finally:
        if not args.keep:
            shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
