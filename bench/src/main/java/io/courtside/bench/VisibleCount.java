package io.courtside.bench;

import java.io.IOException;

/**
 * The measured posts visible in InfluxDB during a latency run, cheap enough to poll every {@link
 * #POLL_MILLIS}: a count over every stored post costs influxd about 150 ms of CPU per million posts
 * (bench/README.md), which polled that often would load the runner under test. Posts are stored at
 * their createdAt's second, so the count is split at a whole second {@code lo}, {@link
 * #MARGIN_MILLIS} before now: the posts created before it are counted once per second, when {@code
 * lo} moves; only the last few seconds' at every poll.
 *
 * <p>Exact while no post older than {@code lo} becomes visible after its second's count: a post
 * more than {@link #MARGIN_MILLIS} late is counted up to a second after it became visible (a delay
 * that far above the 1 s target is not blurred by that).
 */
final class VisibleCount {
  /** How often a latency run polls the count. */
  static final long POLL_MILLIS = 50;

  /** How far before now the split between rarely and always counted posts lies. */
  static final long MARGIN_MILLIS = 5_000;

  /** Posts of the measured source stored with a time in [from, to), in epoch ms. */
  interface Counter {
    long count(long fromMillis, long toMillis) throws IOException;
  }

  private final Counter counter;
  private long lo = Long.MIN_VALUE;
  private long older;

  VisibleCount(Counter counter) {
    this.counter = counter;
  }

  /** The visible count at {@code nowMillis} (the bench's clock, the one createdAt is from). */
  long at(long nowMillis) throws IOException {
    long split = Math.floorDiv(nowMillis - MARGIN_MILLIS, 1000) * 1000;
    if (split != lo) {
      older = counter.count(Long.MIN_VALUE, split);
      lo = split;
    }
    return older + counter.count(lo, Long.MAX_VALUE);
  }
}
