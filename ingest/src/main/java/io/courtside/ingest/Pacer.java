package io.courtside.ingest;

import java.util.function.LongSupplier;

/**
 * Spaces events at a fixed rate. Event n is due at {@code start + n / rate}; scheduling against the
 * start (rather than sleeping 1/rate after each send) keeps the average rate exact even though each
 * send takes some time and sleeps overshoot.
 */
final class Pacer {
  /** How far behind schedule we may fall before giving up on catching up (no unbounded burst). */
  private static final long MAX_LAG_NANOS = 1_000_000_000L;

  private final double nanosPerEvent;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long anchor;
  private long eventsSinceAnchor;
  private boolean started;

  Pacer(double eventsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
      throw new IllegalArgumentException("rate must be positive and finite: " + eventsPerSecond);
    }
    this.nanosPerEvent = 1e9 / eventsPerSecond;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** Blocks until the next event is due (the first one is due at once). */
  void awaitNext() throws InterruptedException {
    long now = nanoTime.getAsLong();
    if (!started) {
      started = true;
      anchor = now;
      eventsSinceAnchor = 1;
      return;
    }
    long due = anchor + (long) (eventsSinceAnchor * nanosPerEvent);
    if (now - due > MAX_LAG_NANOS) {
      // Stalled (e.g. send() blocked on a full buffer): restart the schedule from now rather than
      // firing a long burst to make up for lost time.
      anchor = now;
      eventsSinceAnchor = 1;
      return;
    }
    eventsSinceAnchor++;
    if (due > now) {
      sleeper.sleepNanos(due - now);
    }
  }
}
