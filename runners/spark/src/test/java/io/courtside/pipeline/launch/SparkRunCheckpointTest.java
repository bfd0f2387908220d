package io.courtside.pipeline.launch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.beam.runners.spark.SparkCommonPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Each streaming start on Spark gets its own checkpoint directory; earlier runs are not restored.
 */
public class SparkRunCheckpointTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static PipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(PipelineOptions.class);
  }

  @Test
  public void aSparkStartGetsANewDirectoryAndTheEarlierRunsOfItsGroupAreDeleted() throws Exception {
    Path root = tmp.getRoot().toPath();
    Path earlier = Files.createDirectories(root.resolve("g1/run-5/spark-checkpoint"));
    Files.writeString(earlier.resolve("checkpoint-1"), "x");
    Path otherGroup = Files.createDirectories(root.resolve("g2/run-5"));
    Path notARun = Files.createDirectories(root.resolve("g1/keep-me"));
    PipelineOptions o = options("--runner=SparkRunner", "--checkpointDir=" + root);

    SparkRunCheckpoint.useFreshDirectory(o, "g1", Instant.ofEpochMilli(42));

    assertEquals(root + "/g1/run-42", o.as(SparkCommonPipelineOptions.class).getCheckpointDir());
    assertFalse("an earlier run of the group is deleted", Files.exists(root.resolve("g1/run-5")));
    assertTrue("another group's run is kept", Files.exists(otherGroup));
    assertTrue("what is not a run is kept", Files.exists(notARun));
  }

  @Test
  public void sharedStorageGetsANewDirectoryAndNothingIsDeleted() {
    PipelineOptions o = options("--runner=SparkRunner", "--checkpointDir=hdfs:///courtside/ck/");
    SparkRunCheckpoint.useFreshDirectory(o, "my group/1", Instant.ofEpochMilli(7));
    assertEquals(
        "hdfs:///courtside/ck/my_group_1/run-7",
        o.as(SparkCommonPipelineOptions.class).getCheckpointDir());
  }

  @Test
  public void otherRunnersAreLeftAlone() {
    PipelineOptions o =
        options("--runner=org.apache.beam.sdk.testing.CrashingRunner", "--checkpointDir=/tmp/x");
    SparkRunCheckpoint.useFreshDirectory(o, "g", Instant.ofEpochMilli(7));
    assertEquals("/tmp/x", o.as(SparkCommonPipelineOptions.class).getCheckpointDir());
  }

  @Test
  public void aGroupNameCannotClimbOutOfTheRoot() {
    assertEquals(
        "/r/_../run-1", SparkRunCheckpoint.runDirectory("/r", "..", Instant.ofEpochMilli(1)));
    assertEquals(
        "/r/.._x/run-1", SparkRunCheckpoint.runDirectory("/r", "../x", Instant.ofEpochMilli(1)));
  }
}
