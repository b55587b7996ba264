package org.minhu.examples.hotline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.minhu.Decision;
import org.minhu.MinhuException;
import org.minhu.RulesetInfo;
import org.minhu.Span;
import org.minhu.UnitRef;

/**
 * The plug-in behind a tiny HTTP API on 127.0.0.1, with the JDK's built-in server:
 *
 * <ul>
 *   <li>{@code POST /dispatch}: a work order as JSON in, the decision as JSON out;
 *   <li>{@code GET /health}: the ruleset in use.
 * </ul>
 *
 * <p>Run: {@code java -cp ... org.minhu.examples.hotline.HotlineServer rulesets/demo-city.json
 * --port 8080} (see README.md).
 */
public final class HotlineServer {
  static final int MAX_BODY = 64 * 1024;

  private final WorkOrderDispatcher plugin;
  private final HttpServer server;
  private final ExecutorService pool;

  private HotlineServer(WorkOrderDispatcher plugin, HttpServer server, ExecutorService pool) {
    this.plugin = plugin;
    this.server = server;
    this.pool = pool;
  }

  /** Serves on 127.0.0.1:port (0 = any free port) until {@link #stop()}. */
  public static HotlineServer start(WorkOrderDispatcher plugin, int port) throws IOException {
    final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    final ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    final HotlineServer s = new HotlineServer(plugin, server, pool);
    server.createContext("/dispatch", s::dispatch);
    server.createContext("/health", s::health);
    server.createContext("/", e -> s.reply(e, 404, error("not_found", "no such endpoint")));
    server.setExecutor(pool);
    server.start();
    return s;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void main(String[] args) throws Exception {
    String ruleset = "rulesets/demo-city.json";
    int port = 8080;
    for (int i = 0; i < args.length; ++i) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else {
        ruleset = args[i];
      }
    }
    final WorkOrderDispatcher plugin = new WorkOrderDispatcher(ruleset);
    final HotlineServer server = start(plugin, port);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      plugin.close();
    }));
    System.out.println("minhu 12345 plug-in: " + plugin.info() + ", listening on http://127.0.0.1:"
        + server.port());
  }

  // ---- handlers --------------------------------------------------------------------------

  private void dispatch(HttpExchange e) throws IOException {
    if (!e.getRequestMethod().equals("POST")) {
      e.getResponseHeaders().set("Allow", "POST");
      reply(e, 405, error("method_not_allowed", "use POST"));
      return;
    }
    final byte[] body = readBody(e);
    if (body == null) {
      reply(e, 413, error("too_large", "the body exceeds " + MAX_BODY + " bytes"));
      return;
    }
    final WorkOrder order;
    try {
      order = parseWorkOrder(new JSONObject(new String(body, StandardCharsets.UTF_8)));
    } catch (JSONException | IllegalArgumentException ex) {
      reply(e, 400, error("bad_request", ex.getMessage()));
      return;
    }
    try {
      reply(e, 200, toJson(order, plugin.handle(order)));
    } catch (MinhuException ex) {
      final JSONObject err = error(ex.getCode(), ex.getMessage());
      if (!ex.getPointer().isEmpty()) err.getJSONObject("error").put("pointer", ex.getPointer());
      reply(e, ex.getCode().equals("internal") ? 500 : 422, err);
    } catch (RuntimeException ex) {
      reply(e, 500, error("internal", String.valueOf(ex)));
    }
  }

  private void health(HttpExchange e) throws IOException {
    if (!e.getRequestMethod().equals("GET")) {
      e.getResponseHeaders().set("Allow", "GET");
      reply(e, 405, error("method_not_allowed", "use GET"));
      return;
    }
    final RulesetInfo info = plugin.info();
    reply(e, 200, new JSONObject()
        .put("status", "ok")
        .put("ruleset", new JSONObject()
            .put("id", info.getId())
            .put("version", info.getVersion())
            .put("name", info.getName())
            .put("generation", info.getGeneration())
            .put("categories", info.getCategories())
            .put("rules", info.getRules())
            .put("units", info.getUnits())
            .put("areas", info.getAreas())));
  }

  // ---- JSON --------------------------------------------------------------------------------

  /** {orderNo, title, content, source, acceptTime, gridCode, address, latitude, longitude,
   * reportedCategory, extra}; only orderNo is required. */
  static WorkOrder parseWorkOrder(JSONObject j) {
    if (!j.has("orderNo")) throw new IllegalArgumentException("orderNo is required");
    final WorkOrder o = new WorkOrder(String.valueOf(j.get("orderNo")))
        .setTitle(j.optString("title", ""))
        .setContent(j.optString("content", ""))
        .setSource(j.optString("source", ""))
        .setGridCode(j.optString("gridCode", ""))
        .setAddress(j.optString("address", ""))
        .setReportedCategory(j.optString("reportedCategory", ""));
    if (j.has("acceptTime")) o.setAcceptTime(j.getLong("acceptTime"));
    if (j.has("latitude") || j.has("longitude")) {
      o.setLocation(j.getDouble("latitude"), j.getDouble("longitude"));
    }
    final JSONObject extra = j.optJSONObject("extra");
    if (extra != null) {
      for (Iterator<String> it = extra.keys(); it.hasNext();) {
        final String k = it.next();
        final Object v = extra.get(k);
        if (v == JSONObject.NULL) {
          o.putExtra(k, null);
        } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
          o.putExtra(k, v);
        } else {
          throw new IllegalArgumentException("extra." + k + ": expected a string, number, boolean"
              + " or null");
        }
      }
    }
    return o;
  }

  static JSONObject toJson(WorkOrder order, Decision d) {
    final JSONArray assisting = new JSONArray();
    for (UnitRef u : d.getAssisting()) assisting.put(unit(u.getId(), u.getName()));
    final JSONArray evidence = new JSONArray();
    for (Span s : d.getSpans()) {
      evidence.put(new JSONObject()
          .put("field", s.getField())
          .put("text", s.getText())
          .put("begin", s.getCharBegin())  // Java/JS string indices, for highlighting
          .put("end", s.getCharEnd())
          .put("rule", s.getRule()));
    }
    return new JSONObject()
        .put("orderNo", order.getOrderNo())
        .put("decidedBy", d.getDecidedBy())
        .put("triage", d.isTriage())
        .put("category", d.getCategory())
        .put("categoryName", d.getCategoryName())
        .put("categoryPath", new JSONArray(d.getCategoryPath()))
        .put("urgency", d.getUrgency())
        .put("confidence", d.getConfidence())
        .put("rules", new JSONArray(d.getRules()))
        .put("tags", new JSONArray(d.getTags()))
        .put("area", d.getArea())
        .put("areaName", d.getAreaName())
        .put("locationMethod", d.getLocationMethod())
        .put("lead", unit(d.getLead(), d.getLeadName()))
        .put("tier", d.getTier())
        .put("assisting", assisting)
        .put("explanation", new JSONArray(d.getExplanation()))
        .put("evidence", evidence);
  }

  private static JSONObject unit(String id, String name) {
    return new JSONObject().put("id", id).put("name", name);
  }

  static JSONObject error(String code, String message) {
    return new JSONObject().put("error",
        new JSONObject().put("code", code).put("message", message == null ? "" : message));
  }

  // ---- HTTP plumbing -----------------------------------------------------------------------

  /**
   * The body, or null when it is larger than MAX_BODY. An oversized body is still read (up to a
   * bound) and discarded before the 413 goes out: answering while the client is still sending
   * would reset its connection and it would never see the error.
   */
  private static byte[] readBody(HttpExchange e) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final byte[] buf = new byte[8192];
    boolean tooLarge = false;
    long discarded = 0;
    try (InputStream in = e.getRequestBody()) {
      for (int n; (n = in.read(buf)) > 0;) {
        if (tooLarge || out.size() + n > MAX_BODY) {
          tooLarge = true;
          discarded += n;
          if (discarded > 16L * MAX_BODY) break;  // a client that never stops: give up reading
          continue;
        }
        out.write(buf, 0, n);
      }
    }
    return tooLarge ? null : out.toByteArray();
  }

  private void reply(HttpExchange e, int status, JSONObject body) throws IOException {
    final byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    e.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    e.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(bytes);
    }
    e.close();
  }
}
