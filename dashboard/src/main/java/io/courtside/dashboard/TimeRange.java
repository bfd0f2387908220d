package io.courtside.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The range a page shows: {@code [from, to]}. With {@code follow}, {@code to} is just after the
 * newest stored point rather than the clock, so a replayed archive shows up without typing dates,
 * and InfluxQL's {@code now()} in a query means that same instant (the "now" panels then look at
 * the last minutes of the data, not of the clock).
 */
public record TimeRange(Instant from, Instant to, boolean follow) {
  /** The choices of the page's picker, the only lengths the server accepts. */
  public static final Map<String, Duration> CHOICES = choices();

  public TimeRange {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from " + from + " is not before to " + to);
    }
  }

  /** The last {@code length} up to the clock. */
  public static TimeRange last(Duration length, Instant now) {
    return new TimeRange(now.minus(length), now, false);
  }

  /**
   * {@code length} ending a twentieth of it after {@code newest}, so the newest point is visible.
   */
  public static TimeRange following(Duration length, Instant newest) {
    Instant to = newest.plus(length.dividedBy(20));
    return new TimeRange(to.minus(length), to, true);
  }

  /** A picker value ({@code 5m}, {@code 15m}, {@code 1h}, {@code 6h}) as a duration. */
  public static Duration length(String choice) throws DashboardException {
    Duration d = CHOICES.get(choice);
    if (d == null) {
      throw new DashboardException("range=" + choice + " is not one of " + CHOICES.keySet());
    }
    return d;
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  private static Map<String, Duration> choices() {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put("5m", Duration.ofMinutes(5));
    m.put("15m", Duration.ofMinutes(15));
    m.put("1h", Duration.ofHours(1));
    m.put("6h", Duration.ofHours(6));
    return java.util.Collections.unmodifiableMap(m);
  }
}
