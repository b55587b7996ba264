"""``train LABELLED.csv -o MODEL``: fit the learned text model the C++ core runs."""
from __future__ import annotations

import json
import time
from typing import Optional, Sequence

from .. import model as M
from .._core import normalize
from ._common import Labelled, Taxonomy, progress, read_labelled
from .evaluate import scores


def model_texts(rows: Labelled, show_progress: Optional[bool] = None) -> list:
    """What the model reads, per row: normalised title and text (minhu's own normaliser)."""
    return [M.model_text(t, x, normalize) for t, x in
            progress(zip(rows.titles, rows.texts), total=len(rows), desc="normalise",
                     enabled=show_progress, unit="petition")]


def hash_counts(texts: Sequence[str], opts: M.TrainOptions, show_progress: Optional[bool] = None):
    h = M.Hasher(opts.bits, opts.ngram_min, opts.ngram_max)
    with progress(total=len(texts), desc="n-grams", enabled=show_progress, unit="petition") as bar:
        return M.count_matrix(h, texts, bar)


def cross_validate(counts, y: Sequence[str], labels: Sequence[str], opts: M.TrainOptions,
                   folds: int = 5, threshold: float = 0.0, seed: int = 0,
                   show_progress: Optional[bool] = None) -> dict:
    """Stratified k-fold: accuracy, macro-F1, weighted-F1 (model alone, every petition decided),
    and the triage share / accuracy when decided at ``threshold``."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(y)
    pred = np.empty(len(y), dtype=object)
    conf = np.zeros(len(y))
    splits = list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))
    for tr, te in progress(splits, desc=f"{folds}-fold CV", enabled=show_progress, unit="fold"):
        m = M.fit(M.take_rows(counts, tr), y[tr], labels, opts)
        p = M.predict_counts(m, M.take_rows(counts, te))
        pred[te] = [labels[i] for i in p.argmax(axis=1)]
        conf[te] = p.max(axis=1)
    acc, per, macro, weighted = scores(list(y), list(pred))
    decided = conf >= threshold
    return {"folds": folds, "accuracy": acc, "macro_f1": macro, "weighted_f1": weighted,
            "per_class": per, "threshold": threshold,
            "triage_share": float(1 - decided.mean()),
            "decided_accuracy": float((pred[decided] == y[decided]).mean()) if decided.any() else 0.0}


def train(data: "str | Labelled", out: str, *, ruleset: Optional[str] = None,
          opts: Optional[M.TrainOptions] = None, cv: int = 0, threshold: float = 0.0,
          show_progress: Optional[bool] = None, log=print) -> dict:
    """Trains on a labelled CSV and writes the model file. Labels are category ids, or names /
    aliases of ``ruleset``'s taxonomy (then mapped to ids). Returns a summary (with CV scores
    when ``cv`` >= 2)."""
    opts = opts or M.TrainOptions()
    rows = read_labelled(data) if isinstance(data, str) else data
    if ruleset:
        tax = Taxonomy(ruleset)
        y = tax.resolve_all(rows.labels, f"{data if isinstance(data, str) else 'data'}: ")
        labels = [c for c in tax.ids if c in set(y)]
    else:
        y = list(rows.labels)
        labels = sorted(set(y))
    if len(labels) < 2:
        raise SystemExit("training needs at least two classes")
    t0 = time.time()
    counts = hash_counts(model_texts(rows, show_progress), opts, show_progress)
    summary = {"petitions": len(rows), "classes": labels, "options": dict(opts.__dict__)}
    if cv >= 2:
        summary["cv"] = cross_validate(counts, y, labels, opts, cv, threshold,
                                       show_progress=show_progress)
        c = summary["cv"]
        log(f"{cv}-fold CV: accuracy {c['accuracy']:.4f}  macro-F1 {c['macro_f1']:.4f}  "
            f"weighted-F1 {c['weighted_f1']:.4f}"
            + (f"  (threshold {threshold}: triage {c['triage_share']:.1%}, accuracy when "
               f"decided {c['decided_accuracy']:.4f})" if threshold > 0 else ""))
    model = M.fit(counts, y, labels, opts)
    model.save(out)
    summary["rows"] = int(len(model.buckets))
    summary["seconds"] = round(time.time() - t0, 1)
    log(f"wrote {out}: {len(labels)} classes, {len(model.buckets)} weighted buckets "
        f"(2^{opts.bits}), {len(model.to_bytes()) / 1e6:.1f} MB")
    summary["bytes"] = len(model.to_bytes())
    return summary


def main(args) -> int:
    lo, _, hi = args.ngrams.partition("-")
    alpha = [float(a) for a in args.alpha.split(",")] if args.alpha else None
    opts = M.TrainOptions(bits=args.bits, ngram_min=int(lo), ngram_max=int(hi or lo),
                          classifier=args.classifier, norm=args.norm.replace("-", "_"),
                          alpha=alpha, C=args.C, min_df=args.min_df, max_iter=args.max_iter,
                          class_weight=None if args.class_weight == "none" else args.class_weight)
    if args.C is None:
        opts.C = 1.0 if opts.classifier == "svm" else 100.0
    try:
        opts.alphas()
    except ValueError as e:
        raise SystemExit(f"--alpha: {e}")
    rows = read_labelled(args.data, text_col=args.text_col, label_col=args.label_col)
    s = train(rows, args.output, ruleset=args.ruleset, opts=opts, cv=args.cv,
              threshold=args.threshold, show_progress=False if args.no_progress else None)
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=1))
    return 0
