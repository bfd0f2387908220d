package io.courtside.services.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start the local Flink session cluster.
 *
 * @param restPort REST endpoint and web UI on 127.0.0.1 (Flink's {@code rest.port}); 0 picks a free
 *     port
 * @param slots task slots of the TaskManager (one per core is Flink's advice)
 * @param taskManagerMemory the TaskManager's total process memory ({@code
 *     taskmanager.memory.process.size}), e.g. 1536m or 2g
 * @param stateDir where checkpoints ({@code checkpoints/}) and savepoints ({@code savepoints/}) go;
 *     null: {@code <stateDir>/flink/state} of the stack
 * @param detach let the cluster outlive this JVM ({@code flink start}); when false a shutdown hook
 *     stops it if the JVM exits without {@link FlinkCluster#close()}
 * @param startTimeout how long to wait for each process to become ready
 */
public record FlinkClusterConfig(
    int restPort,
    int slots,
    String taskManagerMemory,
    Path stateDir,
    boolean detach,
    Duration startTimeout) {
  public static final int DEFAULT_REST_PORT = 8081;

  public FlinkClusterConfig {
    if (restPort < 0 || restPort > 65535) {
      throw new IllegalArgumentException("restPort must be 0..65535, was " + restPort);
    }
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, was " + slots);
    }
    if (!taskManagerMemory.matches("\\d+[mMgG]")) {
      throw new IllegalArgumentException(
          "taskManagerMemory must look like 1536m or 2g, was " + taskManagerMemory);
    }
    Objects.requireNonNull(startTimeout, "startTimeout");
  }

  /** REST port 8081, 2 slots, 1536m, state under the stack's state dir, not detached. */
  public static FlinkClusterConfig defaults() {
    return new FlinkClusterConfig(
        DEFAULT_REST_PORT, 2, "1536m", null, false, Duration.ofSeconds(90));
  }

  /** A free REST port: what tests use, so they never collide with a developer's cluster. */
  public static FlinkClusterConfig freePort() {
    return defaults().withRestPort(0);
  }

  public FlinkClusterConfig withRestPort(int port) {
    return new FlinkClusterConfig(port, slots, taskManagerMemory, stateDir, detach, startTimeout);
  }

  public FlinkClusterConfig withTaskManager(int slots, String memory) {
    return new FlinkClusterConfig(restPort, slots, memory, stateDir, detach, startTimeout);
  }

  public FlinkClusterConfig withStateDir(Path dir) {
    return new FlinkClusterConfig(restPort, slots, taskManagerMemory, dir, detach, startTimeout);
  }

  public FlinkClusterConfig withDetach(boolean value) {
    return new FlinkClusterConfig(
        restPort, slots, taskManagerMemory, stateDir, value, startTimeout);
  }

  public FlinkClusterConfig withStartTimeout(Duration timeout) {
    return new FlinkClusterConfig(restPort, slots, taskManagerMemory, stateDir, detach, timeout);
  }
}
