package io.courtside.pipeline.influx;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry rule of the sink: exponential backoff with jitter on retryable failures (connection
 * errors, 5xx, 408, 429), honouring {@code Retry-After}, until {@code maxTotal} has passed since
 * the first attempt; then the last error is thrown. Non-retryable failures are thrown at once.
 * Giving up throws a plain {@link IOException}, never an {@link InfluxDbException}. Jitter ("equal
 * jitter": half the delay fixed, half random) keeps many workers from hammering a recovering server
 * in lockstep.
 *
 * @param initial first delay
 * @param max longest single delay (a {@code Retry-After} may ask for more, within the budget)
 * @param maxTotal total time budget of one call, retries included
 */
public record RetryPolicy(Duration initial, Duration max, Duration maxTotal)
    implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

  /** One attempt. */
  public interface Call {
    void run() throws InfluxDbException;
  }

  /** Waits; a test replaces it. */
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /** Told about each retry, e.g. to count it. */
  public interface Listener {
    void onRetry(InfluxDbException e, long delayMillis);
  }

  public RetryPolicy {
    if (initial.isNegative()
        || initial.isZero()
        || max.compareTo(initial) < 0
        || maxTotal.isNegative()) {
      throw new IllegalArgumentException(
          "bad retry policy " + initial + "/" + max + "/" + maxTotal);
    }
  }

  public static RetryPolicy of(Duration maxTotal) {
    return new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), maxTotal);
  }

  public void run(String what, Call call, Listener listener)
      throws IOException, InterruptedException {
    run(what, call, listener, Thread::sleep, System::nanoTime);
  }

  void run(String what, Call call, Listener listener, Sleeper sleeper, LongSupplier nanoTime)
      throws IOException, InterruptedException {
    long start = nanoTime.getAsLong();
    for (int attempt = 0; ; attempt++) {
      try {
        call.run();
        return;
      } catch (InfluxDbException e) {
        if (!e.retryable()) {
          throw e;
        }
        long elapsed = (nanoTime.getAsLong() - start) / 1_000_000;
        long left = maxTotal.toMillis() - elapsed;
        long delay = Math.min(delayMillis(attempt, e), left);
        if (delay <= 0) {
          // Not an InfluxDbException: callers must not mistake it for a rejection of the points.
          throw new IOException(
              "gave up on InfluxDB "
                  + what
                  + " after retrying for "
                  + elapsed / 1000
                  + " s: "
                  + e.getMessage(),
              e);
        }
        if (attempt == 0 || attempt % 10 == 0) {
          LOG.warn(
              "InfluxDB {} failed (attempt {}), retrying for up to {} s more: {}",
              what,
              attempt + 1,
              left / 1000,
              e.getMessage());
        }
        listener.onRetry(e, delay);
        sleeper.sleep(delay);
      }
    }
  }

  /**
   * Exponential with equal jitter; at least the server's Retry-After, read up to a day (a larger
   * value, or one too large for a long of milliseconds, waits a day: the retry budget ends it
   * sooner anyway).
   */
  long delayMillis(int attempt, InfluxDbException e) {
    long exp = initial.toMillis() << Math.min(attempt, 20);
    long capped = Math.min(max.toMillis(), exp);
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    long retryAfter =
        e.retryAfter()
            .map(d -> d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d)
            .orElse(Duration.ZERO)
            .toMillis();
    return Math.max(jittered, retryAfter);
  }

  private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);
}
