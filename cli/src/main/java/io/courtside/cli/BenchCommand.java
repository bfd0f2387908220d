package io.courtside.cli;

import io.courtside.bench.BenchConfig;
import io.courtside.bench.BenchHarness;
import io.courtside.bench.RunnerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: throughput, latency and scaling of the Beam job on each runner against a
 * hand-written KafkaConsumer baseline, on a stack of its own (module {@code bench}). Each job runs
 * in its own JVM, so this JVM only orchestrates and polls.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark: drain a backlog of posts into InfluxDB with a plain KafkaConsumer baseline and the"
          + " Beam job on DirectRunner, SparkRunner local[2] and a standalone Spark cluster; print"
          + " posts/s and the ratio to the baseline (median of --runs) as Markdown. The influxd"
          + " ceiling (runner ceiling) writes the same points straight to influxd and reports"
          + " baseline / ceiling: what the database alone allows on this machine.",
      "Starts its own Kafka + influxd on free ports; the report also goes to --output."
    })
final class BenchCommand implements Callable<Integer> {
  enum ModeArg {
    drain,
    latency,
    scaling,
    all
  }

  @Option(
      names = "--posts",
      defaultValue = "100000",
      description = "Backlog size (default: ${DEFAULT-VALUE}).")
  int posts;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Drains per runner; the median is reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--mode",
      defaultValue = "drain",
      description = "drain, latency, scaling or all (default: ${DEFAULT-VALUE}).")
  ModeArg mode;

  @Option(
      names = "--runners",
      split = ",",
      paramLabel = "LIST",
      defaultValue = "baseline,ceiling,direct,spark_local,spark_cluster",
      description =
          "Runners of the drain and latency modes: baseline, ceiling, direct, spark_local,"
              + " spark_cluster, flink_local (embedded cluster), flink_cluster (a session cluster"
              + " the bench starts) (default: ${DEFAULT-VALUE}). ceiling (drain mode only, two"
              + " rows, no job JVM): influxd alone ingesting the drain's very points, parsed,"
              + " scored, encoded and gzipped in batches of 5,000 before the clock starts,"
              + " written from 1 and from 2 client threads of the bench's JVM; the report adds"
              + " baseline / ceiling. Neither Kafka nor parse, VADER, encoding or compression is"
              + " timed.")
  List<RunnerKind> runners;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "Partitions of the drain and latency topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--rate",
      split = ",",
      defaultValue = "1000",
      description =
          "Latency mode: posts/s, one run per value, e.g. 1000,2000 (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(
      names = "--latency-seconds",
      defaultValue = "60",
      description = "Latency mode: seconds at --rate (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(
      names = "--scaling-partitions",
      split = ",",
      defaultValue = "1,2,4",
      description = "Scaling mode: partition counts (default: ${DEFAULT-VALUE}).")
  List<Integer> scalingPartitions;

  @Option(
      names = "--scaling-cores",
      split = ",",
      defaultValue = "1,2",
      description = "Scaling mode: Spark cores, local[N] (default: ${DEFAULT-VALUE}).")
  List<Integer> scalingCores;

  @Option(
      names = "--batch-interval-ms",
      defaultValue = "2000",
      description = "Spark streaming micro-batch interval (default: ${DEFAULT-VALUE}).")
  int batchIntervalMillis;

  @Option(
      names = "--profile",
      negatable = true,
      defaultValue = "true",
      // Without it picocli gives a negatable flag that defaults to true the opposite meaning:
      // --profile turned profiling off and --no-profile left it on (NegatableFlagsTest).
      fallbackValue = "true",
      description =
          "JFR on the first drain of each runner whose job runs in one JVM (baseline, DirectRunner, Spark local, Flink embedded); top frames in the report (default: ${DEFAULT-VALUE}).")
  boolean profile;

  @Option(
      names = "--smoke",
      description =
          "CI size: 3,000 posts, one run, baseline + ceiling + DirectRunner + Spark local, drain"
              + " only.")
  boolean smoke;

  @Option(
      names = "--output",
      defaultValue = ".courtside/bench",
      paramLabel = "DIR",
      description = "Report, logs and recordings (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--timeout",
      defaultValue = "900",
      description = "Give up one drain after this many seconds (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--direct-flag",
      paramLabel = "FLAG",
      description =
          "An extra pipeline flag for the DirectRunner jobs, e.g. --direct-flag=--experiments=use_sdf_read; repeatable.")
  List<String> directFlags = new ArrayList<>();

  @Option(
      names = "--spark-flag",
      paramLabel = "FLAG",
      description =
          "An extra pipeline flag for the SparkRunner jobs, e.g. --spark-flag=--maxRecordsPerBatch=20000; repeatable.")
  List<String> sparkFlags = new ArrayList<>();

  @Option(
      names = "--flink-flag",
      paramLabel = "FLAG",
      description =
          "An extra pipeline flag for the FlinkRunner jobs (embedded and session cluster), e.g. --flink-flag=--maxBundleTimeMills=100; repeatable.")
  List<String> flinkFlags = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    BenchConfig config;
    try {
      config = smoke ? BenchConfig.smoke(output) : config();
    } catch (IllegalArgumentException e) {
      System.err.println("courtside bench: " + e.getMessage());
      return 2;
    }
    BenchHarness.Outcome outcome = BenchHarness.run(config, System.out);
    System.err.println("courtside bench: report in " + outcome.reportFile());
    return outcome.allPostsWritten() ? 0 : 1;
  }

  private BenchConfig config() {
    List<BenchConfig.Mode> modes = new ArrayList<>();
    if (mode == ModeArg.all) {
      modes.addAll(List.of(BenchConfig.Mode.values()));
    } else {
      modes.add(BenchConfig.Mode.valueOf(mode.name().toUpperCase()));
    }
    return new BenchConfig(
        posts,
        runs,
        modes,
        runners,
        partitions,
        rates,
        latencySeconds,
        scalingPartitions,
        scalingCores,
        batchIntervalMillis,
        profile,
        output,
        timeoutSeconds,
        directFlags,
        sparkFlags,
        flinkFlags);
  }
}
