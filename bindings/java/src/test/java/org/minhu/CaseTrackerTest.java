package org.minhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.minhu.CaseTracker.Durability;

/**
 * The case tracker as tests/api_test.cpp asserts it: the shared scenario
 * rulesets/fixtures/sla.scenario.json step by step, journal recovery, a corrupt journal, error
 * codes, and one tracker shared by many threads.
 */
class CaseTrackerTest {
  static final long T0 = 1772413200000L;  // 2026-03-02 09:00 +08:00, a Monday

  static JSONObject scenario() throws IOException {
    return new JSONObject(Fixtures.read(Fixtures.dir().resolve("sla.scenario.json")));
  }

  // ---- the shared scenario, as replay() in tests/api_test.cpp ------------------------------

  static JSONObject toJson(CaseInfo c) {
    return new JSONObject()
        .put("id", c.getId())
        .put("category", c.getCategory())
        .put("urgency", c.getUrgency())
        .put("area", c.getArea())
        .put("lead", c.getLead())
        .put("lead_name", c.getLeadName())
        .put("assisting", new JSONArray(c.getAssisting()))
        .put("returned_by", new JSONArray(c.getReturnedBy()))
        .put("state", c.getState())
        .put("colour", c.getColour())
        .put("open", c.isOpen())
        .put("paused", c.isPaused())
        .put("supervised", c.isSupervised())
        .put("supervisor", c.getSupervisor())
        .put("escalation_level", c.getEscalationLevel())
        .put("rating", c.getRating())
        .put("reopened", c.getReopened())
        .put("merged_into", c.getMergedInto())
        .put("duplicates", new JSONArray(c.getDuplicates()))
        .put("received_at", c.getReceivedAt())
        .put("assigned_at", c.getAssignedAt())
        .put("acknowledged_at", c.getAcknowledgedAt())
        .put("started_at", c.getStartedAt())
        .put("replied_at", c.getRepliedAt())
        .put("rated_at", c.getRatedAt())
        .put("closed_at", c.getClosedAt())
        .put("acknowledge_due", c.getAcknowledgeDue())
        .put("respond_due", c.getRespondDue())
        .put("resolve_due", c.getResolveDue())
        .put("breached", new JSONArray(c.getBreached()));
  }

  static JSONObject toJson(Metrics m) {
    return new JSONObject()
        .put("volume", m.getVolume())
        .put("resolved", m.getResolved())
        .put("resolved_on_time", m.getResolvedOnTime())
        .put("acknowledged", m.getAcknowledged())
        .put("acknowledged_on_time", m.getAcknowledgedOnTime())
        .put("rated", m.getRated())
        .put("satisfied", m.getSatisfied())
        .put("closed", m.getClosed())
        .put("open", m.getOpen())
        .put("blue", m.getBlue())
        .put("yellow", m.getYellow())
        .put("red", m.getRed())
        .put("completion_rate", m.getCompletionRate())
        .put("timeliness_rate", m.getTimelinessRate())
        .put("satisfaction_rate", m.getSatisfactionRate())
        .put("response_rate", m.getResponseRate());
  }

  static JSONObject toJson(Decision d) {
    return new JSONObject()
        .put("category", d.getCategory())
        .put("urgency", d.getUrgency())
        .put("lead", d.getLead())
        .put("area", d.getArea());
  }

  static MetricsFilter toFilter(JSONObject f) {
    return MetricsFilter.ALL
        .scopeUnit(f.optString("scope_unit", ""))
        .unit(f.optString("unit", ""))
        .street(f.optString("street", ""))
        .category(f.optString("category", ""))
        .received(f.optLong("from", 0), f.optLong("to", 0));
  }

  /** Every field of {@code expect} equals the same field of {@code actual} (numbers to 1e-9). */
  static void expectFields(JSONObject expect, JSONObject actual, String where) {
    for (String k : expect.keySet()) {
      assertTrue(actual.has(k), where + ": no field " + k);
      final Object v = expect.get(k);
      final Object a = actual.get(k);
      if (v instanceof BigDecimal || v instanceof Double || v instanceof Float) {
        assertEquals(((Number) v).doubleValue(), ((Number) a).doubleValue(), 1e-9,
            where + ": " + k);
      } else if (v instanceof Number) {
        assertTrue(a instanceof Number, where + ": " + k + " = " + a);
        assertEquals(((Number) v).longValue(), ((Number) a).longValue(), where + ": " + k);
      } else if (v instanceof JSONArray) {
        assertEquals(((JSONArray) v).toList(), ((JSONArray) a).toList(), where + ": " + k);
      } else {
        assertEquals(v, a, where + ": " + k);
      }
    }
  }

