package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
}
