package org.minhu;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A citizen petition (诉求 / 工单) as plain values, built fluently:
 *
 * <pre>{@code
 * Petition p = new Petition("p1")
 *     .text("楼下饭店油烟直排")
 *     .channel("hotline")
 *     .area("grid-a-01-1")
 *     .attribute("age", 78);
 * }</pre>
 *
 * <p>Unset strings are {@code ""}. Not thread-safe while being built; the engine only reads it.
 */
public final class Petition {
  private String id = "";
  private String title = "";
  private String text = "";
  private String channel = "";
  private long receivedAt;
  private String area = "";
  private String address = "";
  private boolean hasPoint;
  private double lat;
  private double lon;
  private String category = "";
  private final Map<String, Object> attributes = new LinkedHashMap<String, Object>();

  public Petition() {}

  public Petition(String id) {
    id(id);
  }

  /**
   * Parses a petition from a JSON object in the format of the {@code minhu} CLI's JSON Lines
   * ({@code id, title, text, channel, received_at, area|grid, address, lat, lon, category,
   * attributes}).
   *
   * @throws MinhuException {@code petition_invalid} with the pointer of the offending field
   */
  public static Petition fromJson(String json) {
    return Convert.fromNative(
        org.minhu.internal.ApiDispatcher.parsePetition(requireNonNull(json, "json")));
  }

  private static String requireNonNull(String s, String what) {
    if (s == null) throw new NullPointerException(what);
    return s;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  public Petition id(String id) {
    this.id = orEmpty(id);
    return this;
  }

  public Petition title(String title) {
    this.title = orEmpty(title);
    return this;
  }

  public Petition text(String text) {
    this.text = orEmpty(text);
    return this;
  }

  /** The channel it came in by, e.g. {@code hotline}, {@code app}, {@code grid}, {@code sensor}. */
  public Petition channel(String channel) {
    this.channel = orEmpty(channel);
    return this;
  }

  /** Epoch milliseconds; 0 = unknown. The engine never reads the clock itself. */
  public Petition receivedAt(long epochMillis) {
    this.receivedAt = epochMillis;
    return this;
  }

  /** An explicit area id (grid, community, compound). */
  public Petition area(String area) {
    this.area = orEmpty(area);
    return this;
  }

  /** A free-text address, searched for area names. */
  public Petition address(String address) {
    this.address = orEmpty(address);
    return this;
  }

  /** A GPS point (WGS-84 degrees). */
  public Petition point(double lat, double lon) {
    this.hasPoint = true;
    this.lat = lat;
    this.lon = lon;
    return this;
  }

  public Petition clearPoint() {
    this.hasPoint = false;
    this.lat = 0;
    this.lon = 0;
    return this;
  }

  /** The category reported by the channel, if any. */
  public Petition category(String category) {
    this.category = orEmpty(category);
    return this;
  }

  public Petition attribute(String name, String value) {
    attributes.put(requireNonNull(name, "name"), value);
    return this;
  }

  public Petition attribute(String name, double value) {
    attributes.put(requireNonNull(name, "name"), value);
    return this;
  }

  public Petition attribute(String name, boolean value) {
    attributes.put(requireNonNull(name, "name"), value);
    return this;
  }

  /**
   * Sets an attribute from a JSON-like value: a {@link String}, a {@link Number}, a {@link
   * Boolean} or {@code null}.
   *
   * @throws IllegalArgumentException for any other type
   */
  public Petition attribute(String name, Object value) {
    if (value != null && !(value instanceof String) && !(value instanceof Number)
        && !(value instanceof Boolean)) {
      throw new IllegalArgumentException("attribute \"" + name + "\": expected a String, Number,"
          + " Boolean or null, got " + value.getClass().getName());
    }
    attributes.put(requireNonNull(name, "name"), value instanceof Number
        ? (Object) ((Number) value).doubleValue() : value);
    return this;
  }

  public String getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public String getText() {
    return text;
  }

  public String getChannel() {
    return channel;
  }

  public long getReceivedAt() {
    return receivedAt;
  }

  public String getArea() {
    return area;
  }

  public String getAddress() {
    return address;
  }

  public boolean hasPoint() {
    return hasPoint;
  }

  public double getLat() {
    return lat;
  }

  public double getLon() {
    return lon;
  }

  public String getCategory() {
    return category;
  }

  /** Name → String, Double, Boolean or null, in insertion order (read-only view). */
  public Map<String, Object> getAttributes() {
    return Collections.unmodifiableMap(attributes);
  }

  @Override
  public String toString() {
    return "Petition{id=" + id + ", text=" + text + (area.isEmpty() ? "" : ", area=" + area) + "}";
  }
}