  static List<String> kinds(List<CaseEvent> events) {
    final List<String> out = new ArrayList<String>();
    for (CaseEvent e : events) out.add(e.getKind());
    return out;
  }

  /** Replays the shared scenario against an engine and a tracker; returns the steps run. */
  static int replay(JSONObject scenario, Engine engine, CaseTracker t) {
    final JSONArray steps = scenario.getJSONArray("steps");
    for (int n = 0; n < steps.length(); ++n) {
      final JSONObject s = steps.getJSONObject(n);
      final String op = s.getString("op");
      final String where = "step " + n + " (" + op + ")";
      final long at = s.optLong("at", 0);
      final String id = s.optString("case", "");
      List<CaseEvent> events = null;
      try {
        switch (op) {
          case "dispatch_open": {
            final Decision d =
                engine.dispatch(Petition.fromJson(s.getJSONObject("petition").toString()));
            if (s.has("expect")) expectFields(s.getJSONObject("expect"), toJson(d), where);
            events = t.open(d.getId(), d, at);
            break;
          }
          case "acknowledge":
            events = t.acknowledge(id, at);
            break;
          case "start":
            events = t.start(id, at);
            break;
          case "reply":
            events = t.reply(id, at);
            break;
          case "rate":
            events = t.rate(id, s.getInt("stars"), at);
            break;
          case "close":
            events = t.closeCase(id, at);
            break;
          case "return_case":
            events = t.returnCase(id, s.getString("unit"), at);
            break;
          case "reassign":
            events = t.reassign(id, s.getString("unit"), at);
            break;
          case "escalate":
            events = t.escalate(id, at, s.optString("unit", ""));
            break;
          case "supervise":
            events = t.supervise(id, at);
            break;
          case "pause":
            events = t.pause(id, at);
            break;
          case "resume":
            events = t.resume(id, at);
            break;
          case "merge":
            events = t.merge(id, s.getString("primary"), at);
            break;
          case "advance":
            events = t.advance(at);
            break;
          case "get":
            expectFields(s.getJSONObject("expect"), toJson(t.get(id)), where);
            break;
          case "load":
            assertEquals(s.getLong("expect"), engine.loadOf(s.getString("unit")), where);
            break;
          case "measure":
            expectFields(s.getJSONObject("expect"),
                toJson(t.measure(toFilter(s.getJSONObject("filter")))), where);
            break;
          case "cases": {
            final List<String> ids = new ArrayList<String>();
            for (CaseInfo c : t.cases(toFilter(s.getJSONObject("filter")))) ids.add(c.getId());
            assertEquals(Fixtures.strings(s.getJSONArray("expect")), ids, where);
            break;
          }
          default:
            fail(where + ": unknown op");
        }
        assertFalse(s.has("error"), where + ": expected " + s.opt("error"));
      } catch (MinhuException e) {
        assertTrue(s.has("error"), where + ": unexpected " + e);
        assertEquals(s.getString("error"), e.getCode(), where + ": " + e.getMessage());
        continue;
      }
      if (s.has("events")) {
        assertEquals(Fixtures.strings(s.getJSONArray("events")), kinds(events), where);
      }
    }
    return steps.length();
  }

  @Test
  void theSharedScenario() throws IOException {
    final JSONObject scenario = scenario();
    try (Engine engine = Engine.load(Fixtures.dir().resolve(scenario.getString("ruleset"))
             .toString());
         CaseTracker t = new CaseTracker(engine)) {
      assertEquals(42, replay(scenario, engine, t));
      assertEquals(3, t.size());
      assertTrue(t.lastSeq() > 20, "lastSeq " + t.lastSeq());
      assertEquals(1772596800000L, t.now());  // the last advance
      // the value classes, read directly
      final CaseInfo c1 = t.get("c1");
      assertEquals("closed", c1.getState());
      assertEquals("幸福里居委会", c1.getLeadName());
      assertEquals(Arrays.asList("d"), c1.getDuplicates());
      assertThrows(UnsupportedOperationException.class, () -> c1.getDuplicates().add("x"));
      assertTrue(c1.toString().contains("id=c1"), c1.toString());
      final Metrics m = t.measure();
      assertEquals(3, m.getVolume());
      assertEquals(2.0 / 3.0, m.getCompletionRate(), 1e-12);
      assertEquals(m, t.measure(new MetricsFilter()));
      assertTrue(m.toString().contains("volume=3"), m.toString());
    }
  }

