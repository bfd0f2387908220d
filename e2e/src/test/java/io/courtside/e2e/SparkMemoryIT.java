package io.courtside.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxDbClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

/**
 * A SparkRunner job whose cached micro-batches outgrow its storage memory stops, and says why: a
 * backlog read by a local[2] job with a small heap and the launcher's batch bound lifted, until
 * Spark evicts a cached block and {@code EvictionGuard} ends the driver.
 *
 * <p>Without the guard such a job goes on, and whether it loses posts depends on which blocks Spark
 * evicts: here (400,000 posts, 640 MiB) it evicted 112 blocks and still stored every post; with
 * 1,000,000 posts and 1 GiB it stored 632,221 and sat idle, every partition read to its end, as
 * Beam's Spark runner recomputes an evicted read from a Kafka reader that has moved on
 * (runners/spark/README.md, "Memory"). The guard cannot tell the two apart, so it stops on any. A
 * backfill of the same backlog, with the same heap, is left to Spark's recomputation and comes out
 * exact.
 */
public class SparkMemoryIT {
  @ClassRule @Rule public static final StackRule stack = new StackRule("courtside-spark-memory");

  /** Posts in the backlog: about 4 kB each of Spark storage, far beyond the heap's. */
  private static final int POSTS = 400_000;

  private static final String HEAP = "-Xmx640m";

  private static final String TOPIC = "spark-memory";

  private static List<Post> posts;

  /** One backlog for both jobs (each reads it in its own database). */
  @BeforeClass
  public static void backlog() throws Exception {
    Traffic.createTopic(stack.kafkaBootstrap(), TOPIC);
    posts = TestPosts.posts("mem-", POSTS, Instant.parse("2025-06-01T01:00:00Z"), 3, 17);
    Traffic.send(stack.kafkaBootstrap(), TOPIC, Traffic.of(posts));
  }

  @Test
  public void aJobWhoseCachedBatchesOverflowItsMemoryStopsAndSaysWhyInsteadOfLosingPosts()
      throws Exception {
    List<String> args =
        JobArgs.of(
            stack,
            TOPIC,
            "spark_memory",
            "--consumerGroup=spark-memory",
            "--checkpointDir=" + stack.stateDir().resolve("checkpoint"),
            // The launcher's bound lifted: every batch reads what it finds in its read time.
            "--maxRecordsPerBatch=100000000");
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "spark_memory");
    try (SparkJob job =
        SparkJob.submitLocal(
            "local[2]", HEAP, stack.stateDir().resolve("logs/spark-memory.log"), args)) {
      String stopped = "courtside pipeline: failed: Spark evicted rdd_";
      try {
        Expected.await(
            "the job to stop on an eviction (or to end some other way)",
            Duration.ofSeconds(300),
            () -> !job.isAlive() || logContains(job, stopped));
      } catch (AssertionError e) {
        java.nio.file.Files.writeString(
            java.nio.file.Path.of("target", "spark-memory-job.log"), job.log());
        throw new AssertionError(
            e.getMessage() + " (job log: e2e/target/spark-memory-job.log)\n" + job.logTail(), e);
      }
      assertThat(
          "the job ended without the guard's message:\n" + job.logTail(),
          job.log(),
          containsString(stopped));
      assertThat(job.log(), containsString("--maxRecordsPerBatch"));
      // It leaves in seconds, not after its 30 s grace and a halt: the guard cancels the Spark
      // jobs, so Spark's own hook does not wait for a batch read that cannot finish (on a busy
      // machine it did, every time).
      Expected.await("the driver to exit", Duration.ofSeconds(60), () -> !job.isAlive());
      assertFalse("halted after its grace:\n" + job.logTail(), job.log().contains("halting"));
      // What the driver said on its way out (the lease's wait for the last commits among it).
      job.log()
          .lines()
          .filter(l -> l.startsWith("courtside") || l.contains("consumer group"))
          .forEach(l -> System.out.println("driver: " + l));
      // One failure, the eviction: not also the cancellation of the Spark jobs it caused.
      assertEquals(
          job.logTail(),
          1,
          job.log().lines().filter(l -> l.startsWith("courtside pipeline: failed")).count());
      assertFalse(job.log().contains("courtside pipeline: finished, DONE"));
      assertEquals(1, job.awaitExit(Duration.ofSeconds(1)));
      // It stopped part way: it had written the batches that filled the storage memory, and the
      // backlog really outgrew that memory (the recount after a restart is RewindOnStartIT's and
      // SparkExactCountsIT's).
      long stored = Expected.postCount(influx);
      assertThat(stored, lessThan((long) POSTS));
      assertTrue("no post was stored before the job stopped", stored > 0);
    }
  }

  /**
   * A backfill of the same backlog with the same heap is not stopped: it reads fixed offset ranges,
   * so Spark recomputes an evicted partition from the same records (its lineage), and every post
   * and window comes out exact. The guard stopped it after 10 s before it was left to streaming
   * jobs.
   */
  @Test
  public void aBackfillThatOverflowsItsMemoryIsRecomputedAndExact() throws Exception {
    List<String> args = JobArgs.of(stack, TOPIC, "spark_backfill", "--backfill");
    try (SparkJob job =
        SparkJob.submitLocal(
            "local[2]", HEAP, stack.stateDir().resolve("logs/spark-backfill.log"), args)) {
      assertEquals(job.logTail(), 0, job.awaitExit(Duration.ofSeconds(300)));
      assertThat(job.log(), containsString("courtside pipeline: finished, DONE"));
      // Spark did evict a cached partition of the read (else this proves nothing).
      assertThat(job.log(), containsString("Dropping block rdd_"));
      assertFalse(job.log(), job.log().contains("Spark evicted"));
    }
    InfluxDbClient influx = new InfluxDbClient(stack.influxUrl(), "spark_backfill");
    assertEquals(POSTS, Expected.postCount(influx));
    // Every window equals a recount of the posts sent (cheaper here than verify's read of the
    // topic, which takes 18 s for 400,000 records on 2 cores).
    Expected.awaitWindows(influx, posts, Duration.ofSeconds(60));
  }

  private static boolean logContains(SparkJob job, String text) {
    try {
      return job.log().contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
