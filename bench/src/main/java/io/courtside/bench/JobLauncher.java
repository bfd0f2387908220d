package io.courtside.bench;

import io.courtside.services.flink.FlinkLocal;
import io.courtside.services.flink.FlinkSubmit;
import io.courtside.services.spark.JobJar;
import io.courtside.services.spark.SparkHome;
import io.courtside.services.spark.SparkJvm;
import io.courtside.services.spark.SparkSubmitCommand;
import io.courtside.services.stack.ManagedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts one drain's job in its own JVM, known by PID: the baseline and the DirectRunner job with
 * this JVM's classpath (so all of them start cold, with the same heap), the SparkRunner job with
 * spark-submit from the assembled Spark home, as {@code courtside submit} does, the FlinkRunner job
 * as {@code courtside pipeline} (embedded cluster) and {@code courtside submit} (session cluster)
 * start its client.
 */
final class JobLauncher {
  /** The same heap for every driver JVM, so no runner wins by memory. */
  static final String HEAP = "-Xmx2g";

  private final String bootstrap;
  private final String influxUrl;
  private final Path workDir;

  JobLauncher(String bootstrap, String influxUrl, Path workDir) {
    this.bootstrap = bootstrap;
    this.influxUrl = influxUrl;
    this.workDir = workDir;
  }

  /** Where and how one job runs. */
  record Job(
      RunnerKind kind,
      String topic,
      String database,
      String name,
      String master,
      int sparkCores,
      int batchIntervalMillis,
      List<String> extraFlags) {}

  ManagedProcess start(Job job, Path log) throws IOException {
    List<String> argv =
        switch (job.kind()) {
          case BASELINE ->
              javaCommand(
                  BaselineMain.class.getName(),
                  List.of(bootstrap, job.topic(), influxUrl, job.database()));
          case DIRECT ->
              javaCommand("io.courtside.pipeline.launch.PipelineLauncher", directArgs(job));
          case SPARK_LOCAL, SPARK_CLUSTER -> sparkCommand(job);
          case FLINK_LOCAL -> withHeap(FlinkLocal.command(flinkArgs(job)));
          case FLINK_CLUSTER ->
              withHeap(FlinkSubmit.command(job.master(), job.name(), flinkArgs(job)));
          case CEILING ->
              throw new IllegalArgumentException("the ceiling runs no job: Ceiling.run");
        };
    Files.createDirectories(log.toAbsolutePath().getParent());
    Files.writeString(
        log.resolveSibling(log.getFileName() + ".cmd"), String.join(" ", argv) + "\n");
    ManagedProcess process = ManagedProcess.start(job.name(), argv, log, false);
    // A bench stopped by a signal (Ctrl-C, kill) skips its finally blocks: its stack stops by its
    // own hook, and the job it runs by this one.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (process.isAlive()) {
                    process.stop(job.kind().stopGrace());
                  }
                },
                "stop-" + job.name()));
    return process;
  }

  private List<String> pipelineArgs(Job job) {
    return new ArrayList<>(
        List.of(
            "--bootstrapServers=" + bootstrap,
            "--topic=" + job.topic(),
            "--consumerGroup=" + job.name(),
            "--influxUrl=" + influxUrl,
            "--influxDatabase=" + job.database(),
            "--windowSize=1m"));
  }

  private List<String> directArgs(Job job) {
    List<String> args = pipelineArgs(job);
    args.add("--runner=DirectRunner");
    // What `courtside pipeline` sets for DirectRunner: the checks cost start-up and throughput.
    args.add("--enforceImmutability=false");
    args.add("--enforceEncodability=false");
    args.addAll(job.extraFlags());
    return args;
  }

  /**
   * The job's flags on Flink: checkpoints and parallelism as by default (every 10 s; on the
   * embedded cluster the launcher's choice from the cores, on the session cluster 1), the same as
   * users get. On the session cluster {@code job.master()} is its REST address.
   */
  private List<String> flinkArgs(Job job) {
    List<String> args = pipelineArgs(job);
    if (job.kind() == RunnerKind.FLINK_LOCAL) {
      // The embedded cluster's checkpoints as by default, but in the run directory: the bench stops
      // the job by PID, so nothing would delete a directory in the system temp directory.
      args.add("--stateBackend=filesystem");
      args.add(
          "--stateBackendStoragePath="
              + workDir.toAbsolutePath().resolve("flink-checkpoints").resolve(job.name()).toUri());
    }
    args.addAll(job.extraFlags());
    return args;
  }

  /** The client JVM gets the same heap as every other job JVM. */
  private static List<String> withHeap(List<String> javaCommand) {
    List<String> argv = new ArrayList<>(javaCommand);
    argv.add(1, HEAP);
    return argv;
  }

  private List<String> sparkCommand(Job job) {
    List<String> args = pipelineArgs(job);
    args.add("--checkpointDir=" + workDir.resolve("checkpoint-" + job.name()));
    args.add("--batchIntervalMillis=" + job.batchIntervalMillis());
    args.addAll(job.extraFlags());
    Map<String, String> conf = SparkSubmitCommand.localConf();
    if (job.kind() == RunnerKind.SPARK_CLUSTER) {
      // One executor with exactly this many cores on the worker.
      conf.put("spark.executor.cores", Integer.toString(job.sparkCores()));
      conf.put("spark.cores.max", Integer.toString(job.sparkCores()));
      conf.put("spark.executor.memory", "2g");
    }
    SparkSubmitCommand submit =
        new SparkSubmitCommand(job.master(), "client", JobJar.locate(), conf, args);
    SparkHome home = SparkHome.locate().requireBuilt();
    // Client mode: the driver (and, for local[N], the executor threads) live in this JVM.
    return SparkJvm.command(
        home,
        List.of(HEAP),
        List.of(),
        SparkSubmitCommand.SPARK_SUBMIT_CLASS,
        submit.submitArgs(JobJar.locate().toString()));
  }

  /** {@code java -Xmx2g @argfile MAIN args}: the classpath goes in a file (it is ~15 kB). */
  private List<String> javaCommand(String mainClass, List<String> args) throws IOException {
    Path argFile = workDir.resolve("classpath.args");
    if (!Files.exists(argFile)) {
      String cp = System.getProperty("java.class.path");
      Files.writeString(
          argFile, "-cp \"" + cp.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
    }
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add(HEAP);
    argv.add("-Dcourtside.home=" + System.getProperty("courtside.home", "."));
    argv.add("@" + argFile);
    argv.add(mainClass);
    argv.addAll(args);
    return argv;
  }
}
