package io.courtside.sentiment;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** The Python string and float behaviours the reference relies on. */
public class PythonSemanticsTest {

  @Test
  public void roundIsHalfEvenOnTheExactBinaryValue() {
    assertEquals(0.062, PyRound.round(0.0625, 3), 0); // exact tie -> even
    assertEquals(0.188, PyRound.round(0.1875, 3), 0); // exact tie -> even
    assertEquals(2.67, PyRound.round(2.675, 2), 0); // 2.675 is 2.67499999... in binary
    assertEquals(0.1235, PyRound.round(0.12345, 4), 0); // 0.12345 is 0.1234500000000000041...
    assertEquals(-0.4404, PyRound.round(-0.44043, 4), 0);
    assertEquals(1.0, PyRound.round(0.99996, 4), 0);
  }

  @Test
  public void formatPrintsLikePercentF() {
    assertEquals("0.4404", PyRound.format(0.4404, 4));
    assertEquals("-0.4404", PyRound.format(-0.4404, 4));
    assertEquals("1.000", PyRound.format(1.0, 3));
    assertEquals("0.050", PyRound.format(0.05, 3));
    assertEquals("0.0000", PyRound.format(0.0, 4));
    // Python keeps the sign of a negative value rounded to zero: "%.4f" % round(-1e-5, 4).
    assertEquals("-0.0000", PyRound.format(PyRound.round(-1e-5, 4), 4));
  }

  @Test
  public void isUpperNeedsACasedCharacterAndNoLowercase() {
    assertTrue(PyText.isUpper("GOOD"));
    assertTrue(PyText.isUpper("I'M"));
    assertTrue(PyText.isUpper(":D"));
    assertTrue(PyText.isUpper("ÉTÉ"));
    assertFalse(PyText.isUpper("Good"));
    assertFalse(PyText.isUpper("10"));
    assertFalse(PyText.isUpper(":)"));
    assertFalse(PyText.isUpper("ǅ")); // titlecase letter
  }

  @Test
  public void lowerMatchesStrLower() {
    assertEquals("good", PyText.lower("GoOd"));
    assertEquals("été", PyText.lower("ÉTÉ"));
    String ascii = "already lower";
    assertTrue(ascii == PyText.lower(ascii));
  }

  @Test
  public void splitUsesPythonWhitespace() {
    // NBSP, ideographic space and the Unicode separators split; a zero-width space does not.
    assertTokens("good\u00A0day\u3000ok\u2028fine", "good", "day", "ok", "fine");
    assertTokens("good\u200Bday", "good\u200Bday");
    assertTokens("\u001Fa\u0085b\u000B", "a", "b");
  }

  @Test
  public void punctuationIsStrippedOnlyWhenMoreThanTwoCharactersRemain() {
    assertTokens(
        "good!!! :) a! ... 'don't' <3 'em'", "good", ":)", "a!", "...", "don't", "<3", "'em'");
    // Length counts code points, as Python's len() does.
    assertTokens("!\uD835\uDC00\uD835\uDC01!", "!\uD835\uDC00\uD835\uDC01!");
    assertTokens("!\uD835\uDC00\uD835\uDC01\uD835\uDC02!", "\uD835\uDC00\uD835\uDC01\uD835\uDC02");
  }

  @Test
  public void tokensAreLookedUpInPythonLowerCase() {
    // The Kelvin sign lowercases to an ASCII k, the dotted capital I to two chars.
    assertTokens("GOOD \u212Aind \u0130yi N'T", "good", "kind", "i\u0307yi", "n't");
    assertTrue(tokens("DON'T").hasNt[0]);
    assertTrue(tokens("isn't").hasNt[0]);
    assertFalse(tokens("dont").hasNt[0]);
    assertFalse(tokens("n`t").hasNt[0]);
  }

  @Test
  public void capDifferentialMeansSomeButNotAllWordsUpper() {
    assertTrue(tokens("GOOD game").capDiff);
    assertFalse(tokens("GOOD GAME").capDiff);
    assertFalse(tokens("good game").capDiff);
  }

  private static SentiText tokens(String text) {
    return SentiText.of(text, new Vocabulary(Lexicon.withOverlay(Map.of())));
  }

  /**
   * Tokens are kept as vocabulary ids, so the expected tokens are added to the vocabulary and each
   * token must be the one with the expected word's id.
   */
  private static void assertTokens(String text, String... expected) {
    Map<String, Double> words = new HashMap<>();
    for (String word : expected) {
      words.put(word, 0.0);
    }
    Vocabulary vocabulary = new Vocabulary(Lexicon.withOverlay(words));
    SentiText t = SentiText.of(text, vocabulary);
    int[] expectedIds = Arrays.stream(expected).mapToInt(vocabulary::id).toArray();
    assertArrayEquals(text, expectedIds, Arrays.copyOf(t.word, t.size));
  }
}