  @Test
  void eventsCarryTheirFields() throws IOException {
    try (Engine engine = Engine.load(Fixtures.ruleset("sla"));
         CaseTracker t = new CaseTracker(engine)) {
      final Decision d = engine.dispatch(new Petition("e1").text("噪音").area("comm-a"));
      final List<CaseEvent> opened = t.open("e1", d, T0);
      assertEquals(1, opened.size());
      final CaseEvent e = opened.get(0);
      assertEquals(1, e.getSeq());
      assertEquals(T0, e.getAt());
      assertEquals("opened", e.getKind());
      assertEquals("e1", e.getCaseId());
      assertEquals("comm-a-office", e.getUnit());
      assertEquals("env.noise", e.getCategory());
      assertEquals("comm-a", e.getArea());
      assertEquals(0, e.getValue());  // normal urgency
      assertThrows(UnsupportedOperationException.class, () -> opened.clear());
      final List<CaseEvent> rated = new ArrayList<CaseEvent>();
      t.acknowledge("e1", T0 + 60_000);
      t.start("e1", T0 + 120_000);
      t.reply("e1", T0 + 180_000);
      rated.addAll(t.rate("e1", 4, T0 + 240_000));
      assertEquals("rated", rated.get(0).getKind());
      assertEquals(4, rated.get(0).getValue());
      assertEquals(5, rated.get(0).getSeq());
      assertTrue(rated.get(0).toString().startsWith("#5 rated e1"), rated.get(0).toString());
      assertEquals(Arrays.asList("closed"), kinds(t.closeCase("e1", T0 + 300_000)));
      assertFalse(t.get("e1").isOpen());
      assertEquals(0, engine.loadOf("comm-a-office"));
    }
  }

  // ---- the journal -------------------------------------------------------------------------

  @Test
  void aJournaledTrackerRecoversEveryCase(@TempDir Path dir) throws IOException {
    final JSONObject scenario = scenario();
    final String path = dir.resolve("案件.db").toString();
    final List<CaseInfo> before;
    final long seq;
    final long timers;
    try (Engine engine = Engine.load(Fixtures.ruleset("sla"));
         CaseTracker t = CaseTracker.withJournal(engine, path, Durability.NORMAL)) {
      replay(scenario, engine, t);
      before = t.cases();
      seq = t.lastSeq();
      timers = t.timers();
    }
    assertEquals(3, before.size());
    try (Engine engine = Engine.load(Fixtures.ruleset("sla"));
         CaseTracker again = CaseTracker.withJournal(engine, path)) {
      final List<CaseInfo> after = again.cases();
      for (int i = 0; i < before.size(); ++i) {
        assertEquals(toJson(before.get(i)).toMap(), toJson(after.get(i)).toMap());
      }
      assertEquals(before, after);  // CaseInfo.equals: every field
      assertEquals(seq, again.lastSeq());
      assertEquals(timers, again.timers());
      assertEquals(1, engine.loadOf("street-b"));  // c2's lead: open-case loads are rebuilt
      // It goes on journaling where it stopped.
      final JSONArray steps = scenario.getJSONArray("steps");
      final long last = steps.getJSONObject(steps.length() - 1).optLong("at", 0);
      final List<CaseEvent> es = again.acknowledge("c2", last + 1_000_000_000L);
      assertFalse(es.isEmpty());
      assertEquals("acknowledged", es.get(0).getKind());
      assertEquals(seq + 1, es.get(0).getSeq());
    }
  }

  @Test
  void aCorruptJournalIsRefused(@TempDir Path dir) throws IOException {
    final Path path = dir.resolve("corrupt.db");
    final byte[] bytes = new byte[15 + 4000];
    System.arraycopy("SQLite format 3".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 15);
    Arrays.fill(bytes, 15, bytes.length, (byte) 0x5a);
    Files.write(path, bytes);
    try (Engine engine = Engine.load(Fixtures.ruleset("sla"))) {
      final MinhuException e = assertThrows(MinhuException.class,
          () -> CaseTracker.withJournal(engine, path.toString()));
      assertEquals("io", e.getCode(), e.getMessage());
      assertFalse(e.getMessage().isEmpty());
      // and a journal that cannot even be created
      assertEquals("io", assertThrows(MinhuException.class, () -> CaseTracker.withJournal(engine,
          dir.resolve("no/such/dir/cases.db").toString())).getCode());
    }
  }

  // ---- errors ------------------------------------------------------------------------------

