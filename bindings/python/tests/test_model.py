"""The learned model: C++ inference equals the Python reference to 1e-5; decisions and triage."""
from __future__ import annotations

import csv
import json
import os

import pytest

import minhu
from conftest import REPO, SMALL_CSV, model_ruleset

np = pytest.importorskip("numpy")
pytest.importorskip("scipy")

from minhu.model import TextModel, TrainOptions, bucket_of, model_text, ngram_key  # noqa: E402

EXTRA = [  # traditional, full-width, ASCII case, titles, empty, very long, control characters
    ("", "小區門口燒烤店油煙太大，ＡＢＣ物業不管"),
    ("工资", "公司拖欠农民工工资三个月不发"),
    ("", ""),
    ("标题", ""),
    ("", "a"),
    ("", "學校補課收費\t\t 教師違規 \u200b辦輔導班"),
    ("", "医院看病收费不合理" * 200),
]


def small_texts() -> list:
    with open(SMALL_CSV, encoding="utf-8") as f:
        return [("", r["text"]) for r in csv.DictReader(f)] + EXTRA


def test_hash_contract():
    # The same values are asserted by tests/model_test.cpp.
    P = 0x9E3779B97F4A7C15
    M64 = (1 << 64) - 1
    assert ngram_key("a") == (98 * P) & M64
    assert ngram_key("噪声") == 0x3CB9EA3AF627AE18
    assert bucket_of("油烟", 18) == 0x3EABD
    assert bucket_of("a", 20) == 0xA68C9
    k = ngram_key("油烟")
    assert bucket_of("油烟", 18) == (((k ^ (k >> 29)) * 0xD6E8FEB86659FD93) & M64) >> 46


def test_model_text_is_normalised_title_and_text():
    assert model_text("標題", "ＡＢＣ噪聲", minhu.normalize) == "标题\nabc噪声"
    assert model_text("", "x", minhu.normalize) == "x"


def check_parity(ruleset: str, model_path: str, texts: list) -> float:
    engine = minhu.Engine(ruleset)
    model = TextModel.load(model_path)
    assert engine.info.model_classes == model.labels
    py = model.predict_proba([model_text(t, x, minhu.normalize) for t, x in texts])
    worst = 0.0
    for (title, text), row in zip(texts, py):
        cpp = engine.model_scores(title=title, text=text)
        assert list(cpp) == model.labels
        worst = max(worst, float(np.max(np.abs(np.array(list(cpp.values())) - row))))
    return worst


def test_cpp_scores_equal_python_scores_small_model(small_model):
    ruleset, model_path = small_model
    worst = check_parity(ruleset, model_path, small_texts())
    assert worst < 1e-5, worst


def test_cpp_scores_equal_python_scores_bundled_model():
    ruleset = REPO / "rulesets" / "tipdm-7class.json"
    texts = small_texts()[::4]
    assert check_parity(str(ruleset), str(REPO / "rulesets" / "tipdm-7class.model"), texts) < 1e-5


def test_model_decides_when_no_rule_holds_and_triage_below_threshold(small_model, tmp_path):
    ruleset, model_path = small_model
    engine = minhu.Engine(ruleset)
    r = engine.classify("公司拖欠农民工工资三个月不发，社保也没有缴纳")
    assert r.decided_by == "model"
    assert r.category in engine.info.model_classes
    assert r.confidence == pytest.approx(max(engine.model_scores(
        text="公司拖欠农民工工资三个月不发，社保也没有缴纳").values()), abs=1e-12)
    assert not r.rules and not r.spans

    # A rule that holds wins over the model.
    rule = {"id": "lamp", "category": "urban", "when": {"text": {"any": ["工资"]}}}
    doc = model_ruleset(os.path.basename(model_path), 0.0, [rule])
    ruled = minhu.Engine(doc, base_dir=os.path.dirname(model_path))
    r = ruled.classify("公司拖欠农民工工资三个月不发")
    assert (r.decided_by, r.category, list(r.rules)) == ("rule", "urban", ["lamp"])

    # Threshold 1: nothing reaches it, everything goes to triage.
    strict = minhu.Engine(model_ruleset(os.path.basename(model_path), 1.0),
                          base_dir=os.path.dirname(model_path))
    r = strict.classify("公司拖欠农民工工资三个月不发")
    assert (r.decided_by, r.category, r.confidence) == ("triage", "", 0.0)
    assert "below the threshold" in strict.explain(text="公司拖欠农民工工资三个月不发")


