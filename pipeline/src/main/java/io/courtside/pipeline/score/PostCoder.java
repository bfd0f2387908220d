package io.courtside.pipeline.score;

import io.courtside.model.Post;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * {@link Post} as its fields, exactly (createdAt to the nanosecond). Why not SerializableCoder:
 * Java serialization writes class descriptors with every element and was the top cost of the
 * Spark runner, which encodes every element of a PCollection it caches (one read by several
 * steps) or keeps in state ({@code courtside bench} profile).
 */
public final class PostCoder extends AtomicCoder<Post> {
  private static final PostCoder INSTANCE = new PostCoder();

  private PostCoder() {}

  public static PostCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Post p, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    writeString(data, p.id());
    data.writeLong(p.createdAt().getEpochSecond());
    data.writeInt(p.createdAt().getNano());
    writeString(data, p.text());
    writeNullable(data, p.lang());
    writeNullable(data, p.author());
    writeNullable(data, p.source());
    data.writeInt(p.hashtags().size());
    for (String tag : p.hashtags()) {
      writeString(data, tag);
    }
    data.flush();
  }

  @Override
  public Post decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    String id = readString(data);
    Instant createdAt = Instant.ofEpochSecond(data.readLong(), data.readInt());
    String text = readString(data);
    String lang = readNullable(data);
    String author = readNullable(data);
    String source = readNullable(data);
    int n = data.readInt();
    List<String> tags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tags.add(readString(data));
    }
    return new Post(id, createdAt, text, lang, author, source, tags);
  }

  @Override
  public void verifyDeterministic() {}

  /** UTF-8 with an int length: writeUTF stops at 64 kB, and a post's text may be longer. */
  static void writeString(DataOutputStream data, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    data.writeInt(b.length);
    data.write(b);
  }

  static String readString(DataInputStream data) throws IOException {
    byte[] b = new byte[data.readInt()];
    data.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeNullable(DataOutputStream data, String s) throws IOException {
    data.writeBoolean(s != null);
    if (s != null) {
      writeString(data, s);
    }
  }

  private static String readNullable(DataInputStream data) throws IOException {
    return data.readBoolean() ? readString(data) : null;
  }
}
