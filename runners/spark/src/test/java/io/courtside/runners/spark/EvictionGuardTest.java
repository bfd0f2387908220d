package io.courtside.runners.spark;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.BroadcastBlockId;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.junit.Test;

/** The guard stops the job on the first cached RDD block Spark drops, and on nothing else. */
public class EvictionGuardTest {
  private final List<String> stops = new ArrayList<>();
  private final EvictionGuard guard = new EvictionGuard(stops::add);

  private static SparkListenerBlockUpdated update(BlockId block, StorageLevel level) {
    BlockManagerId executor = BlockManagerId.apply("3", "127.0.0.1", 4040, scala.Option.empty());
    return new SparkListenerBlockUpdated(
        new BlockUpdatedInfo(executor, block, level, level.isValid() ? 1024 : 0, 0));
  }

  @Test
  public void storedAndSpilledBlocksAndOtherKindsOfBlocksAreNotEvictions() {
    guard.onBlockUpdated(update(new RDDBlockId(17, 0), StorageLevel.MEMORY_ONLY()));
    guard.onBlockUpdated(update(new RDDBlockId(17, 1), StorageLevel.MEMORY_ONLY_SER()));
    // Spilled to disk: still there, recomputed from nothing.
    guard.onBlockUpdated(update(new RDDBlockId(17, 2), StorageLevel.DISK_ONLY()));
    guard.onBlockUpdated(update(new BroadcastBlockId(4, ""), StorageLevel.NONE()));
    assertEquals(List.of(), stops);
  }

  @Test
  public void theFirstDroppedRddBlockStopsTheJobOnceAndSaysWhatToDo() {
    guard.onBlockUpdated(update(new RDDBlockId(1576, 2), StorageLevel.NONE()));
    guard.onBlockUpdated(update(new RDDBlockId(1731, 0), StorageLevel.NONE()));
    assertEquals(1, stops.size());
    assertThat(stops.get(0), containsString("evicted rdd_1576_2"));
    assertThat(stops.get(0), containsString("executor 3"));
    assertThat(stops.get(0), containsString("--maxRecordsPerBatch"));
    assertThat(stops.get(0), containsString("spark.executor.memory"));
  }
}
