package io.courtside.pipeline.window;

import io.courtside.pipeline.score.Polarity;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Counts each {@link Countable} once per key and window however often it arrives, with the polarity
 * of its latest version: Kafka delivers at least once, a replayed file or a re-read after a restart
 * brings the same posts (and dead letters) again, and an edited or re-scored post comes back with
 * another text. The accumulator ({@link LatestVersions}, primitive arrays) keeps each id's
 * fingerprint with the version ({@link io.courtside.pipeline.parse.PostRecord#version}) and
 * compound score of the latest record seen: 24 bytes an id encoded ({@link LatestVersionsCoder}),
 * 24 bytes a slot in memory with at most 5/8 of the slots used. Merging keeps the greater version,
 * so the result does not depend on the order a runner combines in; the compound sum is exact,
 * rounded once ({@link ExactSum}), so it does not either, to the last bit. A combiner rather than a
 * stateful DoFn with timers, because the Spark runner supports no timers in streaming.
 */
public final class LatestPerId {
  private LatestPerId() {}

  /** Polarity counts of the distinct ids of a key and window. */
  public static final class CountFn
      extends Combine.CombineFn<Countable, LatestVersions, WindowTally> {
    @Override
    public LatestVersions createAccumulator() {
      return new LatestVersions();
    }

    @Override
    public LatestVersions addInput(LatestVersions acc, Countable item) {
      acc.add(item.id(), item.version(), item.compound());
      return acc;
    }

    /** Merges into the first accumulator; the others are only read (they may be inputs). */
    @Override
    public LatestVersions mergeAccumulators(Iterable<LatestVersions> accs) {
      LatestVersions merged = null;
      for (LatestVersions acc : accs) {
        if (merged == null) {
          merged = acc;
        } else {
          merged.mergeFrom(acc);
        }
      }
      return merged == null ? new LatestVersions() : merged;
    }

    /**
     * The counts of the ids' latest versions, and the sum of their compounds rounded once ({@link
     * ExactSum}), with the earliest Kafka timestamp of their records: floating-point addition is
     * not associative, and the table's slot order depends on the order of adds and merges, so a sum
     * in slot order could differ in its last bits between two runs over the same records.
     */
    @Override
    public WindowTally extractOutput(LatestVersions acc) {
      double[] compounds = acc.compounds();
      long positive = 0;
      long negative = 0;
      long neutral = 0;
      for (double compound : compounds) {
        switch (Polarity.of(compound)) {
          case POSITIVE -> positive++;
          case NEGATIVE -> negative++;
          case NEUTRAL -> neutral++;
        }
      }
      return new WindowTally(
          new PolarityCounts(positive, negative, neutral, ExactSum.of(compounds)),
          acc.earliestRecordMillis());
    }

    @Override
    public Coder<LatestVersions> getAccumulatorCoder(
        CoderRegistry registry, Coder<Countable> inputCoder) {
      return LatestVersionsCoder.of();
    }
  }
}
