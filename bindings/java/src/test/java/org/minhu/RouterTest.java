package org.minhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** rulesets/fixtures/routing with the assertions of tests/router_test.cpp. */
class RouterTest {
  static void expectMatches(String where, Decision r, JSONObject e) {
    assertEquals(e.getString("decided_by"), r.getDecidedBy(), where);
    assertEquals(e.isNull("category") ? "" : e.getString("category"), r.getCategory(), where);
    assertEquals(e.getString("area"), r.getArea(), where);
    assertEquals(e.getString("location_method"), r.getLocationMethod(), where);
    assertEquals(e.getString("lead"), r.getLead(), where);
    assertEquals(e.getString("tier"), r.getTier(), where);
    final List<String> assisting = new ArrayList<String>();
    for (UnitRef u : r.getAssisting()) assisting.add(u.getId());
    assertEquals(Fixtures.strings(e.getJSONArray("assisting")), assisting, where);
    // Whatever the case: an owner, an explanation, and the owner never assists itself.
    assertFalse(r.getLead().isEmpty(), where);
    assertFalse(r.getExplanation().isEmpty(), where);
    assertFalse(assisting.contains(r.getLead()), where);
  }

  /** Sets the case's loads, every unit set by an earlier case back to 0. */
  static void applyLoads(Engine engine, JSONObject c, Set<String> touched) {
    for (String u : touched) engine.setLoad(u, 0);
    touched.clear();
    final JSONObject loads = c.optJSONObject("loads");
    if (loads == null) return;
    for (String u : loads.keySet()) {
      engine.setLoad(u, loads.getLong(u));
      assertEquals(loads.getLong(u), engine.loadOf(u));
      touched.add(u);
    }
  }

  static List<String> exclude(JSONObject c) {
    final JSONObject options = c.optJSONObject("options");
    if (options == null || !options.has("exclude")) return Collections.emptyList();
    return Fixtures.strings(options.getJSONArray("exclude"));
  }

  @Test
  void everyCaseMatchesItsExpectation() throws Exception {
    try (Engine engine = Engine.load(Fixtures.ruleset("routing"))) {
      final List<JSONObject> cases = Fixtures.cases("routing");
      assertTrue(cases.size() >= 40);
      final Set<String> touched = new HashSet<String>();
      for (JSONObject c : cases) {
        applyLoads(engine, c, touched);
        final Decision r =
            engine.dispatch(Fixtures.petition(c.getJSONObject("petition")), exclude(c));
        expectMatches(c.getString("name"), r, c.getJSONObject("expect"));
      }
    }
  }

  @Test
  void batchesMatchSingleDispatchWhereNoCaseNeedsLoadsOrExclusions() throws Exception {
    try (Engine engine = Engine.load(Fixtures.ruleset("routing"))) {
      final List<JSONObject> plain = new ArrayList<JSONObject>();
      final List<Petition> petitions = new ArrayList<Petition>();
      for (JSONObject c : Fixtures.cases("routing")) {
        if (c.has("loads") || c.has("options")) continue;
        plain.add(c);
        petitions.add(Fixtures.petition(c.getJSONObject("petition")));
      }
      assertTrue(plain.size() >= 20);
      final List<Decision> dispatched = engine.dispatchBatch(petitions);
      final List<Decision> classified = engine.classifyBatch(petitions);
      assertEquals(plain.size(), dispatched.size());
      assertEquals(plain.size(), classified.size());
      for (int i = 0; i < plain.size(); ++i) {
        final String where = plain.get(i).getString("name");
        expectMatches(where, dispatched.get(i), plain.get(i).getJSONObject("expect"));
        assertEquals(petitions.get(i).getId(), dispatched.get(i).getId(), where);
        assertEquals(dispatched.get(i).getCategory(), classified.get(i).getCategory(), where);
        assertEquals("", classified.get(i).getLead(), where);
      }
    }
  }

  @Test
  void loadsAreSetAddedAndRead() {
    try (Engine engine = Engine.load(Fixtures.ruleset("routing"))) {
      engine.setLoad("dept-police", 3);
      engine.addLoad("dept-police", 2);
      assertEquals(5, engine.loadOf("dept-police"));
      engine.addLoad("dept-police", -5);
      assertEquals(0, engine.loadOf("dept-police"));
    }
  }
}
