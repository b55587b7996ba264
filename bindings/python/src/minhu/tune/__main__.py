"""python -m minhu.tune evaluate|train|diff|report ..."""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from ..errors import Error


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m minhu.tune",
                                description="Tune minhu rulesets on labelled petitions.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp, csv_input=True):
        sp.add_argument("--threads", type=int, default=0, help="worker threads (0: one per core)")
        sp.add_argument("--no-progress", action="store_true", help="no progress bar")
        if csv_input:
            sp.add_argument("--text-col", default="text")
            sp.add_argument("--label-col", default="label")

    e = sub.add_parser("evaluate", help="accuracy, per-class P/R/F1, confusion, rule statistics")
    e.add_argument("ruleset")
    e.add_argument("data", help="labelled CSV (text, label[, id, title, area, channel])")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    common(e)

    t = sub.add_parser("train", help="train the learned text model (numpy, scikit-learn)")
    t.add_argument("data", help="labelled CSV")
    t.add_argument("-o", "--output", required=True, help="model file to write")
    t.add_argument("-r", "--ruleset", help="map labels (names/aliases) to this ruleset's ids")
    t.add_argument("--bits", type=int, default=20, help="hash buckets: 2^bits (default 20)")
    t.add_argument("--ngrams", default="1-2", help="character n-gram range (default 1-2)")
    t.add_argument("--classifier", choices=["svm", "logreg"], default="svm",
                   help="linear SVM with a fitted softmax temperature (default) or logistic "
                        "regression")
    t.add_argument("--norm", choices=["per-order", "l2", "none"], default="per-order",
                   help="L2-normalise each n-gram order apart (default), all together, or not")
    t.add_argument("--alpha", default=None,
                   help="weight of each n-gram order, comma-separated (default: 0.5 for "
                        "unigrams, 1 for longer n-grams)")
    t.add_argument("-C", dest="C", type=float, default=None,
                   help="inverse L2 strength (default 1 for svm, 100 for logreg)")
    t.add_argument("--class-weight", choices=["balanced", "none"], default="balanced",
                   help="weight classes by inverse frequency (default) or not")
    t.add_argument("--min-df", type=int, default=2, help="drop buckets in fewer petitions")
    t.add_argument("--max-iter", type=int, default=2000)
    t.add_argument("--cv", type=int, default=0, help="k-fold cross-validation first (k >= 2)")
    t.add_argument("--threshold", type=float, default=0.0,
                   help="also report triage share at this confidence threshold")
    t.add_argument("--json", action="store_true", help="print the summary as JSON")
    common(t)

    d = sub.add_parser("diff", help="decisions (category, lead) that change between rulesets")
    d.add_argument("ruleset_a")
    d.add_argument("ruleset_b")
    d.add_argument("petitions", help="JSON Lines petitions")
    d.add_argument("--json", action="store_true")
    common(d, csv_input=False)

    r = sub.add_parser("report", help="the evaluation as one HTML page with plots")
    r.add_argument("ruleset")
    r.add_argument("data", help="labelled CSV")
    r.add_argument("--html", required=True, help="output file")
    common(r)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "evaluate":
            from .evaluate import main as run
        elif args.command == "train":
            from .train import main as run
        elif args.command == "diff":
            from .diff import main as run
        else:
            from .report import main as run
        return run(args)
    except Error as e:
        print(f"error: {e}", file=sys.stderr)
        for p in e.problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
