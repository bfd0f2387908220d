package io.courtside.pipeline.influx;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.courtside.model.PostIds;
import io.courtside.pipeline.entity.EntityWindowCounts;
import io.courtside.pipeline.health.DeadLetterCounts;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.WindowCounts;
import java.util.concurrent.TimeUnit;

/**
 * The one encoder of Courtside's InfluxDB schema into line protocol (escaping by
 * influxdb-client-java's {@link Point}). Timestamps are nanoseconds. Post text and id are string
 * fields, escaped by Point (quote and backslash; a newline stays inside the quotes), so no text
 * can end a point or start another; the only tag taken from a post is held to a safe alphabet
 * ({@link #sourceTag}).
 *
 * <ul>
 *   <li>{@code post_sentiment}: one point per post; tags {@code polarity}, {@code source}; fields
 *       {@code compound, pos, neu, neg} (float), {@code id}, {@code text} (string). Time =
 *       createdAt (to the millisecond) plus a sub-millisecond offset derived from the post id, so
 *       posts of the same millisecond do not overwrite each other while a replay of the same post
 *       overwrites itself. Integer field {@code latency_ms} = when the point was built (just before
 *       the write) minus createdAt, for the end-to-end latency panel; a replay overwrites it with
 *       the replay's latency. Negative values (clock skew between poster and pipeline) are kept, so
 *       skew is visible rather than hidden.
 *   <li>{@code polarity_window}: one point per window and topic; tag {@code topic}; integer fields
 *       {@code positive, negative, neutral, total}, float {@code compound_mean}, boolean {@code
 *       closed} (the pane fired after the watermark passed the window's end). Time = window start,
 *       so each later pane overwrites the earlier one.
 *   <li>{@code entity_window}: the same per watchlist entity; tags {@code entity} (its name),
 *       {@code kind} ({@code team}/{@code player}), {@code topic}; the same fields and time.
 *   <li>{@code dead_letters}: dead-lettered records per window; tags {@code reason_kind}, {@code
 *       topic}; integer field {@code total}. Time = window start, panes overwrite.
 * </ul>
 */
public final class InfluxSchema {
  public static final String POST_SENTIMENT = "post_sentiment";
  public static final String POLARITY_WINDOW = "polarity_window";
  public static final String ENTITY_WINDOW = "entity_window";
  public static final String DEAD_LETTERS = "dead_letters";

  /** Compiled once: sourceTag runs for every post. */
  private static final java.util.regex.Pattern SOURCE_TAG = java.util.regex.Pattern.compile("[a-z0-9._-]+");

  private InfluxSchema() {}

  /** The post point without {@code latency_ms}, for callers that do not know the write time. */
  public static String postLine(ScoredPost scored) {
    return postPoint(scored).toLineProtocol();
  }

  /** The post point with {@code latency_ms} = {@code writtenAt} - createdAt. */
  public static String postLine(ScoredPost scored, java.time.Instant writtenAt) {
    long latencyMs = writtenAt.toEpochMilli() - scored.post().createdAt().toEpochMilli();
    return postPoint(scored).addField("latency_ms", latencyMs).toLineProtocol();
  }

  private static Point postPoint(ScoredPost scored) {
    return Point.measurement(POST_SENTIMENT)
        .addTag("polarity", scored.polarity().tag())
        .addTag("source", sourceTag(scored.post().source()))
        .addField("compound", scored.compound())
        .addField("pos", scored.pos())
        .addField("neu", scored.neu())
        .addField("neg", scored.neg())
        .addField("id", scored.post().id())
        .addField("text", scored.post().text())
        .time(postTimeNanos(scored.post().createdAt(), scored.post().id()), WritePrecision.NS);
  }

  public static String windowLine(WindowCounts w) {
    Point point = Point.measurement(POLARITY_WINDOW).addTag("topic", w.topic());
    return withCounts(point, w.counts(), w.windowStart()).addField("closed", w.closed()).toLineProtocol();
  }

  public static String entityWindowLine(EntityWindowCounts w) {
    Point point =
        Point.measurement(ENTITY_WINDOW)
            .addTag("entity", w.entity())
            .addTag("kind", w.kind().tag())
            .addTag("topic", w.topic());
    return withCounts(point, w.counts(), w.windowStart()).toLineProtocol();
  }

  /** The fields every window aggregate shares; time = window start, so later panes overwrite. */
  private static Point withCounts(Point point, PolarityCounts counts, org.joda.time.Instant windowStart) {
    return point
        .addField("positive", counts.positive())
        .addField("negative", counts.negative())
        .addField("neutral", counts.neutral())
        .addField("total", counts.total())
        .addField("compound_mean", counts.compoundMean())
        .time(TimeUnit.MILLISECONDS.toNanos(windowStart.getMillis()), WritePrecision.NS);
  }

  public static String deadLetterLine(DeadLetterCounts d) {
    return Point.measurement(DEAD_LETTERS)
        .addTag("reason_kind", d.reasonKind())
        .addTag("topic", d.topic())
        .addField("total", d.count())
        .time(TimeUnit.MILLISECONDS.toNanos(d.windowStart().getMillis()), WritePrecision.NS)
        .toLineProtocol();
  }

  /**
   * The series of a line: measurement and tags, up to the first space that is not escaped (line
   * protocol escapes spaces, commas and {@code =} in measurement and tags with a backslash). Two
   * points of one series with the same time are the same point.
   */
  static String seriesKey(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++; // the escaped character
      } else if (c == ' ') {
        return line.substring(0, i);
      }
    }
    throw new IllegalArgumentException("not a line-protocol point (no field set): " + line);
  }

  /**
   * createdAt truncated to the millisecond, plus 1..999,999 ns from a 64-bit FNV-1a hash of the
   * id. Two different posts share a point only if they share createdAt's millisecond, polarity,
   * source and this offset (about one in a million per pair).
   */
  static long postTimeNanos(java.time.Instant createdAt, String id) {
    long offset = 1 + Math.floorMod(PostIds.hash64(id), 999_999L);
    return Math.addExact(Math.multiplyExact(createdAt.toEpochMilli(), 1_000_000L), offset);
  }

  /**
   * The {@code source} tag comes from the post, so it is held to {@code [a-z0-9._-]}, at most 32
   * characters, else {@code other}: a tag value cannot carry a newline, Point does not escape a
   * trailing backslash (which would then escape the separator after it), and free text in a tag
   * would make a new series per value.
   */
  static String sourceTag(String s) {
    if (s == null || s.isBlank()) {
      return "unknown";
    }
    String v = s.strip().toLowerCase(java.util.Locale.ROOT);
    return v.length() <= 32 && SOURCE_TAG.matcher(v).matches() ? v : "other";
  }
}
