package org.minhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** minhu::api::failure → MinhuException with code, pointer, problems. */
class ErrorsTest {
  static final String BAD_RULESET = "{\"format_version\": 1, \"id\": \"x\", \"version\": \"1\","
      + " \"taxonomy\": [{\"id\": \"a\", \"name\": \"A\"}],"
      + " \"rules\": [{\"id\": \"r\", \"category\": \"a\", \"when\": {\"regex\": \"(\"}}]}";

  @Test
  void badRulesetIsRulesetInvalidWithItsPointer() {
    final MinhuException e = assertThrows(MinhuException.class, () -> Engine.fromJson(BAD_RULESET));
    assertEquals("ruleset_invalid", e.getCode());
    assertEquals("/rules/0/when/regex", e.getPointer());
    assertEquals(1, e.getProblems().size());
    assertTrue(e.getProblems().get(0).getMessage().contains("RE2"), e.getMessage());
    assertTrue(e instanceof RuntimeException);
  }

  @Test
  void everyProblemIsReported() {
    final String twoProblems = BAD_RULESET.replace("\"category\": \"a\"", "\"category\": \"nope\"");
    final MinhuException e = assertThrows(MinhuException.class, () -> Engine.fromJson(twoProblems));
    assertEquals("ruleset_invalid", e.getCode());
    assertEquals("/rules/0/category", e.getPointer());
    assertEquals(Arrays.asList("/rules/0/category", "/rules/0/when/regex"),
        Arrays.asList(e.getProblems().get(0).getPointer(), e.getProblems().get(1).getPointer()));
  }

  @Test
  void badRulesetFileToo(@TempDir Path dir) throws Exception {
    final Path f = dir.resolve("坏规则.json");
    Files.write(f, BAD_RULESET.getBytes(StandardCharsets.UTF_8));
    final MinhuException e =
        assertThrows(MinhuException.class, () -> Engine.load(f.toString()));
    assertEquals("ruleset_invalid", e.getCode());
    assertEquals("/rules/0/when/regex", e.getPointer());
  }

  @Test
  void missingFileIsIo() {
    final MinhuException e = assertThrows(MinhuException.class,
        () -> Engine.load(Fixtures.dir().resolve("does-not-exist.json").toString()));
    assertEquals("io", e.getCode());
    assertEquals("", e.getPointer());
    assertTrue(e.getMessage().contains("does-not-exist.json"), e.getMessage());
  }

  @Test
  void failedReloadKeepsTheCurrentRuleset() {
    try (Engine engine = Engine.load(Fixtures.ruleset("basic"))) {
      final RulesetInfo before = engine.info();
      assertEquals("io", assertThrows(MinhuException.class,
          () -> engine.reload(Fixtures.dir().resolve("nope.json").toString())).getCode());
      assertEquals(before.getGeneration(), engine.info().getGeneration());
      assertEquals("urban.municipal.manhole",
          engine.classify(new Petition("m").text("井盖丢失")).getCategory());
    }
    try (Engine fromText = Engine.fromJson(BAD_RULESET.replace("(", "井盖"))) {
      // Not made from a file: nothing to re-read.
      assertEquals("invalid_argument",
          assertThrows(MinhuException.class, fromText::reload).getCode());
      assertEquals(1, fromText.info().getGeneration());
    }
  }

  @Test
  void unknownUnitIsInvalidArgument() {
    try (Engine engine = Engine.load(Fixtures.ruleset("routing"))) {
      final MinhuException e =
          assertThrows(MinhuException.class, () -> engine.setLoad("no-such-unit", 1));
      assertEquals("invalid_argument", e.getCode());
      assertTrue(e.getMessage().contains("no-such-unit"));
      assertEquals("invalid_argument",
          assertThrows(MinhuException.class, () -> engine.loadOf("no-such-unit")).getCode());
    }
  }

  @Test
  void malformedPetitionJsonIsPetitionInvalidWithThePointerOfTheField() {
    final MinhuException e = assertThrows(MinhuException.class,
        () -> Petition.fromJson("{\"id\": \"p\", \"text\": 42}"));
    assertEquals("petition_invalid", e.getCode());
    assertEquals("/text", e.getPointer());
    assertEquals("petition_invalid",
        assertThrows(MinhuException.class, () -> Petition.fromJson("{\"id\":")).getCode());
  }

  @Test
  void javaSideMisuseIsJavaExceptions() {
    assertThrows(NullPointerException.class, () -> Engine.load(null));
    assertThrows(IllegalArgumentException.class,
        () -> new Petition("p").attribute("x", (Object) new int[0]));
    final Engine engine = Engine.load(Fixtures.ruleset("basic"));
    assertThrows(NullPointerException.class, () -> engine.classify(null));
    engine.close();
    engine.close();  // idempotent
    assertThrows(IllegalStateException.class, () -> engine.classify(new Petition("p")));
    assertThrows(IllegalStateException.class, engine::info);
  }
}
