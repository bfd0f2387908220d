package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class LineReaderTest {
  @Test
  public void linesSpanningReadChunksAreKeptWhole() throws Exception {
    String longLine = "y".repeat(150_000);
    byte[] data = ("a\n" + longLine + "\nb").getBytes(StandardCharsets.UTF_8);
    try (LineReader r = new LineReader(new ByteArrayInputStream(data), 200_000)) {
      assertThat(r.next(), is(true));
      assertThat(new String(r.bytes(), StandardCharsets.UTF_8), equalTo("a"));
      assertThat(r.next(), is(true));
      assertThat(new String(r.bytes(), StandardCharsets.UTF_8), equalTo(longLine));
      assertThat(r.next(), is(true));
      assertThat(new String(r.bytes(), StandardCharsets.UTF_8), equalTo("b"));
      assertThat(r.lineNumber(), is(3L));
      assertThat(r.next(), is(false));
    }
  }

  @Test
  public void aLineOverTheLimitIsFlaggedAndTheNextIsIntact() throws Exception {
    byte[] data = ("z".repeat(100_000) + "\nok\n").getBytes(StandardCharsets.UTF_8);
    try (LineReader r = new LineReader(new ByteArrayInputStream(data), 10_000)) {
      assertThat(r.next(), is(true));
      assertThat(r.oversize(), is(true));
      assertThat(r.blank(), is(false));
      assertThat(r.next(), is(true));
      assertThat(r.oversize(), is(false));
      assertThat(new String(r.bytes(), StandardCharsets.UTF_8), equalTo("ok"));
      assertThat(r.next(), is(false));
    }
  }

  @Test
  public void anEmptyStreamHasNoLines() throws Exception {
    try (LineReader r = new LineReader(new ByteArrayInputStream(new byte[0]), 100)) {
      assertThat(r.next(), is(false));
    }
  }

  private static List<String> lines(InputStream in) throws Exception {
    List<String> out = new ArrayList<>();
    try (LineReader r = new LineReader(in, 1000)) {
      while (r.next()) {
        out.add(new String(r.bytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Old Mac files end lines with a lone CR: they were read as one line. */
  @Test
  public void aLoneCarriageReturnEndsALine() throws Exception {
    assertThat(lines(bytes("a\rb\rc\r")), contains("a", "b", "c"));
    assertThat(lines(bytes("a\r\nb\nc\rd")), contains("a", "b", "c", "d"));
    assertThat(lines(bytes("a\r\rb")), contains("a", "", "b"));
    assertThat(lines(bytes("a\r\n\r\nb")), contains("a", "", "b"));
  }

  /** A CR LF whose CR ends one read and whose LF starts the next is one line end, not two. */
  @Test
  public void aCrLfSplitAcrossReadsIsOneLineEnd() throws Exception {
    byte[] data = "a\r\nb\r\n\r\nc\r\n".getBytes(StandardCharsets.UTF_8);
    InputStream oneByteAtATime =
        new ByteArrayInputStream(data) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    assertThat(lines(oneByteAtATime), contains("a", "b", "", "c"));
  }

  /** On a live stream the line is handed over at its CR, without waiting for the next byte. */
  @Test
  public void aLineEndingInCrIsReturnedWithoutReadingFurther() throws Exception {
    InputStream live =
        new InputStream() {
          private final byte[] data = "{\"a\":1}\r".getBytes(StandardCharsets.UTF_8);
          private int pos;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (pos == data.length) {
              throw new AssertionError("read past the CR: a live stream would block here");
            }
            int n = Math.min(len, data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
          }
        };
    LineReader r = new LineReader(live, 1000);
    assertThat(r.next(), is(true));
    assertThat(new String(r.bytes(), StandardCharsets.UTF_8), equalTo("{\"a\":1}"));
  }
}
