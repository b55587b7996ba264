"""The shared fixtures of rulesets/fixtures, asserted as tests/classifier_test.cpp and
tests/router_test.cpp assert them."""
from __future__ import annotations

import pytest

import minhu
from conftest import FIXTURES, cases


@pytest.mark.parametrize("name", ["basic", "priority", "collect"])
def test_classifier_fixture(name):
    engine = minhu.Engine(FIXTURES / f"{name}.json")
    all_cases = cases(name)
    assert len(all_cases) >= 4
    for c in all_cases:
        p = minhu.Engine.parse_petition(__import__("json").dumps(c["petition"], ensure_ascii=False))
        r = engine.classify(p)
        e = c["expect"]
        where = f"{name}: {c['name']}"
        assert r.decided_by == e["decided_by"], where
        assert r.category == (e["category"] or ""), where
        assert list(r.rules) == e["rules"], where
        if "urgency" in e:
            assert r.urgency == e["urgency"], where
        if "tags" in e:
            assert list(r.tags) == e["tags"], where
        if "confidence" in e:
            assert r.confidence == pytest.approx(e["confidence"], abs=1e-6), where
        if "spans" in e:
            assert [(s.field, s.text) for s in r.spans] == \
                [(s["field"], s["text"]) for s in e["spans"]], where
            for s in r.spans:  # byte offsets into the original UTF-8 field
                src = (p.title if s.field == "title" else p.text).encode("utf-8")
                assert src[s.begin:s.end].decode("utf-8") == s.text, where
        if r.decided_by == "triage":
            assert r.confidence == 0.0 and not r.spans, where


def test_classifier_fixture_from_dicts_matches_parsed_petitions():
    engine = minhu.Engine(FIXTURES / "basic.json")
    for c in cases("basic"):
        a = engine.classify(c["petition"]).to_dict()
        b = engine.classify(minhu.Engine.parse_petition(
            __import__("json").dumps(c["petition"], ensure_ascii=False))).to_dict()
        assert a == b, c["name"]


def test_routing_fixture():
    engine = minhu.Engine(FIXTURES / "routing.json")
    all_cases = cases("routing")
    assert len(all_cases) >= 40
    loaded = set()
    for c in all_cases:
        for unit in loaded:  # every other unit at 0, as the C++ test does
            engine.set_load(unit, 0)
        loaded = set()
        for unit, n in c.get("loads", {}).items():
            engine.set_load(unit, n)
            loaded.add(unit)
            assert engine.load_of(unit) == n
        r = engine.dispatch(c["petition"], exclude=c.get("options", {}).get("exclude", []))
        e = c["expect"]
        where = c["name"]
        assert r.decided_by == e["decided_by"], where
        assert r.category == (e["category"] or ""), where
        assert r.area == e["area"], where
        assert r.location_method == e["location_method"], where
        assert r.lead == e["lead"], where
        assert r.tier == e["tier"], where
        assert [u.id for u in r.assisting] == e["assisting"], where
        # Whatever the case: an owner, an explanation, never assisting itself.
        assert r.lead and r.explanation, where
        assert r.lead not in [u.id for u in r.assisting], where
