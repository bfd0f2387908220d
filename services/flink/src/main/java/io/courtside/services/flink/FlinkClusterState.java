package io.courtside.services.flink;

import io.courtside.services.stack.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * A started session cluster, in {@code <stateDir>/flink/cluster.properties}: what {@code flink
 * status}, {@code flink stop} and {@code submit --runner=FlinkRunner} need to find it again.
 *
 * @param savepoints where stop-with-savepoint writes (Flink's {@code state.savepoints.dir})
 */
public record FlinkClusterState(
    int restPort,
    int rpcPort,
    long jobManagerPid,
    long taskManagerPid,
    int slots,
    Path checkpoints,
    Path savepoints,
    Instant startedAt) {

  static final String FILE = "cluster.properties";

  /** {@code 127.0.0.1:PORT}: Beam's {@code --flinkMaster} for this cluster. */
  public String restAddress() {
    return "127.0.0.1:" + restPort;
  }

  public String webUi() {
    return "http://127.0.0.1:" + restPort;
  }

  static Path file(Path stateDir) {
    return FlinkCluster.dir(stateDir).resolve(FILE);
  }

  FlinkClusterState withTaskManagerPid(long pid) {
    return new FlinkClusterState(
        restPort, rpcPort, jobManagerPid, pid, slots, checkpoints, savepoints, startedAt);
  }

  void write(Path stateDir) throws IOException {
    Properties p = new Properties();
    p.setProperty("rest.address", restAddress());
    p.setProperty("rest.port", Integer.toString(restPort));
    p.setProperty("rpc.port", Integer.toString(rpcPort));
    p.setProperty("jobmanager.pid", Long.toString(jobManagerPid));
    p.setProperty("taskmanager.pid", Long.toString(taskManagerPid));
    p.setProperty("slots", Integer.toString(slots));
    p.setProperty("checkpoints", checkpoints.toString());
    p.setProperty("savepoints", savepoints.toString());
    p.setProperty("started.at", startedAt.toString());
    StateFile.write(
        file(stateDir), p, "Local Flink session cluster; written by `courtside flink start`");
  }

  public static Optional<FlinkClusterState> read(Path stateDir) {
    return StateFile.read(
        file(stateDir),
        p ->
            new FlinkClusterState(
                Integer.parseInt(p.getProperty("rest.port")),
                Integer.parseInt(p.getProperty("rpc.port")),
                Long.parseLong(p.getProperty("jobmanager.pid")),
                Long.parseLong(p.getProperty("taskmanager.pid")),
                Integer.parseInt(p.getProperty("slots")),
                Path.of(p.getProperty("checkpoints")),
                Path.of(p.getProperty("savepoints")),
                Instant.parse(p.getProperty("started.at"))));
  }

  static void delete(Path stateDir) throws IOException {
    Files.deleteIfExists(file(stateDir));
  }
}
