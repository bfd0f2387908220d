package io.courtside.pipeline.launch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.options.CourtsideOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CrashingRunner;
import org.junit.Test;

/** What the launcher sets besides the job's own flags, the same for every way in. */
public class PipelineLauncherTest {
  @Test
  public void theDirectRunnerChecksAreOffAndRunDoesNotBlockUnlessTheFlagsSay() {
    for (String[] args : new String[][] {{}, {"--runner=DirectRunner"}}) {
      DirectOptions d = PipelineLauncher.parse(args).options().as(DirectOptions.class);
      assertFalse(d.isEnforceImmutability());
      assertFalse(d.isEnforceEncodability());
      assertFalse(d.isBlockOnRun());
    }
    DirectOptions d =
        PipelineLauncher.parse("--enforceImmutability=true", "--blockOnRun=true")
            .options()
            .as(DirectOptions.class);
    assertTrue(d.isEnforceImmutability());
    assertFalse(d.isEnforceEncodability());
    assertTrue(d.isBlockOnRun());
    // Another runner has no such flags: none are added.
    String[] other = {"--runner=" + CrashingRunner.class.getName(), "--topic=t"};
    assertArrayEquals(other, PipelineLauncher.withRunnerDefaults(other));
  }

  @Test
  public void theFlinkRunnerSkipsItsCopiesAndWritesBundlesOfTheSinksBatchOrAQuarterSecond() {
    // The Flink runner is not on this module's classpath: the flag's text names it.
    for (String runner : List.of("FlinkRunner", "org.apache.beam.runners.flink.FlinkRunner")) {
      assertEquals(
          List.of(
              "--runner=" + runner,
              "--topic=t",
              "--fasterCopy=true",
              "--maxBundleSize=5000",
              "--maxBundleTimeMills=250"),
          List.of(PipelineLauncher.withRunnerDefaults("--runner=" + runner, "--topic=t")));
    }
    String[] chosen = {
      "--runner=FlinkRunner",
      "--fasterCopy=false",
      "--maxBundleSize=100",
      "--maxBundleTimeMills=1000"
    };
    assertArrayEquals(chosen, PipelineLauncher.withRunnerDefaults(chosen));
  }

  @Test
  public void theEmbeddedFlinkClusterGetsOneSourceSubtaskPerSplitUnlessTheFlagsSay() {
    String[] embedded = {"--runner=FlinkRunner", "--flinkMaster=[local]"};
    // 3 partitions on 2 cores: 3 splits, so 3 subtasks; the measured case.
    assertEquals(
        java.util.Optional.of("--parallelism=3"),
        PipelineLauncher.flinkParallelism(embedded, 3, 2).flag());
    assertTrue(PipelineLauncher.flinkParallelism(embedded, 3, 2).warning().isEmpty());
    // Already one split a subtask at the cores' count: nothing added, nothing to say.
    assertTrue(PipelineLauncher.flinkParallelism(embedded, 4, 2).flag().isEmpty());
    assertTrue(PipelineLauncher.flinkParallelism(embedded, 4, 2).warning().isEmpty());
    // No count up to 4 a core helps: the cores stay, and the launcher says why that is slow.
    assertTrue(PipelineLauncher.flinkParallelism(embedded, 31, 2).flag().isEmpty());
    assertThat(
        PipelineLauncher.flinkParallelism(embedded, 31, 2).warning().orElseThrow(),
        containsString("parallelism 2 over 31 partitions: KafkaIO makes 31 splits"));
    // The user's parallelism is kept, with a warning when it gives a subtask two readers.
    String[] given = {"--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"};
    assertTrue(PipelineLauncher.flinkParallelism(given, 3, 2).flag().isEmpty());
    assertThat(
        PipelineLauncher.flinkParallelism(given, 3, 2).warning().orElseThrow(),
        containsString("give --parallelism a divisor of 3, or 3 or more"));
    // A session cluster: its own default (its slots) applies; only the user's flag is checked.
    String[] session = {"--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081"};
    assertTrue(PipelineLauncher.flinkParallelism(session, 3, 2).flag().isEmpty());
    assertTrue(PipelineLauncher.flinkParallelism(session, 3, 2).warning().isEmpty());
    String[] sessionGiven = {"--runner=FlinkRunner", "--flinkMaster=h:1", "--parallelism=2"};
    assertFalse(PipelineLauncher.flinkParallelism(sessionGiven, 3, 2).warning().isEmpty());
  }

