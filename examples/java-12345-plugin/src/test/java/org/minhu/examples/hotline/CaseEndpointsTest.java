package org.minhu.examples.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.minhu.examples.hotline.HotlineServerTest.Response;

/**
 * The SLA endpoints over HTTP on 127.0.0.1 against rulesets/fixtures/sla.json (2 h to
 * acknowledge, 1 working day to respond, 3 to resolve; urgent: 30 min, 2 h, 1 day in calendar
 * time), with a clock the test sets. A fresh plug-in per test.
 */
@Timeout(60)
class CaseEndpointsTest {
  static final long T0 = 1772413200000L;  // 2026-03-02 09:00 +08:00, a Monday

  final AtomicLong clock = new AtomicLong(T0);
  WorkOrderDispatcher plugin;
  HotlineServer server;

  @BeforeEach
  void start() throws IOException {
    plugin = new WorkOrderDispatcher(HotlineServerTest.fixture("sla.json"), null, clock::get);
    server = HotlineServer.start(plugin, 0);
  }

  @AfterEach
  void stop() {
    server.stop();
    plugin.close();
  }

  Response call(String method, String path, String body) throws IOException {
    return HotlineServerTest.call(server.port(), method, path, body);
  }

  Response dispatch(String orderNo, String content, String grid, long acceptTime)
      throws IOException {
    return call("POST", "/dispatch", new JSONObject().put("orderNo", orderNo)
        .put("content", content).put("gridCode", grid).put("acceptTime", acceptTime).toString());
  }

  static List<String> kinds(JSONObject commandReply) {
    final JSONArray events = commandReply.getJSONArray("events");
    final List<String> out = new ArrayList<String>();
    for (int i = 0; i < events.length(); ++i) out.add(events.getJSONObject(i).getString("kind"));
    return out;
  }

  static String errorCode(Response r) {
    return r.body.getJSONObject("error").getString("code");
  }

  @Test
  void aWorkOrderLivesItsLifecycleOverHttp() throws IOException {
    // dispatched: the decision has the case's deadlines (working time, 09:00-12:00, 13:00-18:00)
    Response r = dispatch("GD-1", "楼下噪音", "comm-a", T0);
    assertEquals(200, r.status, r.body.toString());
    assertEquals("comm-a-office", r.body.getJSONObject("lead").getString("id"));
    final JSONObject due = r.body.getJSONObject("deadlines");
    assertEquals(1772420400000L, due.getLong("acknowledge"));  // 11:00
    assertEquals(1772445600000L, due.getLong("respond"));      // 18:00
    assertEquals(1772704800000L, due.getLong("resolve"));      // Thu 18:00 (Wed is a holiday)
    // the same work order twice
    r = dispatch("GD-1", "楼下噪音", "comm-a", T0);
    assertEquals(409, r.status, r.body.toString());
    assertEquals("invalid_state", errorCode(r));

    r = call("GET", "/cases/GD-1", null);
    assertEquals(200, r.status);
    assertEquals("assigned", r.body.getString("state"));
    assertEquals("blue", r.body.getString("colour"));
    assertEquals(due.toMap(), r.body.getJSONObject("deadlines").toMap());
    assertTrue(r.body.isNull("acknowledgedAt"));

    // 签收 at an ISO-8601 time
    r = call("POST", "/cases/GD-1/acknowledge", "{\"at\": \"2026-03-02T10:30:00+08:00\"}");
    assertEquals(200, r.status, r.body.toString());
    assertEquals(Arrays.asList("acknowledged"), kinds(r.body));
    assertEquals(1772418600000L, r.body.getJSONObject("case").getLong("acknowledgedAt"));
    assertEquals("acknowledged", r.body.getJSONObject("case").getString("state"));
    // not replied yet: neither closed nor rated
    r = call("POST", "/cases/GD-1/close", "{\"at\": 1772419000000}");
    assertEquals(409, r.status, r.body.toString());
    assertEquals("invalid_state", errorCode(r));
    // no body: the plug-in's clock
    clock.set(1772420400000L);
    r = call("POST", "/cases/GD-1/start", null);
    assertEquals(200, r.status, r.body.toString());
    assertEquals(1772420400000L, r.body.getJSONObject("case").getLong("startedAt"));
    r = call("POST", "/cases/GD-1/reply", "{\"at\": 1772503200000}");
    assertEquals(200, r.status, r.body.toString());
    assertEquals(Arrays.asList("replied"), kinds(r.body));
    // stars: required, 1 to 5
    r = call("POST", "/cases/GD-1/rate", "{\"at\": 1772506800000}");
    assertEquals(400, r.status);
    assertEquals("bad_request", errorCode(r));
    r = call("POST", "/cases/GD-1/rate", "{\"at\": 1772506800000, \"stars\": 9}");
    assertEquals(400, r.status);
    assertEquals("invalid_argument", errorCode(r));
    r = call("POST", "/cases/GD-1/rate", "{\"at\": 1772506800000, \"stars\": 5}");
    assertEquals(200, r.status, r.body.toString());
    assertEquals(5, r.body.getJSONArray("events").getJSONObject(0).getInt("value"));
    assertEquals(5, r.body.getJSONObject("case").getInt("rating"));
    r = call("POST", "/cases/GD-1/close", "{\"at\": 1772510400000}");
    assertEquals(200, r.status, r.body.toString());
    assertEquals(Arrays.asList("closed"), kinds(r.body));
    assertFalse(r.body.getJSONObject("case").getBoolean("open"));
    assertEquals("closed", r.body.getJSONObject("case").getString("state"));

    // 一量三率
    r = call("GET", "/metrics", null);
    assertEquals(200, r.status, r.body.toString());
    assertEquals(1, r.body.getLong("volume"));
    assertEquals(1, r.body.getLong("resolved"));
    assertEquals(1, r.body.getLong("closed"));
    assertEquals(0, r.body.getLong("open"));
    assertEquals(1.0, r.body.getDouble("completionRate"), 1e-12);
    assertEquals(1.0, r.body.getDouble("timelinessRate"), 1e-12);
    assertEquals(1.0, r.body.getDouble("satisfactionRate"), 1e-12);
    assertEquals(1.0, r.body.getDouble("responseRate"), 1e-12);
    assertEquals(1, call("GET", "/metrics?scope=street-a", null).body.getLong("volume"));
    r = call("GET", "/metrics?scope=street-b", null);
    assertEquals("street-b", r.body.getString("scope"));
    assertEquals(0, r.body.getLong("volume"));
    assertEquals(0.0, r.body.getDouble("completionRate"), 0);
  }

