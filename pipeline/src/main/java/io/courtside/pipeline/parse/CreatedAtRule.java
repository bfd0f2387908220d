package io.courtside.pipeline.parse;

import java.time.Instant;
import java.util.Optional;
import org.joda.time.Duration;

/**
 * Which createdAt values are believable. A post must be created on or after {@link #EARLIEST}
 * (2006-01-01, before the first tweet: a 1970 date is a zero or a unit bug) and at most {@link
 * #MAX_FUTURE_SKEW} after the Kafka timestamp of its record (when the record has one): a date in
 * year 3000 is a bug, and one such post would otherwise drag the event-time watermark. The same
 * rule picks event time at the source ({@code CreatedAtTimestamps}) and sends posts to the dead
 * letters ({@link ParsePosts}).
 */
public final class CreatedAtRule {
  public static final Instant EARLIEST = Instant.parse("2006-01-01T00:00:00Z");
  public static final Duration MAX_FUTURE_SKEW = Duration.standardHours(1);

  private CreatedAtRule() {}

  /** Why {@code createdAt} is not believable for a record stamped {@code recordMillis}; empty if it is. */
  public static Optional<String> problem(Instant createdAt, long recordMillis) {
    if (createdAt.isBefore(EARLIEST)) {
      return Optional.of("field 'createdAt' (" + createdAt + ") is before " + EARLIEST);
    }
    if (recordMillis > 0 && createdAt.toEpochMilli() > recordMillis + MAX_FUTURE_SKEW.getMillis()) {
      return Optional.of(
          "field 'createdAt' ("
              + createdAt
              + ") is more than "
              + MAX_FUTURE_SKEW.getStandardMinutes()
              + " minutes after the record was produced ("
              + Instant.ofEpochMilli(recordMillis)
              + ")");
    }
    return Optional.empty();
  }
}
