package io.courtside.services.flink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that submits the pipeline to a Flink session cluster: the job's client JVM (module
 * {@code runners/flink}'s classpath) builds the pipeline and sends it, with the job jar, to the
 * JobManager's REST endpoint ({@code --flinkMaster=host:port}). The client stays up while the job
 * runs: it holds the consumer group's lease and reports how the job ended.
 */
public final class FlinkSubmit {
  private FlinkSubmit() {}

  /**
   * {@code java ... PipelineLauncher --runner=FlinkRunner --flinkMaster=ADDRESS --filesToStage=JAR
   * --attachedMode=false --jobName=NAME [--checkpointingInterval=10000] ARGS}, with the defaults of
   * {@link FlinkLocal} for what ARGS do not set. The client JVM shares the classes of the previous
   * clients ({@link JobClassArchive}, role {@code client}).
   *
   * @param jobName the name the job is found by in the cluster (ARGS' {@code --jobName} wins)
   */
  public static List<String> command(String address, String jobName, List<String> pipelineArgs) {
    return FlinkJvm.withClassArchive(
        "client",
        command(FlinkJvm.runnerClasspath(), FlinkJvm.jobJar(), address, jobName, pipelineArgs));
  }

  static List<String> command(
      String classpath, Path jobJar, String address, String jobName, List<String> pipelineArgs) {
    List<String> args = new ArrayList<>();
    for (String a : pipelineArgs) {
      if (a.startsWith("--runner=") && !a.equals("--runner=FlinkRunner")) {
        throw new IllegalArgumentException(a + ": this command submits the job to Flink only");
      }
      if (a.startsWith("--flinkMaster=")) {
        throw new IllegalArgumentException(
            a
                + ": the cluster is chosen by --flinkMaster of `courtside submit`, before the"
                + " job's flags");
      }
      if (!a.startsWith("--runner=")) {
        args.add(a);
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add("--runner=FlinkRunner");
    cmd.add("--flinkMaster=" + address);
    cmd.add("--filesToStage=" + jobJar);
    // The client returns once the job is accepted and follows it by polling: Ctrl-C then reaches a
    // running client, which cancels the job, instead of one blocked inside the submission.
    cmd.add("--attachedMode=false");
    cmd.add("--jobCheckIntervalInSecs=1");
    if (!has(args, "--jobName")) {
      cmd.add("--jobName=" + jobName);
    }
    cmd.addAll(FlinkLocal.defaultCheckpointing(args));
    cmd.addAll(args);
    return FlinkJvm.jobCommand(classpath, cmd);
  }

  /** The {@code --jobName} the command gives the job. */
  public static String jobName(List<String> command, String fallback) {
    return command.stream()
        .filter(a -> a.startsWith("--jobName="))
        .reduce((first, last) -> last)
        .map(a -> a.substring("--jobName=".length()))
        .orElse(fallback);
  }

  private static boolean has(List<String> args, String flag) {
    return args.stream().anyMatch(a -> a.startsWith(flag + "="));
  }
}
