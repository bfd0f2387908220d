package io.courtside.sentiment;

/**
 * Turns the per-token valences into the four scores, as the reference's {@code score_valence}:
 * punctuation emphasis, normalisation to [-1, 1], the positive/negative/neutral proportions, and
 * Python rounding (compound to 4 places, the proportions to 3).
 */
final class PolarityAggregator {

  /** Normalisation constant: approximates the maximum expected raw sum. */
  static final double ALPHA = 15;

  static final double EXCLAMATION_INCR = 0.292;
  static final double QUESTION_INCR = 0.18;
  static final double QUESTION_MAX = 0.96;

  private PolarityAggregator() {}

  /** The '!' and '?' of the emoji-expanded text count as emphasis. */
  static SentimentScores scores(double[] sentiments, int size, int exclamations, int questions) {
    if (size == 0) {
      return SentimentScores.ZERO;
    }
    double sum = 0;
    for (int i = 0; i < size; i++) {
      sum += sentiments[i];
    }
    double emphasis = punctuationEmphasis(exclamations, questions);
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    double compound = normalize(sum);

    double posSum = 0.0;
    double negSum = 0.0;
    int neutral = 0;
    for (int i = 0; i < size; i++) {
      double s = sentiments[i];
      if (s > 0) {
        posSum += s + 1; // +1 compensates for neutral words counting 1 each
      } else if (s < 0) {
        negSum += s - 1;
      } else {
        neutral++;
      }
    }
    if (posSum > Math.abs(negSum)) {
      posSum += emphasis;
    } else if (posSum < Math.abs(negSum)) {
      negSum -= emphasis;
    }
    double total = posSum + Math.abs(negSum) + neutral;
    return new SentimentScores(
        PyRound.round(compound, 4),
        PyRound.round(Math.abs(negSum / total), 3),
        PyRound.round(Math.abs(neutral / total), 3),
        PyRound.round(Math.abs(posSum / total), 3));
  }

  static double normalize(double score) {
    double norm = score / Math.sqrt(score * score + ALPHA);
    return Math.max(-1.0, Math.min(1.0, norm));
  }

  /** Up to four '!' add 0.292 each; two or three '?' add 0.18 each, more than three 0.96. */
  static double punctuationEmphasis(int exclamations, int questions) {
    double ep = Math.min(exclamations, 4) * EXCLAMATION_INCR;
    double qm = 0;
    if (questions > 1) {
      qm = questions <= 3 ? questions * QUESTION_INCR : QUESTION_MAX;
    }
    return ep + qm;
  }
}
