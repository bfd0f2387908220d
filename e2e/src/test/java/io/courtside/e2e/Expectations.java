package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.PostProducer;
import io.courtside.ingest.TopicAdmin;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.score.Polarity;
import io.courtside.sentiment.Vader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Producing posts, and what InfluxDB must hold for them: shared by the runner tests. */
final class Expectations {
  private Expectations() {}

  static void createTopic(String bootstrap, String topic) throws Exception {
    new TopicAdmin(KafkaSettings.admin(bootstrap, new Properties())).ensureTopic(topic, 3, (short) 1);
  }

  static void produce(String bootstrap, String topic, List<Post> posts) throws Exception {
    createTopic(bootstrap, topic);
    try (PostProducer producer = PostProducer.create(KafkaSettings.producer(bootstrap, new Properties()), topic)) {
      posts.forEach(producer::post);
      producer.flush();
      assertEquals(0, producer.failed());
    }
  }

  /** window start (ms) -> positive/negative/neutral/total, recounted from the posts. */
  static Map<Long, Map<String, Long>> recount(List<Post> posts) {
    Vader vader = Vader.standard();
    Map<Long, Map<String, Long>> windows = new TreeMap<>();
    for (Post p : posts) {
      long start = p.createdAt().toEpochMilli() / 60_000 * 60_000;
      String tag = Polarity.of(vader.polarityScores(p.text()).compound()).tag();
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
    for (JsonNode row : InfluxQuery.rows(influx, "SELECT positive, negative, neutral, total FROM polarity_window")) {
      Map<String, Long> w = new TreeMap<>();
      for (String f : List.of("positive", "negative", "neutral", "total")) {
        w.put(f, row.get(f).asLong());
      }
      windows.put(Instant.parse(row.get("time").asText()).toEpochMilli(), w);
    }
    return windows;
  }

  static long postCount(InfluxDbClient influx) {
    try {
      return InfluxQuery.count(influx, "SELECT count(compound) FROM post_sentiment");
    } catch (Exception | AssertionError notYet) {
      return -1; // the job creates the database
    }
  }

  /** Waits until exactly {@code want} posts are stored; fails at once on more. */
  static void awaitPosts(InfluxDbClient influx, long want, Duration timeout, SparkJob job) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long have = -1;
    while (System.nanoTime() < deadline) {
      have = postCount(influx);
      if (have == want) {
        return;
      }
      assertTrue("more points than posts: " + have, have < want);
      assertTrue("the Spark job died:\n" + job.logTail(), job.isAlive());
      Thread.sleep(1000);
    }
    throw new AssertionError("expected " + want + " posts in InfluxDB, found " + have
        + "\ndriver log tail:\n" + job.logTail());
  }

  static void awaitWindows(InfluxDbClient influx, Map<Long, Map<String, Long>> want, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<Long, Map<String, Long>> have = Map.of();
    while (System.nanoTime() < deadline) {
      have = storedWindows(influx);
      if (have.equals(want)) {
        return;
      }
      Thread.sleep(1000);
    }
    assertEquals(want, have);
  }
}
