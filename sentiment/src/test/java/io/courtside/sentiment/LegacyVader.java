package io.courtside.sentiment;

import static io.courtside.sentiment.Modifiers.C_INCR;
import static io.courtside.sentiment.Modifiers.N_SCALAR;

import java.util.Arrays;

/**
 * The oracle of {@link VaderDifferentialTest}: {@code Vader.polarityScores} as it was before the
 * vocabulary ids (commit 6baf3ab), string by string: a substring and a lowercased copy per token,
 * hash-map lookups of the lexicon, boosters and negations, and every rule comparing strings. Shared
 * with the code under test: the data (lexicon, word lists, emoji names), the Python helpers ({@link
 * PyText}), and the two steps whose algorithms did not change, only their arguments: the "but"
 * rescaling ({@link ButRule#rescale}) and the aggregation ({@link PolarityAggregator#scores}). Do
 * not optimise this class.
 */
final class LegacyVader {

  private final int maxTextLength;
  private final EmojiExpander emoji = new EmojiExpander(EmojiNames.get());
  private final Lexicon lexicon;

  LegacyVader(VaderConfig config) {
    this.maxTextLength = config.maxTextLength();
    this.lexicon = Lexicon.withOverlay(config.overlay());
  }

  SentimentScores polarityScores(String text) {
    String expanded = emoji.expand(truncate(text));
    Words tokens = Words.of(expanded);
    double[] sentiments = sentiments(tokens, lexicon);
    applyBut(tokens.lower, tokens.size, sentiments);
    return scores(sentiments, tokens.size, expanded);
  }

  /** The per-token valences after the "but" rule, before aggregation. */
  double[] valences(String text) {
    Words tokens = Words.of(emoji.expand(truncate(text)));
    double[] sentiments = sentiments(tokens, lexicon);
    applyBut(tokens.lower, tokens.size, sentiments);
    return sentiments;
  }

  private String truncate(String text) {
    if (text.length() <= maxTextLength) {
      return text;
    }
    int end =
        Character.isHighSurrogate(text.charAt(maxTextLength - 1))
            ? maxTextLength - 1
            : maxTextLength;
    return text.substring(0, end);
  }

  /** Tokens as strings, lowercased strings, ALL CAPS flags. */
  static final class Words {
    final String[] words;
    final String[] lower;
    final boolean[] upper;
    final int size;
    final boolean capDiff;

    private Words(String[] words, int size) {
      this.words = words;
      this.size = size;
      this.lower = new String[size];
      this.upper = new boolean[size];
      int upperCount = 0;
      for (int i = 0; i < size; i++) {
        lower[i] = PyText.lower(words[i]);
        upper[i] = PyText.isUpper(words[i]);
        if (upper[i]) {
          upperCount++;
        }
      }
      int differential = size - upperCount;
      this.capDiff = differential > 0 && differential < size;
    }

    static Words of(String text) {
      String[] words = new String[16];
      int size = 0;
      int n = text.length();
      int i = 0;
      while (i < n) {
        while (i < n && PyText.isSpace(text.charAt(i))) {
          i++;
        }
        if (i == n) {
          break;
        }
        int start = i;
        while (i < n && !PyText.isSpace(text.charAt(i))) {
          i++;
        }
        if (size == words.length) {
          words = Arrays.copyOf(words, size * 2);
        }
        words[size++] = stripPunctuationIfWord(text, start, i);
      }
      return new Words(words, size);
    }

    private static String stripPunctuationIfWord(String text, int start, int end) {
      int from = start;
      int to = end;
      while (from < to && PyText.isAsciiPunctuation(text.charAt(from))) {
        from++;
      }
      while (to > from && PyText.isAsciiPunctuation(text.charAt(to - 1))) {
        to--;
      }
      if (PyText.codePointLength(text, from, to) <= 2) {
        return text.substring(start, end);
      }
      return text.substring(from, to);
    }
  }

  private static double[] sentiments(Words text, Lexicon lexicon) {
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

  private static double valence(Tokens t, int i) {
    String[] lower = t.lower;
    int n = lower.length;
    double valence = t.valence[i];
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

  private static double specialIdioms(String[] lower, double valence, int i) {
    int n = lower.length;
    int[][] preceding = {{i - 1, 2}, {i - 2, 3}, {i - 2, 2}, {i - 3, 3}, {i - 3, 2}};
    search:
    for (int[] seq : preceding) {
      for (Modifiers.Phrase idiom : Modifiers.SPECIAL_CASES) {
        if (matches(idiom, lower, seq[0], seq[1])) {
          valence = idiom.valence();
          break search;
        }
      }
    }
    if (n - 1 > i) {
      for (Modifiers.Phrase idiom : Modifiers.SPECIAL_CASES) {
        if (matches(idiom, lower, i, 2)) {
          valence = idiom.valence();
        }
      }
    }
    if (n - 1 > i + 1) {
      for (Modifiers.Phrase idiom : Modifiers.SPECIAL_CASES) {
        if (matches(idiom, lower, i, 3)) {
          valence = idiom.valence();
        }
      }
    }
    int[][] ngrams = {{i - 3, 3}, {i - 3, 2}, {i - 2, 2}};
    for (int[] seq : ngrams) {
      for (Modifiers.Phrase booster : Modifiers.PHRASE_BOOSTERS) {
        if (matches(booster, lower, seq[0], seq[1])) {
          valence = valence + booster.valence();
        }
      }
    }
    return valence;
  }

  private static boolean matches(Modifiers.Phrase phrase, String[] lower, int from, int length) {
    String[] words = phrase.words();
    if (length != words.length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (!words[k].equals(lower[from + k])) {
        return false;
      }
    }
    return true;
  }

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

  private static final class Tokens {
    final String[] lower;
    final boolean[] upper;
    final boolean capDiff;
    final boolean[] inLexicon;
    final double[] valence;
    final double[] booster;
    final boolean[] negation;

    Tokens(Words text, Lexicon lexicon) {
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

  /** The old code found "but" by its string and counted '!' and '?' over the whole text. */
  private static void applyBut(String[] lower, int size, double[] sentiments) {
    for (int i = 0; i < size; i++) {
      if (lower[i].equals("but")) {
        ButRule.rescale(i, size, sentiments);
        return;
      }
    }
  }

  private static SentimentScores scores(double[] sentiments, int size, String text) {
    int exclamations = 0;
    int questions = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c == '!') {
        exclamations++;
      } else if (c == '?') {
        questions++;
      }
    }
    return PolarityAggregator.scores(sentiments, size, exclamations, questions);
  }
}
