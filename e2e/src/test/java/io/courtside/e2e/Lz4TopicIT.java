package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.ingest.KafkaSettings;
import io.courtside.ingest.PostProducer;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.services.stack.LocalStack;
import io.courtside.services.stack.StackConfig;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.Test;

/**
 * LZ4 topics with the maintained lz4-java fork ({@code at.yawk.lz4}, which keeps the {@code
 * net.jpountz} packages) in every JVM: the broker stores the topic as lz4, compressing itself the
 * batches a producer sent uncompressed, and the job decompresses every post.
 */
public class Lz4TopicIT {
  private static final Instant T0 = Instant.parse("2026-05-20T03:00:00Z");
  private static final int LZ4 = 3; // the compression codec in a record batch's attributes

  @Test
  public void aTopicStoredAsLz4IsReadInFull() throws Exception {
    Path state = Files.createTempDirectory("courtside-lz4");
    try (LocalStack stack = LocalStack.start(state, StackConfig.freePorts())) {
      String topic = "lz4";
      String bootstrap = stack.kafkaBootstrap();
      try (Admin admin = Admin.create(KafkaSettings.admin(bootstrap, new Properties()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic(topic, 3, (short) 1).configs(Map.of("compression.type", "lz4"))))
            .all()
            .get();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        assertEquals(
            "lz4",
            admin
                .describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get("compression.type")
                .value());
      }
      List<Post> posts = TestPosts.posts("lz-", 2000, T0, 150, 17);
      // Half from ingest's producer (compression.type=lz4), half uncompressed.
      Traffic.send(bootstrap, topic, Traffic.of(posts.subList(0, 1000)));
      Properties plain = new Properties();
      plain.setProperty("compression.type", "none");
      try (PostProducer producer =
          PostProducer.create(KafkaSettings.producer(bootstrap, plain), topic)) {
        posts.subList(1000, posts.size()).forEach(producer::post);
        producer.flush();
        assertEquals(0, producer.failed());
      }
      assertEquals("records in lz4 batches", posts.size(), recordsInLz4Batches(state, topic));

      List<String> args = JobArgs.of(stack, topic, "db_lz4", "--windowSize=1m");
      List<String> backfill = new java.util.ArrayList<>(args);
      backfill.add("--backfill");
      assertEquals(PipelineResult.State.DONE, JobArgs.start(backfill).waitUntilFinish());
      InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_lz4");
      assertEquals(
          posts.size(), InfluxQuery.count(influx, "SELECT count(compound) FROM post_sentiment"));
      Verified.await(args, Duration.ofMinutes(2));

      // This JVM's consumer decompressed with the fork, not org.lz4's 1.8.0 (a runtime dependency
      // of kafka-clients, so not on the compile classpath).
      String lz4Jar =
          Class.forName("net.jpountz.lz4.LZ4Factory")
              .getProtectionDomain()
              .getCodeSource()
              .getLocation()
              .toString();
      assertTrue(lz4Jar, lz4Jar.contains("/at/yawk/lz4/"));
    } finally {
      TempDirs.delete(state);
    }
  }

  /**
   * Reads the broker's segment files of {@code topic} (Kafka's record batch format v2) and counts
   * the records of its data batches; fails on any batch that is not lz4.
   */
  private static long recordsInLz4Batches(Path state, String topic) throws Exception {
    long records = 0;
    try (Stream<Path> files = Files.walk(state)) {
      for (Path log :
          (Iterable<Path>)
              files
                      .filter(f -> f.getParent().getFileName().toString().matches(topic + "-\\d+"))
                      .filter(f -> f.toString().endsWith(".log"))
                  ::iterator) {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(log));
        while (b.remaining() >= 61) {
          int start = b.position();
          int length = b.getInt(start + 8);
          short attributes = b.getShort(start + 21);
          boolean control = (attributes & 0x20) != 0;
          if (!control) {
            assertEquals("compression of a batch in " + log, LZ4, attributes & 0x07);
            records += b.getInt(start + 57);
          }
          b.position(start + 12 + length);
        }
      }
    }
    return records;
  }
}
