package io.courtside.pipeline.window;

import io.courtside.pipeline.score.Polarity;

/** Counts of posts by polarity and the sum of their compound scores: an associative summary. */
public record PolarityCounts(long positive, long negative, long neutral, double compoundSum) {
  public static final PolarityCounts EMPTY = new PolarityCounts(0, 0, 0, 0.0);

  public static PolarityCounts of(Polarity polarity, double compound) {
    return new PolarityCounts(
        polarity == Polarity.POSITIVE ? 1 : 0,
        polarity == Polarity.NEGATIVE ? 1 : 0,
        polarity == Polarity.NEUTRAL ? 1 : 0,
        compound);
  }

  public PolarityCounts plus(PolarityCounts o) {
    return new PolarityCounts(
        positive + o.positive,
        negative + o.negative,
        neutral + o.neutral,
        compoundSum + o.compoundSum);
  }

  public long total() {
    return positive + negative + neutral;
  }

  public double compoundMean() {
    long n = total();
    return n == 0 ? 0.0 : compoundSum / n;
  }
}
