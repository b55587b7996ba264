#!/usr/bin/env python3
"""Prepares one benchmark workload for every engine of benchmarks/run.sh.

    prepare.py --ruleset RULESET.json --petitions PETITIONS.jsonl --out WORKDIR [--limit N]
    prepare.py --ruleset RULESET.json --csv messages_train.csv --out WORKDIR [--limit N]

Needs the minhu Python package (its normaliser and engine). Writes into WORKDIR:

  petitions.json   [{id, title, text}]  raw texts: what the minhu drivers (C++, Python, Node,
                   Java) classify (petitions.tsv: the same as id TAB title TAB text);
                   minhu normalises them itself, inside the timed loop
  norm.json        [{title, text, both}] the same texts through minhu.normalize (width fold,
                   traditional -> simplified, ASCII lower case, white space): what the peers get,
                   so they are spared the normalisation; both = title + "\\n" + text
  common.json      the minhu ruleset reduced to what every peer can express: rules whose `when`
                   tree uses only text keyword tests (any/all/none, in text/title/both),
                   all/any/not and regex; rules with field/channel/area tests are left out, and
                   so is the learned model; hit policy "first"
  peer_rules.json  the same rules as a small condition tree, in evaluation order (priority high
                   first, then file order), with normalised keywords, for the peer translators:
                   {"kw": [field, word]}, {"re": [field, pattern]}, {"all": [..]}, {"any": [..]},
                   {"not": c}; field is "title", "text" or "both"
  expected.json    minhu's decision on common.json for every petition: the rule id, or null
  norm.txt, keywords.txt  the normalised texts (`both`, escaped as petitions.tsv) and the
                   distinct normalised keywords, for the Hyperscan scan
  patterns.txt     those keywords and every normalised area name and alias of the gazetteer:
                   the patterns minhu's one scan looks for (less the few regex literals), for
                   the Hyperscan scan of the same pattern set
  info.json        counts: rules kept/left out (and why), keywords, petitions, bytes
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import sys

import minhu


class Unexpressible(Exception):
    pass


def convert(node: dict, why: collections.Counter) -> dict:
    if "all" in node:
        return {"all": [convert(c, why) for c in node["all"]]}
    if "any" in node:
        return {"any": [convert(c, why) for c in node["any"]]}
    if "not" in node:
        return {"not": convert(node["not"], why)}
    if "text" in node:
        t = node["text"]
        field = t.get("in", "both")
        parts = []
        for kind in ("any", "all", "none"):
            if kind not in t:
                continue
            kws = [{"kw": [field, minhu.normalize(k)]} for k in t[kind]]
            if kind == "any":
                parts.append(kws[0] if len(kws) == 1 else {"any": kws})
            elif kind == "all":
                parts.extend(kws)
            else:
                parts.append({"not": kws[0] if len(kws) == 1 else {"any": kws}})
        return parts[0] if len(parts) == 1 else {"all": parts}
    if "regex" in node:
        r = node["regex"]
        if isinstance(r, str):
            return {"re": ["both", r]}
        return {"re": [r.get("in", "both"), r["pattern"]]}
    for kind in ("field", "channel", "area"):
        if kind in node:
            raise Unexpressible(kind)
    raise Unexpressible("unknown node " + ",".join(node))


def keywords_of(c: dict, out: set) -> None:
    if "kw" in c:
        out.add(c["kw"][1])
    for k in ("all", "any"):
        for x in c.get(k, ()):
            keywords_of(x, out)
    if "not" in c:
        keywords_of(c["not"], out)


def cut(text: str, nbytes: int) -> str:
    """The text cut to at most nbytes UTF-8 bytes, at a code point (0: whole)."""
    if not nbytes:
        return text
    return text.encode("utf-8")[:nbytes].decode("utf-8", errors="ignore")


def read_petitions(args) -> list:
    ps = []
    if args.petitions:
        with open(args.petitions, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    ps.append({"id": str(d.get("id", len(ps))), "title": d.get("title", "") or "",
                               "text": d.get("text", "") or ""})
    else:
        with open(args.csv, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                ps.append({"id": row.get("id") or str(len(ps)), "title": "",
                           "text": cut(row["text"], args.text_bytes)})
    if args.limit:
        base = list(ps)
        while len(ps) < args.limit and base:  # repeat a short file to reach --limit
            ps.extend(dict(p, id=f"{p['id']}#{len(ps)}") for p in base[: args.limit - len(ps)])
        ps = ps[: args.limit]
    return ps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ruleset", required=True)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--petitions", help="JSON Lines petitions")
    src.add_argument("--csv", help="a CSV with a text column (shared/data/messages_train.csv)")
    ap.add_argument("--text-bytes", type=int, default=0, help="CSV: cut texts to at most this many UTF-8 bytes")
    ap.add_argument("--limit", type=int, default=0, help="use this many petitions (repeating if fewer)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    with open(args.ruleset, encoding="utf-8") as f:
        rs = json.load(f)
    why = collections.Counter()
    kept, left_out, peer = [], [], []
    order = sorted(range(len(rs.get("rules", []))),
                   key=lambda i: (-rs["rules"][i].get("priority", 0), i))
    for i in order:
        rule = rs["rules"][i]
        if not rule.get("enabled", True):
            continue
        try:
            cond = convert(rule["when"], why)
        except Unexpressible as e:
            why[str(e)] += 1
            left_out.append(rule["id"])
            continue
        peer.append({"id": rule["id"], "category": rule["category"],
                     "priority": rule.get("priority", 0), "when": cond})
    kept_ids = {r["id"] for r in peer}
    kept = [r for r in rs.get("rules", []) if r["id"] in kept_ids]  # file order, as minhu reads it
    common = dict(rs)
    common["rules"] = kept
    common["hit_policy"] = "first"
    common.pop("model", None)
    common["id"] = rs["id"] + "-common"

    petitions = read_petitions(args)
    norm = []
    for p in petitions:
        t, x = minhu.normalize(p["title"]), minhu.normalize(p["text"])
        norm.append({"title": t, "text": x, "both": t + "\n" + x})

    engine = minhu.Engine(common, base_dir=os.path.dirname(os.path.abspath(args.ruleset)))
    decisions = engine.classify_many(texts=[p["text"] for p in petitions],
                                     titles=[p["title"] for p in petitions],
                                     ids=[p["id"] for p in petitions])
    expected = [d.rules[0] if d.decided_by == "rule" and d.rules else None for d in decisions]

    kws = set()
    for r in peer:
        keywords_of(r["when"], kws)
    info = {
        "ruleset": os.path.abspath(args.ruleset),
        "rules_total": len(rs.get("rules", [])),
        "rules_kept": len(peer),
        "rules_left_out": len(left_out),
        "left_out_because": dict(why),
        "regex_rules": sum(1 for r in peer if '"re"' in json.dumps(r["when"])),
        "keywords": len(kws),
        "units": len(rs.get("units", [])),
        "petitions": len(petitions),
        "raw_bytes": sum(len(p["title"].encode()) + len(p["text"].encode()) for p in petitions),
        "normalised_bytes": sum(len(n["both"].encode()) for n in norm),
        "decided_by_rule": sum(1 for e in expected if e is not None),
    }

    def dump(name, obj):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False)

    dump("petitions.json", petitions)
    # The same raw petitions for the Java and C++ drivers (no JSON parser there): one per line,
    # id TAB title TAB text, with \\ \n \r \t escaped.
    def esc(s):
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    with open(os.path.join(args.out, "petitions.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for p in petitions:
            f.write(esc(p["id"]) + "\t" + esc(p["title"]) + "\t" + esc(p["text"]) + "\n")
    dump("norm.json", norm)
    # For the Hyperscan scan: the normalised `both` texts (escaped like petitions.tsv) and every
    # distinct normalised keyword of the kept rules, one a line.
    with open(os.path.join(args.out, "norm.txt"), "w", encoding="utf-8", newline="\n") as f:
        for x in norm:
            f.write(esc(x["both"]) + "\n")
    dump("common.json", common)
    dump("peer_rules.json", peer)
    dump("expected.json", expected)
    dump("info.json", info)
    with open(os.path.join(args.out, "keywords.txt"), "w", encoding="utf-8", newline="\n") as f:
        for k in sorted(kws):
            f.write(esc(k) + "\n")
    names = set()
    for a in common.get("areas", []):
        for n in [a.get("name", "")] + a.get("aliases", []):
            names.add(minhu.normalize(n))
    names.discard("")
    with open(os.path.join(args.out, "patterns.txt"), "w", encoding="utf-8", newline="\n") as f:
        for k in sorted(kws | names):
            f.write(esc(k) + "\n")
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
