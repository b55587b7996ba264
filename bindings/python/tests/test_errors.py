"""minhu::api::failure → minhu.RulesetError / PetitionError / Error, with code, pointer, problems."""
from __future__ import annotations

import json
import shutil

import pytest

import minhu
from conftest import FIXTURES

GOOD = {"format_version": 1, "id": "t", "version": "1",
        "taxonomy": [{"id": "env", "name": "环境"}],
        "rules": [{"id": "r", "category": "env", "when": {"text": {"any": ["噪音"]}}}]}


def test_every_ruleset_problem_with_its_pointer():
    bad = dict(GOOD, rules=[{"id": "r", "category": "env.noize", "when": {"regex": "("}},
                            {"id": "r", "category": "env", "when": {"text": {"any": ["x"]}}}])
    with pytest.raises(minhu.RulesetError) as ei:
        minhu.Engine(bad)
    e = ei.value
    assert e.code == "ruleset_invalid"
    assert isinstance(e, ValueError) and isinstance(e, minhu.Error)
    pointers = [p.pointer for p in e.problems]
    assert "/rules/0/category" in pointers
    assert "/rules/0/when/regex" in pointers
    assert "/rules/1/id" in pointers
    assert e.pointer == e.problems[0].pointer
    assert "unknown category" in str(e)
    assert all(isinstance(p, minhu.Problem) for p in e.problems)


def test_unknown_field_and_bad_json():
    with pytest.raises(minhu.RulesetError) as ei:
        minhu.Engine('{"format_version": 1, "id": "t", "version": "1", "taxonomy": [], "rulez": []}')
    assert any(p.pointer == "/rulez" for p in ei.value.problems)
    with pytest.raises(minhu.RulesetError):
        minhu.Engine('{"format_version": 1,')


def test_missing_file_is_an_io_ruleset_error():
    with pytest.raises(minhu.RulesetError) as ei:
        minhu.Engine("/nonexistent/ruleset.json")
    assert ei.value.code == "io"


def test_missing_model_file_points_at_model_path(tmp_path):
    doc = dict(GOOD, model={"path": "nope.model", "threshold": 0.5})
    with pytest.raises(minhu.RulesetError) as ei:
        minhu.Engine(doc, base_dir=tmp_path)
    assert ei.value.pointer == "/model/path"
    assert "cannot read model file" in ei.value.problems[0].message


@pytest.mark.parametrize("petition,field", [
    ({"id": "x", "text": 42}, "text"),
    ({"id": "x", "txt": "噪音"}, "txt"),
    ({"id": "x"}, "text"),
    ({"id": "x", "text": "a", "lat": 30.1}, "lon"),
    ({"id": "x", "text": "a", "attributes": {"age": [1]}}, "attributes/age"),
    ({"id": "x", "text": "a", "received_at": "yesterday"}, "received_at"),
])
def test_petition_errors_name_the_field(petition, field):
    engine = minhu.Engine(GOOD)
    with pytest.raises(minhu.PetitionError) as ei:
        engine.classify(petition)
    assert ei.value.code == "petition_invalid"
    assert ei.value.field == field
    with pytest.raises(minhu.PetitionError):
        engine.classify_many([{"id": "ok", "text": "噪音"}, petition])


def test_parse_petition_errors():
    with pytest.raises(minhu.PetitionError):
        minhu.Engine.parse_petition("{not json")


def test_unknown_unit_and_bad_arguments():
    engine = minhu.Engine(FIXTURES / "routing.json")
    with pytest.raises(minhu.Error) as ei:
        engine.set_load("no-such-unit", 1)
    assert ei.value.code == "invalid_argument"
    with pytest.raises(ValueError):
        engine.classify_many(texts=["a", "b"], ids=["1"])
    with pytest.raises(TypeError):
        engine.classify(3.14)


def test_reload_keeps_the_current_ruleset_on_error(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    engine = minhu.Engine(path)
    assert engine.classify("噪音").category == "env"
    gen = engine.info.generation
    path.write_text('{"format_version": 1, "id": ', encoding="utf-8")
    with pytest.raises(minhu.RulesetError):
        engine.reload()
    assert engine.classify("噪音").category == "env"
    assert engine.info.generation == gen
    path.write_text(json.dumps(dict(GOOD, rules=[])), encoding="utf-8")
    engine.reload()
    assert engine.info.generation == gen + 1
    assert engine.classify("噪音").decided_by == "triage"
    other = tmp_path / "basic.json"
    shutil.copy(FIXTURES / "basic.json", other)
    engine.reload(other)
    assert engine.info.id == "basic" or engine.info.rules > 0
