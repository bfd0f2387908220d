package io.courtside.services.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the KRaft broker of module {@code courtside-broker} in its own JVM.
 *
 * <p>The broker runs on Scala 2.13, which must never share a classpath with Spark's 2.12, so this
 * module does not depend on it: it launches {@code java -cp <broker jar>:<classpath.txt>}, both
 * written by the broker module's {@code mvn package}.
 *
 * <p>State under {@code stateDir}: {@code kafka/} (cluster id, config, logs), {@code kafka.pid},
 * {@code logs/kafka.log}.
 */
public final class KafkaBrokerProcess {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerProcess.class);

  public static final String NAME = "kafka";
  public static final String MAIN_CLASS = "io.courtside.services.broker.KraftBroker";
  public static final String HOME_PROPERTY = "courtside.home";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private KafkaBrokerProcess() {}

  /** Starts the broker on 127.0.0.1:{@code port} with defaults: 3 partitions, not detached. */
  public static ManagedProcess start(Path stateDir, int port) {
    return start(stateDir, port, 3, false, DEFAULT_TIMEOUT);
  }

  /**
   * Starts the broker and returns once it prints {@code READY}.
   *
   * @param partitions num.partitions for topics created without an explicit count
   * @param detach let the broker outlive this JVM (see {@link ManagedProcess#start})
   * @throws StackException if the broker exits or is not ready within {@code timeout}; the message
   *     carries the tail of its log
   */
  public static ManagedProcess start(
      Path stateDir, int port, int partitions, boolean detach, Duration timeout) {
    return start(stateDir, port, partitions, detach, timeout, List.of());
  }

  /**
   * As {@link #start(Path, int, int, boolean, Duration)}, with more of the broker's own flags (e.g.
   * {@code --saslPort} and {@code --saslUsers} for a listener that requires SASL/PLAIN).
   */
  public static ManagedProcess start(
      Path stateDir,
      int port,
      int partitions,
      boolean detach,
      Duration timeout,
      List<String> brokerFlags) {
    if (!FreePorts.isFree(port)) {
      throw new StackException.PortInUse("Kafka", port);
    }
    createDirectories(stateDir);
    Path dataDir = dataDir(stateDir);
    Path log = logFile(stateDir);
    List<String> command = new ArrayList<>();
    command.add(Executables.currentJava().toString());
    command.add("-Xmx512m");
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(brokerClasspath());
    command.add(MAIN_CLASS);
    command.add("--host");
    command.add(FreePorts.LOOPBACK);
    command.add("--port");
    command.add(Integer.toString(port));
    command.add("--partitions");
    command.add(Integer.toString(partitions));
    // Separate arguments, not --dataDir=...: the path is the identity marker checked on attach.
    command.add("--dataDir");
    command.add(dataDir.toString());
    command.addAll(brokerFlags);
    try {
      Files.createDirectories(dataDir);
      long logStart = Files.exists(log) ? Files.size(log) : 0;
      ManagedProcess broker = ManagedProcess.start(NAME, command, log, detach);
      try {
        awaitReady(broker, logStart, "READY " + FreePorts.LOOPBACK + ":" + port, timeout);
        broker.writePidFile(pidFile(stateDir));
        return broker;
      } catch (RuntimeException e) {
        broker.stop(Duration.ofSeconds(10));
        throw e;
      }
    } catch (IOException e) {
      throw new StackException("Could not start the Kafka broker: " + e.getMessage(), e);
    }
  }

  static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StackException("Cannot create " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** The broker started with this state folder, if it is still running. */
  public static Optional<ManagedProcess> attach(Path stateDir) {
    return ManagedProcess.attach(NAME, pidFile(stateDir), logFile(stateDir), markers(stateDir));
  }

  static List<String> markers(Path stateDir) {
    return List.of(MAIN_CLASS, dataDir(stateDir).toString());
  }

  static Path dataDir(Path stateDir) {
    return StackState.canonical(stateDir).resolve("kafka");
  }

  public static Path pidFile(Path stateDir) {
    return stateDir.resolve("kafka.pid");
  }

  public static Path logFile(Path stateDir) {
    return stateDir.resolve("logs").resolve("kafka.log");
  }

  /**
   * The broker jar plus its runtime classpath. The root comes from system property {@code
   * courtside.home} (set by ./courtside and the tests), else env {@code COURTSIDE_HOME}, else the
   * working directory.
   */
  static String brokerClasspath() {
    Path target = courtsideHome().resolve("services/broker/target");
    Path cpFile = target.resolve("classpath.txt");
    Optional<Path> jar = brokerJar(target);
    if (!Files.isRegularFile(cpFile) || jar.isEmpty()) {
      throw new StackException(
          "The Kafka broker is not built: "
              + cpFile
              + " or the courtside-broker jar"
              + " next to it is missing. Build it first: `mvn -B -q -pl services/broker -am package` in "
              + courtsideHome()
              + " (or set -D"
              + HOME_PROPERTY
              + " to the Courtside checkout).");
    }
    try {
      String deps = Files.readString(cpFile, StandardCharsets.UTF_8).trim();
      return deps.isEmpty() ? jar.get().toString() : jar.get() + java.io.File.pathSeparator + deps;
    } catch (IOException e) {
      throw new StackException("Could not read " + cpFile + ": " + e.getMessage(), e);
    }
  }

  public static Path courtsideHome() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      home = System.getenv("COURTSIDE_HOME");
    }
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  /** True when the broker module has been packaged under {@link #courtsideHome()}. */
  public static boolean isBuilt() {
    Path target = courtsideHome().resolve("services/broker/target");
    return Files.isRegularFile(target.resolve("classpath.txt")) && brokerJar(target).isPresent();
  }

  private static Optional<Path> brokerJar(Path target) {
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "courtside-broker-*.jar")) {
      for (Path jar : jars) {
        String name = jar.getFileName().toString();
        if (!name.endsWith("-sources.jar")
            && !name.endsWith("-tests.jar")
            && !name.endsWith("-javadoc.jar")) {
          return Optional.of(jar);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Waits for the READY line written after {@code offset} of the log (earlier runs append too). */
  private static void awaitReady(
      ManagedProcess broker, long offset, String readyLine, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (logContains(broker.logFile(), offset, readyLine)) {
        LOG.debug("{} is ready", broker);
        return;
      }
      if (!broker.isAlive()) {
        throw new StackException(
            "The Kafka broker exited during start-up. Last lines of "
                + broker.logFile()
                + ":"
                + System.lineSeparator()
                + broker.logTail(25));
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            "The Kafka broker was not ready after "
                + timeout.toSeconds()
                + " s. Last lines of "
                + broker.logFile()
                + ":"
                + System.lineSeparator()
                + broker.logTail(25));
      }
      sleep(100);
    }
  }

  private static boolean logContains(Path log, long offset, String line) {
    try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
      long length = raf.length();
      if (length <= offset) {
        return false;
      }
      raf.seek(offset);
      byte[] buf = new byte[(int) Math.min(length - offset, 1 << 20)];
      raf.readFully(buf);
      return new String(buf, StandardCharsets.UTF_8).lines().anyMatch(line::equals);
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while waiting for a service to start", e);
    }
  }
}
