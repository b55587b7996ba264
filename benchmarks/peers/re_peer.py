#!/usr/bin/env python3
"""Peer: a plain Python loop over `re` — what a rule tuner writes by hand.

Every rule of peer_rules.json becomes a predicate over the pre-normalised fields; each text
`any` list is ONE compiled alternation (re.escape'd keywords), single keywords and `all` members
one compiled literal each, regexes compiled with re.IGNORECASE. Rules are tried in order
(priority, then file order); the first that holds decides.
"""
from __future__ import annotations

import re
import sys

import harness


def compile_cond(c: dict):
    if "kw" in c:
        field, word = c["kw"]
        pat = re.compile(re.escape(word))
        return lambda f, s=pat.search, k=field: s(f[k]) is not None
    if "re" in c:
        field, pattern = c["re"]
        pat = re.compile(pattern, re.IGNORECASE)
        return lambda f, s=pat.search, k=field: s(f[k]) is not None
    if "any" in c:
        kids = c["any"]
        # Keyword alternatives on the same field: one alternation.
        if all("kw" in k for k in kids) and len({k["kw"][0] for k in kids}) == 1:
            field = kids[0]["kw"][0]
            words = sorted({k["kw"][1] for k in kids}, key=len, reverse=True)
            pat = re.compile("|".join(map(re.escape, words)))
            return lambda f, s=pat.search, k=field: s(f[k]) is not None
        preds = [compile_cond(k) for k in kids]
        return lambda f: any(p(f) for p in preds)
    if "all" in c:
        preds = [compile_cond(k) for k in c["all"]]
        return lambda f: all(p(f) for p in preds)
    if "not" in c:
        p = compile_cond(c["not"])
        return lambda f: not p(f)
    raise ValueError(c)


def main() -> int:
    args = harness.args_parser(__doc__).parse_args()
    rules = harness.load(args.work, "peer_rules.json")
    norm = harness.load(args.work, "norm.json")
    compiled = [(r["id"], compile_cond(r["when"])) for r in rules]

    def run_pass(k):
        out = []
        for f in norm[:k]:
            hit = None
            for rid, pred in compiled:
                if pred(f):
                    hit = rid
                    break
            out.append(hit)
        return out

    harness.measure("python-re", "single", run_pass, len(norm), args, harness.norm_bytes(norm))
    return 0


if __name__ == "__main__":
    sys.exit(main())
