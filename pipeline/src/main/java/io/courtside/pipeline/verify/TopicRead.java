package io.courtside.pipeline.verify;

import io.courtside.pipeline.config.KafkaClients;
import io.courtside.pipeline.read.BackfillRead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic once, as a backfill does: every partition from its earliest offset to the end
 * offset snapshotted at the start, with the backfill's plain consumer (no group, no commits,
 * read_committed). Each partition's records come in offset order.
 */
public final class TopicRead {
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

  /** Told after every poll how many of the snapshot's records were read. */
  public interface Progress {
    void update(long read, long total);
  }

  private TopicRead() {}

  /** Hands every record of {@code topic} to {@code sink}; returns how many were read. */
  public static long readAll(
      KafkaClients clients,
      String topic,
      Consumer<KafkaRecord<byte[], byte[]>> sink,
      Progress progress)
      throws VerifyException {
    String bootstrapServers = clients.bootstrapServers();
    try (KafkaConsumer<byte[], byte[]> consumer = BackfillRead.consumer(clients)) {
      // listTopics, not partitionsFor: asking for a missing topic's partitions may create it.
      Map<String, List<PartitionInfo>> topics;
      try {
        topics = consumer.listTopics(METADATA_TIMEOUT);
      } catch (KafkaException e) {
        throw new VerifyException(
            "cannot reach Kafka at "
                + bootstrapServers
                + " (--bootstrapServers): "
                + e.getMessage(),
            e);
      }
      if (!topics.containsKey(topic)) {
        throw new VerifyException(
            "topic '" + topic + "' does not exist at " + bootstrapServers + " (--topic)");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      topics.get(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long total = 0;
      for (TopicPartition tp : partitions) {
        total += end.get(tp) - begin.get(tp);
      }
      consumer.assign(partitions);
      begin.forEach(consumer::seek);
      long read = 0;
      long lastProgress = System.nanoTime();
      progress.update(0, total);
      while (!done(consumer, end)) {
        int polled = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          polled++;
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            sink.accept(BackfillRead.toKafkaRecord(r));
            read++;
          }
        }
        if (polled > 0) {
          lastProgress = System.nanoTime();
          progress.update(read, total);
        } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
          throw new VerifyException(
              "reading "
                  + topic
                  + " at "
                  + bootstrapServers
                  + " made no progress for "
                  + STALL_TIMEOUT.toSeconds()
                  + " s ("
                  + read
                  + " of "
                  + total
                  + " records read)");
        }
      }
      progress.update(read, total);
      return read;
    } catch (KafkaException e) {
      throw new VerifyException(
          "reading " + topic + " at " + bootstrapServers + " failed: " + e.getMessage(), e);
    }
  }

  /** Every partition is at or past its snapshot end (position also skips transaction markers). */
  private static boolean done(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
