"""minhu.Engine: the Pythonic face of minhu._core.Dispatcher (the C++ facade minhu::api)."""
from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _core
from ._core import Decision, Petition

PetitionLike = Union[Petition, Mapping[str, Any], str]

# Keys a dict may carry that map straight onto Petition fields (the fast path); anything else
# (lat/lon, attributes, received_at as ISO text, "grid") goes through the core's JSON parser,
# which validates exactly like `minhu classify` does for JSON Lines.
_PLAIN = frozenset(("id", "text", "title", "channel", "area", "address", "category"))

# Columns of Results.to_frame(), in order.
FRAME_COLUMNS = ("id", "decided_by", "category", "category_name", "confidence", "urgency",
                 "rules", "tags", "area", "location_method", "lead", "lead_name", "tier",
                 "assisting")


def _json_default(o: Any) -> Any:
    if hasattr(o, "item"):  # numpy scalars
        return o.item()
    raise TypeError(f"{type(o).__name__} is not JSON serialisable")


def to_petition(obj: PetitionLike, default_id: str = "") -> Petition:
    """A Petition from a Petition, a text, or a dict in the JSON Lines format of the CLI
    (``id`` may be left out here). Raises PetitionError naming the bad field."""
    if isinstance(obj, Petition):
        return obj
    if isinstance(obj, str):
        return Petition(id=default_id, text=obj)
    if isinstance(obj, Mapping):
        if "text" in obj and obj.keys() <= _PLAIN and all(isinstance(v, str) for v in obj.values()):
            p = Petition(**obj)
            if "id" not in obj:
                p.id = default_id
            return p
        d = dict(obj)
        missing_id = "id" not in d
        if missing_id:
            d["id"] = default_id or "-"
        p = _core.Dispatcher.parse_petition(json.dumps(d, ensure_ascii=False, default=_json_default))
        if missing_id:
            p.id = default_id
        return p
    raise TypeError(f"a petition is a dict, a str or a minhu.Petition, not {type(obj).__name__}")


def _columns(n: int, name: str, values: Optional[Sequence[Any]]) -> Optional[list]:
    if values is None:
        return None
    values = list(values)
    if len(values) != n:
        raise ValueError(f"{name} has {len(values)} entries, texts has {n}")
    return values


def petitions_from(petitions: Optional[Iterable[PetitionLike]] = None, *,
                   texts: Optional[Sequence[str]] = None, ids: Optional[Sequence[Any]] = None,
                   titles: Optional[Sequence[str]] = None, areas: Optional[Sequence[str]] = None,
                   channels: Optional[Sequence[str]] = None,
                   addresses: Optional[Sequence[str]] = None) -> list:
    """Petitions from a list (dicts, texts or Petition objects) or from columns."""
    if petitions is not None:
        if texts is not None:
            raise ValueError("give petitions or columns (texts=...), not both")
        # Petition objects pass as they are; the rest get their index as default id.
        return [p if type(p) is Petition else to_petition(p, str(i))
                for i, p in enumerate(petitions)]
    if texts is None:
        raise ValueError("give a list of petitions or texts=[...] (with ids, titles, areas, ...)")
    texts = list(texts)
    n = len(texts)
    cols = {k: _columns(n, k, v) for k, v in
            (("ids", ids), ("titles", titles), ("areas", areas), ("channels", channels),
             ("addresses", addresses))}
    out = []
    for i, t in enumerate(texts):
        p = Petition(id=str(cols["ids"][i]) if cols["ids"] else str(i), text="" if t is None else str(t))
        if cols["titles"]:
            p.title = cols["titles"][i] or ""
        if cols["areas"]:
            p.area = cols["areas"][i] or ""
        if cols["channels"]:
            p.channel = cols["channels"][i] or ""
        if cols["addresses"]:
            p.address = cols["addresses"][i] or ""
        out.append(p)
    return out


