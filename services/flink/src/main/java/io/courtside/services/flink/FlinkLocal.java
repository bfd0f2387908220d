package io.courtside.services.flink;

import io.courtside.services.stack.KafkaBrokerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  private FlinkLocal() {}

  /**
   * {@code java ... PipelineLauncher --runner=FlinkRunner --flinkMaster=[local] ARGS}, with
   * runners/flink/conf as {@code --flinkConfDir} (unless ARGS give one) and checkpoints every
   * {@link #DEFAULT_CHECKPOINT_MILLIS} on a streaming start unless ARGS set {@code
   * --checkpointingInterval}. A {@code --runner} or {@code --flinkMaster} other than these is
   * refused: only the embedded cluster runs here.
   */
  public static List<String> command(List<String> pipelineArgs) {
    return command(FlinkJvm.runnerClasspath(), pipelineArgs);
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
    cmd.addAll(args);
    return FlinkJvm.jobCommand(classpath, cmd);
  }

  /**
   * {@code --checkpointingInterval=}{@link #DEFAULT_CHECKPOINT_MILLIS} for a streaming start whose
   * flags set no interval; nothing for a backfill.
   */
  static List<String> defaultCheckpointing(List<String> args) {
    boolean streaming =
        args.stream().noneMatch(a -> a.equals("--backfill") || a.equals("--backfill=true"));
    if (streaming && args.stream().noneMatch(a -> a.startsWith("--checkpointingInterval="))) {
      return List.of("--checkpointingInterval=" + DEFAULT_CHECKPOINT_MILLIS);
    }
    return List.of();
  }

  /** runners/flink/conf: the embedded cluster's config.yaml (every socket on 127.0.0.1). */
  static Path confDir() {
    return KafkaBrokerProcess.courtsideHome().resolve("runners/flink/conf");
  }
}
