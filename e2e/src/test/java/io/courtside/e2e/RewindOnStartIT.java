package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.config.KafkaClients;
import io.courtside.pipeline.read.GroupLease;
import io.courtside.pipeline.read.RewindOnStart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * Where a streaming start resumes, on a real broker: the rewind to the recount point, with record
 * timestamps chosen so the answer is exact, and the one-job-per-group lease.
 */
public class RewindOnStartIT {
  private static final long T0 = 1_779_238_800_000L; // 2026-05-20T01:00:00Z

  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-rewind");

  @Test
  public void rewindsEachPartitionToItsFirstRecordStampedFromTheRecountPointAndNoFurther()
      throws Exception {
    Properties a = new Properties();
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    try (Admin admin = Admin.create(a)) {
      admin.createTopics(java.util.List.of(new NewTopic("rw", 2, (short) 1))).all().get();
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
        // Partition 0: one record every 10 s of record time. Partition 1: 5 records.
        for (int i = 0; i < 100; i++) {
          producer.send(new ProducerRecord<>("rw", 0, T0 + i * 10_000L, null, bytes(i))).get();
        }
        for (int i = 0; i < 5; i++) {
          producer.send(new ProducerRecord<>("rw", 1, T0 + i * 10_000L, null, bytes(i))).get();
        }
      }
      TopicPartition p0 = new TopicPartition("rw", 0);
      TopicPartition p1 = new TopicPartition("rw", 1);
      admin
          .alterConsumerGroupOffsets(
              "g", Map.of(p0, new OffsetAndMetadata(80), p1, new OffsetAndMetadata(3)))
          .all()
          .get();

      // From T0+690s: p0's first record stamped then is offset 69; p1 has none, it stays.
      Optional<Instant> from = Optional.of(Instant.ofEpochMilli(T0 + 690_000));
      assertEquals(
          Map.of(p0, 69L),
          RewindOnStart.rewind(KafkaClients.of(stack.kafkaBootstrap()), "rw", "g", from));
      assertEquals(69L, committed(admin, "g", p0));
      assertEquals(3L, committed(admin, "g", p1));
      // A second start (a crash loop) goes to the same place: it never walks the group back.
      assertEquals(
          Map.of(), RewindOnStart.rewind(KafkaClients.of(stack.kafkaBootstrap()), "rw", "g", from));
      assertEquals(69L, committed(admin, "g", p0));
      // A point after the committed offsets never moves the group forward.
      assertEquals(
          Map.of(),
          RewindOnStart.rewind(
              KafkaClients.of(stack.kafkaBootstrap()),
              "rw",
              "g",
              Optional.of(Instant.ofEpochMilli(T0 + 950_000))));
      // No recount point (nothing is final): every partition from its beginning.
      assertEquals(
          Map.of(p0, 0L, p1, 0L),
          RewindOnStart.rewind(
              KafkaClients.of(stack.kafkaBootstrap()), "rw", "g", Optional.empty()));
      // A group that never committed is left alone (it starts from the earliest offsets).
      assertEquals(
          Map.of(),
          RewindOnStart.rewind(
              KafkaClients.of(stack.kafkaBootstrap()), "rw", "new", Optional.empty()));
    }
  }

  @Test
  public void aSecondJobWithTheSameGroupIsRefusedAndTheLeaseIsFreeOnceTheFirstStops()
      throws Exception {
    Traffic.createTopic(stack.kafkaBootstrap(), "leased");
    GroupLease first = GroupLease.acquire(KafkaClients.of(stack.kafkaBootstrap()), "leased", "g1");
    try {
      IllegalStateException refused =
          assertThrows(
              IllegalStateException.class,
              () -> GroupLease.acquire(KafkaClients.of(stack.kafkaBootstrap()), "leased", "g1"));
      assertTrue(
          refused.getMessage(),
          refused
              .getMessage()
              .contains("another streaming job reads topic leased with --consumerGroup=g1"));
      // Another group is not affected.
      GroupLease.acquire(KafkaClients.of(stack.kafkaBootstrap()), "leased", "g2").close();
    } finally {
      first.close();
    }
    long start = System.nanoTime();
    GroupLease.acquire(KafkaClients.of(stack.kafkaBootstrap()), "leased", "g1").close();
    assertTrue("a lease given back is free at once", System.nanoTime() - start < 5_000_000_000L);
  }

  private static long committed(Admin admin, String group, TopicPartition tp) throws Exception {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get()
        .get(tp)
        .offset();
  }

  private static byte[] bytes(int i) {
    return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
  }
}
