package io.courtside.pipeline.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Test;

/** The DirectRunner's threads: one per KafkaIO reader, one for its scheduling, one per core. */
public class DirectThreadsTest {
  @Test
  public void theMeasuredCaseGetsSixThreads() {
    // 3 partitions on 2 cores (the bench's machine): 3 readers + 1 + 2, where Beam gives 3.
    assertEquals(6, DirectThreads.forPartitions(3, 2));
    assertEquals(4, DirectThreads.forPartitions(1, 2));
    assertEquals(17, DirectThreads.forPartitions(12, 4));
    // Beyond 20 partitions KafkaIO makes the next count of splits that divides them: 21 for 21.
    assertEquals(20 + 1 + 2, DirectThreads.forPartitions(20, 2));
    assertEquals(21 + 1 + 2, DirectThreads.forPartitions(21, 2));
    assertEquals(24 + 1 + 2, DirectThreads.forPartitions(48, 2));
    // Never fewer than Beam's max(cores, 3).
    assertEquals(3, DirectThreads.forPartitions(1, 1));
  }

  /**
   * Property over random topics and machines: every reader KafkaIO makes (one per split, as many as
   * it gives partitions to, counted by dealing the partitions out as it does) can hold a thread and
   * the scheduling loop another while every core still has one for the steps; and never fewer
   * threads than Beam's default.
   */
  @Test
  public void everyReaderAndTheLoopLeaveOneThreadPerCore() {
    Random random = new Random(29);
    for (int i = 0; i < 5_000; i++) {
      int partitions = 1 + random.nextInt(100);
      int cores = 1 + random.nextInt(32);
      int threads = DirectThreads.forPartitions(partitions, cores);
      int readers = readersDealtTo(partitions);
      String what = partitions + " partitions on " + cores + " cores: " + threads;
      assertTrue(what, threads >= Math.max(cores, 3));
      assertTrue(what, threads - readers - 1 >= cores);
      // and no more than that needs, unless Beam's default is larger
      assertTrue(what, threads == Math.max(cores, 3) || threads - readers - 1 == cores);
    }
  }

  @Test
  public void nonPositiveCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> DirectThreads.forPartitions(0, 2));
    assertThrows(IllegalArgumentException.class, () -> DirectThreads.forPartitions(3, 0));
  }

  /**
   * How many of KafkaIO's splits get a partition when it splits for Beam's wrapper (20 desired):
   * the smallest count of at least min(20, partitions) that divides them, each dealt an equal
   * share; counted by dealing, not by the formula under test.
   */
  private static int readersDealtTo(int partitions) {
    int splits = Math.min(20, partitions);
    while (partitions % splits != 0) {
      splits++;
    }
    boolean[] hasOne = new boolean[splits];
    for (int p = 0; p < partitions; p++) {
      hasOne[p % splits] = true;
    }
    int readers = 0;
    for (boolean b : hasOne) {
      readers += b ? 1 : 0;
    }
    return readers;
  }
}
