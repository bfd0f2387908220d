package io.courtside.pipeline.window;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * {@link LatestVersions} as its size (a big-endian int), then one (fingerprint, version, compound)
 * triple per id (big-endian long, long, double): 24 bytes an id, in the table's slot order. The
 * same bytes the {@code HashMap} coder before it wrote with a {@code DataOutputStream}, but written
 * and read in blocks of up to 768 KiB through a {@link ByteBuffer} instead of field by field: the
 * runners copy window state through this coder all the time (the DirectRunner on every bundle).
 *
 * <p>Decoding reads the announced size, refuses one outside {@code 0..}{@link
 * LatestVersions#MAX_SIZE}, reads the entries block by block (so a corrupt size over a short stream
 * fails at the stream's end, having allocated no more than it read) and then fills a table sized
 * for all of them: no rehash.
 */
public final class LatestVersionsCoder extends CustomCoder<LatestVersions> {
  static final int ENTRY_BYTES = 24;
  private static final int BLOCK_ENTRIES = 1 << 15;
  private static final LatestVersionsCoder INSTANCE = new LatestVersionsCoder();

  private LatestVersionsCoder() {}

  public static LatestVersionsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(LatestVersions value, OutputStream out) throws IOException {
    int n = value.size();
    ByteBuffer block =
        ByteBuffer.allocate(Integer.BYTES + ENTRY_BYTES * Math.min(n, BLOCK_ENTRIES));
    block.putInt(n);
    for (int s = value.next(0); s >= 0; s = value.next(s + 1)) {
      if (block.remaining() < ENTRY_BYTES) {
        out.write(block.array(), 0, block.position());
        block.clear();
      }
      block
          .putLong(value.fingerprintAt(s))
          .putLong(value.versionAt(s))
          .putDouble(value.compoundAt(s));
    }
    out.write(block.array(), 0, block.position());
  }

  @Override
  public LatestVersions decode(InputStream in) throws IOException {
    byte[] head = new byte[Integer.BYTES];
    if (in.readNBytes(head, 0, head.length) < head.length) {
      throw new CoderException("LatestVersions: the stream ended before the size");
    }
    int n = ByteBuffer.wrap(head).getInt();
    if (n < 0 || n > LatestVersions.MAX_SIZE) {
      throw new CoderException(
          "LatestVersions: corrupt size "
              + n
              + " (a window's table holds 0 to "
              + LatestVersions.MAX_SIZE
              + " ids)");
    }
    List<byte[]> blocks = new ArrayList<>(1 + n / BLOCK_ENTRIES);
    for (int read = 0; read < n; ) {
      int entries = Math.min(n - read, BLOCK_ENTRIES);
      byte[] block = new byte[entries * ENTRY_BYTES];
      int got = in.readNBytes(block, 0, block.length);
      if (got < block.length) {
        throw new CoderException(
            "LatestVersions: size "
                + n
                + " announced, the stream ended after "
                + (read + got / ENTRY_BYTES)
                + " entries");
      }
      blocks.add(block);
      read += entries;
    }
    LatestVersions value = LatestVersions.withExpectedSize(n);
    for (byte[] block : blocks) {
      ByteBuffer entries = ByteBuffer.wrap(block);
      while (entries.hasRemaining()) {
        value.add(entries.getLong(), entries.getLong(), entries.getDouble());
      }
    }
    return value;
  }

  /**
   * Passes, as the coder it replaced did, although equal tables can encode differently (the slot
   * order follows the order of adds): an accumulator is never a key or compared by its bytes.
   */
  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean isRegisterByteSizeObserverCheap(LatestVersions value) {
    return true;
  }

  @Override
  protected long getEncodedElementByteSize(LatestVersions value) {
    return Integer.BYTES + (long) ENTRY_BYTES * value.size();
  }
}
