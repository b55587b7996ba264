package org.minhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One Engine, 8 dispatching threads, one thread reloading 50 times. */
class ConcurrencyTest {
  static final String TEXT = "锦绣家园3栋电梯坏了一周，物业一直不修";

  /**
   * Two versions of the routing fixture: A as is (the text is "property", led by the compound's
   * property manager); B maps the property rule to "crime" (led by the police).
   */
  static void writeVersions(Path a, Path b) throws Exception {
    final JSONObject base = new JSONObject(Fixtures.read(Fixtures.dir().resolve("routing.json")));
    base.put("version", "A");
    Files.write(a, base.toString().getBytes(StandardCharsets.UTF_8));
    base.put("version", "B");
    final JSONArray rules = base.getJSONArray("rules");
    for (int i = 0; i < rules.length(); ++i) {
      final JSONObject r = rules.getJSONObject(i);
      if (r.getString("category").equals("property")) r.put("category", "crime");
    }
    Files.write(b, base.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(120)
  void eightDispatchersAndOneReloaderSeeWholeRulesetsOnly(@TempDir Path dir) throws Exception {
    final Path a = dir.resolve("a.json");
    final Path b = dir.resolve("b.json");
    writeVersions(a, b);
    try (Engine engine = Engine.load(a.toString())) {
      final Decision da = engine.dispatch(new Petition("x").text(TEXT));
      engine.reload(b.toString());
      final Decision db = engine.dispatch(new Petition("x").text(TEXT));
      engine.reload(a.toString());
      // The two versions disagree on category and lead: a mix would show.
      assertEquals("property", da.getCategory());
      assertEquals("pm-b-jx", da.getLead());
      assertEquals("crime", db.getCategory());
      assertEquals("dept-police", db.getLead());
      final long generation0 = engine.info().getGeneration();

      final int threads = 8;
      final int reloads = 50;
      final ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
      final AtomicBoolean reloading = new AtomicBoolean(true);
      final CountDownLatch start = new CountDownLatch(1);
      final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<String>();
      final AtomicLong seenA = new AtomicLong();
      final AtomicLong seenB = new AtomicLong();
      final List<Future<?>> futures = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; ++t) {
        final int id = t;
        futures.add(pool.submit(() -> {
          start.await();
          int n = 0;
          // Keep dispatching until the reloader is done, and at least 200 times.
          while (reloading.get() || n < 200) {
            final Petition p = new Petition("t" + id + "-" + n).text(TEXT);
            final Decision d = (n % 10 == 9)
                ? engine.dispatchBatch(Collections.singletonList(p)).get(0)
                : engine.dispatch(p);
            if (d.getCategory().equals("property") && d.getLead().equals("pm-b-jx")
                && d.getTier().equals("small")) {
              seenA.incrementAndGet();
            } else if (d.getCategory().equals("crime") && d.getLead().equals("dept-police")
                && d.getTier().equals("big")) {
              seenB.incrementAndGet();
            } else {
              errors.add("mixed result: " + d);
            }
            if (!d.getId().equals(p.getId())) errors.add("wrong id " + d.getId());
            ++n;
          }
          return null;
        }));
      }
      final Future<?> reloader = pool.submit(() -> {
        start.await();
        try {
          for (int i = 0; i < reloads; ++i) {
            engine.reload((i % 2 == 0 ? b : a).toString());
            final RulesetInfo info = engine.info();
            // Only this thread reloads, so the version is the one just loaded.
            if (!info.getVersion().equals(i % 2 == 0 ? "B" : "A")) {
              errors.add("version " + info.getVersion() + " after reload " + i);
            }
            Thread.sleep(1);
          }
        } finally {
          reloading.set(false);
        }
        return null;
      });
      start.countDown();
      reloader.get(90, TimeUnit.SECONDS);
      for (Future<?> f : futures) f.get(90, TimeUnit.SECONDS);
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

      assertTrue(errors.isEmpty(), errors.size() + " errors, first: " + errors.peek());
      assertEquals(generation0 + reloads, engine.info().getGeneration());
      assertEquals("A", engine.info().getVersion());  // 50 reloads: the last one loads A
      assertTrue(seenA.get() + seenB.get() >= threads * 200L);
      assertTrue(seenA.get() > 0 && seenB.get() > 0, "A " + seenA + ", B " + seenB);
    }
  }

  @Test
  @Timeout(60)
  void closeWaitsForCallsInFlightAndLaterCallsFailCleanly() throws Exception {
    final Engine engine = Engine.load(Fixtures.ruleset("routing"));
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<Throwable>();
    final CountDownLatch running = new CountDownLatch(4);
    for (int t = 0; t < 4; ++t) {
      pool.submit(() -> {
        running.countDown();
        try {
          while (true) engine.dispatch(new Petition("p").text(TEXT));
        } catch (IllegalStateException closed) {
          // expected: the engine was closed under us
        } catch (Throwable other) {
          unexpected.add(other);
        }
      });
    }
    running.await();
    Thread.sleep(50);
    engine.close();
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(unexpected.isEmpty(), String.valueOf(unexpected.peek()));
  }
}
