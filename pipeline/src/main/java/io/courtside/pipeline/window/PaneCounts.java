package io.courtside.pipeline.window;

import org.joda.time.Instant;

/**
 * The counts of one key in one window as of one pane. {@code closed}: the pane fired once the
 * watermark had passed the window's end (on time or late), not early. {@code earliestRecordMillis}:
 * the earliest Kafka timestamp of the records counted ({@link WindowTally}).
 */
public record PaneCounts(
    Instant windowStart,
    Instant windowEnd,
    PolarityCounts counts,
    boolean closed,
    long earliestRecordMillis) {
  /** Counts whose records' times are not known. */
  public PaneCounts(Instant windowStart, Instant windowEnd, PolarityCounts counts, boolean closed) {
    this(windowStart, windowEnd, counts, closed, WindowTally.NO_RECORD_TIME);
  }
}
