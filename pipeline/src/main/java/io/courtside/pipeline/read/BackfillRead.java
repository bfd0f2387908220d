package io.courtside.pipeline.read;

import io.courtside.pipeline.config.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A bounded read of everything a topic holds when the job starts: at run time, one step takes the
 * partitions' [earliest, end) offsets, and each partition is then read up to its snapshot end with
 * a plain consumer, stamped with createdAt like the streaming read.
 *
 * <p>Hand-written because KafkaIO 2.70's bounded reads do not fit: {@code withStopReadTime} fails
 * when the stop time lies after a partition's last record ({@code offsetsForTimes} returns null;
 * ReadFromKafkaDoFn.initialRestriction), and {@code withMaxNumRecords} splits the count evenly
 * across partitions and waits forever when they hold unequal counts. No offsets are committed: a
 * backfill is a re-read, not a consumer.
 */
public final class BackfillRead
    extends PTransform<PBegin, PCollection<KafkaRecord<byte[], byte[]>>> {
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaClients clients;
  private final String topic;
  private final int maxRecordBytes;

  private BackfillRead(KafkaClients clients, String topic, int maxRecordBytes) {
    this.clients = clients;
    this.topic = topic;
    this.maxRecordBytes = maxRecordBytes;
  }

  /** {@code maxRecordBytes}: the job's flag, for the event time ({@link CreatedAtTimestamps}). */
  public static BackfillRead of(KafkaClients clients, String topic, int maxRecordBytes) {
    return new BackfillRead(clients, topic, maxRecordBytes);
  }

  @Override
  public PCollection<KafkaRecord<byte[], byte[]>> expand(PBegin input) {
    return input
        .apply("Start", Impulse.create())
        .apply("SnapshotOffsets", ParDo.of(new SnapshotFn(clients, topic)))
        .apply("SpreadPartitions", Reshuffle.viaRandomKey())
        .apply("ReadPartition", ParDo.of(new ReadRangeFn(clients, maxRecordBytes)))
        .setCoder(
            KafkaRecordCoder.of(
                NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())));
  }

  /**
   * A plain consumer: no group, no commits, read_committed (also what {@code courtside verify}
   * reads with), after the {@code --kafkaConfig} settings.
   */
  public static KafkaConsumer<byte[], byte[]> consumer(KafkaClients clients) {
    Map<String, Object> config = clients.consumer();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A consumed record as KafkaIO delivers it (headers are not used by the job). */
  public static KafkaRecord<byte[], byte[]> toKafkaRecord(ConsumerRecord<byte[], byte[]> r) {
    return new KafkaRecord<>(
        r.topic(),
        r.partition(),
        r.offset(),
        r.timestamp(),
        KafkaTimestampType.forOrdinal(r.timestampType().ordinal()),
        null,
        r.key(),
        r.value());
  }

  static final class SnapshotFn extends DoFn<byte[], PartitionRange> {
    private final KafkaClients clients;
    private final String topic;

    SnapshotFn(KafkaClients clients, String topic) {
      this.clients = clients;
      this.topic = topic;
    }

    @ProcessElement
    public void process(OutputReceiver<PartitionRange> out) {
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(clients)) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException(
              "topic '"
                  + topic
                  + "' does not exist at "
                  + clients.bootstrapServers()
                  + ": nothing to backfill");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
          long from = begin.get(tp);
          long to = end.get(tp);
          if (to > from) {
            out.output(new PartitionRange(topic, tp.partition(), from, to));
          }
        }
      }
    }
  }

  static final class ReadRangeFn extends DoFn<PartitionRange, KafkaRecord<byte[], byte[]>> {
    private final KafkaClients clients;
    private final int maxRecordBytes;
    private final Counter read = Metrics.counter(BackfillRead.class, "records_read");

    ReadRangeFn(KafkaClients clients, int maxRecordBytes) {
      this.clients = clients;
      this.maxRecordBytes = maxRecordBytes;
    }

    @ProcessElement
    public void process(
        @Element PartitionRange range, OutputReceiver<KafkaRecord<byte[], byte[]>> out) {
      TopicPartition tp = new TopicPartition(range.topic(), range.partition());
      try (KafkaConsumer<byte[], byte[]> consumer = consumer(clients)) {
        consumer.assign(List.of(tp));
        consumer.seek(tp, range.start());
        long lastProgress = System.nanoTime();
        // position() also moves over transaction markers and compacted gaps, which yield no record.
        while (consumer.position(tp) < range.end()) {
          long before = consumer.position(tp);
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            if (r.offset() >= range.end()) {
              return;
            }
            KafkaRecord<byte[], byte[]> record = toKafkaRecord(r);
            out.outputWithTimestamp(record, CreatedAtTimestamps.eventTime(record, maxRecordBytes));
            read.inc();
          }
          if (consumer.position(tp) > before) {
            lastProgress = System.nanoTime();
          } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
            throw new IllegalStateException(
                "backfill of "
                    + tp
                    + " made no progress for "
                    + STALL_TIMEOUT.toSeconds()
                    + " s at offset "
                    + before
                    + " (snapshot end "
                    + range.end()
                    + ")");
          }
        }
      }
    }
  }
}
