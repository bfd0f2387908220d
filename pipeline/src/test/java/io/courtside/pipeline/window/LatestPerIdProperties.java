package io.courtside.pipeline.window;

import static net.jqwik.api.RandomDistribution.uniform;
import static org.junit.Assert.assertEquals;

import io.courtside.pipeline.parse.PostRecord;
import io.courtside.pipeline.score.Polarity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * {@link LatestPerId.CountFn} on its primitive table against the {@code HashMap<Long, Latest>}
 * CountFn it replaced (kept here as the oracle, as it was): the same records, split into
 * accumulators at random, encoded and decoded at random points, merged in random groups and orders,
 * must give the same ids with the same versions and compounds at every step, and the same counts.
 * The fingerprints include 0, -1, {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}, keys equal in
 * their low bits, and keys whose probes all start in the table's last slot; versions repeat
 * (re-deliveries), go up and down (edits), and include the extremes.
 */
public class LatestPerIdProperties {
  private static final LatestVersionsCoder CODER = LatestVersionsCoder.of();

  /** One record: an index into the case's fingerprints, a version, a compound. */
  record Rec(int id, long version, double compound) {}

  // ---- The oracle: the CountFn and coder before the primitive table, unchanged. ----

  record Latest(long version, double compound) {
    Latest newer(Latest other) {
      return other.version > version ? other : this;
    }
  }

  static final class HashMapCountFn {
    HashMap<Long, Latest> createAccumulator() {
      return new HashMap<>();
    }

    HashMap<Long, Latest> addInput(HashMap<Long, Latest> acc, Countable item) {
      acc.merge(item.id(), new Latest(item.version(), item.compound()), Latest::newer);
      return acc;
    }

    HashMap<Long, Latest> mergeAccumulators(Iterable<HashMap<Long, Latest>> accs) {
      HashMap<Long, Latest> merged = null;
      for (HashMap<Long, Latest> acc : accs) {
        if (merged == null) {
          merged = acc;
        } else {
          for (Map.Entry<Long, Latest> e : acc.entrySet()) {
            merged.merge(e.getKey(), e.getValue(), Latest::newer);
          }
        }
      }
      return merged == null ? new HashMap<>() : merged;
    }

    PolarityCounts extractOutput(HashMap<Long, Latest> acc) {
      PolarityCounts counts = PolarityCounts.EMPTY;
      for (Latest latest : acc.values()) {
        counts = counts.plus(PolarityCounts.of(Polarity.of(latest.compound()), latest.compound()));
      }
      return counts;
    }
  }

  static final class HashMapCoder extends CustomCoder<HashMap<Long, Latest>> {
    @Override
    public void encode(HashMap<Long, Latest> value, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(value.size());
      for (Map.Entry<Long, Latest> e : value.entrySet()) {
        data.writeLong(e.getKey());
        data.writeLong(e.getValue().version());
        data.writeDouble(e.getValue().compound());
      }
      data.flush();
    }

