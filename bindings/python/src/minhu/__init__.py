"""minhu (民呼): classify Chinese citizen petitions and route them to government units.

    >>> import minhu
    >>> engine = minhu.Engine("rulesets/demo-city.json")
    >>> r = engine.dispatch({"id": "p1", "text": "楼下饭店油烟直排", "area": "grid-a-01-1"})
    >>> r.category, r.lead, r.decided_by
    >>> results = engine.classify_many(texts=[...], ids=[...])   # GIL released, all cores
    >>> results.to_frame()                                         # with pandas installed
    >>> t = minhu.Tracker(engine, journal="cases.db")               # SLA clocks, 一量三率
    >>> t.submit({"id": "p1", ...}, now); t.acknowledge("p1", now + 600_000)
    >>> t.measure(scope_unit="street-a").timeliness_rate

The C++ core does the work (``minhu._core``); the tuning toolkit is ``python -m minhu.tune``.
"""
from __future__ import annotations

from ._core import CaseEvent, CaseInfo, ClassScore, Decision, Metrics, Petition, RulesetInfo
from ._core import Span, UnitRef, normalize
from .engine import Engine, Results
from .errors import CaseError, Error, PetitionError, Problem, RulesetError
from .tracker import Tracker

__version__ = "0.1.0"

__all__ = [
    "Engine", "Results", "Decision", "Petition", "Span", "UnitRef", "ClassScore",
    "RulesetInfo", "normalize", "Error", "RulesetError", "PetitionError", "CaseError", "Problem",
    "Tracker", "CaseEvent", "CaseInfo", "Metrics",
]
