package io.courtside.services.spark;

import java.time.Duration;
import java.util.Objects;

/**
 * How to start the local standalone cluster.
 *
 * @param masterPort master RPC port on 127.0.0.1; 0 picks a free port
 * @param workerCores cores the worker offers to applications
 * @param workerMemory memory the worker offers, Spark syntax (512m, 2g)
 * @param detach let master and worker outlive this JVM ({@code spark start}); when false a shutdown
 *     hook stops them if the JVM exits without {@link SparkCluster#close()}
 * @param startTimeout how long to wait for each process to become ready
 */
public record SparkClusterConfig(
    int masterPort, int workerCores, String workerMemory, boolean detach, Duration startTimeout) {
  public static final int DEFAULT_MASTER_PORT = 7077;

  public SparkClusterConfig {
    if (masterPort < 0 || masterPort > 65535) {
      throw new IllegalArgumentException("masterPort must be 0..65535, was " + masterPort);
    }
    if (workerCores < 1) {
      throw new IllegalArgumentException("workerCores must be >= 1, was " + workerCores);
    }
    if (!workerMemory.matches("\\d+[mMgG]")) {
      throw new IllegalArgumentException(
          "workerMemory must look like 512m or 2g, was " + workerMemory);
    }
    Objects.requireNonNull(startTimeout, "startTimeout");
  }

  /** Port 7077, 2 cores, 2g, not detached. */
  public static SparkClusterConfig defaults() {
    return new SparkClusterConfig(DEFAULT_MASTER_PORT, 2, "2g", false, Duration.ofSeconds(60));
  }

  /** A free master port: what tests use, so they never collide with a developer's cluster. */
  public static SparkClusterConfig freePort() {
    return defaults().withMasterPort(0);
  }

  public SparkClusterConfig withMasterPort(int port) {
    return new SparkClusterConfig(port, workerCores, workerMemory, detach, startTimeout);
  }

  public SparkClusterConfig withWorker(int cores, String memory) {
    return new SparkClusterConfig(masterPort, cores, memory, detach, startTimeout);
  }

  public SparkClusterConfig withDetach(boolean value) {
    return new SparkClusterConfig(masterPort, workerCores, workerMemory, value, startTimeout);
  }

  public SparkClusterConfig withStartTimeout(Duration timeout) {
    return new SparkClusterConfig(masterPort, workerCores, workerMemory, detach, timeout);
  }
}
