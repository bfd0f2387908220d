package io.courtside.services.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

public class FlinkSubmitTest {
  private static final String CP = "/x/courtside-runner-flink.jar:/x/dep.jar";
  private static final Path JAR = Path.of("/x/courtside-runner-flink-job.jar");

  private static List<String> jobArgs(List<String> cmd) {
    return cmd.subList(cmd.indexOf(FlinkJvm.MAIN_CLASS) + 1, cmd.size());
  }

  private static List<String> submit(String... args) {
    return FlinkSubmit.command(CP, JAR, "127.0.0.1:8081", "courtside-1", List.of(args));
  }

  @Test
  public void aStreamingJobGoesToTheClusterDetachedWithTheJobJarAndCheckpoints() {
    List<String> cmd = submit("--runner=FlinkRunner", "--topic=t");
    assertEquals(
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=127.0.0.1:8081",
            "--filesToStage=" + JAR,
            "--attachedMode=false",
            "--jobCheckIntervalInSecs=1",
            "--jobName=courtside-1",
            "--checkpointingInterval=10000",
            "--topic=t"),
        jobArgs(cmd));
    assertEquals(CP, cmd.get(cmd.indexOf("-cp") + 1));
    assertTrue(cmd.containsAll(FlinkJvm.JAVA17_FLAGS));
    for (String flag : FlinkJvm.JIT_FLAGS) {
      assertTrue(cmd.toString(), cmd.indexOf(flag) > 0 && cmd.indexOf(flag) < cmd.indexOf("-cp"));
    }
  }

  @Test
  public void theUsersNameParallelismAndIntervalWin() {
    List<String> cmd =
        submit(
            "--jobName=nba",
            "--parallelism=2",
            "--checkpointingInterval=500",
            "--savepointPath=/sp/1");
    assertEquals(
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=127.0.0.1:8081",
            "--filesToStage=" + JAR,
            "--attachedMode=false",
            "--jobCheckIntervalInSecs=1",
            "--jobName=nba",
            "--parallelism=2",
            "--checkpointingInterval=500",
            "--savepointPath=/sp/1"),
        jobArgs(cmd));
    assertEquals("nba", FlinkSubmit.jobName(cmd, "courtside-1"));
  }

  @Test
  public void aBackfillHasNoCheckpoints() {
    assertEquals(
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=127.0.0.1:8081",
            "--filesToStage=" + JAR,
            "--attachedMode=false",
            "--jobCheckIntervalInSecs=1",
            "--jobName=courtside-1",
            "--backfill"),
        jobArgs(submit("--backfill")));
  }

  @Test
  public void anotherRunnerOrAMasterAmongTheJobFlagsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> submit("--runner=SparkRunner"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> submit("--flinkMaster=[local]"));
    assertTrue(e.getMessage(), e.getMessage().contains("--flinkMaster of `courtside submit`"));
  }
}
