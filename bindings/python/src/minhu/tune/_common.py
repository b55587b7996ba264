"""Shared helpers of the tuning toolkit: CSV/JSONL input, taxonomy labels, progress bars."""
from __future__ import annotations

import csv
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional, Sequence


def progress(iterable: Optional[Iterable] = None, *, total: Optional[int] = None, desc: str = "",
             enabled: Optional[bool] = None, unit: str = "it"):
    """A tqdm progress bar when tqdm is installed and stderr is a terminal (or forced on)."""
    if enabled is False:
        return _NoBar(iterable)
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover
        return _NoBar(iterable)
    return tqdm(iterable, total=total, desc=desc, unit=unit, leave=False,
                disable=None if enabled is None else not enabled, file=sys.stderr)


class _NoBar:
    def __init__(self, iterable=None):
        self._it = iterable

    def __iter__(self) -> Iterator:
        return iter(self._it)

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *a) -> None:
        pass


@dataclass
class Labelled:
    """Rows of a labelled CSV: id, title, text, label (as written), and optional area/channel."""

    ids: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    channels: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)


def read_labelled(path: str, *, text_col: str = "text", label_col: str = "label",
                  id_col: str = "id", title_col: str = "title") -> Labelled:
    """Reads a UTF-8 CSV with a header: ``text`` and ``label`` required, ``id``, ``title``,
    ``area``, ``channel`` optional."""
    out = Labelled()
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        cols = reader.fieldnames or []
        for need in (text_col, label_col):
            if need not in cols:
                raise SystemExit(f"{path}: no column {need!r} (columns: {', '.join(cols)})")
        for i, row in enumerate(reader):
            out.ids.append(row.get(id_col) or str(i))
            out.titles.append(row.get(title_col) or "")
            out.texts.append(row[text_col] or "")
            out.labels.append((row[label_col] or "").strip())
            out.areas.append(row.get("area") or "")
            out.channels.append(row.get("channel") or "")
    return out


def read_jsonl(path: str) -> list:
    """Petition dicts from a JSON Lines file (blank lines skipped)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: {e}")
    return out


class Taxonomy:
    """The taxonomy of a ruleset file, for mapping labels (ids, names or aliases) to ids."""

    def __init__(self, ruleset_path: str):
        with open(ruleset_path, encoding="utf-8") as f:
            doc = json.load(f)
        self.doc = doc
        self.ids: list = []
        self.parent: dict = {}
        self.name: dict = {}
        self._lookup: dict = {}
        for c in doc.get("taxonomy", []):
            cid = c["id"]
            self.ids.append(cid)
            self.parent[cid] = c.get("parent")
            self.name[cid] = c.get("name", cid)
            for key in [cid, c.get("name")] + list(c.get("aliases", [])):
                if key:
                    self._lookup.setdefault(key, cid)

    def resolve(self, label: str) -> Optional[str]:
        return self._lookup.get(label)

    def resolve_all(self, labels: Sequence[str], where: str = "") -> list:
        out, unknown = [], set()
        for lab in labels:
            cid = self.resolve(lab)
            if cid is None:
                unknown.add(lab)
            out.append(cid)
        if unknown:
            raise SystemExit(f"{where}labels that name no category of the ruleset: "
                             + ", ".join(sorted(unknown)[:20]))
        return out

    def path(self, cid: str) -> list:
        p = []
        while cid:
            p.append(cid)
            cid = self.parent.get(cid)
        return p[::-1]

    def depth(self, cid: str) -> int:
        return len(self.path(cid)) - 1

    def rule_ids(self) -> list:
        return [r["id"] for r in self.doc.get("rules", [])]

    def rule_category(self) -> dict:
        return {r["id"]: r["category"] for r in self.doc.get("rules", [])}


def ruleset_dir(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))
