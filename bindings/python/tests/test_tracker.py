"""minhu.Tracker: the shared case scenario (rulesets/fixtures/sla.scenario.json, the same steps
and outcomes as tests/api_test.cpp and the Java and Node tests), journal recovery, errors,
threads and tables."""
from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

import minhu
from conftest import FIXTURES

SCENARIO = json.loads((FIXTURES / "sla.scenario.json").read_text(encoding="utf-8"))
RULESET = str(FIXTURES / SCENARIO["ruleset"])
T0 = SCENARIO["steps"][0]["at"]  # 2026-03-02 09:00 +08:00


def check_fields(expect: dict, actual: dict, where: str) -> None:
    for k, v in expect.items():
        assert k in actual, f"{where}: no field {k}"
        if isinstance(v, float):
            assert actual[k] == pytest.approx(v, abs=1e-9), f"{where}: {k}"
        else:
            assert actual[k] == v, f"{where}: {k}"


def filter_kwargs(f: dict) -> dict:
    out = {k: f[k] for k in ("scope_unit", "unit", "street", "category") if k in f}
    if "from" in f or "to" in f:
        out["since"], out["until"] = f.get("from", 0), f.get("to", 0)
    return out


def replay(engine: minhu.Engine, t: minhu.Tracker) -> None:
    for n, s in enumerate(SCENARIO["steps"]):
        op, at, case = s["op"], s.get("at", 0), s.get("case", "")
        where = f"step {n} ({op})"
        events = None
        try:
            if op == "dispatch_open":
                d = engine.dispatch(s["petition"])
                check_fields(s.get("expect", {}), d.to_dict(), where)
                events = t.open(d.id, d, at)
            elif op == "rate":
                events = t.rate(case, s["stars"], at)
            elif op in ("return_case", "reassign"):
                events = getattr(t, op)(case, s["unit"], at)
            elif op == "escalate":
                events = t.escalate(case, at, s.get("unit", ""))
            elif op == "merge":
                events = t.merge(case, s["primary"], at)
            elif op == "advance":
                events = t.advance(at)
            elif op == "get":
                check_fields(s["expect"], t.get(case).to_dict(), where)
            elif op == "load":
                assert engine.load_of(s["unit"]) == s["expect"], where
            elif op == "measure":
                check_fields(s["expect"], t.measure(**filter_kwargs(s["filter"])).to_dict(), where)
            elif op == "cases":
                assert [c.id for c in t.cases(**filter_kwargs(s["filter"]))] == s["expect"], where
            else:
                events = getattr(t, op)(case, at)
        except minhu.Error as e:
            assert "error" in s, f"{where}: unexpected {e.code}: {e}"
            assert e.code == s["error"], f"{where}: {e}"
            continue
        assert "error" not in s, f"{where}: expected {s['error']}"
        if "events" in s:
            assert [e.kind for e in events] == s["events"], where


def test_the_shared_scenario():
    engine = minhu.Engine(RULESET)
    t = minhu.Tracker(engine)
    replay(engine, t)
    assert len(t) == 3 and "c1" in t and "zz" not in t
    assert t.last_seq > 20


def test_a_journaled_tracker_recovers_every_case(tmp_path):
    path = tmp_path / "cases.db"
    engine = minhu.Engine(RULESET)
    t = minhu.Tracker(engine, path, durability="normal")
    replay(engine, t)
    before = [c.to_dict() for c in t.cases()]
    seq, timers = t.last_seq, t.timers
    del t
    engine = minhu.Engine(RULESET)
    again = minhu.Tracker(engine, path)
    assert [c.to_dict() for c in again.cases()] == before
    assert (again.last_seq, again.timers) == (seq, timers)
    assert engine.load_of("street-b") == 1  # the open case's lead: loads are rebuilt too
    events = again.acknowledge("c2", SCENARIO["steps"][-1].get("at", T0) + 10**9)
    assert events[0].kind == "acknowledged" and events[0].seq == seq + 1


def test_a_corrupt_journal_is_refused(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"SQLite format 3" + b"\x5a" * 4000)
    with pytest.raises(minhu.RulesetError) as e:
        minhu.Tracker(minhu.Engine(RULESET), path)
    assert e.value.code == "io"
    with pytest.raises(minhu.Error) as e:
        minhu.Tracker(minhu.Engine(RULESET), durability="sometimes")
    assert e.value.code == "invalid_argument" and "sometimes" in str(e.value)