def test_model_file_roundtrip(small_model):
    _, model_path = small_model
    m = TextModel.load(model_path)
    assert TextModel.from_bytes(m.to_bytes()).to_bytes() == m.to_bytes()
    with open(model_path, "rb") as f:
        assert f.read(8) == b"MINHUTM1"


@pytest.mark.parametrize("norm", ["per_order", "l2", "none"])
def test_cpp_scores_equal_python_scores_every_normalisation(tmp_path, norm):
    from minhu.tune import train

    ruleset = tmp_path / "r.json"
    ruleset.write_text(json.dumps(model_ruleset("m.model", 0.0), ensure_ascii=False),
                       encoding="utf-8")
    opts = TrainOptions(bits=14, ngram_min=1, ngram_max=3, norm=norm, alpha=[0.3, 1.0, 0.7],
                        sublinear=norm != "none", C=2.0)
    train(str(SMALL_CSV), str(tmp_path / "m.model"), ruleset=str(ruleset), opts=opts,
          show_progress=False, log=lambda *_: None)
    assert check_parity(str(ruleset), str(tmp_path / "m.model"), small_texts()) < 1e-5


def test_logreg_model_parity(tmp_path):
    from minhu.tune import train

    ruleset = tmp_path / "r.json"
    ruleset.write_text(json.dumps(model_ruleset("m.model", 0.0), ensure_ascii=False),
                       encoding="utf-8")
    train(str(SMALL_CSV), str(tmp_path / "m.model"), ruleset=str(ruleset),
          opts=TrainOptions(bits=14, classifier="logreg", C=20.0), show_progress=False,
          log=lambda *_: None)
    assert check_parity(str(ruleset), str(tmp_path / "m.model"), small_texts()) < 1e-5


def test_old_format_is_refused_with_a_reason(tmp_path):
    import struct

    (tmp_path / "old.model").write_bytes(b"MINHUTM1" + struct.pack("<7I", 1, 12, 1, 3, 3, 2, 0))
    with pytest.raises(minhu.RulesetError) as ei:
        minhu.Engine(model_ruleset("old.model"), base_dir=tmp_path)
    assert "format version 1" in str(ei.value) and "retrain" in str(ei.value)
    with pytest.raises(ValueError, match="retrain"):
        TextModel.load(str(tmp_path / "old.model"))


def test_bad_model_file_is_a_ruleset_error(tmp_path):
    (tmp_path / "bad.model").write_bytes(b"MINHUTM1" + b"\0" * 7)
    doc = model_ruleset("bad.model")
    with pytest.raises(minhu.RulesetError) as ei:
        minhu.Engine(doc, base_dir=tmp_path)
    assert ei.value.pointer == "/model/path"
    assert "invalid text model" in str(ei.value)


def test_bundled_tipdm_ruleset_classifies():
    engine = minhu.Engine(REPO / "rulesets" / "tipdm-7class.json")
    assert len(engine.info.model_classes) == 7
    got = engine.classify_many(texts=["公司拖欠农民工工资三个月不发，社保也没有缴纳",
                                      "小区旁边化工厂排放废气，气味刺鼻，河水被污染",
                                      "学校补课收费，教师违规办辅导班"])
    assert [r.category for r in got] == ["labour", "env", "edu"]
    assert all(r.decided_by == "model" for r in got)
