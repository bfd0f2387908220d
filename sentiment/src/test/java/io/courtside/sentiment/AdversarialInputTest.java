package io.courtside.sentiment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

/**
 * Cost stays linear on inputs that made other VADER ports quadratic: 100 KB of emoticons,
 * negations, "but"s or emoji, scored with truncation disabled. The bound (2 s) is generous so the
 * test is stable on slow CI; quadratic code takes minutes here. Measured times are printed (see
 * target/surefire-reports/*-output.txt).
 */
public class AdversarialInputTest {

  private static final int SIZE = 100_000;
  private static final long BOUND_NANOS = 2_000_000_000L;

  private final Vader unbounded = Vader.builder().maxTextLength(Integer.MAX_VALUE).build();

  @Test
  public void hundredKilobytePostsScoreInLinearTime() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("emoticons", repeat(":) :( <3 :D "));
    inputs.put("negations", repeat("not never no isn't good "));
    inputs.put("but", repeat("good but bad but "));
    inputs.put("but-equal-values", repeat("outstanding but agree good great "));
    inputs.put("idioms", repeat("this is the shit kiss of death kind of good "));
    inputs.put("caps", repeat("GOOD very BAD "));
    inputs.put("emoji", repeat("😂😡👨\u200D👩\u200D👧❤\uFE0F"));
    inputs.put("one-token", "x".repeat(SIZE));
    inputs.put("punctuation", "!?".repeat(SIZE / 2));
    inputs.put("spaces", " ".repeat(SIZE));
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      String text = input.getValue();
      long first = System.nanoTime();
      unbounded.polarityScores(text);
      long cold = System.nanoTime() - first;
      assertThat(input.getKey() + " (cold)", cold, lessThan(BOUND_NANOS));
      for (int warm = 0; warm < 10; warm++) {
        unbounded.polarityScores(text);
      }
      long best = Long.MAX_VALUE;
      for (int run = 0; run < 10; run++) {
        long start = System.nanoTime();
        unbounded.polarityScores(text);
        best = Math.min(best, System.nanoTime() - start);
      }
      System.out.printf(
          "adversarial %-17s %7d chars: first call %6.2f ms, warm %6.2f ms%n",
          input.getKey(), text.length(), cold / 1e6, best / 1e6);
      assertThat(input.getKey(), best, lessThan(BOUND_NANOS));
    }
  }

  @Test
  public void longTextsAreTruncatedAtTheCapAndCanBeCounted() {
    Vader capped = Vader.builder().maxTextLength(10).build();
    String text = "good good bad bad bad";
    assertTrue(capped.wouldTruncate(text));
    assertFalse(capped.wouldTruncate("good good"));
    assertEquals(capped.polarityScores("good good "), capped.polarityScores(text));
    assertEquals(VaderConfig.DEFAULT_MAX_TEXT_LENGTH, Vader.standard().maxTextLength());
    assertFalse(Vader.standard().wouldTruncate("x".repeat(VaderConfig.DEFAULT_MAX_TEXT_LENGTH)));
    assertTrue(Vader.standard().wouldTruncate("x".repeat(VaderConfig.DEFAULT_MAX_TEXT_LENGTH + 1)));
  }

  @Test
  public void truncationNeverSplitsASurrogatePair() {
    Vader capped = Vader.builder().maxTextLength(3).build();
    // "ab" + 😂: cutting at 3 would leave half of the emoji.
    assertEquals(capped.polarityScores("ab"), capped.polarityScores("ab😂 great"));
  }

  private static String repeat(String unit) {
    return unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
  }
}
