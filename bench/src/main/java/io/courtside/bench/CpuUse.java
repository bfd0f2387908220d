package io.courtside.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
record CpuUse(
    double jobSeconds, double jobCompilerSeconds, double influxdSeconds, double kafkaSeconds) {

  /**
   * Linux's unit of {@code /proc} CPU times: 100 per second on every architecture the JDK runs on
   * (the kernel's {@code USER_HZ}, which {@code sysconf(_SC_CLK_TCK)} reports).
   */
  static final int USER_HZ = 100;

  /** A JIT compiler thread's name as {@code /proc} gives it (cut to 15 bytes). */
  private static final Pattern COMPILER_THREAD = Pattern.compile("C[12] CompilerThre.*");

  /**
   * The CPU seconds each process has used since it started, by PID, with its role, and the part of
   * it that the JIT compiler threads of each job JVM used ({@link #compilerSeconds}), read once
   * just before the process's total ({@code compilerBefore}) and once just after ({@code
   * compilerAfter}).
   *
   * <p>Why twice: the compiler threads and the total are separate reads, and a busy JVM compiles in
   * between. {@link #between} takes the compiler's time at the start from after the start's total
   * and at the end from before the end's total, so the part is measured over a span inside the
   * whole's and cannot outgrow it by the JIT's work between two reads (the ceiling's job, the
   * bench's own JVM, used 0.09 s in a smoke run and its compiler 0.10 s the other way round).
   */
  record Reading(
      Map<Long, Double> seconds,
      Map<Long, Double> compilerBefore,
      Map<Long, Double> compilerAfter,
      Map<Long, Role> roles,
      boolean benchJvmIsTheJob) {}

  /**
   * Reads the bench's JVM and every process it started; {@code benchJvmIsTheJob}: the bench's own
   * JVM does the job's work (the ceiling's writer threads) and its started processes' JOB role
   * (idle clusters) is left out.
   */
  static Reading read(boolean benchJvmIsTheJob) {
    Map<Long, Double> seconds = new HashMap<>();
    Map<Long, Double> compilerBefore = new HashMap<>();
    Map<Long, Double> compilerAfter = new HashMap<>();
    Map<Long, Role> roles = new HashMap<>();
    if (benchJvmIsTheJob) {
      long self = ProcessHandle.current().pid();
      compilerBefore.put(self, compilerSeconds(self));
      seconds.put(self, seconds(ProcessHandle.current().info()));
      compilerAfter.put(self, compilerSeconds(self));
      roles.put(self, Role.JOB);
    }
    for (ProcessHandle p : ProcessHandle.current().descendants().toList()) {
      Role role = role(p.info().command().orElse(""), arguments(p));
      if (role != Role.JOB || !benchJvmIsTheJob) {
        roles.put(p.pid(), role);
        if (role == Role.JOB) {
          compilerBefore.put(p.pid(), compilerSeconds(p.pid()));
        }
        seconds.put(p.pid(), seconds(p.info()));
        if (role == Role.JOB) {
          compilerAfter.put(p.pid(), compilerSeconds(p.pid()));
        }
      }
    }
    return new Reading(seconds, compilerBefore, compilerAfter, roles, benchJvmIsTheJob);
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
    double compiler = 0;
    for (Map.Entry<Long, Double> e : after.compilerBefore().entrySet()) {
      compiler += Math.max(0, e.getValue() - before.compilerAfter().getOrDefault(e.getKey(), 0.0));
    }
    return new CpuUse(
        byRole[Role.JOB.ordinal()],
        compiler,
        byRole[Role.INFLUXD.ordinal()],
        byRole[Role.KAFKA.ordinal()]);
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

  /**
   * The CPU seconds a JVM's JIT compiler threads have used: its threads named {@code C1
   * CompilerThreadN} or {@code C2 CompilerThreadN}, from {@code /proc/PID/task/TID/stat}; 0 where
   * there is no such file (not Linux, a process that is gone) or the process is no JVM. A lower
   * bound: a compiler thread the JVM has stopped (it adds and removes them with its queue when it
   * has more than one per compiler, on machines with more cores) is no longer listed.
   *
   * <p>Why read threads: on a short drain a Beam job's JVM spends a large share of its CPU
   * compiling the runner's code (2026-11-30, bench/README "Not changed, measured: the JIT
   * compiler"); the process's total alone cannot tell that from the job's work.
   */
  static double compilerSeconds(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long ticks = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path t : threads.toList()) {
        try {
          ticks += compilerTicks(Files.readString(t.resolve("stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException gone) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return ticks / (double) USER_HZ;
  }

  /**
   * A thread's user + system time in ticks from its {@code stat} line when it is a JIT compiler
   * thread, else 0. The name is between the first '(' and the last ')' (it may hold both) and the
   * kernel cuts it to 15 bytes; utime and stime are the 14th and 15th fields.
   */
  static long compilerTicks(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return 0;
    }
    String name = stat.substring(open + 1, close);
    if (!COMPILER_THREAD.matcher(name).matches()) {
      return 0;
    }
    String[] fields = stat.substring(close + 2).trim().split(" +");
    // fields[0] is the 3rd field (state): utime is the 14th, stime the 15th.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static double seconds(ProcessHandle.Info info) {
    return info.totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
  }

  double totalSeconds() {
    return jobSeconds + influxdSeconds + kafkaSeconds;
  }
}
