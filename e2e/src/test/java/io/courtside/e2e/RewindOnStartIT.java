package io.courtside.e2e;

import static org.junit.Assert.assertEquals;

import io.courtside.pipeline.read.RewindOnStart;
import io.courtside.services.stack.LocalStack;
import io.courtside.services.stack.StackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
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
import org.junit.Test;

/** The rewind rule on a real broker, with record timestamps chosen so the answer is exact. */
public class RewindOnStartIT {
  private static final long T0 = 1_779_238_800_000L; // 2026-05-20T01:00:00Z

  @Test
  public void rewindsEachPartitionByTheHorizonBeforeItsLastCommittedRecordAndNeverForward()
      throws Exception {
    try (LocalStack stack =
        LocalStack.start(Files.createTempDirectory("courtside-rewind"), StackConfig.freePorts())) {
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

        // Last committed record of p0: offset 79 at T0+790s; 100 s before: T0+690s = offset 69.
        // p1: offset 2 at T0+20s; 100 s before is before its first record: offset 0.
        Map<TopicPartition, Long> moved =
            RewindOnStart.rewind(stack.kafkaBootstrap(), "rw", "g", Duration.ofSeconds(100));
        assertEquals(Map.of(p0, 69L, p1, 0L), moved);
        Map<TopicPartition, OffsetAndMetadata> now =
            admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata().get();
        assertEquals(69L, now.get(p0).offset());
        assertEquals(0L, now.get(p1).offset());

        // A second start rewinds again from where the group now is (offset 68 at T0+680s, so
        // T0+580s = offset 58), never forward; p1 is at 0 already.
        Map<TopicPartition, Long> again =
            RewindOnStart.rewind(stack.kafkaBootstrap(), "rw", "g", Duration.ofSeconds(100));
        assertEquals(Map.of(p0, 58L), again);
        // A group that never committed is left alone.
        assertEquals(Map.of(), RewindOnStart.rewind(stack.kafkaBootstrap(), "rw", "new", Duration.ofSeconds(100)));
      }
    }
  }

  private static byte[] bytes(int i) {
    return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
  }
}
