package org.minhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API surface not covered by the fixtures. */
class EngineTest {
  @Test
  void theLibraryComesFromTheJar() {
    assertEquals("linux-x86_64", org.minhu.internal.NativeLoader.platform());
    assertNotNull(Engine.class.getResource("/META-INF/native/linux-x86_64/libminhu_java.so"));
    assertEquals(null, System.getProperty("minhu.native.library"));
  }

  @Test
  void infoDescribesTheRuleset() {
    try (Engine engine = Engine.load(Fixtures.ruleset("routing"))) {
      final RulesetInfo info = engine.info();
      assertEquals(1, info.getGeneration());
      assertFalse(info.getId().isEmpty());
      assertFalse(info.getVersion().isEmpty());
      assertTrue(info.getRules() > 0 && info.getUnits() > 0 && info.getAreas() > 0);
      assertTrue(info.getCategories() > 0 && info.getKeywords() > 0);
      engine.reload();
      assertEquals(2, engine.info().getGeneration());
    }
  }

  @Test
  void dispatchGivesCategoryLeadAssistingAndExplanation() {
    try (Engine engine = Engine.load(Fixtures.ruleset("routing"))) {
      final Petition p = new Petition("r04").text("锦绣家园楼下饭店油烟太大");
      final Decision d = engine.dispatch(p);
      assertEquals("env.air", d.getCategory());
      assertFalse(d.getCategoryName().isEmpty());
      assertEquals("env.air", d.getCategoryPath().get(d.getCategoryPath().size() - 1));
      assertEquals("st-b-office", d.getLead());
      assertFalse(d.getLeadName().isEmpty());
      assertEquals("medium", d.getTier());
      assertEquals(1, d.getAssisting().size());
      assertEquals("dept-zhifa", d.getAssisting().get(0).getId());
      assertFalse(d.getAssisting().get(0).getName().isEmpty());
      assertEquals("cpd-b-jx", d.getArea());
      assertEquals("gazetteer", d.getLocationMethod());
      assertTrue(d.getExplanation().size() >= 2, d.getExplanation().toString());
      assertTrue(engine.explain(p).contains("st-b-office"), engine.explain(p));
      // immutable
      assertThrows(UnsupportedOperationException.class, () -> d.getAssisting().clear());
      assertThrows(UnsupportedOperationException.class, () -> d.getExplanation().add("x"));
      // a returned case (退回) goes elsewhere
      final Decision again = engine.dispatch(p, Arrays.asList("st-b-office"));
      assertFalse(again.getLead().equals("st-b-office"), again.toString());
    }
  }

  @Test
  void batchesKeepOrderAndAcceptAnyList() {
    try (Engine engine = Engine.load(Fixtures.ruleset("basic"))) {
      final List<Petition> ps = new LinkedList<Petition>();
      ps.add(new Petition("a").text("井盖丢失"));
      ps.add(new Petition("b").text("谢谢"));
      ps.add(new Petition("c").text("工地夜间施工噪音"));
      final List<Decision> ds = engine.classifyBatch(ps);
      assertEquals(Arrays.asList("a", "b", "c"),
          Arrays.asList(ds.get(0).getId(), ds.get(1).getId(), ds.get(2).getId()));
      assertEquals("urban.municipal.manhole", ds.get(0).getCategory());
      assertTrue(ds.get(1).isTriage());
      assertEquals("env.pollution.noise", ds.get(2).getCategory());
      assertTrue(engine.dispatchBatch(new LinkedList<Petition>()).isEmpty());
    }
  }

  @Test
  void attributesOfEveryKindReachTheRules() {
    // basic.json's elderly.sensor rule fires on a sensor alert with age >= 60.
    try (Engine engine = Engine.load(Fixtures.ruleset("basic"))) {
      final Petition json = Petition.fromJson("{\"id\": \"s\", \"text\": \"\", \"channel\":"
          + " \"sensor\", \"attributes\": {\"age\": 78, \"days_inactive\": 3, \"ok\": true,"
          + " \"none\": null, \"s\": \"x\"}}");
      assertEquals(Double.valueOf(78), json.getAttributes().get("age"));
      assertEquals(Boolean.TRUE, json.getAttributes().get("ok"));
      assertTrue(json.getAttributes().containsKey("none"));
      assertEquals(null, json.getAttributes().get("none"));
      assertEquals("x", json.getAttributes().get("s"));
      final Petition built = new Petition("s").channel("sensor").attribute("age", 78)
          .attribute("days_inactive", 3).attribute("ok", true).attribute("none", (Object) null)
          .attribute("s", "x");
      assertEquals(json.getAttributes(), built.getAttributes());
      final Decision a = engine.classify(json);
      final Decision b = engine.classify(built);
      assertEquals("civil.elderly_alone", a.getCategory());
      assertEquals(a.getCategory(), b.getCategory());
      assertEquals(a.getRules(), b.getRules());
    }
  }
}
