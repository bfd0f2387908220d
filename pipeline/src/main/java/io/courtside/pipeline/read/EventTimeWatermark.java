package io.courtside.pipeline.read;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The watermark of one Kafka partition, on event time only, with idleness (like Flink's
 * {@code WatermarkStrategy.forBoundedOutOfOrderness(d).withIdleness(i)}).
 *
 * <ul>
 *   <li>A record's timestamp is its believable createdAt ({@link CreatedAtTimestamps}); a record
 *       without one (headed for the dead letters) keeps its Kafka timestamp and does not move the
 *       watermark, so a junk line in a replayed archive cannot make the archive late.
 *   <li>The partition's clock is the greatest createdAt it has read; its watermark trails the clock
 *       by {@code maxOutOfOrderness}.
 *   <li>Idle: when the partition is caught up (backlog 0) and has read nothing for {@code
 *       idleness}, its watermark advances from its own clock by the processing time elapsed since
 *       its last record. It never jumps to the wall clock, so an archive replayed at any speed stays
 *       on time, and the last windows of a stream that went quiet still close.
 *   <li>Empty: a caught-up partition that has read no dated record in this run does not hold the
 *       others back: it follows the lowest watermark of the job's other partitions in this JVM
 *       (every partition is in one JVM on the DirectRunner and on Spark with one executor). With
 *       no such partition it stays where it was.
 * </ul>
 *
 * Why not KafkaIO's {@code CustomTimestampPolicyWithLimitedDelay}: when a partition is caught up it
 * sets the watermark to <i>now - maxDelay</i>, so every post of a replayed archive (createdAt in
 * the past) becomes late and is dropped from the windows, and a partition that never had a record
 * keeps the whole job's watermark at its minimum, so no window ever closes.
 *
 * <p>The watermark only moves forward. A post is droppably late when its window ended more than
 * {@code allowedLateness} before the job's watermark (the lowest over partitions), so it is
 * certainly kept when its window ends no more than that before its own partition's clock minus
 * {@code maxOutOfOrderness} (plus any idle advance): the band {@code courtside verify} checks.
 */
public final class EventTimeWatermark extends TimestampPolicy<byte[], byte[]> {
  /** Partition watermarks per job, for empty partitions to follow: one entry per partition. */
  private static final Map<String, Map<Integer, Long>> JOBS = new ConcurrentHashMap<>();

  private final Map<Integer, Long> jobPartitions;
  private final int partition;
  private final long maxOutOfOrdernessMillis;
  private final long idlenessMillis;
  private final LongSupplier nowMillis;

  private long clock = Long.MIN_VALUE;
  private long lastReadMillis;
  private Instant watermark = BoundedWindow.TIMESTAMP_MIN_VALUE;

  EventTimeWatermark(
      String job,
      int partition,
      Duration maxOutOfOrderness,
      Duration idleness,
      Optional<Instant> previousWatermark,
      LongSupplier nowMillis) {
    this.jobPartitions = JOBS.computeIfAbsent(job, j -> new ConcurrentHashMap<>());
    this.partition = partition;
    this.maxOutOfOrdernessMillis = maxOutOfOrderness.getMillis();
    this.idlenessMillis = idleness.getMillis();
    this.nowMillis = nowMillis;
    this.lastReadMillis = nowMillis.getAsLong();
    // A reader re-created from a checkpoint resumes where its partition's watermark was.
    previousWatermark
        .filter(w -> w.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE))
        .ifPresent(
            w -> {
              watermark = w;
              clock = w.getMillis() + maxOutOfOrdernessMillis;
            });
  }

  /**
   * The factory KafkaIO calls per partition. {@code job} names one run of the job, so that two
   * jobs in one JVM (tests) never follow each other's partitions.
   */
  public static TimestampPolicyFactory<byte[], byte[]> factory(
      String job, Duration maxOutOfOrderness, Duration idleness) {
    return (TopicPartition tp, Optional<Instant> previous) ->
        new EventTimeWatermark(
            job, tp.partition(), maxOutOfOrderness, idleness, previous, System::currentTimeMillis);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<byte[], byte[]> record) {
    lastReadMillis = nowMillis.getAsLong();
    Optional<Instant> createdAt = CreatedAtTimestamps.believableCreatedAt(record);
    if (createdAt.isEmpty()) {
      return new Instant(record.getTimestamp());
    }
    clock = Math.max(clock, createdAt.get().getMillis());
    return createdAt.get();
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    boolean caughtUp = ctx.getMessageBacklog() == 0;
    Long candidate = null;
    if (clock != Long.MIN_VALUE) {
      long idleFor = nowMillis.getAsLong() - lastReadMillis;
      candidate = clock - maxOutOfOrdernessMillis + (caughtUp && idleFor >= idlenessMillis ? idleFor : 0);
    } else if (caughtUp) {
      candidate = lowestOfOthers();
    }
    if (candidate != null && candidate > watermark.getMillis()) {
      watermark = new Instant(Math.min(candidate, BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis() - 1));
    }
    if (clock != Long.MIN_VALUE) {
      jobPartitions.put(partition, watermark.getMillis());
    }
    return watermark;
  }

  private Long lowestOfOthers() {
    Long lowest = null;
    for (Map.Entry<Integer, Long> e : jobPartitions.entrySet()) {
      if (e.getKey() != partition && (lowest == null || e.getValue() < lowest)) {
        lowest = e.getValue();
      }
    }
    return lowest;
  }
}
