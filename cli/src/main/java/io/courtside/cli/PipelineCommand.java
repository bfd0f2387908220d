package io.courtside.cli;

import io.courtside.pipeline.CourtsidePipeline;
import io.courtside.pipeline.options.CourtsideOptions;
import io.courtside.services.flink.FlinkLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Runs the Beam job with Beam's own flags ({@code --name=value}); Beam parses them, so every
 * option interface of the job and of the runner is accepted as documented by Beam.
 */
@Command(
    name = "pipeline",
    description = {
      "Run the Courtside Beam job: Kafka -> parse (bad records to the dead-letter topic) -> VADER"
          + " -> windows -> InfluxDB.",
      "Streams until stopped (Ctrl-C); with --backfill, reads what the topic holds now and exits.",
      "Flags are Beam flags (--name=value). `courtside pipeline --help` lists all of them."
    })
final class PipelineCommand implements Callable<Integer> {
  // @Unmatched, not @Parameters: picocli rejects "--name=value" positionals as unknown options.
  @Unmatched List<String> beamArgs = new ArrayList<>();

  /**
   * Flink is not on this JVM's classpath either: the job runs with runners/flink's classpath in a
   * child JVM, JobManager and TaskManager embedded in it ({@code --flinkMaster=[local]}).
   */
  private static int runOnEmbeddedFlink(List<String> args) throws Exception {
    List<String> argv;
    try {
      argv = FlinkLocal.command(args);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("courtside pipeline: " + e.getMessage());
      return 2;
    }
    System.err.println("courtside pipeline: FlinkRunner on an embedded Flink cluster (own JVM, job log follows)");
    return ForegroundProcess.run(argv);
  }

  @Override
  public Integer call() throws Exception {
    if (beamArgs.contains("--runner=SparkRunner")) {
      // Spark is not on this JVM's classpath (it would meet the CLI's own dependencies): run the
      // job through spark-submit in local[N], in a child JVM, exactly as on a cluster.
      return SparkLocal.run(beamArgs);
    }
    if (beamArgs.contains("--runner=FlinkRunner")) {
      return runOnEmbeddedFlink(beamArgs);
    }
    if (beamArgs.contains("--help") || beamArgs.contains("-h")) {
      System.out.println("Usage: courtside pipeline [--runner=DirectRunner|SparkRunner|FlinkRunner] [--backfill] [BEAM_FLAGS...]");
      System.out.println("With --runner=SparkRunner the job runs in Spark local[N] (--sparkMaster=local[N]).");
      System.out.println("With --runner=FlinkRunner it runs on an embedded Flink cluster in its own JVM;"
          + " a streaming start checkpoints every " + FlinkLocal.DEFAULT_CHECKPOINT_MILLIS / 1000
          + " s unless --checkpointingInterval=MS is given.");
      System.out.println();
      PipelineOptionsFactory.register(CourtsideOptions.class);
      PipelineOptionsFactory.printHelp(System.out, CourtsideOptions.class);
      return 0;
    }
    CourtsideOptions options;
    try {
      options = CourtsidePipeline.parseOptions(withDirectRunnerDefaults(beamArgs));
    } catch (IllegalArgumentException e) {
      System.err.println("courtside pipeline: " + e.getMessage());
      System.err.println("Run `courtside pipeline --help` for every flag.");
      return 2;
    }
    System.err.printf(
        "courtside pipeline: %s %s -> InfluxDB %s/%s (dead letters -> %s), runner %s%n",
        options.isBackfill() ? "backfilling" : "streaming",
        options.getTopic(),
        options.getInfluxUrl(),
        options.getInfluxDatabase(),
        options.getDlqTopic(),
        options.getRunner().getSimpleName());
    PipelineResult result;
    try {
      result = CourtsidePipeline.start(options);
    } catch (IllegalStateException e) {
      System.err.println("courtside pipeline: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> cancelQuietly(result)));
    PipelineResult.State state;
    try {
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      // One line with the cause (e.g. refused credentials), not a wrapped stack trace.
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      System.err.println("courtside pipeline: failed: " + root.getMessage());
      return 1;
    }
    System.err.println("courtside pipeline: finished, " + state);
    return state == PipelineResult.State.DONE ? 0 : 1;
  }

  /**
   * DirectRunner's immutability and encodability checks double its start-up time and halve its
   * throughput; they are for testing DoFns, which the test suite does with them on.
   */
  static String[] withDirectRunnerDefaults(List<String> args) {
    List<String> all = new ArrayList<>(args);
    boolean direct = args.stream().noneMatch(a -> a.startsWith("--runner=")) 
        || args.contains("--runner=DirectRunner");
    if (direct) {
      addIfAbsent(all, "--enforceImmutability", "false");
      addIfAbsent(all, "--enforceEncodability", "false");
      // run() returns at once; callers wait (or cancel) on the PipelineResult.
      addIfAbsent(all, "--blockOnRun", "false");
    }
    return all.toArray(new String[0]);
  }

  private static void addIfAbsent(List<String> args, String flag, String value) {
    if (args.stream().noneMatch(a -> a.equals(flag) || a.startsWith(flag + "="))) {
      args.add(flag + "=" + value);
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
