package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import org.junit.Test;

/**
 * {@link LineProtocol}'s contract and Point's rules on chosen inputs; {@code
 * LineProtocolProperties} compares it with Point on random ones.
 */
public class LineProtocolTest {

  /**
   * The fast path of {@link LineProtocolFloats} takes exactly the doubles nearest to n / 10^4 for
   * |n| <= 10^4 (and -0.0): all of them, and the doubles a few ulps beside them (which it must
   * leave to the general path), are written as Point writes them.
   */
  @Test
  public void everyMultipleOfTenThousandthBetweenMinusOneAndOneIsWrittenAsPointWritesIt() {
    for (int n = -10_000; n <= 10_000; n++) {
      double d = n / 10_000.0;
      double below = d, above = d;
      for (int ulps = 0; ulps <= 2; ulps++) {
        assertFloat(below);
        assertFloat(above);
        below = Math.nextDown(below);
        above = Math.nextUp(above);
      }
    }
    assertFloat(-0.0);
    assertEquals("-0.0", LineProtocolFloats.format(-0.0));
    assertEquals("0.0012", LineProtocolFloats.format(0.0012));
    assertEquals("-0.5", LineProtocolFloats.format(-0.5));
    assertEquals("1.0", LineProtocolFloats.format(1.0));
  }

  /** Doubles where Point's digits are not the shortest, and the ends of the double range. */
  @Test
  public void doublesOutsideTheFastPathAreWrittenAsPointWritesThem() {
    double[] values = {
      1e23,
      2e23,
      8.41e21,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Double.MAX_VALUE,
      1e-300,
      -1e300,
      1e7,
      Math.nextDown(1e7),
      1e-3,
      Math.nextDown(1e-3),
      0.1 + 0.2,
      1.00005,
      -123456.789,
      0x1p63,
      1.0 / 3
    };
    for (double d : values) {
      assertFloat(d);
    }
    assertEquals("99999999999999990000000.0", LineProtocolFloats.format(1e23));
    assertEquals("0.30000000000000004", LineProtocolFloats.format(0.1 + 0.2));
  }

  @Test
  public void nanAndInfinitiesAreLeftOutAsPointLeavesThemOut() {
    for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertEquals(
          "m a=\"x\" 1", LineProtocol.measurement("m", 0).field("a", "x").field("b", d).timeNs(1L));
      assertEquals(
          "m b=1i 1", LineProtocol.measurement("m", 0).field("a", d).field("b", 1L).timeNs(1L));
      // A point left with no field is no line at all, in both.
      assertEquals("", LineProtocol.measurement("m", 0).field("a", d).timeNs(1L));
      assertEquals(
          "", Point.measurement("m").addField("a", d).time(1L, WritePrecision.NS).toLineProtocol());
    }
  }

  @Test
  public void hostileKeysTagsAndStringsAreEscapedAsPointEscapesThem() {
    String hostile = "a\nb\rc\td e,f=g\"h\\i🏀";
    Point point =
        Point.measurement("m x,y=z\n")
            .addTag("empty", "")
            .addTag("null", null)
            .addTag("t" + hostile, hostile)
            .addField("b", true)
            .addField("l", Long.MIN_VALUE)
            .addField("s" + hostile, hostile + "\\")
            .addField("z", (String) null)
            .time(Long.MAX_VALUE, WritePrecision.NS);
    String line =
        LineProtocol.measurement("m x,y=z\n", 0)
            .tag("empty", "")
            .tag("null", null)
            .tag("t" + hostile, hostile)
            .field("b", true)
            .field("l", Long.MIN_VALUE)
            .field("s" + hostile, hostile + "\\")
            .field("z", (String) null)
            .timeNs(Long.MAX_VALUE);
    assertEquals(point.toLineProtocol(), line);
    assertTrue(line, line.startsWith("m\\ x\\,y=z\\n,t"));
    assertTrue(
        line,
        line.contains(
            ",s" + "a\\nb\\rc\\td\\ e\\,f\\=g\"h\\i🏀=\"a\nb\rc\td e,f=g\\\"h\\\\i🏀\\\\\""));
  }

  @Test
  public void keysMustComeInAscendingOrderOnceEach() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LineProtocol.measurement("m", 0).field("b", 1L).field("a", 1L));
    assertThrows(
        IllegalArgumentException.class,
        () -> LineProtocol.measurement("m", 0).field("a", 1L).field("a", 2L));
    assertThrows(
        IllegalArgumentException.class,
        () -> LineProtocol.measurement("m", 0).tag("topic", "x").tag("entity", "y"));
    assertThrows(
        IllegalArgumentException.class, () -> LineProtocol.measurement("m", 0).field("", 1L));
    // Also when the value before was left out.
    assertThrows(
        IllegalArgumentException.class,
        () -> LineProtocol.measurement("m", 0).field("b", Double.NaN).field("a", 1L));
    assertThrows(
        IllegalStateException.class,
        () -> LineProtocol.measurement("m", 0).field("a", 1L).tag("b", "x"));
  }

  private static void assertFloat(double d) {
    assertEquals(Double.toString(d), PointLines.floatValue(d), LineProtocolFloats.format(d));
  }
}
