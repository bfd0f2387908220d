package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.courtside.ingest.FakeTime;
import io.courtside.ingest.ListSink;
import io.courtside.ingest.formats.HostileJson;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of a whole replay: a file of hostile lines (wrong types, odd numbers, invalid UTF-8, deep
 * nesting, lines over the record limit) is read to its end without an exception, every line is
 * accounted for (a post, sent raw, or skipped with a reason), and a valid post after them all is
 * still sent.
 */
public class ReplayFileFuzzTest {
  private static final Post LAST =
      Post.of("last", Instant.parse("2026-05-20T01:00:00Z"), "the rest of the file still goes");

  @Provide
  Arbitrary<List<byte[]>> files() {
    Arbitrary<byte[]> text = HostileJson.lines().map(s -> s.getBytes(StandardCharsets.UTF_8));
    // Bytes that are not UTF-8 (lone continuation bytes, overlong forms, 0xFF), without newlines.
    Arbitrary<byte[]> notUtf8 =
        Arbitraries.bytes()
            .list()
            .ofMinSize(1)
            .ofMaxSize(50)
            .map(
                bs -> {
                  byte[] b = new byte[bs.size() + 1];
                  b[0] = (byte) 0xC0;
                  for (int i = 0; i < bs.size(); i++) {
                    b[i + 1] = bs.get(i) == '\n' ? (byte) 0x80 : bs.get(i);
                  }
                  return b;
                });
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, text), net.jqwik.api.Tuple.of(1, notUtf8))
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Property
  void aReplayReadsEveryLineToTheEndOfTheFile(@ForAll("files") List<byte[]> lines)
      throws Exception {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      content.write(line);
      content.write('\n');
    }
    content.write(PostJson.toBytes(LAST));
    Path file = Files.createTempFile("hostile", ".jsonl");
    try {
      Files.write(file, content.toByteArray());
      FakeTime time = new FakeTime();
      // 256 KiB per line: some generated lines are over it and must be skipped as oversize.
      ReplaySource source =
          new ReplaySource(
              file,
              1000.0,
              Duration.ofSeconds(60),
              256 * 1024,
              time.now::get,
              time,
              "mastodon.social");
      ListSink sink = new ListSink();
      long sent = source.run(sink, 0, () -> false);
      var stats = source.stats();
      assertThat(
          "every line is a post or skipped with a reason",
          stats.receivedCount(),
          is(stats.postCount() + stats.skippedCount()));
      assertThat(sent, is((long) sink.posts.size() + sink.rawKeys.size()));
      assertThat(stats.postCount(), is((long) sink.posts.size()));
      assertThat(sink.posts.get(sink.posts.size() - 1), is(LAST));
    } finally {
      Files.delete(file);
    }
  }
}
