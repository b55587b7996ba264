"""``diff RULESET_A RULESET_B PETITIONS.jsonl``: which decisions change between two rulesets."""
from __future__ import annotations

import json
from collections import Counter
from typing import Optional

from ..engine import Engine
from ._common import progress, read_jsonl


def diff(ruleset_a: str, ruleset_b: str, petitions, *, threads: int = 0,
         show_progress: Optional[bool] = None) -> dict:
    """Dispatches every petition with both rulesets; reports changed categories and leads.
    ``petitions``: a JSON Lines path or a list of petition dicts."""
    ps = read_jsonl(petitions) if isinstance(petitions, str) else list(petitions)
    a, b = Engine(ruleset_a, threads=threads), Engine(ruleset_b, threads=threads)
    ra, rb = [], []
    chunk = 2048
    with progress(total=len(ps), desc="diff", enabled=show_progress, unit="petition") as bar:
        for i in range(0, len(ps), chunk):
            part = ps[i:i + chunk]
            ra += a.dispatch_many(part)
            rb += b.dispatch_many(part)
            bar.update(len(part))
    changes, moves = [], Counter()
    n_cat = n_lead = 0
    for x, y in zip(ra, rb):
        cat = (x.category or "triage") != (y.category or "triage")
        lead = x.lead != y.lead
        if not (cat or lead):
            continue
        n_cat += cat
        n_lead += lead
        moves[(x.category or "triage", y.category or "triage")] += 1
        changes.append({"id": x.id, "category": [x.category or "triage", y.category or "triage"],
                        "decided_by": [x.decided_by, y.decided_by], "lead": [x.lead, y.lead],
                        "rules": [x.rules[:1], y.rules[:1]]})
    return {"a": ruleset_a, "b": ruleset_b, "petitions": len(ps), "changed": len(changes),
            "category_changed": n_cat, "lead_changed": n_lead,
            "moves": [{"from": f, "to": t, "count": c} for (f, t), c in moves.most_common()],
            "changes": changes}


def to_text(d: dict, limit: int = 200) -> str:
    L = [f"{d['a']} -> {d['b']}: {d['changed']} of {d['petitions']} decisions change "
         f"({d['category_changed']} category, {d['lead_changed']} lead)"]
    if d["moves"]:
        L.append("category moves:")
        L += [f"  {m['from']} -> {m['to']}: {m['count']}" for m in d["moves"]]
    if d["changes"]:
        L.append("changed petitions:")
    for c in d["changes"][:limit]:
        L.append(f"  {c['id']}: {c['category'][0]} -> {c['category'][1]}"
                 f"  [{c['decided_by'][0]} -> {c['decided_by'][1]}]"
                 f"  lead {c['lead'][0] or '-'} -> {c['lead'][1] or '-'}")
    if len(d["changes"]) > limit:
        L.append(f"  ... {len(d['changes']) - limit} more")
    return "\n".join(L)


def main(args) -> int:
    d = diff(args.ruleset_a, args.ruleset_b, args.petitions, threads=args.threads,
             show_progress=False if args.no_progress else None)
    print(json.dumps(d, ensure_ascii=False, indent=1) if args.json else to_text(d))
    return 0
