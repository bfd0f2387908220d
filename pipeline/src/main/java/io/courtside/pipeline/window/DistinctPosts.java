package io.courtside.pipeline.window;

import io.courtside.model.PostIds;
import io.courtside.pipeline.score.Polarity;
import io.courtside.pipeline.score.ScoredPost;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Counts each post once per window however often it arrives: Kafka delivers at least once, and a
 * replayed file or a re-read after a restart brings the same posts again. The accumulator keeps a
 * 64-bit fingerprint of each id with its compound score (16 bytes a post; a one-minute window at
 * 1,000 posts/s holds about 1 MB). A combiner rather than a stateful DoFn with timers, because the
 * Spark runner supports no timers in streaming.
 */
public final class DistinctPosts {
  private DistinctPosts() {}

  /** Polarity counts of the distinct posts of a window. */
  public static final class CountFn
      extends Combine.CombineFn<ScoredPost, HashMap<Long, Double>, PolarityCounts> {
    @Override
    public HashMap<Long, Double> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public HashMap<Long, Double> addInput(HashMap<Long, Double> acc, ScoredPost post) {
      acc.put(PostIds.hash64(post.post().id()), post.compound());
      return acc;
    }

    @Override
    public HashMap<Long, Double> mergeAccumulators(Iterable<HashMap<Long, Double>> accs) {
      HashMap<Long, Double> merged = null;
      for (HashMap<Long, Double> acc : accs) {
        if (merged == null) {
          merged = acc;
        } else {
          merged.putAll(acc);
        }
      }
      return merged == null ? new HashMap<>() : merged;
    }

    @Override
    public PolarityCounts extractOutput(HashMap<Long, Double> acc) {
      PolarityCounts counts = PolarityCounts.EMPTY;
      for (double compound : acc.values()) {
        counts = counts.plus(PolarityCounts.of(Polarity.of(compound), compound));
      }
      return counts;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<HashMap<Long, Double>> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<ScoredPost> inputCoder) {
      return new FingerprintsCoder();
    }
  }

  /** Size, then (fingerprint, compound) pairs: compact, and cheap to (de)serialize each pane. */
  static final class FingerprintsCoder extends CustomCoder<HashMap<Long, Double>> {
    @Override
    public void encode(HashMap<Long, Double> value, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(value.size());
      for (Map.Entry<Long, Double> e : value.entrySet()) {
        data.writeLong(e.getKey());
        data.writeDouble(e.getValue());
      }
      data.flush();
    }

    @Override
    public HashMap<Long, Double> decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int n = data.readInt();
      HashMap<Long, Double> value = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
      for (int i = 0; i < n; i++) {
        value.put(data.readLong(), data.readDouble());
      }
      return value;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
