package io.courtside.cli;

import io.courtside.services.spark.SparkCluster;
import io.courtside.services.spark.SparkClusterConfig;
import io.courtside.services.spark.SparkClusterState;
import io.courtside.services.spark.SparkException;
import io.courtside.services.stack.StackFlags;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spark start|stop|status}: a local Spark standalone master and worker on 127.0.0.1. */
@Command(
    name = "spark",
    mixinStandardHelpOptions = true,
    description = {
      "Start, stop or inspect a local Spark standalone cluster (one master, one worker) on"
          + " 127.0.0.1, run from the Spark home assembled by the build.",
      "Submit the pipeline to it with `courtside submit`."
    },
    subcommands = {SparkCommand.Start.class, SparkCommand.Stop.class, SparkCommand.Status.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (status: master and worker up)",
      "1:failed to start or stop (status: partly down)",
      "2:invalid usage",
      "3:status: not running"
    })
final class SparkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Start master and worker in the background; return once the worker has registered.")
  static final class Start implements Callable<Integer> {
    @Mixin StackFlags.StateDir state;
    @Spec CommandSpec spec;

    @Option(
        names = "--masterPort",
        defaultValue = "7077",
        converter = StackFlags.Port.class,
        paramLabel = "PORT",
        description = "Master port on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int masterPort;

    @Option(
        names = "--cores",
        defaultValue = "2",
        paramLabel = "N",
        description = "Cores the worker offers (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(
        names = "--memory",
        defaultValue = "2g",
        paramLabel = "SIZE",
        description = "Memory the worker offers, e.g. 1g (default: ${DEFAULT-VALUE}).")
    String memory;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Optional<SparkCluster> previous = SparkCluster.attach(state.stateDir);
      if (previous.isPresent() && previous.get().isRunning()) {
        out.println("Spark already running:");
        print(out, previous.get().state());
        return 0;
      }
      previous
          .filter(SparkCluster::anyAlive)
          .ifPresent(
              c -> {
                out.println("Spark partially running (" + c.describe() + "); restarting it.");
                c.close();
              });
      long t0 = System.nanoTime();
      try {
        SparkClusterConfig config =
            SparkClusterConfig.defaults()
                .withMasterPort(masterPort)
                .withWorker(cores, memory)
                .withDetach(true)
                .withStartTimeout(Duration.ofSeconds(90));
        SparkCluster cluster = SparkCluster.start(state.stateDir, config);
        print(out, cluster.state());
        out.printf(
            "Started in %.1f s. Submit with `courtside submit [BEAM_FLAGS]`; stop with"
                + " `courtside spark stop`.%n",
            (System.nanoTime() - t0) / 1e9);
        return 0;
      } catch (SparkException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("Could not start Spark: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop exactly the master and worker `spark start` started (by PID, verified).")
  static final class Stop implements Callable<Integer> {
    @Mixin StackFlags.StateDir state;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Optional<SparkCluster> cluster = SparkCluster.attach(state.stateDir);
      if (cluster.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println(
                "No Spark cluster running from "
                    + state.stateDir.toAbsolutePath().normalize()
                    + ".");
        return 0;
      }
      String what = cluster.get().describe();
      try {
        cluster.get().close();
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("Could not stop Spark: " + e.getMessage());
        return 1;
      }
      spec.commandLine().getOut().println("Stopped Spark (" + what + ").");
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show master and worker with their PIDs and addresses.")
  static final class Status implements Callable<Integer> {
    @Mixin StackFlags.StateDir state;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Optional<SparkCluster> cluster = SparkCluster.attach(state.stateDir);
      if (cluster.isEmpty()) {
        out.println(
            "Spark not running (no cluster started from "
                + state.stateDir.toAbsolutePath().normalize()
                + ").");
        return 3;
      }
      SparkCluster c = cluster.get();
      SparkClusterState st = c.state();
      out.printf(
          "%-7s %-5s pid %-8d %s (UI %s)%n",
          "master",
          c.master().isPresent() ? "up" : "DOWN",
          st.masterPid(),
          st.masterUrl(),
          st.masterUi());
      out.printf(
          "%-7s %-5s pid %-8d %d cores (UI http://127.0.0.1:%d)%n",
          "worker",
          c.worker().isPresent() ? "up" : "DOWN",
          st.workerPid(),
          st.workerCores(),
          st.workerUiPort());
      if (c.isRunning()) {
        return 0;
      }
      return c.anyAlive() ? 1 : 3;
    }
  }

  static void print(PrintWriter out, SparkClusterState st) {
    out.printf("  master   %-26s pid %-8d UI %s%n", st.masterUrl(), st.masterPid(), st.masterUi());
    out.printf(
        "  worker   %-26s pid %-8d UI http://127.0.0.1:%d%n",
        st.workerCores() + " cores", st.workerPid(), st.workerUiPort());
  }
}
