package io.courtside.pipeline.read;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewinds the consumer group before a streaming job starts, so that a restart after a crash
 * recounts every window that can still change from all of its posts.
 *
 * <p>Why: window panes accumulate in runner state. A kill -9 loses that state while the group's
 * committed offsets may already be past posts of windows still open; a restart from those offsets
 * would re-emit such a window from only the posts read after the restart, and its point would
 * overwrite the correct count with a smaller one.
 *
 * <p>Rule, per partition with a committed offset {@code c}: let {@code T} be the Kafka timestamp
 * of the record at {@code c - 1} (the last one committed). The new offset is {@code
 * min(c, offsetForTime(T - horizon))}, {@code horizon = windowSize + allowedLateness +
 * maxOutOfOrderness + margin}. Every window that was still open when that record was read ends
 * after {@code T - maxOutOfOrderness - allowedLateness} (the watermark then was about {@code T -
 * maxOutOfOrderness}), so all of its posts have createdAt after {@code T - horizon + margin}, and,
 * as long as a record's timestamp is at most {@code margin} before its createdAt, they are all
 * re-read. Posts read twice are counted once ({@code DistinctPosts}) and their points overwrite
 * themselves, so the overlap is harmless; dead letters of the overlap are published again
 * (identify them by topic, partition and offset). Measuring from {@code T} rather than from now
 * keeps the rule right after a long outage too.
 */
public final class RewindOnStart {
  private static final Logger LOG = LoggerFactory.getLogger(RewindOnStart.class);
  private static final long TIMEOUT_S = 30;

  private RewindOnStart() {}

  /**
   * Rewinds {@code group} on {@code topic}; returns the new offsets (empty when the group has
   * committed nothing yet). Throws IllegalStateException when the group cannot be rewound (for
   * example because another job still reads with it).
   */
  public static Map<TopicPartition, Long> rewind(
      String bootstrapServers, String topic, String group, Duration horizon) {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
    try (Admin a = Admin.create(admin); KafkaConsumer<byte[], byte[]> c = consumer(bootstrapServers)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          a.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
      Map<TopicPartition, Long> target = new HashMap<>();
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
        if (!e.getKey().topic().equals(topic) || e.getValue() == null || e.getValue().offset() <= 0) {
          continue;
        }
        long offset = e.getValue().offset();
        long newOffset = rewoundOffset(c, e.getKey(), offset, horizon);
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
      LOG.info("Rewound consumer group {} on {} by up to {} of record time, to {}", group, topic, horizon, target);
      return target;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot rewind consumer group " + group + " on topic " + topic + " (is another job"
              + " still running with this group?): " + (e.getCause() == null ? e : e.getCause()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rewinding consumer group " + group, e);
    }
  }

  private static long rewoundOffset(
      KafkaConsumer<byte[], byte[]> c, TopicPartition tp, long committed, Duration horizon) {
    Long lastCommittedTime = lastTimestampBefore(c, tp, committed);
    if (lastCommittedTime == null) {
      return committed; // the record is gone (retention, compaction): nothing left to recount
    }
    long from = lastCommittedTime - horizon.toMillis();
    OffsetAndTimestamp found =
        c.offsetsForTimes(Map.of(tp, Math.max(0, from)), Duration.ofSeconds(TIMEOUT_S)).get(tp);
    return found == null ? committed : Math.min(committed, found.offset());
  }

  /**
   * The timestamp of the last record before {@code committed}, or null if none is left. Looks at
   * the few records before it, since the one at {@code committed - 1} may be a transaction marker,
   * which a consumer never sees.
   */
  private static Long lastTimestampBefore(KafkaConsumer<byte[], byte[]> c, TopicPartition tp, long committed) {
    c.assign(List.of(tp));
    c.seek(tp, Math.max(0, committed - 16));
    Long last = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (System.nanoTime() < deadline && c.position(tp) < committed) {
      for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500)).records(tp)) {
        if (r.offset() < committed) {
          last = last == null ? r.timestamp() : Math.max(last, r.timestamp());
        }
      }
    }
    return last;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // No group.id: this consumer only looks; it must not join or commit for the job's group.
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
