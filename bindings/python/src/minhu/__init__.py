"""minhu (民呼): classify Chinese citizen petitions and route them to government units.

    >>> import minhu
    >>> engine = minhu.Engine("rulesets/demo-city.json")
    >>> r = engine.dispatch({"id": "p1", "text": "楼下饭店油烟直排", "area": "grid-a-01-1"})
    >>> r.category, r.lead, r.decided_by
    >>> results = engine.classify_many(texts=[...], ids=[...])   # GIL released, all cores
    >>> results.to_frame()                                         # with pandas installed

The C++ core does the work (``minhu._core``); the tuning toolkit is ``python -m minhu.tune``.
"""
from __future__ import annotations

from ._core import ClassScore, Decision, Petition, RulesetInfo, Span, UnitRef
from ._core import normalize
from .engine import Engine, Results
from .errors import Error, PetitionError, Problem, RulesetError

__version__ = "0.1.0"

__all__ = [
    "Engine", "Results", "Decision", "Petition", "Span", "UnitRef", "ClassScore",
    "RulesetInfo", "normalize", "Error", "RulesetError", "PetitionError", "Problem",
]
