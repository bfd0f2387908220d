package io.courtside.pipeline.read;

import io.courtside.pipeline.config.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewinds the consumer group before a streaming job starts, so that the job re-reads every record
 * of the windows it will recount ({@link RecountPoint}).
 *
 * <p>Why: window panes accumulate in runner state. A kill -9 loses that state while the group's
 * committed offsets may already be past posts of windows still open (offsets are committed when the
 * read's checkpoint is finalized, independently of the writes); a restart from those offsets would
 * recount such a window from only part of its posts.
 *
 * <p>Rule, per partition with a committed offset {@code c}: the new offset is {@code min(c,
 * offsetForTime(from))}, the first record whose Kafka timestamp is at or after {@code from}; with
 * no {@code from} (nothing is known to be final), the partition's first offset. The target is
 * absolute, not relative to {@code c}: starting twice, or a crash loop, rewinds to the same place
 * and never walks the group further back. A group that never committed is left alone: it starts
 * from the earliest offsets anyway.
 */
public final class RewindOnStart {
  private static final Logger LOG = LoggerFactory.getLogger(RewindOnStart.class);
  private static final long TIMEOUT_S = 30;

  private RewindOnStart() {}

  /**
   * Rewinds {@code group} on {@code topic} to the records stamped at or after {@code from} (empty:
   * to the beginning); returns the offsets it moved. Throws IllegalStateException when the group
   * cannot be rewound.
   */
  public static Map<TopicPartition, Long> rewind(
      KafkaClients clients, String topic, String group, Optional<Instant> from) {
    Map<String, Object> admin = clients.admin();
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    try (Admin a = Admin.create(admin);
        KafkaConsumer<byte[], byte[]> c = consumer(clients)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          a.listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_S, TimeUnit.SECONDS);
      Map<TopicPartition, Long> target = new HashMap<>();
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
        if (!e.getKey().topic().equals(topic)
            || e.getValue() == null
            || e.getValue().offset() <= 0) {
          continue;
        }
        long offset = e.getValue().offset();
        long newOffset = Math.min(offset, firstOffsetFrom(c, e.getKey(), from, offset));
        if (newOffset < offset) {
          target.put(e.getKey(), newOffset);
        }
      }
      if (target.isEmpty()) {
        return target;
      }
      Map<TopicPartition, OffsetAndMetadata> update = new HashMap<>();
      target.forEach((tp, o) -> update.put(tp, new OffsetAndMetadata(o)));
      a.alterConsumerGroupOffsets(group, update).all().get(TIMEOUT_S, TimeUnit.SECONDS);
      LOG.info(
          "Rewound consumer group {} on {} to the records stamped from {}: {}",
          group,
          topic,
          from.map(Instant::toString).orElse("the beginning"),
          target);
      return target;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot rewind consumer group "
              + group
              + " on topic "
              + topic
              + ": "
              + (e.getCause() == null ? e : e.getCause()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rewinding consumer group " + group, e);
    }
  }

  /**
   * The first offset stamped at or after {@code from}, the first offset without it; else {@code
   * end}.
   */
  private static long firstOffsetFrom(
      KafkaConsumer<byte[], byte[]> c, TopicPartition tp, Optional<Instant> from, long end) {
    Duration timeout = Duration.ofSeconds(TIMEOUT_S);
    if (from.isEmpty()) {
      return c.beginningOffsets(List.of(tp), timeout).getOrDefault(tp, end);
    }
    OffsetAndTimestamp found =
        c.offsetsForTimes(Map.of(tp, Math.max(0, from.get().toEpochMilli())), timeout).get(tp);
    return found == null ? end : found.offset();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaClients clients) {
    Map<String, Object> p = clients.consumer();
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // No group.id: this consumer only looks; it must not join or commit for the job's group.
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
