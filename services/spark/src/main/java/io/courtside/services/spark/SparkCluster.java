package io.courtside.services.spark;

import io.courtside.services.stack.FreePorts;
import io.courtside.services.stack.ManagedProcess;
import io.courtside.services.stack.StackState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark standalone master and one worker on 127.0.0.1, each in its own JVM from the Spark home's
 * jars (no distribution scripts). State under {@code <stateDir>/spark/}: pid files, conf files, the
 * worker's work dir, {@code cluster.properties}; logs in {@code <stateDir>/logs/}.
 *
 * <pre>{@code
 * try (SparkCluster spark = SparkCluster.start(dir, SparkClusterConfig.freePort())) {
 *   spark.masterUrl();   // "spark://127.0.0.1:41234"
 * }                      // worker and master stopped, by PID
 * }</pre>
 */
public final class SparkCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SparkCluster.class);
  public static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
  public static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
  static final Duration GRACE = Duration.ofSeconds(20);

  private final Path stateDir;
  private final SparkClusterState state;
  private final ManagedProcess master;
  private final ManagedProcess worker;
  private Thread shutdownHook;
  private boolean closed;

  private SparkCluster(
      Path stateDir, SparkClusterState state, ManagedProcess master, ManagedProcess worker) {
    this.stateDir = stateDir;
    this.state = state;
    this.master = master;
    this.worker = worker;
  }

  /** Starts master then worker; returns once the worker has registered with the master. */
  public static SparkCluster start(Path stateDir, SparkClusterConfig config) {
    SparkHome home = SparkHome.locate().requireBuilt();
    Optional<SparkCluster> running = attach(stateDir).filter(SparkCluster::anyAlive);
    if (running.isPresent()) {
      throw new SparkException(
          "A Spark cluster is already running from "
              + dir(stateDir)
              + " ("
              + running.get().describe()
              + "); stop it first.");
    }
    int masterPort = FreePorts.orPick(config.masterPort());
    if (!FreePorts.isFree(masterPort)) {
      throw new SparkException(
          "Port "
              + masterPort
              + " on 127.0.0.1 is taken; stop that process or"
              + " choose another master port (0 = any free port).");
    }
    int masterUi = FreePorts.pick();
    int workerUi = FreePorts.pick();
    Path dir = dir(stateDir);
    ManagedProcess master = null;
    try {
      Files.createDirectories(dir.resolve("work"));
      Files.createDirectories(stateDir.resolve("logs"));
      // Real files whose absolute paths double as identity markers for attach().
      Files.writeString(masterConf(stateDir), "spark.master.rest.enabled false\n");
      Files.writeString(
          workerConf(stateDir),
          "spark.worker.cleanup.enabled true\nspark.worker.cleanup.appDataTtl 3600\n");
      String masterUrl = "spark://127.0.0.1:" + masterPort;
      master =
          launch(
              home,
              "spark-master",
              MASTER_CLASS,
              List.of(
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(masterPort),
                  "--webui-port",
                  Integer.toString(masterUi),
                  "--properties-file",
                  masterConf(stateDir).toString()),
              stateDir,
              config,
              "I have been elected leader");
      ManagedProcess worker =
          launch(
              home,
              "spark-worker",
              WORKER_CLASS,
              List.of(
                  "--host",
                  "127.0.0.1",
                  "--webui-port",
                  Integer.toString(workerUi),
                  "--cores",
                  Integer.toString(config.workerCores()),
                  "--memory",
                  config.workerMemory(),
                  "--work-dir",
                  dir.resolve("work").toString(),
                  "--properties-file",
                  workerConf(stateDir).toString(),
                  masterUrl),
              stateDir,
              config,
              "Successfully registered with master");
      master.writePidFile(pidFile(stateDir, "master"));
      worker.writePidFile(pidFile(stateDir, "worker"));
      SparkClusterState state =
          new SparkClusterState(
              masterPort,
              masterUi,
              workerUi,
              master.pid(),
              worker.pid(),
              config.workerCores(),
              Instant.now());
      state.write(stateDir);
      SparkCluster cluster = new SparkCluster(stateDir, state, master, worker);
      if (!config.detach()) {
        cluster.addShutdownHook();
      }
      return cluster;
    } catch (IOException | RuntimeException e) {
      if (master != null) {
        master.stop(GRACE);
      }
      if (e instanceof SparkException se) {
        throw se;
      }
      throw new SparkException("Could not start the Spark cluster: " + e.getMessage(), e);
    }
  }

  private static ManagedProcess launch(
      SparkHome home,
      String name,
      String mainClass,
      List<String> args,
      Path stateDir,
      SparkClusterConfig config,
      String readyLine)
      throws IOException {
    Path log = logFile(stateDir, name);
    long offset = LogWatch.size(log);
    List<String> command = SparkJvm.command(home, List.of("-Xmx512m"), List.of(), mainClass, args);
    LOG.info("Starting {} (log {})", name, log);
    ManagedProcess p = ManagedProcess.start(name, command, log, config.detach());
    try {
      LogWatch.await(p, offset, readyLine, config.startTimeout());
      return p;
    } catch (RuntimeException e) {
      p.stop(GRACE);
      throw e;
    }
  }

  /** The cluster last started from {@code stateDir}, with whichever of its processes still run. */
  public static Optional<SparkCluster> attach(Path stateDir) {
    return SparkClusterState.read(stateDir)
        .map(
            st ->
                new SparkCluster(
                    stateDir,
                    st,
                    ManagedProcess.attach(
                            "spark-master",
                            st.masterPid(),
                            logFile(stateDir, "spark-master"),
                            List.of(MASTER_CLASS, masterConf(stateDir).toString()))
                        .orElse(null),
                    ManagedProcess.attach(
                            "spark-worker",
                            st.workerPid(),
                            logFile(stateDir, "spark-worker"),
                            List.of(WORKER_CLASS, workerConf(stateDir).toString()))
                        .orElse(null)));
  }

  static Path dir(Path stateDir) {
    return StackState.canonical(stateDir).resolve("spark");
  }

  static Path masterConf(Path stateDir) {
    return dir(stateDir).resolve("master.conf");
  }

  static Path workerConf(Path stateDir) {
    return dir(stateDir).resolve("worker.conf");
  }

  static Path pidFile(Path stateDir, String role) {
    return dir(stateDir).resolve(role + ".pid");
  }

  public static Path logFile(Path stateDir, String name) {
    return stateDir.resolve("logs").resolve(name + ".log");
  }

  public String masterUrl() {
    return state.masterUrl();
  }

  public SparkClusterState state() {
    return state;
  }

  public Optional<ManagedProcess> master() {
    return Optional.ofNullable(master).filter(ManagedProcess::isAlive);
  }

  public Optional<ManagedProcess> worker() {
    return Optional.ofNullable(worker).filter(ManagedProcess::isAlive);
  }

  /** Master and worker alive, and the master's port answers. */
  public boolean isRunning() {
    return master().isPresent()
        && worker().isPresent()
        && FreePorts.isListening(state.masterPort());
  }

  public boolean anyAlive() {
    return master().isPresent() || worker().isPresent();
  }

  public String describe() {
    return "master pid "
        + (master == null ? "-" : master.pid())
        + ", worker pid "
        + (worker == null ? "-" : worker.pid());
  }

  /** Stops the worker (which ends its executors), then the master, by PID; removes the state. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook runs stopAll() itself.
      }
    }
    stopAll();
  }

  private void stopAll() {
    List<RuntimeException> errors = new ArrayList<>();
    for (ManagedProcess p : new ManagedProcess[] {worker, master}) {
      if (p != null) {
        try {
          p.stop(GRACE);
        } catch (RuntimeException e) {
          errors.add(e);
        }
      }
    }
    try {
      Files.deleteIfExists(pidFile(stateDir, "master"));
      Files.deleteIfExists(pidFile(stateDir, "worker"));
      SparkClusterState.delete(stateDir);
    } catch (IOException e) {
      LOG.warn("Could not remove the Spark state files in {}: {}", dir(stateDir), e.toString());
    }
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
  }

  private void addShutdownHook() {
    shutdownHook = new Thread(this::stopAll, "spark-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }
}
