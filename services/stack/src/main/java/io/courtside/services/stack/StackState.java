package io.courtside.services.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What a started stack looks like, in {@code <stateDir>/stack.properties}: addresses and PIDs for
 * {@code stack status}, {@code stack stop} and any tool that wants the running stack's addresses.
 *
 * @param influxPid 0 when InfluxDB is external (not started by us)
 */
public record StackState(
    int kafkaPort, long kafkaPid, String influxUrl, long influxPid, Instant startedAt) {

  public static final String FILE = "stack.properties";

  public String kafkaBootstrap() {
    return FreePorts.LOOPBACK + ":" + kafkaPort;
  }

  public boolean influxExternal() {
    return influxPid == 0;
  }

  /**
   * The state folder as an absolute path without symlinks. Service command lines carry paths under
   * it as identity markers, so every JVM must spell it the same way, whatever its working directory
   * or the symlinks on the way there.
   */
  public static Path canonical(Path stateDir) {
    Path abs = stateDir.toAbsolutePath().normalize();
    try {
      return Files.exists(abs) ? abs.toRealPath() : abs;
    } catch (IOException e) {
      return abs;
    }
  }

  public static Path file(Path stateDir) {
    return stateDir.resolve(FILE);
  }

  public void write(Path stateDir) throws IOException {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap", kafkaBootstrap());
    p.setProperty("kafka.port", Integer.toString(kafkaPort));
    p.setProperty("kafka.pid", Long.toString(kafkaPid));
    p.setProperty("influx.url", influxUrl);
    p.setProperty("influx.external", Boolean.toString(influxExternal()));
    if (!influxExternal()) {
      p.setProperty("influx.pid", Long.toString(influxPid));
    }
    p.setProperty("started.at", startedAt.toString());
    StateFile.write(
        file(stateDir),
        p,
        "Local Courtside stack; written by `courtside stack start`, removed by `stop`");
  }

  /** The state of the last start, or empty if none (or unreadable). */
  public static Optional<StackState> read(Path stateDir) {
    return StateFile.read(
        file(stateDir),
        p ->
            new StackState(
                Integer.parseInt(p.getProperty("kafka.port")),
                Long.parseLong(p.getProperty("kafka.pid")),
                p.getProperty("influx.url"),
                parseLong(p.getProperty("influx.pid")).orElse(0),
                Instant.parse(p.getProperty("started.at"))));
  }

  public static void delete(Path stateDir) throws IOException {
    Files.deleteIfExists(file(stateDir));
  }

  private static OptionalLong parseLong(String s) {
    return s == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
  }
}
