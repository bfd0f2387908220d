package io.courtside.pipeline.influx.bench;

import io.courtside.model.Post;
import io.courtside.pipeline.entity.EntityKind;
import io.courtside.pipeline.entity.EntityWindowCounts;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.influx.PointLines;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.WindowCounts;
import io.courtside.sentiment.SentimentScores;
import io.courtside.sentiment.Vader;
import java.time.Instant;
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
 * Nanoseconds per point of {@link InfluxSchema}'s encoder ({@code LineProtocol}, "new") against the
 * same points built with influxdb-client-java's {@code Point} ({@link PointLines}, "old"), on the
 * same inputs: 1,024 synthetic NBA posts with their real VADER scores (with latency_ms, as the sink
 * writes them), and 1,024 polarity_window and entity_window panes whose compound_mean is a mean of
 * such scores. One point per operation, cycling through the inputs. Not run by {@code mvn test};
 * see CONTRIBUTING.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class LineEncoderBenchmark {
  private static final int SIZE = 1024; // a power of two: next & (SIZE - 1)
  private static final Instant T = Instant.parse("2026-05-20T01:02:03Z");

  private ScoredPost[] posts;
  private Instant[] writtenAt;
  private WindowCounts[] windows;
  private EntityWindowCounts[] entityWindows;
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(17);
    Vader vader = Vader.standard();
    String[] texts = generatedPosts(random, SIZE);
    String[] sources = {"bluesky", "mastodon", "twitter", "synthetic"};
    posts = new ScoredPost[SIZE];
    writtenAt = new Instant[SIZE];
    double[] compounds = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      Instant createdAt = T.plusMillis(random.nextInt(600_000));
      Post post =
          new Post(
              Long.toString(1_790_000_000_000_000_000L + random.nextInt(1 << 30)),
              createdAt,
              texts[i],
              "en",
              "fan" + random.nextInt(1000),
              sources[random.nextInt(sources.length)],
              List.of());
      SentimentScores s = vader.polarityScores(texts[i]);
      posts[i] = new ScoredPost(post, i, s.compound(), s.neg(), s.neu(), s.pos());
      writtenAt[i] = createdAt.plusMillis(150 + random.nextInt(2_000));
      compounds[i] = s.compound();
    }
    String[] entities = {"LeBron James", "Trail Blazers", "Celtics", "Nikola Jokic", "Lakers"};
    EntityKind[] kinds = {
      EntityKind.PLAYER, EntityKind.TEAM, EntityKind.TEAM, EntityKind.PLAYER, EntityKind.TEAM
    };
    windows = new WindowCounts[SIZE];
    entityWindows = new EntityWindowCounts[SIZE];
    for (int i = 0; i < SIZE; i++) {
      long positive = random.nextInt(40),
          negative = random.nextInt(40),
          neutral = random.nextInt(40);
      double sum = 0;
      for (long k = 0; k < positive + negative + neutral; k++) {
        sum += compounds[random.nextInt(SIZE)];
      }
      PolarityCounts counts = new PolarityCounts(positive, negative, neutral, sum);
      org.joda.time.Instant start = new org.joda.time.Instant(T.toEpochMilli() + i * 60_000L);
      windows[i] =
          new WindowCounts("twitterdata", start, start.plus(60_000), counts, random.nextBoolean());
      entityWindows[i] =
          new EntityWindowCounts(
              "twitterdata",
              entities[i % entities.length],
              kinds[i % kinds.length],
              start,
              start.plus(60_000),
              counts);
    }
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & (SIZE - 1);
    return i;
  }

  @Benchmark
  public String postOld() {
    int i = nextIndex();
    return PointLines.postLine(posts[i], writtenAt[i]);
  }

  @Benchmark
  public String postNew() {
    int i = nextIndex();
    return InfluxSchema.postLine(posts[i], writtenAt[i]);
  }

  @Benchmark
  public String windowOld() {
    return PointLines.windowLine(windows[nextIndex()]);
  }

  @Benchmark
  public String windowNew() {
    return InfluxSchema.windowLine(windows[nextIndex()]);
  }

  @Benchmark
  public String entityWindowOld() {
    return PointLines.entityWindowLine(entityWindows[nextIndex()]);
  }

  @Benchmark
  public String entityWindowNew() {
    return InfluxSchema.entityWindowLine(entityWindows[nextIndex()]);
  }

  /** NBA-style posts: names, slang, negations, quotes, emoji, hashtags, some over two lines. */
  public static String[] generatedPosts(Random random, int count) {
    String[] subjects = {
      "LeBron", "Jokic", "the Celtics", "this bench", "Steph", "the refs", "Wemby", "our defense"
    };
    String[] verbs = {"is", "was", "looks", "has been", "isn't", "never looked"};
    String[] boosters = {"", "very ", "so ", "kinda ", "absolutely ", "barely ", "REALLY "};
    String[] words = {
      "good", "great", "awful", "clutch", "terrible", "amazing", "sloppy", "unstoppable", "BAD"
    };
    String[] tails = {
      "",
      "!",
      "!!!",
      "?",
      " lol",
      " smh",
      " :)",
      " :(",
      " 🔥",
      " 😂😂",
      " 😡",
      " 🐐",
      " #NBA",
      " #LakeShow https://t.co/x1Yz",
      "\n\nwhat a game",
      " \"MVP\" chants"
    };
    String[] posts = new String[count];
    for (int i = 0; i < count; i++) {
      StringBuilder post = new StringBuilder();
      int clauses = 1 + random.nextInt(4);
      for (int c = 0; c < clauses; c++) {
        if (c > 0) {
          post.append(random.nextBoolean() ? " but " : " and ");
        }
        post.append(pick(random, subjects))
            .append(' ')
            .append(pick(random, verbs))
            .append(' ')
            .append(pick(random, boosters))
            .append(pick(random, words));
      }
      posts[i] = post.append(pick(random, tails)).toString();
    }
    return posts;
  }

  private static String pick(Random random, String[] options) {
    return options[random.nextInt(options.length)];
  }
}
