package io.courtside.sentiment;

import java.util.Arrays;

/**
 * The reference's tokenization of a text (emoji already replaced by their names): split on Python
 * whitespace, then strip leading and trailing ASCII punctuation from each token unless fewer than
 * three characters would remain (so ":)" and "<3" survive, "good!!!" becomes "good"). Also holds
 * the lowercased tokens and the "some but not all tokens are ALL CAPS" flag.
 */
final class SentiText {

  final String[] words;
  final String[] lower;
  final boolean[] upper;
  final int size;

  /** Some, but not all, tokens are upper case: only then does ALL CAPS add emphasis. */
  final boolean capDiff;

  private SentiText(String[] words, int size) {
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

  static SentiText of(String text) {
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
    return new SentiText(words, size);
  }

  /** {@code token.strip(string.punctuation)}, kept only if more than two characters remain. */
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
