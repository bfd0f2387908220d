package io.courtside.sentiment;

import static io.courtside.sentiment.Modifiers.C_INCR;
import static io.courtside.sentiment.Modifiers.N_SCALAR;
import static io.courtside.sentiment.Vocabulary.AT;
import static io.courtside.sentiment.Vocabulary.DOUBT;
import static io.courtside.sentiment.Vocabulary.KIND;
import static io.courtside.sentiment.Vocabulary.LEAST;
import static io.courtside.sentiment.Vocabulary.NEVER;
import static io.courtside.sentiment.Vocabulary.NO;
import static io.courtside.sentiment.Vocabulary.NOR;
import static io.courtside.sentiment.Vocabulary.OF;
import static io.courtside.sentiment.Vocabulary.OR;
import static io.courtside.sentiment.Vocabulary.SO;
import static io.courtside.sentiment.Vocabulary.THIS;
import static io.courtside.sentiment.Vocabulary.VERY;
import static io.courtside.sentiment.Vocabulary.WITHOUT;

/**
 * The per-token rules of vaderSentiment 3.3.2: lexicon valence, "no", ALL CAPS emphasis, the
 * boosters and negations of the three preceding tokens, "never so/this", "without doubt", the
 * special-case idioms and "least". Every rule looks at most three tokens around the current one,
 * and token facts are computed once, so a text costs time linear in its token count (the reference
 * re-lowercases the whole token list inside these checks, which is quadratic). Tokens are {@link
 * Vocabulary} ids: comparing a token with a word is comparing two ints.
 */
final class ValenceRules {

  private final Vocabulary vocabulary;

