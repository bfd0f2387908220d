package io.courtside.pipeline.options;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.joda.time.Duration;

/**
 * Every duration flag value either parses to what it says, counted exactly (a BigInteger recount of
 * number times unit), or is refused with an IllegalArgumentException naming the flag: never a
 * negative duration, never another exception.
 */
public class DurationsProperties {
  private static final Map<String, Long> UNITS =
      Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L, "d", 86_400_000L);

  @Property
  void aNumberAndAUnitAreCountedExactlyOrRefusedAsTooLong(
      @ForAll("digits") String digits, @ForAll("units") String unit, @ForAll boolean minus) {
    String value = (minus ? "-" : "") + digits + unit;
    BigInteger millis =
        new BigInteger(digits).multiply(BigInteger.valueOf(UNITS.get(unit.toLowerCase())));
    if (millis.bitLength() > 63) {
      assertEquals(
          "--w=" + value + " is too long (at most 292 million years in milliseconds)",
          refusal(value));
    } else if (minus && millis.signum() > 0) {
      assertEquals("--w=" + value + " must not be negative", refusal(value));
    } else {
      assertEquals(Duration.millis(millis.longValueExact()), Durations.parse("w", value));
    }
  }

  @Property
  void anyTextIsADurationThatIsNotNegativeOrARefusalNamingTheFlag(@ForAll("texts") String value) {
    try {
      assertTrue(value, Durations.parse("w", value).getMillis() >= 0);
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith("--w"));
    }
  }

  private static String refusal(String value) {
    return assertThrows(IllegalArgumentException.class, () -> Durations.parse("w", value))
        .getMessage();
  }

  @Provide
  Arbitrary<String> digits() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25),
        Arbitraries.longs().between(0, Long.MAX_VALUE).map(n -> Long.toString(n)));
  }

  @Provide
  Arbitrary<String> units() {
    return Arbitraries.of("ms", "s", "m", "h", "d", "MS", "S", "M", "H", "D");
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "P",
            "T",
            "D",
            "H",
            "M",
            "S",
            "-",
            "+",
            ".",
            ",",
            "0",
            "1",
            "9",
            "99999999999",
            "ms",
            "s",
            "m",
            " ",
            "e",
            "PT",
            "P1D",
            "T-");
    return pieces.list().ofMaxSize(8).map(l -> String.join("", l));
  }
}
