package io.courtside.ingest.sources;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The one reconnect policy of every live source: exponential backoff with jitter, capped, reset
 * once a connection has worked. Jitter matters because many clients cut off by the same outage
 * would otherwise come back in lock-step; the delay is drawn from {@code [base * (1 - jitter),
 * base]} so it never exceeds the documented schedule.
 */
public final class Backoff {
  /**
   * @param initial first delay
   * @param max cap of the delay
   * @param multiplier growth per consecutive failure
   * @param jitter fraction of the delay that is random, 0..1
   */
  public record Policy(Duration initial, Duration max, double multiplier, double jitter) {
    public Policy {
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
      }
      if (multiplier < 1 || jitter < 0 || jitter > 1) {
        throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter <= 1");
      }
    }

    /**
     * X's guidance for HTTP errors (start at 5 s, double, up to 320 s); also used for the other
     * sources, which publish no schedule of their own.
     */
    public static Policy standard() {
      return new Policy(Duration.ofSeconds(5), Duration.ofSeconds(320), 2, 0.25);
    }

    /** X's guidance for network errors: back off quickly from a short start, up to 16 s. */
    public static Policy network() {
      return new Policy(Duration.ofMillis(250), Duration.ofSeconds(16), 2, 0.25);
    }
  }

  private final Policy policy;
  private final DoubleSupplier random;
  private int failures;

  /**
   * @param random uniform in [0, 1); tests pass a constant
   */
  public Backoff(Policy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one more consecutive failure. */
  public Duration next() {
    double base = policy.initial().toNanos() * Math.pow(policy.multiplier(), failures);
    base = Math.min(base, policy.max().toNanos());
    if (failures < 64) {
      failures++;
    }
    double jittered = base * (1 - policy.jitter() * random.getAsDouble());
    return Duration.ofNanos((long) jittered);
  }

  /** A connection worked: the next failure starts from the initial delay again. */
  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }
}
