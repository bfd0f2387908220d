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
 * Where a streaming start recounts from: the windows before it are final and keep their stored
 * points; every window from it on is recounted from all its posts.
 *
 * <p>The previous run marked each {@code polarity_window} point written after the watermark had
 * passed the window's end ({@code closed = true}). If the newest closed window starts at {@code S},
 * the watermark had passed {@code S + windowSize}, so every window that starts before {@code S -
 * allowedLateness} had expired (no late post could change it any more) and had fired its last pane.
 * The recount point is {@code S - allowedLateness - margin}: the margin covers the last panes of
 * those windows (per entity, dead letters) still being written when the job stopped. No closed
 * window (a new database, or a run that closed none): no recount point, every window is recounted
 * from the beginning of the topic.
 */
public final class RecountPoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecountPoint() {}

  /** The recount point for {@code topic}, or empty when every window must be recounted. */
  public static Optional<Instant> of(
      InfluxDbClient influx, String topic, Duration allowedLateness, Duration margin)
      throws InfluxDbException {
    return newestClosedWindow(influx, topic).map(s -> s.minus(allowedLateness).minus(margin));
  }

  /** Start of the newest closed {@code polarity_window} of {@code topic}, if any. */
  static Optional<Instant> newestClosedWindow(InfluxDbClient influx, String topic)
      throws InfluxDbException {
    String q =
        "SELECT last(\"total\") FROM \""
            + InfluxSchema.POLARITY_WINDOW
            + "\" WHERE \"topic\" = '"
            + topic.replace("\\", "\\\\").replace("'", "\\'")
            + "' AND \"closed\" = true"
            // Not a window ahead of the clock (stored before createdAt was held to it).
            + " AND time <= now() + "
            + CreatedAtRule.MAX_FUTURE_SKEW.getStandardMinutes()
            + "m";
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
    return values.isMissingNode()
        ? Optional.empty()
        : Optional.of(Instant.parse(values.get(0).asText()));
  }
}
