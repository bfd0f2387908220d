package io.courtside.sentiment;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The contrastive "but": valences before the first "but" are halved, those after it count 1.5×.
 *
 * <p>The reference walks the valence list and, for each value, rewrites the position that {@code
 * list.index(value)} returns: the <em>first</em> position currently holding an equal value, which
 * is not always the position being visited. When a later word has the same valence as an earlier
 * (possibly already rescaled) one, the earlier position is rescaled again and the later one is left
 * alone. We reproduce that exactly, but find "first position with this value" through a map instead
 * of a scan, so a 100 KB run of "but"s stays linear (n log n).
 */
final class ButRule {

  private ButRule() {}

  /** {@code words}: the tokens' {@link Vocabulary} ids. */
  static void apply(int[] words, int size, double[] sentiments) {
    for (int i = 0; i < size; i++) {
      if (words[i] == Vocabulary.BUT) {
        rescale(i, size, sentiments);
        return;
      }
    }
  }

  /** The rule around the first "but", at token {@code but}. */
  static void rescale(int but, int size, double[] sentiments) {
    // Current value -> positions already visited that hold it (smallest first). Zeros are
    // skipped: rescaling a zero leaves it zero, so it can never change what index() finds.
    Map<Double, PriorityQueue<Integer>> visited = new HashMap<>();
    for (int k = 0; k < size; k++) {
      double value = sentiments[k];
      if (value == 0) {
        continue;
      }
      PriorityQueue<Integer> same = visited.get(value);
      int target = same == null || same.isEmpty() ? k : same.poll();
      double rescaled = target < but ? value * 0.5 : target > but ? value * 1.5 : value;
      sentiments[target] = rescaled;
      visited.computeIfAbsent(rescaled, v -> new PriorityQueue<>()).add(target);
      if (target != k) {
        // Position k kept its value and now counts as visited with it.
        visited.computeIfAbsent(value, v -> new PriorityQueue<>()).add(k);
      }
    }
  }
}
