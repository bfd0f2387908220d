package io.courtside.pipeline.parse;

import java.time.Instant;
import java.util.Optional;
import org.joda.time.Duration;

/**
 * Which createdAt values are believable. A post must be created on or after {@link #EARLIEST}
 * (2006-01-01, before the first tweet: a 1970 date is a zero or a unit bug), before {@link #LATEST}
 * (InfluxDB stores nanoseconds in a signed 64-bit integer), and at most {@link #MAX_FUTURE_SKEW}
 * after both the Kafka timestamp of its record (when it has one) and the clock of whoever reads it:
 * a date in year 3000 is a bug, and a record whose Kafka timestamp lies in the future too (a
 * producer's clock, or a hostile one) must not drag the event-time watermark, nor the recount point
 * of a restart, into the future. The same rule picks event time at the source ({@code
 * CreatedAtTimestamps}) and sends posts to the dead letters ({@link ParsePosts}).
 */
public final class CreatedAtRule {
  public static final Instant EARLIEST = Instant.parse("2006-01-01T00:00:00Z");

  /**
   * Exclusive: the start of the last second InfluxDB cannot fill (a post's point time is its second
   * plus up to 999,999,999 ns, and must stay below 2^63 - 1 ns).
   */
  public static final Instant LATEST = Instant.parse("2262-04-11T23:47:16Z");

  public static final Duration MAX_FUTURE_SKEW = Duration.standardHours(1);

  private CreatedAtRule() {}

  /** Why a createdAt is not believable: the code and the message of a dead letter. */
  public record Problem(ReasonKind kind, String reason) {}

  /**
   * Why {@code createdAt} is not believable for a record stamped {@code recordMillis} (0 or less:
   * none) and read at {@code nowMillis}; empty if it is.
   */
  public static Optional<Problem> problem(Instant createdAt, long recordMillis, long nowMillis) {
    if (createdAt.isBefore(EARLIEST)) {
      return ancient("field 'createdAt' (" + createdAt + ") is before " + EARLIEST);
    }
    // Compared as Instants: a createdAt of year 300,000,000 has no epoch milliseconds.
    long skew = MAX_FUTURE_SKEW.getMillis();
    if (recordMillis > 0
        && createdAt.isAfter(Instant.ofEpochMilli(recordMillis).plusMillis(skew))) {
      return future(
          "field 'createdAt' ("
              + createdAt
              + ") is more than "
              + MAX_FUTURE_SKEW.getStandardMinutes()
              + " minutes after the record was produced ("
              + Instant.ofEpochMilli(recordMillis)
              + ")");
    }
    if (createdAt.isAfter(Instant.ofEpochMilli(nowMillis).plusMillis(skew))) {
      return future(
          "field 'createdAt' ("
              + createdAt
              + ") is more than "
              + MAX_FUTURE_SKEW.getStandardMinutes()
              + " minutes ahead of the clock of the job that read it ("
              + Instant.ofEpochMilli(nowMillis)
              + ")");
    }
    if (!createdAt.isBefore(LATEST)) {
      return future(
          "field 'createdAt' ("
              + createdAt
              + ") is after "
              + LATEST.minusSeconds(1)
              + ", the last second InfluxDB can store");
    }
    return Optional.empty();
  }

  /**
   * The problem of a {@code createdAt} that was more than {@link #MAX_FUTURE_SKEW} ahead of the
   * clock of the job's source when it read the record ({@code ParsePosts} keeps that verdict).
   */
  public static Problem aheadWhenRead(Instant createdAt) {
    return new Problem(
        ReasonKind.FUTURE_CREATED_AT,
        "field 'createdAt' ("
            + createdAt
            + ") was more than "
            + MAX_FUTURE_SKEW.getStandardMinutes()
            + " minutes ahead of the clock of the job when its source read the record");
  }

  /**
   * The event time of a record that is not a post: its Kafka timestamp {@code recordMillis}, held
   * below {@link #LATEST} so that the dead letter's window can be stored. Not held to the clock:
   * the recount ({@code courtside verify}) must put the record in the same window whenever it runs.
   */
  public static long deadLetterMillis(long recordMillis) {
    return Math.min(recordMillis, LATEST.toEpochMilli() - 1);
  }

  private static Optional<Problem> ancient(String reason) {
    return Optional.of(new Problem(ReasonKind.ANCIENT_CREATED_AT, reason));
  }

  private static Optional<Problem> future(String reason) {
    return Optional.of(new Problem(ReasonKind.FUTURE_CREATED_AT, reason));
  }
}
