package io.courtside.pipeline.window;

import io.courtside.pipeline.score.Polarity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Counts each {@link Countable} once per key and window however often it arrives, with the polarity
 * of its latest version: Kafka delivers at least once, a replayed file or a re-read after a restart
 * brings the same posts (and dead letters) again, and an edited or re-scored post comes back with
 * another text. The accumulator keeps each id with the version ({@link
 * io.courtside.pipeline.parse.PostRecord#version}) and compound score of the latest record seen (24
 * bytes an id). Merging keeps the greater version, so the result does not depend on the order a
 * runner combines in. A combiner rather than a stateful DoFn with timers, because the Spark runner
 * supports no timers in streaming.
 */
public final class LatestPerId {
  private LatestPerId() {}

  /** The latest version of one post seen in a window, and its compound score. */
  public record Latest(long version, double compound) {
    Latest newer(Latest other) {
      return other.version > version ? other : this;
    }
  }

  /** Polarity counts of the distinct ids of a key and window. */
  public static final class CountFn
      extends Combine.CombineFn<Countable, HashMap<Long, Latest>, PolarityCounts> {
    @Override
    public HashMap<Long, Latest> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public HashMap<Long, Latest> addInput(HashMap<Long, Latest> acc, Countable item) {
      acc.merge(item.id(), new Latest(item.version(), item.compound()), Latest::newer);
      return acc;
    }

    @Override
    public HashMap<Long, Latest> mergeAccumulators(Iterable<HashMap<Long, Latest>> accs) {
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

    @Override
    public PolarityCounts extractOutput(HashMap<Long, Latest> acc) {
      PolarityCounts counts = PolarityCounts.EMPTY;
      for (Latest latest : acc.values()) {
        counts = counts.plus(PolarityCounts.of(Polarity.of(latest.compound()), latest.compound()));
      }
      return counts;
    }

    @Override
    public Coder<HashMap<Long, Latest>> getAccumulatorCoder(
        CoderRegistry registry, Coder<Countable> inputCoder) {
      return new LatestCoder();
    }
  }

  /** Size, then (fingerprint, version, compound) triples: compact, and cheap each pane. */
  static final class LatestCoder extends CustomCoder<HashMap<Long, Latest>> {
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

    @Override
    public void verifyDeterministic() {}
  }
}
