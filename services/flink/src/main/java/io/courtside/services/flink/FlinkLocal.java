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
 * The command that runs the pipeline on Beam's Flink runner in an embedded Flink cluster ({@code
 * --flinkMaster=[local]}): a JVM of its own with the classpath of module {@code runners/flink}, so
 * Flink never shares a classpath with the CLI or the tests.
 */
public final class FlinkLocal {
  public static final String MAIN_CLASS = "io.courtside.pipeline.launch.PipelineLauncher";
  public static final String LOCAL_MASTER = "[local]";

  /**
   * Checkpoints of a streaming job when {@code --checkpointingInterval} is not given (Beam's
   * default is off).
   */
  public static final long DEFAULT_CHECKPOINT_MILLIS = 10_000;

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
   * slf4j-simple: Flink logs thousands of INFO lines a minute; keep the job's own and checkpoints.
   */
  static final List<String> LOGGING =
      List.of(
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-Dorg.slf4j.simpleLogger.log.io.courtside=info",
          "-Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.checkpoint.CheckpointCoordinator=info",
          "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error",
          "-Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics.MetricGroup=error", // long step
          // names
          "-Dorg.slf4j.simpleLogger.showThreadName=false",
          "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
          "-Dorg.slf4j.simpleLogger.showShortLogName=true");

  private FlinkLocal() {}

  /**
   * {@code java ... PipelineLauncher --runner=FlinkRunner --flinkMaster=[local] ARGS}, with
   * runners/flink/conf as {@code --flinkConfDir} (unless ARGS give one) and checkpoints every
   * {@link #DEFAULT_CHECKPOINT_MILLIS} on a streaming start unless ARGS set {@code
   * --checkpointingInterval}. A {@code --runner} or {@code --flinkMaster} other than these is
   * refused: only the embedded cluster runs here.
   */
  public static List<String> command(List<String> pipelineArgs) {
    return command(classpath(), pipelineArgs);
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
                + ") is supported; a standalone Flink cluster is not yet");
      }
      if (!a.startsWith("--runner=") && !a.startsWith("--flinkMaster=")) {
        args.add(a);
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JAVA17_FLAGS);
    cmd.addAll(LOGGING);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(MAIN_CLASS);
    cmd.add("--runner=FlinkRunner");
    cmd.add("--flinkMaster=" + LOCAL_MASTER);
    if (args.stream().noneMatch(a -> a.startsWith("--flinkConfDir="))) {
      cmd.add("--flinkConfDir=" + confDir());
    }
    boolean streaming =
        args.stream().noneMatch(a -> a.equals("--backfill") || a.equals("--backfill=true"));
    if (streaming && args.stream().noneMatch(a -> a.startsWith("--checkpointingInterval="))) {
      cmd.add("--checkpointingInterval=" + DEFAULT_CHECKPOINT_MILLIS);
    }
    cmd.addAll(args);
    return cmd;
  }

  /** runners/flink/conf: the embedded cluster's config.yaml (every socket on 127.0.0.1). */
  static Path confDir() {
    return KafkaBrokerProcess.courtsideHome().resolve("runners/flink/conf");
  }

  /** The runners/flink jar and the runtime classpath Maven wrote next to it. */
  static String classpath() {
    Path target = KafkaBrokerProcess.courtsideHome().resolve("runners/flink/target");
    Path cpFile = target.resolve("classpath.txt");
    try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
      Path jar =
          files
              .filter(f -> f.getFileName().toString().matches("courtside-runner-flink-.*\\.jar"))
              .findFirst()
              .orElse(null);
      if (jar == null || !Files.isRegularFile(cpFile)) {
        throw new IllegalStateException(
            "The Flink runner is not built (no courtside-runner-flink jar"
                + " and classpath.txt in "
                + target
                + "). Build it: `mvn -B -q -pl runners/flink -am"
                + " package -Dmaven.test.skip=true` in "
                + KafkaBrokerProcess.courtsideHome()
                + ".");
      }
      return jar + File.pathSeparator + Files.readString(cpFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException("Could not read " + cpFile + ": " + e.getMessage(), e);
    }
  }
}
