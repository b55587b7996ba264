package org.minhu.examples.hotline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.minhu.CaseEvent;
import org.minhu.CaseInfo;
import org.minhu.CaseTracker;
import org.minhu.Decision;
import org.minhu.Metrics;
import org.minhu.MinhuException;
import org.minhu.RulesetInfo;
import org.minhu.Span;
import org.minhu.UnitRef;

/**
 * The plug-in behind a tiny HTTP API on 127.0.0.1, with the JDK's built-in server:
 *
 * <ul>
 *   <li>{@code POST /dispatch}: a work order as JSON in, the decision and its SLA deadlines as
 *       JSON out; the work order's case is opened on the SLA clock;
 *   <li>{@code POST /cases/{orderNo}/{command}}: {@code acknowledge}, {@code start}, {@code
 *       reply}, {@code rate} or {@code close}, with an optional JSON body {@code {"at": epoch ms
 *       or ISO-8601, "stars": 1-5}}; answers the events and the case;
 *   <li>{@code GET /cases/{orderNo}}: the case (state, colour, deadlines, rating);
 *   <li>{@code GET /metrics[?scope=unit]}: 一量三率 of all cases or of a unit's subtree;
 *   <li>{@code GET /health}: the ruleset in use.
 * </ul>
 *
 * <p>Errors are JSON {@code {"error": {"code", "message"}}}: 400 a bad request or argument, 404
 * an unknown endpoint, case or command, 405 a wrong method, 409 a command the case's state does
 * not allow (or a work order dispatched twice), 413 a body over 64 KiB, 422 other engine errors.
 *
 * <p>Run: {@code java -cp ... org.minhu.examples.hotline.HotlineServer rulesets/demo-city.json
 * --port 8080 [--journal cases.db]} (see README.md).
 */
