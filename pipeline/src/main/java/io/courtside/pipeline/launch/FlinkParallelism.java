package io.courtside.pipeline.launch;

/**
 * The FlinkRunner's parallelism for a topic of a given number of partitions, so that every source
 * subtask runs at most one KafkaIO reader.
 *
 * <p>Why: KafkaIO 2.70 splits its unbounded source into splits of equally many partitions, {@code
 * min(parallelism, partitions)} of them or the next count that divides the partitions (3 partitions
 * at parallelism 2 make 3 splits), and Beam's Flink source hands a subtask's splits to one thread
 * that takes one record at a time from each reader in turn. A reader with nothing buffered blocks
 * that thread for up to 20 ms on its consumer's hand-off queue ({@code
 * KafkaUnboundedReader.nextBatch}), so while one of a subtask's partitions is quiet, the other's
 * records come out one per wait. At 2,000 posts/s on 3 partitions and parallelism 2, the partition
 * that shared its subtask fell 0.3-0.9 s behind the other two for the whole run ({@code latency_ms}
 * p99 712 ms); at parallelism 3 the p99 was 49 ms (bench/README.md). A subtask with one split, of
 * one partition or several, reads them with one consumer and has no turn to wait for.
 */
public final class FlinkParallelism {
  /**
   * Most subtasks per core the embedded cluster is given to reach one split per subtask; above it
   * the cores' count stays and the launcher says why latency may suffer.
   */
  static final int MAX_SUBTASKS_PER_CORE = 4;

  private FlinkParallelism() {}

  /** Whether every subtask of {@code parallelism} gets at most one of the source's splits. */
  static boolean oneSplitPerSubtask(int parallelism, int partitions) {
    return KafkaSplits.count(parallelism, partitions) <= parallelism;
  }

  /**
   * The parallelism for {@code partitions} partitions on {@code cores} cores: the cores, unless a
   * subtask would then run two readers; then the smallest larger count with one split per subtask
   * (a divisor of the partitions), if it is at most {@link #MAX_SUBTASKS_PER_CORE} per core, else
   * the cores.
   */
  public static int forPartitions(int partitions, int cores) {
    if (partitions < 1 || cores < 1) {
      throw new IllegalArgumentException(
          "partitions and cores must be positive, got " + partitions + " and " + cores);
    }
    for (int p = cores; p <= (long) cores * MAX_SUBTASKS_PER_CORE; p++) {
      if (oneSplitPerSubtask(p, partitions)) {
        return p;
      }
    }
    return cores;
  }
}
