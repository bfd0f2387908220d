package io.courtside.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * {@link Instant#parse}, without its general formatter for the one form nearly every post has: the
 * form {@link Instant#toString} writes for the years 0000 to 9999, {@code
 * uuuu-MM-ddTHH:mm:ss[.fraction]Z} with a fraction of 1 to 9 digits (ASCII digits, an upper-case T
 * and Z). That text is checked field by field (month 1 to 12, a day its month has, leap years
 * included, hour 0 to 23, minute and second 0 to 59) and computed directly; any other text
 * (offsets, a lower-case z, 24:00, a leap second, other years, anything invalid) goes to {@link
 * Instant#parse} itself, so the result, or the exception, is always exactly Instant.parse's.
 */
final class IsoInstant {
  private IsoInstant() {}

  /** {@code Instant.parse(text)}. */
  static Instant parse(CharSequence text) {
    Instant instant = canonical(text);
    return instant != null ? instant : Instant.parse(text);
  }

  /** The instant of canonical {@code s}, or null when {@code s} is not in that form. */
  static Instant canonical(CharSequence s) {
    int n = s.length();
    // 2026-05-20T01:02:03Z is 20 chars; a fraction adds a dot and 1 to 9 digits.
    if ((n != 20 && (n < 22 || n > 30))
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z'
        || (n > 20 && s.charAt(19) != '.')) {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nanos = 0;
    if (n > 20) {
      nanos = digits(s, 20, n - 1);
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10; // 1 to 9 fraction digits, scaled to nanoseconds
      }
    }
    if ((year | month | day | hour | minute | second | nanos) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > Month.of(month).length(Year.isLeap(year))
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The number the ASCII digits of s[from, to) write, or -1 when one is not an ASCII digit. */
  private static int digits(CharSequence s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
