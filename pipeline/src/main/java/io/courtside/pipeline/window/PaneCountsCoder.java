package io.courtside.pipeline.window;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.joda.time.Instant;

/**
 * {@link PaneCounts} as the window's bounds (epoch millis), the closed flag, the earliest record
 * time and the counts.
 */
public final class PaneCountsCoder extends AtomicCoder<PaneCounts> {
  private static final PaneCountsCoder INSTANCE = new PaneCountsCoder();

  private PaneCountsCoder() {}

  public static PaneCountsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(PaneCounts p, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeLong(p.windowStart().getMillis());
    data.writeLong(p.windowEnd().getMillis());
    data.writeBoolean(p.closed());
    data.writeLong(p.earliestRecordMillis());
    data.flush();
    PolarityCountsCoder.of().encode(p.counts(), out);
  }

  @Override
  public PaneCounts decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    Instant start = new Instant(data.readLong());
    Instant end = new Instant(data.readLong());
    boolean closed = data.readBoolean();
    long earliest = data.readLong();
    return new PaneCounts(start, end, PolarityCountsCoder.of().decode(in), closed, earliest);
  }

  @Override
  public void verifyDeterministic() {}
}
