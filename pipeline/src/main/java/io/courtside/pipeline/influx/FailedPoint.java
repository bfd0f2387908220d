package io.courtside.pipeline.influx;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * A point InfluxDB refused (a field type conflict, a parse error: 400, 413, 422), with the server's
 * answer: what {@link InfluxDbIO.WriteResult#getFailedPoints()} carries.
 *
 * @param line the line-protocol point as it was sent
 * @param error the server's answer, naming the server and the status, never a credential
 */
public record FailedPoint(String line, String error) {
  /** Both strings as UTF-8, one after the other. */
  public static final class Coder extends AtomicCoder<FailedPoint> {
    private static final Coder INSTANCE = new Coder();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FailedPoint p, OutputStream out) throws IOException {
      STRING.encode(p.line(), out);
      STRING.encode(p.error(), out);
    }

    @Override
    public FailedPoint decode(InputStream in) throws IOException {
      return new FailedPoint(STRING.decode(in), STRING.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
