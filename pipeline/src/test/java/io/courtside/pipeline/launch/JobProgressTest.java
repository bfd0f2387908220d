package io.courtside.pipeline.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.influx.InfluxDbIO;
import io.courtside.pipeline.parse.ParsePosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.Test;

/**
 * The progress line reads the job's own counters from a real DirectRunner result: the counts a
 * random input gives, recounted here, summed over every step that reports them.
 */
public class JobProgressTest {
  /** Counts like the job's steps: valid or invalid posts, and points with their retries. */
  static final class LikeTheJob extends DoFn<Integer, Void> {
    private final Counter valid = Metrics.counter(ParsePosts.class, "posts_valid");
    private final Counter invalid = Metrics.counter(ParsePosts.class, "posts_invalid");
    private final Counter written = Metrics.counter(InfluxDbIO.class, "points_written");
    private final Counter retries = Metrics.counter(InfluxDbIO.class, "write_retries");
    private final Counter other = Metrics.counter(JobProgressTest.class, "posts_valid");

    @ProcessElement
    public void process(@Element Integer n) {
      if (n % 5 == 0) {
        invalid.inc();
      } else {
        valid.inc();
        written.inc(1 + n % 3);
      }
      if (n % 7 == 0) {
        retries.inc();
      }
      other.inc(1_000); // another namespace's counter of the same name is not the job's
    }
  }

  @Test
  public void theLineCountsWhatTheStepsCounted() {
    List<Integer> input = new Random(11).ints(500, 0, 10_000).boxed().toList();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    // Two steps report the same counters, as the job's post and window sinks both write points.
    p.apply("First", Create.of(input)).apply("CountA", ParDo.of(new LikeTheJob()));
    p.apply("Second", Create.of(input)).apply("CountB", ParDo.of(new LikeTheJob()));
    PipelineResult result = p.run();
    result.waitUntilFinish();

    long valid = 2 * input.stream().filter(n -> n % 5 != 0).count();
    long invalid = 2 * input.stream().filter(n -> n % 5 == 0).count();
    long points = 2 * input.stream().filter(n -> n % 5 != 0).mapToLong(n -> 1 + n % 3).sum();
    long retries = 2 * input.stream().filter(n -> n % 7 == 0).count();
    JobProgress.Counts counts = JobProgress.counts(result);
    assertEquals(new JobProgress.Counts(valid, invalid, points, retries), counts);
    assertEquals(
        String.format(
            java.util.Locale.ROOT,
            "courtside pipeline:  20 s | %,d posts parsed (%,d/s), %,d dead letters | %,d points written,"
                + " %,d writes retried",
            valid,
            valid / 10,
            invalid,
            points,
            retries),
        JobProgress.line(
            Duration.ofSeconds(20), counts, valid - valid % 10, Duration.ofSeconds(10).toNanos()));
  }

  @Test
  public void aRunningJobGetsALineEachPeriodAndNoneAfterClose() throws Exception {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(Create.of(List.of(1, 2, 3, 4))).apply(ParDo.of(new LikeTheJob()));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (JobProgress progress = JobProgress.every(Duration.ofMillis(100), result, err)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (out.toString(StandardCharsets.UTF_8).lines().count() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    long lines = out.toString(StandardCharsets.UTF_8).lines().count();
    assertTrue(out.toString(StandardCharsets.UTF_8), lines >= 2);
    assertTrue(
        out.toString(StandardCharsets.UTF_8),
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .allMatch(l -> l.matches("courtside pipeline: +\\d+ s \\| 4 posts parsed .*")));
    Thread.sleep(300);
    assertEquals(lines, out.toString(StandardCharsets.UTF_8).lines().count());
  }
}
