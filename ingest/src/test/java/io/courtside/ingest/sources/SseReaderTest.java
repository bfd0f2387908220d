package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class SseReaderTest {
  private final AtomicInteger comments = new AtomicInteger();
  private final AtomicInteger oversize = new AtomicInteger();

  private SseReader reader(String stream, int maxBytes) {
    return new SseReader(
        new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)),
        maxBytes,
        comments::incrementAndGet,
        oversize::incrementAndGet);
  }

  @Test
  public void multiLineDataIsJoinedAndCommentsAreCounted() throws Exception {
    SseReader r = reader(":thump\n\nevent: update\ndata: {\"a\":\ndata: 1}\n\ndata: x\n\n", 1000);
    assertThat(r.next(), equalTo(new SseReader.Event("update", "{\"a\":\n1}")));
    assertThat(r.next(), equalTo(new SseReader.Event("message", "x")));
    assertThat(r.next(), nullValue());
    assertThat(comments.get(), is(1));
  }

  @Test
  public void anEventWhoseDataLinesAddUpPastTheLimitIsSkippedAndCounted() throws Exception {
    // Issue 13 item 10: each line is under the limit, their sum was kept whole.
    String line = "data: " + "z".repeat(900) + "\n";
    SseReader r =
        reader(
            "event: update\n" + line.repeat(5_000) + "\n" + "event: update\ndata: small\n\n", 1000);
    assertThat(r.next(), equalTo(new SseReader.Event("update", "small")));
    assertThat(oversize.get(), is(1));
  }

  @Test
  public void anEventWithOneLineOverTheLimitIsSkippedWholeNotDispatchedWithout() throws Exception {
    SseReader r =
        reader(
            "event: update\ndata: {\"text\":\ndata: \""
                + "z".repeat(5_000)
                + "\"}\n\nevent: delete\ndata: 42\n\n",
            1000);
    assertThat(r.next(), equalTo(new SseReader.Event("delete", "42")));
    assertThat(oversize.get(), is(1));
    assertThat(r.next(), nullValue());
  }
}
