package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.PostProducer;
import io.courtside.ingest.TopicAdmin;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.launch.DirectThreads;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.sentiment.Vader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * The product path on real parts: a KRaft broker in its own JVM and the Debian influxd, on free
 * loopback ports; the Beam job on DirectRunner. Posts with fixed createdAt values so that every
 * score and window count can be checked against a recount.
 */
public class PipelineEndToEndIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-e2e");

  @Test
  public void backfillWritesEveryValidPostOnceWithRightScoresAndWindowCounts() throws Exception {
    String topic = "backfill";
    List<Post> posts = TestPosts.posts("bf-", 3000, T0, 200, 7); // 10 minutes of posts
    List<String> bad = TestPosts.malformed(70);
    produce(topic, posts, bad);

    runBackfill(topic, "db_backfill");
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_backfill");
    assertEquals(
        posts.size(), InfluxQuery.count(influx, "SELECT count(compound) FROM post_sentiment"));

    // Every post, once, with the scorer's exact compound.
    Vader vader = Vader.standard();
    Map<String, Double> expected = new HashMap<>();
    for (Post p : posts) {
      expected.put(p.id(), vader.polarityScores(p.text()).compound());
    }
    Map<String, Double> stored = new HashMap<>();
    for (JsonNode row : InfluxQuery.rows(influx, "SELECT id, compound FROM post_sentiment")) {
      Double previous = stored.put(row.get("id").asText(), row.get("compound").asDouble());
      assertEquals("post " + row.get("id") + " stored twice", null, previous);
    }
    assertEquals(expected, stored);

    // Window counts equal a recount from the posts.
    assertEquals(Expected.recount(posts), Expected.storedWindows(influx));

    // Bad records are in the dead-letter topic, readable, with reasons.
    List<JsonNode> letters = readAll(topic + "-dlq", bad.size());
    assertEquals(bad.size(), letters.size());
    for (JsonNode letter : letters) {
      assertTrue(letter.toString(), letter.get("reason").asText().length() > 5);
      assertEquals(topic, letter.get("topic").asText());
      assertTrue(bad.contains(letter.get("value").asText()));
    }

    // Replaying the same records again changes nothing.
    produce(topic, posts, List.of());
    runBackfill(topic, "db_backfill");
    assertEquals(
        posts.size(), InfluxQuery.count(influx, "SELECT count(compound) FROM post_sentiment"));
    assertEquals(Expected.recount(posts), Expected.storedWindows(influx));
  }

  @Test
  public void streamingKeepsRunningThroughBadInputAndWritesEveryPost() throws Exception {
    String topic = "stream";
    // Recent createdAt values, as in a live game: the second batch arrives behind the watermark
    // but within the allowed lateness, so late panes must complete the window counts.
    Instant start =
        Instant.now().minusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<Post> first = TestPosts.posts("s1-", 500, start, 100, 11);
    List<Post> second = TestPosts.posts("s2-", 500, start.plusSeconds(25), 100, 12);
    produce(topic, first, TestPosts.malformed(20));

    PipelineLauncher.Job o =
        PipelineLauncher.parse(
            args(topic, "db_stream", "--consumerGroup=e2e-stream", "--earlyFiringPeriod=1s"));
    // The launcher counted the topic's 3 partitions on the broker: a thread for each reader.
    assertEquals(
        DirectThreads.forPartitions(3, Runtime.getRuntime().availableProcessors()),
        o.options().as(DirectOptions.class).getTargetParallelism());
    PipelineResult result = PipelineLauncher.start(o);
    try {
      InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_stream");
      Expected.awaitPosts(influx, first.size(), Duration.ofSeconds(120));
      // More posts, with more bad input in between, while the job runs.
      produce(topic, second, TestPosts.malformed(20));
      Expected.awaitPosts(influx, first.size() + second.size(), Duration.ofSeconds(120));
      assertEquals(PipelineResult.State.RUNNING, result.getState());
      List<Post> all = new ArrayList<>(first);
      all.addAll(second);
      Expected.awaitWindows(influx, all, Duration.ofSeconds(90));
      assertEquals(40, readAll(topic + "-dlq", 40).size());
    } finally {
      result.cancel();
    }
  }

  /**
   * A mistyped --topic: the backfill stops before it creates anything (a consumer asking for a
   * missing topic's partitions used to make the broker create it, and the dead-letter topic was
   * made first).
   */
  @Test
  public void aMistypedTopicIsNamedAndABackfillLeavesNoTopicBehind() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = PipelineLauncher.run(List.of(args("twiterdata", "db_typo", "--backfill")), err, "");
    assertEquals(bytes.toString(StandardCharsets.UTF_8), 1, code);
    assertTrue(
        bytes.toString(StandardCharsets.UTF_8),
        bytes
            .toString(StandardCharsets.UTF_8)
            .contains(
                "courtside pipeline: topic 'twiterdata' does not exist at "
                    + stack.kafkaBootstrap()
                    + ": nothing to backfill (check --topic)"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrap()))) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      assertFalse(topics.toString(), topics.contains("twiterdata"));
      assertFalse(topics.toString(), topics.contains("twiterdata-dlq"));
    }
  }

  private static String[] args(String topic, String db, String... extra) {
    List<String> a = JobArgs.of(stack, topic, db, "--windowSize=1m", "--maxOutOfOrderness=5s");
    a.addAll(List.of(extra));
    a.addAll(JobArgs.DIRECT_IN_PROCESS);
    return a.toArray(new String[0]);
  }

  private static void runBackfill(String topic, String db) {
    PipelineLauncher.Job o = PipelineLauncher.parse(args(topic, db, "--backfill"));
    PipelineResult.State state = PipelineLauncher.start(o).waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, state);
  }

  private static void produce(String topic, List<Post> posts, List<String> bad) throws Exception {
    new TopicAdmin(KafkaSettings.admin(stack.kafkaBootstrap(), new Properties()))
        .ensureTopic(topic, 3, (short) 1);
    try (PostProducer producer =
        PostProducer.create(
            KafkaSettings.producer(stack.kafkaBootstrap(), new Properties()), topic)) {
      int b = 0;
      for (int i = 0; i < posts.size(); i++) {
        producer.post(posts.get(i));
        if (b < bad.size() && i % Math.max(1, posts.size() / Math.max(1, bad.size())) == 0) {
          producer.raw("bad-" + b, bad.get(b++).getBytes(StandardCharsets.UTF_8));
        }
      }
      while (b < bad.size()) {
        producer.raw("bad-" + b, bad.get(b++).getBytes(StandardCharsets.UTF_8));
      }
      producer.flush();
      assertEquals(0, producer.failed());
    }
  }

  private static List<JsonNode> readAll(String topic, int want) throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + System.nanoTime());
    List<JsonNode> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (out.size() < want && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(java.time.Duration.ofMillis(500))) {
          out.add(MAPPER.readTree(r.value()));
        }
      }
      // Anything beyond `want` would be a duplicate: give it a moment to show up.
      for (ConsumerRecord<String, String> r : c.poll(java.time.Duration.ofSeconds(2))) {
        out.add(MAPPER.readTree(r.value()));
      }
    }
    return out;
  }
}
