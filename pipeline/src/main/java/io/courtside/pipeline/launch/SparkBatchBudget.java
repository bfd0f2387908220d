package io.courtside.pipeline.launch;

import java.util.Locale;
import java.util.Map;

/**
 * The SparkRunner's default {@code --maxRecordsPerBatch}: as many posts per micro-batch as the
 * executor's storage memory holds while Beam's Spark runner keeps them cached.
 *
 * <p>Why a bound: Beam's Spark runner reads each micro-batch when Spark generates it, not when its
 * turn comes, and keeps what it read and every cached step of the batch (a step's output that two
 * steps read) in memory for about 40 s after that: twice the default checkpoint interval of its
 * {@code mapWithState} streams, ten batch intervals. Unbounded, a backlog fills the storage memory
 * within a minute; Spark then evicts cached batches, and a recomputed read loses its posts (see
 * {@code runners/spark/.../EvictionGuard}). Measured on a 1,000,000-post backlog in local[2] with
 * 2-second batches and 6,000 posts a batch (bench/README.md, "Spark: memory and lost posts"): the
 * cached batches held about 4 kB of storage per post for about 50 s (25 batches: the 40 s plus the
 * batches waiting their turn), 600 MiB, and the window state another 130 MiB; no block was evicted.
 *
 * <p>The default takes half of the executor's storage memory (Spark's unified memory, {@code
 * spark.memory.fraction} of the heap above Spark's 300 MiB reserve), the other half for the window
 * state and posts larger than the bench's: {@code 0.5 * storage / (50 s / batch interval * 4,000
 * B)}, rounded down to a thousand, at least 1,000. The executor is this JVM in local mode, else one
 * of {@code spark.executor.memory} (Spark's default 1g): a cluster of several executors holds more,
 * and its user may raise the flag. The flag given on the command line always wins.
 */
public record SparkBatchBudget(long executorHeapBytes, double memoryFraction, long batchMillis) {
  /** Storage bytes per cached post, measured on the bench's posts. */
  static final long BYTES_PER_POST = 4_000;

  /** How long a post's cached bytes stay in storage memory, measured. */
  static final long RETAINED_MILLIS = 50_000;

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
      Map<String, String> sparkConf, long thisHeap, long batchMillis) {
    String master = sparkConf.getOrDefault("spark.master", "local");
    long heap =
        master.startsWith("local")
            ? thisHeap
            : mebibytes(sparkConf.getOrDefault("spark.executor.memory", "1g")) << 20;
    double fraction =
        Double.parseDouble(
            sparkConf.getOrDefault(
                "spark.memory.fraction", Double.toString(DEFAULT_MEMORY_FRACTION)));
    return new SparkBatchBudget(heap, fraction, batchMillis);
  }

  /** Spark's storage memory for this executor: the unified memory above the reserve. */
  public long storageBytes() {
    return (long) (memoryFraction * Math.max(0, executorHeapBytes - RESERVED_BYTES));
  }

  /** The default {@code --maxRecordsPerBatch}. */
  public long recordsPerBatch() {
    double retainedBatches = (double) RETAINED_MILLIS / batchMillis;
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
