package io.courtside.sentiment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code round(x, digits)} on floats, and {@code "%.Nf"} printing of the result. Python
 * rounds the exact binary value of the double half-to-even, so 0.0625 gives 0.062 while 0.0626
 * (really 0.06259999...) gives 0.063; a naive {@code Math.round(x * 1000) / 1000.0} gets some of
 * these wrong. We take the fast path unless the scaled value is within 1e-7 of a tie, where the
 * exact {@link BigDecimal} of the double decides.
 */
final class PyRound {

  private static final double[] SCALE = {1, 10, 100, 1_000, 10_000};

  private PyRound() {}

  /** {@code round(x, digits)} expressed as an integer count of 10^-digits units. */
  static long units(double x, int digits) {
    double scaled = x * SCALE[digits];
    double floor = Math.floor(scaled);
    double fraction = scaled - floor;
    if (Math.abs(fraction - 0.5) < 1e-7) {
      return new BigDecimal(x)
          .setScale(digits, RoundingMode.HALF_EVEN)
          .unscaledValue()
          .longValueExact();
    }
    return (long) (fraction > 0.5 ? floor + 1 : floor);
  }

  /** {@code round(x, digits)}: the double nearest to the rounded decimal, sign of zero kept. */
  static double round(double x, int digits) {
    long units = units(x, digits);
    if (units == 0) {
      return x < 0 || (x == 0 && 1 / x < 0) ? -0.0 : 0.0;
    }
    return units / SCALE[digits];
  }

  /** {@code "%.{digits}f" % value} for a value already rounded to {@code digits} places. */
  static void format(double value, int digits, StringBuilder out) {
    long units = units(value, digits);
    if (units < 0 || (units == 0 && (value < 0 || 1 / value < 0))) {
      out.append('-');
      units = -units;
    }
    long scale = (long) SCALE[digits];
    out.append(units / scale).append('.');
    String fraction = Long.toString(units % scale);
    for (int pad = digits - fraction.length(); pad > 0; pad--) {
      out.append('0');
    }
    out.append(fraction);
  }

  static String format(double value, int digits) {
    StringBuilder out = new StringBuilder(8);
    format(value, digits, out);
    return out.toString();
  }
}
