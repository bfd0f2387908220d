package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.services.spark.SparkCluster;
import io.courtside.services.spark.SparkClusterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * Exact counts on the Spark runner, on a real standalone cluster: the DirectRunner's {@link
 * ExactCountsIT} scenarios that apply to Spark, in one stream with one restart (each Spark submit
 * costs about a minute). A job waits on an empty topic; an archive of a past evening, with junk
 * lines, is replayed into it at 100 posts/s (40 minutes of event time in 12 s, read in a few
 * micro-batches), and {@code courtside verify} must pass; a live feed starts and the driver is
 * killed (kill -9) in the middle of it; the job is submitted again with the same {@code
 * --checkpointDir} (each run gets its own Spark checkpoint; the restart rewinds and recounts) and
 * the feed goes on. Then verify must pass again, every post must be counted once, and the archive's
 * windows must keep their totals.
 */
public class SparkExactCountsIT {
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-spark-exact");
  private static SparkCluster spark;

  @BeforeClass
  public static void start() throws Exception {
    spark = SparkCluster.start(stack.stateDir(), SparkClusterConfig.freePort().withWorker(2, "1g"));
  }

  @AfterClass
  public static void stop() {
    if (spark != null) {
      spark.close();
    }
  }

  @Test
  public void aReplayAtSpeedAndARestartLeaveEveryWindowEqualToTheRecount() throws Exception {
    String topic = "spark-exact";
    Traffic.createTopic(stack.kafkaBootstrap(), topic);
    List<String> args =
        JobArgs.of(
            stack,
            topic,
            "spark_exact",
            "--consumerGroup=spark-exact",
            "--windowSize=10s",
            "--allowedLateness=30s",
            "--maxOutOfOrderness=2s",
            "--earlyFiringPeriod=1s",
            "--partitionIdleness=5s",
            "--restartRewindMargin=10s",
            "--checkpointDir=" + stack.stateDir().resolve("checkpoint"),
            "--batchIntervalMillis=2000");
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "spark_exact");
    Instant evening = Instant.parse("2025-06-01T01:00:00Z");
    List<Traffic.Item> archive =
        new ArrayList<>(Traffic.of(TestPosts.posts("ar-", 1_200, evening, 2_000, 61)));
    List<String> junk = TestPosts.malformed(30);
    for (int i = 0; i < junk.size(); i++) {
      archive.add(40 * i + 7, Traffic.Item.raw("junk-" + i, junk.get(i)));
    }
    int posts = 1_200;
    Map<String, Long> before;
    CompletableFuture<Integer> live1;
    try (SparkJob job =
        SparkJob.submit(spark.masterUrl(), stack.stateDir().resolve("logs/run-1.log"), args)) {
      Expected.await(
          "the job to start", Duration.ofSeconds(180), () -> logContains(job, "Recounting"));
      Thread.sleep(
          6_000); // the readers find the topic empty: its partitions are empty, then the archive
      // comes
      Traffic.sendPaced(stack.kafkaBootstrap(), topic, archive, 100).get();
      Expected.awaitPosts(
          influx,
          posts,
          Duration.ofSeconds(300),
          () -> assertTrue("the Spark job died:\n" + job.logTail(), job.isAlive()));
      Verified.await(args, Duration.ofSeconds(180));
      before = Expected.windowTotals(influx);
      assertEquals(posts, before.values().stream().mapToLong(Long::longValue).sum());
      // A live feed starts; the driver is killed (kill -9) in the middle of it.
      long stored = Expected.postCount(influx);
      live1 =
          CompletableFuture.supplyAsync(
              () -> Traffic.sendLive(stack.kafkaBootstrap(), topic, "live1-", 600, 40).size());
      Expected.await(
          "some live posts stored",
          Duration.ofSeconds(120),
          () -> Expected.postCount(influx) >= stored + 100);
      job.kill9();
    }
    posts += live1.get();
    try (SparkJob job =
        SparkJob.submit(spark.masterUrl(), stack.stateDir().resolve("logs/run-2.log"), args)) {
      Expected.await(
          "the job to start", Duration.ofSeconds(180), () -> logContains(job, "Recounting"));
      posts += Traffic.sendLive(stack.kafkaBootstrap(), topic, "live2-", 400, 40).size();
      Expected.awaitPosts(
          influx,
          posts,
          Duration.ofSeconds(300),
          () -> assertTrue("the Spark job died:\n" + job.logTail(), job.isAlive()));
      Verified.await(args, Duration.ofSeconds(180));
      Map<String, Long> after = Expected.windowTotals(influx);
      // The archive's windows, closed before the crash, hold what they held.
      before.forEach(
          (w, total) ->
              assertEquals("window " + w + " changed across the restart", total, after.get(w)));
      assertEquals(posts, after.values().stream().mapToLong(Long::longValue).sum());
      try (java.util.stream.Stream<Path> runs =
          Files.list(stack.stateDir().resolve("checkpoint/spark-exact"))) {
        assertEquals(
            "the first run's Spark checkpoint is not restored: it is deleted", 1, runs.count());
      }
    }
  }

  private static boolean logContains(SparkJob job, String text) {
    try {
      return job.log().contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