  @Test
  void failuresMapToCodesAndChangeNothing() {
    try (Engine engine = Engine.load(Fixtures.ruleset("sla"));
         CaseTracker t = new CaseTracker(engine)) {
      final Decision d = t.submit(new Petition("s1").text("噪音扰民").area("comm-a"), T0);
      assertEquals("comm-a-office", d.getLead());
      assertEquals("s1", d.getId());
      assertEquals("assigned", t.get("s1").getState());
      final long seq = t.lastSeq();

      MinhuException e = assertThrows(MinhuException.class, () -> t.get("nope"));
      assertEquals("unknown_case", e.getCode());
      assertTrue(e.getMessage().contains("nope"), e.getMessage());
      assertEquals("unknown_case",
          assertThrows(MinhuException.class, () -> t.acknowledge("nope", T0)).getCode());
      assertEquals("unknown_case",
          assertThrows(MinhuException.class, () -> t.merge("s1", "nope", T0)).getCode());
      // invalid state: not replied yet, so neither rated nor closed; not opened twice
      assertEquals("invalid_state",
          assertThrows(MinhuException.class, () -> t.rate("s1", 5, T0 + 1)).getCode());
      assertEquals("invalid_state",
          assertThrows(MinhuException.class, () -> t.closeCase("s1", T0 + 1)).getCode());
      assertEquals("invalid_state",
          assertThrows(MinhuException.class, () -> t.resume("s1", T0 + 1)).getCode());
      assertEquals("invalid_state",
          assertThrows(MinhuException.class, () -> t.open("s1", d, T0 + 1)).getCode());
      // bad stars
      for (int stars : new int[] {0, 6, -1}) {
        e = assertThrows(MinhuException.class, () -> t.rate("s1", stars, T0 + 1));
        assertEquals("invalid_argument", e.getCode());
      }
      // unknown units
      assertEquals("invalid_argument",
          assertThrows(MinhuException.class, () -> t.returnCase("s1", "nobody", T0)).getCode());
      assertEquals("invalid_argument",
          assertThrows(MinhuException.class, () -> t.reassign("s1", "nobody", T0)).getCode());
      e = assertThrows(MinhuException.class, () -> t.escalate("s1", T0, "nobody"));
      assertEquals("invalid_argument", e.getCode());
      assertTrue(e.getMessage().contains("nobody"), e.getMessage());
      // a decision without a lead (classify, not dispatch)
      final Decision classified = engine.classify(new Petition("s2").text("噪音").area("comm-a"));
      assertEquals("invalid_argument",
          assertThrows(MinhuException.class, () -> t.open("s2", classified, T0)).getCode());
      assertFalse(t.contains("s2"));
      // nothing changed
      assertEquals(seq, t.lastSeq());
      assertEquals(1, t.size());
      assertEquals("assigned", t.get("s1").getState());
      assertEquals(1, engine.loadOf("comm-a-office"));
    }
  }

  @Test
  void javaSideMisuseIsJavaExceptions() {
    final Engine engine = Engine.load(Fixtures.ruleset("sla"));
    final CaseTracker t = new CaseTracker(engine);
    assertThrows(NullPointerException.class, () -> new CaseTracker(null));
    assertThrows(NullPointerException.class, () -> t.acknowledge(null, T0));
    assertThrows(NullPointerException.class, () -> t.open("x", null, T0));
    assertThrows(NullPointerException.class, () -> t.measure(null));
    assertThrows(NullPointerException.class,
        () -> CaseTracker.withJournal(engine, "x.db", null));
    assertThrows(IllegalArgumentException.class, () -> CaseTracker.withJournal(engine, ""));
    // The tracker shares the engine's core: it outlives a closed Engine ...
    engine.close();
    t.submit(new Petition("after").text("噪音").area("comm-a"), T0);
    assertEquals("comm-a-office", t.get("after").getLead());
    // ... but no new tracker comes from a closed one.
    assertThrows(IllegalStateException.class, () -> new CaseTracker(engine));
    t.close();
    t.close();  // idempotent
    assertThrows(IllegalStateException.class, () -> t.get("after"));
    assertThrows(IllegalStateException.class, t::size);
    assertThrows(IllegalStateException.class, () -> t.advance(T0));
  }

