package io.courtside.services.flink;

import io.courtside.services.stack.FileTrees;
import io.courtside.services.stack.KafkaBrokerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The command that runs the pipeline on Beam's Flink runner in an embedded Flink cluster ({@code
 * --flinkMaster=[local]}): a JVM of its own with the classpath of module {@code runners/flink}, so
 * Flink never shares a classpath with the CLI or the tests.
 */
public final class FlinkLocal {
  public static final String LOCAL_MASTER = "[local]";

  /**
   * Checkpoints of a streaming job when {@code --checkpointingInterval} is not given (Beam's
   * default is off).
   */
  public static final long DEFAULT_CHECKPOINT_MILLIS = 10_000;

  /**
   * Where a streaming job on the embedded cluster checkpoints unless {@code --stateBackend} is
   * given: a directory of its own under this one, in the system temp directory, which {@link
   * #deleteCheckpoints} removes once the job's JVM has exited. Why not Flink's default: it keeps
   * checkpoints in the JobManager's memory, at most 5 MB each; the windows of a 1M-post backlog
   * made 7.4 MB, every checkpoint failed and the job kept restarting. The embedded cluster cannot
   * restore a checkpoint after its JVM ends, so the directory only serves failover inside one run.
   */
  static final Path EMBEDDED_CHECKPOINTS =
      Path.of(System.getProperty("java.io.tmpdir"), "courtside-flink-embedded");

  private static final String STORAGE_FLAG = "--stateBackendStoragePath=";

  private FlinkLocal() {}

  /**
   * {@code java ... PipelineLauncher --runner=FlinkRunner --flinkMaster=[local] ARGS}, with
   * runners/flink/conf as {@code --flinkConfDir} (unless ARGS give one) and checkpoints every
   * {@link #DEFAULT_CHECKPOINT_MILLIS} on a streaming start unless ARGS set {@code
   * --checkpointingInterval}, to files under {@link #EMBEDDED_CHECKPOINTS} unless ARGS set {@code
   * --stateBackend}. A {@code --runner} or {@code --flinkMaster} other than these is refused: only
   * the embedded cluster runs here. The JVM shares the classes of the runner's previous job JVMs
   * ({@link JobClassArchive}, role {@code embedded}).
   */
  public static List<String> command(List<String> pipelineArgs) {
    return FlinkJvm.withClassArchive("embedded", command(FlinkJvm.runnerClasspath(), pipelineArgs));
  }

  static List<String> command(String classpath, List<String> pipelineArgs) {
    List<String> args = new ArrayList<>();
    for (String a : pipelineArgs) {
      if (a.startsWith("--runner=") && !a.equals("--runner=FlinkRunner")) {
        throw new IllegalArgumentException(a + ": this command runs the job on Flink only");
      }
      if (a.startsWith("--flinkMaster=") && !a.equals("--flinkMaster=" + LOCAL_MASTER)) {
        throw new IllegalArgumentException(
            a
                + ": only the embedded cluster (--flinkMaster="
                + LOCAL_MASTER
                + ") runs here; submit to a Flink cluster with `courtside submit"
                + " --runner=FlinkRunner`");
      }
      if (a.startsWith("--savepointPath=") && a.length() > "--savepointPath=".length()) {
        // Beam restores a savepoint only when it submits to a cluster; the embedded cluster would
        // start empty while the launch skipped its rewind.
        throw new IllegalArgumentException(
            a
                + ": the embedded cluster cannot restore a savepoint; submit to a Flink cluster"
                + " with `courtside submit --runner=FlinkRunner "
                + a
                + "`");
      }
      if (!a.startsWith("--runner=") && !a.startsWith("--flinkMaster=")) {
        args.add(a);
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add("--runner=FlinkRunner");
    cmd.add("--flinkMaster=" + LOCAL_MASTER);
    if (args.stream().noneMatch(a -> a.startsWith("--flinkConfDir="))) {
      cmd.add("--flinkConfDir=" + confDir());
    }
    cmd.addAll(defaultCheckpointing(args));
    if (streaming(args) && args.stream().noneMatch(a -> a.startsWith("--stateBackend"))) {
      cmd.add("--stateBackend=filesystem");
      cmd.add(STORAGE_FLAG + EMBEDDED_CHECKPOINTS.resolve(UUID.randomUUID().toString()).toUri());
    }
    cmd.addAll(args);
    return FlinkJvm.jobCommand(classpath, cmd);
  }

  /**
   * {@code --checkpointingInterval=}{@link #DEFAULT_CHECKPOINT_MILLIS} for a streaming start whose
   * flags set no interval; nothing for a backfill.
   */
  static List<String> defaultCheckpointing(List<String> args) {
    if (streaming(args) && args.stream().noneMatch(a -> a.startsWith("--checkpointingInterval="))) {
      return List.of("--checkpointingInterval=" + DEFAULT_CHECKPOINT_MILLIS);
    }
    return List.of();
  }

  /**
   * Deletes the checkpoint directory {@link #command} chose for {@code command}'s job, if it did;
   * call it once that JVM has exited. A directory the user gave is never touched.
   */
  public static void deleteCheckpoints(List<String> command) {
    for (String a : command) {
      if (a.startsWith(STORAGE_FLAG)) {
        Path dir = Path.of(URI.create(a.substring(STORAGE_FLAG.length())));
        if (EMBEDDED_CHECKPOINTS.equals(dir.getParent())) {
          deleteTree(dir);
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      System.err.println("courtside: could not delete " + dir + ": " + e.getMessage());
    }
  }

  private static boolean streaming(List<String> args) {
    return args.stream().noneMatch(a -> a.equals("--backfill") || a.equals("--backfill=true"));
  }

  /** runners/flink/conf: the embedded cluster's config.yaml (every socket on 127.0.0.1). */
  static Path confDir() {
    return KafkaBrokerProcess.courtsideHome().resolve("runners/flink/conf");
  }
}
