package io.courtside.sentiment;

import static io.courtside.sentiment.Modifiers.C_INCR;
import static io.courtside.sentiment.Modifiers.N_SCALAR;

/**
 * The per-token rules of vaderSentiment 3.3.2: lexicon valence, "no", ALL CAPS emphasis, the
 * boosters and negations of the three preceding tokens, "never so/this", "without doubt", the
 * special-case idioms and "least". Every rule looks at most three tokens around the current one,
 * and token facts are computed once, so a text costs time linear in its token count (the reference
 * re-lowercases the whole token list inside these checks, which is quadratic).
 */
final class ValenceRules {

  private final Lexicon lexicon;

  ValenceRules(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** One valence per token, in token order (0 for tokens that carry none). */
  double[] sentiments(SentiText text) {
    Tokens t = new Tokens(text, lexicon);
    int n = text.size;
    double[] sentiments = new double[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(t.booster[i])) {
        continue;
      }
      if (i < n - 1 && t.lower[i].equals("kind") && t.lower[i + 1].equals("of")) {
        continue;
      }
      if (t.inLexicon[i]) {
        sentiments[i] = valence(t, i);
      }
    }
    return sentiments;
  }

  private double valence(Tokens t, int i) {
    String[] lower = t.lower;
    int n = lower.length;
    double valence = t.valence[i];
    // "no" before another lexicon word negates that word instead of counting itself.
    if (lower[i].equals("no") && i != n - 1 && t.inLexicon[i + 1]) {
      valence = 0.0;
    }
    if ((i > 0 && lower[i - 1].equals("no"))
        || (i > 1 && lower[i - 2].equals("no"))
        || (i > 2
            && lower[i - 3].equals("no")
            && (lower[i - 1].equals("or") || lower[i - 1].equals("nor")))) {
      valence = t.valence[i] * N_SCALAR;
    }
    if (t.upper[i] && t.capDiff) {
      valence = valence > 0 ? valence + C_INCR : valence - C_INCR;
    }
    for (int back = 0; back < 3; back++) {
      int j = i - back - 1;
      if (j < 0 || t.inLexicon[j]) {
        continue;
      }
      double scalar = scalarIncDec(t, j, valence);
      if (back == 1 && scalar != 0) {
        scalar = scalar * 0.95;
      } else if (back == 2 && scalar != 0) {
        scalar = scalar * 0.9;
      }
      valence = valence + scalar;
      valence = negationCheck(t, valence, back, i);
      if (back == 2) {
        valence = specialIdioms(lower, valence, i);
      }
    }
    return leastCheck(t, valence, i);
  }

  /** Booster/dampener effect of token j on a word of the given valence. */
  private static double scalarIncDec(Tokens t, int j, double valence) {
    double scalar = t.booster[j];
    if (Double.isNaN(scalar)) {
      return 0.0;
    }
    if (valence < 0) {
      scalar *= -1;
    }
    if (t.upper[j] && t.capDiff) {
      scalar = valence > 0 ? scalar + C_INCR : scalar - C_INCR;
    }
    return scalar;
  }

  private static double negationCheck(Tokens t, double valence, int back, int i) {
    String[] lower = t.lower;
    if (back == 0) {
      if (t.negation[i - 1]) {
        valence = valence * N_SCALAR;
      }
    } else if (back == 1) {
      if (lower[i - 2].equals("never") && isSoOrThis(lower[i - 1])) {
        valence = valence * 1.25;
      } else if (lower[i - 2].equals("without") && lower[i - 1].equals("doubt")) {
        return valence;
      } else if (t.negation[i - 2]) {
        valence = valence * N_SCALAR;
      }
    } else {
      // The reference's condition reads "never so/this" OR "so/this just before": kept as is.
      if ((lower[i - 3].equals("never") && isSoOrThis(lower[i - 2])) || isSoOrThis(lower[i - 1])) {
        valence = valence * 1.25;
      } else if (lower[i - 3].equals("without")
          && (lower[i - 2].equals("doubt") || lower[i - 1].equals("doubt"))) {
        return valence;
      } else if (t.negation[i - 3]) {
        valence = valence * N_SCALAR;
      }
    }
    return valence;
  }

  private static boolean isSoOrThis(String word) {
    return word.equals("so") || word.equals("this");
  }

  /**
   * The reference checks idioms ending at or spanning word i only in its third look-back step, i.e.
   * when i &gt; 2 and the word three back is not a lexicon word. First match among the preceding
   * sequences wins, then sequences starting at i override; two-word dampeners add.
   */
  private static double specialIdioms(String[] lower, double valence, int i) {
    int n = lower.length;
    int[][] preceding = {{i - 1, 2}, {i - 2, 3}, {i - 2, 2}, {i - 3, 3}, {i - 3, 2}};
    search:
    for (int[] seq : preceding) {
      for (Modifiers.Phrase idiom : Modifiers.SPECIAL_CASES) {
        if (idiom.matches(lower, seq[0], seq[1])) {
          valence = idiom.valence();
          break search;
        }
      }
    }
    if (n - 1 > i) {
      for (Modifiers.Phrase idiom : Modifiers.SPECIAL_CASES) {
        if (idiom.matches(lower, i, 2)) {
          valence = idiom.valence();
        }
      }
    }
    if (n - 1 > i + 1) {
      for (Modifiers.Phrase idiom : Modifiers.SPECIAL_CASES) {
        if (idiom.matches(lower, i, 3)) {
          valence = idiom.valence();
        }
      }
    }
    int[][] ngrams = {{i - 3, 3}, {i - 3, 2}, {i - 2, 2}};
    for (int[] seq : ngrams) {
      for (Modifiers.Phrase booster : Modifiers.PHRASE_BOOSTERS) {
        if (booster.matches(lower, seq[0], seq[1])) {
          valence = valence + booster.valence();
        }
      }
    }
    return valence;
  }

  /** "least" before a word negates it, except in "at least" and "very least". */
  private static double leastCheck(Tokens t, double valence, int i) {
    String[] lower = t.lower;
    if (i > 1 && !t.inLexicon[i - 1] && lower[i - 1].equals("least")) {
      if (!lower[i - 2].equals("at") && !lower[i - 2].equals("very")) {
        valence = valence * N_SCALAR;
      }
    } else if (i > 0 && !t.inLexicon[i - 1] && lower[i - 1].equals("least")) {
      valence = valence * N_SCALAR;
    }
    return valence;
  }

  /** Per-token facts, computed once per text. */
  private static final class Tokens {
    final String[] lower;
    final boolean[] upper;
    final boolean capDiff;
    final boolean[] inLexicon;
    final double[] valence;

    /** Booster/dampener scalar, NaN when the token is none. */
    final double[] booster;

    /** The reference's negated([word]): a negation word, or any word containing "n't". */
    final boolean[] negation;

    Tokens(SentiText text, Lexicon lexicon) {
      int n = text.size;
      lower = text.lower;
      upper = text.upper;
      capDiff = text.capDiff;
      inLexicon = new boolean[n];
      valence = new double[n];
      booster = new double[n];
      negation = new boolean[n];
      for (int i = 0; i < n; i++) {
        String w = lower[i];
        Double v = lexicon.valence(w);
        if (v != null) {
          inLexicon[i] = true;
          valence[i] = v;
        }
        Double b = Modifiers.BOOSTERS.get(w);
        booster[i] = b == null ? Double.NaN : b;
        negation[i] = Modifiers.NEGATIONS.contains(w) || w.contains("n't");
      }
    }
  }
}