  @Test
  public void theDirectRunnerGetsAThreadPerReaderUnlessTheFlagsSay() {
    // 3 partitions on 2 cores, the measured case: 6 threads where Beam gives 3.
    assertEquals(
        java.util.Optional.of("--targetParallelism=6"), PipelineLauncher.directThreads(3, 2));
    // One partition on one core: Beam's 3 already are a reader, the loop and a core.
    assertTrue(PipelineLauncher.directThreads(1, 1).isEmpty());
    // The user's flag is kept without counting the topic's partitions (nothing listens there).
    String[] given = {"--targetParallelism=3", "--bootstrapServers=127.0.0.1:1"};
    PipelineLauncher.Job job = PipelineLauncher.parse(given);
    CourtsideOptions o = job.options();
    assertArrayEquals(given, PipelineLauncher.withDirectThreads(given, job.config().kafka()));
    assertEquals(3, o.as(DirectOptions.class).getTargetParallelism());
  }

  @Test
  public void theSparkRunnerGetsTwoSecondBatchesAndAMemoryBoundUnlessTheFlagsSay() {
    // The Spark runner is not on this module's classpath either. This JVM is the local executor.
    long twoSeconds =
        SparkBatchBudget.of(Map.of(), Runtime.getRuntime().maxMemory(), 2000, 4000)
            .recordsPerBatch();
    for (String runner : List.of("SparkRunner", "org.apache.beam.runners.spark.SparkRunner")) {
      assertEquals(
          List.of(
              "--runner=" + runner,
              "--topic=t",
              "--batchIntervalMillis=2000",
              "--checkpointDurationMillis=4000",
              "--maxRecordsPerBatch=" + twoSeconds),
          List.of(PipelineLauncher.withRunnerDefaults("--runner=" + runner, "--topic=t")));
    }
    // The bound follows the batch interval the user chose.
    long halfSecond =
        SparkBatchBudget.of(Map.of(), Runtime.getRuntime().maxMemory(), 500, 1000)
            .recordsPerBatch();
    assertEquals(
        List.of(
            "--runner=SparkRunner",
            "--batchIntervalMillis=500",
            "--checkpointDurationMillis=1000",
            "--maxRecordsPerBatch=" + halfSecond),
        List.of(
            PipelineLauncher.withRunnerDefaults(
                "--runner=SparkRunner", "--batchIntervalMillis=500")));
    String[] chosen = {
      "--runner=SparkRunner",
      "--batchIntervalMillis=500",
      "--checkpointDurationMillis=5000",
      "--maxRecordsPerBatch=123456"
    };
    assertArrayEquals(chosen, PipelineLauncher.withRunnerDefaults(chosen));
    // ... and the checkpoint interval the user chose: a longer one retains batches longer.
    long tenSeconds =
        SparkBatchBudget.of(Map.of(), Runtime.getRuntime().maxMemory(), 2000, 10_000)
            .recordsPerBatch();
    assertEquals(
        List.of(
            "--runner=SparkRunner",
            "--checkpointDurationMillis=10000",
            "--batchIntervalMillis=2000",
            "--maxRecordsPerBatch=" + tenSeconds),
        List.of(
            PipelineLauncher.withRunnerDefaults(
                "--runner=SparkRunner", "--checkpointDurationMillis=10000")));
  }

  @Test
  public void aSparkBatchNoLongerThanItsLeastReadTimeIsABadFlag() {
    // Beam refused it only once the job started, with a stack trace.
    for (String[] args :
        new String[][] {
          {"--batchIntervalMillis=200"},
          {"--batchIntervalMillis=0"},
          {"--minReadTimeMillis=2000"},
          {"--batchIntervalMillis=500", "--minReadTimeMillis=600"}
        }) {
      String[] all = PipelineLauncher.withRunnerDefaults(plus("--runner=SparkRunner", args));
      IllegalArgumentException e =
          org.junit.Assert.assertThrows(
              IllegalArgumentException.class, () -> PipelineLauncher.checkSparkReadTime(all));
      long batch = PipelineLauncher.flagValue(all, "--batchIntervalMillis", -1);
      long minRead = PipelineLauncher.flagValue(all, "--minReadTimeMillis", 200);
      assertEquals(
          "--batchIntervalMillis="
              + batch
              + " must be longer than --minReadTimeMillis ("
              + minRead
              + "), the least time Spark reads each micro-batch for",
          e.getMessage());
    }
    PipelineLauncher.checkSparkReadTime(
        PipelineLauncher.withRunnerDefaults("--runner=SparkRunner"));
    PipelineLauncher.checkSparkReadTime("--batchIntervalMillis=201");
    PipelineLauncher.checkSparkReadTime("--batchIntervalMillis=50", "--minReadTimeMillis=49");
  }

