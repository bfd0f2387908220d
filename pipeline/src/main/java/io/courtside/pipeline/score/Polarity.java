package io.courtside.pipeline.score;

/** The label of a post, from VADER's compound score with VADER's usual ±0.05 thresholds. */
public enum Polarity {
  POSITIVE,
  NEGATIVE,
  NEUTRAL;

  public static final double THRESHOLD = 0.05;

  public static Polarity of(double compound) {
    if (compound >= THRESHOLD) {
      return POSITIVE;
    }
    if (compound <= -THRESHOLD) {
      return NEGATIVE;
    }
    return NEUTRAL;
  }

  /** The name written to InfluxDB: post_sentiment's polarity field, the window count fields. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
