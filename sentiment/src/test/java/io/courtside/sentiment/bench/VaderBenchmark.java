package io.courtside.sentiment.bench;

import io.courtside.sentiment.SentimentScores;
import io.courtside.sentiment.Vader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Single-thread throughput of {@link Vader#polarityScores} in texts per second, cycling through
 * realistic posts: the 5,200 texts of {@code ../shared/vader/texts.tsv} when present (rated tweets
 * and NBA probes with emoji), otherwise generated NBA-style posts. Not run by {@code mvn test}; see
 * sentiment/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class VaderBenchmark {

  private Vader vader;
  private String[] texts;
  private int next;

  @Setup
  public void setUp() throws IOException {
    vader = Vader.standard();
    Path shared = Path.of(System.getProperty("vader.texts", "../shared/vader/texts.tsv"));
    texts = Files.isRegularFile(shared) ? readTexts(shared) : generatedPosts(5_000);
    System.out.printf(
        "%nbenchmarking on %d texts from %s%n",
        texts.length, Files.isRegularFile(shared) ? shared : "the generator");
  }

  /** One text per operation, so ops/s is texts/s. */
  @Benchmark
  public SentimentScores scoreOnePost() {
    String text = texts[next];
    next = next + 1 == texts.length ? 0 : next + 1;
    return vader.polarityScores(text);
  }

  private static String[] readTexts(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(line -> line.substring(line.indexOf('\t') + 1))
        .toArray(String[]::new);
  }

  /** NBA-style posts: names, slang, boosters, negations, "but", caps, emoji, punctuation. */
  static String[] generatedPosts(int count) {
    String[] subjects = {
      "LeBron", "Jokic", "the Celtics", "this bench", "Steph", "the refs", "Wemby", "our defense"
    };
    String[] verbs = {"is", "was", "looks", "has been", "isn't", "never looked"};
    String[] boosters = {"", "very ", "so ", "kinda ", "absolutely ", "barely ", "REALLY "};
    String[] words = {
      "good",
      "great",
      "awful",
      "clutch",
      "terrible",
      "amazing",
      "sloppy",
      "unstoppable",
      "BAD",
      "fun"
    };
    String[] tails = {
      "", "!", "!!!", "?", "??", " lol", " smh", " :)", " :(", " 🔥", " 😂😂", " 😡", " 🐐", " ❤️",
      " #NBA"
    };
    Random random = new Random(7);
    List<String> posts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder post = new StringBuilder();
      int clauses = 1 + random.nextInt(3);
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
      posts.add(post.append(pick(random, tails)).toString());
    }
    return posts.toArray(String[]::new);
  }

  private static String pick(Random random, String[] options) {
    return options[random.nextInt(options.length)];
  }
}
