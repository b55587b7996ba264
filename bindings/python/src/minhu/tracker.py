"""minhu.Tracker: case lifecycle, SLA clocks and 一量三率 (the C++ minhu::api::case_tracker).

    >>> engine = minhu.Engine("rulesets/demo-city.json")
    >>> t = minhu.Tracker(engine, journal="cases.db")      # or in memory: Tracker(engine)
    >>> d = t.submit({"id": "p1", "text": "楼下饭店油烟直排", "area": "grid-a-01-1"}, now)
    >>> t.acknowledge("p1", now + 600_000)                  # 签收 → [CaseEvent, ...]
    >>> t.advance(later)                                    # colour changes, breaches, 督办
    >>> t.measure(scope_unit="street-a").timeliness_rate    # a street's 及时率
    >>> t.cases_frame()                                     # pandas, one row per case

Times are epoch milliseconds or timezone-aware ``datetime`` objects. Commands return the
events they caused; an invalid transition raises CaseError (code "invalid_state"), an unknown
case CaseError (code "unknown_case"), and nothing changes. A journaled tracker recovers every
case, timer and colour when it is created again on the same file.
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Optional, Sequence, Union

from . import _core
from ._core import CaseEvent, CaseInfo, Decision, Metrics
from .engine import Engine, PetitionLike, to_petition

Instant = Union[int, _dt.datetime]

# Columns of Tracker.cases_frame(), in order.
CASE_COLUMNS = ("id", "category", "urgency", "area", "lead", "state", "colour", "open",
                "received_at", "acknowledge_due", "respond_due", "resolve_due", "acknowledged_at",
                "started_at", "replied_at", "closed_at", "rating", "reopened", "supervised",
                "escalation_level", "merged_into", "breached")


def epoch_ms(t: Instant) -> int:
    """Epoch milliseconds of an int (already ms) or a timezone-aware datetime."""
    if isinstance(t, _dt.datetime):
        if t.tzinfo is None:
            raise ValueError("a naive datetime is ambiguous: give it a tzinfo "
                             "(e.g. datetime(..., tzinfo=ZoneInfo('Asia/Shanghai')))")
        return int(round(t.timestamp() * 1000))
    if isinstance(t, bool) or not isinstance(t, int):
        if hasattr(t, "item"):  # numpy integers
            return int(t.item())
        raise TypeError(f"a time is epoch ms (int) or a datetime, not {type(t).__name__}")
    return t


def _filter(scope_unit: str = "", unit: str = "", street: str = "", category: str = "",
            since: Optional[Instant] = None, until: Optional[Instant] = None) -> _core.MetricsFilter:
    if (since is None) != (until is None):
        raise ValueError("give both since= and until= (a period [since, until)), or neither")
    return _core.MetricsFilter(scope_unit=scope_unit, unit=unit, street=street, category=category,
                               from_=0 if since is None else epoch_ms(since),
                               to=0 if until is None else epoch_ms(until))


class Tracker:
    """Cases opened from an Engine's decisions, with their SLA clocks.

    ``journal``: path of a SQLite journal (created if missing, recovered if present; a corrupt
    one raises RulesetError with code "io"), or None to keep cases in memory only.
    ``durability``: "full" (survives power loss) or "normal" (survives a process crash; faster).
    Thread-safe; commands release the GIL. Open cases count as load of their lead unit in the
    engine's least-loaded routing.
    """

    def __init__(self, engine: Engine, journal: Optional[Union[str, os.PathLike]] = None, *,
                 durability: str = "full"):
        if not isinstance(engine, Engine):
            raise TypeError(f"Tracker needs a minhu.Engine, not {type(engine).__name__}")
        self.engine = engine
        self.journal = None if journal is None else os.fspath(journal)
        self._t = _core.CaseTracker(engine._d, self.journal or "", durability)

    # -- opening ---------------------------------------------------------------------------
    def open(self, case_id: str, decision: Decision, now: Instant) -> list:
        """Opens ``case_id`` from a dispatch() decision: assigned to its lead, clocks started."""
        return self._t.open(case_id, decision, epoch_ms(now))

    def submit(self, petition: PetitionLike, now: Instant) -> Decision:
        """Dispatches the petition and opens case petition["id"]; returns the decision."""
        p = to_petition(petition)
        if not p.id:
            raise ValueError("a petition opened as a case needs an id")
        return self._t.submit(p, epoch_ms(now))

    # -- lifecycle -------------------------------------------------------------------------
    def acknowledge(self, case_id: str, now: Instant) -> list:
        """签收."""
        return self._t.acknowledge(case_id, epoch_ms(now))

    def start(self, case_id: str, now: Instant) -> list:
        """First response: work in progress."""
        return self._t.start(case_id, epoch_ms(now))

    def reply(self, case_id: str, now: Instant) -> list:
        """办结: the unit replied with a result."""
        return self._t.reply(case_id, epoch_ms(now))

    def rate(self, case_id: str, stars: int, now: Instant) -> list:
        """1-5 stars; 1-2 reopen the case for redo (重办) with a new resolve deadline."""
        return self._t.rate(case_id, int(stars), epoch_ms(now))

    def close(self, case_id: str, now: Instant) -> list:
        return self._t.close(case_id, epoch_ms(now))

    def return_case(self, case_id: str, unit: str, now: Instant) -> list:
        """退回 by the lead ``unit``: re-routed without every unit that returned it."""
        return self._t.return_case(case_id, unit, epoch_ms(now))

    def reassign(self, case_id: str, unit: str, now: Instant) -> list:
        """The command centre moves the case to ``unit``."""
        return self._t.reassign(case_id, unit, epoch_ms(now))

    def escalate(self, case_id: str, now: Instant, unit: str = "") -> list:
        """督办 by hand: supervision by the lead's parent, or by ``unit``."""
        return self._t.escalate(case_id, epoch_ms(now), unit)

    def supervise(self, case_id: str, now: Instant) -> list:
        return self._t.supervise(case_id, epoch_ms(now))

    def pause(self, case_id: str, now: Instant) -> list:
        """挂起: waiting on the resident; the clock stops until resume()."""
        return self._t.pause(case_id, epoch_ms(now))

    def resume(self, case_id: str, now: Instant) -> list:
        return self._t.resume(case_id, epoch_ms(now))

    def merge(self, duplicate: str, primary: str, now: Instant) -> list:
        """并单: ``duplicate`` follows ``primary`` from now on."""
        return self._t.merge(duplicate, primary, epoch_ms(now))

    def advance(self, now: Instant) -> list:
        """Moves the clocks to ``now``: colour changes, breaches and escalation steps that fell
        due, in time order."""
        return self._t.advance(epoch_ms(now))

    # -- queries ---------------------------------------------------------------------------
    def __contains__(self, case_id: str) -> bool:
        return self._t.contains(case_id)

    def __len__(self) -> int:
        return self._t.size()

    def get(self, case_id: str) -> CaseInfo:
        """The case; raises CaseError (code "unknown_case") when there is none."""
        return self._t.get(case_id)

    def cases(self, scope_unit: str = "", *, unit: str = "", street: str = "",
              category: str = "", since: Optional[Instant] = None,
              until: Optional[Instant] = None) -> list:
        """Cases in opening order; ``scope_unit`` is a unit's scoped view (its subtree only)."""
        return self._t.cases(_filter(scope_unit, unit, street, category, since, until))

    def measure(self, scope_unit: str = "", *, unit: str = "", street: str = "",
                category: str = "", since: Optional[Instant] = None,
                until: Optional[Instant] = None) -> Metrics:
        """一量三率 (volume, completion, timeliness, satisfaction; plus response rate and live
        colours) of the cases the filter selects."""
        return self._t.measure(_filter(scope_unit, unit, street, category, since, until))

    def measure_by(self, key: str, values: Sequence[str], **filter: Any) -> dict:
        """``{value: Metrics}`` for each of ``values`` of ``key`` ("scope_unit", "unit",
        "street" or "category"), e.g. every street's 一量三率 for a period."""
        if key not in ("scope_unit", "unit", "street", "category"):
            raise ValueError(f"measure_by groups by scope_unit, unit, street or category, not {key!r}")
        return {v: self.measure(**{**filter, key: v}) for v in values}

    def cases_frame(self, columns: Sequence[str] = CASE_COLUMNS, **filter: Any):
        """The selected cases as a pandas.DataFrame (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("Tracker.cases_frame() needs pandas: pip install pandas") from e
        rows = []
        for c in self.cases(**filter):
            d = c.to_dict()
            rows.append({k: d[k] for k in columns})
        return pd.DataFrame(rows, columns=list(columns))

    @property
    def now(self) -> int:
        """The time of the last advance() (epoch ms)."""
        return self._t.now()

    @property
    def timers(self) -> int:
        return self._t.timers()

    @property
    def last_seq(self) -> int:
        return self._t.last_seq()

    def __repr__(self) -> str:
        where = self.journal or "memory"
        return f"<minhu.Tracker {len(self)} cases, journal={where}>"


__all__ = ["Tracker", "CaseEvent", "CaseInfo", "Metrics", "epoch_ms", "CASE_COLUMNS"]