  private static String[] plus(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Test
  public void aBackfillIsBatchAndAStreamIsStreaming() {
    assertFalse(PipelineLauncher.parse("--backfill").options().isStreaming());
    assertTrue(PipelineLauncher.parse().options().isStreaming());
  }

  @Test
  public void theDirectRunnerReadsThroughTheWrapperUnlessTheUserChoseARead() {
    CourtsideOptions o = PipelineLauncher.parse("--runner=DirectRunner").options();
    assertEquals(
        List.of("use_unbounded_sdf_wrapper"), o.as(ExperimentalOptions.class).getExperiments());
    o = PipelineLauncher.parse("--experiments=use_sdf_read,other").options();
    assertEquals(
        List.of("use_sdf_read", "other"), o.as(ExperimentalOptions.class).getExperiments());
    o = PipelineLauncher.parse("--experiments=other").options();
    assertEquals(
        List.of("other", "use_unbounded_sdf_wrapper"),
        o.as(ExperimentalOptions.class).getExperiments());
    // Any other runner keeps its default read (Spark cannot run a splittable DoFn).
    CourtsideOptions spark = PipelineOptionsFactory.as(CourtsideOptions.class);
    spark.setRunner(CrashingRunner.class);
    PipelineLauncher.useWrappedReadOnDirectRunner(spark);
    assertEquals(null, spark.as(ExperimentalOptions.class).getExperiments());
  }

  @Test
  public void aBadFlagExitsWithTwoAndOneLineNamingIt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        PipelineLauncher.run(
            List.of("--windowSize=often"),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "Run with --help for every flag.");
    assertEquals(2, exit);
    assertEquals(
        "courtside pipeline: --windowSize=often is not a duration; use e.g. 500ms, 30s, 1m, 2h or PT1M\n"
            + "Run with --help for every flag.\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  /** A password file without --influxUser was never read, and a 401 came once the job wrote. */
  @Test
  public void aPasswordFileWithoutAUserIsABadFlag() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("pw", "");
    java.nio.file.Files.writeString(f, "pw-SECRET\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        PipelineLauncher.run(
            List.of("--backfill", "--bootstrapServers=127.0.0.1:1", "--influxPasswordFile=" + f),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "Run with --help for every flag.");
    java.nio.file.Files.delete(f);
    assertEquals(2, exit);
    assertEquals(
        "courtside pipeline: --influxPasswordFile="
            + f
            + " is given but --influxUser is not: InfluxDB v1 logs in with a user and its"
            + " password; give --influxUser=NAME, or drop --influxPasswordFile to connect without"
            + " a login\n"
            + "Run with --help for every flag.\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void noWorkerThreadsIsABadFlagBeforeAnythingConnects() {
    // Before, the DirectRunner's thread pool threw a bare IllegalArgumentException (exit 1, stack).
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit =
        PipelineLauncher.run(
            List.of("--backfill", "--targetParallelism=0", "--bootstrapServers=127.0.0.1:1"),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "Run with --help for every flag.");
    assertEquals(2, exit);
    assertEquals(
        "courtside pipeline: --targetParallelism must be at least 1, got 0 (the DirectRunner's"
            + " worker threads)\n"
            + "Run with --help for every flag.\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * A failed job is said by its first useful message. The DirectRunner threw this chain when a
   * backfill's InfluxDB stayed down past --influxMaxRetryTime, and the launcher took the innermost
   * message, the ConnectException's: "courtside pipeline: failed: null".
   */
  @Test
  public void aFailedJobIsSaidByWhatFailedNotByItsWrappers() {
    String unreachable =
        "cannot reach InfluxDB at http://127.0.0.1:1: connection refused: nothing accepts"
            + " connections there";
    String gaveUp = "gave up on InfluxDB write after retrying for 10 s: " + unreachable;
    Throwable sink =
        new java.io.IOException(
            gaveUp,
            new io.courtside.pipeline.influx.InfluxDbException(
                unreachable, 0, true, new java.net.ConnectException()));
    assertEquals(
        gaveUp,
        PipelineLauncher.reason(
            new org.apache.beam.sdk.Pipeline.PipelineExecutionException(
                org.apache.beam.sdk.util.UserCodeException.wrap(sink))));
    // A refusal with no cause (credentials) is said as it was.
    String refused = "InfluxDB at http://h:8086 refused the credentials (HTTP 401)";
    assertEquals(
        refused,
        PipelineLauncher.reason(
            new org.apache.beam.sdk.Pipeline.PipelineExecutionException(
                org.apache.beam.sdk.util.UserCodeException.wrap(
                    new io.courtside.pipeline.influx.InfluxDbException(
                        refused, 401, false, null)))));
    // An outer message of several lines (Spark's stage failure, with a stack trace in it) is not
    // taken over the cause it quotes.
    assertEquals(
        gaveUp,
        PipelineLauncher.reason(
            new RuntimeException(
                "Job aborted due to stage failure: " + sink + "\n\tat a.b.C.d(C.java:1)", sink)));
    // Nothing says anything: the innermost exception's class.
    assertEquals(
        "java.net.ConnectException (no message)",
        PipelineLauncher.reason(new RuntimeException(new java.net.ConnectException())));
  }

  /**
   * The DirectRunner's cancel shuts its worker pool down before it marks the job CANCELLED, and a
   * timer delivered in between is refused; waitUntilFinish then threw that refusal instead of
   * returning CANCELLED, and a SIGTERM ended with "stopped while the JVM exits
   * (java.util.concurrent.RejectedExecutionException: ...)", exit 1. The exception is the one Beam
   * 2.70 threw in a reproduction (a DoFn slow to tear down, early firings every 20 ms).
   */
  @Test
  public void aTimerRefusedByTheCancelIsTheSignalsStopNotAFailure() {
    RuntimeException refused =
        new java.util.concurrent.RejectedExecutionException(
            "Task java.util.concurrent.FutureTask@96e9d6a[Not completed, task ="
                + " java.util.concurrent.Executors$RunnableAdapter@7c9ee687[Wrapped task ="
                + " org.apache.beam.runners.direct.DirectTransformExecutor@7b348bd5]] rejected from"
                + " java.util.concurrent.ThreadPoolExecutor@6c4ed713[Shutting down, pool size = 4,"
                + " active threads = 4, queued tasks = 0, completed tasks = 3401]");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(143, PipelineLauncher.ended(null, refused, true, true, err));
    assertEquals(
        "courtside pipeline: stopped by a signal (CANCELLED)\n",
        bytes.toString(StandardCharsets.UTF_8));

    // Without a signal, or on Spark (whose own hook stops the job), or any other failure after
    // the signal: said as a failure, as before.
    bytes.reset();
    assertEquals(1, PipelineLauncher.ended(null, refused, false, true, err));
    assertThat(bytes.toString(StandardCharsets.UTF_8), containsString("failed: Task "));
    bytes.reset();
    assertEquals(1, PipelineLauncher.ended(null, refused, true, false, err));
    bytes.reset();
    assertEquals(
        1,
        PipelineLauncher.ended(
            null, new IllegalStateException("InfluxDB answered 401"), true, true, err));
    assertEquals(
        "courtside pipeline: failed: InfluxDB answered 401\n",
        bytes.toString(StandardCharsets.UTF_8));
    bytes.reset();
    assertEquals(
        143, PipelineLauncher.ended(PipelineResult.State.CANCELLED, null, true, true, err));
    assertEquals(
        "courtside pipeline: stopped by a signal (CANCELLED)\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void anUnreachableBrokerEndsTheLaunchWithOneLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    int exit =
        PipelineLauncher.run(
            List.of("--bootstrapServers=127.0.0.1:1", "--backfill"),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "unused");
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(err, 1, exit);
    assertThat(err, containsString("courtside pipeline: cannot reach Kafka at 127.0.0.1:1"));
  }
}
