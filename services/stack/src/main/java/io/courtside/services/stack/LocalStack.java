package io.courtside.services.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local services (a KRaft broker and influxd) under one state folder.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(tmp, StackConfig.freePorts())) {
 *   String bootstrap = stack.kafkaBootstrap();   // "127.0.0.1:41234"
 *   String influx = stack.influxUrl();           // "http://127.0.0.1:40321"
 * }                                              // both stopped, by PID
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  static final Duration KAFKA_GRACE = Duration.ofSeconds(30);
  static final Duration INFLUX_GRACE = Duration.ofSeconds(15);

  private final Path stateDir;
  private final StackState state;
  private final ManagedProcess kafka;
  private final ManagedProcess influxd;
  private Thread shutdownHook;
  private boolean closed;

  private LocalStack(
      Path stateDir, StackState state, ManagedProcess kafka, ManagedProcess influxd) {
    this.stateDir = stateDir;
    this.state = state;
    this.kafka = kafka;
    this.influxd = influxd;
  }

  /**
   * Starts both services and returns once both are ready.
   *
   * @throws StackException.PortInUse if a requested port is taken
   * @throws StackException if a stack already runs in {@code stateDir}, or a service fails to start
   */
  public static LocalStack start(Path stateDir, StackConfig config) {
    Optional<LocalStack> running = attach(stateDir).filter(LocalStack::anyAlive);
    if (running.isPresent()) {
      throw new StackException(
          "A stack is already running from "
              + stateDir.toAbsolutePath()
              + " ("
              + running.get().describe()
              + "); stop it first.");
    }
    int kafkaPort = FreePorts.orPick(config.kafkaPort());
    boolean ownInflux = config.externalInfluxUrl() == null;
    int influxPort = ownInflux ? FreePorts.orPick(config.influxPort()) : 0;
    // Check both ports before starting anything, so a conflict costs no broker start-up.
    if (!FreePorts.isFree(kafkaPort)) {
      throw new StackException.PortInUse("Kafka", kafkaPort);
    }
    if (ownInflux && !FreePorts.isFree(influxPort)) {
      throw new StackException.PortInUse("InfluxDB", influxPort);
    }
    try {
      Files.createDirectories(stateDir.resolve("logs"));
    } catch (IOException e) {
      throw new StackException(
          "Cannot create " + stateDir.toAbsolutePath() + ": " + e.getMessage(), e);
    }

    LOG.info(
        "Starting Kafka on {}:{} (log {})",
        FreePorts.LOOPBACK,
        kafkaPort,
        KafkaBrokerProcess.logFile(stateDir));
    // influxd starts beside the broker: it is ready in about a second, the broker's JVM in about
    // four, so the stack is up in the broker's time. Each start waits for its own service.
    CompletableFuture<ManagedProcess> influxStart = CompletableFuture.completedFuture(null);
    if (ownInflux) {
      LOG.info(
          "Starting influxd on {}:{} (log {})",
          FreePorts.LOOPBACK,
          influxPort,
          InfluxdProcess.logFile(stateDir));
      influxStart =
          CompletableFuture.supplyAsync(
              () ->
                  InfluxdProcess.start(
                      stateDir,
                      influxPort,
                      config.influxAuth(),
                      config.detach(),
                      config.startTimeout()),
              LocalStack::startThread);
    }
    ManagedProcess kafka;
    try {
      kafka =
          KafkaBrokerProcess.start(
              stateDir,
              kafkaPort,
              config.kafkaPartitions(),
              config.detach(),
              config.startTimeout());
    } catch (RuntimeException e) {
      stopWhenStarted(influxStart);
      deleteStateFiles(stateDir);
      throw e;
    }
    ManagedProcess influxd = null;
    String influxUrl = config.externalInfluxUrl();
    try {
      if (ownInflux) {
        influxd = awaitStart(influxStart);
        influxUrl = "http://" + FreePorts.LOOPBACK + ":" + influxPort;
      } else if (!InfluxdProcess.ping(influxUrl)) {
        LOG.warn(
            "{}/ping does not answer 204; writes will fail until that InfluxDB is reachable",
            influxUrl);
      }
      StackState state =
          new StackState(
              kafkaPort,
              kafka.pid(),
              influxUrl,
              influxd == null ? 0 : influxd.pid(),
              Instant.now());
      state.write(stateDir);
      LocalStack stack = new LocalStack(stateDir, state, kafka, influxd);
      if (!config.detach()) {
        stack.addShutdownHook();
      }
      return stack;
    } catch (IOException | RuntimeException e) {
      // Never leave half a stack behind.
      if (influxd != null) {
        influxd.stop(INFLUX_GRACE);
      }
      kafka.stop(KAFKA_GRACE);
      deleteStateFiles(stateDir);
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new StackException("Cannot write the stack state: " + e.getMessage(), e);
    }
  }

  /** Runs a service's start on a thread of its own, which does not keep the JVM alive. */
  private static void startThread(Runnable start) {
    Thread t = new Thread(start, "stack-start");
    t.setDaemon(true);
    t.start();
  }

  /** The started service, or the start's own exception (e.g. a StackException). */
  private static ManagedProcess awaitStart(CompletableFuture<ManagedProcess> start) {
    try {
      return start.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new StackException("Could not start influxd: " + e.getCause(), e.getCause());
    }
  }

  /** Stops the service once its start ends, if it started: the other service failed. */
  private static void stopWhenStarted(CompletableFuture<ManagedProcess> start) {
    try {
      ManagedProcess p = start.join();
      if (p != null) {
        p.stop(INFLUX_GRACE);
      }
    } catch (CompletionException e) {
      LOG.debug("influxd did not start either", e.getCause());
    }
  }

  /**
   * The stack last started from {@code stateDir}, as far as it still runs: empty if it was never
   * started or was stopped; otherwise each service whose PID is alive and verified.
   */
  public static Optional<LocalStack> attach(Path stateDir) {
    return StackState.read(stateDir)
        .map(
            state ->
                new LocalStack(
                    stateDir,
                    state,
                    KafkaBrokerProcess.attach(stateDir)
                        .filter(p -> p.pid() == state.kafkaPid())
                        .orElse(null),
                    state.influxExternal()
                        ? null
                        : InfluxdProcess.attach(stateDir)
                            .filter(p -> p.pid() == state.influxPid())
                            .orElse(null)));
  }

  public String kafkaBootstrap() {
    return state.kafkaBootstrap();
  }

  public String influxUrl() {
    return state.influxUrl();
  }

  public Path stateDir() {
    return stateDir;
  }

  public StackState state() {
    return state;
  }

  /** The broker process, empty when it is no longer running. */
  public Optional<ManagedProcess> kafka() {
    return Optional.ofNullable(kafka).filter(ManagedProcess::isAlive);
  }

  /** The influxd process, empty when it is not running or the InfluxDB is external. */
  public Optional<ManagedProcess> influxd() {
    return Optional.ofNullable(influxd).filter(ManagedProcess::isAlive);
  }

  /** True when every service this stack started is alive. */
  public boolean isRunning() {
    return kafka().isPresent() && (state.influxExternal() || influxd().isPresent());
  }

  boolean anyAlive() {
    return kafka().isPresent() || influxd().isPresent();
  }

  String describe() {
    return "kafka pid "
        + (kafka == null ? "-" : kafka.pid())
        + ", influxd pid "
        + (influxd == null ? "-" : influxd.pid());
  }

  /**
   * Stops both services by PID (SIGTERM, then SIGKILL after a grace period) and removes the pid
   * files.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    removeShutdownHook();
    stopAll();
  }

  private void stopAll() {
    // influxd first: it stops in well under a second; the broker's clean shutdown takes ~2 s.
    if (influxd != null) {
      influxd.stop(INFLUX_GRACE);
    }
    if (kafka != null) {
      kafka.stop(KAFKA_GRACE);
    }
    deleteStateFiles(stateDir);
  }

  private static void deleteStateFiles(Path stateDir) {
    try {
      Files.deleteIfExists(KafkaBrokerProcess.pidFile(stateDir));
      Files.deleteIfExists(InfluxdProcess.pidFile(stateDir));
      StackState.delete(stateDir);
    } catch (IOException e) {
      LOG.warn("Could not remove the pid files in {}: {}", stateDir, e.toString());
    }
  }

  private void addShutdownHook() {
    // An attached stack (no detach) must not outlive a JVM that exits without close(): Ctrl-C
    // on the demo, a test runner killed at a timeout.
    shutdownHook = new Thread(this::stopAll, "local-stack-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private void removeShutdownHook() {
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook is running or will run stopAll() itself.
      }
      shutdownHook = null;
    }
  }
}
