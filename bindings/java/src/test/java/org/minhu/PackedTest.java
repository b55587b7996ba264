package org.minhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minhu.internal.ApiDecision;
import org.minhu.internal.ApiDispatcher;
import org.minhu.internal.ApiPetition;
import org.minhu.internal.StringVector;

/**
 * Engine's classify, dispatch and batches go through one packed char[] each way (Packed,
 * minhu_java.i packed_call). Their decisions must be those the field-by-field proxy path
 * (Convert) reads from the same facade calls: every field, span index and list element.
 */
class PackedTest {
  static final String JI = Utf8Test.JI;

  /** The proxy path, as Engine went before packing: the oracle. */
  static final class Proxies implements AutoCloseable {
    final ApiDispatcher d;

    Proxies(String path) {
      d = ApiDispatcher.load(path);
    }

    Decision classify(Petition p) {
      final ApiPetition n = Convert.toNative(p);
      try {
        return read(d.classify(n), p);
      } finally {
        n.delete();
      }
    }

    Decision dispatch(Petition p, List<String> exclude) {
      final ApiPetition n = Convert.toNative(p);
      final StringVector ex = Convert.toNative(exclude);
      try {
        return read(d.dispatch(n, ex), p);
      } finally {
        ex.delete();
        n.delete();
      }
    }

    static Decision read(ApiDecision d, Petition p) {
      try {
        return Convert.fromNative(d, p);
      } finally {
        d.delete();
      }
    }

    @Override
    public void close() {
      d.delete();
    }
  }

  static void assertSameDecision(Decision e, Decision a, String where) {
    assertEquals(e.getId(), a.getId(), where);
    assertEquals(e.getDecidedBy(), a.getDecidedBy(), where);
    assertEquals(e.getCategory(), a.getCategory(), where);
    assertEquals(e.getCategoryName(), a.getCategoryName(), where);
    assertEquals(e.getCategoryPath(), a.getCategoryPath(), where);
    assertEquals(e.getUrgency(), a.getUrgency(), where);
    assertEquals(Double.doubleToLongBits(e.getConfidence()),
        Double.doubleToLongBits(a.getConfidence()), where);
    assertEquals(e.getRules(), a.getRules(), where);
    assertEquals(e.getTags(), a.getTags(), where);
    assertEquals(e.getSpans().size(), a.getSpans().size(), where);
    for (int i = 0; i < e.getSpans().size(); ++i) {
      final Span x = e.getSpans().get(i);
      final Span y = a.getSpans().get(i);
      final String w = where + " span " + i;
      assertEquals(x.getField(), y.getField(), w);
      assertEquals(x.getBegin(), y.getBegin(), w);
      assertEquals(x.getEnd(), y.getEnd(), w);
      assertEquals(x.getCharBegin(), y.getCharBegin(), w);
      assertEquals(x.getCharEnd(), y.getCharEnd(), w);
      assertEquals(x.getText(), y.getText(), w);
      assertEquals(x.getKeyword(), y.getKeyword(), w);
      assertEquals(x.getRegex(), y.getRegex(), w);
      assertEquals(x.getRule(), y.getRule(), w);
    }
    assertEquals(e.getFlags(), a.getFlags(), where);
    assertEquals(e.getArea(), a.getArea(), where);
    assertEquals(e.getAreaName(), a.getAreaName(), where);
    assertEquals(e.getLocationMethod(), a.getLocationMethod(), where);
    assertEquals(e.getAreaCandidates(), a.getAreaCandidates(), where);
    assertEquals(e.getLead(), a.getLead(), where);
    assertEquals(e.getLeadName(), a.getLeadName(), where);
    assertEquals(e.getTier(), a.getTier(), where);
    assertEquals(e.getAssisting(), a.getAssisting(), where);
    assertEquals(e.getExplanation(), a.getExplanation(), where);
    assertImmutable(a, where);
  }

  static void assertImmutable(Decision d, String where) {
    // Empty spans and units refuse clear() too, as Convert's did.
    assertThrows(UnsupportedOperationException.class, d.getSpans()::clear, where);
    assertThrows(UnsupportedOperationException.class, d.getAssisting()::clear, where);
    for (List<?> l : Arrays.<List<?>>asList(d.getCategoryPath(), d.getRules(), d.getTags(),
             d.getSpans(), d.getFlags(), d.getAreaCandidates(), d.getAssisting(),
             d.getExplanation())) {
      assertThrows(UnsupportedOperationException.class, () -> l.add(null), where);
      if (!l.isEmpty()) assertThrows(UnsupportedOperationException.class, l::clear, where);
    }
  }

