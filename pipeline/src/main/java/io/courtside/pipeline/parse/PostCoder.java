package io.courtside.pipeline.parse;

import io.courtside.model.Post;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * {@link Post} as its fields, exactly (createdAt to the nanosecond). Why not SerializableCoder:
 * Java serialization writes class descriptors with every element and was the top cost of the Spark
 * runner, which encodes every element of a PCollection it caches (one read by several steps) or
 * keeps in state.
 *
 * <p>Layout: a VarInt length, then one block: createdAt (long seconds, int nanos), the number of
 * hashtags, then id, text, lang, author, source and each hashtag as an int length (-1 for null) and
 * UTF-8 bytes. Why one block: the Spark runner decodes each cached post once per step that reads
 * the cache, and decoding field by field through a {@code DataInputStream} (two stream calls per
 * string) costs far more than one bulk read and parsing from the array (figures: bench/README.md,
 * "Design choices measured").
 */
public final class PostCoder extends AtomicCoder<Post> {
  private static final PostCoder INSTANCE = new PostCoder();
  private static final int FIXED_BYTES = Long.BYTES + Integer.BYTES + Integer.BYTES;

  private PostCoder() {}

  public static PostCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Post p, OutputStream out) throws IOException {
    List<String> tags = p.hashtags();
    byte[][] strings = new byte[5 + tags.size()][];
    strings[0] = utf8(p.id());
    strings[1] = utf8(p.text());
    strings[2] = utf8(p.lang());
    strings[3] = utf8(p.author());
    strings[4] = utf8(p.source());
    for (int i = 0; i < tags.size(); i++) {
      strings[5 + i] = utf8(tags.get(i));
    }
    int size = FIXED_BYTES;
    for (byte[] s : strings) {
      size = Math.addExact(size, Integer.BYTES + (s == null ? 0 : s.length));
    }
    ByteBuffer block = ByteBuffer.allocate(size);
    block
        .putLong(p.createdAt().getEpochSecond())
        .putInt(p.createdAt().getNano())
        .putInt(tags.size());
    for (byte[] s : strings) {
      if (s == null) {
        block.putInt(-1);
      } else {
        block.putInt(s.length).put(s);
      }
    }
    VarInt.encode(size, out);
    out.write(block.array());
  }

  @Override
  public Post decode(InputStream in) throws IOException {
    int size = VarInt.decodeInt(in);
    if (size < FIXED_BYTES) {
      throw new CoderException("not an encoded post: block of " + size + " bytes");
    }
    byte[] bytes = new byte[size];
    if (in.readNBytes(bytes, 0, size) != size) {
      throw new EOFException("encoded post ends before its " + size + " bytes");
    }
    ByteBuffer block = ByteBuffer.wrap(bytes);
    Instant createdAt = Instant.ofEpochSecond(block.getLong(), block.getInt());
    int tagCount = block.getInt();
    String id = string(block);
    String text = string(block);
    String lang = string(block);
    String author = string(block);
    String source = string(block);
    List<String> tags = new ArrayList<>(tagCount);
    for (int i = 0; i < tagCount; i++) {
      tags.add(string(block));
    }
    return new Post(id, createdAt, text, lang, author, source, tags);
  }

  @Override
  public void verifyDeterministic() {}

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(ByteBuffer block) {
    int length = block.getInt();
    if (length < 0) {
      return null;
    }
    String s = new String(block.array(), block.position(), length, StandardCharsets.UTF_8);
    block.position(block.position() + length);
    return s;
  }
}
