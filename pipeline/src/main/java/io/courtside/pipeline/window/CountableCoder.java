package io.courtside.pipeline.window;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/** {@link Countable} as two longs and a double: 24 bytes. */
public final class CountableCoder extends AtomicCoder<Countable> {
  private static final CountableCoder INSTANCE = new CountableCoder();

  private CountableCoder() {}

  public static CountableCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Countable c, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeLong(c.id());
    data.writeLong(c.version());
    data.writeDouble(c.compound());
    data.flush();
  }

  @Override
  public Countable decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    return new Countable(data.readLong(), data.readLong(), data.readDouble());
  }

  @Override
  public void verifyDeterministic() {}
}
