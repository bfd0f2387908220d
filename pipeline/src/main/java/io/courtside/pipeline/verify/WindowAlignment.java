package io.courtside.pipeline.verify;

import java.math.BigInteger;
import java.time.Instant;
import java.util.NavigableSet;
import java.util.Optional;

/**
 * Whether the stored windows can be the job's windows of {@code --windowSize}: the job's fixed
 * windows start at whole multiples of their size since the epoch, so one stored window start that
 * is not such a multiple proves that the job ran with another size. Without this check a verify
 * with the wrong size (e.g. the default 1m after the demo's 10s windows) prints every window as
 * missing or extra, which reads like a broken job rather than a wrong flag.
 */
final class WindowAlignment {
  private WindowAlignment() {}

  /**
   * A message naming {@code --windowSize} when a start in {@code starts} (epoch millis) is not a
   * multiple of {@code sizeMillis}; empty when every start is.
   */
  static Optional<String> mismatch(String topic, NavigableSet<Long> starts, long sizeMillis) {
    NavigableSet<Long> off = new java.util.TreeSet<>();
    for (long start : starts) {
      if (Math.floorMod(start, sizeMillis) != 0) {
        off.add(start);
      }
    }
    if (off.isEmpty()) {
      return Optional.empty();
    }
    String size = format(sizeMillis);
    StringBuilder m =
        new StringBuilder("--windowSize=")
            .append(size)
            .append(" does not match the windows stored for topic ")
            .append(topic)
            .append(": ")
            .append(off.size() == 1 ? "one starts" : off.size() + " of them start")
            .append(" off the ")
            .append(size)
            .append(" grid (e.g. ")
            .append(Instant.ofEpochMilli(off.first()))
            .append(")");
    if (starts.size() > 1) {
      String common = format(commonDivisor(starts));
      m.append("; all start on multiples of ")
          .append(common)
          .append(", so the job ran with ")
          .append(common)
          .append(" or a size that divides it");
    }
    m.append(
        ". Give the job's --windowSize (`courtside demo` prints its verify command); for a job"
            + " that ran with several sizes, compare one period with --from/--to.");
    return Optional.of(m.toString());
  }

  /** The greatest common divisor of the starts: every window size that fits them divides it. */
  static long commonDivisor(NavigableSet<Long> starts) {
    BigInteger gcd = BigInteger.ZERO;
    for (long start : starts) {
      gcd = gcd.gcd(BigInteger.valueOf(start));
    }
    return gcd.longValueExact();
  }

  /** {@code millis} in the largest unit that divides it, as the flags write it: 10s, 1m, 1500ms. */
  static String format(long millis) {
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (millis != 0 && millis % units[i] == 0) {
        return millis / units[i] + names[i];
      }
    }
    return millis + "ms";
  }
}
