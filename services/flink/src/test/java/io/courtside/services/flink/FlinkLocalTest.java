package io.courtside.services.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class FlinkLocalTest {
  private static final String CP = "/x/courtside-runner-flink.jar:/x/dep.jar";

  private static final String CONF = "--flinkConfDir=" + FlinkLocal.confDir();

  /** The part of the command after the main class: what PipelineLauncher gets. */
  private static List<String> jobArgs(List<String> cmd) {
    return cmd.subList(cmd.indexOf(FlinkJvm.MAIN_CLASS) + 1, cmd.size());
  }

  @Test
  public void streamingStartCheckpointsByDefault() {
    List<String> cmd = FlinkLocal.command(CP, List.of("--topic=t"));
    assertEquals(
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            CONF,
            "--checkpointingInterval=10000",
            "--topic=t"),
        jobArgs(cmd));
    assertEquals(CP, cmd.get(cmd.indexOf("-cp") + 1));
    assertTrue(cmd.containsAll(FlinkJvm.JAVA17_FLAGS));
    assertTrue(cmd.indexOf("-cp") > cmd.indexOf(FlinkJvm.JAVA17_FLAGS.get(0)));
  }

  @Test
  public void givenIntervalConfDirAndBackfillAddNoDefault() {
    assertEquals(
        List.of(
            "--runner=FlinkRunner", "--flinkMaster=[local]", CONF, "--checkpointingInterval=2000"),
        jobArgs(FlinkLocal.command(CP, List.of("--checkpointingInterval=2000"))));
    assertEquals(
        List.of("--runner=FlinkRunner", "--flinkMaster=[local]", CONF, "--backfill"),
        jobArgs(FlinkLocal.command(CP, List.of("--backfill"))));
    assertEquals(
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--backfill",
            "--flinkConfDir=/etc/flink"),
        jobArgs(FlinkLocal.command(CP, List.of("--backfill", "--flinkConfDir=/etc/flink"))));
  }

  @Test
  public void theUsersParallelismWins() {
    assertEquals(
        List.of(
            "--runner=FlinkRunner", "--flinkMaster=[local]", CONF, "--backfill", "--parallelism=2"),
        jobArgs(FlinkLocal.command(CP, List.of("--backfill", "--parallelism=2"))));
  }

  @Test
  public void runnerAndLocalMasterFlagsAreNotRepeated() {
    assertEquals(
        List.of("--runner=FlinkRunner", "--flinkMaster=[local]", CONF, "--backfill"),
        jobArgs(
            FlinkLocal.command(
                CP, List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--backfill"))));
  }

  @Test
  public void aClusterOrAnotherRunnerIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FlinkLocal.command(CP, List.of("--flinkMaster=127.0.0.1:8081")));
    assertTrue(e.getMessage(), e.getMessage().contains("courtside submit --runner=FlinkRunner"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FlinkLocal.command(CP, List.of("--runner=SparkRunner")));
  }
}
