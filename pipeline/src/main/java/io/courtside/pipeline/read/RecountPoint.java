package io.courtside.pipeline.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.parse.CreatedAtRule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a streaming start recounts from ({@code from}): the windows before it are final and keep
 * their stored points; every window from it on is recounted from all its posts, which are read
 * again from {@code rewindTo} on.
 *
 * <p>The previous run marked each {@code polarity_window} point written after the watermark had
 * passed the window's end ({@code closed = true}). If the newest closed window starts at {@code S},
 * the watermark had passed {@code S + windowSize}, so every window that starts before {@code S -
 * allowedLateness} had expired (no late post could change it any more) and had fired its last pane.
 * {@code from} is {@code S - allowedLateness - margin}: the margin covers the last panes of those
 * windows (per entity, dead letters) still being written when the job stopped. No closed window (a
 * new database, or a run that closed none): no recount point, every window is recounted from the
 * beginning of the topic.
 *
 * <p>{@code rewindTo} is {@code from - margin}, or earlier: a post may be created up to {@link
 * CreatedAtRule#MAX_FUTURE_SKEW} after its record's Kafka timestamp (a fast device clock), and the
 * rewind finds records by that timestamp. Each {@code polarity_window} point stores the earliest
 * record time of the posts it counts ({@code earliest_record_ms}); the rewind goes back to the
 * earliest of those from {@code from} on, so no post of a recounted window is left unread. Windows
 * written before that field existed do not have it: their posts are covered by the margin alone.
 */
public record RecountPoint(Instant from, Instant rewindTo) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The recount point for {@code topic}, or empty when every window must be recounted. */
  public static Optional<RecountPoint> find(
      InfluxDbClient influx, String topic, Duration allowedLateness, Duration margin)
      throws InfluxDbException {
    Optional<Instant> s = newestClosedWindow(influx, topic);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(at(influx, topic, s.get().minus(allowedLateness).minus(margin), margin));
  }

  /**
   * Recounting from {@code from} (found, or given as {@code --recountFrom}): the rewind one margin
   * before it, or to the earliest record of a stored window from it on.
   */
  public static RecountPoint at(InfluxDbClient influx, String topic, Instant from, Duration margin)
      throws InfluxDbException {
    Instant rewindTo = from.minus(margin);
    Optional<Instant> earliest = earliestRecord(influx, topic, from);
    if (earliest.isPresent() && earliest.get().isBefore(rewindTo)) {
      rewindTo = earliest.get();
    }
    return new RecountPoint(from, rewindTo);
  }

  /** Start of the newest closed {@code polarity_window} of {@code topic}, if any. */
  static Optional<Instant> newestClosedWindow(InfluxDbClient influx, String topic)
      throws InfluxDbException {
    String q =
        "SELECT last(\"total\") FROM \""
            + InfluxSchema.POLARITY_WINDOW
            + "\" WHERE "
            + topicIs(topic)
            + " AND \"closed\" = true"
            // Not a window ahead of the clock (stored before createdAt was held to it).
            + " AND time <= now() + "
            + CreatedAtRule.MAX_FUTURE_SKEW.getStandardMinutes()
            + "m";
    return firstValue(influx, q).map(row -> Instant.parse(row.get(0).asText()));
  }

  /**
   * The earliest {@code earliest_record_ms} of the {@code polarity_window} points of {@code topic}
   * that start at or after {@code from}, if any holds one.
   */
  static Optional<Instant> earliestRecord(InfluxDbClient influx, String topic, Instant from)
      throws InfluxDbException {
    String q =
        "SELECT min(\""
            + InfluxSchema.EARLIEST_RECORD_MS
            + "\") FROM \""
            + InfluxSchema.POLARITY_WINDOW
            + "\" WHERE "
            + topicIs(topic)
            + " AND time >= '"
            + from
            + "'";
    return firstValue(influx, q)
        .filter(row -> row.get(1).isNumber())
        .map(row -> Instant.ofEpochMilli(row.get(1).asLong()));
  }

  private static String topicIs(String topic) {
    return "\"topic\" = '" + topic.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The first row of the answer to {@code q}; empty when there is none or no database. */
  private static Optional<JsonNode> firstValue(InfluxDbClient influx, String q)
      throws InfluxDbException {
    String answer = influx.query(q); // an HTTP error is the caller's to retry or report
    JsonNode result;
    try {
      result = JSON.readTree(answer).path("results").path(0);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable answer from InfluxDB to " + q, e);
    }
    if (result.has("error")) {
      if (result.get("error").asText().contains("database not found")) {
        return Optional.empty();
      }
      throw new IllegalStateException(
          "InfluxDB refused " + q + ": " + result.get("error").asText());
    }
    JsonNode values = result.path("series").path(0).path("values").path(0);
    return values.isMissingNode() ? Optional.empty() : Optional.of(values);
  }
}
