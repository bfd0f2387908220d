package io.courtside.pipeline.influx;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.courtside.pipeline.entity.EntityWindowCounts;
import io.courtside.pipeline.health.DeadLetterCounts;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.WindowCounts;
import io.courtside.pipeline.window.WindowTally;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The reference for {@link InfluxSchema}: the same points built with influxdb-client-java's {@link
 * Point}, as InfluxSchema built them before {@link LineProtocol} (fields added in any order, Point
 * sorts them). Used by {@code LineProtocolProperties} and, as the old way, by {@code
 * bench/LineEncoderBenchmark}.
 */
public final class PointLines {
  private PointLines() {}

  public static String postLine(ScoredPost scored) {
    return postPoint(scored).toLineProtocol();
  }

  public static String postLine(ScoredPost scored, Instant writtenAt) {
    long latencyMs = writtenAt.toEpochMilli() - scored.post().createdAt().toEpochMilli();
    return postPoint(scored).addField("latency_ms", latencyMs).toLineProtocol();
  }

  private static Point postPoint(ScoredPost scored) {
    long hash = InfluxSchema.postHash(scored.post().id());
    return Point.measurement(InfluxSchema.POST_SENTIMENT)
        .addTag("shard", InfluxSchema.shardTag(hash))
        .addField("polarity", scored.polarity().tag())
        .addField("source", InfluxSchema.sourceValue(scored.post().source()))
        .addField("compound", scored.compound())
        .addField("pos", scored.pos())
        .addField("neu", scored.neu())
        .addField("neg", scored.neg())
        .addField("id", scored.post().id())
        .addField("text", scored.post().text())
        .time(InfluxSchema.postTimeNanos(scored.post().createdAt(), hash), WritePrecision.NS);
  }

  public static String windowLine(WindowCounts w) {
    Point point = Point.measurement(InfluxSchema.POLARITY_WINDOW).addTag("topic", w.topic());
    if (w.earliestRecordMillis() != WindowTally.NO_RECORD_TIME) {
      point.addField("earliest_record_ms", w.earliestRecordMillis());
    }
    return withCounts(point, w.counts(), w.windowStart())
        .addField("closed", w.closed())
        .toLineProtocol();
  }

  public static String entityWindowLine(EntityWindowCounts w) {
    Point point =
        Point.measurement(InfluxSchema.ENTITY_WINDOW)
            .addTag("entity", w.entity())
            .addTag("kind", w.kind().tag())
            .addTag("topic", w.topic());
    return withCounts(point, w.counts(), w.windowStart()).toLineProtocol();
  }

  private static Point withCounts(
      Point point, PolarityCounts counts, org.joda.time.Instant windowStart) {
    return point
        .addField("positive", counts.positive())
        .addField("negative", counts.negative())
        .addField("neutral", counts.neutral())
        .addField("total", counts.total())
        .addField("compound_mean", counts.compoundMean())
        .time(TimeUnit.MILLISECONDS.toNanos(windowStart.getMillis()), WritePrecision.NS);
  }

  public static String deadLetterLine(DeadLetterCounts d) {
    return Point.measurement(InfluxSchema.DEAD_LETTERS)
        .addTag("reason_kind", d.reasonKind())
        .addTag("topic", d.topic())
        .addField("total", d.count())
        .time(TimeUnit.MILLISECONDS.toNanos(d.windowStart().getMillis()), WritePrecision.NS)
        .toLineProtocol();
  }

  /** A double as Point writes a float field (NaN and infinities: Point leaves the field out). */
  public static String floatValue(double d) {
    String line =
        Point.measurement("m").addField("f", d).time(0L, WritePrecision.NS).toLineProtocol();
    return line.isEmpty() ? null : line.substring("m f=".length(), line.length() - " 0".length());
  }
}
