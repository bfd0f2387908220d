package io.courtside.pipeline.influx;

import io.courtside.model.Post;
import io.courtside.model.PostIds;
import io.courtside.pipeline.entity.EntityWindowCounts;
import io.courtside.pipeline.health.DeadLetterCounts;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.WindowCounts;
import io.courtside.pipeline.window.WindowTally;
import java.util.concurrent.TimeUnit;

/**
 * The one encoder of Courtside's InfluxDB schema into line protocol, written by {@link
 * LineProtocol}: byte for byte what influxdb-client-java's {@code Point} writes for the same points
 * ({@code LineProtocolProperties}), without its cost. Timestamps are nanoseconds. Post text and id
 * are string fields, escaped as Point does (quote and backslash; a newline stays inside the
 * quotes), so no text can end a point or start another. No tag is taken from a post: {@code shard}
 * is derived from the id's hash, and {@code source}, a field, is held to a safe alphabet ({@link
 * #sourceValue}).
 *
 * <ul>
 *   <li>{@code post_sentiment}: one point per post id, whatever its text, score or source became:
 *       the latest write of an id wins. Its identity (series and time) depends only on the id and
 *       the second of createdAt: one tag {@code shard} (3 hex digits) and time = createdAt
 *       truncated to the second plus 0..999,999,999 ns, both from one 64-bit hash of the id ({@link
 *       #postTimeNanos}, {@link #shardTag}). Everything else is a field: {@code polarity}, {@code
 *       source} (strings), {@code compound, pos, neu, neg} (float), {@code id}, {@code text}
 *       (string). Integer field {@code latency_ms} = when the point was built (just before the
 *       write) minus createdAt, for the end-to-end latency panel; a replay overwrites it with the
 *       replay's latency. Negative values (clock skew between poster and pipeline) are kept, so
 *       skew is visible rather than hidden. An edit that moves createdAt to another second makes a
 *       second point (the old one stays). A database written by the older schema, where polarity
 *       and source were tags, holds each post in another series: use a new database or {@code DROP
 *       MEASUREMENT post_sentiment} first.
 *   <li>{@code polarity_window}: one point per window and topic; tag {@code topic}; integer fields
 *       {@code positive, negative, neutral, total}, float {@code compound_mean}, boolean {@code
 *       closed} (the pane fired after the watermark passed the window's end), integer {@code
 *       earliest_record_ms} (the earliest Kafka timestamp, epoch ms, among the records of the posts
 *       counted; absent when none had one: a restart rewinds at least that far, see {@code
 *       RecountPoint}). Time = window start, so each later pane overwrites the earlier one.
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

  /** The field of {@code polarity_window} a restart's rewind reads ({@code RecountPoint}). */
  public static final String EARLIEST_RECORD_MS = "earliest_record_ms";

  /** Compiled once: sourceValue runs for every post. */
  private static final java.util.regex.Pattern SOURCE =
      java.util.regex.Pattern.compile("[a-z0-9._-]+");

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /**
   * Initial capacities of a line's builder, so it rarely grows: a post line is about 170 characters
   * plus its id and text, a window line about 150 plus its tags.
   */
  private static final int POST_LINE_CAPACITY = 192, WINDOW_LINE_CAPACITY = 192;

  private static final int SHARDS = 4096;

  /** "000".."fff", built once: shardTag runs for every post. */
  private static final String[] SHARD_TAGS = new String[SHARDS];

  static {
    for (int i = 0; i < SHARDS; i++) {
      SHARD_TAGS[i] = String.format("%03x", i);
    }
  }

  private InfluxSchema() {}

  /** The post point without {@code latency_ms}, for callers that do not know the write time. */
  public static String postLine(ScoredPost scored) {
    return postLine(scored, false, 0L);
  }

  /** The post point with {@code latency_ms} = {@code writtenAt} - createdAt. */
  public static String postLine(ScoredPost scored, java.time.Instant writtenAt) {
    long latencyMs = writtenAt.toEpochMilli() - scored.post().createdAt().toEpochMilli();
    return postLine(scored, true, latencyMs);
  }

  /** Fields in key order, as {@link LineProtocol} requires. */
  private static String postLine(ScoredPost scored, boolean withLatency, long latencyMs) {
    Post post = scored.post();
    long hash = postHash(post.id());
    LineProtocol line =
        LineProtocol.measurement(
                POST_SENTIMENT, POST_LINE_CAPACITY + post.id().length() + post.text().length())
            .tag("shard", shardTag(hash))
            .field("compound", scored.compound())
            .field("id", post.id());
    if (withLatency) {
      line.field("latency_ms", latencyMs);
    }
    return line.field("neg", scored.neg())
        .field("neu", scored.neu())
        .field("polarity", scored.polarity().tag())
        .field("pos", scored.pos())
        .field("source", sourceValue(post.source()))
        .field("text", post.text())
        .timeNs(postTimeNanos(post.createdAt(), hash));
  }

  public static String windowLine(WindowCounts w) {
    LineProtocol line =
        LineProtocol.measurement(POLARITY_WINDOW, WINDOW_LINE_CAPACITY)
            .tag("topic", w.topic())
            .field("closed", w.closed());
    return withCounts(line, w.counts(), w.earliestRecordMillis(), w.windowStart());
  }

  public static String entityWindowLine(EntityWindowCounts w) {
    LineProtocol line =
        LineProtocol.measurement(ENTITY_WINDOW, WINDOW_LINE_CAPACITY)
            .tag("entity", w.entity())
            .tag("kind", w.kind().tag())
            .tag("topic", w.topic());
    return withCounts(line, w.counts(), WindowTally.NO_RECORD_TIME, w.windowStart());
  }

  /**
   * The fields every window aggregate shares (in key order they follow {@code closed} and the
   * tags), and {@code earliest_record_ms} unless it is {@link WindowTally#NO_RECORD_TIME}; time =
   * window start, so later panes overwrite.
   */
  private static String withCounts(
      LineProtocol line,
      PolarityCounts counts,
      long earliestRecordMillis,
      org.joda.time.Instant windowStart) {
    line.field("compound_mean", counts.compoundMean());
    if (earliestRecordMillis != WindowTally.NO_RECORD_TIME) {
      line.field(EARLIEST_RECORD_MS, earliestRecordMillis);
    }
    return line.field("negative", counts.negative())
        .field("neutral", counts.neutral())
        .field("positive", counts.positive())
        .field("total", counts.total())
        .timeNs(TimeUnit.MILLISECONDS.toNanos(windowStart.getMillis()));
  }

  public static String deadLetterLine(DeadLetterCounts d) {
    return LineProtocol.measurement(DEAD_LETTERS, WINDOW_LINE_CAPACITY)
        .tag("reason_kind", d.reasonKind())
        .tag("topic", d.topic())
        .field("total", d.count())
        .timeNs(TimeUnit.MILLISECONDS.toNanos(d.windowStart().getMillis()));
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
   * The hash of a post point's identity: {@link PostIds#hash64} passed through MurmurHash3's 64-bit
   * finalizer. In FNV-1a bit k depends only on bits 0..k of the input and the last byte goes
   * through one multiplication, so ids that differ in their last digits (snowflake ids) get related
   * hashes; the finalizer is a bijection that makes every output bit depend on every input bit, so
   * distinct FNV values stay distinct. Only the post point uses it: window dedup keeps the plain
   * {@code hash64} fingerprint.
   */
  static long postHash(String id) {
    long h = PostIds.hash64(id);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * createdAt truncated to the whole second, plus 0..999,999,999 ns: the low 52 bits of {@code
   * hash} modulo 10^9. With {@link #shardTag} (the top 12 bits) a second holds 4096 x 10^9
   * identities; n posts of one second share one with probability about n(n-1)/2 / 4.096e12 (20,000
   * posts: 5e-5). Posts of different seconds never share a time.
   */
  static long postTimeNanos(java.time.Instant createdAt, long hash) {
    long offset = (hash & 0xFFFFFFFFFFFFFL) % NANOS_PER_SECOND;
    return Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), NANOS_PER_SECOND), offset);
  }

  /** The {@code shard} tag: the top 12 bits of {@code hash}, as three hex digits. */
  static String shardTag(long hash) {
    return SHARD_TAGS[(int) (hash >>> 52)];
  }

  /**
   * The {@code source} field comes from the post, so it is held to {@code [a-z0-9._-]}, at most 32
   * characters, else {@code other}: it is a short list a dashboard variable offers and puts in a
   * regex, not free text.
   */
  static String sourceValue(String s) {
    if (s == null || s.isBlank()) {
      return "unknown";
    }
    String v = s.strip().toLowerCase(java.util.Locale.ROOT);
    return v.length() <= 32 && SOURCE.matcher(v).matches() ? v : "other";
  }
}
