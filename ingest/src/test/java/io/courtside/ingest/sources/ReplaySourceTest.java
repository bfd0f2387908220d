package io.courtside.ingest.sources;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.courtside.ingest.FakeTime;
import io.courtside.ingest.ListSink;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReplaySourceTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");

  private static Post post(String id, Instant at) {
    return new Post(id, at, "text of " + id, "en", "someone", "replay", List.of("NBA"));
  }

  private Path file(String name, byte[] content) throws IOException {
    Path f = tmp.getRoot().toPath().resolve(name);
    Files.write(f, content);
    return f;
  }

  private Path file(String content) throws IOException {
    return file("posts.jsonl", content.getBytes(StandardCharsets.UTF_8));
  }

  private static ReplaySource source(Path f, Double speed, FakeTime time) {
    return new ReplaySource(
        f, speed, Duration.ofDays(1), 1 << 20, time.now::get, time, "mastodon.social");
  }

  @Test
  public void validLinesBecomePostsInFileOrder() throws Exception {
    Post a = post("a", T0);
    Post b = post("b", T0.plusSeconds(1));
    Path f = file(PostJson.toJson(a) + "\n" + PostJson.toJson(b) + "\n");
    ListSink sink = new ListSink();
    ReplaySource src = source(f, null, new FakeTime());
    assertThat(src.run(sink, 0, () -> false), is(2L));
    assertThat(sink.posts, contains(a, b));
    assertThat(sink.rawKeys, empty());
    assertThat(src.stats().receivedCount(), is(2L));
    assertThat(src.stats().postCount(), is(2L));
  }

  @Test
  public void invalidLinesAreSentRawUnderTheirLineNumber() throws Exception {
    Post a = post("a", T0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write("{not json\n".getBytes(StandardCharsets.UTF_8));
    bytes.write((PostJson.toJson(a) + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.write("{\"id\":\"x\",\"text\":\"no createdAt\"}\n".getBytes(StandardCharsets.UTF_8));
    byte[] notUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '}'};
    bytes.write(notUtf8);
    bytes.write('\n');
    ListSink sink = new ListSink();
    ReplaySource src = source(file("mixed.jsonl", bytes.toByteArray()), null, new FakeTime());
    assertThat(src.run(sink, 0, () -> false), is(4L));
    assertThat(sink.posts, contains(a));
    assertThat(sink.rawKeys, contains("line-1", "line-3", "line-4"));
    assertThat(new String(sink.rawValues.get(0), StandardCharsets.UTF_8), equalTo("{not json"));
    assertThat(sink.rawValues.get(2), equalTo(notUtf8)); // the exact bytes, not a decoded copy
    assertThat(src.stats().skippedCount("not JSON (sent raw)"), is(1L));
    assertThat(src.stats().skippedCount("invalid Courtside post (sent raw)"), is(1L));
    assertThat(src.stats().skippedCount("not UTF-8 (sent raw)"), is(1L));
  }

  @Test
  public void aStatusTwitter4jCannotReadIsSentRawAndTheRestOfTheFileStillGoes() throws Exception {
    // Issue 13 item 8: twitter4j threw NumberFormatException out of the mapper for these ids.
    Post a = post("a", T0);
    String v1 =
        "{\"created_at\":\"Wed Oct 10 20:19:24 +0000 2018\",\"id\":%s,"
            + "\"text\":\"Go #Lakers\",\"user\":{\"id\":6253282,\"screen_name\":\"hoopsfan\"}}";
    Path f =
        file(
            String.format(v1, "\"abc\"")
                + "\n"
                + String.format(v1, "1.0523229811375268e18")
                + "\n"
                + PostJson.toJson(a)
                + "\n");
    ListSink sink = new ListSink();
    ReplaySource src = source(f, null, new FakeTime());
    assertThat(src.run(sink, 0, () -> false), is(3L));
    assertThat(sink.posts, contains(a));
    assertThat(sink.rawKeys, contains("line-1", "line-2"));
    assertThat(src.stats().skippedCount(), is(2L));
    assertThat(src.stats().skippedByReason().keySet(), everyItem(endsWith("(sent raw)")));
  }

  @Test
  public void blankLinesAreSkippedAndCounted() throws Exception {
    Post a = post("a", T0);
    Path f = file("\n   \n" + PostJson.toJson(a) + "\r\n\t\n\n");
    ListSink sink = new ListSink();
    ReplaySource src = source(f, null, new FakeTime());
    assertThat(src.run(sink, 0, () -> false), is(1L));
    assertThat(sink.posts, contains(a)); // the CR of a Windows line end is not part of the JSON
    assertThat(src.stats().skippedCount("blank line"), is(4L));
    assertThat(src.stats().receivedCount(), is(5L));
  }

  @Test
  public void aByteOrderMarkAndAMissingFinalNewlineAreFine() throws Exception {
    Post a = post("a", T0);
    Post b = post("b", T0);
    Path f = file("\uFEFF" + PostJson.toJson(a) + "\n" + PostJson.toJson(b));
    ListSink sink = new ListSink();
    source(f, null, new FakeTime()).run(sink, 0, () -> false);
    assertThat(sink.posts, contains(a, b));
  }

  @Test
  public void countLimitsTheRecordsSent() throws Exception {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      s.append(i == 1 ? "garbage" : PostJson.toJson(post("p" + i, T0))).append('\n');
    }
    ListSink sink = new ListSink();
    assertThat(source(file(s.toString()), null, new FakeTime()).run(sink, 3, () -> false), is(3L));
    assertThat(sink.posts.size(), is(2));
    assertThat(sink.rawKeys, contains("line-2"));
  }

  @Test
  public void oversizeLinesAreSkippedAndCounted() throws Exception {
    Post a = post("a", T0);
    String huge = "{\"id\":\"big\",\"text\":\"" + "x".repeat(5000) + "\"}";
    Path f = file(huge + "\n" + PostJson.toJson(a) + "\n");
    ListSink sink = new ListSink();
    FakeTime time = new FakeTime();
    ReplaySource src =
        new ReplaySource(f, null, Duration.ofDays(1), 1000, time.now::get, time, "mastodon.social");
    src.run(sink, 0, () -> false);
    assertThat(sink.posts, contains(a));
    assertThat(src.stats().skippedCount("oversize line"), is(1L));
    assertThat(sink.rawKeys, empty());
  }

  @Test
  public void gzipFilesAreReadCompressed() throws Exception {
    Post a = post("a", T0);
    Path f = tmp.getRoot().toPath().resolve("posts.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write((PostJson.toJson(a) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    ListSink sink = new ListSink();
    source(f, null, new FakeTime()).run(sink, 0, () -> false);
    assertThat(sink.posts, contains(a));
  }

  @Test
  public void aGzipFileWithoutItsExtensionIsReadCompressed() throws Exception {
    Post a = post("a", T0);
    Path f = tmp.getRoot().toPath().resolve("posts.jsonl");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write((PostJson.toJson(a) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    ListSink sink = new ListSink();
    source(f, null, new FakeTime()).run(sink, 0, () -> false);
    assertThat(sink.posts, contains(a));
    assertThat(sink.rawKeys, empty());
  }

  /** A file with old Mac line ends (CR only) was one line, so one dead letter instead of posts. */
  @Test
  public void aFileWithCarriageReturnLineEndsIsReadLineByLine() throws Exception {
    Post a = post("a", T0);
    Post b = post("b", T0);
    Post c = post("c", T0);
    Path f =
        file(PostJson.toJson(a) + "\r" + PostJson.toJson(b) + "\r" + PostJson.toJson(c) + "\r");
    ListSink sink = new ListSink();
    ReplaySource src = source(f, null, new FakeTime());
    assertThat(src.run(sink, 0, () -> false), is(3L));
    assertThat(sink.posts, contains(a, b, c));
    assertThat(sink.rawKeys, empty());
  }

  /**
   * Gzip with CR, CR LF and LF line ends mixed, over many of the decompressor's reads: every line
   * is one post, and no CR LF becomes two line ends (which would count blank lines).
   */
  @Test
  public void aGzipFileWithMixedLineEndsIsReadLineByLine() throws Exception {
    String[] ends = {"\r", "\r\n", "\n"};
    Path f = tmp.getRoot().toPath().resolve("mac.jsonl");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      for (int i = 0; i < 3_000; i++) {
        out.write(
            (PostJson.toJson(post("p" + i, T0)) + ends[i % 3]).getBytes(StandardCharsets.UTF_8));
      }
    }
    ListSink sink = new ListSink();
    ReplaySource src = source(f, null, new FakeTime());
    src.run(sink, 0, () -> false);
    assertThat(sink.posts.size(), is(3_000));
    assertThat(sink.posts.get(2_999), is(post("p2999", T0)));
    assertThat(src.stats().receivedCount(), is(3_000L));
    assertThat(sink.rawKeys, empty());
  }

  /** A .gz cut short: the posts before the cut are sent, and the error says how many were. */
  @Test
  public void aTruncatedGzipSaysItEndsEarlyAndHowManyRecordsWereSent() throws Exception {
    java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(whole)) {
      for (int i = 0; i < 2_000; i++) {
        out.write(
            (PostJson.toJson(post("p" + i, T0.plusSeconds(i))) + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = whole.toByteArray();
    Path f = tmp.getRoot().toPath().resolve("cut.jsonl.gz");
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    ReplaySource src = source(f, null, new FakeTime());
    ListSink sent = new ListSink();
    io.courtside.ingest.IngestException e =
        org.junit.Assert.assertThrows(
            io.courtside.ingest.IngestException.class,
            () -> src.run(sent, new io.courtside.ingest.StopSignal()));
    assertThat(sent.posts.size() > 0, is(true));
    assertThat(
        e.getMessage(),
        is(
            "--file="
                + f
                + ": read failed after "
                + sent.posts.size()
                + " records, which were sent: the compressed file ends early (cut short?)"));
  }

  @Test
  public void withoutSpeedNothingSleeps() throws Exception {
    Path f =
        file(
            PostJson.toJson(post("a", T0))
                + "\n"
                + PostJson.toJson(post("b", T0.plusSeconds(3600)))
                + "\n");
    FakeTime time = new FakeTime();
    source(f, null, time).run(new ListSink(), 0, () -> false);
    assertThat(time.sleeps, empty());
  }

  @Test
  public void speedPacesByCreatedAtGapsFromTheFirstPost() throws Exception {
    // Gaps 1 s and 3 s at speed 2 -> due at 0.5 s and 1.5 s; a post older than the last one
    // (created at +2 s, due at 1 s) is already due and goes out at once.
    Path f =
        file(
            PostJson.toJson(post("a", T0))
                + "\n"
                + PostJson.toJson(post("b", T0.plusSeconds(1)))
                + "\n"
                + "not a post\n"
                + PostJson.toJson(post("c", T0.plusSeconds(3)))
                + "\n"
                + PostJson.toJson(post("d", T0.plusSeconds(2)))
                + "\n");
    FakeTime time = new FakeTime();
    ListSink sink = new ListSink();
    source(f, 2.0, time).run(sink, 0, () -> false);
    assertThat(time.sleeps, contains(500_000_000L, 1_000_000_000L));
    assertThat(sink.posts.size(), is(4));
    assertThat(sink.rawKeys, contains("line-3"));
  }

  @Test
  public void aGapOfAYearWaitsAtMostMaxWaitAndThePaceResumesFromThere() throws Exception {
    // Issue 13 item 9: one line a year off stalled a replay at --speed=1 for a year.
    Path f =
        file(
            PostJson.toJson(post("a", T0))
                + "\n"
                + PostJson.toJson(post("b", T0.plus(Duration.ofDays(365))))
                + "\n"
                + PostJson.toJson(post("c", T0.plus(Duration.ofDays(365)).plusSeconds(2)))
                + "\n");
    FakeTime time = new FakeTime();
    ListSink sink = new ListSink();
    ReplaySource src =
        new ReplaySource(
            f, 1.0, Duration.ofSeconds(30), 1 << 20, time.now::get, time, "mastodon.social");
    src.run(sink, 0, () -> false);
    // The year is cut to 30 s; c keeps its 2 s gap to b.
    assertThat(time.sleeps, contains(30_000_000_000L, 2_000_000_000L));
    assertThat(sink.posts.size(), is(3));
    assertThat(src.stats().describe(), containsString("waits cut to --maxWait=30s: 1"));
  }

  @Test
  public void aStopDuringAWaitSendsNothingMore() throws Exception {
    Path f =
        file(
            PostJson.toJson(post("a", T0))
                + "\n"
                + PostJson.toJson(post("b", T0.plusSeconds(60)))
                + "\n");
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicLong now = new AtomicLong();
    ListSink sink = new ListSink();
    new ReplaySource(
            f,
            1.0,
            Duration.ofDays(1),
            1 << 20,
            now::get,
            nanos -> stopped.set(true),
            "mastodon.social")
        .run(sink, 0, stopped::get);
    assertThat(sink.posts.size(), is(1));
  }

  @Test
  public void dueTimeMath() {
    long sent = 10_000_000_000L;
    // 10 s after the first post, at 10x: due 1 s after the first was sent.
    assertThat(
        ReplaySource.nanosUntilDue(T0, sent, T0.plusSeconds(10), 10, sent), is(1_000_000_000L));
    assertThat(
        ReplaySource.nanosUntilDue(T0, sent, T0.plusSeconds(10), 10, sent + 400_000_000L),
        is(600_000_000L));
    // Half speed doubles the gap.
    assertThat(
        ReplaySource.nanosUntilDue(T0, sent, T0.plusMillis(250), 0.5, sent), is(500_000_000L));
    // Already due or older than the first post: no wait.
    assertThat(
        ReplaySource.nanosUntilDue(T0, sent, T0.plusSeconds(1), 1, sent + 2_000_000_000L), is(0L));
    assertThat(ReplaySource.nanosUntilDue(T0, sent, T0.minusSeconds(5), 1, sent), is(0L));
  }
}
