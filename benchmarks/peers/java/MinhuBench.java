// minhu through its Java binding (org.minhu, built by benchmarks/run.sh with plain javac from
// bindings/java/src/main/java and the SWIG-generated sources of build-peers; the native library
// given with -Dminhu.native.library). The raw petitions of WORK/petitions.tsv classified with
// WORK/common.json (or --ruleset). Mode `single`: engine.classify(p) per petition; `batch`:
// engine.classifyBatch(list) once per pass. Timing protocol of harness.py (probe, checked
// warm-up prefix, timed prefix repeated `inner` times per repetition); the JIT warms up in the
// probe and checked passes plus two untimed extra passes. `--warmup SECONDS` (default 0; run.sh
// gives every engine the same) adds untimed passes for that long first: on a small or busy
// machine the JIT's compiler threads are still at work during the first timed repetitions, and
// this measures the compiled steady state instead.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minhu.Decision;
import org.minhu.Engine;
import org.minhu.Petition;

public final class MinhuBench {
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) return s;
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String ruleOf(Decision d) {
    return "rule".equals(d.getDecidedBy()) && !d.getRules().isEmpty() ? d.getRules().get(0) : null;
  }

  public static void main(String[] argv) throws IOException {
    Map<String, String> a = new HashMap<>();
    a.put("reps", "5");
    a.put("budget", "4");
    a.put("check", "30");
    a.put("min-rep", "0.3");
    a.put("min-n", "200");
    a.put("mode", "single");
    a.put("warmup", "0");
    for (int i = 0; i + 1 < argv.length; i += 2) a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    String work = a.get("work");
    String ruleset = a.getOrDefault("ruleset", Paths.get(work, "common.json").toString());
    int reps = Integer.parseInt(a.get("reps"));
    double budget = Double.parseDouble(a.get("budget"));
    double check = Double.parseDouble(a.get("check"));
    double minRep = Double.parseDouble(a.get("min-rep"));
    int minN = Integer.parseInt(a.get("min-n"));
    boolean batch = a.get("mode").equals("batch");

    List<Petition> ps = new ArrayList<>();
    List<Long> bytes = new ArrayList<>();
    long acc = 0;
    bytes.add(0L);
    try (BufferedReader r = Files.newBufferedReader(Paths.get(work, "petitions.tsv"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split("\t", -1);
        String title = unescape(f[1]), text = unescape(f[2]);
        ps.add(new Petition(unescape(f[0])).title(title).text(text));
        acc += title.getBytes(StandardCharsets.UTF_8).length + text.getBytes(StandardCharsets.UTF_8).length;
        bytes.add(acc);
      }
    }
    final int n = ps.size();
    try (Engine engine = Engine.load(ruleset)) {
      String[] decisions = new String[n];
      String[] scratch = new String[n];
      final int p = Math.min(n, minN);
      long t0 = System.nanoTime();
      pass(engine, ps, p, batch, scratch);
      double rate = p / Math.max((System.nanoTime() - t0) / 1e9, 1e-9);
      final int c = n / rate <= check ? n : Math.max(p, (int) (rate * check));
      t0 = System.nanoTime();
      pass(engine, ps, c, batch, decisions);
      double warm = (System.nanoTime() - t0) / 1e9;
      rate = c / Math.max(warm, 1e-9);
      final int k = n / rate <= budget ? n : Math.max(p, (int) (rate * budget));
      final int inner = Math.max(1, (int) Math.ceil(minRep * rate / k));
      final long warmup = (long) (Double.parseDouble(a.get("warmup")) * 1e9);
      for (long w0 = System.nanoTime(); System.nanoTime() - w0 < warmup;) {
        pass(engine, ps, k, batch, scratch);
      }
      for (int w = 0; w < 2; w++) pass(engine, ps, k, batch, scratch);  // JIT
      double[] secs = new double[reps];
      double[] perSec = new double[reps];
      for (int r = 0; r < reps; r++) {
        t0 = System.nanoTime();
        for (int j = 0; j < inner; j++) pass(engine, ps, k, batch, scratch);
        secs[r] = (System.nanoTime() - t0) / 1e9;
        perSec[r] = (double) inner * k / secs[r];
      }
      double[] sorted = perSec.clone();
      Arrays.sort(sorted);
      double median = reps % 2 == 1 ? sorted[reps / 2] : (sorted[reps / 2 - 1] + sorted[reps / 2]) / 2;
      try (PrintWriter out = new PrintWriter(a.get("out"), "UTF-8")) {
        out.print("{\"engine\":\"minhu java\",\"mode\":\"" + a.get("mode") + "\",\"n\":" + n
            + ",\"n_checked\":" + c + ",\"n_timed\":" + k + ",\"inner\":" + inner + ",\"check_seconds\":" + warm + ",\"seconds\":" + list(secs)
            + ",\"per_sec\":" + list(perSec) + ",\"median_per_sec\":" + median + ",\"bytes_timed\":"
            + bytes.get(k) + ",\"java_version\":\"" + System.getProperty("java.version") + "\",\"decisions\":[");
        for (int i = 0; i < c; i++) {
          if (i > 0) out.print(',');
          out.print(decisions[i] == null ? "null" : "\"" + decisions[i] + "\"");  // ids need no escaping
        }
        out.println("]}");
      }
      System.err.printf("%22s %-8s %,14.0f petitions/s (checked %d, timed %d x%d, reps=%d)%n", "minhu java",
          a.get("mode"), median, c, k, inner, reps);
    }
  }

  static void pass(Engine e, List<Petition> ps, int k, boolean batch, String[] out) {
    if (batch) {
      List<Decision> ds = e.classifyBatch(k == ps.size() ? ps : ps.subList(0, k));
      for (int i = 0; i < k; i++) out[i] = ruleOf(ds.get(i));
    } else {
      for (int i = 0; i < k; i++) out[i] = ruleOf(e.classify(ps.get(i)));
    }
  }

  static String list(double[] xs) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < xs.length; i++) b.append(i > 0 ? "," : "").append(xs[i]);
    return b.append(']').toString();
  }
}
