package org.minhu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.minhu.internal.ApiDispatcher;
import org.minhu.internal.MinhuNative;

/**
 * Engine's classify, dispatch and their batches in one JNI crossing each way: the petitions
 * packed into one {@code char[]}, the decisions read back from one {@code char[]}, in the
 * format described in minhu_java.i ({@code packed_call}). Strings travel as UTF-16 units and are
 * converted to and from UTF-8 in C++ with the same code as every other string of the binding;
 * strings the decisions repeat (categories, rule ids, urgency, keywords, units, ...) come once
 * per call and become one {@code String} each, lists of them one unmodifiable list each.
 */
final class Packed {
  private Packed() {}

  static final int CLASSIFY = 0;
  static final int DISPATCH = 1;
  static final int CLASSIFY_BATCH = 2;
  static final int DISPATCH_BATCH = 3;

  // As Convert made them: an empty list of spans or units throws on clear() too.
  private static final List<Span> NO_SPANS = Collections.unmodifiableList(new ArrayList<Span>(0));
  private static final List<UnitRef> NO_UNITS =
      Collections.unmodifiableList(new ArrayList<UnitRef>(0));

  /** Classifies or dispatches (op above) {@code petitions}; exclude only for DISPATCH. */
  static List<Decision> call(ApiDispatcher d, int op, List<Petition> petitions,
      List<String> exclude) {
    return decode(MinhuNative.packedCall(d, encode(petitions, exclude), op), petitions);
  }

  // ---- in ---------------------------------------------------------------------------------------

  // Per petition and per decision in methods of their own: the JIT compiles them after a few
  // hundred petitions, not only once a whole batch's loop has run long enough to be replaced.
  private static char[] encode(List<Petition> petitions, List<String> exclude) {
    long size = 4;
    for (String s : exclude) size += 2 + (s == null ? 0 : s.length());
    for (Petition p : petitions) size += size(p);
    if (size > Integer.MAX_VALUE - 16) {
      throw new MinhuException("invalid_argument", "a batch of " + petitions.size()
          + " petitions is too large to pass at once (split it)", Collections.<Problem>emptyList());
    }
    final Out out = new Out((int) size);
    out.u32(exclude.size());
    for (String s : exclude) out.str(s == null ? "" : s);
    out.u32(petitions.size());
    for (Petition p : petitions) write(out, p);
    if (out.at != out.b.length) throw new IllegalStateException("minhu: packed size mismatch");
    return out.b;
  }

