"""python -m minhu.tune evaluate | train | diff | report, on small inputs."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest

import minhu
from conftest import FIXTURES, SMALL_CSV, cases, model_ruleset

pytest.importorskip("sklearn")


def run(*args, check=True):
    p = subprocess.run([sys.executable, "-m", "minhu.tune", *map(str, args)], capture_output=True,
                       text=True, encoding="utf-8")
    if check and p.returncode != 0:
        raise AssertionError(f"exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def test_train_with_cv_writes_a_model_the_core_loads(tmp_path):
    ruleset = tmp_path / "r.json"
    ruleset.write_text(json.dumps(model_ruleset("m.model", 0.3), ensure_ascii=False),
                       encoding="utf-8")
    p = run("train", SMALL_CSV, "-r", ruleset, "-o", tmp_path / "m.model", "--bits", "14",
            "--cv", "3", "--threshold", "0.3", "--json", "--no-progress")
    assert "3-fold CV: accuracy" in p.stdout
    summary = json.loads(p.stdout[p.stdout.index("{"):])
    assert summary["petitions"] == 168
    assert summary["classes"] == ["urban", "env", "transport", "edu", "labour", "commerce",
                                  "health"]
    assert 0.3 < summary["cv"]["accuracy"] <= 1.0
    engine = minhu.Engine(ruleset)
    assert engine.info.model_classes == summary["classes"]


def test_evaluate_model_ruleset(small_model):
    ruleset, _ = small_model
    p = run("evaluate", ruleset, SMALL_CSV, "--json", "--no-progress")
    ev = json.loads(p.stdout)
    assert ev["n"] == 168
    assert ev["accuracy"] > 0.9  # its own training data
    assert ev["decided_by"] == {"model": 168}
    assert len(ev["confusion"]) == 7
    assert ev["confusion_labels"][-1] == "triage"
    text = run("evaluate", ruleset, SMALL_CSV, "--no-progress").stdout
    assert "weighted-F1" in text and "confusion" in text


def fixture_csv(tmp_path) -> str:
    path = tmp_path / "basic.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "text", "label"])
        for c in cases("basic"):
            if c["expect"]["category"] and set(c["petition"]) <= {"id", "text", "title"}:
                w.writerow([c["petition"]["id"], c["petition"].get("title", ""),
                            c["petition"]["text"], c["expect"]["category"]])
        w.writerow(["wrong", "", "楼下燃气泄漏", "env.pollution.noise"])  # a label the rules miss
    return str(path)


def test_evaluate_rule_statistics(tmp_path):
    from minhu.tune import evaluate

    ev = evaluate(str(FIXTURES / "basic.json"), fixture_csv(tmp_path), show_progress=False)
    assert ev.accuracy < 1.0
    assert ev.rules["safety.gas"]["decided"] >= 1
    assert ev.rules["safety.gas"]["precision"] is not None
    assert ev.never_fired  # rules on channels / attributes never fire on CSV text
    assert all(r in ev.rules for r in ev.never_fired)
    assert any(o["a"] != o["b"] for o in ev.overlaps)  # gas + noise hold together
    assert ev.errors and ev.errors[0]["id"] == "wrong"


def test_diff(small_model, tmp_path):
    ruleset, model_path = small_model
    strict = tmp_path / "strict.json"
    doc = model_ruleset(model_path, 0.9)  # absolute model path
    strict.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    petitions = tmp_path / "p.jsonl"
    with open(SMALL_CSV, encoding="utf-8") as f, open(petitions, "w", encoding="utf-8") as out:
        for r in list(csv.DictReader(f))[:40]:
            out.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
    d = json.loads(run("diff", ruleset, strict, petitions, "--json", "--no-progress").stdout)
    assert d["petitions"] == 40
    assert d["changed"] == d["category_changed"] > 0
    assert all(c["category"][1] == "triage" for c in d["changes"])
    assert sum(m["count"] for m in d["moves"]) == d["changed"]
    text = run("diff", ruleset, strict, petitions, "--no-progress").stdout
    assert "decisions change" in text and "-> triage" in text
    same = json.loads(run("diff", ruleset, ruleset, petitions, "--json", "--no-progress").stdout)
    assert same["changed"] == 0


def test_report_html(small_model, tmp_path):
    pytest.importorskip("matplotlib")
    ruleset, _ = small_model
    out = tmp_path / "report.html"
    p = run("report", ruleset, SMALL_CSV, "--html", out, "--no-progress")
    assert "weighted-F1" in p.stdout
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert page.count("data:image/png;base64,") == 2
    assert "confusion matrix" in page


def test_errors_are_reported_not_raised(tmp_path):
    p = run("evaluate", tmp_path / "missing.json", SMALL_CSV, check=False)
    assert p.returncode != 0
