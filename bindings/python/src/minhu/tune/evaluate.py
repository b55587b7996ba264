"""``evaluate RULESET LABELLED.csv``: how a ruleset (rules + model) does on labelled petitions."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Optional

from ..engine import Engine
from ._common import Labelled, Taxonomy, progress, read_labelled, ruleset_dir

TRIAGE = "triage"


@dataclass
class Evaluation:
    ruleset: str
    n: int
    accuracy: float  # triage counts as wrong
    decided_accuracy: float  # on petitions not sent to triage
    triage_share: float
    macro_f1: float
    weighted_f1: float
    decided_by: dict  # rule / model / triage -> count
    classes: list  # gold classes, sorted
    per_class: dict  # class -> {precision, recall, f1, support}
    confusion_labels: list  # rows: gold classes; columns: classes + [triage] (+ others)
    confusion: list  # [len(classes)][len(confusion_labels)]
    rules: dict  # rule id -> {category, decided, correct, precision, holds}
    never_fired: list
    overlaps: list  # [{a, b, count, conflicting}]
    errors: list = field(default_factory=list)  # first misclassified petitions

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    def to_text(self) -> str:
        L = [f"ruleset {self.ruleset}: {self.n} petitions",
             f"accuracy {self.accuracy:.4f}  macro-F1 {self.macro_f1:.4f}  weighted-F1 "
             f"{self.weighted_f1:.4f}",
             f"triage {self.triage_share:.1%}  accuracy when decided {self.decided_accuracy:.4f}",
             "decided by: " + ", ".join(f"{k} {v}" for k, v in sorted(self.decided_by.items())),
             "", f"{'class':<24}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}"]
        for c in self.classes:
            m = self.per_class[c]
            L.append(f"{c:<24}{m['precision']:>10.4f}{m['recall']:>10.4f}{m['f1']:>10.4f}"
                     f"{m['support']:>9}")
        L += ["", "confusion (rows: label, columns: decision)",
              " " * 14 + "".join(f"{c[:9]:>10}" for c in self.confusion_labels)]
        for c, row in zip(self.classes, self.confusion):
            L.append(f"{c[:13]:<14}" + "".join(f"{v:>10}" for v in row))
        if self.rules:
            L += ["", f"{'rule':<32}{'decided':>8}{'correct':>8}{'precision':>10}{'holds':>7}"]
            for rid, r in sorted(self.rules.items(), key=lambda kv: -kv[1]["decided"]):
                prec = "-" if r["precision"] is None else f"{r['precision']:.3f}"
                L.append(f"{rid[:31]:<32}{r['decided']:>8}{r['correct']:>8}{prec:>10}"
                         f"{r['holds']:>7}")
        L.append("")
        L.append(f"rules never fired ({len(self.never_fired)}): " +
                 (", ".join(self.never_fired) if self.never_fired else "none"))
        L.append(f"overlapping rule pairs ({len(self.overlaps)}):" + ("" if self.overlaps else " none"))
        for o in self.overlaps[:30]:
            L.append(f"  {o['a']} & {o['b']}: {o['count']}"
                     + (" (different categories)" if o["conflicting"] else ""))
        return "\n".join(L)


def _at_depth(tax: Taxonomy, cid: str, depth: int) -> str:
    if not cid:
        return TRIAGE
    p = tax.path(cid)
    return p[depth] if depth < len(p) else p[-1]


def scores(gold: list, pred: list) -> tuple:
    """(accuracy, per_class, macro_f1, weighted_f1) over gold classes; pure Python."""
    classes = sorted(set(gold))
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    support = Counter(gold)
    per = {}
    for c in classes:
        prec = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0.0
        rec = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[c] = {"precision": prec, "recall": rec, "f1": f1, "support": support[c]}
    n = len(gold)
    acc = sum(tp.values()) / n if n else 0.0
    macro = sum(per[c]["f1"] for c in classes) / len(classes) if classes else 0.0
    weighted = sum(per[c]["f1"] * support[c] for c in classes) / n if n else 0.0
    return acc, per, macro, weighted


def evaluate(ruleset: str, data: "str | Labelled", *, threads: int = 0,
             show_progress: Optional[bool] = None, max_errors: int = 50) -> Evaluation:
    """Classifies every labelled petition with the ruleset and measures the result. Labels may
    be category ids, names or aliases at any level; a decision is compared at the label's level."""
    tax = Taxonomy(ruleset)
    rows = read_labelled(data) if isinstance(data, str) else data
    gold_ids = tax.resolve_all(rows.labels, f"{data if isinstance(data, str) else 'data'}: ")
    engine = Engine(ruleset, threads=threads)
    # The same ruleset with the `priority` policy reports every rule that holds.
    doc = dict(tax.doc)
    doc["hit_policy"] = "priority"
    all_rules = Engine(doc, base_dir=ruleset_dir(ruleset), threads=threads) if tax.rule_ids() else None

    n = len(rows)
    decisions, holding = [], []
    chunk = 2048
    with progress(total=n, desc="evaluate", unit="petition", enabled=show_progress) as bar:
        for b in range(0, n, chunk):
            cols = dict(texts=rows.texts[b:b + chunk], ids=rows.ids[b:b + chunk],
                        titles=rows.titles[b:b + chunk], areas=rows.areas[b:b + chunk],
                        channels=rows.channels[b:b + chunk])
            decisions += engine.classify_many(**cols)
            if all_rules is not None:
                holding += [list(d.rules) for d in all_rules.classify_many(**cols)]
            bar.update(min(chunk, n - b))
    if all_rules is None:
        holding = [[] for _ in range(n)]

    gold, pred = [], []
    by = Counter()
    rule_cat = tax.rule_category()
    rstat = {rid: {"category": rule_cat[rid], "decided": 0, "correct": 0, "precision": None,
                   "holds": 0} for rid in tax.rule_ids()}
    pairs = Counter()
    conflicting = {}
    errors = []
    for i, d in enumerate(decisions):
        g = gold_ids[i]
        depth = tax.depth(g)
        p = _at_depth(tax, d.category, depth)
        gold.append(g)
        pred.append(p)
        by[d.decided_by] += 1
        if d.decided_by == "rule" and d.rules:
            s = rstat[d.rules[0]]
            s["decided"] += 1
            s["correct"] += p == g
        if p != g and len(errors) < max_errors:
            errors.append({"id": rows.ids[i], "label": g, "decision": p, "by": d.decided_by,
                           "rule": d.rules[0] if d.rules else "", "confidence": d.confidence,
                           "text": rows.texts[i][:120]})
        for rid in holding[i]:
            rstat[rid]["holds"] += 1
        for a, b in combinations(sorted(set(holding[i])), 2):
            pairs[(a, b)] += 1
            conflicting[(a, b)] = rule_cat[a] != rule_cat[b]
    for s in rstat.values():
        if s["decided"]:
            s["precision"] = s["correct"] / s["decided"]
    acc, per, macro, weighted = scores(gold, pred)
    decided = [(g, p) for g, p in zip(gold, pred) if p != TRIAGE]
    classes = sorted(set(gold))
    extra = sorted(set(pred) - set(classes) - {TRIAGE})
    cols = classes + extra + [TRIAGE]
    index = {c: k for k, c in enumerate(cols)}
    confusion = [[0] * len(cols) for _ in classes]
    row_of = {c: k for k, c in enumerate(classes)}
    for g, p in zip(gold, pred):
        confusion[row_of[g]][index[p]] += 1
    return Evaluation(
        ruleset=ruleset, n=n, accuracy=acc,
        decided_accuracy=(sum(g == p for g, p in decided) / len(decided)) if decided else 0.0,
        triage_share=by[TRIAGE] / n if n else 0.0, macro_f1=macro, weighted_f1=weighted,
        decided_by=dict(by), classes=classes, per_class=per, confusion_labels=cols,
        confusion=confusion, rules=rstat,
        never_fired=[rid for rid, s in rstat.items() if s["holds"] == 0],
        overlaps=[{"a": a, "b": b, "count": c, "conflicting": conflicting[(a, b)]}
                  for (a, b), c in pairs.most_common()],
        errors=errors)


def main(args) -> int:
    ev = evaluate(args.ruleset, read_labelled(args.data, text_col=args.text_col,
                                              label_col=args.label_col),
                  threads=args.threads, show_progress=False if args.no_progress else None)
    if args.json:
        print(json.dumps(ev.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(ev.to_text())
    return 0