  private static long size(Petition p) {
    if (p == null) throw new NullPointerException("petition");
    long size = 2 * 7 + 4 + 1 + 8 + 2 + p.getId().length() + p.getTitle().length()
        + p.getText().length() + p.getChannel().length() + p.getArea().length()
        + p.getAddress().length() + p.getCategory().length();
    final Map<String, Object> attributes = p.getAttributes();
    if (attributes.isEmpty()) return size;
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      final Object v = e.getValue();
      size += 2 + e.getKey().length() + 1;
      if (v instanceof Boolean || v instanceof Number) {
        size += 4;
      } else if (v != null) {
        size += 2 + v.toString().length();
      }
    }
    return size;
  }

  private static void write(Out out, Petition p) {
    out.str(p.getId());
    out.str(p.getTitle());
    out.str(p.getText());
    out.str(p.getChannel());
    out.u64(p.getReceivedAt());
    out.str(p.getArea());
    out.str(p.getAddress());
    out.b[out.at++] = p.hasPoint() ? (char) 1 : (char) 0;
    out.f64(p.getLat());
    out.f64(p.getLon());
    out.str(p.getCategory());
    final Map<String, Object> attributes = p.getAttributes();
    out.u32(attributes.size());
    if (attributes.isEmpty()) return;
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      final Object v = e.getValue();
      out.str(e.getKey());
      if (v == null) {
        out.b[out.at++] = 3;
      } else if (v instanceof Boolean) {
        out.b[out.at++] = 2;
        out.f64((Boolean) v ? 1 : 0);
      } else if (v instanceof Number) {
        out.b[out.at++] = 1;
        out.f64(((Number) v).doubleValue());
      } else {
        out.b[out.at++] = 0;
        out.str(v.toString());
      }
    }
  }

  private static final class Out {
    final char[] b;
    int at;

    Out(int size) {
      b = new char[size];
    }

    void u32(int v) {
      b[at] = (char) v;
      b[at + 1] = (char) (v >>> 16);
      at += 2;
    }

    void u64(long v) {
      b[at] = (char) v;
      b[at + 1] = (char) (v >>> 16);
      b[at + 2] = (char) (v >>> 32);
      b[at + 3] = (char) (v >>> 48);
      at += 4;
    }

    void f64(double v) {
      u64(Double.doubleToRawLongBits(v));
    }

    void str(String s) {
      final int n = s.length();
      u32(n);
      s.getChars(0, n, b, at);
      at += n;
    }
  }

  // ---- out --------------------------------------------------------------------------------------

  private static List<Decision> decode(char[] b, List<Petition> petitions) {
    final In in = new In(b);
    final String[] strings = new String[in.u32()];
    strings[0] = "";
    in.u32();
    for (int i = 1; i < strings.length; ++i) strings[i] = in.str();
    @SuppressWarnings("unchecked")
    final List<String>[] lists = new List[in.u32()];
    lists[0] = Collections.emptyList();
    in.u32();
    for (int i = 1; i < lists.length; ++i) {
      final String[] l = new String[in.u32()];
      for (int k = 0; k < l.length; ++k) l[k] = strings[in.u32()];
      lists[i] = Collections.unmodifiableList(Arrays.asList(l));
    }
    final Decision[] ds = new Decision[in.u32()];
    for (int i = 0; i < ds.length; ++i) ds[i] = decision(in, strings, lists, petitions.get(i));
    return Collections.unmodifiableList(Arrays.asList(ds));
  }

  private static Decision decision(In in, String[] strings, List<String>[] lists, Petition p) {
    final int idSize = in.u32();
    final String id = idSize == -1 ? p.getId() : in.chars(idSize);
    final String decidedBy = strings[in.u32()];
    final String category = strings[in.u32()];
    final String categoryName = strings[in.u32()];
    final List<String> categoryPath = lists[in.u32()];
    final String urgency = strings[in.u32()];
    final double confidence = in.f64();
    final List<String> rules = lists[in.u32()];
    final List<String> tags = lists[in.u32()];
    final int ns = in.u32();
    final List<Span> spans;
    if (ns == 0) {
      spans = NO_SPANS;
    } else {
      final Span[] s = new Span[ns];
      for (int k = 0; k < ns; ++k) {
        final String field = strings[in.u32()];
        final long begin = in.u64();
        final long end = in.u64();
        final int charBegin = in.u32();
        final int charEnd = in.u32();
        s[k] = new Span(field, begin, end, charBegin, charEnd, strings[in.u32()],
            strings[in.u32()], strings[in.u32()], strings[in.u32()]);
      }
      spans = Collections.unmodifiableList(Arrays.asList(s));
    }
    final List<String> flags = lists[in.u32()];
    final String area = strings[in.u32()];
    final String areaName = strings[in.u32()];
    final String locationMethod = strings[in.u32()];
    final List<String> areaCandidates = lists[in.u32()];
    final String lead = strings[in.u32()];
    final String leadName = strings[in.u32()];
    final String tier = strings[in.u32()];
    final int na = in.u32();
    final List<UnitRef> assisting;
    if (na == 0) {
      assisting = NO_UNITS;
    } else {
      final UnitRef[] a = new UnitRef[na];
      for (int k = 0; k < na; ++k) a[k] = new UnitRef(strings[in.u32()], strings[in.u32()]);
      assisting = Collections.unmodifiableList(Arrays.asList(a));
    }
    return new Decision(id, decidedBy, category, categoryName, categoryPath, urgency,
        confidence, rules, tags, spans, flags, area, areaName, locationMethod, areaCandidates,
        lead, leadName, tier, assisting, lists[in.u32()]);
  }

  private static final class In {
    final char[] b;
    int at;

    In(char[] b) {
      this.b = b;
    }

    int u32() {
      final int v = b[at] | b[at + 1] << 16;
      at += 2;
      return v;
    }

    long u64() {
      final long v = (long) b[at] | (long) b[at + 1] << 16 | (long) b[at + 2] << 32
          | (long) b[at + 3] << 48;
      at += 4;
      return v;
    }

    double f64() {
      return Double.longBitsToDouble(u64());
    }

    String str() {
      return chars(u32());
    }

    String chars(int n) {
      final String s = n == 0 ? "" : new String(b, at, n);
      at += n;
      return s;
    }
  }
}
