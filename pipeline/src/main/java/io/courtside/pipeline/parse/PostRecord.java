package io.courtside.pipeline.parse;

import io.courtside.model.Post;

/**
 * A valid post and its version: where its record sits in the topic. When one post id has several
 * records (a re-send, an edit, a re-scored copy), the one with the greatest version is the post's
 * current state, whatever order a runner processes them in.
 */
public record PostRecord(Post post, long version) {
  /** Kafka timestamps are kept to 2^43 ms (year 2248) so that the shifted value stays positive. */
  private static final long MAX_MILLIS = (1L << 43) - 1;

  private static final int OFFSET_BITS = 20;

  /**
   * (Kafka timestamp, offset) as one comparable long: the timestamp in milliseconds, then the low
   * 20 bits of the offset. Records of one post id share a key and so a partition, where offsets
   * order records of the same millisecond; two records of one millisecond are never a million
   * offsets apart.
   */
  public static long version(long kafkaTimestampMillis, long offset) {
    long millis = Math.max(0, Math.min(MAX_MILLIS, kafkaTimestampMillis));
    return (millis << OFFSET_BITS) | (offset & ((1L << OFFSET_BITS) - 1));
  }

  /** The Kafka timestamp a {@link #version} holds (0 for a record without one). */
  public static long recordMillis(long version) {
    return version >>> OFFSET_BITS;
  }
}
