"""Shared pytest fixtures: the repository's fixture rulesets and a small trained model."""
from __future__ import annotations

import json
import os
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
FIXTURES = REPO / "rulesets" / "fixtures"
DATA = pathlib.Path(__file__).resolve().parent / "data"
SMALL_CSV = DATA / "tipdm-small.csv"

# The 7 first-level categories of the TipDM data, as in rulesets/tipdm-7class.json.
TAXONOMY = [
    {"id": "urban", "name": "城乡建设"}, {"id": "env", "name": "环境保护"},
    {"id": "transport", "name": "交通运输"}, {"id": "edu", "name": "教育文体"},
    {"id": "labour", "name": "劳动和社会保障"}, {"id": "commerce", "name": "商贸旅游"},
    {"id": "health", "name": "卫生计生"},
]


def cases(name: str) -> list:
    with open(FIXTURES / f"{name}.cases.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def model_ruleset(model_path: str, threshold: float = 0.0, rules=()) -> dict:
    return {"format_version": 1, "id": "small-model", "version": "1", "taxonomy": TAXONOMY,
            "rules": list(rules), "model": {"path": model_path, "threshold": threshold}}


@pytest.fixture(scope="session")
def small_model(tmp_path_factory):
    """A model trained on the small CSV (2^16 buckets: seconds, not minutes) and a ruleset
    file next to it. Returns (ruleset_path, model_path)."""
    pytest.importorskip("sklearn")
    from minhu.model import TrainOptions
    from minhu.tune import train

    d = tmp_path_factory.mktemp("model")
    ruleset = d / "small.json"
    ruleset.write_text(json.dumps(model_ruleset("small.model", 0.0), ensure_ascii=False),
                       encoding="utf-8")
    train(str(SMALL_CSV), str(d / "small.model"), ruleset=str(ruleset),
          opts=TrainOptions(bits=16, C=20.0), show_progress=False, log=lambda *_: None)
    return str(ruleset), str(d / "small.model")
