package io.courtside.model;

import static org.junit.Assert.assertEquals;

import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

public class SpellingTest {
  /** The edit distance against a recount by recursion over prefixes, on random short strings. */
  @Test
  public void theEditDistanceIsLevenshteins() {
    Random r = new Random(7);
    for (int n = 0; n < 2_000; n++) {
      String a = randomWord(r);
      String b = randomWord(r);
      assertEquals(a + " / " + b, recount(a, b), Spelling.editDistance(a, b));
    }
  }

  @Test
  public void aTypoFindsItsWordAndAFarWordNone() {
    Set<String> known = Set.of("sasl.mechanism", "security.protocol", "acks");
    assertEquals(Optional.of("sasl.mechanism"), Spelling.nearest("sasl.mechansim", known));
    assertEquals(Optional.of("security.protocol"), Spelling.nearest("security.protocl", known));
    assertEquals(Optional.empty(), Spelling.nearest("schema.registry.url", known));
    assertEquals(Optional.empty(), Spelling.nearest("x", Set.of()));
  }

  private static String randomWord(Random r) {
    StringBuilder w = new StringBuilder();
    for (int i = r.nextInt(7); i > 0; i--) {
      w.append((char) ('a' + r.nextInt(3)));
    }
    return w.toString();
  }

  private static int recount(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.length() + b.length();
    }
    String a1 = a.substring(1);
    String b1 = b.substring(1);
    return Math.min(
        recount(a1, b1) + (a.charAt(0) == b.charAt(0) ? 0 : 1),
        Math.min(recount(a1, b), recount(a, b1)) + 1);
  }
}
