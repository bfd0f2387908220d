package io.courtside.pipeline.influx;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Float field values as influxdb-client-java's {@code Point} writes them, for every finite double:
 * plain notation (never an exponent), at least one fraction digit, no trailing zeros beyond it,
 * {@code -0.0} for negative zero. Point runs each double through a {@link java.text.DecimalFormat}
 * (English symbols, no grouping, 1 to 340 fraction digits); with 340 digits it never rounds, so its
 * digits are those of the JDK's double-to-decimal conversion ({@code FloatingDecimal}), written out
 * in plain notation. That conversion is not always the shortest: 1e23 is written {@code
 * 99999999999999990000000.0}.
 *
 * <p>Three paths, fastest first:
 *
 * <ol>
 *   <li>Multiples of 0.0001 between -1 and 1 (every VADER score: compound, pos, neu, neg): the
 *       digits come from the integer {@code round(d * 10^4)}, once it is checked that d is the
 *       double nearest to that integer / 10^4. All 20,001 such values are compared with the
 *       reference format by {@code LineProtocolTest}.
 *   <li>Any other finite double, when {@link Double#toString} gives the same digits as the
 *       reference format (JDK 17 and 18, where both are {@code FloatingDecimal}): those digits
 *       moved into plain notation. JDK 19 made {@code Double.toString} shortest (1e23 is {@code
 *       1.0E23}) while {@code DecimalFormat} kept the old digits, so this path is taken only if the
 *       two agree on doubles where the algorithms differ ({@link #TO_STRING_AGREES}).
 *   <li>Otherwise the reference format itself, a {@code DecimalFormat} configured as Point's.
 * </ol>
 */
final class LineProtocolFloats {
  /** Point's format: one per thread, as DecimalFormat is not thread-safe. */
  private static final ThreadLocal<NumberFormat> REFERENCE =
      ThreadLocal.withInitial(
          () -> {
            NumberFormat f = NumberFormat.getInstance(Locale.ENGLISH);
            f.setMaximumFractionDigits(340);
            f.setGroupingUsed(false);
            f.setMinimumFractionDigits(1);
            return f;
          });

  /**
   * Whether {@link Double#toString}'s digits are the reference format's on this JDK: checked on
   * doubles whose shortest digits differ from {@code FloatingDecimal}'s (1e23 is {@code
   * 9.999999999999999E22} there).
   */
  static final boolean TO_STRING_AGREES = agrees(1e23) && agrees(2e23) && agrees(8.41e21);

  private LineProtocolFloats() {}

  /**
   * {@code d} as Point writes it; {@code d} must be finite (Point leaves out NaN and infinities).
   */
  static void append(StringBuilder sb, double d) {
    double scaled = d * 10_000;
    if (scaled >= -10_000 && scaled <= 10_000) {
      long n = Math.round(scaled);
      if (n / 10_000.0 == d) {
        appendTenThousandths(sb, Double.doubleToRawLongBits(d) < 0, Math.abs(n));
        return;
      }
    }
    if (TO_STRING_AGREES) {
      appendPlain(sb, Double.toString(d));
    } else {
      sb.append(reference(d));
    }
  }

  /** {@code d} as Point writes it, for tests. */
  static String format(double d) {
    StringBuilder sb = new StringBuilder(24);
    append(sb, d);
    return sb.toString();
  }

  /** Point's own formatting of {@code d} (its DecimalFormat, configured the same way). */
  static String reference(double d) {
    return REFERENCE.get().format(d);
  }

  /** {@code n} / 10^4 for 0 <= n <= 10^4: integer part, then 1 to 4 fraction digits. */
  private static void appendTenThousandths(StringBuilder sb, boolean negative, long n) {
    if (negative) {
      sb.append('-');
    }
    sb.append((char) ('0' + n / 10_000)).append('.');
    int fraction = (int) (n % 10_000);
    if (fraction == 0) {
      sb.append('0');
      return;
    }
    for (int unit = 1000; fraction != 0; unit /= 10) { // 12 is "0012", 1200 is "12"
      sb.append((char) ('0' + fraction / unit));
      fraction %= unit;
    }
  }

  /**
   * A {@link Double#toString} result ({@code [-]I.F} or {@code [-]D.FFFE[-]n}, one digit before the
   * point in the latter) in plain notation with trailing fraction zeros dropped, at least one kept.
   */
  static void appendPlain(StringBuilder sb, String s) {
    int start = 0;
    if (s.charAt(0) == '-') {
      sb.append('-');
      start = 1;
    }
    int dot = s.indexOf('.', start);
    int e = s.indexOf('E', dot);
    int end = e < 0 ? s.length() : e;
    int last = end; // the digits after the point end here once trailing zeros are dropped
    while (last > dot + 1 && s.charAt(last - 1) == '0') {
      last--;
    }
    if (e < 0) {
      sb.append(s, start, Math.max(last, dot + 2)); // "0.0", "12.5"
      return;
    }
    int exponent = Integer.parseInt(s, e + 1, s.length(), 10);
    int after = last - (dot + 1); // significant digits after the first
    if (exponent >= 0) {
      sb.append(s.charAt(start));
      if (after <= exponent) {
        sb.append(s, dot + 1, last);
        appendZeros(sb, exponent - after);
        sb.append(".0");
      } else {
        sb.append(s, dot + 1, dot + 1 + exponent).append('.').append(s, dot + 1 + exponent, last);
      }
    } else {
      sb.append("0.");
      appendZeros(sb, -exponent - 1);
      sb.append(s.charAt(start)).append(s, dot + 1, last);
    }
  }

  private static void appendZeros(StringBuilder sb, int count) {
    for (int i = 0; i < count; i++) {
      sb.append('0');
    }
  }

  private static boolean agrees(double d) {
    StringBuilder sb = new StringBuilder(400);
    appendPlain(sb, Double.toString(d));
    return sb.toString().equals(reference(d));
  }
}
