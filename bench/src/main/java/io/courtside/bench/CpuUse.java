package io.courtside.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU seconds the machine's work took during a drain, by role: the job (its JVM, and the Spark or
 * Flink cluster's JVMs when it runs on one; for the ceiling, the bench's own JVM with its writer
 * threads), influxd, and the Kafka broker. Read from the OS ({@link ProcessHandle}: {@code
 * /proc/PID/stat} on Linux) for the bench's JVM and every process it started; a drain takes the
 * difference of two readings, the second one before the job is stopped.
 *
 * <p>Why: the job, influxd and the broker share the machine's cores, so a drain's rate is bound by
 * their sum; these figures say which of them took the cores, turn rates into posts per core-second
 * for the capacity model, and show what a ratio to the influxd ceiling can reach at all.
 */
record CpuUse(double jobSeconds, double influxdSeconds, double kafkaSeconds) {

  /** The CPU seconds each process has used since it started, by PID, with its role. */
  record Reading(Map<Long, Double> seconds, Map<Long, Role> roles, boolean benchJvmIsTheJob) {}

  /**
   * Reads the bench's JVM and every process it started; {@code benchJvmIsTheJob}: the bench's own
   * JVM does the job's work (the ceiling's writer threads) and its started processes' JOB role
   * (idle clusters) is left out.
   */
  static Reading read(boolean benchJvmIsTheJob) {
    Map<Long, Double> seconds = new HashMap<>();
    Map<Long, Role> roles = new HashMap<>();
    if (benchJvmIsTheJob) {
      seconds.put(ProcessHandle.current().pid(), seconds(ProcessHandle.current().info()));
      roles.put(ProcessHandle.current().pid(), Role.JOB);
    }
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      ProcessHandle.Info info = p.info();
      Role role = role(info.command().orElse(""), arguments(p));
      if (role != Role.JOB || !benchJvmIsTheJob) {
        seconds.put(p.pid(), seconds(info));
        roles.put(p.pid(), role);
      }
    }
    return new Reading(seconds, roles, benchJvmIsTheJob);
  }

  /**
   * What each role used between two readings: per process, its time at {@code after} less its time
   * at {@code before} (0 if it started since). A process that ended in between is left out.
   */
  static CpuUse between(Reading before, Reading after) {
    double[] byRole = new double[Role.values().length];
    after
        .seconds()
        .forEach(
            (pid, s) ->
                byRole[after.roles().get(pid).ordinal()] +=
                    Math.max(0, s - before.seconds().getOrDefault(pid, 0.0)));
    return new CpuUse(
        byRole[Role.JOB.ordinal()], byRole[Role.INFLUXD.ordinal()], byRole[Role.KAFKA.ordinal()]);
  }

  enum Role {
    JOB,
    INFLUXD,
    KAFKA
  }

  /** A started process's role, from its command and arguments. */
  static Role role(String command, List<String> arguments) {
    if (command.endsWith("/influxd") || command.equals("influxd")) {
      return Role.INFLUXD;
    }
    if (arguments.stream().anyMatch(a -> a.startsWith("io.courtside.services.broker."))) {
      return Role.KAFKA;
    }
    return Role.JOB;
  }

  /**
   * A process's arguments. The JDK gives none for a command line longer than about 4 kB (every JVM
   * with the job's class path), so they are read from {@code /proc/PID/cmdline} when it has them.
   */
  static List<String> arguments(ProcessHandle p) {
    Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
    try {
      List<String> all =
          List.of(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"));
      return all.subList(1, all.size()); // all.get(0) is the command
    } catch (IOException | RuntimeException e) {
      return p.info().arguments().map(List::of).orElse(List.of());
    }
  }

  private static double seconds(ProcessHandle.Info info) {
    return info.totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
  }

  double totalSeconds() {
    return jobSeconds + influxdSeconds + kafkaSeconds;
  }
}
