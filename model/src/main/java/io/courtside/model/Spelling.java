package io.courtside.model;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The likely intended word for a mistyped one (a Kafka setting's key in a {@code --kafkaConfig}
 * file, read by ingest and by the job). Hand-written: the one library that has an edit distance
 * (Apache Commons Text) is not among our dependencies, and this is its only use.
 */
final class Spelling {
  private Spelling() {}

  /**
   * The known word closest to {@code word} by edit distance, if it is a likely typo of it (at most
   * two edits, or a quarter of its length); ties go to the first in alphabetical order.
   */
  static Optional<String> nearest(String word, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : new TreeSet<>(known)) {
      int d = editDistance(word, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, word.length() / 4) ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
