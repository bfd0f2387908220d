package io.courtside.services.spark;

import io.courtside.services.stack.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * A started standalone cluster, in {@code <stateDir>/spark/cluster.properties}: what {@code spark
 * status}, {@code spark stop} and {@code submit} need to find it again.
 */
public record SparkClusterState(
    int masterPort,
    int masterUiPort,
    int workerUiPort,
    long masterPid,
    long workerPid,
    int workerCores,
    Instant startedAt) {

  static final String FILE = "cluster.properties";

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public String masterUi() {
    return "http://127.0.0.1:" + masterUiPort;
  }

  static Path file(Path stateDir) {
    return SparkCluster.dir(stateDir).resolve(FILE);
  }

  void write(Path stateDir) throws IOException {
    Properties p = new Properties();
    p.setProperty("master.url", masterUrl());
    p.setProperty("master.port", Integer.toString(masterPort));
    p.setProperty("master.ui.port", Integer.toString(masterUiPort));
    p.setProperty("worker.ui.port", Integer.toString(workerUiPort));
    p.setProperty("master.pid", Long.toString(masterPid));
    p.setProperty("worker.pid", Long.toString(workerPid));
    p.setProperty("worker.cores", Integer.toString(workerCores));
    p.setProperty("started.at", startedAt.toString());
    StateFile.write(
        file(stateDir), p, "Local Spark standalone cluster; written by `courtside spark start`");
  }

  public static Optional<SparkClusterState> read(Path stateDir) {
    return StateFile.read(
        file(stateDir),
        p ->
            new SparkClusterState(
                Integer.parseInt(p.getProperty("master.port")),
                Integer.parseInt(p.getProperty("master.ui.port")),
                Integer.parseInt(p.getProperty("worker.ui.port")),
                Long.parseLong(p.getProperty("master.pid")),
                Long.parseLong(p.getProperty("worker.pid")),
                Integer.parseInt(p.getProperty("worker.cores")),
                Instant.parse(p.getProperty("started.at"))));
  }

  static void delete(Path stateDir) throws IOException {
    Files.deleteIfExists(file(stateDir));
  }
}
