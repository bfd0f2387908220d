package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
 * The promise of the design: the same code on DirectRunner, SparkRunner and FlinkRunner gives the
 * same results. The same posts (fixed createdAt values) are backfilled once on each runner into
 * three databases, which must then hold identical post_sentiment points and polarity_window counts.
 * Spark runs in local[2] under spark-submit, Flink on an embedded cluster started by {@code
 * courtside pipeline --runner=FlinkRunner}, each in its own JVM.
 */
public class RunnerParityIT {
  private static final Instant T0 = Instant.parse("2026-05-21T02:00:00Z");
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-parity");

  @Test
  public void directSparkAndFlinkWriteIdenticalPoints() throws Exception {
    String topic = "parity";
    List<Post> posts = TestPosts.posts("par-", 2000, T0, 300, 31); // 10 minutes of posts
    Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(posts));

    PipelineResult.State direct =
        PipelineLauncher.start(
                PipelineLauncher.parse(
                    JobArgs.inProcess(
                        stack,
                        topic,
                        "db_direct",
                        "--windowSize=1m",
                        "--backfill",
                        "--runner=DirectRunner")))
            .waitUntilFinish();
    assertEquals(PipelineResult.State.DONE, direct);

    List<String> sparkArgs = JobArgs.of(stack, topic, "db_spark", "--windowSize=1m", "--backfill");
    try (SparkJob job =
        SparkJob.submit(
            "local[2]", stack.stateDir().resolve("logs/spark-backfill.log"), sparkArgs)) {
      assertEquals(
          "Spark backfill failed:\n" + job.logTail(), 0, job.awaitExit(Duration.ofMinutes(5)));
    }

    runOnFlink(JobArgs.of(stack, topic, "db_flink", "--windowSize=1m", "--backfill"));

    InfluxDbClient onDirect = new InfluxDbClient(stack.influxUrl(), "db_direct");
    InfluxDbClient onSpark = new InfluxDbClient(stack.influxUrl(), "db_spark");
    InfluxDbClient onFlink = new InfluxDbClient(stack.influxUrl(), "db_flink");
    Set<String> directPosts = points(onDirect, "post_sentiment");
    assertEquals(posts.size(), directPosts.size());
    assertSamePoints(directPosts, "SparkRunner", points(onSpark, "post_sentiment"));
    assertSamePoints(directPosts, "FlinkRunner", points(onFlink, "post_sentiment"));
    assertEquals(Expected.recount(posts), Expected.storedWindows(onDirect));
    assertEquals(Expected.storedWindows(onDirect), Expected.storedWindows(onSpark));
    assertEquals(Expected.storedWindows(onDirect), Expected.storedWindows(onFlink));
  }

  /**
   * `courtside pipeline --runner=FlinkRunner ARGS` (an embedded Flink cluster in a child JVM); must
   * end DONE, with every socket it listened on bound to 127.0.0.1.
   */
  private static void runOnFlink(List<String> args) throws Exception {
    long started = System.nanoTime();
    List<String> all = new java.util.ArrayList<>(args);
    all.add("--runner=FlinkRunner");
    Set<String> listening = new TreeSet<>();
    try (PipelineJvm flink =
        PipelineJvm.start(
            stack.stateDir().resolve("logs/flink-backfill.log"), java.util.Map.of(), all)) {
      Integer exit = null;
      for (long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
          exit == null && System.nanoTime() < end; ) {
        // The embedded cluster's BLOB server and REST endpoint, while the job runs.
        Set<Long> pids = new java.util.HashSet<>(Set.of(flink.pid()));
        ProcessHandle.of(flink.pid())
            .ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        listening.addAll(Loopback.listening(pids));
        exit = flink.awaitExit(Duration.ofMillis(300));
      }
      assertEquals(
          "Flink backfill failed or still runs after 3 min:\n" + flink.outputTail(),
          Integer.valueOf(0),
          exit);
      assertTrue(flink.outputTail(), flink.output().contains("courtside pipeline: finished, DONE"));
    }
    assertTrue("the embedded Flink cluster was never seen listening", !listening.isEmpty());
    assertEquals(
        "sockets of the Flink JVM not on 127.0.0.1: " + listening,
        Set.of(),
        listening.stream()
            .filter(a -> !Loopback.isLoopback(a))
            .collect(java.util.stream.Collectors.toSet()));
    System.out.printf(
        "FlinkRunner backfill (embedded cluster, own JVM): %.1f s, listening on %s%n",
        (System.nanoTime() - started) / 1e9, listening);
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
  private static void assertSamePoints(Set<String> direct, String runner, Set<String> other) {
    Set<String> onlyDirect = new TreeSet<>(direct);
    onlyDirect.removeAll(other);
    Set<String> onlyOther = new TreeSet<>(other);
    onlyOther.removeAll(direct);
    if (!onlyDirect.isEmpty() || !onlyOther.isEmpty()) {
      throw new AssertionError(
          onlyDirect.size()
              + " points only on DirectRunner, e.g. "
              + onlyDirect.stream().limit(2).toList()
              + "; "
              + onlyOther.size()
              + " only on "
              + runner
              + ", e.g. "
              + onlyOther.stream().limit(2).toList());
    }
  }
}
