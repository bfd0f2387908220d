package io.courtside.pipeline.launch;

/**
 * The DirectRunner's worker threads ({@code --targetParallelism}) for a topic of a given number of
 * partitions: one for each KafkaIO reader, one for the runner's own scheduling loop, and one per
 * core for the steps after the read.
 *
 * <p>Why: the DirectRunner runs everything on one fixed pool of {@code --targetParallelism} threads
 * (Beam's default: the cores, at least 3), first come first served: its scheduling loop, which puts
 * itself back on the pool after every turn, every bundle of every step, and the splittable read of
 * each KafkaIO split. A split's read bundle takes what its consumer has fetched, then waits up to
 * 20 ms on the consumer's hand-off queue ({@code KafkaUnboundedReader.nextBatch}) before it ends
 * and is rescheduled at once. So on a live stream the readers hold about one thread each most of
 * the time, and with 3 splits on Beam's 3 threads the posts' own steps wait for a turn behind them:
 * at 2,000 posts/s on 2 cores, {@code latency_ms} p99 854-898 ms with 3 threads and 275-542 ms with
 * 4 to 16 on 3 partitions; on 6 partitions 1,340 ms with 3 threads, 1,190 with 4 and 578 with 9
 * (bench/README.md).
 */
public final class DirectThreads {
  /** The splits Beam's wrapper of an unbounded source asks the source for (Beam 2.70). */
  static final int WRAPPER_DESIRED_SPLITS = 20;

  private DirectThreads() {}

  /** Beam's default: {@code max(cores, 3)} ({@code DirectOptions.AvailableParallelismFactory}). */
  static int beamDefault(int cores) {
    return Math.max(cores, 3);
  }

  /**
   * The threads for {@code partitions} partitions on {@code cores} cores: KafkaIO's splits of them
   * (as many as the partitions up to 20, {@link KafkaSplits#count}), plus one, plus the cores;
   * never fewer than Beam's default.
   */
  public static int forPartitions(int partitions, int cores) {
    if (partitions < 1 || cores < 1) {
      throw new IllegalArgumentException(
          "partitions and cores must be positive, got " + partitions + " and " + cores);
    }
    int readers = KafkaSplits.count(WRAPPER_DESIRED_SPLITS, partitions);
    return Math.max(beamDefault(cores), readers + 1 + cores);
  }
}
