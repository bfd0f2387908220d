package io.courtside.cli;

import io.courtside.services.flink.FlinkClusterState;
import io.courtside.services.flink.FlinkException;
import io.courtside.services.flink.FlinkRest;
import io.courtside.services.flink.FlinkSubmit;
import io.courtside.services.spark.JobJar;
import io.courtside.services.spark.SparkClusterState;
import io.courtside.services.spark.SparkException;
import io.courtside.services.spark.SparkHome;
import io.courtside.services.spark.SparkSubmitCommand;
import io.courtside.services.stack.StackFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code submit [BEAM_FLAGS]}: spark-submit the pipeline jar (client mode: the driver runs in a
 * child JVM here) to the local cluster of {@code spark start}, or to any {@code --master}; with
 * {@code --runner=FlinkRunner}, submit it to the local cluster of {@code flink start} or to {@code
 * --flinkMaster}.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "spark-submit the pipeline to the local Spark cluster (`courtside spark start`) or to"
          + " --master, and follow it until it ends (Ctrl-C stops it).",
      "With --runner=FlinkRunner: submit it to the local Flink cluster (`courtside flink"
          + " start`) or to --flinkMaster, and follow it; Ctrl-C stops it with a savepoint and"
          + " prints the command that resumes from it (--savepointPath=PATH).",
      "Every other flag is a Beam flag of the pipeline (--name=value), e.g. --bootstrapServers,"
          + " --checkpointDir, --batchIntervalMillis, --checkpointingInterval, --backfill."
    })
final class SubmitCommand implements Callable<Integer> {
  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "spark://host:port, local[N], ... (default: the cluster of `courtside spark start`).")
  String master;

  @Option(
      names = "--flinkMaster",
      paramLabel = "HOST:PORT",
      description =
          "FlinkRunner: the REST endpoint of a Flink 1.19 cluster (default: the cluster of"
              + " `courtside flink start`).")
  String flinkMaster;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Mixin StackFlags.StateDir state;

  @Option(names = "--dry-run", description = "Print the command instead of running it.")
  boolean dryRun;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    RunnerFlag runner;
    try {
      runner = RunnerFlag.of(beamArgs, RunnerFlag.SPARK);
      if (runner == RunnerFlag.DIRECT) {
        throw new IllegalArgumentException(
            "--runner=DirectRunner: submit sends the job to a cluster, give --runner=SparkRunner"
                + " (the default) or FlinkRunner; the DirectRunner runs with `courtside pipeline`");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("courtside submit: " + e.getMessage());
      return 2;
    }
    beamArgs = runner.in(beamArgs);
    if (runner == RunnerFlag.FLINK) {
      return submitToFlink();
    }
    try {
      String url =
          master != null
              ? master
              : localMaster()
                  .orElseThrow(
                      () ->
                          new SparkException(
                              "No local Spark cluster is running from "
                                  + state.stateDir.toAbsolutePath().normalize()
                                  + ": start one with `courtside spark start`, or give --master=URL."));
      List<String> argv = command(url, conf, beamArgs);
      if (dryRun) {
        System.out.println(SparkSubmitCommand.shell(argv));
        return 0;
      }
      System.err.println(
          "courtside submit: " + url + ", driver log follows (Ctrl-C stops the job)");
      return ForegroundProcess.run(argv);
    } catch (SparkException | IllegalArgumentException e) {
      System.err.println("courtside submit: " + e.getMessage());
      return 2;
    }
  }

  private int submitToFlink() throws Exception {
    try {
      String address;
      if (flinkMaster != null) {
        address = flinkMaster.replaceFirst("^https?://", "");
      } else {
        FlinkClusterState st =
            FlinkClusterState.read(state.stateDir)
                .orElseThrow(
                    () ->
                        new FlinkException(
                            "No local Flink cluster is running from "
                                + state.stateDir.toAbsolutePath().normalize()
                                + ": start one with `courtside flink start`, or give"
                                + " --flinkMaster=HOST:PORT."));
        address = st.restAddress();
      }
      String name = "courtside-" + System.currentTimeMillis();
      List<String> argv = FlinkSubmit.command(address, name, beamArgs);
      if (dryRun) {
        System.out.println(SparkSubmitCommand.shell(argv));
        return 0;
      }
      System.err.println(
          "courtside submit: FlinkRunner on "
              + address
              + " (web UI http://"
              + address
              + "), client log follows (Ctrl-C stops the job with a savepoint)");
      List<String> resume = new ArrayList<>();
      if (flinkMaster != null) {
        resume.add("--flinkMaster=" + flinkMaster);
      } else if (!state.stateDir.equals(Path.of(".courtside"))) {
        resume.add("--stateDir=" + state.stateDir);
      }
      beamArgs.stream()
          .filter(a -> !a.startsWith("--savepointPath=") && !a.startsWith("--runner="))
          .forEach(resume::add);
      return new FlinkJobProcess(
              argv, new FlinkRest(address), FlinkSubmit.jobName(argv, name), resume)
          .run();
    } catch (FlinkException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("courtside submit: " + e.getMessage());
      return 2;
    }
  }

  private Optional<String> localMaster() {
    return SparkClusterState.read(state.stateDir).map(SparkClusterState::masterUrl);
  }

  /** The local SparkSubmit JVM for {@code master}, loopback defaults first, then {@code conf}. */
  static List<String> command(String master, Map<String, String> conf, List<String> beamArgs) {
    Map<String, String> all = SparkSubmitCommand.localConf();
    all.putAll(conf);
    return new SparkSubmitCommand(master, "client", JobJar.locate(), all, beamArgs)
        .localCommand(SparkHome.locate().requireBuilt());
  }
}
