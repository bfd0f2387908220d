package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.score.Polarity;
import io.courtside.sentiment.Vader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What InfluxDB must hold after a run: every post once, and window counts equal to a recount. */
final class Expected {
  private static final Logger LOG = LoggerFactory.getLogger(Expected.class);
  private static final Vader VADER = Vader.standard();

  private Expected() {}

  /** window start (ms) -> polarity tag and "total" -> count, for 1-minute windows. */
  static Map<Long, Map<String, Long>> recount(List<Post> posts) {
    return recount(posts, Duration.ofMinutes(1));
  }

  /** window start (ms) -> polarity tag and "total" -> count, for windows of {@code size}. */
  static Map<Long, Map<String, Long>> recount(List<Post> posts, Duration size) {
    long sizeMillis = size.toMillis();
    Map<Long, Map<String, Long>> windows = new TreeMap<>();
    Map<String, Post> distinct = new java.util.LinkedHashMap<>();
    posts.forEach(p -> distinct.put(p.id(), p));
    for (Post p : distinct.values()) {
      long start = Math.floorDiv(p.createdAt().toEpochMilli(), sizeMillis) * sizeMillis;
      String tag = Polarity.of(VADER.polarityScores(p.text()).compound()).tag();
      Map<String, Long> w = windows.computeIfAbsent(start, k -> new TreeMap<>());
      w.merge(tag, 1L, Long::sum);
      w.merge("total", 1L, Long::sum);
    }
    for (Map<String, Long> w : windows.values()) {
      for (String tag : List.of("positive", "negative", "neutral")) {
        w.putIfAbsent(tag, 0L);
      }
    }
    return windows;
  }

  static Map<Long, Map<String, Long>> storedWindows(InfluxDbClient influx) throws Exception {
    Map<Long, Map<String, Long>> windows = new TreeMap<>();
    for (JsonNode row :
        InfluxQuery.rows(
            influx, "SELECT positive, negative, neutral, total FROM polarity_window")) {
      Map<String, Long> w = new TreeMap<>();
      for (String f : List.of("positive", "negative", "neutral", "total")) {
        w.put(f, row.get(f).asLong());
      }
      windows.put(Instant.parse(row.get("time").asText()).toEpochMilli(), w);
    }
    return windows;
  }

  /** window start (ISO-8601) -> total of every polarity_window point. */
  static Map<String, Long> windowTotals(InfluxDbClient influx) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    for (JsonNode row : InfluxQuery.rows(influx, "SELECT total FROM polarity_window")) {
      out.put(row.get("time").asText(), row.get("total").asLong());
    }
    return out;
  }

  static long postCount(InfluxDbClient influx) {
    try {
      return InfluxQuery.count(influx, "SELECT count(compound) FROM post_sentiment");
    } catch (Exception | AssertionError notYet) {
      return -1; // the database is created by the job
    }
  }

  /** Waits until exactly {@code want} posts are stored; more than that fails at once. */
  static void awaitPosts(InfluxDbClient influx, long want, Duration timeout) throws Exception {
    awaitPosts(influx, want, timeout, () -> {});
  }

  /** As above; {@code stillAlive} throws when the job under test has died, to fail fast. */
  static void awaitPosts(InfluxDbClient influx, long want, Duration timeout, Runnable stillAlive)
      throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long have = -1;
    while (System.nanoTime() < deadline) {
      stillAlive.run();
      have = postCount(influx);
      if (have == want) {
        waited(start, want + " posts stored");
        return;
      }
      assertTrue("more points than posts: " + have + " > " + want, have < want);
      Thread.sleep(500);
    }
    throw new AssertionError("expected " + want + " posts in InfluxDB, found " + have);
  }

  /** Waits until the stored 1-minute windows equal {@link #recount(List)} of {@code posts}. */
  static void awaitWindows(InfluxDbClient influx, List<Post> posts, Duration timeout)
      throws Exception {
    awaitWindows(influx, posts, Duration.ofMinutes(1), timeout);
  }

  /**
   * Waits until every stored polarity_window (positive, negative, neutral, total) equals the
   * recount of {@code posts} in windows of {@code size}, and no other window is stored.
   */
  static void awaitWindows(InfluxDbClient influx, List<Post> posts, Duration size, Duration timeout)
      throws Exception {
    Map<Long, Map<String, Long>> want = recount(posts, size);
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Map<Long, Map<String, Long>> have = Map.of();
    while (System.nanoTime() < deadline) {
      have = storedWindows(influx);
      if (have.equals(want)) {
        waited(start, want.size() + " windows equal to the recount");
        return;
      }
      Thread.sleep(500);
    }
    assertEquals(want, have);
  }

  /**
   * Waits until a polarity_window point is stored as closed: from then on a restart finds a recount
   * point and rewinds part of the topic, instead of recounting all of it.
   */
  static void awaitClosedWindow(InfluxDbClient influx, Duration timeout)
      throws InterruptedException {
    await(
        "a closed window",
        timeout,
        () -> {
          try {
            return InfluxQuery.count(
                    influx,
                    "SELECT count(\"total\") AS count FROM polarity_window WHERE closed = true")
                > 0;
          } catch (Exception e) {
            return false; // the database may not exist yet
          }
        });
  }

  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
    waited(start, what);
  }

  /**
   * Logs how long a wait took: the test output then shows where an end-to-end test spends its time
   * on a slow machine, which the class's total in the Maven summary does not.
   */
  static void waited(long startNanos, String what) {
    LOG.info(
        "waited {} s for {}", String.format("%.1f", (System.nanoTime() - startNanos) / 1e9), what);
  }
}
