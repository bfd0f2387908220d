package io.courtside.e2e;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.launch.PipelineLauncher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.PipelineResult;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * The promise of the design: the same code on DirectRunner and SparkRunner gives the same
 * results. The same posts (fixed createdAt values) are backfilled once on each runner into two
 * databases, which must then hold identical post_sentiment points and polarity_window counts.
 */
public class RunnerParityIT {
  private static final Instant T0 = Instant.parse("2026-05-21T02:00:00Z");
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-parity");

  @Test
  public void directAndSparkWriteIdenticalPoints() throws Exception {
    String topic = "parity";
    List<Post> posts = TestPosts.posts("par-", 2000, T0, 300, 31); // 10 minutes of posts
    Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(posts));

    PipelineResult.State direct = PipelineLauncher.start(PipelineLauncher.parse(
        JobArgs.inProcess(stack, topic, "db_direct", "--windowSize=1m", "--backfill",
            "--runner=DirectRunner"))).waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, direct);

    List<String> sparkArgs = JobArgs.of(stack, topic, "db_spark", "--windowSize=1m", "--backfill");
    try (SparkJob job = SparkJob.submit("local[2]", stack.stateDir().resolve("logs/spark-backfill.log"), sparkArgs)) {
      assertEquals("Spark backfill failed:\n" + job.logTail(), 0, job.awaitExit(Duration.ofMinutes(5)));
    }

    InfluxDbClient onDirect = new InfluxDbClient(stack.influxUrl(), "db_direct");
    InfluxDbClient onSpark = new InfluxDbClient(stack.influxUrl(), "db_spark");
    Set<String> directPosts = points(onDirect, "post_sentiment");
    assertEquals(posts.size(), directPosts.size());
    assertSamePoints(directPosts, points(onSpark, "post_sentiment"));
    assertEquals(Expected.recount(posts), Expected.storedWindows(onDirect));
    assertEquals(Expected.storedWindows(onDirect), Expected.storedWindows(onSpark));
  }

  /**
   * Every point of a measurement, with its time, tags and fields, as comparable JSON rows; minus
   * {@code latency_ms}, which measures processing time and so differs on every run.
   */
  private static Set<String> points(InfluxDbClient influx, String measurement) throws Exception {
    Set<String> rows = new TreeSet<>();
    for (JsonNode row : InfluxQuery.rows(influx, "SELECT * FROM " + measurement)) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) row).remove("latency_ms");
      rows.add(row.toString());
    }
    return rows;
  }

  /** Equal sets, or a short message with a few points found on one runner only. */
  private static void assertSamePoints(Set<String> direct, Set<String> spark) {
    Set<String> onlyDirect = new TreeSet<>(direct);
    onlyDirect.removeAll(spark);
    Set<String> onlySpark = new TreeSet<>(spark);
    onlySpark.removeAll(direct);
    if (!onlyDirect.isEmpty() || !onlySpark.isEmpty()) {
      throw new AssertionError(onlyDirect.size() + " points only on DirectRunner, e.g. "
          + onlyDirect.stream().limit(2).toList() + "; " + onlySpark.size()
          + " only on SparkRunner, e.g. " + onlySpark.stream().limit(2).toList());
    }
  }
}
