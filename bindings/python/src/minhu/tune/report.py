"""``report RULESET LABELLED.csv --html OUT.html``: the evaluation as one self-contained page."""
from __future__ import annotations

import base64
import html
import io
from typing import Optional

from ._common import read_labelled
from .evaluate import Evaluation, evaluate


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def plots(ev: Evaluation) -> dict:
    """Confusion-matrix heatmap and per-class bars as PNG data URIs (matplotlib, Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    out = {}
    cm = np.asarray(ev.confusion, dtype=float)
    rows = cm.sum(axis=1, keepdims=True)
    share = np.divide(cm, rows, out=np.zeros_like(cm), where=rows > 0)
    fig, ax = plt.subplots(figsize=(1.2 + 0.75 * len(ev.confusion_labels), 1 + 0.6 * len(ev.classes)))
    im = ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(ev.confusion_labels)), ev.confusion_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(ev.classes)), ev.classes)
    ax.set_xlabel("decision")
    ax.set_ylabel("label")
    for i in range(cm.shape[0]):
        for j in range(cm.shape[1]):
            if cm[i, j]:
                ax.text(j, i, int(cm[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if share[i, j] > 0.5 else "black")
    fig.colorbar(im, ax=ax, fraction=0.04, label="share of the label's petitions")
    ax.set_title("confusion matrix")
    out["confusion"] = _png(fig)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(max(5, 0.9 * len(ev.classes)), 3.2))
    x = np.arange(len(ev.classes))
    for k, (metric, color) in enumerate((("precision", "#4c72b0"), ("recall", "#55a868"),
                                         ("f1", "#c44e52"))):
        ax.bar(x + (k - 1) * 0.27, [ev.per_class[c][metric] for c in ev.classes], 0.27,
               label=metric, color=color)
    ax.set_xticks(x, ev.classes, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.legend(ncol=3, loc="lower right", fontsize=8)
    ax.set_title("per class")
    out["per_class"] = _png(fig)
    plt.close(fig)
    return out


def render(ev: Evaluation, title: Optional[str] = None) -> str:
    e = html.escape
    imgs = plots(ev)
    title = title or f"minhu evaluation: {ev.ruleset}"
    rows = "".join(
        f"<tr><td>{e(c)}</td><td>{m['precision']:.4f}</td><td>{m['recall']:.4f}</td>"
        f"<td>{m['f1']:.4f}</td><td>{m['support']}</td></tr>" for c, m in
        ((c, ev.per_class[c]) for c in ev.classes))
    rule_rows = "".join(
        f"<tr><td>{e(rid)}</td><td>{e(r['category'])}</td><td>{r['decided']}</td>"
        f"<td>{r['correct']}</td><td>{'-' if r['precision'] is None else format(r['precision'], '.3f')}</td>"
        f"<td>{r['holds']}</td></tr>"
        for rid, r in sorted(ev.rules.items(), key=lambda kv: -kv[1]["decided"]))
    overlap_rows = "".join(
        f"<tr><td>{e(o['a'])}</td><td>{e(o['b'])}</td><td>{o['count']}</td>"
        f"<td>{'yes' if o['conflicting'] else ''}</td></tr>" for o in ev.overlaps[:100])
    error_rows = "".join(
        f"<tr><td>{e(x['id'])}</td><td>{e(x['label'])}</td><td>{e(x['decision'])}</td>"
        f"<td>{e(x['by'])} {e(x['rule'])}</td><td>{x['confidence']:.2f}</td><td>{e(x['text'])}</td></tr>"
        for x in ev.errors)
    by = ", ".join(f"{e(k)} {v}" for k, v in sorted(ev.decided_by.items()))
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:3px 8px;font-size:13px}}
th{{background:#f3f3f3}}.kpi span{{display:inline-block;margin-right:2em;font-size:18px}}</style>
</head><body>
<h1>{e(title)}</h1>
<p>{ev.n} labelled petitions; decided by: {by}.</p>
<p class="kpi"><span>accuracy <b>{ev.accuracy:.4f}</b></span><span>macro-F1 <b>{ev.macro_f1:.4f}</b></span>
<span>weighted-F1 <b>{ev.weighted_f1:.4f}</b></span><span>triage <b>{ev.triage_share:.1%}</b></span>
<span>accuracy when decided <b>{ev.decided_accuracy:.4f}</b></span></p>
<h2>Confusion matrix</h2><img alt="confusion matrix" src="{imgs['confusion']}">
<h2>Per class</h2><img alt="per-class precision, recall and F1" src="{imgs['per_class']}">
<table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>{rows}</table>
<h2>Rules</h2>
<table><tr><th>rule</th><th>category</th><th>decided</th><th>correct</th><th>precision</th><th>holds</th></tr>{rule_rows}</table>
<p>Never fired ({len(ev.never_fired)}): {e(', '.join(ev.never_fired)) or 'none'}</p>
<h2>Overlapping rules</h2>
<table><tr><th>rule</th><th>rule</th><th>petitions</th><th>different categories</th></tr>{overlap_rows}</table>
<h2>Misclassified (first {len(ev.errors)})</h2>
<table><tr><th>id</th><th>label</th><th>decision</th><th>by</th><th>confidence</th><th>text</th></tr>{error_rows}</table>
</body></html>
"""


def report(ruleset: str, data, out_html: str, *, threads: int = 0,
           show_progress: Optional[bool] = None) -> Evaluation:
    ev = evaluate(ruleset, data, threads=threads, show_progress=show_progress)
    with open(out_html, "w", encoding="utf-8") as f:
        f.write(render(ev))
    return ev


def main(args) -> int:
    data = read_labelled(args.data, text_col=args.text_col, label_col=args.label_col)
    ev = report(args.ruleset, data, args.html, threads=args.threads,
                show_progress=False if args.no_progress else None)
    print(f"wrote {args.html}: accuracy {ev.accuracy:.4f}, macro-F1 {ev.macro_f1:.4f}, "
          f"weighted-F1 {ev.weighted_f1:.4f}, triage {ev.triage_share:.1%}")
    return 0
