package io.courtside.pipeline.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * {@link DeadLetter} as its fields: the reason's code by name (stable if kinds are added or
 * reordered), the message, where the record was, and its key and value bytes. Why not
 * SerializableCoder: Java serialization writes class descriptors with every element, and the Spark
 * runner encodes every element it caches or keeps in state.
 */
public final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
  private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
  private static final Coder<String> TEXT = StringUtf8Coder.of();
  private static final Coder<String> NULLABLE_TEXT = NullableCoder.of(StringUtf8Coder.of());
  private static final Coder<byte[]> BYTES = NullableCoder.of(ByteArrayCoder.of());

  private DeadLetterCoder() {}

  public static DeadLetterCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(DeadLetter d, OutputStream out) throws IOException {
    TEXT.encode(d.kind().name(), out);
    TEXT.encode(d.reason(), out);
    NULLABLE_TEXT.encode(d.topic(), out);
    VarIntCoder.of().encode(d.partition(), out);
    VarLongCoder.of().encode(d.offset(), out);
    BYTES.encode(d.key(), out);
    BYTES.encode(d.value(), out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    ReasonKind kind = ReasonKind.valueOf(TEXT.decode(in));
    String reason = TEXT.decode(in);
    String topic = NULLABLE_TEXT.decode(in);
    int partition = VarIntCoder.of().decode(in);
    long offset = VarLongCoder.of().decode(in);
    byte[] key = BYTES.decode(in);
    byte[] value = BYTES.decode(in);
    return new DeadLetter(kind, reason, topic, partition, offset, key, value);
  }

  @Override
  public void verifyDeterministic() {}
}
