package io.courtside.pipeline.window;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import io.courtside.pipeline.score.Polarity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/**
 * The window accumulator against a model: whatever the order of the records and however a runner
 * splits them into accumulators and merges them (and encodes them between), each id counts once,
 * with the polarity of its record of greatest version.
 */
public class LatestPerIdTest {
  @Test
  public void eachIdCountsOnceWithItsLatestVersionForAnyOrderAndAnySplit() throws Exception {
    LatestPerId.CountFn fn = new LatestPerId.CountFn();
    LatestVersionsCoder coder = LatestVersionsCoder.of();
    for (long seed = 0; seed < 300; seed++) {
      Random r = new Random(seed);
      List<Countable> records = new ArrayList<>();
      int ids = 1 + r.nextInt(40);
      int n = r.nextInt(200);
      for (int i = 0; i < n; i++) {
        double compound = Math.round((r.nextDouble() * 2 - 1) * 1e4) / 1e4;
        long version = r.nextInt(50); // repeats: a re-delivered record has the same version
        records.add(new Countable(r.nextInt(ids), version, compound));
      }
      // The model: per id, the record of greatest version (ties: the same record re-delivered,
      // so give equal versions equal scores).
      Map<Long, Countable> latest = new HashMap<>();
      Map<String, Double> byVersion = new HashMap<>();
      for (int i = 0; i < records.size(); i++) {
        Countable s = records.get(i);
        String key = s.id() + "@" + s.version();
        Double first = byVersion.putIfAbsent(key, s.compound());
        if (first != null) {
          records.set(i, new Countable(s.id(), s.version(), first));
        }
      }
      for (Countable s : records) {
        latest.merge(s.id(), s, (a, b) -> b.version() > a.version() ? b : a);
      }
      long pos = 0, neg = 0, neu = 0;
      for (Countable s : latest.values()) {
        Polarity p = Polarity.of(s.compound());
        pos += p == Polarity.POSITIVE ? 1 : 0;
        neg += p == Polarity.NEGATIVE ? 1 : 0;
        neu += p == Polarity.NEUTRAL ? 1 : 0;
      }

      Collections.shuffle(records, r);
      List<LatestVersions> parts = new ArrayList<>();
      int k = 1 + r.nextInt(5);
      for (int i = 0; i < k; i++) {
        parts.add(fn.createAccumulator());
      }
      for (Countable s : records) {
        int i = r.nextInt(k);
        parts.set(i, fn.addInput(parts.get(i), s));
      }
      List<LatestVersions> decoded = new ArrayList<>();
      for (LatestVersions part : parts) {
        decoded.add(
            CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, part)));
      }
      Collections.shuffle(decoded, r);
      PolarityCounts counts = fn.extractOutput(fn.mergeAccumulators(decoded)).counts();
      assertEquals(
          "seed " + seed,
          List.of(pos, neg, neu),
          List.of(counts.positive(), counts.negative(), counts.neutral()));
      double exact =
          ExactSumProperties.exact(
              latest.values().stream().mapToDouble(Countable::compound).toArray());
      assertEquals("seed " + seed, exact, counts.compoundSum(), 0.0);
    }
  }

  /**
   * Floating-point addition is not associative: the sum of the compounds is exact, rounded once, so
   * the ids' order in the table (which follows the order of adds) cannot change it.
   */
  @Test
  public void theCompoundSumDoesNotDependOnTheOrderOfAdds() {
    Random r = new Random(7);
    List<Countable> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(new Countable(r.nextLong(), 1, (r.nextInt(20_001) - 10_000) / 1e4));
    }
    LatestPerId.CountFn fn = new LatestPerId.CountFn();
    Set<Double> inAddOrder = new HashSet<>();
    Set<PolarityCounts> results = new HashSet<>();
    for (int round = 0; round < 50; round++) {
      Collections.shuffle(records, r);
      LatestVersions acc = fn.createAccumulator();
      double sum = 0.0;
      for (Countable c : records) {
        acc = fn.addInput(acc, c);
        sum += c.compound();
      }
      inAddOrder.add(sum);
      results.add(fn.extractOutput(acc).counts());
    }
    assertNotEquals("the premise: sums in add order differ", 1, inAddOrder.size());
    assertEquals(1, results.size());
  }
}
