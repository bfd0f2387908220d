package io.courtside.sentiment;

/**
 * VADER's four scores, rounded as the reference rounds them (Python {@code round()}): compound in
 * [-1, 1] to 4 places; neg, neu and pos, the proportions of the text in each class, to 3. A
 * compound that rounds to zero from below is {@code -0.0}, as in the reference.
 */
public record SentimentScores(double compound, double neg, double neu, double pos) {

  /** The scores of a text without tokens. */
  public static final SentimentScores ZERO = new SentimentScores(0.0, 0.0, 0.0, 0.0);

  /**
   * Appends {@code compound<TAB>neg<TAB>neu<TAB>pos} as the reference prints them ({@code %.4f}
   * then {@code %.3f} three times).
   */
  public StringBuilder appendTsv(StringBuilder out) {
    PyRound.format(compound, 4, out);
    out.append('\t');
    PyRound.format(neg, 3, out);
    out.append('\t');
    PyRound.format(neu, 3, out);
    out.append('\t');
    PyRound.format(pos, 3, out);
    return out;
  }

  /** {@code compound<TAB>neg<TAB>neu<TAB>pos}, see {@link #appendTsv}. */
  public String toTsv() {
    return appendTsv(new StringBuilder(24)).toString();
  }
}
