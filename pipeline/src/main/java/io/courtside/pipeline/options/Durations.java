package io.courtside.pipeline.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.Duration;

/**
 * Parses duration flags such as {@code 500ms}, {@code 30s}, {@code 1m}, {@code 2h} or ISO-8601
 * {@code PT1M}. Beam options have no duration type, and a plain number would hide its unit. No
 * duration flag of the job may be negative, and every refusal is an IllegalArgumentException that
 * names the flag.
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(-?)(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** Parses {@code value}; the error names {@code flag} and says what is accepted. */
  public static Duration parse(String flag, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "--" + flag + " is empty; give a duration like 30s, 1m or PT1M");
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(v);
    long millis;
    try {
      if (m.matches()) {
        millis = Math.multiplyExact(Long.parseLong(m.group(2)), unitMillis(m.group(3)));
        if (!m.group(1).isEmpty() && millis != 0) {
          millis = -millis;
        }
      } else {
        millis = iso(flag, value).toMillis();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // Long.parseLong refuses more than 19 digits, multiplyExact and toMillis a sum past 2^63 ms.
      throw new IllegalArgumentException(
          "--" + flag + "=" + value + " is too long (at most 292 million years in milliseconds)");
    }
    if (millis < 0) {
      throw new IllegalArgumentException("--" + flag + "=" + value + " must not be negative");
    }
    return Duration.millis(millis);
  }

  /** Like {@link #parse} but also requires a strictly positive duration. */
  public static Duration parsePositive(String flag, String value) {
    Duration d = parse(flag, value);
    if (d.getMillis() <= 0) {
      throw new IllegalArgumentException("--" + flag + "=" + value + " must be greater than zero");
    }
    return d;
  }

  private static long unitMillis(String unit) {
    return switch (unit) {
      case "ms" -> 1L;
      case "s" -> 1_000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      default -> 86_400_000L;
    };
  }

  private static java.time.Duration iso(String flag, String value) {
    try {
      return java.time.Duration.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--" + flag + "=" + value + " is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M");
    }
  }
}
