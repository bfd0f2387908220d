package io.courtside.pipeline.window;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** {@link WindowTally} as its counts ({@link PolarityCountsCoder}) and the time, 8 bytes. */
public final class WindowTallyCoder extends AtomicCoder<WindowTally> {
  private static final WindowTallyCoder INSTANCE = new WindowTallyCoder();

  private WindowTallyCoder() {}

  public static WindowTallyCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(WindowTally t, OutputStream out) throws IOException {
    PolarityCountsCoder.of().encode(t.counts(), out);
    DataOutputStream data = new DataOutputStream(out);
    data.writeLong(t.earliestRecordMillis());
    data.flush();
  }

  @Override
  public WindowTally decode(InputStream in) throws IOException {
    PolarityCounts counts = PolarityCountsCoder.of().decode(in);
    return new WindowTally(counts, new DataInputStream(in).readLong());
  }

  @Override
  public void verifyDeterministic() {}
}
