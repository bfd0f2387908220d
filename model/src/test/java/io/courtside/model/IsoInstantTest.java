package io.courtside.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.time.Instant;
import java.util.Random;
import java.util.function.Function;
import org.junit.Test;

/** {@link IsoInstant#parse} gives exactly what {@link Instant#parse} gives, or fails as it does. */
public class IsoInstantTest {

  /** The instant (its toString is exact) or the class of the exception. */
  private static String outcome(Function<String, Instant> parse, String text) {
    try {
      return parse.apply(text).toString();
    } catch (RuntimeException e) {
      return e.getClass().getName();
    }
  }

  private static void assertAsInstantParse(String text) {
    assertEquals(text, outcome(Instant::parse, text), outcome(IsoInstant::parse, text));
  }

  /** Every month and day (0 to 32) of years around the leap-year rules, some times of day. */
  @Test
  public void everyDayOfLeapAndCommonYears() {
    int[] years = {0, 1, 4, 100, 400, 1582, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 2400, 9999};
    String[] times = {"00:00:00", "23:59:59", "12:30:45.5", "01:02:03.123456789", "24:00:00"};
    for (int year : years) {
      for (int month = 0; month <= 13; month++) {
        for (int day = 0; day <= 32; day++) {
          for (String time : times) {
            assertAsInstantParse(String.format("%04d-%02d-%02dT%sZ", year, month, day, time));
          }
        }
      }
    }
  }

  /** Every instant of 0000 to 9999 in its own form goes the fast way, to the same instant. */
  @Test
  public void theCanonicalFormIsComputed() {
    Random r = new Random(1);
    long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      int nanos = r.nextInt(1_000_000_000);
      int unit = new int[] {1_000_000_000, 1_000_000, 1_000, 1}[r.nextInt(4)]; // s, ms, us, ns
      Instant t =
          Instant.ofEpochSecond(from + (long) (r.nextDouble() * (to - from)), nanos / unit * unit);
      String text = t.toString(); // 0, 3, 6 or 9 fraction digits
      assertNotNull(text, IsoInstant.canonical(text));
      assertEquals(text, t, IsoInstant.canonical(text));
      assertAsInstantParse(text);
    }
  }

  /** Canonical texts with a character changed, removed or added: the same result or failure. */
  @Test
  public void anyOtherTextGivesInstantParsesResult() {
    Random r = new Random(2);
    String alphabet = "0123456789-T:.Zz+ \u0663\uff10tZ";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder s =
          new StringBuilder(
              String.format(
                  "%04d-%02d-%02dT%02d:%02d:%02d",
                  r.nextInt(10_000),
                  r.nextInt(14),
                  r.nextInt(33),
                  r.nextInt(26),
                  r.nextInt(61),
                  r.nextInt(62)));
      int fraction = r.nextInt(12) - 1;
      if (fraction >= 0) {
        s.append('.');
        for (int d = 0; d < fraction; d++) {
          s.append((char) ('0' + r.nextInt(10)));
        }
      }
      s.append(r.nextInt(10) == 0 ? "+01:00" : "Z");
      for (int m = r.nextInt(3); m > 0; m--) {
        int at = r.nextInt(s.length() + 1);
        char c = alphabet.charAt(r.nextInt(alphabet.length()));
        switch (r.nextInt(3)) {
          case 0 -> s.insert(at, c);
          case 1 -> s.setCharAt(Math.min(at, s.length() - 1), c);
          default -> s.deleteCharAt(Math.min(at, s.length() - 1));
        }
      }
      assertAsInstantParse(s.toString());
    }
  }
}
