package io.courtside.pipeline.score;

import io.courtside.pipeline.parse.PostCoder;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * {@link ScoredPost} as its post ({@link PostCoder}), its version (VarLong) and four doubles; see
 * PostCoder for why.
 */
public final class ScoredPostCoder extends AtomicCoder<ScoredPost> {
  private static final ScoredPostCoder INSTANCE = new ScoredPostCoder();

  private static final int SCORES_BYTES = 4 * Double.BYTES;

  private ScoredPostCoder() {}

  public static ScoredPostCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ScoredPost s, OutputStream out) throws IOException {
    PostCoder.of().encode(s.post(), out);
    VarLongCoder.of().encode(s.version(), out);
    out.write(
        ByteBuffer.allocate(SCORES_BYTES)
            .putDouble(s.compound())
            .putDouble(s.neg())
            .putDouble(s.neu())
            .putDouble(s.pos())
            .array());
  }

  @Override
  public ScoredPost decode(InputStream in) throws IOException {
    var post = PostCoder.of().decode(in);
    long version = VarLongCoder.of().decode(in);
    byte[] bytes = new byte[SCORES_BYTES];
    if (in.readNBytes(bytes, 0, SCORES_BYTES) != SCORES_BYTES) {
      throw new EOFException("encoded scored post ends before its scores");
    }
    ByteBuffer scores = ByteBuffer.wrap(bytes);
    return new ScoredPost(
        post,
        version,
        scores.getDouble(),
        scores.getDouble(),
        scores.getDouble(),
        scores.getDouble());
  }

  @Override
  public void verifyDeterministic() {}
}