def test_errors_name_the_problem_and_change_nothing():
    t = minhu.Tracker(minhu.Engine(RULESET))
    t.submit({"id": "a", "text": "噪音", "area": "comm-a"}, T0)
    seq = t.last_seq
    with pytest.raises(minhu.CaseError) as e:
        t.acknowledge("nope", T0)
    assert e.value.code == "unknown_case" and "nope" in str(e.value)
    with pytest.raises(minhu.CaseError) as e:
        t.reply("a", T0)
    assert e.value.code == "invalid_state"
    with pytest.raises(minhu.Error) as e:
        t.rate("a", 0, T0)
    assert e.value.code == "invalid_argument"
    with pytest.raises(minhu.Error) as e:
        t.return_case("a", "no-such-unit", T0)
    assert e.value.code == "invalid_argument"
    with pytest.raises(minhu.Error) as e:
        t.open("b", t.engine.classify("噪音"), T0)  # a classification has no lead
    assert e.value.code == "invalid_argument"
    with pytest.raises(ValueError):
        t.advance(dt.datetime(2026, 3, 2, 9))  # naive datetime
    assert t.last_seq == seq and t.get("a").state == "assigned"


def test_datetimes_and_ms_are_the_same_instant():
    t = minhu.Tracker(minhu.Engine(RULESET))
    cst = dt.timezone(dt.timedelta(hours=8))
    t.submit({"id": "a", "text": "噪音", "area": "comm-a"}, dt.datetime(2026, 3, 2, 9, tzinfo=cst))
    assert t.get("a").received_at == T0
    assert t.get("a").resolve_due == T0 + (3 * 24 + 9) * 3_600_000  # Thu 18:00 (Wed holiday)
    events = t.advance(dt.datetime(2026, 3, 2, 10, tzinfo=cst))
    assert [e.kind for e in events] == ["colour_changed"] and events[0].value == 1


def test_metrics_by_scope_and_frames():
    pd = pytest.importorskip("pandas")
    engine = minhu.Engine(RULESET)
    t = minhu.Tracker(engine)
    for i, area in enumerate(["comm-a", "comm-a", "comm-b"]):
        t.submit({"id": f"c{i}", "text": "噪音", "area": area}, T0 + i)
    t.acknowledge("c0", T0 + 60_000)
    t.start("c0", T0 + 120_000)
    t.reply("c0", T0 + 180_000)
    by = t.measure_by("scope_unit", ["street-a", "street-b", "ccc"])
    assert {k: m.volume for k, m in by.items()} == {"street-a": 2, "street-b": 1, "ccc": 3}
    assert by["street-a"].completion_rate == pytest.approx(0.5)
    assert by["street-a"].timeliness_rate == pytest.approx(1.0)
    frame = t.cases_frame(scope_unit="street-a")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["id"]) == ["c0", "c1"] and list(frame["state"]) == ["replied", "assigned"]
    assert t.measure(since=T0 + 1, until=T0 + 3).volume == 2
    with pytest.raises(ValueError):
        t.measure(since=T0)


def test_threads_share_one_journaled_tracker(tmp_path):
    engine = minhu.Engine(RULESET)
    t = minhu.Tracker(engine, tmp_path / "threads.db", durability="full")  # fsync per command
    errors = []

    def work(k: int) -> None:
        try:
            for i in range(25):
                cid = f"t{k}-{i}"
                t.submit({"id": cid, "text": "噪音" if i % 2 else "独居老人",
                          "area": "comm-a" if k % 2 else "comm-b"}, T0 + i)
                t.acknowledge(cid, T0 + i + 1)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    workers = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert len(t) == 100 and t.measure().acknowledged == 100
    assert sum(engine.load_of(u) for u in ("ccc", "dept-env", "street-a", "street-b",
                                           "comm-a-office", "comm-b-office")) == 100
    again = minhu.Tracker(minhu.Engine(RULESET), tmp_path / "threads.db")
    assert len(again) == 100 and again.last_seq == t.last_seq
