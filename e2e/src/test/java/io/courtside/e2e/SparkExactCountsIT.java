package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.services.spark.SparkCluster;
import io.courtside.services.spark.SparkClusterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * The pipeline on Spark in its production shape, and exact counts there: a Spark standalone master
 * and worker on loopback, the pipeline jar spark-submitted (client mode) in streaming mode against
 * a real KRaft broker and influxd, with the DirectRunner's {@link ExactCountsIT} scenarios that
 * apply to Spark in one stream with one restart (each Spark submit costs about a minute, so one
 * stack, one cluster and two submits cover it all).
 *
 * <p>A job waits on an empty topic; an archive of a past evening, with junk lines, is replayed into
 * it at 100 posts/s (40 minutes of event time in 12 s, read in a few micro-batches). Every post
 * must then be stored once, {@code courtside verify} must pass and every 10 s window must equal a
 * recount of the archive's posts; nothing of the cluster or the job (driver, master, worker and the
 * worker's children, the executors) may listen beyond loopback; the sink's {@code batch_size}
 * distribution must reach the driver log through {@code LogMetricsSink} with a mean above 10 posts
 * a request; and the job must still run. Then a live feed starts and the driver is killed (kill -9)
 * in the middle of it, once it has stored some of it (the feed runs until the test stops it, so the
 * kill lands while posts are still produced however far the job lags); the job is submitted again
 * with the same {@code --checkpointDir} (each run gets its own Spark checkpoint; the restart
 * rewinds and recounts) and must catch up with the feed, which goes on through the gap. Then verify
 * must pass again, every post must be counted once, the archive's windows must keep their totals;
 * SIGTERM must stop the driver within 20 s, and InfluxDB must then hold exactly the posts sent.
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
    // One configuration for both the exact-count scenario and the production-shape checks. The
    // scenario sets the windows: 10 s windows (the archive's 40 minutes close 240 of them while
    // the job runs), 30 s lateness, 2 s out-of-orderness, 5 s partition idleness and a 10 s rewind
    // margin, which the restart's rewind and recount are sized for. The production-shape checks
    // only add the metrics sink (pushed every 2 s, so the driver log has a line soon after the
    // archive; verify ignores the flags); their recount takes the window size as a parameter, so
    // they need no 1-minute windows of their own. Early panes every 1 s and 2 s micro-batches suit
    // both.
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
            "--batchIntervalMillis=2000",
            "--metricsSink=io.courtside.runners.spark.LogMetricsSink",
            "--metricsPushPeriod=2");
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "spark_exact");
    Instant evening = Instant.parse("2025-06-01T01:00:00Z");
    List<Post> archivePosts = TestPosts.posts("ar-", 1_200, evening, 2_000, 61);
    List<Traffic.Item> archive = new ArrayList<>(Traffic.of(archivePosts));
    List<String> junk = TestPosts.malformed(30);
    for (int i = 0; i < junk.size(); i++) {
      archive.add(40 * i + 7, Traffic.Item.raw("junk-" + i, junk.get(i)));
    }
    int posts = 1_200;
    Map<String, Long> before;
    Traffic.LiveFeed feed;
    try (SparkJob job =
        SparkJob.submit(spark.masterUrl(), stack.stateDir().resolve("logs/run-1.log"), args)) {
      Expected.await(
          "the job to start", Duration.ofSeconds(180), () -> logContains(job, "Recounting"));
      // The launcher's default: every state stream checkpointed every two batches, and no stream
      // remembering a batch longer than twice that (runners/spark StateCheckpoints); the exact
      // counts below, across a kill -9, hold with it.
      Expected.await(
          "the state streams' checkpoint interval set",
          Duration.ofSeconds(60),
          () -> logContains(job, "state streams checkpoint every 4000 ms; the "));
      assertTrue(
          job.logTail(), logContains(job, "for at most 8000 ms (Spark's defaults: 40000 ms)"));
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
      // Each window's polarity counts equal a recount of the posts sent (not of the topic, as
      // verify's), and no other window is stored.
      Expected.awaitWindows(influx, archivePosts, Duration.ofSeconds(10), Duration.ofSeconds(60));
      assertOnlyLoopback(job);
      // The sink's batch_size Distribution reaches the driver log through LogMetricsSink.
      OptionalDouble mean = awaitMeanBatchSize(job);
      assertTrue("no batch_size metric in the driver log", mean.isPresent());
      System.out.printf("Spark streaming: post sink mean batch size %.1f%n", mean.getAsDouble());
      assertTrue("mean batch size " + mean.getAsDouble(), mean.getAsDouble() > 10);
      assertTrue("the Spark job died:\n" + job.logTail(), job.isAlive());
      // A live feed starts; the driver is killed (kill -9) in the middle of it, once it has
      // stored some of it: the feed is still sending, and read records wait unprocessed.
      long stored = Expected.postCount(influx);
      feed = Traffic.LiveFeed.start(stack.kafkaBootstrap(), topic, "live-", 40);
      Expected.await(
          "some live posts stored",
          Duration.ofSeconds(120),
          () -> Expected.postCount(influx) >= stored + 100);
      assertTrue("the feed ended before the crash", feed.sending());
      job.kill9();
    }
    try (SparkJob job =
        SparkJob.submit(spark.masterUrl(), stack.stateDir().resolve("logs/run-2.log"), args)) {
      Expected.await(
          "the job to start", Duration.ofSeconds(180), () -> logContains(job, "Recounting"));
      // The feed goes on into the restarted job, which must catch up with it: everything sent
      // before it started (the gap included) and 100 posts more stored while the feed still runs.
      long caughtUp = posts + feed.sentSoFar() + 100;
      Expected.await(
          "the restarted job to catch up with the live feed",
          Duration.ofSeconds(180),
          () -> Expected.postCount(influx) >= caughtUp);
      assertTrue("the feed ended before the restarted job caught up", feed.sending());
      posts += feed.stop().size();
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
      // SIGTERM, as a supervisor stops it: the driver leaves in seconds. Beam's graceful cancel in
      // the launcher's hook waited for a batch the stopped executor refused, until the launcher
      // halted the JVM after its 60 s grace.
      long stopping = System.nanoTime();
      assertTrue(
          "still running 20 s after SIGTERM:\n" + job.logTail(), job.stop(Duration.ofSeconds(20)));
      Expected.waited(stopping, "the driver to stop after SIGTERM");
      assertFalse(job.logTail(), job.log().contains("halting"));
    }
    // The job is stopped: nothing more was written while it shut down.
    assertEquals("every post stored once", posts, Expected.postCount(influx));
  }

  /**
   * Nothing of the cluster or the job listens beyond loopback: the driver (spark-submit's JVM), the
   * master, the worker and the worker's descendants (the executors).
   */
  private static void assertOnlyLoopback(SparkJob job) throws Exception {
    Set<Long> pids = new HashSet<>(List.of(job.pid()));
    spark.master().ifPresent(p -> pids.add(p.pid()));
    spark
        .worker()
        .ifPresent(
            p -> {
              pids.add(p.pid());
              ProcessHandle.of(p.pid())
                  .ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
            });
    List<String> listening = Loopback.listening(pids);
    assertTrue("no listening sockets found for " + pids, !listening.isEmpty());
    for (String address : listening) {
      assertTrue("listens beyond loopback: " + address, Loopback.isLoopback(address));
    }
  }

  private static OptionalDouble awaitMeanBatchSize(SparkJob job) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    OptionalDouble mean = job.postSinkMeanBatchSize();
    while (mean.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      mean = job.postSinkMeanBatchSize();
    }
    return mean;
  }

  private static boolean logContains(SparkJob job, String text) {
    try {
      return job.log().contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
