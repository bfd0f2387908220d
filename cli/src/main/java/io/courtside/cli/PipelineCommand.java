package io.courtside.cli;

import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.options.CourtsideOptions;
import io.courtside.services.flink.FlinkLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Runs the Beam job with Beam's own flags ({@code --name=value}); Beam parses them, so every option
 * interface of the job and of the runner is accepted as documented by Beam. The job is launched
 * exactly as {@code java -cp ... PipelineLauncher} launches it ({@link PipelineLauncher}).
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
    final List<String> argv;
    try {
      argv = FlinkLocal.command(args);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("courtside pipeline: " + e.getMessage());
      return 2;
    }
    System.err.println(
        "courtside pipeline: FlinkRunner on an embedded Flink cluster (own JVM, job log follows)");
    return ForegroundProcess.run(argv, () -> FlinkLocal.deleteCheckpoints(argv));
  }

  @Override
  public Integer call() throws Exception {
    RunnerFlag runner;
    try {
      runner = RunnerFlag.of(beamArgs, RunnerFlag.DIRECT);
    } catch (IllegalArgumentException e) {
      System.err.println("courtside pipeline: " + e.getMessage());
      System.err.println("Run `courtside pipeline --help` for every flag.");
      return 2;
    }
    if (runner == RunnerFlag.SPARK) {
      // Spark is not on this JVM's classpath (it would meet the CLI's own dependencies): run the
      // job through spark-submit in local[N], in a child JVM, exactly as on a cluster.
      return SparkLocal.run(runner.in(beamArgs));
    }
    if (runner == RunnerFlag.FLINK) {
      return runOnEmbeddedFlink(runner.in(beamArgs));
    }
    if (beamArgs.contains("--help") || beamArgs.contains("-h")) {
      System.out.println(
          "Usage: courtside pipeline [--runner=DirectRunner|SparkRunner|FlinkRunner] [--backfill] [BEAM_FLAGS...]");
      System.out.println(
          "With --runner=SparkRunner the job runs in Spark local[N] (--sparkMaster=local[N]).");
      System.out.println(
          "With --runner=FlinkRunner it runs on an embedded Flink cluster in its own JVM;"
              + " a streaming start checkpoints every "
              + FlinkLocal.DEFAULT_CHECKPOINT_MILLIS / 1000
              + " s unless --checkpointingInterval=MS is given.");
      System.out.println();
      PipelineOptionsFactory.register(CourtsideOptions.class);
      PipelineOptionsFactory.printHelp(System.out, CourtsideOptions.class);
      return 0;
    }
    return PipelineLauncher.run(
        beamArgs, System.err, "Run `courtside pipeline --help` for every flag.");
  }
}
