package io.courtside.services.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stack start}: starts the services detached and returns once both are ready. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = "Start Kafka and influxd in the background; return once both are ready.")
public final class StackStart implements Callable<Integer> {

  @Mixin StackFlags.StateDir state;
  @Mixin StackFlags.Ports ports;
  @Spec CommandSpec spec;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      paramLabel = "N",
      description = "Partitions of topics created without a count (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--influxUrl",
      paramLabel = "URL",
      description =
          "Use this running InfluxDB instead of starting influxd (pass the same to the pipeline).")
  String influxUrl;

  @Option(names = "--influxAuth", description = "Start influxd with auth-enabled = true.")
  boolean influxAuth;

  @Option(
      names = "--timeout",
      defaultValue = "90",
      paramLabel = "SECONDS",
      description = "Start-up timeout per service (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    checkFlags();
    if (influxUrl != null) {
      try {
        StackConfig.checkNoCredentials(influxUrl);
      } catch (IllegalArgumentException e) {
        err.println("courtside stack start: " + e.getMessage());
        return StackCommand.USAGE;
      }
    }
    Optional<LocalStack> previous = LocalStack.attach(state.stateDir);
    if (previous.isPresent() && previous.get().isRunning()) {
      out.println("Stack already running:");
      print(out, previous.get());
      return StackCommand.OK;
    }
    if (previous.isPresent() && previous.get().anyAlive()) {
      // Half a stack (one service died): restart cleanly rather than guess which parts are sound.
      out.println("Stack partially running (" + previous.get().describe() + "); restarting it.");
      previous.get().close();
    }
    StackConfig config =
        StackConfig.defaults()
            .withKafkaPort(ports.kafkaPort)
            .withInfluxPort(ports.influxPort)
            .withKafkaPartitions(partitions)
            .withExternalInfluxUrl(influxUrl)
            .withInfluxAuth(influxAuth)
            .withDetach(true)
            .withStartTimeout(Duration.ofSeconds(timeoutSeconds));
    long t0 = System.nanoTime();
    try {
      LocalStack stack = LocalStack.start(state.stateDir, config);
      print(out, stack);
      out.printf(
          "Started in %.1f s; stop with `stack stop`%s.%n",
          (System.nanoTime() - t0) / 1e9,
          state.stateDir.toString().equals(".courtside") ? "" : " --stateDir " + state.stateDir);
      return StackCommand.OK;
    } catch (StackException.PortInUse e) {
      err.println(e.getMessage());
      return StackCommand.NOT_RUNNING_OR_PORT_TAKEN;
    } catch (StackException | IllegalArgumentException e) {
      err.println("Could not start the stack: " + e.getMessage());
      return StackCommand.FAILED;
    }
  }

  /**
   * Refuses a flag the stack cannot start with as a usage error naming it (exit 2), before anything
   * is stopped or started: {@code --partitions=0} was a stack trace from {@link StackConfig}
   * ("kafkaPartitions must be >= 1, was 0"), and a {@code --timeout} below 1 gave every service no
   * time to start. (The ports are checked by their converter, {@link StackFlags.Port}.)
   */
  private void checkFlags() {
    if (partitions < 1) {
      throw new ParameterException(
          spec.commandLine(), "--partitions must be at least 1, got " + partitions);
    }
    if (timeoutSeconds < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--timeout must be at least 1 (seconds each service may take to start), got "
              + timeoutSeconds);
    }
  }

  private static void print(PrintWriter out, LocalStack stack) {
    StackState st = stack.state();
    out.printf(
        "  kafka    %-24s pid %-8d log %s%n",
        st.kafkaBootstrap(), st.kafkaPid(), KafkaBrokerProcess.logFile(stack.stateDir()));
    if (st.influxExternal()) {
      out.printf("  influxdb %-24s (external)%n", st.influxUrl());
    } else {
      out.printf(
          "  influxd  %-24s pid %-8d log %s%n",
          st.influxUrl(), st.influxPid(), InfluxdProcess.logFile(stack.stateDir()));
    }
  }
}
