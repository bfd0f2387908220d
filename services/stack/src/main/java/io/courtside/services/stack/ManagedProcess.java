package io.courtside.services.stack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local service process known by PID: either started here, or re-attached from a pid file by a
 * later JVM (for {@code stack stop}).
 *
 * <p>Identity is checked through the command line: a re-attached PID is accepted only if its
 * arguments still hold the markers the service was started with (an absolute config or data path),
 * so a PID recycled by an unrelated process is never signalled. {@link ProcessHandle} additionally
 * refuses to signal a process whose start time changed since the handle was made.
 */
public final class ManagedProcess {

  private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);

  private final String name;
  private final ProcessHandle handle;
  private final Path logFile;

  private ManagedProcess(String name, ProcessHandle handle, Path logFile) {
    this.name = name;
    this.handle = handle;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} with stdout and stderr appended to {@code logFile} and stdin from
   * /dev/null.
   *
   * @param detach run it in its own session (via {@code setsid}) so that it outlives this JVM and
   *     the terminal's Ctrl-C or hang-up; use false when this JVM will stop it itself
   */
  public static ManagedProcess start(
      String name, List<String> command, Path logFile, boolean detach) throws IOException {
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    List<String> argv = new ArrayList<>();
    Optional<Path> setsid = detach ? Executables.find("setsid") : Optional.empty();
    // setsid(1) only forks when the caller leads a process group, which a JVM child never does:
    // the PID we get back stays the service's own PID.
    setsid.ifPresent(p -> argv.add(p.toString()));
    argv.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            // Not a pipe: a pipe to this JVM would close (or fill) once it exits.
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = pb.start();
    LOG.debug("Started {} pid {}: {}", name, process.pid(), argv);
    return new ManagedProcess(name, process.toHandle(), logFile);
  }

  /**
   * Re-attaches to the PID in {@code pidFile} if it is alive and its arguments hold every marker.
   */
  public static Optional<ManagedProcess> attach(
      String name, Path pidFile, Path logFile, List<String> markers) {
    return readPid(pidFile).flatMap(pid -> attach(name, pid, logFile, markers));
  }

  /** Re-attaches to {@code pid} if it is alive and its arguments hold every marker. */
  public static Optional<ManagedProcess> attach(
      String name, long pid, Path logFile, List<String> markers) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return Optional.empty();
    }
    List<String> args = arguments(pid);
    if (!args.containsAll(markers)) {
      LOG.debug("pid {} is alive but is not our {} (args {})", pid, name, args);
      return Optional.empty();
    }
    return Optional.of(new ManagedProcess(name, handle.get(), logFile));
  }

  static Optional<Long> readPid(Path pidFile) {
    try {
      return Optional.of(
          Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The argv of a process, empty if it is gone or unreadable. /proc is exact; Info is the fallback.
   */
  static List<String> arguments(long pid) {
    Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
    try {
      byte[] raw = Files.readAllBytes(cmdline);
      if (raw.length > 0) {
        String all = new String(raw, StandardCharsets.UTF_8);
        return Arrays.asList(all.split("\0"));
      }
    } catch (IOException e) {
      // Not Linux, or the process is gone: fall back below.
    }
    return ProcessHandle.of(pid)
        .map(
            h -> {
              List<String> out = new ArrayList<>();
              h.info().command().ifPresent(out::add);
              h.info().arguments().ifPresent(a -> out.addAll(Arrays.asList(a)));
              return out;
            })
        .orElse(List.of());
  }

  public String name() {
    return name;
  }

  public long pid() {
    return handle.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return handle.isAlive();
  }

  public CompletableFuture<ProcessHandle> onExit() {
    return handle.onExit();
  }

  public void writePidFile(Path pidFile) throws IOException {
    Files.createDirectories(pidFile.toAbsolutePath().getParent());
    Files.writeString(pidFile, pid() + "\n", StandardCharsets.US_ASCII);
  }

  /**
   * SIGTERM, then SIGKILL if the process is still alive after {@code grace}.
   *
   * @return true if it ended on SIGTERM (or was already gone), false if SIGKILL was needed
   */
  public boolean stop(Duration grace) {
    if (!handle.isAlive()) {
      return true;
    }
    LOG.debug("Stopping {} (pid {}) with SIGTERM", name, pid());
    handle.destroy();
    if (awaitExit(grace)) {
      return true;
    }
    LOG.warn(
        "{} (pid {}) still running {} ms after SIGTERM; sending SIGKILL",
        name,
        pid(),
        grace.toMillis());
    handle.destroyForcibly();
    if (!awaitExit(Duration.ofSeconds(10))) {
      throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL");
    }
    return false;
  }

  private boolean awaitExit(Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return !handle.isAlive();
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  /** The last {@code lines} lines of the log file, for error messages. */
  public String logTail(int lines) {
    return tail(logFile, lines);
  }

  /** The last {@code lines} lines of {@code file} (its last 16 KiB at most). */
  public static String tail(Path file, int lines) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      int size = (int) Math.min(length, 16_384);
      byte[] buf = new byte[size];
      raf.seek(length - size);
      raf.readFully(buf);
      String[] all = new String(buf, StandardCharsets.UTF_8).split("\r?\n");
      int from = Math.max(0, all.length - lines);
      return String.join(System.lineSeparator(), Arrays.asList(all).subList(from, all.length));
    } catch (IOException e) {
      return "(no log at " + file + ")";
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
