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
    SparkBatchBudget b = SparkBatchBudget.of(Map.of("spark.master", "local[2]"), 2 * GIB, 2000);
    // 0.6 * (2048 - 300) MiB of storage, half of it for 25 batches of 4,000-byte posts.
    assertEquals((long) (0.6 * (2048 - 300) * (1 << 20)), b.storageBytes());
    long exact = (long) (0.5 * b.storageBytes() / (25 * 4000.0));
    assertEquals(exact / 1000 * 1000, b.recordsPerBatch());
    assertEquals(5000, b.recordsPerBatch());
    // No master given: spark-submit's default, local.
    assertEquals(5000, SparkBatchBudget.of(Map.of(), 2 * GIB, 2000).recordsPerBatch());
  }

  @Test
  public void aClusterJobIsBoundByOneExecutorsMemoryOneGibibyteUnlessSet() {
    Map<String, String> cluster = Map.of("spark.master", "spark://127.0.0.1:7077");
    assertEquals(GIB, SparkBatchBudget.of(cluster, 64 * GIB, 2000).executorHeapBytes());
    Map<String, String> fourGig =
        Map.of(
            "spark.master", "yarn", "spark.executor.memory", "4g", "spark.memory.fraction", "0.75");
    SparkBatchBudget b = SparkBatchBudget.of(fourGig, GIB, 2000);
    assertEquals(4 * GIB, b.executorHeapBytes());
    assertEquals((long) (0.75 * (4096 - 300) * (1 << 20)), b.storageBytes());
  }

  @Test
  public void theBoundScalesWithTheBatchIntervalAndNeverFallsBelowAThousand() {
    long two = SparkBatchBudget.of(Map.of(), 8 * GIB, 2000).recordsPerBatch();
    long four = SparkBatchBudget.of(Map.of(), 8 * GIB, 4000).recordsPerBatch();
    // Twice as long a batch: half as many batches retained, each may hold about twice as many.
    assertEquals(2 * two, four, 1000);
    assertEquals(1000, SparkBatchBudget.of(Map.of(), 400L << 20, 2000).recordsPerBatch());
    assertEquals(1000, SparkBatchBudget.of(Map.of(), 100L << 20, 2000).recordsPerBatch());
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
