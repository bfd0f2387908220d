package io.courtside.pipeline.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** The Flink parallelism that gives every source subtask at most one KafkaIO reader. */
public class FlinkParallelismTest {
  @Test
  public void theMeasuredCaseGetsOneSubtaskPerPartition() {
    assertEquals(3, FlinkParallelism.forPartitions(3, 2));
    // Already one split per subtask: the cores stay.
    assertEquals(2, FlinkParallelism.forPartitions(4, 2));
    assertEquals(2, FlinkParallelism.forPartitions(1, 2));
    assertEquals(4, FlinkParallelism.forPartitions(3, 4));
    // 31 partitions on 2 cores would need 31 subtasks: more than 4 a core, the cores stay.
    assertEquals(2, FlinkParallelism.forPartitions(31, 2));
  }

  /**
   * Property over random topics and machines, against a simulation of the assignment itself:
   * KafkaIO deals the partitions round-robin to its splits, Beam's Flink enumerator deals split i
   * to subtask i % parallelism; the chosen parallelism must leave no subtask with two readers
   * whenever any count between the cores and 4 per core does, and must be the smallest such.
   */
  @Test
  public void theChosenParallelismIsTheSmallestWithOneReaderPerSubtask() {
    Random random = new Random(17);
    for (int i = 0; i < 5_000; i++) {
      int partitions = 1 + random.nextInt(64);
      int cores = 1 + random.nextInt(16);
      int chosen = FlinkParallelism.forPartitions(partitions, cores);
      Integer smallestGood = null;
      for (int p = cores; p <= cores * FlinkParallelism.MAX_SUBTASKS_PER_CORE; p++) {
        if (mostReadersOnASubtask(p, partitions) <= 1) {
          smallestGood = p;
          break;
        }
      }
      String what = partitions + " partitions on " + cores + " cores";
      if (smallestGood == null) {
        assertEquals(what, cores, chosen);
        assertFalse(what, FlinkParallelism.oneSplitPerSubtask(chosen, partitions));
      } else {
        assertEquals(what, smallestGood.intValue(), chosen);
        assertTrue(what, FlinkParallelism.oneSplitPerSubtask(chosen, partitions));
      }
      // Every partition is read by exactly one reader.
      assertEquals(what, partitions, partitionsRead(chosen, partitions));
    }
  }

  @Test(expected = IllegalArgumentException.class)
  public void aTopicWithoutPartitionsIsRefused() {
    FlinkParallelism.forPartitions(0, 2);
  }

  private static int mostReadersOnASubtask(int parallelism, int partitions) {
    int[] readers = new int[parallelism];
    for (int split = 0; split < KafkaSplits.count(parallelism, partitions); split++) {
      readers[split % parallelism]++;
    }
    int most = 0;
    for (int r : readers) {
      most = Math.max(most, r);
    }
    return most;
  }

  private static int partitionsRead(int parallelism, int partitions) {
    int splits = KafkaSplits.count(parallelism, partitions);
    List<List<Integer>> bySplit = new ArrayList<>();
    for (int s = 0; s < splits; s++) {
      bySplit.add(new ArrayList<>());
    }
    for (int p = 0; p < partitions; p++) {
      bySplit.get(p % splits).add(p);
    }
    int sizeOfFirst = bySplit.get(0).size();
    int read = 0;
    for (List<Integer> split : bySplit) {
      assertEquals("splits of equally many partitions", sizeOfFirst, split.size());
      read += split.size();
    }
    return read;
  }
}
