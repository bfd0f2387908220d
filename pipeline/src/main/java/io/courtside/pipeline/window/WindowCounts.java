package io.courtside.pipeline.window;

import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * The polarity counts of one event-time window of one topic, as of one pane. {@code closed}: the
 * pane fired once the watermark had passed the window's end (on time or late), not early; a restart
 * reads the newest closed window to know which windows are final ({@code RecountPoint}). {@code
 * earliestRecordMillis}: the earliest Kafka timestamp of the posts counted ({@link WindowTally}); a
 * restart rewinds at least that far to recount the window ({@code RecountPoint}).
 */
public record WindowCounts(
    String topic,
    Instant windowStart,
    Instant windowEnd,
    PolarityCounts counts,
    boolean closed,
    long earliestRecordMillis) {
  /** A pane of {@link CountPerWindow} keyed by topic. */
  public static WindowCounts of(KV<String, PaneCounts> pane) {
    PaneCounts p = pane.getValue();
    return new WindowCounts(
        pane.getKey(),
        p.windowStart(),
        p.windowEnd(),
        p.counts(),
        p.closed(),
        p.earliestRecordMillis());
  }

  /** The counts of a pane whose records' times are not known. */
  public WindowCounts(
      String topic, Instant windowStart, Instant windowEnd, PolarityCounts counts, boolean closed) {
    this(topic, windowStart, windowEnd, counts, closed, WindowTally.NO_RECORD_TIME);
  }

  /** The counts of an early (open) pane. */
  public WindowCounts(String topic, Instant windowStart, Instant windowEnd, PolarityCounts counts) {
    this(topic, windowStart, windowEnd, counts, false);
  }
}
