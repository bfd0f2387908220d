package io.courtside.sentiment;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every word the rules ask about (lexicon words, boosters, negations, the words the rules and
 * idioms name), each numbered once, with what the rules need to know of it. A token is looked up
 * once, as its range of the text, and the rules then compare small ints instead of strings. Id 0
 * ({@link #UNKNOWN}) is every other word: not in the lexicon, no booster, no negation.
 *
 * <p>Lookups go through an open-addressing table keyed by the words' chars, so an ASCII token is
 * found with its case folded on the fly, without a substring or a lowercased copy.
 */
final class Vocabulary {

  static final int UNKNOWN = 0;

  /**
   * The words the rules compare tokens with, numbered from 1 in this order in every vocabulary, so
   * the rules can name them as constants.
   */
  private static final List<String> RULE_WORDS =
      List.of(
          "no", "or", "nor", "never", "so", "this", "without", "doubt", "least", "at", "very",
          "kind", "of", "but");

  static final int NO = 1;
  static final int OR = 2;
  static final int NOR = 3;
  static final int NEVER = 4;
  static final int SO = 5;
  static final int THIS = 6;
  static final int WITHOUT = 7;
  static final int DOUBT = 8;
  static final int LEAST = 9;
  static final int AT = 10;
  static final int VERY = 11;
  static final int KIND = 12;
  static final int OF = 13;
  static final int BUT = 14;

  /**
   * The words' chars one after another, word {@code id} at {@code chars[start[id] .. start[id +
   * 1])}: one array, so comparing a token with a word touches few cache lines.
   */
  private char[] chars = new char[1 << 16];

  private int[] start = new int[1024];

  private int count = 1; // id 0 is UNKNOWN

  /**
   * Open addressing with linear probing, at most half full: slot s holds a word's hash at {@code
   * 2s} and its id at {@code 2s + 1} (0: empty). The hash is compared first, so a probe reads a
   * word's chars only when it is almost surely the word.
   */
  private final int[] table;

  private final int mask;

  final boolean[] inLexicon;

  /** Lexicon valence (0 when the word is not in the lexicon). */
  final double[] valence;

  /** Booster (+) or dampener (-) scalar, NaN when the word is neither. */
  final double[] booster;

  /** One of {@link Modifiers#NEGATIONS} (a token containing "n't" is a negation too: see rules). */
  final boolean[] negation;

  /** {@link Modifiers#SPECIAL_CASES} and {@link Modifiers#PHRASE_BOOSTERS} as ids. */
  final int[][] specialCases;

  final int[][] phraseBoosters;

  Vocabulary(Lexicon lexicon) {
    Map<String, Double> entries = lexicon.entries();
    // The lexicon plus under 256 rule, booster and negation words, in at least twice as many slots.
    int capacity = Integer.highestOneBit(4 * (entries.size() + 256));
    table = new int[2 * capacity];
    mask = capacity - 1;
    for (String word : RULE_WORDS) {
      add(word);
    }
    specialCases = ids(Modifiers.SPECIAL_CASES);
    phraseBoosters = ids(Modifiers.PHRASE_BOOSTERS);
    Modifiers.BOOSTERS.keySet().forEach(this::add);
    Modifiers.NEGATIONS.forEach(this::add);
    entries.keySet().forEach(this::add);

    inLexicon = new boolean[count];
    valence = new double[count];
    booster = new double[count];
    negation = new boolean[count];
    Arrays.fill(booster, Double.NaN);
    entries.forEach(
        (word, v) -> {
          int id = id(word);
          inLexicon[id] = true;
          valence[id] = v;
        });
    Modifiers.BOOSTERS.forEach((word, b) -> booster[id(word)] = b);
    Modifiers.NEGATIONS.forEach(word -> negation[id(word)] = true);
    for (int k = 0; k < RULE_WORDS.size(); k++) {
      if (id(RULE_WORDS.get(k)) != k + 1) {
        throw new IllegalStateException("rule word ids out of order: " + RULE_WORDS.get(k));
      }
    }
  }

  /** The id of {@code word} exactly as given (already lower case), {@link #UNKNOWN} if none. */
  int id(String word) {
    return find(word, 0, word.length(), false);
  }

  /**
   * The id of {@code text[from, to)} in ASCII lower case; every char of the range must be ASCII
   * (elsewhere {@code str.lower()} needs {@link PyText#lower}).
   */
  int idOfAsciiLowered(String text, int from, int to) {
    return find(text, from, to, true);
  }

  private int find(String text, int from, int to, boolean foldAscii) {
    int n = to - from;
    int hash = 0; // String.hashCode's polynomial, so a word's own hashCode() is its hash
    for (int k = from; k < to; k++) {
      hash = 31 * hash + fold(text.charAt(k), foldAscii);
    }
    search:
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      int id = table[2 * slot + 1];
      if (id == UNKNOWN) {
        return UNKNOWN;
      }
      int at = start[id];
      if (table[2 * slot] != hash || start[id + 1] - at != n) {
        continue;
      }
      for (int k = 0; k < n; k++) {
        if (chars[at + k] != fold(text.charAt(from + k), foldAscii)) {
          continue search;
        }
      }
      return id;
    }
  }

  private static char fold(char c, boolean foldAscii) {
    return foldAscii ? PyText.lowerAscii(c) : c;
  }

  /** Mixes the high bits of the String-style hash into the low ones the mask keeps. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  private void add(String word) {
    if (id(word) != UNKNOWN) {
      return;
    }
    int id = count++;
    if (id + 1 == start.length) {
      start = Arrays.copyOf(start, start.length * 2);
    }
    int at = start[id];
    if (at + word.length() > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, at + word.length()));
    }
    word.getChars(0, word.length(), chars, at);
    start[id + 1] = at + word.length();
    int hash = word.hashCode();
    int slot = spread(hash) & mask;
    while (table[2 * slot + 1] != UNKNOWN) {
      slot = (slot + 1) & mask;
    }
    table[2 * slot] = hash;
    table[2 * slot + 1] = id;
  }

  private int[][] ids(List<Modifiers.Phrase> phrases) {
    int[][] ids = new int[phrases.size()][];
    for (int p = 0; p < ids.length; p++) {
      String[] phraseWords = phrases.get(p).words();
      ids[p] = new int[phraseWords.length];
      for (int k = 0; k < phraseWords.length; k++) {
        add(phraseWords[k]);
        ids[p][k] = id(phraseWords[k]);
      }
    }
    return ids;
  }
}
