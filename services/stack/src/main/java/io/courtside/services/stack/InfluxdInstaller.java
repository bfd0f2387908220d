package io.courtside.services.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@code influxd}, installing Debian's {@code influxdb} package when that is safe to do
 * unasked: running as root on Debian/Ubuntu. Anyone else gets a message saying how to install it or
 * how to use an InfluxDB that already runs elsewhere.
 */
final class InfluxdInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxdInstaller.class);

  /** Path to an influxd binary, overriding the PATH search (e.g. a tarball install). */
  static final String BINARY_PROPERTY = "courtside.influxd";

  static final String HOW_TO =
      "Install it with `sudo apt-get install influxdb influxdb-client` (Debian/Ubuntu;"
          + " any InfluxDB 1.x works, set -D"
          + BINARY_PROPERTY
          + "=/path/to/influxd if it is not on PATH),"
          + " or use an InfluxDB that already runs: `stack start --influxUrl=http://HOST:8086` starts no local"
          + " influxd, and the pipeline takes the same --influxUrl.";

  private InfluxdInstaller() {}

  static Path findOrInstall() {
    String configured = System.getProperty(BINARY_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      if (!Files.isExecutable(p)) {
        throw new StackException(
            BINARY_PROPERTY + "=" + configured + " is not an executable file.");
      }
      return p;
    }
    Optional<Path> found = Executables.find("influxd");
    if (found.isPresent()) {
      return found.get();
    }
    if (!canInstall()) {
      throw new StackException("influxd (InfluxDB) is not installed. " + HOW_TO);
    }
    install();
    return Executables.find("influxd")
        .orElseThrow(
            () ->
                new StackException(
                    "apt-get installed influxdb but no influxd is on PATH. " + HOW_TO));
  }

  private static boolean canInstall() {
    return Files.exists(Path.of("/etc/debian_version"))
        && isRoot()
        && Executables.find("apt-get").isPresent();
  }

  private static boolean isRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      return id.waitFor() == 0 && out.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void install() {
    LOG.info(
        "influxd not found; installing Debian packages influxdb and influxdb-client (running as root)");
    // A fresh machine or container may have no package lists yet: refresh only then.
    if (run(List.of("apt-cache", "show", "influxdb"), false) != 0) {
      LOG.info("Package influxdb unknown to apt; running apt-get update");
      check(run(List.of("apt-get", "update"), true), "apt-get update");
    }
    check(
        run(List.of("apt-get", "install", "-y", "influxdb", "influxdb-client"), true),
        "apt-get install -y influxdb influxdb-client");
    stopPackagedService();
  }

  /**
   * The package enables its own service on systemd machines, which would hold :8086 and :8088 and
   * write to /var/lib/influxdb. We installed it only to run our own influxd, so stop it again.
   */
  private static void stopPackagedService() {
    if (Executables.find("systemctl").isEmpty()) {
      return;
    }
    if (run(List.of("systemctl", "is-active", "--quiet", "influxdb"), false) == 0) {
      LOG.info(
          "Stopping and disabling the influxdb system service the package started"
              + " (Courtside runs its own influxd under .courtside/)");
      run(List.of("systemctl", "disable", "--now", "influxdb"), true);
    }
  }

  private static void check(int exit, String what) {
    if (exit != 0) {
      throw new StackException("`" + what + "` failed with exit code " + exit + ". " + HOW_TO);
    }
  }

  /** Runs a command; {@code visible} passes its output through so the user sees apt's progress. */
  private static int run(List<String> command, boolean visible) {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    if (visible) {
      pb.redirectOutput(ProcessBuilder.Redirect.INHERIT)
          .redirectError(ProcessBuilder.Redirect.INHERIT);
    } else {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    try {
      return pb.start().waitFor();
    } catch (IOException e) {
      throw new StackException(
          "Could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while running " + String.join(" ", command), e);
    }
  }
}
