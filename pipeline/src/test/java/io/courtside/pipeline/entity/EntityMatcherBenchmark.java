package io.courtside.pipeline.entity;

import io.courtside.pipeline.influx.bench.LineEncoderBenchmark;
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
 * Nanoseconds per post of {@link EntityMatcher#match} on the shipped watchlist ("filtered": the
 * words no alias or tag can be are never built as keys) against the same matcher given every key
 * built ("everyKey": {@code TextTokens.of(text)}, the tokenizer as it was), on the same 1,024
 * NBA-style posts ({@link LineEncoderBenchmark#generatedPosts}), one post per operation. Not run by
 * {@code mvn test}; see CONTRIBUTING.md.
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
public class EntityMatcherBenchmark {
  private static final int SIZE = 1024; // a power of two: next & (SIZE - 1)

  private EntityMatcher matcher;
  private String[] texts;
  private int next;

  @Setup
  public void setUp() {
    matcher = EntityMatcher.of(Watchlist.nba());
    texts = LineEncoderBenchmark.generatedPosts(new Random(17), SIZE);
  }

  private String nextText() {
    next = (next + 1) & (SIZE - 1);
    return texts[next];
  }

  @Benchmark
  public List<Entity> everyKey() {
    return matcher.match(TextTokens.of(nextText()), List.of());
  }

  @Benchmark
  public List<Entity> filtered() {
    return matcher.match(nextText(), List.of());
  }
}
