package io.courtside.pipeline.window;

import org.joda.time.Instant;

/**
 * The counts of one key in one window as of one pane. {@code closed}: the pane fired once the
 * watermark had passed the window's end (on time or late), not early.
 */
public record PaneCounts(
    Instant windowStart, Instant windowEnd, PolarityCounts counts, boolean closed) {}
