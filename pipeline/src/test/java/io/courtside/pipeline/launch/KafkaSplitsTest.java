package io.courtside.pipeline.launch;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** KafkaIO's count of readers for a topic. */
public class KafkaSplitsTest {
  /**
   * KafkaIO 2.70's split counts, read from {@code KafkaUnboundedSource.split}: min(desired,
   * partitions), raised until every split has as many partitions.
   */
  @Test
  public void kafkaIoMakesSplitsOfEquallyManyPartitions() {
    assertEquals(3, KafkaSplits.count(2, 3)); // the measured case: 3 splits on 2 subtasks
    assertEquals(2, KafkaSplits.count(2, 4));
    assertEquals(1, KafkaSplits.count(2, 1));
    assertEquals(6, KafkaSplits.count(5, 12));
    assertEquals(7, KafkaSplits.count(3, 7));
    assertEquals(3, KafkaSplits.count(8, 3));
    // Beam's wrapper on the DirectRunner asks for 20: one per partition up to 20, then more.
    assertEquals(3, KafkaSplits.count(20, 3));
    assertEquals(24, KafkaSplits.count(20, 48));
  }
}
