package io.courtside.pipeline.launch;

import io.courtside.pipeline.CourtsidePipeline;
import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.config.KafkaClients;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxPreflight;
import io.courtside.pipeline.options.CourtsideOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the job is launched, by {@code courtside pipeline} and by {@code java -cp ...
 * PipelineLauncher} (the main class of the spark-submit jar): reads the flags once, creates the
 * dead-letter topic, checks InfluxDB, on a streaming start takes the group's lease and rewinds
 * ({@link StreamingStart}), then runs {@link CourtsidePipeline}.
 */
public final class PipelineLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineLauncher.class);

  private PipelineLauncher() {}

  /**
   * The job to launch: Beam's options (the runner and its flags) and the configuration read from
   * them once.
   */
  public record Job(CourtsideOptions options, JobConfig config) {}

  /** How long the JVM's shutdown hooks may take once the job has ended ({@link ExitWithin}). */
  static final java.time.Duration EXIT_GRACE = java.time.Duration.ofSeconds(60);

  public static void main(String[] args) {
    int code = run(List.of(args), System.err, "Run with --help=CourtsideOptions for every flag.");
    ExitWithin.exit(code, EXIT_GRACE);
  }

  /**
   * Parses {@code args}, starts the job and waits for it; Ctrl-C cancels it. Returns the exit code:
   * 0 when the job is done, 1 when it failed or could not start, 2 for a bad flag (the message
   * names it, then {@code helpHint}).
   */
  public static int run(List<String> args, PrintStream err, String helpHint) {
    Job job;
    try {
      job = parse(args.toArray(new String[0]));
      InfluxCredentials.requireUserWithPassword(job.config().sink().target());
    } catch (IllegalArgumentException e) {
      err.println("courtside pipeline: " + e.getMessage());
      err.println(helpHint);
      return 2;
    }
    CourtsideOptions o = job.options();
    err.printf(
        "courtside pipeline: %s %s -> InfluxDB %s/%s (dead letters -> %s), runner %s%n",
        o.isBackfill() ? "backfilling" : "streaming",
        o.getTopic(),
        o.getInfluxUrl(),
        o.getInfluxDatabase(),
        o.getDlqTopic(),
        o.getRunner().getSimpleName());
    KafkaClients clients = job.config().kafka().clients();
    if (!clients.settings().isEmpty()) {
      // The keys only: the values are often secrets.
      err.printf(
          "courtside pipeline: Kafka at %s with the settings of --kafkaConfig: %s%n",
          clients.bootstrapServers(), new java.util.TreeSet<>(clients.settings().keySet()));
    }
    String[] given = args.toArray(new String[0]);
    if (runnerName(given).equals("spark")
        && !o.isBackfill()
        && args.stream().noneMatch(a -> a.startsWith("--maxRecordsPerBatch"))) {
      SparkBatchBudget b = sparkBudget(given);
      err.printf(
          "courtside pipeline: at most %d posts per micro-batch (--maxRecordsPerBatch): what half"
              + " of the %d MiB of storage memory of a %d MiB executor holds while Spark keeps them"
              + " cached (runners/spark/README.md, \"Memory\")%n",
          b.recordsPerBatch(), b.storageBytes() >> 20, b.executorHeapBytes() >> 20);
    }
    PipelineResult result;
    try {
      result = start(job);
    } catch (IllegalStateException e) {
      err.println("courtside pipeline: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      // What the runner throws as it starts the job (--targetParallelism=0 was a bare stack trace
      // from the DirectRunner's thread pool): one line, not a stack trace.
      LOG.debug("the job did not start", e);
      err.println("courtside pipeline: could not start the job: " + reason(e));
      return 1;
    }
    boolean spark = runnerName(given).equals("spark");
    AtomicBoolean signalled = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signalled.set(true);
                  // Stopped by a signal: the runner's own hooks may hang as after a failure.
                  ExitWithin.haltAfter(ExitWithin.SIGTERM_EXIT_CODE, EXIT_GRACE);
                  if (spark) {
                    // Spark's own hook stops the streaming context, without waiting for the
                    // batch in flight, while the SparkContext's hook stops the executor. Beam's
                    // cancel() stops it gracefully: it waits for that batch, whose tasks the
                    // stopped executor refuses, and took the whole grace (60 s, then a halt) on
                    // every SIGTERM. The lease is all this hook has to give back.
                    releaseQuietly(result);
                  } else {
                    cancelQuietly(result);
                  }
                }));
    PipelineResult.State state = null;
    RuntimeException failure = null;
    try (JobProgress progress =
        JobProgress.every(
            o.isBackfill() ? BACKFILL_PROGRESS_PERIOD : STREAMING_PROGRESS_PERIOD, result, err)) {
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      failure = e;
    }
    return ended(state, failure, signalled.get(), !spark, err);
  }

  /**
   * Says how the job ended and returns the exit code: {@code state} when {@code waitUntilFinish}
   * returned, else its {@code failure}; {@code signalled} when a SIGTERM came, {@code
   * cancelledBySignal} when the launcher's hook then cancelled the job (every runner but Spark).
   */
  static int ended(
      PipelineResult.State state,
      RuntimeException failure,
      boolean signalled,
      boolean cancelledBySignal,
      PrintStream err) {
    if (failure != null && signalled && cancelledBySignal && refusedByTheCancel(failure)) {
      // The DirectRunner's cancel shuts its worker pool down, then tears the DoFns down (closing
      // the Kafka readers and producer), and only then marks the job CANCELLED; a timer its
      // driver delivers in between is refused by the stopped pool (RejectedExecutionException),
      // and waitUntilFinish may throw that instead of returning CANCELLED. It is the cancel we
      // asked for: the job is stopped by the signal, exit 143, not "failed" with exit 1.
      err.println("courtside pipeline: stopped by a signal (CANCELLED)");
      return ExitWithin.SIGTERM_EXIT_CODE;
    }
    if (failure != null) {
      // One line with the cause (e.g. refused credentials), not a wrapped stack trace.
      if (ExitWithin.leaving()) {
        // E.g. EvictionGuard said why and is ending the JVM; it cancelled the job's Spark jobs.
        err.println("courtside pipeline: stopped while the JVM exits (" + reason(failure) + ")");
        return 1;
      }
      err.println("courtside pipeline: failed: " + reason(failure));
      return 1;
    }
    if (signalled) {
      // Spark reports a streaming job its shutdown hook stopped as DONE.
      err.println("courtside pipeline: stopped by a signal (" + state + ")");
      return ExitWithin.SIGTERM_EXIT_CODE;
    }
    err.println("courtside pipeline: finished, " + state);
    return state == PipelineResult.State.DONE ? 0 : 1;
  }

  /** Whether {@code e} is, or was caused by, an executor refusing work as it shut down. */
  private static boolean refusedByTheCancel(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.util.concurrent.RejectedExecutionException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why a job failed, in one line, from the exception the runner threw: the innermost message of
   * the cause chain, widened to each outer message that only adds context to it (the sink's "gave
   * up on InfluxDB write after retrying for 10 s: cannot reach InfluxDB at ..."), skipping the
   * runners' wrappers, whose message is their cause's {@code toString()} (Beam's UserCodeException,
   * the DirectRunner's PipelineExecutionException), and stopping at a message of several lines
   * (Spark's "Job aborted due to stage failure", with a stack trace in it). Before, the innermost
   * cause was taken whatever its message: a connection error's {@code ConnectException} has none,
   * and a backfill whose InfluxDB stayed down ended with "failed: null". Without any message, the
   * innermost exception's class.
   */
  static String reason(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    int chosen = -1;
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (hasOwnMessage(chain.get(i))) {
        chosen = i;
        break;
      }
    }
    if (chosen < 0) {
      Throwable root = chain.get(chain.size() - 1);
      return root.getClass().getName() + " (no message)";
    }
    String reason = chain.get(chosen).getMessage().strip().lines().findFirst().orElse("");
    for (int i = chosen - 1; i >= 0; i--) {
      Throwable outer = chain.get(i);
      if (!hasOwnMessage(outer)) {
        continue;
      }
      String message = outer.getMessage().strip();
      if (message.contains("\n") || !message.contains(reason)) {
        break;
      }
      reason = message;
    }
    return reason;
  }

  /** Whether {@code t} says something of its own: a message that is not its cause's toString. */
  private static boolean hasOwnMessage(Throwable t) {
    String m = t.getMessage();
    return m != null
        && !m.isBlank()
        && !m.equals("null")
        && (t.getCause() == null || !m.equals(t.getCause().toString()));
  }

  /**
   * Parses and checks the flags once; throws IllegalArgumentException naming a bad flag. On the
   * DirectRunner, its immutability and encodability checks are off unless the flags turn them on;
   * on the FlinkRunner, its copies between chained steps ({@link #withRunnerDefaults}).
   */
  public static Job parse(String... args) {
    String[] all = withRunnerDefaults(args);
    CourtsideOptions o = JobConfig.options(all);
    // Every flag is checked before the runner's defaults count the topic's partitions, and the
    // configuration does not change with them (they are the runner's flags, not the job's).
    JobConfig config = JobConfig.of(o);
    if (!o.isBackfill()) {
      String[] chosen =
          switch (runnerName(all)) {
            case "flink" -> withFlinkParallelism(all, config.kafka());
            case "direct" -> withDirectThreads(all, config.kafka());
            default -> all;
          };
      if (chosen != all) {
        all = chosen;
        o = JobConfig.options(all);
      }
    }
    if (runnerName(all).equals("spark") && !o.isBackfill()) {
      // Only a streaming job can lose posts to an eviction: its cached micro-batch is recomputed
      // from a Kafka reader that has moved on. A backfill reads fixed offset ranges, so Spark
      // recomputes an evicted partition from the same records (its lineage), which is slower but
      // exact; the guard stopped every backfill larger than the storage memory (a 400,000-post
      // backfill in local[2] with 1 GiB failed after 10 s).
      checkSparkReadTime(all);
      guardSparkStorage();
      checkpointSparkStateEvery(flagValue(all, "--checkpointDurationMillis", 0));
    }
    o.setStreaming(!o.isBackfill());
    useWrappedReadOnDirectRunner(o);
    if (o.getAppName() == null || o.getAppName().startsWith("PipelineLauncher")) {
      o.setAppName("courtside");
    }
    return new Job(o, config);
  }

  /**
   * Builds and starts the job; does not wait. A streaming start first takes the consumer group's
   * lease, finds where to recount from and rewinds the group to it ({@link StreamingStart}); the
   * returned result gives the lease back when the job ends or is cancelled.
   */
  public static PipelineResult start(Job job) {
    JobConfig c = job.config();
    Topics.prepare(c.kafka().clients(), c.kafka().topic(), c.dlqTopic(), c.kafka().backfill());
    InfluxPreflight.check(c.sink().target());
    if (c.kafka().backfill()) {
      Pipeline p = Pipeline.create(job.options());
      CourtsidePipeline.build(p, c);
      return p.run();
    }
    return StreamingStart.start(job);
  }

  /**
   * DirectRunner's immutability and encodability checks double its start-up time and halve its
   * throughput; they are for testing DoFns, which the test suite does with them on. Its run()
   * returns at once: callers wait on (or cancel) the PipelineResult.
   */
  static String[] withRunnerDefaults(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    String runner = runnerName(args);
    if (runner.equals("direct")) {
      addIfAbsent(all, "--enforceImmutability", "false");
      addIfAbsent(all, "--enforceEncodability", "false");
      addIfAbsent(all, "--blockOnRun", "false");
    } else if (runner.equals("flink")) {
      // Without it, Flink copies every element between two chained steps through its coder
      // (Beam's CoderTypeSerializer.copy = encode + decode), because Flink's object reuse is off.
      // Beam forbids DoFns to change their input or an output after emitting it (the DirectRunner
      // checks it in the pipeline tests), so the copy protects nothing here. Measured in
      // bench/README.md, "Design choices measured".
      addIfAbsent(all, "--fasterCopy", "true");
      // Beam's default bundle, 1,000 elements, ends with a write of about 900 points, each of which
      // influxd syncs to its WAL; 5,000 (the sink's batch) cut a 500,000-post drain's writes from
      // about 540 to 134 and raised its rate from 42% to 47% of the baseline (median of 3).
      addIfAbsent(all, "--maxBundleSize", Long.toString(FLINK_MAX_BUNDLE_SIZE));
      // A live stream's bundles end by time, not size: Beam checks every half of this and ends a
      // bundle once this long has passed since the last one ended, so a post waits up to 1.5
      // times this for its write. At 2,000 posts/s the p99 visible delay was 1.42-1.57 s with
      // Beam's 1,000 ms, 1.13-1.19 s with 500, and 643 ms with 250 (bench/README.md). A drain's
      // bundles end by time too when 250 ms bring fewer than 5,000: 281-382 writes of 1M posts
      // instead of 267, and no slower (median of 3).
      addIfAbsent(all, "--maxBundleTimeMills", Long.toString(FLINK_MAX_BUNDLE_MILLIS));
    } else if (runner.equals("spark")) {
      // Beam's default micro-batch (500 ms) is shorter than the job's fixed cost per batch: its
      // Spark jobs (a read and one per output), and the state it checkpoints.
      addIfAbsent(all, "--batchIntervalMillis", Long.toString(SPARK_BATCH_INTERVAL_MILLIS));
      // Spark remembers each batch's RDDs for twice this; its default for a mapWithState is ten
      // batch intervals (SPARK_STATE_CHECKPOINT_BATCHES).
      addIfAbsent(
          all,
          "--checkpointDurationMillis",
          Long.toString(sparkBudget(all.toArray(new String[0])).checkpointMillis()));
      // Unbounded, a backlog's micro-batches outgrow the executors' storage memory
      // (SparkBatchBudget).
      addIfAbsent(
          all,
          "--maxRecordsPerBatch",
          Long.toString(sparkBudget(all.toArray(new String[0])).recordsPerBatch()));
    }
    return all.toArray(new String[0]);
  }

  /**
   * A streaming DirectRunner job runs its Kafka readers, its scheduling loop and every step on one
   * pool of {@code --targetParallelism} threads ({@link DirectThreads}). Without the flag, counts
   * the topic's partitions and adds {@link #directThreads}'s flag, saying why. Returns {@code all}
   * itself when the flag is given, nothing is added, or the partitions cannot be counted (the start
   * says why).
   */
  static String[] withDirectThreads(String[] all, JobConfig.Kafka kafka) {
    if (flagValue(all, "--targetParallelism", -1) > 0) {
      return all;
    }
    java.util.OptionalInt partitions = partitionsOf(kafka);
    if (partitions.isEmpty()) {
      return all;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    Optional<String> flag = directThreads(partitions.getAsInt(), cores);
    if (flag.isEmpty()) {
      return all;
    }
    LOG.info(
        "{}: {} partitions of {} on {} cores; one thread per Kafka reader, one for the runner's"
            + " scheduling, one per core for the steps (Beam's default, {}, lets the readers hold"
            + " the posts' steps back: README.md, \"Pipeline flags\")",
        flag.get(),
        partitions.getAsInt(),
        kafka.topic(),
        cores,
        DirectThreads.beamDefault(cores));
    return plus(all, flag.get());
  }

  /**
   * The DirectRunner's {@code --targetParallelism} flag for {@code partitions} partitions on {@code
   * cores} cores, when {@link DirectThreads#forPartitions} differs from Beam's default.
   */
  static Optional<String> directThreads(int partitions, int cores) {
    int threads = DirectThreads.forPartitions(partitions, cores);
    return threads == DirectThreads.beamDefault(cores)
        ? Optional.empty()
        : Optional.of("--targetParallelism=" + threads);
  }

  /** The embedded Flink cluster's {@code --flinkMaster}: the job's own JVM, its slots its own. */
  static final String FLINK_EMBEDDED = "[local]";

  /**
   * A streaming FlinkRunner job reads its topic with one KafkaIO reader per split, and a subtask
   * that runs two of them holds one partition back ({@link FlinkParallelism}). When the choice
   * matters (the user's {@code --parallelism}, or the embedded cluster) counts the topic's
   * partitions and applies {@link #flinkParallelism}: adds its flag and says why, logs its warning.
   * On a session cluster without the flag Beam runs the job at 1 (this client reads no cluster
   * config), one reader for every partition. Returns {@code all} itself when nothing is added, or
   * when the topic's partitions cannot be counted (the start says why).
   */
  static String[] withFlinkParallelism(String[] all, JobConfig.Kafka kafka) {
    if (flagValue(all, "--parallelism", -1) <= 0 && !onEmbeddedFlink(all)) {
      return all;
    }
    java.util.OptionalInt partitions = partitionsOf(kafka);
    if (partitions.isEmpty()) {
      return all;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    FlinkParallelismChoice choice = flinkParallelism(all, partitions.getAsInt(), cores);
    choice.warning().ifPresent(LOG::warn);
    if (choice.flag().isEmpty()) {
      return all;
    }
    LOG.info(
        "{}: {} partitions of {} on {} cores; at parallelism {} a source subtask would run two"
            + " Kafka readers and hold one partition back (README.md, \"Run on Flink\","
            + " \"Parallelism\")",
        choice.flag().get(),
        partitions.getAsInt(),
        kafka.topic(),
        cores,
        cores);
    return plus(all, choice.flag().get());
  }

  /** The partitions of the job's topic, or empty when the broker does not say within 5 s. */
  private static java.util.OptionalInt partitionsOf(JobConfig.Kafka kafka) {
    return Topics.partitionCount(kafka.clients(), kafka.topic(), 5_000);
  }

  private static String[] plus(String[] all, String flag) {
    List<String> with = new ArrayList<>(List.of(all));
    with.add(flag);
    return with.toArray(new String[0]);
  }

  /** What the launcher does about a Flink job's parallelism: a flag to add, a warning to log. */
  record FlinkParallelismChoice(Optional<String> flag, Optional<String> warning) {}

  /**
   * The parallelism a Flink job runs at for {@code partitions} partitions on {@code cores} cores:
   * the user's {@code --parallelism}, kept; else on the embedded cluster {@link
   * FlinkParallelism#forPartitions}, added as a flag when it is not the cores (Flink's default
   * there); else (a session cluster) nothing. A warning when the parallelism it leaves gives a
   * subtask two readers, with what to do about it.
   */
  static FlinkParallelismChoice flinkParallelism(String[] all, int partitions, int cores) {
    long given = flagValue(all, "--parallelism", -1);
    Optional<String> flag = Optional.empty();
    int p;
    if (given > 0) {
      p = (int) Math.min(given, Integer.MAX_VALUE);
    } else if (onEmbeddedFlink(all)) {
      p = FlinkParallelism.forPartitions(partitions, cores);
      if (p != cores) {
        flag = Optional.of("--parallelism=" + p);
      }
    } else {
      return new FlinkParallelismChoice(Optional.empty(), Optional.empty());
    }
    if (FlinkParallelism.oneSplitPerSubtask(p, partitions)) {
      return new FlinkParallelismChoice(flag, Optional.empty());
    }
    return new FlinkParallelismChoice(
        flag,
        Optional.of(
            String.format(
                "parallelism %d over %d partitions: KafkaIO makes %d splits and a source subtask"
                    + " runs more than one reader, which holds a busy partition back while the"
                    + " other is quiet (by seconds for a hot one; README.md, \"Run on Flink\","
                    + " \"Parallelism\"); give --parallelism a divisor of %d, or %d or more",
                p, partitions, KafkaSplits.count(p, partitions), partitions, partitions)));
  }

  private static boolean onEmbeddedFlink(String[] all) {
    return List.of(all).contains("--flinkMaster=" + FLINK_EMBEDDED);
  }

  /**
   * The memory budget of a SparkRunner job started with {@code args} in this JVM: Spark's settings
   * are the system properties spark-submit set, the executor is this JVM in local mode, the batch
   * and checkpoint intervals are the flags' or the launcher's defaults.
   */
  static SparkBatchBudget sparkBudget(String... args) {
    Map<String, String> conf = new java.util.HashMap<>();
    System.getProperties()
        .stringPropertyNames()
        .forEach(
            k -> {
              if (k.startsWith("spark.")) {
                conf.put(k, System.getProperty(k));
              }
            });
    long interval =
        Math.max(1, flagValue(args, "--batchIntervalMillis", SPARK_BATCH_INTERVAL_MILLIS));
    long checkpoint =
        flagValue(args, "--checkpointDurationMillis", SPARK_STATE_CHECKPOINT_BATCHES * interval);
    return SparkBatchBudget.of(conf, Runtime.getRuntime().maxMemory(), interval, checkpoint);
  }

  /**
   * The numeric value of the last {@code flag=value} in {@code args}, or {@code otherwise} when
   * there is none or it is not a number (the full parse names the flag then).
   */
  static long flagValue(String[] args, String flag, long otherwise) {
    long value = otherwise;
    for (String a : args) {
      if (a.startsWith(flag + "=")) {
        try {
          value = Long.parseLong(a.substring(flag.length() + 1));
        } catch (NumberFormatException e) {
          value = otherwise;
        }
      }
    }
    return value;
  }

  /** Beam's {@code --minReadTimeMillis} unless the flag says otherwise (SparkPipelineOptions). */
  static final long SPARK_MIN_READ_MILLIS = 200;

  /**
   * A streaming SparkRunner job reads each micro-batch for at least {@code --minReadTimeMillis},
   * which must be shorter than the batch ({@code --batchIntervalMillis}); Beam checks it only when
   * the job starts, with a stack trace ("Minimum read time has to be less than batch time"). Throws
   * IllegalArgumentException naming both flags.
   */
  static void checkSparkReadTime(String... all) {
    long batch = flagValue(all, "--batchIntervalMillis", SPARK_BATCH_INTERVAL_MILLIS);
    long minRead = flagValue(all, "--minReadTimeMillis", SPARK_MIN_READ_MILLIS);
    if (minRead >= batch) {
      throw new IllegalArgumentException(
          "--batchIntervalMillis="
              + batch
              + " must be longer than --minReadTimeMillis ("
              + minRead
              + "), the least time Spark reads each micro-batch for");
    }
  }

  /** The class of {@code runners/spark} that checkpoints all of a Spark job's state streams. */
  static final String STATE_CHECKPOINTS = "io.courtside.runners.spark.StateCheckpoints";

  /**
   * On the SparkRunner, registers {@link #STATE_CHECKPOINTS} as a Spark listener with {@code
   * intervalMillis} (Beam's {@code --checkpointDurationMillis}, which reaches only some of the
   * job's state streams), when the class is on the classpath.
   */
  static void checkpointSparkStateEvery(long intervalMillis) {
    if (addSparkListener(STATE_CHECKPOINTS)) {
      System.setProperty(STATE_CHECKPOINT_SETTING, Long.toString(intervalMillis));
    }
  }

  /** The Spark setting {@link #STATE_CHECKPOINTS} reads its interval from. */
  static final String STATE_CHECKPOINT_SETTING = "spark.courtside.stateCheckpointMillis";

  /** The class of {@code runners/spark} that stops a Spark job before it could lose posts. */
  static final String EVICTION_GUARD = "io.courtside.runners.spark.EvictionGuard";

  /**
   * On the SparkRunner, registers {@link #EVICTION_GUARD} as a Spark listener (system property
   * {@code spark.extraListeners}, which the SparkContext the runner creates reads), when the class
   * is on the classpath (the spark-submit jar).
   */
  static void guardSparkStorage() {
    addSparkListener(EVICTION_GUARD);
  }

  /**
   * Adds {@code listener} to the system property {@code spark.extraListeners}, which the
   * SparkContext the runner creates reads, when the class is on the classpath (the spark-submit
   * jar); returns whether it is.
   */
  private static boolean addSparkListener(String listener) {
    try {
      Class.forName(listener, false, PipelineLauncher.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return false;
    }
    String listeners = System.getProperty("spark.extraListeners", "").trim();
    if (!List.of(listeners.split("\\s*,\\s*")).contains(listener)) {
      System.setProperty(
          "spark.extraListeners", listeners.isEmpty() ? listener : listeners + "," + listener);
    }
    return true;
  }

  /** The FlinkRunner's bundle size unless {@code --maxBundleSize} says otherwise. */
  static final long FLINK_MAX_BUNDLE_SIZE = 5000;

  /** The FlinkRunner's longest bundle unless {@code --maxBundleTimeMills} says otherwise. */
  static final long FLINK_MAX_BUNDLE_MILLIS = 250;

  /**
   * The SparkRunner's state checkpoint interval in batch intervals, unless {@code
   * --checkpointDurationMillis} says otherwise. Spark's default for a {@code mapWithState} is 10.
   */
  static final long SPARK_STATE_CHECKPOINT_BATCHES = 2;

  /** How often a backfill says how far it got (JobProgress), and a streaming job that it lives. */
  static final java.time.Duration BACKFILL_PROGRESS_PERIOD = java.time.Duration.ofSeconds(10);

  static final java.time.Duration STREAMING_PROGRESS_PERIOD = java.time.Duration.ofMinutes(1);

  /** The SparkRunner's micro-batch unless {@code --batchIntervalMillis} says otherwise. */
  static final long SPARK_BATCH_INTERVAL_MILLIS = 2000;

  /**
   * The runner the flags choose, read without checking the other flags: {@code "direct"}, {@code
   * "flink"}, {@code "spark"}... (the flag's last name segment, lower case, without "runner", as
   * Beam matches it), or Beam's default runner when no flag names one.
   */
  public static String runnerName(String... args) {
    String chosen = null;
    for (String a : args) {
      if (a.startsWith("--runner=")) {
        chosen = a.substring("--runner=".length());
      }
    }
    if (chosen == null) {
      try {
        chosen = PipelineOptionsFactory.create().getRunner().getSimpleName();
      } catch (RuntimeException e) {
        return ""; // no default runner on this classpath: the full parse says so
      }
    }
    String name = chosen.substring(chosen.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    return name.endsWith("runner") ? name.substring(0, name.length() - "runner".length()) : name;
  }

  private static void addIfAbsent(List<String> args, String flag, String value) {
    if (args.stream().noneMatch(a -> a.equals(flag) || a.startsWith(flag + "="))) {
      args.add(flag + "=" + value);
    }
  }

  /** Experiments that choose how Beam reads a source; the user's choice is kept. */
  static final List<String> READ_EXPERIMENTS =
      List.of("use_unbounded_sdf_wrapper", "use_sdf_read", "use_deprecated_read", "beam_fn_api");

  /**
   * On the DirectRunner, KafkaIO's unbounded source runs inside Beam's splittable-DoFn wrapper
   * (experiment {@code use_unbounded_sdf_wrapper}) unless {@code --experiments} already names a
   * read. Why: the DirectRunner's own primitive read emits bundles of at most 10 records and every
   * bundle pays the runner's per-step set-up; the wrapper emits up to 100 records a bundle and
   * keeps its Kafka readers between bundles, which drains a backlog several times faster and keeps
   * live latency low (figures: bench/README.md, "Design choices measured"). The source, its
   * timestamp policy and its offset commits stay those of KafkaIO's unbounded read. KafkaIO's other
   * read ({@code use_sdf_read}) drains as fast but let a live trickle lag. Other runners keep their
   * default read: the Spark runner cannot run a splittable DoFn.
   */
  static void useWrappedReadOnDirectRunner(CourtsideOptions o) {
    if (o.getRunner() == null || !o.getRunner().getSimpleName().equals("DirectRunner")) {
      return;
    }
    ExperimentalOptions x = o.as(ExperimentalOptions.class);
    if (READ_EXPERIMENTS.stream().noneMatch(e -> ExperimentalOptions.hasExperiment(x, e))) {
      ExperimentalOptions.addExperiment(x, "use_unbounded_sdf_wrapper");
    }
  }

  private static void releaseQuietly(PipelineResult result) {
    try {
      if (result instanceof LeasedResult leased) {
        leased.release();
      }
    } catch (RuntimeException ignored) {
      // The JVM is exiting anyway.
    }
  }

  private static void cancelQuietly(PipelineResult result) {
    try {
      if (!result.getState().isTerminal()) {
        result.cancel();
      }
    } catch (Exception ignored) {
      // The JVM is exiting anyway.
    }
  }
}
