package io.courtside.pipeline.window;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * {@link ExactSum} against {@link BigDecimal}: the exact sum, rounded once by {@link
 * Double#parseDouble} (correctly rounded), bit for bit, in any order of the values.
 */
public class ExactSumProperties {
  /** The oracle: the values added exactly, then rounded to the nearest double (ties to even). */
  static double exact(double[] values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    return 0.0 + Double.parseDouble(sum.toString());
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void assertExactInAnyOrder(List<Double> values, long seed) {
    double expected = exact(array(values));
    List<Double> shuffled = new ArrayList<>(values);
    Random r = new Random(seed);
    for (int round = 0; round < 3; round++) {
      assertEquals(
          "order " + shuffled,
          Double.doubleToRawLongBits(expected),
          Double.doubleToRawLongBits(ExactSum.of(array(shuffled))));
      Collections.shuffle(shuffled, r);
    }
  }

  @Provide
  Arbitrary<List<Double>> scores() {
    Arbitrary<Double> score =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(-10_000, 10_000).map(i -> i / 1e4)),
            Tuple.of(
                3,
                Arbitraries.longs()
                    .between(-(1L << 53), 1L << 53)
                    .map(m -> m / (double) (1L << 53))), // full precision
            Tuple.of(1, Arbitraries.of(0.0, -0.0, 0.05, -0.05, 1.0, -1.0, 0.1, 0.2, 0.3)));
    return score.list().ofMaxSize(2_000).withSizeDistribution(RandomDistribution.uniform());
  }

  /**
   * Values made to tie: powers of two and numbers with few mantissa bits, over a wide range of
   * exponents, so that sums land exactly halfway between two doubles and the smaller terms decide.
   */
  @Provide
  Arbitrary<List<Double>> ties() {
    Arbitrary<Double> fewBits =
        Combinators.combine(
                Arbitraries.longs().between(-7, 7), Arbitraries.integers().between(-120, 10))
            .as((m, k) -> Math.scalb((double) m, k));
    Arbitrary<Double> value =
        Arbitraries.frequencyOf(
            Tuple.of(4, fewBits), Tuple.of(1, fewBits.map(a -> a * (1 + Math.ulp(1.0)))));
    return value.list().ofMaxSize(40);
  }

  @Property(tries = 1000)
  void scoresSumExactlyInAnyOrder(@ForAll("scores") List<Double> values, @ForAll long seed) {
    assertExactInAnyOrder(values, seed);
  }

  @Property(tries = 3000)
  void tiesRoundAsTheExactSumDoes(@ForAll("ties") List<Double> values, @ForAll long seed) {
    assertExactInAnyOrder(values, seed);
  }

  /** Any finite doubles up to 1e300 (so that a few thousand cannot overflow): every exponent. */
  @Provide
  Arbitrary<List<Double>> finite() {
    Arbitrary<Double> any =
        Arbitraries.longs()
            .map(Double::longBitsToDouble)
            .filter(d -> Double.isFinite(d) && Math.abs(d) <= 1e300);
    Arbitrary<Double> near = Arbitraries.integers().between(-60, 60).map(e -> Math.scalb(1.0, e));
    return Arbitraries.frequencyOf(Tuple.of(1, any), Tuple.of(1, near)).list().ofMaxSize(200);
  }

  @Property(tries = 1000)
  void anyFiniteDoublesSumExactly(@ForAll("finite") List<Double> values, @ForAll long seed) {
    assertExactInAnyOrder(values, seed);
  }

  @Example
  void aTieBrokenBySmallerTerms() {
    double tiny = Math.scalb(1.0, -53); // half an ulp of 1.0
    double tinier = Math.scalb(1.0, -106);
    assertEquals(1.0, (1.0 + tiny) + tinier, 0.0); // in this order, += rounds the tie to even
    assertEquals(1.0 + Math.ulp(1.0), ExactSum.of(new double[] {1.0, tiny, tinier}), 0.0);
    assertEquals(1.0, ExactSum.of(new double[] {1.0, tiny, -tinier}), 0.0);
    assertEquals(1.0, ExactSum.of(new double[] {1.0, tiny}), 0.0); // a tie: to even
  }

  @Example
  void overflowAndNonFiniteValues() {
    double max = Double.MAX_VALUE;
    assertEquals(max, ExactSum.of(new double[] {max, max, -max}), 0.0); // exact despite max + max
    assertEquals(Double.POSITIVE_INFINITY, ExactSum.of(new double[] {max, max, -max / 4}), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, ExactSum.of(new double[] {1, -max, -max}), 0.0);
    assertEquals(
        Double.POSITIVE_INFINITY,
        ExactSum.of(new double[] {1, Double.POSITIVE_INFINITY, max, max}),
        0.0);
    assertEquals(
        Double.NaN,
        ExactSum.of(new double[] {Double.NEGATIVE_INFINITY, 1, Double.POSITIVE_INFINITY}),
        0.0);
    assertEquals(Double.NaN, ExactSum.of(new double[] {Double.NaN, 1}), 0.0);
    assertEquals(Double.NaN, ExactSum.of(new double[] {max, max, Double.NaN}), 0.0);
  }

  @Example
  void zeros() {
    for (double[] values :
        new double[][] {{}, {-0.0}, {-0.0, -0.0}, {0.5, -0.5}, {-0.1, 0.1, -0.0}}) {
      assertEquals(0L, Double.doubleToRawLongBits(ExactSum.of(values))); // +0.0, as 0.0 + ...
    }
  }
}