public final class HotlineServer {
  static final int MAX_BODY = 64 * 1024;
  /** The case commands of POST /cases/{orderNo}/{command}. */
  static final List<String> COMMANDS =
      Arrays.asList("acknowledge", "start", "reply", "rate", "close");

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
    server.createContext("/cases/", s::cases);
    server.createContext("/metrics", s::metrics);
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
    String journal = null;
    int port = 8080;
    for (int i = 0; i < args.length; ++i) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--journal") && i + 1 < args.length) {
        journal = args[++i];
      } else {
        ruleset = args[i];
      }
    }
    final WorkOrderDispatcher plugin = new WorkOrderDispatcher(ruleset, journal);
    final HotlineServer server = start(plugin, port);
    // The SLA clocks move when told: once a minute, colour changes, breaches and 督办 fall due.
    final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> {
      try {
        for (CaseEvent e : plugin.advance()) System.out.println("sla: " + e);
      } catch (RuntimeException ex) {
        System.err.println("sla: " + ex);
      }
    }, 0, 60, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ticker.shutdown();
      server.stop();
      plugin.close();
    }));
    System.out.println("minhu 12345 plug-in: " + plugin.info() + ", "
        + plugin.cases().size() + " cases" + (journal == null ? "" : " (journal " + journal + ")")
        + ", listening on http://127.0.0.1:" + server.port());
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
      final Decision d = plugin.handle(order);
      reply(e, 200, toJson(order, d, plugin.caseOf(order.getOrderNo())));
    } catch (MinhuException ex) {
      reply(e, ex);
    } catch (RuntimeException ex) {
      reply(e, 500, error("internal", String.valueOf(ex)));
    }
  }

  /** POST /cases/{orderNo}/{command} and GET /cases/{orderNo}. */
  private void cases(HttpExchange e) throws IOException {
    final List<String> path = segments(e.getRequestURI().getRawPath());  // "cases", id[, cmd]
    if (path.size() < 2 || path.size() > 3 || path.get(1).isEmpty()) {
      reply(e, 404, error("not_found", "use /cases/{orderNo} or /cases/{orderNo}/{command}"));
      return;
    }
    final String id = path.get(1);
    try {
      if (path.size() == 2) {
        if (!e.getRequestMethod().equals("GET")) {
          e.getResponseHeaders().set("Allow", "GET");
          reply(e, 405, error("method_not_allowed", "use GET"));
          return;
        }
        reply(e, 200, caseJson(plugin.caseOf(id)));
        return;
      }
      final String command = path.get(2);
      if (!COMMANDS.contains(command)) {
        reply(e, 404, error("not_found", "unknown command \"" + command + "\" (expected "
            + String.join(", ", COMMANDS) + ")"));
        return;
      }
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
      final long at;
      int stars = 0;
      try {
        final String text = new String(body, StandardCharsets.UTF_8).trim();
        final JSONObject j = text.isEmpty() ? new JSONObject() : new JSONObject(text);
        at = j.has("at") ? parseTime(j.get("at")) : plugin.now();
        if (command.equals("rate")) {
          final Object s = j.opt("stars");
          if (!(s instanceof Integer)) {
            throw new IllegalArgumentException("rate needs \"stars\": an integer, 1 to 5");
          }
          stars = (Integer) s;
        }
      } catch (JSONException | IllegalArgumentException ex) {
        reply(e, 400, error("bad_request", ex.getMessage()));
        return;
      }
      final CaseTracker t = plugin.cases();
      final List<CaseEvent> events;
      switch (command) {
        case "acknowledge":
          events = t.acknowledge(id, at);
          break;
        case "start":
          events = t.start(id, at);
          break;
        case "reply":
          events = t.reply(id, at);
          break;
        case "rate":
          events = t.rate(id, stars, at);
          break;
        default:
          events = t.closeCase(id, at);
          break;
      }
      final JSONArray es = new JSONArray();
      for (CaseEvent ev : events) es.put(eventJson(ev));
      reply(e, 200, new JSONObject()
          .put("orderNo", id)
          .put("events", es)
          .put("case", caseJson(plugin.caseOf(id))));
    } catch (MinhuException ex) {
      reply(e, ex);
    } catch (RuntimeException ex) {
      reply(e, 500, error("internal", String.valueOf(ex)));
    }
  }

  /** GET /metrics[?scope=unit]. */
  private void metrics(HttpExchange e) throws IOException {
    if (!e.getRequestMethod().equals("GET")) {
      e.getResponseHeaders().set("Allow", "GET");
      reply(e, 405, error("method_not_allowed", "use GET"));
      return;
    }
    if (!e.getRequestURI().getPath().equals("/metrics")) {
      reply(e, 404, error("not_found", "no such endpoint"));
      return;
    }
    final String scope = queryParameter(e.getRequestURI().getRawQuery(), "scope");
    try {
      final Metrics m = plugin.metrics(scope);
      reply(e, 200, new JSONObject()
          .put("scope", scope == null ? "" : scope)
          .put("volume", m.getVolume())
          .put("resolved", m.getResolved())
          .put("resolvedOnTime", m.getResolvedOnTime())
          .put("acknowledged", m.getAcknowledged())
          .put("acknowledgedOnTime", m.getAcknowledgedOnTime())
          .put("rated", m.getRated())
          .put("satisfied", m.getSatisfied())
          .put("closed", m.getClosed())
          .put("open", m.getOpen())
          .put("blue", m.getBlue())
          .put("yellow", m.getYellow())
          .put("red", m.getRed())
          .put("completionRate", m.getCompletionRate())
          .put("timelinessRate", m.getTimelinessRate())
          .put("satisfactionRate", m.getSatisfactionRate())
          .put("responseRate", m.getResponseRate()));
    } catch (MinhuException ex) {
      reply(e, ex);
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

  /** The decision with the SLA deadlines of its case. */
  static JSONObject toJson(WorkOrder order, Decision d, CaseInfo c) {
    return toJson(order, d).put("deadlines", deadlines(c));
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

  /** Epoch ms of the 签收, first-response and 办结 deadlines; null when the ruleset sets none. */
  static JSONObject deadlines(CaseInfo c) {
    return new JSONObject()
        .put("acknowledge", time(c.getAcknowledgeDue()))
        .put("respond", time(c.getRespondDue()))
        .put("resolve", time(c.getResolveDue()));
  }

  static JSONObject caseJson(CaseInfo c) {
    return new JSONObject()
        .put("orderNo", c.getId())
        .put("state", c.getState())
        .put("colour", c.getColour())
        .put("open", c.isOpen())
        .put("category", c.getCategory())
        .put("urgency", c.getUrgency())
        .put("area", c.getArea())
        .put("lead", unit(c.getLead(), c.getLeadName()))
        .put("assisting", new JSONArray(c.getAssisting()))
        .put("returnedBy", new JSONArray(c.getReturnedBy()))
        .put("paused", c.isPaused())
        .put("supervisor", c.isSupervised() ? c.getSupervisor() : JSONObject.NULL)
        .put("rating", c.getRating() == 0 ? JSONObject.NULL : (Object) c.getRating())
        .put("reopened", c.getReopened())
        .put("receivedAt", time(c.getReceivedAt()))
        .put("acknowledgedAt", time(c.getAcknowledgedAt()))
        .put("startedAt", time(c.getStartedAt()))
        .put("repliedAt", time(c.getRepliedAt()))
        .put("ratedAt", time(c.getRatedAt()))
        .put("closedAt", time(c.getClosedAt()))
        .put("deadlines", deadlines(c))
        .put("breached", new JSONArray(c.getBreached()));
  }

  static JSONObject eventJson(CaseEvent e) {
    final JSONObject j = new JSONObject()
        .put("seq", e.getSeq())
        .put("at", e.getAt())
        .put("kind", e.getKind());
    if (!e.getUnit().isEmpty()) j.put("unit", e.getUnit());
    if (e.getValue() != 0) j.put("value", e.getValue());
    if (!e.getDetail().isEmpty()) j.put("detail", e.getDetail());
    return j;
  }

  /** Epoch ms, or JSON null for 0 (not yet / none). */
  private static Object time(long epochMillis) {
    return epochMillis == 0 ? JSONObject.NULL : (Object) epochMillis;
  }

  /** "at": epoch ms, or an ISO-8601 time with offset ("2026-03-02T10:30:00+08:00"). */
  static long parseTime(Object at) {
    if (at instanceof Integer || at instanceof Long) return ((Number) at).longValue();
    if (at instanceof String) {
      try {
        return OffsetDateTime.parse((String) at).toInstant().toEpochMilli();
      } catch (DateTimeParseException ex) {
        throw new IllegalArgumentException("at: not an ISO-8601 time with offset: " + at);
      }
    }
    throw new IllegalArgumentException("at: expected epoch milliseconds or an ISO-8601 time");
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

  /** The decoded segments of a raw path: "/cases/GD%2D1/rate" → [cases, GD-1, rate]. */
  static List<String> segments(String rawPath) {
    final List<String> out = new ArrayList<String>();
    for (String s : rawPath.split("/", -1)) {
      if (out.isEmpty() && s.isEmpty()) continue;  // the leading "/"
      out.add(decode(s.replace("+", "%2B")));  // "+" is itself in a path, not a space
    }
    if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
    return out;
  }

  static String queryParameter(String rawQuery, String name) {
    if (rawQuery == null) return null;
    for (String pair : rawQuery.split("&")) {
      final int eq = pair.indexOf('=');
      final String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (k.equals(name)) return eq < 0 ? "" : decode(pair.substring(eq + 1));
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, "UTF-8");
    } catch (UnsupportedEncodingException | IllegalArgumentException ex) {
      return s;
    }
  }

  /** A MinhuException as its HTTP status: the case endpoints' 404/409/400, else 422/500. */
  private void reply(HttpExchange e, MinhuException ex) throws IOException {
    final JSONObject err = error(ex.getCode(), ex.getMessage());
    if (!ex.getPointer().isEmpty()) err.getJSONObject("error").put("pointer", ex.getPointer());
    final int status;
    switch (ex.getCode()) {
      case "unknown_case":
        status = 404;
        break;
      case "invalid_state":
        status = 409;
        break;
      case "invalid_argument":
        status = 400;
        break;
      case "internal":
      case "io":
        status = 500;
        break;
      default:
        status = 422;
    }
    reply(e, status, err);
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
