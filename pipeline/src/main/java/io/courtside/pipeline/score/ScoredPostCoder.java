package io.courtside.pipeline.score;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/** {@link ScoredPost} as its post ({@link PostCoder}) and four doubles; see PostCoder for why. */
public final class ScoredPostCoder extends AtomicCoder<ScoredPost> {
  private static final ScoredPostCoder INSTANCE = new ScoredPostCoder();

  private ScoredPostCoder() {}

  public static ScoredPostCoder of() {
    return INSTANCE;
  }

  /** What {@code @DefaultCoder(ScoredPostCoder.class)} looks up. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(ScoredPost.class), INSTANCE);
  }

  @Override
  public void encode(ScoredPost s, OutputStream out) throws IOException {
    PostCoder.of().encode(s.post(), out);
    DataOutputStream data = new DataOutputStream(out);
    data.writeDouble(s.compound());
    data.writeDouble(s.neg());
    data.writeDouble(s.neu());
    data.writeDouble(s.pos());
    data.flush();
  }

  @Override
  public ScoredPost decode(InputStream in) throws IOException {
    var post = PostCoder.of().decode(in);
    DataInputStream data = new DataInputStream(in);
    return new ScoredPost(post, data.readDouble(), data.readDouble(), data.readDouble(), data.readDouble());
  }

  @Override
  public void verifyDeterministic() {}
}
