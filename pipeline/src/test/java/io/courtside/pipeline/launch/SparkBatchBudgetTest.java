package io.courtside.pipeline.launch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Map;
import org.junit.Test;

/** How many posts a micro-batch may hold so that Spark keeps them cached without evicting. */
public class SparkBatchBudgetTest {
  private static final long GIB = 1L << 30;

  @Test
  public void aLocalJobIsBoundByThisJvmsHeap() {
    SparkBatchBudget b =
        SparkBatchBudget.of(Map.of("spark.master", "local[2]"), 2 * GIB, 2000, 4000);
    // 0.6 * (2048 - 300) MiB of storage, half of it for 6 batches (twice the 4 s checkpoint
    // interval, and two batches) of 4,000-byte posts.
    assertEquals((long) (0.6 * (2048 - 300) * (1 << 20)), b.storageBytes());
    assertEquals(12_000, b.retainedMillis());
    long exact = (long) (0.5 * b.storageBytes() / (6 * 4000.0));
    assertEquals(exact / 1000 * 1000, b.recordsPerBatch());
    assertEquals(22_000, b.recordsPerBatch());
    // No master given: spark-submit's default, local.
    assertEquals(22_000, SparkBatchBudget.of(Map.of(), 2 * GIB, 2000, 4000).recordsPerBatch());
  }

  @Test
  public void withoutACheckpointIntervalSparksDefaultOfTenBatchesIsAssumed() {
    // 2 * 20 s + 2 batches: what every stream remembered before the launcher set the interval.
    for (long unset : new long[] {0, -1}) {
      SparkBatchBudget b = SparkBatchBudget.of(Map.of(), 2 * GIB, 2000, unset);
      assertEquals(44_000, b.retainedMillis());
      assertEquals(6000, b.recordsPerBatch());
    }
    // An interval shorter than the batch is the batch.
    assertEquals(8000, SparkBatchBudget.of(Map.of(), 2 * GIB, 2000, 500).retainedMillis());
  }

  @Test
  public void aClusterJobIsBoundByOneExecutorsMemoryOneGibibyteUnlessSet() {
    Map<String, String> cluster = Map.of("spark.master", "spark://127.0.0.1:7077");
    assertEquals(GIB, SparkBatchBudget.of(cluster, 64 * GIB, 2000, 4000).executorHeapBytes());
    Map<String, String> fourGig =
        Map.of(
            "spark.master", "yarn", "spark.executor.memory", "4g", "spark.memory.fraction", "0.75");
    SparkBatchBudget b = SparkBatchBudget.of(fourGig, GIB, 2000, 4000);
    assertEquals(4 * GIB, b.executorHeapBytes());
    assertEquals((long) (0.75 * (4096 - 300) * (1 << 20)), b.storageBytes());
  }

  @Test
  public void theBoundScalesWithTheBatchIntervalAndNeverFallsBelowAThousand() {
    long two = SparkBatchBudget.of(Map.of(), 8 * GIB, 2000, 8000).recordsPerBatch();
    long four = SparkBatchBudget.of(Map.of(), 8 * GIB, 4000, 8000).recordsPerBatch();
    // The same 8 s checkpoint interval: 2 * 8 / 2 + 2 = 10 batches of 2 s retained, 2 * 8 / 4 + 2
    // = 6 batches of 4 s, each may hold 10/6 as many posts.
    assertEquals(two * 10 / 6.0, four, 1000);
    // A longer checkpoint interval: longer retention, smaller batches.
    assertEquals(
        two * 10 / 12.0,
        SparkBatchBudget.of(Map.of(), 8 * GIB, 2000, 10_000).recordsPerBatch(),
        1000);
    assertEquals(1000, SparkBatchBudget.of(Map.of(), 400L << 20, 2000, 4000).recordsPerBatch());
    assertEquals(1000, SparkBatchBudget.of(Map.of(), 100L << 20, 2000, 4000).recordsPerBatch());
  }

  @Test
  public void executorMemoryIsReadAsSparkReadsIt() {
    assertEquals(512, SparkBatchBudget.mebibytes("512m"));
    assertEquals(2048, SparkBatchBudget.mebibytes("2g"));
    assertEquals(2048, SparkBatchBudget.mebibytes("2GB"));
    assertEquals(1 << 20, SparkBatchBudget.mebibytes("1t"));
    assertEquals(1, SparkBatchBudget.mebibytes("1024k"));
    assertEquals(700, SparkBatchBudget.mebibytes("700"));
    for (String bad : new String[] {"", "g", "lots", "2x"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SparkBatchBudget.mebibytes(bad));
      assertThat(e.getMessage(), containsString("spark.executor.memory"));
    }
  }
}