  @Test
  void overdueCasesTurnRedWhenTheClockAdvances() throws IOException {
    // urgent: 30 minutes to acknowledge, in calendar time
    Response r = dispatch("GD-2", "燃气泄漏", "comm-b", 1772460000000L);  // 22:00
    assertEquals(200, r.status, r.body.toString());
    assertEquals(1772461800000L, r.body.getJSONObject("deadlines").getLong("acknowledge"));
    clock.set(1772596800000L);  // two days later
    final List<String> kinds = new ArrayList<String>();
    for (org.minhu.CaseEvent e : plugin.advance()) kinds.add(e.getKind());
    assertTrue(kinds.contains("breached"), kinds.toString());
    r = call("GET", "/cases/GD-2", null);
    assertEquals("red", r.body.getString("colour"));
    assertEquals(Arrays.asList("acknowledge", "respond", "resolve"),
        r.body.getJSONArray("breached").toList());
    r = call("GET", "/metrics?scope=street-b", null);
    assertEquals(1, r.body.getLong("red"));
    assertEquals(0.0, r.body.getDouble("responseRate"), 0);
  }

  @Test
  void caseErrorsAreClearStatuses() throws IOException {
    assertEquals(200, dispatch("GD-𠮷", "楼下噪音", "comm-a", T0).status);
    final String id = URLEncoder.encode("GD-𠮷", "UTF-8");
    Response r = call("POST", "/cases/" + id + "/acknowledge", "{\"at\": " + (T0 + 1) + "}");
    assertEquals(200, r.status, r.body.toString());
    assertEquals("GD-𠮷", r.body.getString("orderNo"));
    assertEquals("GD-𠮷", call("GET", "/cases/" + id, null).body.getString("orderNo"));

    r = call("POST", "/cases/nope/acknowledge", "{}");
    assertEquals(404, r.status);
    assertEquals("unknown_case", errorCode(r));
    assertEquals(404, call("GET", "/cases/nope", null).status);
    r = call("POST", "/cases/" + id + "/teleport", "{}");
    assertEquals(404, r.status);
    assertEquals("not_found", errorCode(r));
    assertEquals(404, call("GET", "/cases/", null).status);
    assertEquals(405, call("GET", "/cases/" + id + "/reply", null).status);
    assertEquals(405, call("POST", "/cases/" + id, "{}").status);
    r = call("POST", "/cases/" + id + "/reply", "{not json");
    assertEquals(400, r.status);
    assertEquals("bad_request", errorCode(r));
    r = call("POST", "/cases/" + id + "/reply", "{\"at\": \"yesterday\"}");
    assertEquals(400, r.status);
    assertTrue(r.body.getJSONObject("error").getString("message").contains("ISO-8601"));
    r = call("GET", "/metrics?scope=nobody", null);
    assertEquals(400, r.status);
    assertEquals("invalid_argument", errorCode(r));
    assertEquals(405, call("POST", "/metrics", "{}").status);
    // nothing of that changed the case
    r = call("GET", "/cases/" + id, null);
    assertEquals("acknowledged", r.body.getString("state"));
  }
}