    @Override
    public HashMap<Long, Latest> decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int n = data.readInt();
      HashMap<Long, Latest> value = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
      for (int i = 0; i < n; i++) {
        value.put(data.readLong(), new Latest(data.readLong(), data.readDouble()));
      }
      return value;
    }
  }

  // ---- Generators. ----

  @Provide
  Arbitrary<List<Long>> fingerprints() {
    Arbitrary<Long> special =
        Arbitraries.of(
            0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1);
    Arbitrary<Long> lowBitsEqual =
        Arbitraries.integers()
            .between(0, 4095)
            .flatMap(
                j ->
                    Arbitraries.of(
                        (long) j << 52, ((long) j << 40) | 0x5A5AL, ((long) j << 20) | 7L));
    Arbitrary<Long> oneHome =
        Arbitraries.integers()
            .between(0, LatestVersionsTest.LAST_SLOT_KEYS.length - 1)
            .map(i -> LatestVersionsTest.LAST_SLOT_KEYS[i]);
    Arbitrary<Long> fingerprint =
        Arbitraries.frequencyOf(
            Tuple.of(2, special),
            Tuple.of(4, Arbitraries.longs()),
            Tuple.of(3, lowBitsEqual),
            Tuple.of(3, oneHome));
    return fingerprint.list().ofMinSize(1).ofMaxSize(400).withSizeDistribution(uniform());
  }

  @Provide
  Arbitrary<List<Rec>> records() {
    Arbitrary<Long> version =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.longs().between(0, 8)),
            Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L)),
            // As the job makes them: a Kafka timestamp (or none, -1) and an offset.
            Tuple.of(
                4,
                Combinators.combine(
                        Arbitraries.longs().between(-1, 1L << 44),
                        Arbitraries.longs().between(0, 1L << 22))
                    .as(PostRecord::version)));
    Arbitrary<Double> compound =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(-10_000, 10_000).map(i -> i / 1e4)),
            Tuple.of(
                2,
                Arbitraries.longs()
                    .between(-(1L << 53), 1L << 53)
                    .map(m -> m / (double) (1L << 53))),
            Tuple.of(1, Arbitraries.of(0.0, -0.0, 0.05, -0.05, 0.0499, -0.0499, 1.0, -1.0)));
    Arbitrary<Rec> rec =
        Combinators.combine(Arbitraries.integers().between(0, 1 << 16), version, compound)
            .as(Rec::new);
    return rec.list().ofMaxSize(1500).withSizeDistribution(uniform());
  }

  /** An accumulator of the CountFn under test with its oracle's twin. */
  private record Pair(LatestVersions acc, HashMap<Long, Latest> model) {}

  private static final LatestPerId.CountFn FN = new LatestPerId.CountFn();
  private static final HashMapCountFn OLD = new HashMapCountFn();
  private static final HashMapCoder OLD_CODER = new HashMapCoder();

  private static HashMap<Long, Latest> asMap(LatestVersions t) {
    HashMap<Long, Latest> m = new HashMap<>();
    for (int s = t.next(0); s >= 0; s = t.next(s + 1)) {
      m.put(t.fingerprintAt(s), new Latest(t.versionAt(s), t.compoundAt(s)));
    }
    assertEquals("one slot an id", t.size(), m.size());
    return m;
  }

  /** Same ids, versions and compounds (record equality: bit for bit, -0.0 is not 0.0). */
  private static void assertSame(String where, Pair p) {
    assertEquals(where, p.model(), asMap(p.acc()));
  }

  /**
   * Runs the records through randomly split accumulators, random clones through the coders and a
   * random tree of merges, on both CountFns side by side; returns the final pair.
   */
  private static Pair combine(List<Countable> items, Random r) throws Exception {
    int k = 1 + r.nextInt(6);
    List<Pair> parts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      parts.add(new Pair(FN.createAccumulator(), OLD.createAccumulator()));
    }
    for (Countable c : items) {
      int i = r.nextInt(k);
      Pair p = parts.get(i);
      p = new Pair(FN.addInput(p.acc(), c), OLD.addInput(p.model(), c));
      if (r.nextInt(40) == 0) { // a runner copies its state: encode + decode
        p = clone(p);
        assertSame("after a clone", p);
      }
      parts.set(i, p);
    }
    for (Pair p : parts) {
      assertSame("after the adds", p);
    }
    while (parts.size() > 1 || r.nextInt(4) == 0) {
      List<Pair> group = new ArrayList<>();
      int m = Math.min(parts.size(), 1 + r.nextInt(4));
      for (int i = 0; i < m; i++) {
        group.add(parts.remove(r.nextInt(parts.size())));
      }
      if (r.nextInt(5) == 0) { // an empty accumulator among them
        group.add(r.nextInt(group.size() + 1), new Pair(new LatestVersions(), new HashMap<>()));
      }
      List<LatestVersions> accs = new ArrayList<>();
      List<HashMap<Long, Latest>> models = new ArrayList<>();
      for (Pair p : group) {
        accs.add(p.acc());
        models.add(p.model());
      }
      Pair merged = new Pair(FN.mergeAccumulators(accs), OLD.mergeAccumulators(models));
      if (r.nextBoolean()) {
        merged = clone(merged);
      }
      assertSame("after a merge of " + group.size(), merged);
      parts.add(merged);
      if (parts.size() == 1 && r.nextInt(3) != 0) {
        break;
      }
    }
    return parts.get(0);
  }

  private static Pair clone(Pair p) throws Exception {
    return new Pair(CoderUtils.clone(CODER, p.acc()), CoderUtils.clone(OLD_CODER, p.model()));
  }

  private static List<Countable> items(List<Long> fingerprints, List<Rec> records) {
    List<Countable> items = new ArrayList<>();
    for (Rec rec : records) {
      items.add(
          new Countable(
              fingerprints.get(rec.id() % fingerprints.size()), rec.version(), rec.compound()));
    }
    return items;
  }

  /** The counts of the model's ids, and the exact sum of their compounds rounded once. */
  private static PolarityCounts expected(HashMap<Long, Latest> model) {
    double[] compounds = model.values().stream().mapToDouble(Latest::compound).toArray();
    PolarityCounts counts = PolarityCounts.EMPTY;
    for (double c : compounds) {
      counts = counts.plus(PolarityCounts.of(Polarity.of(c), 0.0));
    }
    return new PolarityCounts(
        counts.positive(),
        counts.negative(),
        counts.neutral(),
        ExactSumProperties.exact(compounds));
  }

  @Property(tries = 2000)
  void sameStateAsTheHashMapCountFnThroughAnySplitMergeAndCopy(
      @ForAll("fingerprints") List<Long> fingerprints,
      @ForAll("records") List<Rec> records,
      @ForAll long seed)
      throws Exception {
    Pair done = combine(items(fingerprints, records), new Random(seed));
    WindowTally tally = FN.extractOutput(done.acc());
    PolarityCounts counts = tally.counts();
    PolarityCounts old = OLD.extractOutput(done.model());
    assertEquals(expected(done.model()), counts);
    assertEquals(earliestRecordMillis(done.model()), tally.earliestRecordMillis());
    assertEquals(
        List.of(old.positive(), old.negative(), old.neutral()),
        List.of(counts.positive(), counts.negative(), counts.neutral()));
    // The old sum, in the HashMap's order, differs at most in its rounding.
    assertEquals(old.compoundSum(), counts.compoundSum(), 1e-12 * Math.max(1, counts.total()));
  }

  /**
   * With re-deliveries as they are (one version of an id, one compound), the counts, to the last
   * bit of the compound sum, depend only on the records: two random ways of combining them agree,
   * and agree with a recount.
   */
  @Property(tries = 1000)
  void theResultDependsOnlyOnTheRecords(
      @ForAll("fingerprints") List<Long> fingerprints,
      @ForAll("records") List<Rec> records,
      @ForAll long seed)
      throws Exception {
    List<Countable> items = new ArrayList<>();
    Map<List<Long>, Double> first = new HashMap<>();
    for (Countable c : items(fingerprints, records)) {
      double compound = first.computeIfAbsent(List.of(c.id(), c.version()), v -> c.compound());
      items.add(new Countable(c.id(), c.version(), compound));
    }
    HashMap<Long, Latest> recount = new HashMap<>();
    for (Countable c : items) {
      Latest held = recount.get(c.id());
      if (held == null || c.version() > held.version()) {
        recount.put(c.id(), new Latest(c.version(), c.compound()));
      }
    }
    Random r = new Random(seed);
    WindowTally one = FN.extractOutput(combine(items, r).acc());
    java.util.Collections.shuffle(items, r);
    Pair other = combine(items, r);
    assertEquals(recount, asMap(other.acc()));
    assertEquals(one, FN.extractOutput(other.acc()));
    assertEquals(expected(recount), one.counts());
    assertEquals(earliestRecordMillis(recount), one.earliestRecordMillis());
  }

  /** The earliest Kafka timestamp among the latest versions that have one, by a plain scan. */
  private static long earliestRecordMillis(HashMap<Long, Latest> model) {
    return model.values().stream()
        .mapToLong(l -> PostRecord.recordMillis(l.version()))
        .filter(millis -> millis > 0)
        .min()
        .orElse(WindowTally.NO_RECORD_TIME);
  }
}
