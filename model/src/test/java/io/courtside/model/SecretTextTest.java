package io.courtside.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class SecretTextTest {
  @Test
  public void surroundingWhitespaceAndAUtf8BomAreRemoved() {
    assertEquals("tk", SecretText.token("tk\n", "INFLUX_TOKEN"));
    assertEquals("tk", SecretText.token("  tk\r\n", "INFLUX_TOKEN"));
    assertEquals("tk", SecretText.token("\uFEFFtk", "--bearerTokenFile=t"));
    assertEquals("tk", SecretText.token("\uFEFF tk \n\n", "--bearerTokenFile=t"));
    assertEquals("pass word", SecretText.password("\uFEFFpass word\n", "INFLUX_PASSWORD"));
  }

  @Test
  public void aPasswordMayHoldAnyPrintableCharacterATokenOnlyVisibleAscii() {
    assertEquals("pässwörd€", SecretText.password("pässwörd€", "INFLUX_PASSWORD"));
    // A token goes verbatim into an HTTP header, which carries no such character.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SecretText.token("tök-SECRET", "INFLUX_TOKEN"));
    assertEquals(
        "INFLUX_TOKEN holds a space or a non-ASCII character; a token is one word of"
            + " visible ASCII: check the file or variable",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> SecretText.token("two words", "INFLUX_TOKEN"));
  }

  @Test
  public void controlAndInvisibleCharactersInsideAreRefusedWithoutTheValue() {
    for (String bad :
        new String[] {
          "a-SECRET\u0007b",
          "a-SECRET\nsecond-line",
          "a-SECRET\u0000b",
          "a-SECRET\u001b[31mb",
          "a-SECRET\u007fb",
          "a-SECRET\u0085b",
          "a-SECRET\u200bb",
          "a-SECRET\uFEFFb"
        }) {
      for (boolean token : new boolean[] {true, false}) {
        IllegalArgumentException e =
            assertThrows(
                IllegalArgumentException.class,
                () -> {
                  if (token) SecretText.token(bad, "X_BEARER_TOKEN");
                  else SecretText.password(bad, "X_BEARER_TOKEN");
                });
        assertThat(
            e.getMessage(),
            containsString("X_BEARER_TOKEN holds a control or invisible character"));
        assertThat(e.getMessage(), not(containsString("SECRET")));
        assertThat(e.getMessage(), not(containsString("second")));
      }
    }
  }

  @Test
  public void nothingButWhitespaceIsEmpty() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SecretText.token("\uFEFF \n", "INFLUX_TOKEN"));
    assertEquals("INFLUX_TOKEN is empty", e.getMessage());
  }

  @Test
  public void theMessageOfARefusalNeverCarriesAStackOfTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SecretText.token("x\u0001y-SECRET", "T"));
    assertEquals(null, e.getCause());
    assertThat(e.toString(), not(containsString("SECRET")));
  }
}
