package io.courtside.cli;

import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.options.CourtsideOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Runs the Beam job with Beam's own flags ({@code --name=value}); Beam parses them, so every
 * option interface of the job and of the runner is accepted as documented by Beam. The job is
 * launched exactly as {@code java -cp ... PipelineLauncher} launches it ({@link PipelineLauncher}).
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

  @Override
  public Integer call() throws Exception {
    if (beamArgs.contains("--runner=SparkRunner")) {
      // Spark is not on this JVM's classpath (it would meet the CLI's own dependencies): run the
      // job through spark-submit in local[N], in a child JVM, exactly as on a cluster.
      return SparkLocal.run(beamArgs);
    }
    if (beamArgs.contains("--help") || beamArgs.contains("-h")) {
      System.out.println("Usage: courtside pipeline [--runner=DirectRunner|SparkRunner] [--backfill] [BEAM_FLAGS...]");
      System.out.println("With --runner=SparkRunner the job runs in Spark local[N] (--sparkMaster=local[N]).");
      System.out.println();
      PipelineOptionsFactory.register(CourtsideOptions.class);
      PipelineOptionsFactory.printHelp(System.out, CourtsideOptions.class);
      return 0;
    }
    return PipelineLauncher.run(beamArgs, System.err, "Run `courtside pipeline --help` for every flag.");
  }
}
