package io.courtside.sentiment;

import java.util.Arrays;

/**
 * The reference's tokenization of a text (emoji already replaced by their names): split on Python
 * whitespace, then strip leading and trailing ASCII punctuation from each token unless fewer than
 * three characters would remain (so ":)" and "<3" survive, "good!!!" becomes "good"). Each token is
 * kept as its {@link Vocabulary} id in lower case, its ALL CAPS flag and whether it contains "n't";
 * also the "some but not all tokens are ALL CAPS" flag and the text's '!' and '?' count.
 *
 * <p>One pass over the text: an ASCII token (nearly all) is looked up as its range of the text with
 * its case folded on the fly, so no token becomes a String; only a token with a non-ASCII character
 * is copied and lowercased with Python's rules ({@link PyText}).
 */
final class SentiText {

  // Arrays of at least size entries (grown while tokenizing), token i at index i.

  /** Vocabulary id of each token in lower case ({@link Vocabulary#UNKNOWN} for most). */
  int[] word;

  /** {@code str.isupper()} of each token. */
  boolean[] upper;

  /** The lowercased token contains "n't" (the reference then counts it as a negation). */
  boolean[] hasNt;

  int size;

  /** Some, but not all, tokens are upper case: only then does ALL CAPS add emphasis. */
  final boolean capDiff;

  /** '!' and '?' in the whole text (all of them lie inside tokens). */
  int exclamations;

  int questions;

  private SentiText(String text, Vocabulary vocabulary) {
    int n = text.length();
    // Room for a token per 4 chars: none of the 5,200 reference texts (6 chars a token) regrows.
    int capacity = n / 4 + 2;
    word = new int[capacity];
    upper = new boolean[capacity];
    hasNt = new boolean[capacity];
    int upperCount = 0;
    int i = 0;
    while (true) {
      while (i < n && PyText.isSpace(text.charAt(i))) {
        i++;
      }
      if (i == n) {
        break;
      }
      int runStart = i;
      boolean ascii = true;
      boolean lowerCase = false;
      boolean upperCase = false;
      boolean nt = false;
      // Letters, "n't" and non-ASCII chars are never stripped below, so what this scan finds of
      // the whole run holds for the token too.
      for (char c; i < n && !PyText.isSpace(c = text.charAt(i)); i++) {
        if (c >= 0x80) {
          ascii = false;
        } else if (c >= 'a' && c <= 'z') {
          lowerCase = true;
        } else if (c >= 'A' && c <= 'Z') {
          upperCase = true;
        } else if (c == '!') {
          exclamations++;
        } else if (c == '?') {
          questions++;
        } else if (c == '\'' && i > runStart && i + 1 < n) {
          // (x | 0x20) folds exactly 'N' to 'n' and 'T' to 't' among all chars.
          nt |= (text.charAt(i - 1) | 0x20) == 'n' && (text.charAt(i + 1) | 0x20) == 't';
        }
      }
      int from = runStart;
      int to = i;
      while (from < to && PyText.isAsciiPunctuation(text.charAt(from))) {
        from++;
      }
      while (to > from && PyText.isAsciiPunctuation(text.charAt(to - 1))) {
        to--;
      }
      int length = ascii ? to - from : PyText.codePointLength(text, from, to);
      if (length <= 2) {
        from = runStart;
        to = i;
      }
      if (size == word.length) {
        grow();
      }
      if (ascii) {
        word[size] = vocabulary.idOfAsciiLowered(text, from, to);
        upper[size] = upperCase && !lowerCase;
        hasNt[size] = nt;
      } else {
        String token = text.substring(from, to);
        String lower = PyText.lower(token);
        word[size] = vocabulary.id(lower);
        upper[size] = PyText.isUpper(token);
        hasNt[size] = lower.contains("n't");
      }
      if (upper[size]) {
        upperCount++;
      }
      size++;
    }
    int differential = size - upperCount;
    this.capDiff = differential > 0 && differential < size;
  }

  static SentiText of(String text, Vocabulary vocabulary) {
    return new SentiText(text, vocabulary);
  }

  private void grow() {
    int capacity = word.length * 2;
    word = Arrays.copyOf(word, capacity);
    upper = Arrays.copyOf(upper, capacity);
    hasNt = Arrays.copyOf(hasNt, capacity);
  }
}
