package io.courtside.pipeline.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** {@link PostRecord} as its version (VarLong) and its post ({@link PostCoder}). */
public final class PostRecordCoder extends AtomicCoder<PostRecord> {
  private static final PostRecordCoder INSTANCE = new PostRecordCoder();

  private PostRecordCoder() {}

  public static PostRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(PostRecord r, OutputStream out) throws IOException {
    VarLongCoder.of().encode(r.version(), out);
    PostCoder.of().encode(r.post(), out);
  }

  @Override
  public PostRecord decode(InputStream in) throws IOException {
    long version = VarLongCoder.of().decode(in);
    return new PostRecord(PostCoder.of().decode(in), version);
  }

  @Override
  public void verifyDeterministic() {}
}
