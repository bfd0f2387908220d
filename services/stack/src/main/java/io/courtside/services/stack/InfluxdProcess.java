package io.courtside.services.stack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts InfluxDB 1.x ({@code influxd run -config FILE}) with all its state under a folder.
 *
 * <p>State under {@code stateDir}: {@code influxdb/} (influxdb.conf, meta, data, wal), {@code
 * influxd.pid}, {@code logs/influxd.log}. The config is rewritten on every start (the ports may
 * change); the data folders are kept.
 */
public final class InfluxdProcess {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxdProcess.class);

  public static final String NAME = "influxd";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private InfluxdProcess() {}

  /** Starts influxd on 127.0.0.1:{@code httpPort} without auth, not detached. */
  public static ManagedProcess start(Path stateDir, int httpPort) {
    return start(stateDir, httpPort, false, false, DEFAULT_TIMEOUT);
  }

  /**
   * Starts influxd and returns once {@code GET /ping} answers 204.
   *
   * @param authEnabled {@code [http] auth-enabled}: then the first request must create an admin
   *     user
   * @param detach let influxd outlive this JVM (see {@link ManagedProcess#start})
   * @throws StackException if influxd is missing and cannot be installed, exits, or is not ready
   */
  public static ManagedProcess start(
      Path stateDir, int httpPort, boolean authEnabled, boolean detach, Duration timeout) {
    // Checked first: /ping on a port held by another InfluxDB would answer for a child that failed.
    if (!FreePorts.isFree(httpPort)) {
      throw new StackException.PortInUse("InfluxDB", httpPort);
    }
    Path influxd = InfluxdInstaller.findOrInstall();
    KafkaBrokerProcess.createDirectories(stateDir);
    Path config = configFile(stateDir);
    try {
      Path home = config.getParent();
      for (String dir : List.of("meta", "data", "wal")) {
        Files.createDirectories(home.resolve(dir));
      }
      Files.writeString(
          config, config(home, httpPort, FreePorts.pick(), authEnabled), StandardCharsets.UTF_8);
      ManagedProcess process =
          ManagedProcess.start(
              NAME,
              List.of(influxd.toString(), "run", "-config", config.toString()),
              logFile(stateDir),
              detach);
      try {
        awaitPing(process, httpPort, timeout);
        process.writePidFile(pidFile(stateDir));
        return process;
      } catch (RuntimeException e) {
        process.stop(Duration.ofSeconds(5));
        throw e;
      }
    } catch (IOException e) {
      throw new StackException("Could not start influxd: " + e.getMessage(), e);
    }
  }

  /** The influxd started with this state folder, if it is still running. */
  public static Optional<ManagedProcess> attach(Path stateDir) {
    return ManagedProcess.attach(NAME, pidFile(stateDir), logFile(stateDir), markers(stateDir));
  }

  static List<String> markers(Path stateDir) {
    return List.of("run", configFile(stateDir).toString());
  }

  static Path configFile(Path stateDir) {
    return StackState.canonical(stateDir).resolve("influxdb").resolve("influxdb.conf");
  }

  public static Path pidFile(Path stateDir) {
    return stateDir.resolve("influxd.pid");
  }

  public static Path logFile(Path stateDir) {
    return stateDir.resolve("logs").resolve("influxd.log");
  }

  /**
   * InfluxDB 1.6 config: loopback only (the HTTP API and the RPC port used by backup/restore, which
   * otherwise binds :8088 on all interfaces and collides between instances), no usage reporting, no
   * self-monitoring database, and no per-request or per-query logs.
   */
  static String config(Path home, int httpPort, int rpcPort, boolean authEnabled) {
    return String.join(
        "\n",
        "# Written by Courtside's stack on each start; edits are overwritten.",
        "reporting-disabled = true",
        "bind-address = \"127.0.0.1:" + rpcPort + "\"",
        "",
        "[meta]",
        "  dir = " + quote(home.resolve("meta")),
        "  logging-enabled = false",
        "",
        "[data]",
        "  dir = " + quote(home.resolve("data")),
        "  wal-dir = " + quote(home.resolve("wal")),
        "  query-log-enabled = false",
        "",
        "[monitor]",
        "  store-enabled = false",
        "",
        "[http]",
        "  enabled = true",
        "  bind-address = \"127.0.0.1:" + httpPort + "\"",
        "  auth-enabled = " + authEnabled,
        "  log-enabled = false",
        "",
        "[continuous_queries]",
        "  log-enabled = false",
        "",
        "[logging]",
        "  level = \"warn\"",
        "  suppress-logo = true",
        "");
  }

  private static String quote(Path p) {
    return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** True if {@code GET baseUrl/ping} answers 204, InfluxDB's health check. */
  public static boolean ping(String baseUrl) {
    try {
      HttpURLConnection http = (HttpURLConnection) new URL(baseUrl + "/ping").openConnection();
      http.setConnectTimeout(500);
      http.setReadTimeout(2000);
      try {
        return http.getResponseCode() == 204;
      } finally {
        http.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitPing(ManagedProcess process, int port, Duration timeout) {
    String url = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ping(url)) {
      if (!process.isAlive()) {
        throw new StackException(
            "influxd exited during start-up. Last lines of "
                + process.logFile()
                + ":"
                + System.lineSeparator()
                + process.logTail(25));
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            "influxd did not answer "
                + url
                + "/ping within "
                + timeout.toSeconds()
                + " s. Last lines of "
                + process.logFile()
                + ":"
                + System.lineSeparator()
                + process.logTail(25));
      }
      KafkaBrokerProcess.sleep(50);
    }
    LOG.debug("{} answers {}/ping", process, url);
  }
}
