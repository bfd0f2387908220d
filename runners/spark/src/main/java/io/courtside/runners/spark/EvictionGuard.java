package io.courtside.runners.spark;

import io.courtside.pipeline.launch.ExitWithin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the driver when Spark evicts a cached block of the job from memory: the job would otherwise
 * lose posts without a word.
 *
 * <p>Why: Beam's Spark runner keeps what it reads in memory only ({@code mapWithState}, {@code
 * MEMORY_ONLY}), and every micro-batch's cached steps until Spark forgets the batch (twice the
 * state checkpoint interval, {@link StateCheckpoints}). When the executors' storage memory is full,
 * Spark drops the least recently used blocks and recomputes one when it is needed again.
 * Recomputing a read is not a replay: Beam's {@code MicrobatchSource} reuses its cached Kafka
 * reader, which goes on from where it is, not from the batch's checkpoint mark. Seen here: a
 * 1,000,000-post backlog into a local[2] job with a 1 GB heap ended with 632,221 posts stored and
 * every partition read to its end; the read block of one batch was stored with 22 MiB and, after
 * its eviction, recomputed with 78 KiB (bench/README.md, "Spark: memory and lost posts").
 *
 * <p>A dying driver is safe (a restart recounts the open windows from Kafka, {@code
 * read/RecountPoint}); silently missing posts are not. So the first eviction of an RDD block is
 * logged with what to do and the driver exits with code 1. The launcher's default {@code
 * --maxRecordsPerBatch} ({@code launch/SparkBatchBudget}) keeps the cached batches within the
 * storage memory, so this fires only when the posts are much larger than assumed or the budget was
 * overridden.
 *
 * <p>Registered through {@code spark.extraListeners}, which the launcher sets on the SparkRunner
 * (Spark instantiates it with its {@link SparkConf}). Spark reports a dropped block to the driver
 * with an invalid storage level; it does not report the blocks of an RDD it unpersists after use.
 */
public final class EvictionGuard extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(EvictionGuard.class);

  /** How long the driver's shutdown hooks may take before it halts. */
  static final Duration EXIT_GRACE = Duration.ofSeconds(30);

  /** How often the driver's Spark jobs are cancelled while it exits. */
  private static final Duration CANCEL_PERIOD = Duration.ofMillis(500);

  private final Consumer<String> onEviction;
  private final AtomicBoolean fired = new AtomicBoolean();

  /** The constructor Spark calls for {@code spark.extraListeners}. */
  public EvictionGuard(SparkConf conf) {
    this(EvictionGuard::exitDriver);
  }

  EvictionGuard(Consumer<String> onEviction) {
    this.onEviction = onEviction;
  }

  @Override
  public void onBlockUpdated(SparkListenerBlockUpdated event) {
    BlockUpdatedInfo info = event.blockUpdatedInfo();
    if (!info.blockId().isRDD() || info.storageLevel().isValid()) {
      return;
    }
    if (fired.compareAndSet(false, true)) {
      onEviction.accept(
          "Spark evicted "
              + info.blockId().name()
              + " from the storage memory of executor "
              + info.blockManagerId().executorId()
              + ": a cached micro-batch may be recomputed from a Kafka reader that has moved on, and"
              + " its posts lost. Stopping the job; it recounts from Kafka when restarted. Give the"
              + " executors more memory (spark.executor.memory; the driver's heap in local mode) or"
              + " lower --maxRecordsPerBatch (runners/spark/README.md, \"Memory\").");
    }
  }

  private static void exitDriver(String message) {
    LOG.error("courtside: {}", message);
    System.err.println("courtside pipeline: failed: " + message);
    // Spark's shutdown hook stops the streaming context, which needs the lock of its DStream
    // graph; the job generator holds that lock while it computes the next batch, and Beam's Kafka
    // read runs a Spark job to do so. After an eviction that job waited for tasks that never ran,
    // so the hook waited the whole grace and the driver was halted (30 s, every time on a busy
    // machine). The job is failing anyway: its Spark jobs are cancelled until the JVM is gone.
    Thread cancel = new Thread(EvictionGuard::cancelSparkJobs, "eviction-guard-cancel-jobs");
    cancel.setDaemon(true);
    cancel.start();
    // Not on the listener bus's thread: System.exit waits for Spark's hooks, which stop that bus.
    Thread exit = new Thread(() -> ExitWithin.exit(1, EXIT_GRACE), "eviction-guard-exit");
    exit.setDaemon(false);
    exit.start();
  }

  /**
   * Cancels every running Spark job of this driver, again every {@link #CANCEL_PERIOD} (the job
   * generator may start the next batch's read while the hooks wait), until the JVM ends.
   */
  private static void cancelSparkJobs() {
    // The listener runs inside the driver's SparkContext: this returns that context.
    SparkContext context = SparkContext.getOrCreate();
    while (!context.isStopped()) {
      context.cancelAllJobs();
      try {
        Thread.sleep(CANCEL_PERIOD.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
