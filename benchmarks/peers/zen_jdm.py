"""Translates peer_rules.json into a GoRules JDM decision graph: input → one decision table
(hit policy "first", one row per rule in evaluation order) → output.

The table has one input column without a field, so every cell is a full ZEN expression over the
request {title, text, both} (pre-normalised; both = title + "\\n" + text):
  keyword        contains(both, "燃气泄漏")
  any / all      (a or b) / (a and b)
  none           not(a or b)
  regex          matches(both, "(?i)pattern")
and one output column `rule` (the rule id, a string literal). No row holds → empty result.
Used by zen_peer.py (PyPI zen-engine) and zen_peer.js (npm @gorules/zen-engine).
"""
from __future__ import annotations

import json


class Unexpressible(Exception):
    pass


def lit(s: str) -> str:
    """A ZEN string literal. Its lexer has no escapes (a backslash is itself, which suits
    regexes): pick the quote the text lacks."""
    if '"' not in s:
        return '"' + s + '"'
    if "'" not in s:
        return "'" + s + "'"
    raise Unexpressible("both quote characters in a keyword")


def expr(c: dict) -> str:
    if "kw" in c:
        return f"contains({c['kw'][0]}, {lit(c['kw'][1])})"
    if "re" in c:
        return f"matches({c['re'][0]}, {lit('(?i)' + c['re'][1])})"
    if "any" in c:
        return "(" + " or ".join(expr(k) for k in c["any"]) + ")"
    if "all" in c:
        return "(" + " and ".join(expr(k) for k in c["all"]) + ")"
    if "not" in c:
        return "not(" + expr(c["not"]) + ")"
    raise Unexpressible(str(c))


def decision_graph(rules: list) -> tuple[dict, list]:
    rows, left_out = [], []
    for i, r in enumerate(rules):
        try:
            cell = expr(r["when"])
        except Unexpressible:
            left_out.append(r["id"])
            continue
        rows.append({"_id": f"r{i}", "in": cell, "out": json.dumps(r["id"], ensure_ascii=False)})
    table = {
        "id": "rules", "type": "decisionTableNode", "name": "rules",
        "position": {"x": 300, "y": 100},
        "content": {
            "hitPolicy": "first",
            "inputs": [{"id": "in", "name": "condition"}],
            "outputs": [{"id": "out", "name": "rule", "field": "rule"}],
            "rules": rows,
        },
    }
    graph = {
        "nodes": [
            {"id": "request", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 100}},
            table,
            {"id": "response", "type": "outputNode", "name": "response", "position": {"x": 600, "y": 100}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "request", "targetId": "rules", "type": "edge"},
            {"id": "e2", "sourceId": "rules", "targetId": "response", "type": "edge"},
        ],
    }
    return graph, left_out


if __name__ == "__main__":
    import sys
    with open(sys.argv[1], encoding="utf-8") as f:
        g, lo = decision_graph(json.load(f))
    json.dump(g, sys.stdout, ensure_ascii=False)
    print(f"\n{len(lo)} rules left out", file=sys.stderr)