class Results(list):
    """A list of Decision objects, in input order, with table conversions."""

    def to_dicts(self) -> list:
        return [r.to_dict() for r in self]

    def to_frame(self, columns: Sequence[str] = FRAME_COLUMNS):
        """A pandas.DataFrame, one row per petition (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("Results.to_frame() needs pandas: pip install pandas") from e
        rows = []
        for r in self:
            d = r.to_dict()
            d["assisting"] = [a["id"] for a in d["assisting"]]
            rows.append({c: d[c] for c in columns})
        return pd.DataFrame(rows, columns=list(columns))


class Engine:
    """A loaded ruleset, ready to classify and dispatch; thread-safe, hot-reloadable.

    ``Engine("rulesets/demo-city.json")`` loads a file; ``Engine('{"format_version": 1, ...}')``
    or ``Engine({...})`` loads JSON text or a dict (relative paths inside, e.g. the model, resolve
    against ``base_dir``). Raises RulesetError listing every problem with its JSON pointer.
    """

    def __init__(self, ruleset: Union[str, os.PathLike, Mapping[str, Any]], *,
                 base_dir: Optional[Union[str, os.PathLike]] = None, threads: int = 0):
        self.threads = threads
        if isinstance(ruleset, Mapping):
            ruleset = json.dumps(ruleset, ensure_ascii=False)
        if isinstance(ruleset, str) and ruleset.lstrip().startswith("{"):
            self._d = _core.Dispatcher.from_json(ruleset, os.fspath(base_dir or "."))
            self.path = None
        else:
            self.path = os.fspath(ruleset)
            self._d = _core.Dispatcher.load(self.path)

    # -- one petition ----------------------------------------------------------------------
    def classify(self, petition: Optional[PetitionLike] = None, /, **fields: Any) -> Decision:
        """Category, urgency, evidence; ``engine.classify("text")``, ``classify({...})`` or
        ``classify(text=..., title=...)``."""
        return self._d.classify(self._one(petition, fields))

    def dispatch(self, petition: Optional[PetitionLike] = None, /, *,
                 exclude: Sequence[str] = (), **fields: Any) -> Decision:
        """Classify + locate + route. ``exclude``: units that returned the case (退回)."""
        return self._d.dispatch(self._one(petition, fields), list(exclude))

    def explain(self, petition: Optional[PetitionLike] = None, /, *, show_pii: bool = False,
                **fields: Any) -> str:
        """A human-readable trace of classification and routing. Phone, resident ID and bank
        card numbers are masked (138****5678) unless ``show_pii=True``."""
        return self._d.explain(self._one(petition, fields), show_pii)

    def model_scores(self, petition: Optional[PetitionLike] = None, /,
                     **fields: Any) -> dict:
        """The learned model's probability per category (empty without a model), computed by
        the C++ core whether or not a rule decides."""
        return {s.category: s.probability
                for s in self._d.model_scores(self._one(petition, fields))}

    # -- many ------------------------------------------------------------------------------
    def classify_many(self, petitions: Optional[Iterable[PetitionLike]] = None, *,
                      texts=None, ids=None, titles=None, areas=None, channels=None,
                      addresses=None, threads: Optional[int] = None, frame: bool = False):
        """Classifies a list of petitions (dicts, texts or Petition objects) or columns
        (``texts=[...]`` with optional ``ids``, ``titles``, ``areas``, ``channels``,
        ``addresses``). Runs on C++ threads without the GIL, from one ruleset snapshot.
        Returns Results (a list), or a pandas.DataFrame with ``frame=True``."""
        ps = petitions_from(petitions, texts=texts, ids=ids, titles=titles, areas=areas,
                            channels=channels, addresses=addresses)
        r = Results(self._d.classify_batch(ps, self._threads(threads)))
        return r.to_frame() if frame else r

    def dispatch_many(self, petitions: Optional[Iterable[PetitionLike]] = None, *,
                      texts=None, ids=None, titles=None, areas=None, channels=None,
                      addresses=None, threads: Optional[int] = None, frame: bool = False):
        """Like classify_many, plus location and routing (current loads)."""
        ps = petitions_from(petitions, texts=texts, ids=ids, titles=titles, areas=areas,
                            channels=channels, addresses=addresses)
        r = Results(self._d.dispatch_batch(ps, self._threads(threads)))
        return r.to_frame() if frame else r

    # -- ruleset and loads ----------------------------------------------------------------
    def reload(self, path: Optional[Union[str, os.PathLike]] = None) -> None:
        """Re-reads the ruleset file (or loads ``path``). On error raises RulesetError and
        keeps serving the current ruleset."""
        if path is None:
            self._d.reload()
        else:
            self._d.reload_from(os.fspath(path))
            self.path = os.fspath(path)

    @property
    def info(self) -> _core.RulesetInfo:
        return self._d.info()

    def set_load(self, unit: str, load: int) -> None:
        self._d.set_load(unit, int(load))

    def add_load(self, unit: str, delta: int = 1) -> None:
        self._d.add_load(unit, int(delta))

    def load_of(self, unit: str) -> int:
        return self._d.load_of(unit)

    @staticmethod
    def parse_petition(json_line: str) -> Petition:
        """A Petition from one JSON Lines object (the CLI's format)."""
        return _core.Dispatcher.parse_petition(json_line)

    def __repr__(self) -> str:
        i = self.info
        return f"<minhu.Engine {i.id} {i.version}: {i.categories} categories, {i.rules} rules>"

    # -- helpers ---------------------------------------------------------------------------
    def _threads(self, threads: Optional[int]) -> int:
        t = self.threads if threads is None else threads
        if t < 0:
            raise ValueError("threads must be >= 0 (0: one per core)")
        return int(t)

    @staticmethod
    def _one(petition: Optional[PetitionLike], fields: Mapping[str, Any]) -> Petition:
        if petition is None:
            return to_petition(dict(fields))
        if fields:
            raise TypeError("give a petition or keyword fields, not both")
        return to_petition(petition)
