package io.courtside.pipeline.window;

/**
 * What {@link LatestPerId.CountFn} gives for a key and window: the polarity counts of its ids'
 * latest versions, and the earliest Kafka timestamp among those versions' records ({@link
 * #NO_RECORD_TIME} when no record had one). A post's createdAt may be ahead of its record's
 * timestamp (a fast device clock); a restart must read such a record again to recount its window,
 * so the stored {@code polarity_window} point keeps this time ({@code RecountPoint}).
 */
public record WindowTally(PolarityCounts counts, long earliestRecordMillis) {
  /** No record of the window had a Kafka timestamp (or the window is empty). */
  public static final long NO_RECORD_TIME = Long.MAX_VALUE;
}
