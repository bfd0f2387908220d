package io.courtside.cli;

import io.courtside.services.flink.FlinkCluster;
import io.courtside.services.flink.FlinkClusterConfig;
import io.courtside.services.flink.FlinkClusterState;
import io.courtside.services.flink.FlinkException;
import io.courtside.services.flink.FlinkRest;
import io.courtside.services.stack.StackFlags;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flink start|stop|status}: a local Flink session cluster on 127.0.0.1. */
@Command(
    name = "flink",
    mixinStandardHelpOptions = true,
    description = {
      "Start, stop or inspect a local Flink 1.19 session cluster (one JobManager, one TaskManager)"
          + " on 127.0.0.1, run from the Flink home assembled by the build.",
      "Submit the pipeline to it with `courtside submit --runner=FlinkRunner`."
    },
    subcommands = {FlinkCommand.Start.class, FlinkCommand.Stop.class, FlinkCommand.Status.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (status: JobManager and TaskManager up)",
      "1:failed to start or stop (status: partly down)",
      "2:invalid usage",
      "3:status: not running"
    })
final class FlinkCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {
        "Start the JobManager and a TaskManager in the background; return once the TaskManager"
            + " has registered its slots.",
        "With the JobManager up and the TaskManager gone (a crash), start only a new TaskManager:"
            + " running jobs restart from their last checkpoint."
      })
  static final class Start implements Callable<Integer> {
    @Mixin StackFlags.StateDir state;
    @Spec CommandSpec spec;

    @Option(
        names = "--restPort",
        defaultValue = "8081",
        converter = StackFlags.Port.class,
        paramLabel = "PORT",
        description =
            "REST endpoint and web UI on 127.0.0.1; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(
        names = "--slots",
        defaultValue = "2",
        paramLabel = "N",
        description = "Task slots of the TaskManager, one per core (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(
        names = "--memory",
        defaultValue = "1536m",
        paramLabel = "SIZE",
        description = "TaskManager process memory, e.g. 1536m or 2g (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(
        names = "--checkpointDir",
        paramLabel = "DIR",
        description =
            "Where checkpoints/ and savepoints/ go (default: <stateDir>/flink/state). Savepoints"
                + " outlive the cluster: keep them on a disk that does.")
    Path checkpointDir;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Optional<FlinkCluster> previous = FlinkCluster.attach(state.stateDir);
      try {
        if (previous.isPresent() && previous.get().isRunning()) {
          out.println("Flink already running:");
          print(out, previous.get().state());
          return 0;
        }
        if (previous.isPresent() && previous.get().jobManager().isPresent()) {
          out.println("The TaskManager is down; starting a new one.");
          previous.get().startTaskManager();
          print(out, previous.get().state());
          return 0;
        }
        previous.filter(FlinkCluster::anyAlive).ifPresent(FlinkCluster::close);
        long t0 = System.nanoTime();
        FlinkClusterConfig config =
            FlinkClusterConfig.defaults()
                .withRestPort(restPort)
                .withTaskManager(slots, memory)
                .withStateDir(checkpointDir)
                .withDetach(true);
        FlinkCluster cluster = FlinkCluster.start(state.stateDir, config);
        print(out, cluster.state());
        out.printf(
            "Started in %.1f s. Submit with `courtside submit --runner=FlinkRunner [BEAM_FLAGS]`;"
                + " stop with `courtside flink stop`.%n",
            (System.nanoTime() - t0) / 1e9);
        return 0;
      } catch (FlinkException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("Could not start Flink: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = {
        "Stop exactly the JobManager and TaskManager `flink start` started (by PID, verified).",
        "Running jobs end with them: stop a job first (Ctrl-C on `courtside submit` stops it with a"
            + " savepoint)."
      })
  static final class Stop implements Callable<Integer> {
    @Mixin StackFlags.StateDir state;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Optional<FlinkCluster> cluster = FlinkCluster.attach(state.stateDir);
      if (cluster.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println(
                "No Flink cluster running from "
                    + state.stateDir.toAbsolutePath().normalize()
                    + ".");
        return 0;
      }
      String what = cluster.get().describe();
      try {
        cluster.get().close();
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("Could not stop Flink: " + e.getMessage());
        return 1;
      }
      spec.commandLine().getOut().println("Stopped Flink (" + what + ").");
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show JobManager, TaskManager and jobs, with PIDs and addresses.")
  static final class Status implements Callable<Integer> {
    @Mixin StackFlags.StateDir state;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Optional<FlinkCluster> cluster = FlinkCluster.attach(state.stateDir);
      if (cluster.isEmpty()) {
        out.println(
            "Flink not running (no cluster started from "
                + state.stateDir.toAbsolutePath().normalize()
                + ").");
        return 3;
      }
      FlinkCluster c = cluster.get();
      FlinkClusterState st = c.state();
      out.printf(
          "%-12s %-5s pid %-8d REST and UI %s%n",
          "jobmanager", c.jobManager().isPresent() ? "up" : "DOWN", st.jobManagerPid(), st.webUi());
      out.printf(
          "%-12s %-5s pid %-8d %d slots%n",
          "taskmanager",
          c.taskManager().isPresent() ? "up" : "DOWN",
          st.taskManagerPid(),
          st.slots());
      out.printf("%-12s %s%n", "savepoints", st.savepoints());
      if (c.jobManager().isPresent()) {
        try {
          List<FlinkRest.Job> jobs = c.rest().jobs();
          for (FlinkRest.Job j : jobs) {
            out.printf("%-12s %-10s %s %s%n", "job", j.state(), j.id(), j.name());
          }
        } catch (IOException e) {
          out.println("jobs         (REST endpoint not answering: " + e.getMessage() + ")");
        }
      }
      if (c.isRunning()) {
        return 0;
      }
      return c.anyAlive() ? 1 : 3;
    }
  }

  static void print(PrintWriter out, FlinkClusterState st) {
    out.printf("  jobmanager   pid %-8d REST and UI %s%n", st.jobManagerPid(), st.webUi());
    out.printf("  taskmanager  pid %-8d %d slots%n", st.taskManagerPid(), st.slots());
    out.printf("  savepoints   %s%n", st.savepoints());
  }
}
