package io.courtside.e2e;

import io.courtside.services.stack.Executables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline as users run it, {@code courtside pipeline ...}, in its own JVM (the CLI jar and its
 * classpath.txt from {@code mvn package}), known by PID: a test can kill -9 it, and see its command
 * line and output as {@code ps} and a terminal would.
 */
final class PipelineJvm implements AutoCloseable {
  private final Process process;
  private final Path log;

  private PipelineJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static PipelineJvm start(Path log, Map<String, String> env, List<String> pipelineArgs)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.add("pipeline");
    args.addAll(pipelineArgs);
    return cli(log, env, args);
  }

  /** {@code courtside COMMAND ARGS} in its own JVM, e.g. {@code submit --runner=FlinkRunner}. */
  static PipelineJvm cli(Path log, Map<String, String> env, List<String> commandAndArgs)
      throws IOException {
    return cli(log, env, commandAndArgs, false);
  }

  /**
   * As {@link #cli(Path, Map, List)}; with {@code ownSession}, the JVM leads a session and process
   * group of its own ({@code setsid}), as a command in a terminal does: {@link #interruptGroup}
   * then sends what the terminal's Ctrl-C sends.
   */
  static PipelineJvm cli(
      Path log, Map<String, String> env, List<String> commandAndArgs, boolean ownSession)
      throws IOException {
    Path home = Path.of(System.getProperty("courtside.home", "."));
    Path cli = home.resolve("cli/target");
    Path jar;
    try (var files = Files.list(cli)) {
      jar =
          files
              .filter(f -> f.getFileName().toString().matches("courtside-cli-.*\\.jar"))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("no CLI jar in " + cli + ": mvn package first"));
    }
    String classpath =
        Files.readString(cli.resolve("classpath.txt"), StandardCharsets.UTF_8).strip();
    List<String> cmd = new ArrayList<>();
    if (ownSession) {
      // A JVM's child never leads a process group, so setsid(1) does not fork: the PID is the
      // JVM's.
      cmd.add(
          Executables.find("setsid")
              .orElseThrow(() -> new IllegalStateException("setsid (util-linux) not found"))
              .toString());
      // A shell that starts a command in the background (`mvn verify &`, nohup, some CI agents)
      // passes SIGINT on as ignored, and a JVM keeps an ignored SIGINT ignored: Ctrl-C would do
      // nothing. A terminal's foreground command has the default, so reset it (coreutils 8.31+).
      cmd.add(
          Executables.find("env")
              .orElseThrow(() -> new IllegalStateException("env (coreutils) not found"))
              .toString());
      cmd.add("--default-signal=INT");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-Dcourtside.home=" + home);
    cmd.add("-cp");
    cmd.add(jar + ":" + classpath);
    cmd.add("io.courtside.cli.Courtside");
    cmd.addAll(commandAndArgs);
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    return new PipelineJvm(pb.start(), log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no final commit, no flush. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGINT to its whole process group, as Ctrl-C in a terminal; does not wait. */
  void interruptGroup() throws IOException, InterruptedException {
    if (ignoresSigint()) {
      throw new IllegalStateException(
          "pid " + process.pid() + " ignores SIGINT (inherited): Ctrl-C would test nothing");
    }
    Process kill =
        new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -INT -" + process.pid() + " failed");
    }
  }

  /** Whether the JVM inherited SIGINT as ignored (bit 2 of SigIgn in /proc/PID/status). */
  private boolean ignoresSigint() throws IOException {
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2L) != 0;
      }
    }
    return false;
  }

  /** SIGTERM, as a supervisor stops a command; does not wait. */
  void terminate() {
    process.destroy();
  }

  /** The exit code, or null if it still runs after {@code timeout}. */
  Integer awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** The last lines of its output, for assertion messages. */
  String outputTail() throws IOException {
    String[] lines = output().split("\n");
    return String.join(
        "\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
  }

  /** SIGTERM (the CLI cancels the job), SIGKILL after 20 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill9();
      }
    }
  }
}
