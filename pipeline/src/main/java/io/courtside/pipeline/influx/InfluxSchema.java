package io.courtside.pipeline.influx;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.WindowCounts;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The one encoder of Courtside's InfluxDB schema into line protocol (escaping by
 * influxdb-client-java's {@link Point}). Timestamps are nanoseconds.
 *
 * <ul>
 *   <li>{@code post_sentiment}: one point per post; tags {@code polarity}, {@code source}; fields
 *       {@code compound, pos, neu, neg} (float), {@code id}, {@code text} (string). Time =
 *       createdAt (to the millisecond) plus a sub-millisecond offset derived from the post id, so
 *       posts of the same millisecond do not overwrite each other while a replay of the same post
 *       overwrites itself.
 *   <li>{@code polarity_window}: one point per window and topic; tag {@code topic}; integer fields
 *       {@code positive, negative, neutral, total}, float {@code compound_mean}. Time = window
 *       start, so each later pane overwrites the earlier one.
 * </ul>
 */
public final class InfluxSchema {
  public static final String POST_SENTIMENT = "post_sentiment";
  public static final String POLARITY_WINDOW = "polarity_window";

  private InfluxSchema() {}

  public static String postLine(ScoredPost scored) {
    return Point.measurement(POST_SENTIMENT)
        .addTag("polarity", scored.polarity().tag())
        .addTag("source", orUnknown(scored.post().source()))
        .addField("compound", scored.compound())
        .addField("pos", scored.pos())
        .addField("neu", scored.neu())
        .addField("neg", scored.neg())
        .addField("id", scored.post().id())
        .addField("text", scored.post().text())
        .time(postTimeNanos(scored.post().createdAt(), scored.post().id()), WritePrecision.NS)
        .toLineProtocol();
  }

  public static String windowLine(WindowCounts w) {
    return Point.measurement(POLARITY_WINDOW)
        .addTag("topic", w.topic())
        .addField("positive", w.counts().positive())
        .addField("negative", w.counts().negative())
        .addField("neutral", w.counts().neutral())
        .addField("total", w.counts().total())
        .addField("compound_mean", w.counts().compoundMean())
        .time(TimeUnit.MILLISECONDS.toNanos(w.windowStart().getMillis()), WritePrecision.NS)
        .toLineProtocol();
  }

  /**
   * createdAt truncated to the millisecond, plus 1..999,999 ns from a 64-bit FNV-1a hash of the
   * id. Two different posts share a point only if they share createdAt's millisecond, polarity,
   * source and this offset (about one in a million per pair).
   */
  static long postTimeNanos(java.time.Instant createdAt, String id) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x100000001b3L;
    }
    long offset = 1 + Math.floorMod(hash, 999_999L);
    return Math.addExact(Math.multiplyExact(createdAt.toEpochMilli(), 1_000_000L), offset);
  }

  private static String orUnknown(String s) {
    return s == null || s.isBlank() ? "unknown" : s;
  }
}
