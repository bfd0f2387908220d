package io.courtside.sentiment;

import static org.junit.Assert.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** {@link ButRule} against a literal model of the reference's list.index()-based loop. */
public class ButRuleTest {

  @Test
  public void matchesTheReferenceLoopOnRandomListsWithManyEqualValues() {
    Random random = new Random(42);
    double[] palette = {0, 0, 1.5, 3.0, 0.75, -2.5, -1.25, 1.9, 0.95, 2.85, 2.25, -3.75};
    for (int round = 0; round < 20_000; round++) {
      int n = 1 + random.nextInt(12);
      String[] lower = new String[n];
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        lower[i] = random.nextInt(5) == 0 ? "but" : "w";
        values[i] =
            lower[i].equals("but") && random.nextBoolean()
                ? 0
                : palette[random.nextInt(palette.length)];
      }
      double[] expected = referenceLoop(lower, values);
      double[] actual = values.clone();
      ButRule.apply(ids(lower), n, actual);
      assertArrayEquals(
          Arrays.toString(lower) + " " + Arrays.toString(values), expected, actual, 0);
    }
  }

  @Test
  public void earlierEqualValueIsRescaledInsteadOfTheVisitedOne() {
    String[] lower = {"outstanding", "but", "agree"};
    double[] values = {3.0, 0, 1.5};
    ButRule.apply(ids(lower), 3, values);
    assertArrayEquals(new double[] {0.75, 0, 1.5}, values, 0);
  }

  /** "but" as its vocabulary id, every other word as an unknown one. */
  private static int[] ids(String[] lower) {
    return Arrays.stream(lower)
        .mapToInt(w -> w.equals("but") ? Vocabulary.BUT : Vocabulary.UNKNOWN)
        .toArray();
  }

  /** The reference, step by step: for each element, rescale sentiments[sentiments.index(it)]. */
  private static double[] referenceLoop(String[] lower, double[] values) {
    int but = Arrays.asList(lower).indexOf("but");
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    if (but >= 0) {
      for (int k = 0; k < list.size(); k++) {
        double sentiment = list.get(k);
        int si = 0;
        while (list.get(si) != sentiment) {
          si++;
        }
        if (si < but) {
          list.set(si, sentiment * 0.5);
        } else if (si > but) {
          list.set(si, sentiment * 1.5);
        }
      }
    }
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
