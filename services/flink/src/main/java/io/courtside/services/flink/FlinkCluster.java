package io.courtside.services.flink;

import io.courtside.services.stack.FreePorts;
import io.courtside.services.stack.ManagedProcess;
import io.courtside.services.stack.StackState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink session cluster on 127.0.0.1: one JobManager and one TaskManager, each in its own JVM
 * from the Flink home's jars (no distribution scripts: this class writes the {@code config.yaml}
 * and computes the TaskManager's memory flags with Flink's own BashJavaUtils, as {@code
 * taskmanager.sh} does). State under {@code <stateDir>/flink/}: conf, pid files, {@code
 * cluster.properties}, checkpoints and savepoints (unless {@link FlinkClusterConfig#stateDir()}
 * says); logs in {@code <stateDir>/logs/}.
 *
 * <pre>{@code
 * try (FlinkCluster flink = FlinkCluster.start(dir, FlinkClusterConfig.freePort())) {
 *   flink.state().restAddress();   // "127.0.0.1:41234": Beam's --flinkMaster
 * }                                // TaskManager and JobManager stopped, by PID
 * }</pre>
 */
public final class FlinkCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
  public static final String JOB_MANAGER_CLASS =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  public static final String TASK_MANAGER_CLASS =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
  static final String EXEC_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
  static final Duration GRACE = Duration.ofSeconds(20);

  /** slf4j-simple for the cluster's JVMs: Flink's INFO lines as its own log4j setup keeps them. */
  static final List<String> LOGGING =
      List.of(
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
          "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
          "-Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics.MetricGroup=error",
          "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");

  private final Path stateDir;
  private final FlinkHome home;
  private final Duration startTimeout;
  private final boolean detach;
  private FlinkClusterState state;
  private final ManagedProcess jobManager;
  private ManagedProcess taskManager;
  private Thread shutdownHook;
  private boolean closed;

  private FlinkCluster(
      Path stateDir,
      FlinkHome home,
      FlinkClusterState state,
      ManagedProcess jobManager,
      ManagedProcess taskManager,
      Duration startTimeout,
      boolean detach) {
    this.stateDir = stateDir;
    this.home = home;
    this.state = state;
    this.jobManager = jobManager;
    this.taskManager = taskManager;
    this.startTimeout = startTimeout;
    this.detach = detach;
  }

  /**
   * Starts the JobManager, then the TaskManager; returns once the TaskManager has registered its
   * slots with the JobManager.
   */
  public static FlinkCluster start(Path stateDir, FlinkClusterConfig config) {
    FlinkHome home = FlinkHome.locate().requireBuilt();
    Optional<FlinkCluster> running = attach(stateDir).filter(FlinkCluster::anyAlive);
    if (running.isPresent()) {
      throw new FlinkException(
          "A Flink cluster is already running from "
              + dir(stateDir)
              + " ("
              + running.get().describe()
              + "); stop it first.");
    }
    int restPort = FreePorts.orPick(config.restPort());
    if (!FreePorts.isFree(restPort)) {
      throw new FlinkException(
          "Port "
              + restPort
              + " on 127.0.0.1 is taken; stop that process or choose another REST port"
              + " (--restPort, 0 = any free port).");
    }
    int rpcPort = FreePorts.pick();
    Path dir = dir(stateDir);
    Path state = config.stateDir() == null ? dir.resolve("state") : config.stateDir();
    state = state.toAbsolutePath().normalize();
    FlinkClusterState st =
        new FlinkClusterState(
            restPort,
            rpcPort,
            0,
            0,
            config.slots(),
            state.resolve("checkpoints"),
            state.resolve("savepoints"),
            Instant.now());
    ManagedProcess jm = null;
    FlinkCluster cluster = null;
    try {
      Files.createDirectories(st.checkpoints());
      Files.createDirectories(st.savepoints());
      Files.createDirectories(dir.resolve("tmp"));
      Files.createDirectories(stateDir.resolve("logs"));
      Files.createDirectories(confDir(stateDir));
      Files.writeString(
          confDir(stateDir).resolve("config.yaml"),
          configYaml(st, config.taskManagerMemory(), dir),
          StandardCharsets.UTF_8);
      jm = startJobManager(home, stateDir, config.detach());
      awaitRest(jm, new FlinkRest(st.restAddress()), config.startTimeout());
      st =
          new FlinkClusterState(
              restPort,
              rpcPort,
              jm.pid(),
              0,
              config.slots(),
              st.checkpoints(),
              st.savepoints(),
              st.startedAt());
      jm.writePidFile(pidFile(stateDir, "jobmanager"));
      cluster =
          new FlinkCluster(stateDir, home, st, jm, null, config.startTimeout(), config.detach());
      if (!config.detach()) {
        cluster.addShutdownHook();
      }
      cluster.startTaskManager();
      return cluster;
    } catch (IOException | RuntimeException e) {
      if (cluster != null) {
        cluster.close();
      } else if (jm != null) {
        jm.stop(GRACE);
      }
      if (e instanceof FlinkException fe) {
        throw fe;
      }
      throw new FlinkException("Could not start the Flink cluster: " + e.getMessage(), e);
    }
  }

  /**
   * Starts a TaskManager unless one of this cluster's runs: after a crash (or a {@code kill -9}), a
   * new one registers with the JobManager and the running job restarts from its last checkpoint.
   */
  public synchronized void startTaskManager() {
    if (taskManager().isPresent()) {
      return;
    }
    if (jobManager().isEmpty()) {
      throw new FlinkException(
          "The JobManager of " + dir(stateDir) + " is not running: restart the cluster.");
    }
    FlinkRest rest = new FlinkRest(state.restAddress());
    String resourceId = "courtside-taskmanager-" + System.currentTimeMillis();
    try {
      List<List<String>> params = taskManagerParams(home, confDir(stateDir));
      List<String> args = new ArrayList<>(List.of("--configDir", confDir(stateDir).toString()));
      args.addAll(params.get(1));
      args.addAll(List.of("-D", "taskmanager.resource-id=" + resourceId));
      List<String> cmd = command(home, params.get(0), TASK_MANAGER_CLASS, args);
      Path log = logFile(stateDir, "flink-taskmanager");
      LOG.info("Starting flink-taskmanager (log {})", log);
      ManagedProcess tm = ManagedProcess.start("flink-taskmanager", cmd, log, detach);
      taskManager = tm;
      awaitRegistered(tm, rest, resourceId, startTimeout);
      tm.writePidFile(pidFile(stateDir, "taskmanager"));
      state = state.withTaskManagerPid(tm.pid());
      state.write(stateDir);
    } catch (IOException e) {
      throw new FlinkException("Could not start the TaskManager: " + e.getMessage(), e);
    }
  }

  private static ManagedProcess startJobManager(FlinkHome home, Path stateDir, boolean detach)
      throws IOException {
    Path log = logFile(stateDir, "flink-jobmanager");
    List<String> cmd =
        command(
            home,
            List.of("-Xms512m", "-Xmx512m"),
            JOB_MANAGER_CLASS,
            List.of("--configDir", confDir(stateDir).toString()));
    LOG.info("Starting flink-jobmanager (log {})", log);
    return ManagedProcess.start("flink-jobmanager", cmd, log, detach);
  }

  /**
   * The TaskManager's JVM flags (heap, direct and metaspace sizes) and its {@code -D} memory
   * settings, computed from config.yaml by Flink's BashJavaUtils as {@code taskmanager.sh} does:
   * TaskManagerRunner refuses to start without the fine-grained sizes.
   */
  static List<List<String>> taskManagerParams(FlinkHome home, Path confDir) throws IOException {
    List<String> cmd =
        command(
            home,
            List.of("-Xmx128m"),
            BASH_JAVA_UTILS,
            List.of("GET_TM_RESOURCE_PARAMS", "--configDir", confDir.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new FlinkException("BashJavaUtils could not size the TaskManager:\n" + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new FlinkException("interrupted while sizing the TaskManager", e);
    }
    return parseExecResult(out);
  }

  /** The two {@code BASH_JAVA_UTILS_EXEC_RESULT:} lines: JVM flags, then {@code -D k=v} pairs. */
  static List<List<String>> parseExecResult(String output) {
    List<List<String>> results = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith(EXEC_RESULT)) {
        String value = line.substring(EXEC_RESULT.length()).strip();
        results.add(value.isEmpty() ? List.of() : Arrays.asList(value.split("\\s+")));
      }
    }
    if (results.size() != 2) {
      throw new FlinkException("BashJavaUtils gave no TaskManager sizes:\n" + output);
    }
    return results;
  }

  /** The cluster's config.yaml: every socket on loopback, slots, memory, state, restarts. */
  static String configYaml(FlinkClusterState st, String taskManagerMemory, Path dir) {
    return String.join(
        "\n",
        "# Written by `courtside flink start`; rewritten on every start.",
        "# Every endpoint on loopback: without these the RPC, BLOB, data and REST ports",
        "# listen on all interfaces.",
        "jobmanager.rpc.address: 127.0.0.1",
        "jobmanager.rpc.port: " + st.rpcPort(),
        "jobmanager.bind-host: 127.0.0.1",
        "taskmanager.bind-host: 127.0.0.1",
        "taskmanager.host: 127.0.0.1",
        "rest.address: 127.0.0.1",
        "rest.bind-address: 127.0.0.1",
        "rest.port: " + st.restPort(),
        "taskmanager.numberOfTaskSlots: " + st.slots(),
        "parallelism.default: " + st.slots(),
        "taskmanager.memory.process.size: " + taskManagerMemory,
        "# Beam keeps window state on the heap (hashmap state backend): little managed memory.",
        "taskmanager.memory.managed.fraction: 0.1",
        "state.checkpoints.dir: file://" + st.checkpoints(),
        "state.savepoints.dir: file://" + st.savepoints(),
        "# A job restarts from its last checkpoint as soon as slots are back (a TaskManager",
        "# restarted after a crash), every 2 s, without giving up.",
        "restart-strategy.type: fixed-delay",
        "restart-strategy.fixed-delay.attempts: 2147483647",
        "restart-strategy.fixed-delay.delay: 2 s",
        "# A TaskManager killed with -9 is noticed in seconds, not after the 50 s default.",
        "heartbeat.interval: 2000",
        "heartbeat.timeout: 20000",
        "io.tmp.dirs: " + dir.resolve("tmp"),
        "web.tmpdir: " + dir.resolve("tmp"),
        "blob.storage.directory: " + dir.resolve("tmp"),
        "");
  }

  static List<String> command(
      FlinkHome home, List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(FlinkJvm.java());
    argv.addAll(FlinkJvm.JAVA17_FLAGS);
    argv.addAll(FlinkJvm.JIT_FLAGS);
    argv.addAll(LOGGING);
    argv.addAll(jvmOptions);
    argv.add("-cp");
    argv.add(home.classpath());
    argv.add(mainClass);
    argv.addAll(args);
    return argv;
  }

  private static void awaitRest(ManagedProcess p, FlinkRest rest, Duration timeout) {
    await(
        p,
        timeout,
        "its REST endpoint to answer",
        () -> {
          rest.overview();
          return true;
        });
  }

  private static void awaitRegistered(
      ManagedProcess p, FlinkRest rest, String resourceId, Duration timeout) {
    await(
        p,
        timeout,
        "it to register with the JobManager",
        () -> rest.taskManagers().contains(resourceId));
  }

  private interface Check {
    boolean ok() throws IOException;
  }

  private static void await(ManagedProcess p, Duration timeout, String what, Check check) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (!p.isAlive()) {
        throw new FlinkException(
            p.name()
                + " exited while starting. Last lines of "
                + p.logFile()
                + ":\n"
                + p.logTail(20));
      }
      try {
        if (check.ok()) {
          return;
        }
      } catch (IOException e) {
        // Not up yet.
      }
      if (Instant.now().isAfter(deadline)) {
        p.stop(GRACE);
        throw new FlinkException(
            p.name()
                + " did not start within "
                + timeout
                + " (waiting for "
                + what
                + "). Last lines of "
                + p.logFile()
                + ":\n"
                + p.logTail(20));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.stop(GRACE);
        throw new FlinkException("interrupted while starting " + p.name(), e);
      }
    }
  }

  /** The cluster last started from {@code stateDir}, with whichever of its processes still run. */
  public static Optional<FlinkCluster> attach(Path stateDir) {
    return FlinkClusterState.read(stateDir)
        .map(
            st -> {
              String conf = confDir(stateDir).toString();
              return new FlinkCluster(
                  stateDir,
                  FlinkHome.locate(),
                  st,
                  ManagedProcess.attach(
                          "flink-jobmanager",
                          st.jobManagerPid(),
                          logFile(stateDir, "flink-jobmanager"),
                          List.of(JOB_MANAGER_CLASS, conf))
                      .orElse(null),
                  ManagedProcess.attach(
                          "flink-taskmanager",
                          st.taskManagerPid(),
                          logFile(stateDir, "flink-taskmanager"),
                          List.of(TASK_MANAGER_CLASS, conf))
                      .orElse(null),
                  FlinkClusterConfig.defaults().startTimeout(),
                  true);
            });
  }

  static Path dir(Path stateDir) {
    return StackState.canonical(stateDir).resolve("flink");
  }

  static Path confDir(Path stateDir) {
    return dir(stateDir).resolve("conf");
  }

  static Path pidFile(Path stateDir, String role) {
    return dir(stateDir).resolve(role + ".pid");
  }

  public static Path logFile(Path stateDir, String name) {
    return stateDir.resolve("logs").resolve(name + ".log");
  }

  public FlinkClusterState state() {
    return state;
  }

  public FlinkRest rest() {
    return new FlinkRest(state.restAddress());
  }

  public Optional<ManagedProcess> jobManager() {
    return Optional.ofNullable(jobManager).filter(ManagedProcess::isAlive);
  }

  public Optional<ManagedProcess> taskManager() {
    return Optional.ofNullable(taskManager).filter(ManagedProcess::isAlive);
  }

  /** JobManager and TaskManager alive, and the REST endpoint answers. */
  public boolean isRunning() {
    return jobManager().isPresent()
        && taskManager().isPresent()
        && FreePorts.isListening(state.restPort());
  }

  public boolean anyAlive() {
    return jobManager().isPresent() || taskManager().isPresent();
  }

  public String describe() {
    return "jobmanager pid "
        + (jobManager == null ? "-" : jobManager.pid())
        + ", taskmanager pid "
        + (taskManager == null ? "-" : taskManager.pid());
  }

  /** Stops the TaskManager, then the JobManager, by PID; removes the state file. */
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
    for (ManagedProcess p : new ManagedProcess[] {taskManager, jobManager}) {
      if (p != null) {
        try {
          p.stop(GRACE);
        } catch (RuntimeException e) {
          errors.add(e);
        }
      }
    }
    try {
      Files.deleteIfExists(pidFile(stateDir, "jobmanager"));
      Files.deleteIfExists(pidFile(stateDir, "taskmanager"));
      FlinkClusterState.delete(stateDir);
    } catch (IOException e) {
      LOG.warn("Could not remove the Flink state files in {}: {}", dir(stateDir), e.toString());
    }
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
  }

  private void addShutdownHook() {
    shutdownHook = new Thread(this::stopAll, "flink-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }
}
