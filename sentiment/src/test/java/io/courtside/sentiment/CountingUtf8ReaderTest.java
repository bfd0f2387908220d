package io.courtside.sentiment;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.Test;

public class CountingUtf8ReaderTest {
  /** The bytes fed in pieces of 1 to {@code maxPiece} bytes, as a pipe or a socket gives them. */
  private static InputStream pieces(byte[] bytes, Random r, int maxPiece) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + r.nextInt(maxPiece)));
      }
    };
  }

  private static String readAll(CountingUtf8Reader reader, Random r) throws IOException {
    StringWriter out = new StringWriter();
    char[] buf = new char[1 + r.nextInt(70_000)];
    for (int n; (n = reader.read(buf, 0, 1 + r.nextInt(buf.length))) >= 0; ) {
      out.write(buf, 0, n);
    }
    return out.toString();
  }

  /** Valid U+FFFD characters in the input: the bytes EF BF BD, which always decode as one. */
  private static long encodedReplacements(byte[] b) {
    long n = 0;
    for (int i = 0; i + 2 < b.length; i++) {
      if ((b[i] & 0xff) == 0xEF && (b[i + 1] & 0xff) == 0xBF && (b[i + 2] & 0xff) == 0xBD) {
        n++;
      }
    }
    return n;
  }

  @Test
  public void decodesAsTheJdkDoesAndCountsEveryReplacement() throws IOException {
    // The oracle: new String(bytes, UTF_8), and the U+FFFD it holds that the input did not encode.
    Random r = new Random(20261203);
    String[] valid = {"a", "é", "€", "😀", "\t", "\n", "\uFFFD", "love it"};
    for (int trial = 0; trial < 3_000; trial++) {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      int parts = r.nextInt(trial < 2_900 ? 40 : 40_000);
      for (int i = 0; i < parts; i++) {
        if (r.nextInt(4) == 0) {
          b.write(r.nextInt(256)); // any byte: a stray continuation, a lead byte cut short, ...
        } else {
          b.writeBytes(valid[r.nextInt(valid.length)].getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] bytes = b.toByteArray();
      String expected = new String(bytes, StandardCharsets.UTF_8);
      CountingUtf8Reader reader = new CountingUtf8Reader(pieces(bytes, r, 1 + r.nextInt(9)));
      assertEquals("trial " + trial, expected, readAll(reader, r));
      long replacements = expected.chars().filter(c -> c == 0xFFFD).count();
      assertEquals("trial " + trial, replacements - encodedReplacements(bytes), reader.malformed());
    }
  }

  @Test
  public void validTextHasNoReplacement() throws IOException {
    CountingUtf8Reader reader =
        new CountingUtf8Reader(
            new ByteArrayInputStream("1\tgood 😀\n2\t€\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("1\tgood 😀\n2\t€\n", readAll(reader, new Random(1)));
    assertEquals(0, reader.malformed());
  }
}
