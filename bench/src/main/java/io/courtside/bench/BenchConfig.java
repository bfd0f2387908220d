package io.courtside.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code courtside bench} invocation measures.
 *
 * @param posts backlog size of a drain
 * @param runs drains per runner; the table reports the median
 * @param modes drain, latency, scaling (any subset)
 * @param runners which runners the drain and latency modes use, in table order (the ceiling: drain
 *     only)
 * @param partitions partitions of the drain backlog topic and of the latency topic
 * @param rates posts/s of the latency mode; each rate is one latency run per runner
 * @param latencySeconds how long the latency mode produces at {@code rate}
 * @param scalingPartitions partition counts of the scaling mode
 * @param scalingCores Spark cores (local[N] and the cluster's executor) of the scaling mode
 * @param batchIntervalMillis Spark streaming micro-batch interval
 * @param profile record JFR on the first drain of each runner whose job runs in one JVM
 * @param outputDir where the report, logs and recordings go
 * @param drainTimeoutSeconds give up a drain after this long
 * @param directFlags extra pipeline flags for DirectRunner jobs (e.g. an experiment)
 * @param sparkFlags extra pipeline flags for SparkRunner jobs
 * @param flinkFlags extra pipeline flags for FlinkRunner jobs (embedded and session cluster)
 */
public record BenchConfig(
    int posts,
    int runs,
    List<Mode> modes,
    List<RunnerKind> runners,
    int partitions,
    List<Integer> rates,
    int latencySeconds,
    List<Integer> scalingPartitions,
    List<Integer> scalingCores,
    int batchIntervalMillis,
    boolean profile,
    Path outputDir,
    int drainTimeoutSeconds,
    List<String> directFlags,
    List<String> sparkFlags,
    List<String> flinkFlags) {

  /** The three measurements. */
  public enum Mode {
    DRAIN,
    LATENCY,
    SCALING
  }

  public BenchConfig {
    if (posts < 1
        || runs < 1
        || partitions < 1
        || latencySeconds < 1
        || rates.isEmpty()
        || rates.stream().anyMatch(r -> r < 1)) {
      throw new IllegalArgumentException(
          "--posts, --runs, --partitions, --rate and --latency-seconds must be at least 1");
    }
    rates = List.copyOf(rates);
    modes = List.copyOf(modes);
    directFlags = List.copyOf(directFlags);
    sparkFlags = List.copyOf(sparkFlags);
    flinkFlags = List.copyOf(flinkFlags);
    runners = List.copyOf(runners);
    scalingPartitions = List.copyOf(scalingPartitions);
    scalingCores = List.copyOf(scalingCores);
    Objects.requireNonNull(outputDir, "outputDir");
    if (!runners.contains(RunnerKind.BASELINE)) {
      throw new IllegalArgumentException("the baseline must run: every figure is a ratio to it");
    }
  }

  /**
   * The CI size: a few thousand posts, one run, baseline + the influxd ceiling + DirectRunner +
   * Spark local, drain only.
   */
  public static BenchConfig smoke(Path outputDir) {
    return new BenchConfig(
        3000,
        1,
        List.of(Mode.DRAIN),
        List.of(RunnerKind.BASELINE, RunnerKind.CEILING, RunnerKind.DIRECT, RunnerKind.SPARK_LOCAL),
        3,
        List.of(200),
        10,
        List.of(1),
        List.of(2),
        2000,
        false,
        outputDir,
        150,
        List.of(),
        List.of(),
        List.of());
  }

  public boolean has(Mode mode) {
    return modes.contains(mode);
  }
}
