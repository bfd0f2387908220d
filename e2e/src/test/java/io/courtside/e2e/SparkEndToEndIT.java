package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.services.spark.SparkCluster;
import io.courtside.services.spark.SparkClusterConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * The production shape on real parts: a Spark standalone master and worker on loopback, the
 * pipeline jar spark-submitted in streaming mode against a real KRaft broker and influxd. Every
 * post must be stored once and the window counts must equal a recount; then everything is stopped
 * by PID.
 */
public class SparkEndToEndIT {
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-spark-e2e");
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
  public void streamingOnStandaloneClusterStoresEveryPostAndRightWindowCounts() throws Exception {
    String topic = "spark-stream";
    // Recent createdAt values, as in a live game; the second lot arrives while the job runs.
    Instant start = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
    List<Post> first = TestPosts.posts("sp1-", 600, start, 100, 21);
    List<Post> second = TestPosts.posts("sp2-", 600, start.plusSeconds(30), 100, 22);
    // The legacy Kafka source lists partitions when the job starts: the topic must exist by then.
    Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(first));

    List<String> args =
        JobArgs.of(
            stack,
            topic,
            "spark_stream",
            "--consumerGroup=spark-e2e",
            "--windowSize=1m",
            "--maxOutOfOrderness=5s",
            "--earlyFiringPeriod=1s",
            "--checkpointDir=" + stack.stateDir().resolve("checkpoint"),
            "--batchIntervalMillis=2000",
            "--metricsSink=io.courtside.runners.spark.LogMetricsSink",
            "--metricsPushPeriod=2");
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "spark_stream");
    try (SparkJob job =
        SparkJob.submit(spark.masterUrl(), stack.stateDir().resolve("logs/driver.log"), args)) {
      Expected.awaitPosts(
          influx,
          first.size(),
          Duration.ofSeconds(180),
          () -> assertTrue("the Spark job died:\n" + job.logTail(), job.isAlive()));
      Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(second));
      Expected.awaitPosts(
          influx,
          first.size() + second.size(),
          Duration.ofSeconds(180),
          () -> assertTrue("the Spark job died:\n" + job.logTail(), job.isAlive()));

      List<Post> all = new ArrayList<>(first);
      all.addAll(second);
      Expected.awaitWindows(influx, all, Duration.ofSeconds(180));
      Verified.await(args, Duration.ofSeconds(60));

      // Nothing of the cluster or the job listens beyond loopback (executors are the worker's
      // children).
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

      // The sink's batch_size Distribution reaches the driver log through LogMetricsSink.
      OptionalDouble mean = awaitMeanBatchSize(job);
      assertTrue("no batch_size metric in the driver log", mean.isPresent());
      System.out.printf("Spark streaming: post sink mean batch size %.1f%n", mean.getAsDouble());
      assertTrue("mean batch size " + mean.getAsDouble(), mean.getAsDouble() > 10);
      assertTrue(job.isAlive());
    }
    assertEquals(first.size() + second.size(), Expected.postCount(influx));
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
}
