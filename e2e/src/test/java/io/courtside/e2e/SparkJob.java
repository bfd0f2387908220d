package io.courtside.e2e;

import io.courtside.services.spark.JobJar;
import io.courtside.services.spark.SparkHome;
import io.courtside.services.spark.SparkJvm;
import io.courtside.services.spark.SparkSubmitCommand;
import io.courtside.services.stack.ManagedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline jar submitted with spark-submit (client mode) in its own JVM, exactly as {@code
 * courtside submit} does, known by PID so that the test always stops it.
 */
final class SparkJob implements AutoCloseable {
  private static final Pattern BATCH_SIZE =
      Pattern.compile(
          "courtside-metric step=WritePostPoints\\S* name=batch_size count=(\\d+) sum=(\\d+) mean=([0-9.]+)");

  private final ManagedProcess process;

  private SparkJob(ManagedProcess process) {
    this.process = process;
  }

  /**
   * Starts spark-submit for {@code master}; returns at once (streaming) — see {@link #awaitExit}.
   */
  static SparkJob submit(String master, Path log, List<String> beamArgs) throws IOException {
    SparkSubmitCommand submit =
        new SparkSubmitCommand(
            master, "client", JobJar.locate(), SparkSubmitCommand.localConf(), beamArgs);
    List<String> argv = submit.localCommand(SparkHome.locate().requireBuilt());
    return new SparkJob(ManagedProcess.start("spark-submit", argv, log, false));
  }

  /**
   * Starts spark-submit for a {@code local[N]} master in a driver JVM of {@code heap} (e.g. {@code
   * -Xmx1g}): the executor is that JVM, so its heap is the job's storage memory.
   */
  static SparkJob submitLocal(String master, String heap, Path log, List<String> beamArgs)
      throws IOException {
    SparkSubmitCommand submit =
        new SparkSubmitCommand(
            master, "client", JobJar.locate(), SparkSubmitCommand.localConf(), beamArgs);
    List<String> argv =
        SparkJvm.command(
            SparkHome.locate().requireBuilt(),
            List.of(heap),
            List.of(),
            SparkSubmitCommand.SPARK_SUBMIT_CLASS,
            submit.submitArgs(JobJar.locate().toString()));
    return new SparkJob(ManagedProcess.start("spark-submit", argv, log, false));
  }

  /**
   * kill -9 of the driver (spark-submit's JVM in client mode), as a crash; waits until it is gone.
   */
  void kill9() throws Exception {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
    process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for a batch job to end and returns its exit code. */
  int awaitExit(Duration timeout) throws Exception {
    process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    // ProcessHandle has no exit code; the driver prints its final state instead.
    return log().contains("courtside pipeline: finished, DONE") ? 0 : 1;
  }

  String log() throws IOException {
    return Files.readString(process.logFile(), StandardCharsets.UTF_8);
  }

  String logTail() {
    return process.logTail(40);
  }

  /** The mean of the post sink's batch_size Distribution in the latest metrics line, if any. */
  OptionalDouble postSinkMeanBatchSize() throws IOException {
    Matcher m = BATCH_SIZE.matcher(log());
    OptionalDouble last = OptionalDouble.empty();
    while (m.find()) {
      last = OptionalDouble.of(Double.parseDouble(m.group(3)));
    }
    return last;
  }

  /**
   * SIGTERM, as a supervisor stops the driver; whether it left within {@code grace} (if not, it was
   * sent SIGKILL).
   */
  boolean stop(Duration grace) {
    return process.stop(grace);
  }

  /** SIGTERM (Spark stops its streaming context in a shutdown hook), SIGKILL after a minute. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(60));
  }
}
