package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.launch.PipelineLauncher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile input on real parts: 10,000 malformed and adversarial records mixed into valid traffic
 * whose texts try every line-protocol trick; and a field type conflict in InfluxDB. Nothing may be
 * lost, nothing injected, and the job must stay up.
 */
public class AdversarialInputIT {
  private static final Logger LOG = LoggerFactory.getLogger(AdversarialInputIT.class);
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-adversarial");

  /** Texts that would break a naive line-protocol encoder. */
  static List<String> nastyTexts() {
    return List.of(
        "first line\nm,polarity=positive,source=x compound=1 1\nthird",
        "quote \" backslash \\ and a trailing backslash \\",
        "commas, equals= spaces   tab\t cr\r lf\n end",
        "ünïcödé 🏀🔥 \u202e עברית 中文 \uD83D\uDE00",
        "x".repeat(30_000) + " great end",
        "\\\" starts escaped",
        "\n\n\n",
        "",
        "ends with backslash\\",
        "literal \\n not a newline",
        "text=\"injected\" 1700000000000000000",
        "nul \u0000 and bell \u0007 characters");
  }

  /** Records the parser must refuse, of every kind; {@code n} of them. */
  static List<Traffic.Item> badRecords(int n, Instant now) {
    String ok = "\"id\":\"bad\",\"text\":\"t\"";
    String deep = "[".repeat(1000) + "]".repeat(1000);
    List<Traffic.Item> kinds = new ArrayList<>();
    kinds.add(new Traffic.Item("utf8", new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}));
    kinds.add(new Traffic.Item("overlong", new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'}));
    kinds.add(
        new Traffic.Item(
            "surrogate", new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}));
    kinds.add(
        Traffic.Item.raw("deep", "{" + ok + ",\"createdAt\":\"" + now + "\",\"x\":" + deep + "}"));
    kinds.add(
        Traffic.Item.raw("idnum", "{\"id\":42,\"createdAt\":\"" + now + "\",\"text\":\"t\"}"));
    kinds.add(
        Traffic.Item.raw(
            "textarr", "{\"id\":\"a\",\"createdAt\":\"" + now + "\",\"text\":[\"t\"]}"));
    kinds.add(
        Traffic.Item.raw(
            "tags", "{" + ok + ",\"createdAt\":\"" + now + "\",\"hashtags\":{\"a\":1}}"));
    kinds.add(Traffic.Item.raw("epoch", "{" + ok + ",\"createdAt\":1779238923000}"));
    kinds.add(Traffic.Item.raw("nocreated", "{" + ok + "}"));
    kinds.add(Traffic.Item.raw("notext", "{\"id\":\"a\",\"createdAt\":\"" + now + "\"}"));
    kinds.add(Traffic.Item.raw("1970", "{" + ok + ",\"createdAt\":\"1970-01-01T00:00:00Z\"}"));
    kinds.add(Traffic.Item.raw("3000", "{" + ok + ",\"createdAt\":\"3000-01-01T00:00:00Z\"}"));
    kinds.add(Traffic.Item.raw("baddate", "{" + ok + ",\"createdAt\":\"2026-13-45T25:61:00Z\"}"));
    kinds.add(Traffic.Item.raw("notjson", "post_sentiment,polarity=positive compound=1 1"));
    kinds.add(Traffic.Item.raw("array", "[1,2,3]"));
    kinds.add(Traffic.Item.raw("null", "null"));
    kinds.add(Traffic.Item.raw("empty", ""));
    kinds.add(Traffic.Item.raw("tombstone", null));
    kinds.add(
        Traffic.Item.raw("blankid", "{\"id\":\" \",\"createdAt\":\"" + now + "\",\"text\":\"t\"}"));
    kinds.add(
        Traffic.Item.raw("trailing", "{" + ok + ",\"createdAt\":\"" + now + "\"} {\"again\":1}"));
    List<Traffic.Item> out = new ArrayList<>(n);
    String hugeId = "9".repeat(450_000);
    for (int i = 0; i < n; i++) {
      if (i == 1) {
        // Issue 13: an id of 450,000 characters as key and in the value; its dead letter must fit.
        out.add(
            Traffic.Item.raw(
                hugeId,
                "{\"id\":\""
                    + hugeId
                    + "\",\"createdAt\":\"2005-12-31T23:59:59Z\",\"text\":\"t\"}"));
      } else if (i == 2) {
        // Issue 13: a lone surrogate would become "?" and merge with another post.
        out.add(
            Traffic.Item.raw(
                "x-lone", "{\"id\":\"x\\ud800\",\"createdAt\":\"" + now + "\",\"text\":\"t\"}"));
      } else if (i % 500 == 0) {
        // Larger than --maxRecordBytes=65536 below, but within the broker's 1 MB.
        out.add(
            Traffic.Item.raw(
                "huge",
                "{"
                    + ok
                    + ",\"createdAt\":\""
                    + now
                    + "\",\"pad\":\""
                    + "p".repeat(100_000)
                    + "\"}"));
      } else {
        out.add(kinds.get(i % kinds.size()));
      }
    }
    return out;
  }

