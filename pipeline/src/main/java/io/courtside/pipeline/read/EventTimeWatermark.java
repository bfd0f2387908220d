package io.courtside.pipeline.read;

import io.courtside.model.Post;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ParsePosts;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The watermark of one Kafka partition, on event time only, with idleness (like Flink's {@code
 * WatermarkStrategy.forBoundedOutOfOrderness(d).withIdleness(i)}).
 *
 * <ul>
 *   <li>A post's timestamp is its createdAt ({@link CreatedAtTimestamps}); any other record (headed
 *       for the dead letters, whatever createdAt it carries) keeps its Kafka timestamp and does not
 *       move the watermark, so a junk line in a replayed archive cannot make the archive late.
 *       Whether a record is a post is {@link ParsePosts#parse}'s decision, the job's own.
 *   <li>The partition's clock is the greatest createdAt it has read, each taken no later than its
 *       record's Kafka timestamp ({@link #clockTime}); its watermark trails the clock by {@code
 *       maxOutOfOrderness}.
 *   <li>Idle: when the partition is caught up (backlog 0) and has read nothing for {@code
 *       idleness}, its watermark advances from its own clock by the processing time elapsed since
 *       its last record. It never jumps to the wall clock, so an archive replayed at any speed
 *       stays on time, and the last windows of a stream that went quiet still close.
 *   <li>Empty: a caught-up partition that has read no dated record in this run does not hold the
 *       others back: it follows the lowest watermark of the job's other partitions in this JVM
 *       (every partition is in one JVM on the DirectRunner and on Spark with one executor). With no
 *       such partition it stays where it was. For {@code idleness} after the job's first dated
 *       record, an empty partition still holds the others where they are, as its reader may not
 *       have seen the records that stream is sending it yet.
 *   <li>Never ahead: a partition reports no more than the lowest watermark of the job's other
 *       partitions in this JVM. Beam takes the lowest watermark of a source's readers on the
 *       DirectRunner, so this changes nothing there; the Spark runner takes the highest, so without
 *       it a reader that races ahead through a backlog would make a slower reader's posts late.
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
  /**
   * The partitions of each job in this JVM: what each publishes, and when the first dated post
   * came.
   */
  private static final Map<String, Job> JOBS = new ConcurrentHashMap<>();

  /** One run of the job as seen by its readers in this JVM. */
  private static final class Job {
    /** Each partition's own watermark (or {@link #FOLLOWS}), for the others to be capped by. */
    final Map<Integer, Long> partitions = new ConcurrentHashMap<>();

    /** When a reader of the job first read a dated record (processing time); MIN_VALUE: not yet. */
    final AtomicLong firstDatedAt = new AtomicLong(Long.MIN_VALUE);
  }

  private final Job job;
  private final Map<Integer, Long> jobPartitions;
  private final int partition;
  private final int maxRecordBytes;
  private final long maxOutOfOrdernessMillis;
  private final long idlenessMillis;
  private final LongSupplier nowMillis;

  /** What an empty partition publishes: it follows the others and holds nothing back. */
  private static final long FOLLOWS = Long.MAX_VALUE;

  private long clock = Long.MIN_VALUE;
  private long lastReadMillis;

  /** This partition's own watermark, before the cap by the others: what it publishes. */
  private long own = BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis();

  private Instant watermark = BoundedWindow.TIMESTAMP_MIN_VALUE;

  EventTimeWatermark(
      String job,
      int partition,
      int maxRecordBytes,
      Duration maxOutOfOrderness,
      Duration idleness,
      Optional<Instant> previousWatermark,
      LongSupplier nowMillis) {
    this.job = JOBS.computeIfAbsent(job, j -> new Job());
    this.jobPartitions = this.job.partitions;
    this.partition = partition;
    this.maxRecordBytes = maxRecordBytes;
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
              own = w.getMillis();
              clock = w.getMillis() + maxOutOfOrdernessMillis;
            });
    // Registered at once: a reader that starts at the same time must see this one holding it.
    jobPartitions.putIfAbsent(partition, own);
  }

  /**
   * The factory KafkaIO calls per partition. {@code job} names one run of the job, so that two jobs
   * in one JVM (tests) never follow each other's partitions; {@code maxRecordBytes} is the job's
   * flag, for {@link ParsePosts#parse}.
   */
  public static TimestampPolicyFactory<byte[], byte[]> factory(
      String job, int maxRecordBytes, Duration maxOutOfOrderness, Duration idleness) {
    return (TopicPartition tp, Optional<Instant> previous) ->
        new EventTimeWatermark(
            job,
            tp.partition(),
            maxRecordBytes,
            maxOutOfOrderness,
            idleness,
            previous,
            System::currentTimeMillis);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<byte[], byte[]> record) {
    lastReadMillis = nowMillis.getAsLong();
    KV<Post, DeadLetter> parsed = ParsePosts.parse(record, maxRecordBytes, lastReadMillis);
    Instant eventTime = CreatedAtTimestamps.eventTime(record, parsed);
    if (parsed.getKey() == null) {
      return eventTime; // a dead letter: its Kafka time, and the clock stays where it is
    }
    clock = Math.max(clock, clockTime(eventTime.getMillis(), record.getTimestamp()));
    job.firstDatedAt.compareAndSet(Long.MIN_VALUE, lastReadMillis);
    return eventTime;
  }

  /**
   * How far a post with {@code createdAt} in a record stamped {@code kafkaTimestamp} moves its
   * partition's clock: to its createdAt, but no later than its record's Kafka timestamp (none: -1).
   * A post stamped ahead of its record (a device clock running fast: Bluesky's createdAt is the
   * client's) is still counted in its own window, but cannot take the clock into the future, where
   * every ordinary post after it would be late: one post 20 minutes ahead silenced 20 minutes of
   * live windows. {@code courtside verify}'s band ({@code LatenessRule}) uses the same rule.
   */
  public static long clockTime(long createdAt, long kafkaTimestamp) {
    return kafkaTimestamp < 0 ? createdAt : Math.min(createdAt, kafkaTimestamp);
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    boolean caughtUp = ctx.getMessageBacklog() == 0;
    if (clock != Long.MIN_VALUE) {
      long idleFor = nowMillis.getAsLong() - lastReadMillis;
      long candidate =
          clock - maxOutOfOrdernessMillis + (caughtUp && idleFor >= idlenessMillis ? idleFor : 0);
      own = own == FOLLOWS ? candidate : Math.max(own, candidate);
    } else if (caughtUp) {
      own = FOLLOWS; // empty: it holds nothing back
    }
    jobPartitions.put(partition, own);
    // Never ahead of another partition of the job: the Spark runner takes the highest watermark
    // of its readers, not the lowest, and would otherwise drop a slower reader's posts as late.
    Long lowest = lowestOfOthers(nowMillis.getAsLong());
    long capped = Math.min(own, lowest == null ? FOLLOWS : lowest);
    if (capped != FOLLOWS && capped > watermark.getMillis()) {
      watermark = new Instant(Math.min(capped, BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis() - 1));
    }
    return watermark;
  }

  /**
   * The lowest watermark of the job's other partitions in this JVM that hold any back; null if
   * none. An empty partition holds the others at their start for {@code idleness} after the job's
   * first dated record: its emptiness was seen before that record came, and the stream that just
   * began may be reaching it too (its reader has not looked again yet). Without this, an archive
   * sent into a job that waited on an empty topic let the first partition read race ahead of the
   * others and made their first posts late (seen on Spark, whose readers read one after another).
   */
  private Long lowestOfOthers(long now) {
    long first = job.firstDatedAt.get();
    boolean emptyHolds = first == Long.MIN_VALUE || now - first < idlenessMillis;
    Long lowest = null;
    for (Map.Entry<Integer, Long> e : jobPartitions.entrySet()) {
      long w = e.getValue() == FOLLOWS && emptyHolds ? Long.MIN_VALUE : e.getValue();
      if (e.getKey() != partition && w != FOLLOWS && (lowest == null || w < lowest)) {
        lowest = w;
      }
    }
    return lowest;
  }
}
