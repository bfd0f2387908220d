package io.courtside.pipeline.window;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** {@link PolarityCounts} as three VarLongs and the compound sum (a double, bit for bit). */
public final class PolarityCountsCoder extends AtomicCoder<PolarityCounts> {
  private static final PolarityCountsCoder INSTANCE = new PolarityCountsCoder();

  private PolarityCountsCoder() {}

  public static PolarityCountsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(PolarityCounts c, OutputStream out) throws IOException {
    VarLongCoder.of().encode(c.positive(), out);
    VarLongCoder.of().encode(c.negative(), out);
    VarLongCoder.of().encode(c.neutral(), out);
    DataOutputStream data = new DataOutputStream(out);
    data.writeDouble(c.compoundSum());
    data.flush();
  }

  @Override
  public PolarityCounts decode(InputStream in) throws IOException {
    long positive = VarLongCoder.of().decode(in);
    long negative = VarLongCoder.of().decode(in);
    long neutral = VarLongCoder.of().decode(in);
    return new PolarityCounts(positive, negative, neutral, new DataInputStream(in).readDouble());
  }

  @Override
  public void verifyDeterministic() {}
}