  ValenceRules(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** One valence per token, in token order (0 for tokens that carry none). */
  double[] sentiments(SentiText text) {
    int[] word = text.word;
    int n = text.size;
    double[] sentiments = new double[n];
    for (int i = 0; i < n; i++) {
      int w = word[i];
      if (!Double.isNaN(vocabulary.booster[w])) {
        continue;
      }
      if (i < n - 1 && w == KIND && word[i + 1] == OF) {
        continue;
      }
      if (vocabulary.inLexicon[w]) {
        sentiments[i] = valence(text, i);
      }
    }
    return sentiments;
  }

  private double valence(SentiText t, int i) {
    int[] word = t.word;
    boolean[] inLexicon = vocabulary.inLexicon;
    int n = t.size;
    double valence = vocabulary.valence[word[i]];
    // "no" before another lexicon word negates that word instead of counting itself.
    if (word[i] == NO && i != n - 1 && inLexicon[word[i + 1]]) {
      valence = 0.0;
    }
    if ((i > 0 && word[i - 1] == NO)
        || (i > 1 && word[i - 2] == NO)
        || (i > 2 && word[i - 3] == NO && (word[i - 1] == OR || word[i - 1] == NOR))) {
      valence = vocabulary.valence[word[i]] * N_SCALAR;
    }
    if (t.upper[i] && t.capDiff) {
      valence = valence > 0 ? valence + C_INCR : valence - C_INCR;
    }
    for (int back = 0; back < 3; back++) {
      int j = i - back - 1;
      if (j < 0 || inLexicon[word[j]]) {
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
        valence = specialIdioms(t, valence, i);
      }
    }
    return leastCheck(t, valence, i);
  }

  /** Booster/dampener effect of token j on a word of the given valence. */
  private double scalarIncDec(SentiText t, int j, double valence) {
    double scalar = vocabulary.booster[t.word[j]];
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

  /** The reference's negated([word]): a negation word, or any word containing "n't". */
  private boolean negated(SentiText t, int j) {
    return vocabulary.negation[t.word[j]] || t.hasNt[j];
  }

  private double negationCheck(SentiText t, double valence, int back, int i) {
    int[] word = t.word;
    if (back == 0) {
      if (negated(t, i - 1)) {
        valence = valence * N_SCALAR;
      }
    } else if (back == 1) {
      if (word[i - 2] == NEVER && isSoOrThis(word[i - 1])) {
        valence = valence * 1.25;
      } else if (word[i - 2] == WITHOUT && word[i - 1] == DOUBT) {
        return valence;
      } else if (negated(t, i - 2)) {
        valence = valence * N_SCALAR;
      }
    } else {
      // The reference's condition reads "never so/this" OR "so/this just before": kept as is.
      if ((word[i - 3] == NEVER && isSoOrThis(word[i - 2])) || isSoOrThis(word[i - 1])) {
        valence = valence * 1.25;
      } else if (word[i - 3] == WITHOUT && (word[i - 2] == DOUBT || word[i - 1] == DOUBT)) {
        return valence;
      } else if (negated(t, i - 3)) {
        valence = valence * N_SCALAR;
      }
    }
    return valence;
  }

  private static boolean isSoOrThis(int word) {
    return word == SO || word == THIS;
  }

  /**
   * The reference checks idioms ending at or spanning word i only in its third look-back step, i.e.
   * when i &gt; 2 and the word three back is not a lexicon word. First match among the preceding
   * sequences wins, then sequences starting at i override; two-word dampeners add.
   */
  private double specialIdioms(SentiText t, double valence, int i) {
    int[] word = t.word;
    int n = t.size;
    int[][] idioms = vocabulary.specialCases;
    // The preceding sequences in the reference's order: (i-1, i), (i-2 .. i), (i-2, i-1),
    // (i-3 .. i-1), (i-3, i-2).
    int found = match(idioms, word, i - 1, 2);
    if (found < 0) {
      found = match(idioms, word, i - 2, 3);
    }
    if (found < 0) {
      found = match(idioms, word, i - 2, 2);
    }
    if (found < 0) {
      found = match(idioms, word, i - 3, 3);
    }
    if (found < 0) {
      found = match(idioms, word, i - 3, 2);
    }
    if (found >= 0) {
      valence = Modifiers.SPECIAL_CASES.get(found).valence();
    }
    if (n - 1 > i) {
      found = match(idioms, word, i, 2);
      if (found >= 0) {
        valence = Modifiers.SPECIAL_CASES.get(found).valence();
      }
    }
    if (n - 1 > i + 1) {
      found = match(idioms, word, i, 3);
      if (found >= 0) {
        valence = Modifiers.SPECIAL_CASES.get(found).valence();
      }
    }
    int[][] boosters = vocabulary.phraseBoosters;
    valence = addPhraseBoosters(boosters, word, i - 3, 3, valence);
    valence = addPhraseBoosters(boosters, word, i - 3, 2, valence);
    return addPhraseBoosters(boosters, word, i - 2, 2, valence);
  }

  /** The index of the phrase that is exactly {@code word[from .. from + length)}, or -1. */
  private static int match(int[][] phrases, int[] word, int from, int length) {
    for (int p = 0; p < phrases.length; p++) {
      if (matches(phrases[p], word, from, length)) {
        return p;
      }
    }
    return -1;
  }

  private static double addPhraseBoosters(
      int[][] phrases, int[] word, int from, int length, double valence) {
    for (int p = 0; p < phrases.length; p++) {
      if (matches(phrases[p], word, from, length)) {
        valence = valence + Modifiers.PHRASE_BOOSTERS.get(p).valence();
      }
    }
    return valence;
  }

  private static boolean matches(int[] phrase, int[] word, int from, int length) {
    if (length != phrase.length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (phrase[k] != word[from + k]) {
        return false;
      }
    }
    return true;
  }

  /** "least" before a word negates it, except in "at least" and "very least". */
  private double leastCheck(SentiText t, double valence, int i) {
    int[] word = t.word;
    boolean[] inLexicon = vocabulary.inLexicon;
    if (i > 1 && !inLexicon[word[i - 1]] && word[i - 1] == LEAST) {
      if (word[i - 2] != AT && word[i - 2] != VERY) {
        valence = valence * N_SCALAR;
      }
    } else if (i > 0 && !inLexicon[word[i - 1]] && word[i - 1] == LEAST) {
      valence = valence * N_SCALAR;
    }
    return valence;
  }
}
