package io.courtside.pipeline.launch;

/**
 * How many readers KafkaIO 2.70 makes of a topic: its unbounded source splits into {@code
 * min(desired, partitions)} splits, raised until every split has as many partitions ({@code
 * KafkaUnboundedSource.split}), and each split is one reader with one consumer. The runners ask for
 * different counts: the FlinkRunner for its parallelism ({@link FlinkParallelism}), Beam's
 * splittable wrapper on the DirectRunner for 20 ({@link DirectThreads}).
 */
final class KafkaSplits {
  private KafkaSplits() {}

  /** The splits KafkaIO makes of {@code partitions} partitions when asked for {@code desired}. */
  static int count(int desired, int partitions) {
    int n = Math.min(desired, partitions);
    while (partitions % n != 0) {
      n++;
    }
    return n;
  }
}
