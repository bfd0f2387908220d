package io.courtside.cli;

import io.courtside.dashboard.DashboardCommand;
import io.courtside.ingest.IngestCommand;
import io.courtside.pipeline.launch.ExitWithin;
import io.courtside.sentiment.ScoreCommand;
import io.courtside.services.stack.StackCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code courtside} command: one entry point for every way to run the project locally. */
@Command(
    name = "courtside",
    mixinStandardHelpOptions = true,
    version = "courtside 0.1.0-SNAPSHOT",
    description = {
      "Real-time sentiment of what fans post: posts -> Kafka -> Beam (VADER, event-time windows)"
          + " -> InfluxDB -> Grafana.",
      ""
    },
    subcommands = {
      DemoCommand.class,
      StackCommand.class,
      IngestCommand.class,
      PipelineCommand.class,
      VerifyCommand.class,
      SparkCommand.class,
      FlinkCommand.class,
      SubmitCommand.class,
      LaunchCommand.class,
      ScoreCommand.class,
      DashboardCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Start with `./courtside demo`; `./courtside test` runs every test.",
      "Run `courtside COMMAND --help` for a command's flags."
    })
public final class Courtside implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    // The command has ended: its hooks (stopping the processes it started, cancelling a job) get
    // two minutes, then the JVM halts with the command's code instead of hanging (ExitWithin).
    ExitWithin.exit(commandLine().execute(args), java.time.Duration.ofMinutes(2));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Courtside());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return UnknownFlagsFirst.install(cli);
  }
}
