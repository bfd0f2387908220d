package io.courtside.pipeline.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.Duration;

/**
 * Parses duration flags such as {@code 500ms}, {@code 30s}, {@code 1m}, {@code 2h} or ISO-8601
 * {@code PT1M}. Beam options have no duration type, and a plain number would hide its unit.
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** Parses {@code value}; the error names {@code flag} and says what is accepted. */
  public static Duration parse(String flag, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "--" + flag + " is empty; give a duration like 30s, 1m or PT1M");
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.millis(n);
        case "s":
          return Duration.standardSeconds(n);
        case "m":
          return Duration.standardMinutes(n);
        case "h":
          return Duration.standardHours(n);
        default:
          return Duration.standardDays(n);
      }
    }
    try {
      return Duration.millis(java.time.Duration.parse(value.trim()).toMillis());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--" + flag + "=" + value + " is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M");
    }
  }

  /** Like {@link #parse} but also requires a strictly positive duration. */
  public static Duration parsePositive(String flag, String value) {
    Duration d = parse(flag, value);
    if (d.getMillis() <= 0) {
      throw new IllegalArgumentException("--" + flag + "=" + value + " must be greater than zero");
    }
    return d;
  }
}
