package io.courtside.model.bench;

import io.courtside.model.InvalidPostException;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.model.TreePostJson;
import io.courtside.model.Utf8;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to parse one record value, single thread, cycling through 1,000 realistic posts (19-digit
 * ids, ISO createdAt with millis, 50 to 280 chars of text with some emoji, lang, source, a few
 * hashtags) as {@link PostJson#toBytes} writes them:
 *
 * <ul>
 *   <li>{@code tree}: the tree parser PostJson had before issue 17 ({@link TreePostJson}: strict
 *       decode to a String, readTree, fields from the tree);
 *   <li>{@code streaming}: {@link PostJson#parse(byte[])} (UTF-8 validated in place, Jackson's byte
 *       parser, fields from the token stream);
 *   <li>{@code decodeThenStreaming}: the other way considered: strict decode to a String first,
 *       then the streaming parse of the text ({@link PostJson#parse(String)}).
 * </ul>
 *
 * Not run by {@code mvn test}; see CONTRIBUTING.md (Benchmarks).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PostJsonBenchmark {

  private byte[][] records;
  private int next;

  @Setup
  public void setUp() throws InvalidPostException {
    List<Post> posts = posts(new Random(17), 1_000);
    records = new byte[posts.size()][];
    long bytes = 0;
    for (int i = 0; i < posts.size(); i++) {
      records[i] = PostJson.toBytes(posts.get(i));
      bytes += records[i].length;
      if (!TreePostJson.parse(records[i]).equals(PostJson.parse(records[i]))) {
        throw new IllegalStateException("the parsers disagree on post " + i);
      }
    }
    System.out.printf("%n%d posts, %d bytes on average%n", records.length, bytes / records.length);
  }

  private byte[] nextRecord() {
    byte[] record = records[next];
    next = next + 1 == records.length ? 0 : next + 1;
    return record;
  }

  @Benchmark
  public Post tree() throws InvalidPostException {
    return TreePostJson.parse(nextRecord());
  }

  @Benchmark
  public Post streaming() throws InvalidPostException {
    return PostJson.parse(nextRecord());
  }

  @Benchmark
  public Post decodeThenStreaming() throws InvalidPostException {
    return PostJson.parse(Utf8.decodeOrNull(nextRecord()));
  }

  /** NBA-style posts with the fields real sources fill. */
  static List<Post> posts(Random r, int count) {
    String[] words = {
      "LeBron",
      "Jokic",
      "Celtics",
      "what",
      "a",
      "game",
      "tonight",
      "the",
      "refs",
      "are",
      "cooking",
      "defense",
      "is",
      "absolutely",
      "terrible",
      "MVP",
      "clutch",
      "three",
      "from",
      "downtown",
      "bench",
      "can't",
      "believe",
      "this",
      "4th",
      "quarter",
      "again",
      "lol",
      "Wemby",
      "block"
    };
    String[] emoji = {"🏀", "🔥", "😂", "👑", "💪", "😤", "🙌🏽", "🐐"};
    String[] langs = {"en", "en", "en", "en", "es", "fr", "pt"};
    String[] sources = {"x", "bluesky", "mastodon", "synthetic"};
    String[] tags = {"NBA", "Lakers", "Celtics", "NBAPlayoffs", "Nuggets", "Spurs", "MVP"};
    Instant day = Instant.parse("2026-05-20T00:00:00Z");
    List<Post> posts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = 50 + r.nextInt(231);
      StringBuilder text = new StringBuilder();
      while (text.length() < length) {
        int c = r.nextInt(20);
        String word =
            c == 0
                ? emoji[r.nextInt(emoji.length)]
                : c == 1 ? "\"no way\"" : words[r.nextInt(words.length)];
        if (text.length() + 1 + word.length() > 280) {
          break;
        }
        text.append(text.length() == 0 ? "" : " ").append(word);
      }
      List<String> hashtags = new ArrayList<>();
      for (int t = r.nextInt(4); t > 0; t--) {
        hashtags.add(tags[r.nextInt(tags.length)]);
      }
      posts.add(
          new Post(
              Long.toString(1_790_000_000_000_000_000L + (r.nextLong() >>> 8)),
              day.plusMillis(r.nextInt(86_400_000)),
              text.toString(),
              langs[r.nextInt(langs.length)],
              r.nextInt(3) == 0 ? null : "fan" + r.nextInt(100_000),
              sources[r.nextInt(sources.length)],
              hashtags));
    }
    return posts;
  }
}
