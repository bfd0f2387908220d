package io.courtside.services.flink;

import io.courtside.services.stack.KafkaBrokerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command lines of the JVMs that run Flink code on Java 17: the job's client (module {@code
 * runners/flink}'s classpath) and the cluster's JobManager and TaskManager (the Flink home's).
 */
public final class FlinkJvm {
  public static final String MAIN_CLASS = "io.courtside.pipeline.launch.PipelineLauncher";

  /**
   * What Flink 1.19's own distribution starts its JVMs with on Java 17 ({@code env.java.opts.all}
   * of its config.yaml): Flink's Kryo fallback and some runtime paths reflect into these packages.
   * The job's state and records go through Beam's coders, and the embedded runs of the tests passed
   * without them; they are kept so that a user type that falls back to Kryo does not fail with
   * InaccessibleObjectException in the middle of a stream.
   */
  public static final List<String> JAVA17_FLAGS =
      Stream.concat(
              Stream.of("java.base/sun.net.util", "java.rmi/sun.rmi.registry")
                  .map(p -> "--add-exports=" + p + "=ALL-UNNAMED"),
              Stream.of(
                      "java.lang",
                      "java.net",
                      "java.io",
                      "java.nio",
                      "sun.nio.ch",
                      "java.lang.reflect",
                      "java.text",
                      "java.time",
                      "java.util",
                      "java.util.concurrent",
                      "java.util.concurrent.atomic",
                      "java.util.concurrent.locks")
                  .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED"))
          .toList();

  /**
   * The JIT compiler's thresholds four times the JVM's default ({@code
   * -XX:CompileThresholdScaling}, a product flag of HotSpot since Java 9) for every JVM that runs
   * Flink code. Why: in a cold JVM a Beam job on Flink compiles five to fifteen times what the
   * hand-written loop does, much of it start-up code (Flink's cluster, Beam's translation) that
   * runs a few hundred times and never again; with the default thresholds the compiler threads took
   * 38-41% of the job JVM's CPU in a 1,000,000-post backlog drain, on 2 cores time taken from the
   * job's own steps and from InfluxDB. Four times the thresholds leaves that code interpreted and
   * compiles the per-record code a little later. Measured with {@code courtside bench}
   * (bench/README.md, "FlinkRunner JVMs compile later"): the compiler's CPU fell by about a third,
   * the drain rose from 49-51% to 52-58% of the baseline's rate, a 3M-post drain's steady rate from
   * 60% to 70%, and the p99 post-to-visible delay at 2,000 posts/s stayed 516-578 ms. HotSpot takes
   * the last of repeated flags, so a flag after these on the command line wins.
   */
  public static final List<String> JIT_FLAGS = List.of("-XX:CompileThresholdScaling=4");

  /**
   * slf4j-simple for the job's JVM: Flink logs thousands of INFO lines a minute; keep the job's own
   * and checkpoints.
   */
  static final List<String> JOB_LOGGING =
      List.of(
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-Dorg.slf4j.simpleLogger.log.io.courtside=info",
          "-Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.checkpoint.CheckpointCoordinator=info",
          "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error",
          // Long step names.
          "-Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics.MetricGroup=error",
          "-Dorg.slf4j.simpleLogger.showThreadName=false",
          "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
          "-Dorg.slf4j.simpleLogger.showShortLogName=true");

  private FlinkJvm() {}

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java FLAGS LOGGING -cp CLASSPATH PipelineLauncher ARGS}: the job's client JVM, which
   * builds the pipeline and runs it on an embedded cluster or submits it to a standalone one. Only
   * builds the list: {@link #withClassArchive} adds the class archive at launch.
   */
  static List<String> jobCommand(String classpath, List<String> jobArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.addAll(JAVA17_FLAGS);
    cmd.addAll(JIT_FLAGS);
    cmd.addAll(JOB_LOGGING);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(MAIN_CLASS);
    cmd.addAll(jobArgs);
    return cmd;
  }

  /**
   * {@code command} (a {@link #jobCommand}) with the flags of {@code role}'s class archive for its
   * classpath ({@link JobClassArchive}), before {@code -cp}. Apart from building the command, as it
   * reads and writes the runner's build directory ({@link #classArchiveDir}) and may start a JVM to
   * check a recorded archive: only for a command about to be launched on the runner's own
   * classpath.
   */
  static List<String> withClassArchive(String role, List<String> command) {
    int cp = command.indexOf("-cp");
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(cp, JobClassArchive.flags(classArchiveDir(), role, command.get(cp + 1)));
    return cmd;
  }

  /** Where the job JVMs' class archives live: the runner's build directory, cleaned with it. */
  static Path classArchiveDir() {
    return runnerTarget().resolve("cds");
  }

  /** The runners/flink jar and the runtime classpath Maven wrote next to it. */
  static String runnerClasspath() {
    Path target = runnerTarget();
    Path cpFile = target.resolve("classpath.txt");
    Path jar = find(target, "courtside-runner-flink-.*(?<!-job)\\.jar");
    if (jar == null || !Files.isRegularFile(cpFile)) {
      throw notBuilt("no courtside-runner-flink jar and classpath.txt in " + target);
    }
    try {
      return jar + File.pathSeparator + Files.readString(cpFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("Could not read " + cpFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * The job jar a standalone cluster runs ({@code courtside-runner-flink-VERSION-job.jar}): the
   * pipeline, Beam and Beam's Flink runner, without Flink itself (the cluster's).
   */
  public static Path jobJar() {
    Path jar = find(runnerTarget(), "courtside-runner-flink-.*-job\\.jar");
    if (jar == null) {
      throw notBuilt("no courtside-runner-flink-VERSION-job.jar in " + runnerTarget());
    }
    return jar;
  }

  private static Path runnerTarget() {
    return KafkaBrokerProcess.courtsideHome().resolve("runners/flink/target");
  }

  private static Path find(Path dir, String regex) {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches(regex)).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static IllegalStateException notBuilt(String what) {
    return new IllegalStateException(
        "The Flink runner is not built ("
            + what
            + "). Build it: `mvn -B -q -pl runners/flink -am package -Dmaven.test.skip=true` in "
            + KafkaBrokerProcess.courtsideHome()
            + ".");
  }
}
