package io.courtside.services.stack;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stack start|stop|status}: the local Kafka broker and influxd, in the background.
 *
 * <p>Meant to be added as a subcommand of the top-level CLI; {@link #main} exists for running it
 * alone. Nothing here calls System.exit: each subcommand returns its exit code.
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = "Start, stop or inspect the local services: a KRaft Kafka broker and influxd.",
    subcommands = {StackStart.class, StackCommand.Stop.class, StackCommand.Status.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (start: also when already running; status: all services up)",
      "1:a service failed to start or stop (status: some services down)",
      "2:invalid usage",
      "3:start: a port is taken by another process; status: the stack is not running"
    })
public class StackCommand implements Callable<Integer> {

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int NOT_RUNNING_OR_PORT_TAKEN = 3;

  @Spec CommandSpec spec;

  public StackCommand() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new StackCommand()).execute(args));
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop exactly the processes `stack start` started (by PID, verified).")
  public static final class Stop implements Callable<Integer> {
    @Mixin StackFlags.StateDir state;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      var stack = LocalStack.attach(state.stateDir);
      if (stack.isEmpty()) {
        out.println("No stack running from " + state.stateDir.toAbsolutePath().normalize() + ".");
        return OK;
      }
      LocalStack s = stack.get();
      StackState st = s.state();
      String kafka =
          s.kafka()
              .map(p -> "stopped kafka (pid " + p.pid() + ")")
              .orElse("kafka (pid " + st.kafkaPid() + ") was not running");
      String influx =
          st.influxExternal()
              ? "external InfluxDB left alone"
              : s.influxd()
                  .map(p -> "stopped influxd (pid " + p.pid() + ")")
                  .orElse("influxd (pid " + st.influxPid() + ") was not running");
      try {
        s.close();
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("Could not stop the stack: " + e.getMessage());
        return FAILED;
      }
      out.println(capitalize(kafka) + "; " + influx + ".");
      return OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show each service with its PID, address and whether it is up.")
  public static final class Status implements Callable<Integer> {
    @Mixin StackFlags.StateDir state;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      var stack = LocalStack.attach(state.stateDir);
      if (stack.isEmpty()) {
        out.println("Stack not running (no " + StackState.file(state.stateDir) + ").");
        return NOT_RUNNING_OR_PORT_TAKEN;
      }
      LocalStack s = stack.get();
      StackState st = s.state();
      // Up = our verified PID is alive and its port answers; a live PID alone may still be
      // starting.
      boolean kafkaUp = s.kafka().isPresent() && FreePorts.isListening(st.kafkaPort());
      boolean influxUp =
          (st.influxExternal() || s.influxd().isPresent()) && InfluxdProcess.ping(st.influxUrl());
      out.printf(
          "%-8s %-5s %-12s %s%n",
          "kafka", upDown(kafkaUp), "pid " + st.kafkaPid(), st.kafkaBootstrap());
      out.printf(
          "%-8s %-5s %-12s %s%n",
          "influxd",
          upDown(influxUp),
          st.influxExternal() ? "external" : "pid " + st.influxPid(),
          st.influxUrl());
      out.println(
          "state: " + state.stateDir.toAbsolutePath().normalize() + ", started " + st.startedAt());
      if (kafkaUp && influxUp) {
        return OK;
      }
      return s.anyAlive() ? FAILED : NOT_RUNNING_OR_PORT_TAKEN;
    }

    private static String upDown(boolean up) {
      return up ? "up" : "DOWN";
    }
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