  private static PipelineResult start(String topic, String db) throws Exception {
    Traffic.createTopic(stack.kafkaBootstrap(), topic);
    return PipelineLauncher.start(
        PipelineLauncher.parse(
            JobArgs.inProcess(
                stack,
                topic,
                db,
                "--consumerGroup=" + topic,
                "--windowSize=1m",
                "--maxOutOfOrderness=5s",
                "--earlyFiringPeriod=5s",
                "--maxRecordBytes=65536")));
  }

  @Test
  public void tenThousandBadRecordsAmongValidPostsAllLandWhereTheyBelong() throws Exception {
    String topic = "hostile";
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Post> valid = new ArrayList<>(TestPosts.posts("v-", 2_000, now.minusSeconds(90), 40, 31));
    List<String> nasty = nastyTexts();
    for (int i = 0; i < nasty.size(); i++) {
      Post p = valid.get(i * 97);
      valid.set(
          i * 97,
          new Post(
              p.id(),
              p.createdAt(),
              nasty.get(i),
              p.lang(),
              p.author(),
              "evil,source=x\\",
              List.of()));
    }
    List<Traffic.Item> bad = badRecords(10_000, now);
    List<Traffic.Item> all = new ArrayList<>(Traffic.of(valid));
    all.addAll(Traffic.of(valid.subList(0, 200))); // duplicate deliveries: counted once
    all.addAll(bad);
    Collections.shuffle(all, new Random(7));

    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_hostile");
    PipelineResult job = start(topic, "db_hostile");
    try {
      Traffic.send(stack.kafkaBootstrap(), topic, all);
      // Issue 13: Kafka CreateTime and createdAt both in year 2300 (it passed the skew rule, then
      // the encoder threw); it must be a dead letter like the others.
      long y2300 = Instant.parse("2300-01-01T00:00:00Z").toEpochMilli();
      try (CheckedProducer producer = new CheckedProducer(stack.kafkaBootstrap())) {
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                y2300,
                "y2300".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"y2300\",\"createdAt\":\"2300-01-01T00:00:00Z\",\"text\":\"t\"}"
                    .getBytes(StandardCharsets.UTF_8)));
      }
      int badCount = bad.size() + 1;
      Expected.awaitPosts(influx, valid.size(), Duration.ofSeconds(180));
      Expected.awaitWindows(influx, valid, Duration.ofSeconds(120));

      // Every text reads back exactly as sent: nothing split, nothing injected.
      Map<String, String> stored = new HashMap<>();
      for (JsonNode row : InfluxQuery.rows(influx, "SELECT id, \"text\" FROM post_sentiment")) {
        assertEquals(
            "post " + row.get("id") + " stored twice",
            null,
            stored.put(row.get("id").asText(), row.get("text").asText()));
      }
      for (Post p : valid) {
        assertEquals("text of " + p.id(), p.text(), stored.get(p.id()));
      }
      // No text became a measurement of its own.
      List<String> measurements = new ArrayList<>();
      InfluxQuery.rows(influx, "SHOW MEASUREMENTS")
          .forEach(r -> measurements.add(r.get("name").asText()));
      assertTrue(
          measurements.toString(),
          List.of("dead_letters", "entity_window", "polarity_window", "post_sentiment")
              .containsAll(measurements));

      Map<String, JsonNode> letters =
          Traffic.deadLetters(
              stack.kafkaBootstrap(), topic + "-dlq", badCount, Duration.ofSeconds(120));
      assertEquals(badCount, letters.size());
      Map<String, Integer> reasons = new TreeMap<>();
      for (JsonNode d : letters.values()) {
        String reason = d.path("reason").asText();
        assertTrue(d.toString(), reason.length() > 5);
        assertEquals(topic, d.path("topic").asText());
        reasons.merge(reason.length() > 60 ? reason.substring(0, 60) : reason, 1, Integer::sum);
      }
      LOG.info("dead-letter reasons: {}", reasons);
      assertEquals(PipelineResult.State.RUNNING, job.getState());
    } finally {
      job.cancel();
    }
  }

  @Test
  public void aFieldTypeConflictGoesToTheDeadLettersAndDoesNotBlockTheJob() throws Exception {
    String topic = "conflict";
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Post> posts = TestPosts.posts("k-", 300, now.minusSeconds(60), 100, 41);
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_conflict");
    influx.createDatabase();
    // 'total' becomes a string field of polarity_window in the shard of the first window: that
    // window's points conflict.
    long firstWindow = posts.get(0).createdAt().toEpochMilli() / 60_000 * 60_000;
    influx.write(List.of("polarity_window,topic=other total=\"oops\" " + firstWindow * 1_000_000));
    PipelineResult job = start(topic, "db_conflict");
    try {
      Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(posts));
      Expected.awaitPosts(influx, posts.size(), Duration.ofSeconds(120));
      Map<String, JsonNode> letters =
          Traffic.deadLetters(stack.kafkaBootstrap(), topic + "-dlq", 1, Duration.ofSeconds(60));
      assertTrue("no dead letter for the refused window points", letters.size() >= 1);
      JsonNode d = letters.values().iterator().next();
      assertEquals("influxdb", d.path("topic").asText());
      assertTrue(d.toString(), d.path("reason").asText().contains("field type conflict"));
      assertTrue(d.toString(), d.path("value").asText().startsWith("polarity_window,"));
      assertEquals(PipelineResult.State.RUNNING, job.getState());
      LOG.info("type conflict dead letter: {}", d);
    } finally {
      job.cancel();
    }
  }
}
