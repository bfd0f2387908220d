package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.parse.ParsePosts;
import io.courtside.services.stack.FreePorts;
import io.courtside.services.stack.InfluxdProcess;
import io.courtside.services.stack.KafkaBrokerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.junit.Rule;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults of a real deployment, on real parts: the pipeline killed with SIGKILL mid-stream and
 * restarted, InfluxDB down for 60 s, the broker restarted. Each ends with every post stored once
 * and window counts equal to a recount. Each test has its own stack; every process it starts or
 * restarts is stopped by PID, even on failure.
 */
public class FaultToleranceIT {
  private static final Logger LOG = LoggerFactory.getLogger(FaultToleranceIT.class);

  @Rule public final StackRule stack = new StackRule("courtside-faults");

  /**
   * Posts created "now", one every {@code stepMillis}: a live feed whose windows are still open.
   */
  private static List<Post> livePosts(String prefix, int n, long stepMillis, long seed) {
    Instant start = Instant.now().minusSeconds(100).truncatedTo(ChronoUnit.SECONDS);
    return TestPosts.posts(prefix, n, start, stepMillis, seed);
  }

  private List<String> args(String topic, String db, String... extra) throws java.io.IOException {
    // One entity, not the 61 of the default watchlist: DirectRunner's timer bookkeeping grows with
    // every key and window, and the entity path is not what these tests are about.
    Path watchlist = stack.stateDir().resolve("watchlist.yaml");
    Files.writeString(watchlist, "entities:\n  - {name: Lakers, kind: team, aliases: [Lakers]}\n");
    List<String> a =
        JobArgs.of(
            stack,
            topic,
            db,
            "--consumerGroup=" + topic,
            "--windowSize=1m",
            "--maxOutOfOrderness=5s",
            "--earlyFiringPeriod=5s",
            "--watchlist=" + watchlist);
    a.addAll(List.of(extra));
    return a;
  }

  private PipelineResult startInProcess(List<String> args) throws Exception {
    List<String> all = new ArrayList<>(args);
    all.addAll(JobArgs.DIRECT_IN_PROCESS);
    return PipelineLauncher.start(PipelineLauncher.parse(all.toArray(new String[0])));
  }

