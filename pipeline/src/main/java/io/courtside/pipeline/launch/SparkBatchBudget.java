package io.courtside.pipeline.launch;

import java.util.Locale;
import java.util.Map;

/**
 * The SparkRunner's default {@code --maxRecordsPerBatch}: as many posts per micro-batch as the
 * executor's storage memory holds while Beam's Spark runner keeps them cached.
 *
 * <p>Why a bound: Beam's Spark runner reads each micro-batch when Spark generates it, not when its
 * turn comes, and keeps what it read and every cached step of the batch (a step's output that two
 * steps read) in memory until Spark forgets the batch: twice the checkpoint interval of the state
 * streams (the launcher makes it {@code --checkpointDurationMillis} for all of them, {@code
 * runners/spark/.../StateCheckpoints}), after the batch's turn came. Unbounded, a backlog's batches
 * queue behind the one being processed and fill the storage memory; Spark then evicts cached
 * batches, and a recomputed read loses its posts (see {@code runners/spark/.../EvictionGuard}).
 *
 * <p>The model: a post holds about 4 kB of storage (measured with 40 s retention: 6,000-post 2 s
 * batches held 600 MiB, bench/README.md, "Spark: memory and lost posts") for twice the checkpoint
 * interval (Spark's default, ten batches, when it is not set) plus two batch intervals (the batch
 * in its turn and one waiting). The default takes half of the executor's storage memory (Spark's
 * unified memory, {@code spark.memory.fraction} of the heap above Spark's 300 MiB reserve), the
 * other half for the window state and posts larger than the bench's: {@code 0.5 * storage /
 * (retained / batch interval * 4,000 B)}, rounded down to a thousand, at least 1,000. It is
 * conservative: 24,000-post batches (2 s, state checkpointed every 4 s) peaked at 273 MiB of
 * storage in a 1,000,000-post drain, where the model says 549 MiB. The executor is this JVM in
 * local mode, else one of {@code spark.executor.memory} (Spark's default 1g): a cluster of several
 * executors holds more, and its user may raise the flag. The flag given on the command line always
 * wins.
 */
public record SparkBatchBudget(
    long executorHeapBytes, double memoryFraction, long batchMillis, long checkpointMillis) {
  /** Storage bytes per cached post, measured on the bench's posts. */
  static final long BYTES_PER_POST = 4_000;

  /** Batches retained besides the remembered ones: the one in its turn and one waiting. */
  static final long QUEUED_BATCHES = 2;

  /** Spark's checkpoint interval of a {@code mapWithState}, in batches, when none is set. */
  static final long SPARK_DEFAULT_CHECKPOINT_BATCHES = 10;

  /** Spark's reserved heap (not in the unified memory). */
  static final long RESERVED_BYTES = 300L << 20;

  /** Spark's default {@code spark.memory.fraction}. */
  static final double DEFAULT_MEMORY_FRACTION = 0.6;

  static final long MIN_RECORDS = 1_000;

  /**
   * The executor a job started with these Spark settings (spark-submit passes them as system
   * properties) gets: this JVM's heap for a {@code local} master or none, else {@code
   * spark.executor.memory}.
   */
  public static SparkBatchBudget of(
      Map<String, String> sparkConf, long thisHeap, long batchMillis, long checkpointMillis) {
    String master = sparkConf.getOrDefault("spark.master", "local");
    long heap =
        master.startsWith("local")
            ? thisHeap
            : mebibytes(sparkConf.getOrDefault("spark.executor.memory", "1g")) << 20;
    double fraction =
        Double.parseDouble(
            sparkConf.getOrDefault(
                "spark.memory.fraction", Double.toString(DEFAULT_MEMORY_FRACTION)));
    return new SparkBatchBudget(heap, fraction, batchMillis, checkpointMillis);
  }

  /** Spark's storage memory for this executor: the unified memory above the reserve. */
  public long storageBytes() {
    return (long) (memoryFraction * Math.max(0, executorHeapBytes - RESERVED_BYTES));
  }

  /** How long a batch's cached posts stay in storage memory. */
  public long retainedMillis() {
    long checkpoint =
        checkpointMillis > 0 ? checkpointMillis : SPARK_DEFAULT_CHECKPOINT_BATCHES * batchMillis;
    return 2 * Math.max(checkpoint, batchMillis) + QUEUED_BATCHES * batchMillis;
  }

  /** The default {@code --maxRecordsPerBatch}. */
  public long recordsPerBatch() {
    double retainedBatches = (double) retainedMillis() / batchMillis;
    long records = (long) (0.5 * storageBytes() / (retainedBatches * BYTES_PER_POST));
    return Math.max(MIN_RECORDS, records / 1000 * 1000);
  }

  /**
   * A JVM memory string as Spark reads {@code spark.executor.memory}, in MiB: a number with an
   * optional unit k, m, g or t (b for bytes is not accepted); no unit means MiB.
   */
  static long mebibytes(String size) {
    String s = size.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("b") && s.length() > 1 && Character.isLetter(s.charAt(s.length() - 2))) {
      s = s.substring(0, s.length() - 1); // "2gb" as Spark reads it: "2g"
    }
    if (s.isEmpty()) {
      throw notASize(size);
    }
    char unit = s.charAt(s.length() - 1);
    if (!Character.isDigit(unit) && "kmgt".indexOf(unit) < 0) {
      throw notASize(size);
    }
    String number = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
    long n;
    try {
      n = Long.parseLong(number);
    } catch (NumberFormatException e) {
      throw notASize(size);
    }
    return switch (unit) {
      case 'k' -> n >> 10;
      case 'm' -> n;
      case 'g' -> n << 10;
      case 't' -> n << 20;
      default -> n; // no unit: MiB
    };
  }

  private static IllegalArgumentException notASize(String size) {
    return new IllegalArgumentException(
        "spark.executor.memory must be a size like 2g or 512m, not '" + size + "'");
  }
}
