package io.courtside.pipeline.read;

import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.config.KafkaClients;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;

/**
 * Reads raw post records from Kafka, stamped with their createdAt event time.
 *
 * <p>Streaming: resumes from the consumer group's committed offsets (earliest for a new group) and
 * commits offsets once Beam has finalized the read's checkpoint, which does not wait for the writes
 * downstream: a restart re-reads from the recount point ({@code RewindOnStart}), and correctness
 * rests on idempotent writes. Watermarks: {@link EventTimeWatermark}.
 *
 * <p>Backfill: {@link BackfillRead}, a bounded read of what the topic holds when the job starts,
 * from the earliest offsets, without a consumer group; the job ends when it has read it.
 */
public final class ReadRecords
    extends PTransform<PBegin, PCollection<KafkaRecord<byte[], byte[]>>> {
  private final KafkaClients clients;
  private final String topic;
  private final String consumerGroup;
  private final int maxRecordBytes;
  private final boolean backfill;
  private final Duration maxOutOfOrderness;
  private final Duration partitionIdleness;

  /** Names this run of the job for {@link EventTimeWatermark}'s empty partitions. */
  private final String job = java.util.UUID.randomUUID().toString();

  private ReadRecords(
      KafkaClients clients,
      String topic,
      String consumerGroup,
      int maxRecordBytes,
      boolean backfill,
      Duration maxOutOfOrderness,
      Duration partitionIdleness) {
    this.clients = clients;
    this.topic = topic;
    this.consumerGroup = consumerGroup;
    this.maxRecordBytes = maxRecordBytes;
    this.backfill = backfill;
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.partitionIdleness = partitionIdleness;
  }

  /** The read of {@code c}'s topic; event times as {@link CreatedAtTimestamps} says. */
  public static ReadRecords from(JobConfig c) {
    JobConfig.Kafka kafka = c.kafka();
    return new ReadRecords(
        kafka.clients(),
        kafka.topic(),
        kafka.consumerGroup(),
        c.maxRecordBytes(),
        kafka.backfill(),
        kafka.maxOutOfOrderness(),
        kafka.partitionIdleness());
  }

  @Override
  public PCollection<KafkaRecord<byte[], byte[]>> expand(PBegin input) {
    if (backfill) {
      return input.apply(
          "BackfillRead(" + topic + ")", BackfillRead.of(clients, topic, maxRecordBytes));
    }
    Map<String, Object> consumer = new HashMap<>();
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Only posts whose producer transaction committed (plain idempotent producers are unaffected).
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaIO.Read<byte[], byte[]> read =
        KafkaIO.<byte[], byte[]>read()
            .withBootstrapServers(clients.bootstrapServers())
            .withTopic(topic)
            // Nullable: a record without key, or a tombstone (null value), is a dead letter, not
            // an encoding failure that would stop the job.
            .withKeyDeserializerAndCoder(
                ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
            .withValueDeserializerAndCoder(
                ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
            .withTimestampPolicyFactory(
                EventTimeWatermark.factory(
                    job, maxRecordBytes, maxOutOfOrderness, partitionIdleness))
            .withConsumerConfigUpdates(consumer)
            // The --kafkaConfig settings (SASL/SSL, tuning) under these, added on the worker.
            .withConsumerFactoryFn(clients.consumerFactory())
            .commitOffsetsInFinalize();
    return input.apply("KafkaIO.read(" + topic + ")", read);
  }
}
