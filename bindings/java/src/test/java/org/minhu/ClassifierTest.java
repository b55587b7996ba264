package org.minhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** rulesets/fixtures/{basic,priority,collect} with the assertions of tests/classifier_test.cpp. */
class ClassifierTest {
  @ParameterizedTest
  @ValueSource(strings = {"basic", "priority", "collect"})
  void everyCaseMatchesItsExpectation(String name) throws Exception {
    try (Engine engine = Engine.load(Fixtures.ruleset(name))) {
      final List<JSONObject> cases = Fixtures.cases(name);
      assertTrue(cases.size() >= 4);
      for (JSONObject c : cases) {
        final String where = name + ": " + c.getString("name");
        final JSONObject pj = c.getJSONObject("petition");
        final Petition p = Fixtures.petition(pj);
        final Decision r = engine.classify(p);
        expectMatches(where, p, r, c.getJSONObject("expect"));
        // The facade's own JSON parser gives the same petition and so the same decision.
        final Petition parsed = Petition.fromJson(pj.toString());
        expectMatches(where + " (fromJson)", parsed, engine.classify(parsed),
            c.getJSONObject("expect"));
        // classify sets no location or assignment
        assertEquals("", r.getLead(), where);
        assertEquals("", r.getLocationMethod(), where);
      }
    }
  }

  static void expectMatches(String where, Petition p, Decision r, JSONObject e) {
    assertEquals(e.getString("decided_by"), r.getDecidedBy(), where);
    assertEquals(e.isNull("category") ? "" : e.getString("category"), r.getCategory(), where);
    assertEquals(Fixtures.strings(e.getJSONArray("rules")), r.getRules(), where);
    if (e.has("urgency")) assertEquals(e.getString("urgency"), r.getUrgency(), where);
    if (e.has("tags")) assertEquals(Fixtures.strings(e.getJSONArray("tags")), r.getTags(), where);
    if (e.has("confidence")) {
      assertEquals(e.getDouble("confidence"), r.getConfidence(), 1e-6, where);
    }
    if (e.has("spans")) {
      final JSONArray spans = e.getJSONArray("spans");
      assertEquals(spans.length(), r.getSpans().size(), where);
      for (int i = 0; i < spans.length(); ++i) {
        final Span s = r.getSpans().get(i);
        final String src = s.getField().equals("title") ? p.getTitle() : p.getText();
        assertEquals(spans.getJSONObject(i).getString("field"), s.getField(), where);
        assertEquals(spans.getJSONObject(i).getString("text"), s.getText(), where);
        // Java indices and UTF-8 byte offsets both address the same text.
        assertEquals(s.getText(), src.substring(s.getCharBegin(), s.getCharEnd()), where);
        assertEquals(s.getText(), Utf8Test.utf8Slice(src, s.getBegin(), s.getEnd()), where);
      }
    }
    if (r.isTriage()) {
      assertEquals(0.0, r.getConfidence(), where);
      assertTrue(r.getSpans().isEmpty(), where);
    }
  }
}
