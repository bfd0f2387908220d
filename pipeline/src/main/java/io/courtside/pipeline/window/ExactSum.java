package io.courtside.pipeline.window;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The sum of doubles as if added exactly and rounded once (to nearest, ties to even), so it does
 * not depend on their order, as a loop of {@code +=} does in its last bits. The running sum is kept
 * exactly as a few non-overlapping doubles ("partials", Shewchuk's adaptive-precision expansion):
 * each value is added to every partial with an error-free two-sum, and the non-zero errors become
 * the new partials. Values between -1 and 1, as compound scores are, need two or three of them, so
 * the cost is a few additions a value: cheaper than sorting the values to fix an order.
 *
 * <p>Non-finite values give what IEEE addition gives in any order (NaN if any is NaN or both
 * infinities occur, else the infinity). If a running sum leaves the range of doubles, the sum is
 * taken again with {@link BigDecimal} (slow, exact; never with scores).
 */
final class ExactSum {
  private ExactSum() {}

  /** The correctly rounded sum of {@code values}; 0.0 (not -0.0) for none or a zero sum. */
  static double of(double[] values) {
    double[] partials = new double[8];
    int count = 0; // non-zero, non-overlapping, increasing in magnitude; their sum is exact
    boolean nonFinite = false;
    double nonFiniteSum = 0.0;
    for (double value : values) {
      if (!Double.isFinite(value)) {
        nonFinite = true;
        nonFiniteSum += value;
        continue;
      }
      double x = value;
      int kept = 0;
      for (int i = 0; i < count; i++) {
        double y = partials[i];
        if (Math.abs(x) < Math.abs(y)) {
          double t = x;
          x = y;
          y = t;
        }
        double hi = x + y;
        if (!Double.isFinite(hi)) {
          return exactly(values);
        }
        double lo = y - (hi - x); // exact, as |x| >= |y|
        if (lo != 0.0) {
          partials[kept++] = lo;
        }
        x = hi;
      }
      count = kept;
      if (x != 0.0) {
        if (count == partials.length) {
          partials = Arrays.copyOf(partials, 2 * count);
        }
        partials[count++] = x;
      }
    }
    if (nonFinite) {
      return nonFiniteSum;
    }
    return 0.0 + roundOnce(partials, count);
  }

  /**
   * The partials' exact sum rounded once: added from the largest down until an addition is inexact;
   * that rounding is then the final one, unless it was a tie (the error exactly half an ulp) that
   * the smaller partials, of the error's sign, break the other way.
   */
  private static double roundOnce(double[] partials, int count) {
    if (count == 0) {
      return 0.0;
    }
    int i = count - 1;
    double hi = partials[i];
    double lo = 0.0;
    while (i > 0) {
      double x = hi;
      double y = partials[--i];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) {
        break;
      }
    }
    if (i > 0 && (lo < 0.0 ? partials[i - 1] < 0.0 : lo > 0.0 && partials[i - 1] > 0.0)) {
      double twice = 2.0 * lo;
      double away = hi + twice;
      if (away - hi == twice) { // lo was exactly half an ulp of hi: round away from it
        hi = away;
      }
    }
    return hi;
  }

  /** When a running sum overflowed: the non-finite values' sum if any, else the exact sum. */
  private static double exactly(double[] values) {
    boolean any = false;
    double sum = 0.0;
    BigDecimal exact = BigDecimal.ZERO;
    for (double v : values) {
      if (Double.isFinite(v)) {
        exact = exact.add(new BigDecimal(v));
      } else {
        any = true;
        sum += v;
      }
    }
    return any ? sum : 0.0 + Double.parseDouble(exact.toString());
  }
}
