package org.minhu.examples.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP endpoint on 127.0.0.1, an ephemeral port, a bounded number of requests. */
@Timeout(60)
class HotlineServerTest {
  static WorkOrderDispatcher plugin;
  static HotlineServer server;

  static String fixture(String name) {
    final String root = System.getProperty("minhu.source.dir", "../..");
    return Paths.get(root, "rulesets/fixtures", name).toAbsolutePath().normalize().toString();
  }

  @BeforeAll
  static void start() throws IOException {
    plugin = new WorkOrderDispatcher(fixture("routing.json"));
    server = HotlineServer.start(plugin, 0);
  }

  @AfterAll
  static void stop() {
    server.stop();
    plugin.close();
  }

  static final class Response {
    final int status;
    final JSONObject body;

    Response(int status, JSONObject body) {
      this.status = status;
      this.body = body;
    }
  }

  static Response call(String method, String path, String body) throws IOException {
    return call(server.port(), method, path, body);
  }

  static Response call(int port, String method, String path, String body) throws IOException {
    final URL url = new URL("http://127.0.0.1:" + port + path);
    final HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(10000);
    c.setRequestMethod(method);
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json; charset=utf-8");
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    final int status = c.getResponseCode();
    final InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (in != null) {
      try (InputStream i = in) {
        final byte[] buf = new byte[4096];
        for (int n; (n = i.read(buf)) > 0;) bytes.write(buf, 0, n);
      }
    }
    assertTrue(c.getContentType().startsWith("application/json"), c.getContentType());
    c.disconnect();
    return new Response(status, new JSONObject(new String(bytes.toByteArray(),
        StandardCharsets.UTF_8)));
  }

  @Test
  void healthNamesTheRuleset() throws IOException {
    final Response r = call("GET", "/health", null);
    assertEquals(200, r.status);
    assertEquals("ok", r.body.getString("status"));
    assertEquals(plugin.info().getId(), r.body.getJSONObject("ruleset").getString("id"));
    assertTrue(r.body.getJSONObject("ruleset").getLong("units") > 0);
  }

  @Test
  void dispatchReturnsCategoryLeadAssistingAndExplanation() throws IOException {
    final Response r = call("POST", "/dispatch",
        "{\"orderNo\": \"GD-0001\", \"content\": \"锦绣家园楼下饭店油烟太大\", \"source\": \"hotline\"}");
    assertEquals(200, r.status, r.body.toString());
    final JSONObject d = r.body;
    assertEquals("GD-0001", d.getString("orderNo"));
    assertEquals("rule", d.getString("decidedBy"));
    assertEquals("env.air", d.getString("category"));
    assertEquals("st-b-office", d.getJSONObject("lead").getString("id"));
    assertFalse(d.getJSONObject("lead").getString("name").isEmpty());
    assertEquals("medium", d.getString("tier"));
    assertEquals(1, d.getJSONArray("assisting").length());
    assertEquals("dept-zhifa", d.getJSONArray("assisting").getJSONObject(0).getString("id"));
    assertTrue(d.getJSONArray("explanation").length() >= 2);
    // the case is open; routing.json has no SLA policies, so no deadlines
    final JSONObject deadlines = d.getJSONObject("deadlines");
    assertTrue(deadlines.isNull("acknowledge") && deadlines.isNull("resolve"), d.toString());
    final Response c = call("GET", "/cases/GD-0001", null);
    assertEquals(200, c.status, c.body.toString());
    assertEquals("assigned", c.body.getString("state"));
    assertEquals("st-b-office", c.body.getJSONObject("lead").getString("id"));
    // evidence indices address the Java/JS string
    final JSONObject ev = d.getJSONArray("evidence").getJSONObject(0);
    assertEquals(ev.getString("text"),
        "锦绣家园楼下饭店油烟太大".substring(ev.getInt("begin"), ev.getInt("end")));
  }

  @Test
  void nonBmpTextSurvivesTheRoundTrip() throws IOException {
    final Response r = call("POST", "/dispatch",
        "{\"orderNo\": \"GD-𠮷\", \"content\": \"𠮷野家 锦绣家园车棚里电动车被偷了\"}");
    assertEquals(200, r.status, r.body.toString());
    assertEquals("GD-𠮷", r.body.getString("orderNo"));
    assertEquals("crime", r.body.getString("category"));
  }

  @Test
  void badRequestsGetJsonErrors() throws IOException {
    Response r = call("POST", "/dispatch", "{not json");
    assertEquals(400, r.status);
    assertEquals("bad_request", r.body.getJSONObject("error").getString("code"));
    r = call("POST", "/dispatch", "{\"content\": \"no order number\"}");
    assertEquals(400, r.status);
    r = call("GET", "/dispatch", null);
    assertEquals(405, r.status);
    r = call("POST", "/health", "{}");
    assertEquals(405, r.status);
    r = call("GET", "/nope", null);
    assertEquals(404, r.status);
    final StringBuilder big = new StringBuilder("{\"orderNo\": \"x\", \"content\": \"");
    while (big.length() < HotlineServer.MAX_BODY + 10) big.append("噪音");
    r = call("POST", "/dispatch", big.append("\"}").toString());
    assertEquals(413, r.status);
  }

  @Test
  void concurrentRequestsAreServed() throws Exception {
    final ExecutorService clients = Executors.newFixedThreadPool(4);
    final List<Future<Response>> futures = new ArrayList<Future<Response>>();
    for (int i = 0; i < 40; ++i) {
      final String no = "GD-" + i;
      futures.add(clients.submit(() -> call("POST", "/dispatch",
          "{\"orderNo\": \"" + no + "\", \"content\": \"锦绣家园3栋电梯坏了一周，物业一直不修\"}")));
    }
    for (int i = 0; i < futures.size(); ++i) {
      final Response r = futures.get(i).get(30, TimeUnit.SECONDS);
      assertEquals(200, r.status);
      assertEquals("GD-" + i, r.body.getString("orderNo"));
      assertEquals("pm-b-jx", r.body.getJSONObject("lead").getString("id"));
    }
    clients.shutdown();
    assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS));
  }
}
