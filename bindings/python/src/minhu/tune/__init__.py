"""The rule-tuning toolkit: ``python -m minhu.tune evaluate|train|diff|report`` (also importable).

    from minhu.tune import evaluate, train, diff, report
    ev = evaluate("rulesets/tipdm-7class.json", "labelled.csv"); print(ev.to_text())

``train`` needs numpy, scipy and scikit-learn; ``report`` needs matplotlib; progress bars use
tqdm when installed (``pip install minhu[tune]``).
"""
from .diff import diff
from .evaluate import Evaluation, evaluate
from .report import report
from .train import cross_validate, train

__all__ = ["evaluate", "Evaluation", "train", "cross_validate", "diff", "report"]
