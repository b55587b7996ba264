"""classify_many / dispatch_many: equal to one-by-one, columns or dicts, GIL released."""
from __future__ import annotations

import gc
import json
import math
import threading
import time

import pytest

import minhu
from conftest import FIXTURES, REPO, cases


def demo_petitions() -> list:
    with open(REPO / "examples" / "petitions" / "demo.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def demo():
    return minhu.Engine(REPO / "rulesets" / "demo-city.json")


def test_normalize_is_the_core_normaliser():
    assert minhu.normalize("噪聲擾民　ＡＢＣ") == "噪声扰民 abc"
    assert minhu.normalize("  a\t\tb  ") == "a b"


@pytest.mark.parametrize("threads", [1, 2, 4, 0])
def test_batch_equals_one_by_one(demo, threads):
    ps = demo_petitions()
    assert len(ps) > 100
    one = [demo.dispatch(p).to_dict() for p in ps]
    many = demo.dispatch_many(ps, threads=threads)
    assert [r.to_dict() for r in many] == one
    one_c = [demo.classify(p).to_dict() for p in ps]
    assert demo.classify_many(ps, threads=threads).to_dicts() == one_c


def test_columns_equal_dicts(demo):
    ps = [p for p in demo_petitions() if set(p) <= {"id", "text", "title", "area", "channel"}]
    cols = dict(texts=[p["text"] for p in ps], ids=[p["id"] for p in ps],
                titles=[p.get("title", "") for p in ps], areas=[p.get("area", "") for p in ps],
                channels=[p.get("channel", "") for p in ps])
    assert demo.dispatch_many(**cols).to_dicts() == demo.dispatch_many(ps).to_dicts()
    # ids default to the position
    r = demo.classify_many(texts=["路灯坏了", "噪音"])
    assert [x.id for x in r] == ["0", "1"]


def test_results_are_light_objects(demo):
    r = demo.dispatch({"id": "p1", "text": "楼下饭店油烟直排", "area": "grid-a-01-1"})
    d = r.to_dict()
    assert d["id"] == "p1" and d["category"] == r.category and d["lead"] == r.lead
    assert isinstance(d["spans"], list) and isinstance(d["assisting"], list)
    assert "Decision" in repr(r)
    assert r.category_path[-1] == r.category


FIELDS = ("id", "decided_by", "category", "category_name", "category_path", "urgency",
          "confidence", "rules", "tags", "spans", "flags", "area", "area_name",
          "location_method", "area_candidates", "lead", "lead_name", "tier", "assisting",
          "explanation")


def as_plain(d: minhu.Decision) -> dict:
    out = {k: getattr(d, k) for k in FIELDS}
    out["spans"] = [s.to_dict() for s in out["spans"]]
    out["assisting"] = [{"id": u.id, "name": u.name} for u in out["assisting"]]
    return out


@pytest.mark.parametrize("threads", [1, 2])
def test_every_attribute_equals_to_dict(demo, threads):
    ps = demo_petitions()
    for many in (demo.dispatch_many(ps, threads=threads), demo.classify_many(ps, threads=threads)):
        assert len(many) == len(ps)
        for d in many:
            assert as_plain(d) == d.to_dict()
    routed = demo.dispatch_many(ps)
    assert any(d.lead for d in routed) and any(d.spans for d in routed)
    assert any(d.assisting for d in routed) and all(d.explanation for d in routed)
    # classify sets no location or assignment fields
    c = demo.classify_many(ps)
    assert all(d.lead == "" and d.area_candidates == [] and d.explanation == [] for d in c)


def test_decisions_are_read_only_views_that_outlive_their_batch(demo):
    ps = demo_petitions()
    many = demo.classify_many(ps, threads=1)
    ruled = [d for d in many if d.decided_by == "rule"]
    assert len(ruled) > 2
    # a batch shares one str per distinct value
    assert ruled[0].decided_by is ruled[1].decided_by
    keep = many[-1]
    expect = keep.to_dict()
    del many, ruled
    gc.collect()
    assert keep.to_dict() == expect and repr(keep).startswith("<minhu.Decision id=")
    with pytest.raises(AttributeError):
        keep.category = "x"
    with pytest.raises(TypeError):
        minhu.Decision()
    assert isinstance(keep, minhu.Decision)


def test_a_batch_decision_opens_a_case(demo):
    ps = [p for p in demo_petitions()][:20]
    t = minhu.Tracker(minhu.Engine(REPO / "rulesets" / "demo-city.json"))
    routed = [d for d in t.engine.dispatch_many(ps) if d.lead]
    assert routed
    events = t.open(routed[0].id, routed[0], 1_772_413_200_000)
    assert events[0].kind == "opened"
    info = t.get(routed[0].id)
    assert info.lead == routed[0].lead and info.category == routed[0].category
    assert info.assisting == [u.id for u in routed[0].assisting]
    with pytest.raises(TypeError):
        t.open("x", routed[0].to_dict(), 1_772_413_200_000)
    assert not t._t.contains("x")


def test_frame(demo):
    pd = pytest.importorskip("pandas")
    ps = demo_petitions()[:50]
    df = demo.dispatch_many(ps, frame=True)
    assert isinstance(df, pd.DataFrame)
    assert len(df) == 50
    assert list(df["id"]) == [p["id"] for p in ps]
    assert {"decided_by", "category", "lead", "confidence"} <= set(df.columns)


def test_batch_is_one_snapshot_and_survives_reload(tmp_path):
    path = tmp_path / "basic.json"
    path.write_text((FIXTURES / "basic.json").read_text(encoding="utf-8"), encoding="utf-8")
    engine = minhu.Engine(path)
    ps = [c["petition"] for c in cases("basic")] * 200
    stop = threading.Event()

    def reloader():
        while not stop.is_set():
            engine.reload()

    t = threading.Thread(target=reloader)
    t.start()
    try:
        for _ in range(5):
            assert engine.classify_many(ps, threads=2).to_dicts() == \
                engine.classify_many(ps, threads=1).to_dicts()
    finally:
        stop.set()
        t.join()


def _ticks_during(engine, ps):
    """Runs one single-threaded batch while a Python thread ticks every millisecond; returns
    the batch's start and end and the ticks taken while it ran."""
    ticks = []
    running = threading.Event()
    stop = threading.Event()

    def ticker():
        running.set()
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    running.wait()
    t0 = time.perf_counter()
    got = engine.classify_many(ps, threads=1)
    t1 = time.perf_counter()
    stop.set()
    t.join()
    assert len(got) == len(ps)
    return t0, t1, [x for x in ticks if t0 <= x <= t1]


def test_gil_is_released_during_a_batch(demo):
    # Long texts so that the C++ part dominates. The batch is sized from one timed run so that
    # it lasts about 0.4 s on any machine: the test checks that Python threads progress while
    # it runs, not how fast it is.
    base = demo_petitions()
    ps = [minhu.Petition(id=str(i), text=base[i % len(base)]["text"] * 40)
          for i in range(2000)]
    t = time.perf_counter()
    demo.classify_many(ps, threads=1)
    once = time.perf_counter() - t
    ps = ps * max(1, min(64, math.ceil(0.4 / max(once, 1e-6))))
    t0, t1, during = _ticks_during(demo, ps)
    # With the GIL held the ticker would stall for the whole batch.
    gaps = [b - a for a, b in zip([t0] + during, during + [t1])]
    assert len(during) > 20, (len(ps), len(during), t1 - t0)
    assert max(gaps) < 0.5 * (t1 - t0), (max(gaps), t1 - t0)
