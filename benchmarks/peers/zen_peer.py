#!/usr/bin/env python3
"""Peer: GoRules ZEN engine (PyPI zen-engine, Rust core) running the rules as one decision table
(zen_jdm.py): hit policy first, one row per rule in priority order, cells as ZEN expressions.

Modes: `single` — ZenDecision.evaluate(context) per petition (the decision is created once);
`batch` — ZenEngine.evaluate_batch over the whole pass (one crossing into Rust).
"""
from __future__ import annotations

import json
import os
import sys

import harness
import zen
import zen_jdm


def main() -> int:
    ap = harness.args_parser(__doc__)
    ap.add_argument("--mode", choices=("single", "batch"), default="single")
    args = ap.parse_args()
    rules = harness.load(args.work, "peer_rules.json")
    norm = harness.load(args.work, "norm.json")
    graph, left_out = zen_jdm.decision_graph(rules)
    content = json.dumps(graph, ensure_ascii=False)
    with open(os.path.join(args.work, "zen-decision.json"), "w", encoding="utf-8") as f:
        f.write(content)
    engine = zen.ZenEngine({"loader": lambda key: content})
    decision = engine.create_decision(content)

    def rule_of(res):
        return res["result"].get("rule")

    if args.mode == "single":
        def run_pass(k):
            return [rule_of(decision.evaluate(f)) for f in norm[:k]]
    else:
        def run_pass(k):
            out = engine.evaluate_batch([{"key": "rules", "context": f} for f in norm[:k]])
            return [rule_of(r["data"]) if r.get("success") else "<error>" for r in out]

    harness.measure("zen-engine (py)", args.mode, run_pass, len(norm), args,
                    harness.norm_bytes(norm),
                    {"rules_left_out": left_out, "zen_engine_version": version()})
    return 0


def version() -> str:
    try:
        from importlib.metadata import version as v
        return v("zen-engine")
    except Exception:  # pragma: no cover
        return "?"


if __name__ == "__main__":
    sys.exit(main())