  @Test
  void caseIdsAndNamesStayUtf8() {
    try (Engine engine = Engine.load(Fixtures.ruleset("sla"));
         CaseTracker t = new CaseTracker(engine)) {
      final String id = "工单-𠮷-😀";
      t.submit(new Petition(id).text("燃气泄漏").area("comm-b"), T0);
      final CaseInfo c = t.get(id);
      assertEquals(id, c.getId());
      assertEquals("青石居委会", c.getLeadName());
      assertEquals("urgent", c.getUrgency());
      assertEquals(id, t.acknowledge(id, T0 + 1).get(0).getCaseId());
      final MinhuException e = assertThrows(MinhuException.class, () -> t.get("𠮷"));
      assertTrue(e.getMessage().contains("\"𠮷\""), e.getMessage());
    }
  }

  @Test
  void metricsFiltersAreImmutableValues() {
    final MetricsFilter street = MetricsFilter.ALL.scopeUnit("street-a");
    assertEquals("", MetricsFilter.ALL.getScopeUnit());
    assertEquals("street-a", street.getScopeUnit());
    assertNotEquals(MetricsFilter.ALL, street);
    assertEquals(street, new MetricsFilter().scopeUnit("street-a"));
    assertEquals("MetricsFilter{all}", MetricsFilter.ALL.toString());
    assertEquals("MetricsFilter{scopeUnit=street-a, category=env, received=[1, 2)}",
        street.category("env").received(1, 2).toString());
    assertEquals("", street.scopeUnit(null).getScopeUnit());
  }

  // ---- threads -----------------------------------------------------------------------------

  @Test
  @Timeout(120)
  void eightThreadsShareOneTrackerWhileAnotherAdvances() throws Exception {
    try (Engine engine = Engine.load(Fixtures.ruleset("sla"));
         CaseTracker t = new CaseTracker(engine)) {
      final int threads = 8;
      final int perThread = 200;
      final ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
      final CountDownLatch start = new CountDownLatch(1);
      final AtomicBoolean submitting = new AtomicBoolean(true);
      final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<String>();
      final AtomicLong advances = new AtomicLong();
      final List<Future<?>> futures = new ArrayList<Future<?>>();
      for (int k = 0; k < threads; ++k) {
        final int id = k;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; ++i) {
            final Petition p = new Petition("t" + id + "-" + i)
                .text(i % 2 == 1 ? "噪音" : "独居老人")
                .area(id % 2 == 1 ? "comm-a" : "comm-b");
            try {
              final Decision d = t.submit(p, T0 + i);
              if (d.getLead().isEmpty()) errors.add(p.getId() + ": no lead");
              final List<CaseEvent> es = t.acknowledge(p.getId(), T0 + i + 1);
              if (!es.get(0).getKind().equals("acknowledged")) errors.add(p.getId() + ": " + es);
              if (i % 10 == 0) t.measure(MetricsFilter.ALL.scopeUnit("street-a"));
            } catch (RuntimeException e) {
              errors.add(p.getId() + ": " + e);
            }
          }
          return null;
        }));
      }
      final Future<?> advancer = pool.submit(() -> {
        start.await();
        long k = 0;
        while (submitting.get()) {
          try {
            t.advance(T0 + Math.min(k++, 2000) * 60_000L);
            advances.incrementAndGet();
          } catch (RuntimeException e) {
            errors.add("advance: " + e);
          }
          Thread.yield();
        }
        return null;
      });
      start.countDown();
      for (Future<?> f : futures) f.get(100, TimeUnit.SECONDS);
      submitting.set(false);
      advancer.get(10, TimeUnit.SECONDS);
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

      assertTrue(errors.isEmpty(), errors.size() + " errors, e.g. " + errors.peek());
      assertTrue(advances.get() > 0);
      final long total = (long) threads * perThread;
      assertEquals(total, t.size());
      final Metrics m = t.measure();
      assertEquals(total, m.getVolume());
      assertEquals(total, m.getAcknowledged());
      assertEquals(total, m.getOpen());
      assertEquals(m.getOpen(), m.getBlue() + m.getYellow() + m.getRed());
      assertEquals(total, t.cases().size());
      // every open case counted once as load of its lead
      final JSONArray units =
          new JSONObject(Fixtures.read(Fixtures.dir().resolve("sla.json"))).getJSONArray("units");
      long loads = 0;
      for (int i = 0; i < units.length(); ++i) {
        loads += engine.loadOf(units.getJSONObject(i).getString("id"));
      }
      assertEquals(total, loads);
      // scoped views partition the cases of the two streets
      assertEquals(total, t.measure(MetricsFilter.ALL.street("st-a")).getVolume()
          + t.measure(MetricsFilter.ALL.street("st-b")).getVolume());
    }
  }
}