  @Test
  public void killMinus9MidStreamAndRestartLosesAndDoubleCountsNothing() throws Exception {
    String topic = "crash";
    // 10,000 posts of the last ~100 s, already in Kafka: a backlog the job works through, so that
    // the kill lands mid-stream with windows still open (allowed lateness 5m). A quarter of it is
    // stored before the kill (CI: ~700 posts/s, so seconds of work on each side of it).
    List<Post> posts = livePosts("c-", 10_000, 10, 21);
    Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(posts));
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_crash");
    Path logs = stack.stateDir().resolve("logs");
    long killedAt;
    try (PipelineJvm first =
        PipelineJvm.start(logs.resolve("crash-1.log"), Map.of(), args(topic, "db_crash"))) {
      Expected.await(
          "the first 2,500 posts",
          Duration.ofSeconds(180),
          () -> Expected.postCount(influx) >= 2_500);
      first.kill9();
      killedAt = Expected.postCount(influx);
    }
    LOG.info("killed the pipeline (kill -9) with {} of {} posts stored", killedAt, posts.size());
    assertTrue("killed in the middle: " + killedAt, killedAt < posts.size());
    long restart = System.nanoTime();
    try (PipelineJvm second =
        PipelineJvm.start(logs.resolve("crash-2.log"), Map.of(), args(topic, "db_crash"))) {
      Expected.awaitPosts(influx, posts.size(), Duration.ofSeconds(420));
      Expected.awaitWindows(influx, posts, Duration.ofSeconds(120));
      Verified.await(args(topic, "db_crash"), Duration.ofSeconds(120));
      assertTrue(second.outputTail(), second.isAlive());
      LOG.info(
          "all {} posts and windows right {} s after the restart; restart output:\n{}",
          posts.size(),
          (System.nanoTime() - restart) / 1_000_000_000,
          second.outputTail());
    }
  }

  @Test
  public void influxDbDownForSixtySecondsLosesNothingAndTheJobLives() throws Exception {
    String topic = "outage";
    List<Post> posts = livePosts("o-", 3_600, 25, 22); // 40 posts/s for 90 s
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_outage");
    int port = URI.create(stack.influxUrl()).getPort();
    Traffic.createTopic(stack.kafkaBootstrap(), topic);
    PipelineResult job = startInProcess(args(topic, "db_outage", "--influxMaxRetryTime=3m"));
    try {
      CompletableFuture<Void> sending =
          Traffic.sendPaced(stack.kafkaBootstrap(), topic, Traffic.of(posts), 40);
      Expected.await(
          "the first 500 posts", Duration.ofSeconds(120), () -> Expected.postCount(influx) >= 500);
      long stored = Expected.postCount(influx);
      long down = System.nanoTime();
      stack.influxd().orElseThrow().stop(Duration.ofSeconds(15));
      long parsedAtStop = parsed(job);
      Thread.sleep(60_000);
      // What the job read meanwhile shows the back-pressure: blocked sink bundles stop the reader.
      LOG.info(
          "posts parsed when influxd stopped: {}, 60 s later: {}, sent by then: ~{}",
          parsedAtStop,
          parsed(job),
          Math.min(posts.size(), (System.nanoTime() - down) / 25_000_000 + stored));
      assertEquals(
          "the job died while InfluxDB was down", PipelineResult.State.RUNNING, job.getState());
      awaitFree(port);
      stack.stopAfter(
          InfluxdProcess.start(stack.stateDir(), port, false, false, Duration.ofSeconds(30)));
      long outageMs = (System.nanoTime() - down) / 1_000_000;
      LOG.info("influxd was down {} ms; {} posts were stored before", outageMs, stored);
      assertTrue(outageMs >= 60_000);
      sending.get();
      Expected.awaitPosts(influx, posts.size(), Duration.ofSeconds(180));
      Expected.awaitWindows(influx, posts, Duration.ofSeconds(120));
      Verified.await(args(topic, "db_outage"), Duration.ofSeconds(120));
      assertEquals(PipelineResult.State.RUNNING, job.getState());
    } finally {
      job.cancel();
    }
  }

  /** Until the stopped server has released its port (the restart would be refused before). */
  private static void awaitFree(int port) throws InterruptedException {
    Expected.await(
        "port " + port + " to be free", Duration.ofSeconds(90), () -> FreePorts.isFree(port));
  }

  /** The job's posts_valid counter (attempted: DirectRunner has no committed metrics mid-run). */
  private static long parsed(PipelineResult job) {
    for (MetricResult<Long> c :
        job.metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ParsePosts.class, "posts_valid"))
                    .build())
            .getCounters()) {
      return c.getAttempted();
    }
    return -1;
  }

  @Test
  public void aBrokerRestartMidStreamLosesNothing() throws Exception {
    String topic = "broker";
    List<Post> posts = livePosts("b-", 1_500, 20, 23); // 50 posts/s for 30 s
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "db_broker");
    int port = URI.create("kafka://" + stack.kafkaBootstrap()).getPort();
    Traffic.createTopic(stack.kafkaBootstrap(), topic);
    PipelineResult job = startInProcess(args(topic, "db_broker"));
    try {
      CompletableFuture<Void> sending =
          Traffic.sendPaced(stack.kafkaBootstrap(), topic, Traffic.of(posts), 50);
      Expected.await(
          "the first 300 posts", Duration.ofSeconds(120), () -> Expected.postCount(influx) >= 300);
      long down = System.nanoTime();
      stack.kafka().orElseThrow().stop(Duration.ofSeconds(30));
      Thread.sleep(5_000);
      awaitFree(port);
      stack.stopAfter(
          KafkaBrokerProcess.start(stack.stateDir(), port, 3, false, Duration.ofSeconds(60)));
      LOG.info("the broker was down {} ms", (System.nanoTime() - down) / 1_000_000);
      sending.get();
      Expected.awaitPosts(influx, posts.size(), Duration.ofSeconds(180));
      Expected.awaitWindows(influx, posts, Duration.ofSeconds(120));
      Verified.await(args(topic, "db_broker"), Duration.ofSeconds(120));
      assertEquals(PipelineResult.State.RUNNING, job.getState());
    } finally {
      job.cancel();
    }
  }
}
