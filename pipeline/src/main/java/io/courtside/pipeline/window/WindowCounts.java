package io.courtside.pipeline.window;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/**
 * The polarity counts of one event-time window of one topic, as of one pane. {@code closed}: the
 * pane fired once the watermark had passed the window's end (on time or late), not early; a
 * restart reads the newest closed window to know which windows are final ({@code RecountPoint}).
 */
@DefaultCoder(SerializableCoder.class)
public record WindowCounts(
    String topic, Instant windowStart, Instant windowEnd, PolarityCounts counts, boolean closed)
    implements Serializable {
  /** The counts of an early (open) pane. */
  public WindowCounts(String topic, Instant windowStart, Instant windowEnd, PolarityCounts counts) {
    this(topic, windowStart, windowEnd, counts, false);
  }
}
