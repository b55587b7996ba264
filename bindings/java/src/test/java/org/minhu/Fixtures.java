package org.minhu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;

/** The shared fixtures of rulesets/fixtures, read as in tests/classifier_test.cpp. */
final class Fixtures {
  private Fixtures() {}

  static Path root() {
    final String dir = System.getProperty("minhu.source.dir");
    return (dir != null ? Paths.get(dir) : Paths.get("../..")).toAbsolutePath().normalize();
  }

  static Path dir() {
    return root().resolve("rulesets/fixtures");
  }

  static String ruleset(String name) {
    return dir().resolve(name + ".json").toString();
  }

  static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }

  static List<JSONObject> cases(String name) throws IOException {
    final List<JSONObject> out = new ArrayList<JSONObject>();
    for (String line : Files.readAllLines(dir().resolve(name + ".cases.jsonl"),
             StandardCharsets.UTF_8)) {
      if (!line.trim().isEmpty()) out.add(new JSONObject(line));
    }
    return out;
  }

  /** Builds the petition with the Java builder (the path a Java caller takes). */
  static Petition petition(JSONObject j) {
    final Petition p = new Petition(String.valueOf(j.get("id")))
        .title(j.optString("title", ""))
        .text(j.optString("text", ""))
        .channel(j.optString("channel", ""))
        .area(j.has("area") ? j.getString("area") : j.optString("grid", ""))
        .address(j.optString("address", ""))
        .category(j.optString("category", ""));
    if (j.has("received_at")) p.receivedAt(j.getLong("received_at"));
    if (j.has("lat")) p.point(j.getDouble("lat"), j.getDouble("lon"));
    final JSONObject attrs = j.optJSONObject("attributes");
    if (attrs != null) {
      for (Iterator<String> it = attrs.keys(); it.hasNext();) {
        final String k = it.next();
        final Object v = attrs.get(k);
        p.attribute(k, v == JSONObject.NULL ? null : v);
      }
    }
    return p;
  }

  static List<String> strings(JSONArray a) {
    final List<String> out = new ArrayList<String>();
    for (int i = 0; i < a.length(); ++i) out.add(a.getString(i));
    return out;
  }
}
