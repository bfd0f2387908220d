package io.courtside.services.flink;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "--stateBackend=filesystem",
            storage(cmd),
            "--topic=t"),
        jobArgs(cmd));
    assertEquals(CP, cmd.get(cmd.indexOf("-cp") + 1));
    assertTrue(cmd.containsAll(FlinkJvm.JAVA17_FLAGS));
    assertTrue(cmd.indexOf("-cp") > cmd.indexOf(FlinkJvm.JAVA17_FLAGS.get(0)));
    for (String flag : FlinkJvm.JIT_FLAGS) {
      assertTrue(cmd.toString(), cmd.indexOf(flag) > 0 && cmd.indexOf(flag) < cmd.indexOf("-cp"));
    }
  }

  @Test
  public void givenIntervalConfDirAndBackfillAddNoDefault() {
    assertEquals(
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            CONF,
            "--stateBackend=filesystem",
            "--checkpointingInterval=2000"),
        withoutStorage(FlinkLocal.command(CP, List.of("--checkpointingInterval=2000"))));
    assertEquals(
        "the user's state backend wins",
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            CONF,
            "--checkpointingInterval=10000",
            "--stateBackend=rocksdb",
            "--stateBackendStoragePath=file:///data/cp"),
        jobArgs(
            FlinkLocal.command(
                CP,
                List.of("--stateBackend=rocksdb", "--stateBackendStoragePath=file:///data/cp"))));
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

  /** The storage flag of {@code cmd}, checked to name a new directory of its own under the root. */
  private static String storage(List<String> cmd) {
    String flag =
        cmd.stream().filter(a -> a.startsWith("--stateBackendStoragePath=")).findFirst().get();
    Path dir = Path.of(URI.create(flag.substring("--stateBackendStoragePath=".length())));
    assertEquals(FlinkLocal.EMBEDDED_CHECKPOINTS, dir.getParent());
    assertFalse(Files.exists(dir));
    return flag;
  }

  private static List<String> withoutStorage(List<String> cmd) {
    String flag = storage(cmd);
    return jobArgs(cmd).stream().filter(a -> !a.equals(flag)).toList();
  }

  @Test
  public void eachEmbeddedRunCheckpointsToADirectoryOfItsOwnThatIsDeletedAfterIt()
      throws Exception {
    List<String> a = FlinkLocal.command(CP, List.of("--topic=t"));
    List<String> b = FlinkLocal.command(CP, List.of("--topic=t"));
    assertNotEquals(storage(a), storage(b));
    Path dir = Path.of(URI.create(storage(a).substring("--stateBackendStoragePath=".length())));
    Files.createDirectories(dir.resolve("job/chk-3"));
    Files.writeString(dir.resolve("job/chk-3/_metadata"), "x");
    FlinkLocal.deleteCheckpoints(a);
    assertFalse(Files.exists(dir));
    // A directory the user chose is never deleted.
    Path mine = Files.createTempDirectory("mine");
    FlinkLocal.deleteCheckpoints(
        List.of("--stateBackend=filesystem", "--stateBackendStoragePath=" + mine.toUri()));
    assertTrue(Files.exists(mine));
    Files.delete(mine);
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

  /**
   * Building a command only builds a list: the class archive (files, a checking JVM) is added at
   * launch, so these tests' made-up classpaths leave nothing in the runner's build directory.
   */
  @Test
  public void buildingTheCommandsTouchesNoFile() throws java.io.IOException {
    Path dir = FlinkJvm.classArchiveDir();
    List<String> before = listing(dir);
    List<String> local = FlinkLocal.command(CP, List.of("--topic=t"));
    List<String> submit =
        FlinkSubmit.command(
            CP, Path.of("/x/job.jar"), "127.0.0.1:8081", "courtside-1", List.of("--topic=t"));
    assertEquals(before, listing(dir));
    for (List<String> cmd : List.of(local, submit)) {
      assertFalse(cmd.toString(), cmd.contains(JobClassArchive.QUIET));
    }
  }

  private static List<String> listing(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName() + " " + f.toFile().length()).sorted().toList();
    }
  }
}