  /** Petitions that stress the conversions: non-BMP, unpaired surrogates, attributes. */
  static List<Petition> awkward() {
    return Arrays.asList(
        new Petition("u1").title("井盖" + JI).text(JI + "\uD800井盖丢失\uDC00了，还有噪音"),
        new Petition("u2-\uD800").text("\uDC00\uD800" + JI + "工地夜间施工噪音😀"),
        new Petition("").title("😀😀夜间施工").text(""),
        new Petition("s").channel("sensor").attribute("age", 78).attribute("days_inactive", 3)
            .attribute("ok", true).attribute("none", (Object) null).attribute("s", JI + "x")
            .attribute("\uD800名", "\uDC00").receivedAt(-1234567890123L).point(39.9, 116.4)
            .area("grid-" + JI).address("地址\uD800").category("cat-" + JI),
        new Petition("t").text("谢谢").attribute("n", Double.NaN).attribute("m", -0.0)
            .attribute("big", 1e300));
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "priority", "collect"})
  void classifyAndClassifyBatchEqualTheProxyPathOnTheFixtures(String name) throws Exception {
    try (Engine engine = Engine.load(Fixtures.ruleset(name));
        Proxies oracle = new Proxies(Fixtures.ruleset(name))) {
      final List<Petition> ps = new ArrayList<Petition>();
      final List<JSONObject> expect = new ArrayList<JSONObject>();
      for (JSONObject c : Fixtures.cases(name)) {
        ps.add(Fixtures.petition(c.getJSONObject("petition")));
        expect.add(c);
      }
      ps.addAll(awkward());
      final List<Decision> batch = engine.classifyBatch(ps);
      assertEquals(ps.size(), batch.size());
      assertThrows(UnsupportedOperationException.class, () -> batch.remove(0));
      for (int i = 0; i < ps.size(); ++i) {
        final String where = name + " #" + i;
        final Decision e = oracle.classify(ps.get(i));
        assertSameDecision(e, engine.classify(ps.get(i)), where + " single");
        assertSameDecision(e, batch.get(i), where + " batch");
        if (i < expect.size()) {  // and the fixture's expectations, from the batch
          ClassifierTest.expectMatches(where, ps.get(i), batch.get(i),
              expect.get(i).getJSONObject("expect"));
        }
      }
    }
  }

  @Test
  void dispatchAndDispatchBatchEqualTheProxyPathOnTheRoutingFixture() throws Exception {
    final String routing = Fixtures.ruleset("routing");
    try (Engine engine = Engine.load(routing); Proxies oracle = new Proxies(routing)) {
      final List<Petition> ps = new ArrayList<Petition>();
      int excluded = 0;
      for (JSONObject c : Fixtures.cases("routing")) {
        if (c.has("loads")) continue;
        final Petition p = Fixtures.petition(c.getJSONObject("petition"));
        final List<String> exclude = RouterTest.exclude(c);
        final Decision single = engine.dispatch(p, exclude);
        assertSameDecision(oracle.dispatch(p, exclude), single, c.getString("name"));
        RouterTest.expectMatches(c.getString("name"), single, c.getJSONObject("expect"));
        excluded += exclude.isEmpty() ? 0 : 1;
        ps.add(p);
      }
      assertTrue(excluded > 0 && ps.size() >= 20);
      ps.addAll(awkward());
      final List<Decision> batch = engine.dispatchBatch(ps);
      final List<Decision> classified = engine.classifyBatch(ps);
      boolean assisted = false;
      for (int i = 0; i < ps.size(); ++i) {
        final Decision e = oracle.dispatch(ps.get(i), Collections.<String>emptyList());
        assertSameDecision(e, batch.get(i), "dispatch #" + i);
        assertSameDecision(e, engine.dispatch(ps.get(i)), "dispatch single #" + i);
        assertSameDecision(oracle.classify(ps.get(i)), classified.get(i), "classify #" + i);
        assisted |= !batch.get(i).getAssisting().isEmpty();
        assertFalse(batch.get(i).getExplanation().isEmpty());
      }
      assertTrue(assisted);
    }
  }

  @Test
  void excludeListsWithNullsAndUnknownIdsMatchTheProxyPath() {
    final String routing = Fixtures.ruleset("routing");
    try (Engine engine = Engine.load(routing); Proxies oracle = new Proxies(routing)) {
      final Petition p = new Petition("r04").text("锦绣家园楼下饭店油烟太大");
      final List<String> exclude = Arrays.asList("st-b-office", null, "no-such-unit", JI);
      final Decision d = engine.dispatch(p, exclude);
      assertSameDecision(oracle.dispatch(p, exclude), d, "exclude");
      assertFalse(d.getLead().equals("st-b-office"), d.toString());
      assertThrows(NullPointerException.class, () -> engine.dispatch(p, null));
    }
  }

  @Test
  void spansInBatchesCarryUtf16IndicesOfTheirOwnPetition() {
    try (Engine engine = Engine.load(Fixtures.ruleset("basic"))) {
      // The same keyword after prefixes of different UTF-16 and UTF-8 lengths.
      final List<Petition> ps = Arrays.asList(new Petition("a").text("井盖丢失"),
          new Petition("b").text("\uD800" + JI + "\uDC00井盖丢失"),
          new Petition("c").text("😀😀😀井盖丢失"), new Petition("d").text("é井盖丢失"));
      final int[][] expected = {{0, 0}, {3 + 4 + 3, 1 + 2 + 1}, {12, 6}, {2, 1}};
      final List<Decision> ds = engine.classifyBatch(ps);
      for (int i = 0; i < ps.size(); ++i) {
        final Span s = ds.get(i).getSpans().get(0);
        assertEquals("井盖", s.getText());
        assertEquals(expected[i][0], s.getBegin(), "petition " + i);
        assertEquals(expected[i][1], s.getCharBegin(), "petition " + i);
        assertEquals(expected[i][1] + 2, s.getCharEnd(), "petition " + i);
        assertEquals("井盖", ps.get(i).getText().substring(s.getCharBegin(), s.getCharEnd()));
      }
    }
  }

  @Test
  void idsComeBackAsGivenOrWithUnpairedSurrogatesReplaced() {
    try (Engine engine = Engine.load(Fixtures.ruleset("basic"))) {
      final Petition plain = new Petition("p-" + JI).text("井盖丢失");
      assertSame(plain.getId(), engine.classify(plain).getId());
      assertEquals("x\uFFFD", engine.classify(new Petition("x\uD800")).getId());
      assertEquals(Arrays.asList("x\uFFFD", "", "y"), ids(engine.classifyBatch(
          Arrays.asList(new Petition("x\uDBFF"), new Petition(), new Petition("y")))));
    }
  }

  static List<String> ids(List<Decision> ds) {
    final List<String> out = new ArrayList<String>();
    for (Decision d : ds) out.add(d.getId());
    return out;
  }

  @Test
  void aBatchNamesEachRepeatedStringOnce() {
    try (Engine engine = Engine.load(Fixtures.ruleset("routing"))) {
      final List<Petition> ps = new ArrayList<Petition>();
      for (int i = 0; i < 50; ++i) ps.add(new Petition("r" + i).text("锦绣家园楼下饭店油烟太大"));
      final List<Decision> ds = engine.dispatchBatch(ps);
      final Decision first = ds.get(0);
      assertEquals("env.air", first.getCategory());
      assertEquals("st-b-office", first.getLead());
      for (Decision d : ds) {
        assertEquals(first.getCategory(), d.getCategory());
        assertSame(first.getCategory(), d.getCategory());
        assertSame(first.getCategoryName(), d.getCategoryName());
        assertSame(first.getDecidedBy(), d.getDecidedBy());
        assertSame(first.getUrgency(), d.getUrgency());
        assertSame(first.getLead(), d.getLead());
        assertSame(first.getTier(), d.getTier());
        assertSame(first.getSpans().get(0).getRule(), d.getSpans().get(0).getRule());
        assertSame(first.getAssisting().get(0).getName(), d.getAssisting().get(0).getName());
      }
    }
  }

  @Test
  void nullsEmptyBatchesAndClosedEngines() {
    final Engine engine = Engine.load(Fixtures.ruleset("basic"));
    assertTrue(engine.classifyBatch(Collections.<Petition>emptyList()).isEmpty());
    assertTrue(engine.dispatchBatch(Collections.<Petition>emptyList()).isEmpty());
    assertThrows(UnsupportedOperationException.class,
        () -> engine.classifyBatch(Collections.<Petition>emptyList()).add(null));
    final List<Petition> withNull = Arrays.asList(new Petition("a").text("井盖丢失"), null);
    assertEquals("petition",
        assertThrows(NullPointerException.class, () -> engine.classifyBatch(withNull))
            .getMessage());
    assertThrows(NullPointerException.class, () -> engine.dispatchBatch(withNull));
    assertThrows(NullPointerException.class, () -> engine.classifyBatch(null));
    assertThrows(NullPointerException.class, () -> engine.dispatch(null));
    // Still usable after the refused calls.
    assertEquals("urban.municipal.manhole",
        engine.classifyBatch(withNull.subList(0, 1)).get(0).getCategory());
    engine.close();
    assertThrows(IllegalStateException.class,
        () -> engine.classifyBatch(Arrays.asList(new Petition("a"))));
    assertThrows(IllegalStateException.class, () -> engine.dispatch(new Petition("a")));
  }
}
