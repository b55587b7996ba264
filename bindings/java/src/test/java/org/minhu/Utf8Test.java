package org.minhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Strings cross JNI as real UTF-8: characters outside the BMP survive both ways. */
class Utf8Test {
  static final String JI = "𠮷";  // U+20BB7, a surrogate pair in Java, 4 bytes in UTF-8

  static String utf8Slice(String s, long begin, long end) {
    final byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return new String(Arrays.copyOfRange(b, (int) begin, (int) end), StandardCharsets.UTF_8);
  }

  static String ruleset(String keyword) {
    return "{\"format_version\": 1, \"id\": \"utf8\", \"version\": \"1\","
        + " \"name\": \"" + keyword + "野家\","
        + " \"taxonomy\": [{\"id\": \"food\", \"name\": \"" + keyword + "野家食品安全\"}],"
        + " \"rules\": [{\"id\": \"r-ji\", \"category\": \"food\", \"tags\": [\""
        + keyword + "\"], \"when\": {\"text\": {\"any\": [\"" + keyword + "野家\"]}}}]}";
  }

  @Test
  void nonBmpKeywordsTextSpansAndNamesRoundTrip() {
    try (Engine engine = Engine.fromJson(ruleset(JI))) {
      final String text = "😀投诉" + JI + "野家的牛肉饭变质";
      final Petition p = new Petition("p-" + JI).title(JI + "野家").text(text);
      final Decision d = engine.classify(p);
      assertEquals("rule", d.getDecidedBy());
      assertEquals("food", d.getCategory());
      assertEquals(JI + "野家食品安全", d.getCategoryName());
      assertEquals("r-ji", d.getRules().get(0));
      assertEquals(Arrays.asList(JI), d.getTags());
      assertEquals("p-" + JI, d.getId());
      assertEquals(JI + "野家", engine.info().getName());
      assertEquals(2, d.getSpans().size());
      for (Span s : d.getSpans()) {
        final String src = s.getField().equals("title") ? p.getTitle() : p.getText();
        assertEquals(JI + "野家", s.getText());
        assertEquals(JI + "野家", s.getKeyword());
        assertEquals(s.getText(), src.substring(s.getCharBegin(), s.getCharEnd()));
        assertEquals(s.getText(), utf8Slice(src, s.getBegin(), s.getEnd()));
      }
      final Span inText = d.getSpans().get(0).getField().equals("text")
          ? d.getSpans().get(0) : d.getSpans().get(1);
      // 😀 (4 bytes, 2 chars) + 投诉 (6 bytes, 2 chars) precede it.
      assertEquals(10, inText.getBegin());
      assertEquals(4, inText.getCharBegin());
      assertEquals(10 + 4 + 3 + 3, inText.getEnd());
      assertEquals(4 + 2 + 1 + 1, inText.getCharEnd());
      assertTrue(d.getFlags().isEmpty(), d.getFlags().toString());
    }
  }

  @Test
  void nonBmpSurvivesPetitionJsonAndExplain() {
    final Petition p = Petition.fromJson("{\"id\": \"" + JI + "\", \"text\": \"" + JI
        + "野家\", \"attributes\": {\"店名\": \"" + JI + "野家\"}}");
    assertEquals(JI, p.getId());
    assertEquals(JI + "野家", p.getText());
    assertEquals(JI + "野家", p.getAttributes().get("店名"));
    try (Engine engine = Engine.fromJson(ruleset(JI))) {
      assertTrue(engine.explain(p).contains(JI + "野家"), engine.explain(p));
    }
  }

  @Test
  void nonBmpSurvivesInErrorMessages() {
    // Ids are ASCII; the message quotes the offending one.
    final String bad = ruleset(JI).replace("\"r-ji\"", "\"r-" + JI + "\"");
    final MinhuException e = org.junit.jupiter.api.Assertions.assertThrows(
        MinhuException.class, () -> Engine.fromJson(bad));
    assertEquals("/rules/0/id", e.getPointer());
    assertTrue(e.getProblems().get(0).getMessage().contains(JI), e.getMessage());
  }

  @Test
  void charIndexMapsUtf8OffsetsToJavaIndices() {
    // a(1) 𠮷(4) é(2) 中(3) lone surrogate (U+FFFD: 3) x(1)
    final String s = "a" + JI + "é中\uD800x";
    final int[][] expected = {{0, 0}, {1, 1}, {3, 1}, {5, 3}, {7, 4}, {10, 5}, {11, 5}, {13, 6},
        {14, 7}, {99, 7}};
    for (int[] e : expected) {
      assertEquals(e[1], org.minhu.internal.Utf8.charIndex(s, e[0]), "byte offset " + e[0]);
    }
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharactersAndOffsetsStayAligned() {
    try (Engine engine = Engine.load(Fixtures.ruleset("basic"))) {
      final Petition p = new Petition("s").text("\uD800" + JI + "\uDC00井盖丢失");
      final Decision d = engine.classify(p);
      assertEquals("urban.municipal.manhole", d.getCategory());
      assertTrue(d.getFlags().isEmpty(), d.getFlags().toString());  // U+FFFD is valid UTF-8
      final Span s = d.getSpans().get(0);
      assertEquals(3 + 4 + 3, s.getBegin());
      assertEquals(1 + 2 + 1, s.getCharBegin());
      assertEquals(s.getText(), p.getText().substring(s.getCharBegin(), s.getCharEnd()));
      assertEquals("井盖", s.getText());
      final Petition back = Petition.fromJson("{\"id\": \"s\", \"text\": \"\uD800x\"}");
      assertEquals("\uFFFDx", back.getText());
    }
  }
}
