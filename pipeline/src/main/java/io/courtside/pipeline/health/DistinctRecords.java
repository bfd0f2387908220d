package io.courtside.pipeline.health;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Counts records once however often they are read: a dead letter's record is read again after a
 * restart rewinds the consumer group, or by a second backfill, and must not be counted twice. A
 * record is its partition and offset in the one input topic, packed into one long ({@link
 * #position}).
 */
final class DistinctRecords extends Combine.CombineFn<Long, HashSet<Long>, Long> {
  /** Partition (16 bits) and offset (48 bits): exact for any real topic. */
  static long position(int partition, long offset) {
    return ((long) (partition & 0xffff) << 48) | (offset & ((1L << 48) - 1));
  }

  @Override
  public HashSet<Long> createAccumulator() {
    return new HashSet<>();
  }

  @Override
  public HashSet<Long> addInput(HashSet<Long> acc, Long position) {
    acc.add(position);
    return acc;
  }

  @Override
  public HashSet<Long> mergeAccumulators(Iterable<HashSet<Long>> accs) {
    HashSet<Long> merged = null;
    for (HashSet<Long> acc : accs) {
      if (merged == null) {
        merged = acc;
      } else {
        merged.addAll(acc);
      }
    }
    return merged == null ? new HashSet<>() : merged;
  }

  @Override
  public Long extractOutput(HashSet<Long> acc) {
    return (long) acc.size();
  }

  @Override
  public Coder<HashSet<Long>> getAccumulatorCoder(CoderRegistry registry, Coder<Long> inputCoder) {
    return new PositionsCoder();
  }

  /** Size, then the positions. */
  static final class PositionsCoder extends CustomCoder<HashSet<Long>> {
    @Override
    public void encode(HashSet<Long> value, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      data.writeInt(value.size());
      for (long p : value) {
        data.writeLong(p);
      }
      data.flush();
    }

    @Override
    public HashSet<Long> decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int n = data.readInt();
      HashSet<Long> value = new HashSet<>(Math.max(16, n * 4 / 3 + 1));
      for (int i = 0; i < n; i++) {
        value.add(data.readLong());
      }
      return value;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
