package io.courtside.pipeline.verify;

import io.courtside.pipeline.read.EventTimeWatermark;
import org.joda.time.Duration;

/**
 * Which records a streaming job certainly counted: the one non-deterministic part of streaming,
 * modelled as a band. A record is SURE when the watermark of its partition cannot have passed its
 * window's end plus the allowed lateness when it was read; otherwise it is MAYBE (a streaming job
 * may have dropped it as late; a {@code --backfill} run counts it).
 *
 * <p>Per partition, in offset order: {@code clock} = the greatest createdAt of the posts (not dead
 * letters) before this one, each taken no later than its Kafka timestamp ({@link
 * EventTimeWatermark#clockTime}; none for the first record); {@code gap} = this record's Kafka
 * timestamp minus the previous one's; an idle partition lets the watermark follow the wall clock,
 * so a gap of at least {@code partitionIdleness − 5 s} adds {@code gap + 5 s} of credit. The
 * watermark the partition can have reached when it reads a record is its <i>ceiling</i>: the
 * greatest {@code clock − maxOutOfOrderness + credit} of this record and every record before it
 * (the watermark never goes back, so an idle advance still holds for the records after the first
 * one past the gap). SURE iff a clock exists and {@code window.maxTimestamp + allowedLateness ≥
 * ceiling}.
 */
public final class LatenessRule {
  /**
   * Slack on both sides of the idleness threshold: the source checks idleness only now and then.
   */
  static final long IDLE_SLACK_MILLIS = 5_000;

  private final long allowedLateness;
  private final long maxOutOfOrderness;
  private final long partitionIdleness;

  public LatenessRule(
      Duration allowedLateness, Duration maxOutOfOrderness, Duration partitionIdleness) {
    this.allowedLateness = allowedLateness.getMillis();
    this.maxOutOfOrderness = maxOutOfOrderness.getMillis();
    this.partitionIdleness = partitionIdleness.getMillis();
  }

  /** The credit an idle gap of {@code gapMillis} between two records of a partition gives. */
  long credit(long gapMillis) {
    return gapMillis >= partitionIdleness - IDLE_SLACK_MILLIS ? gapMillis + IDLE_SLACK_MILLIS : 0;
  }

  /**
   * The highest watermark a partition with {@code clock} can reach by the end of an idle gap of
   * {@code gapMillis}.
   */
  long reach(long clock, long gapMillis) {
    return clock - maxOutOfOrderness + credit(gapMillis);
  }

  /** The rule itself, for a record read under the partition's watermark {@code ceiling}. */
  boolean sure(long windowMaxTimestamp, long ceiling) {
    return windowMaxTimestamp + allowedLateness >= ceiling;
  }

  /** A fresh tracker for one partition. */
  public Partition partition() {
    return new Partition();
  }

  /** The state of one partition; feed it every record of the partition in offset order. */
  public final class Partition {
    private Long clock;

    /** The highest the partition's watermark can have been so far; null before any clock. */
    private Long ceiling;

    private Long previousTimestamp;
    private long previousOffset = -1;

    /**
     * Whether the record at {@code offset} is SURE, then moves past it.
     *
     * @param kafkaTimestamp the record's Kafka timestamp
     * @param postCreatedAt its createdAt when it is a post, null for a dead letter (whatever
     *     createdAt it carries: it does not move the job's watermark either)
     * @param windowMaxTimestamp the last millisecond of the record's window
     */
    public boolean next(
        long offset, long kafkaTimestamp, Long postCreatedAt, long windowMaxTimestamp) {
      if (offset <= previousOffset) {
        throw new IllegalArgumentException(
            "records of a partition must come in offset order: "
                + offset
                + " after "
                + previousOffset);
      }
      long gap = previousTimestamp == null ? 0 : kafkaTimestamp - previousTimestamp;
      if (clock != null) {
        long reach = reach(clock, gap);
        ceiling = ceiling == null ? reach : Math.max(ceiling, reach);
      }
      boolean sure = ceiling != null && sure(windowMaxTimestamp, ceiling);
      if (postCreatedAt != null) {
        long moves = EventTimeWatermark.clockTime(postCreatedAt, kafkaTimestamp);
        clock = clock == null ? moves : Math.max(clock, moves);
      }
      previousTimestamp = kafkaTimestamp;
      previousOffset = offset;
      return sure;
    }
  }
}
