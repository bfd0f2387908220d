package io.courtside.bench;

import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.services.flink.FlinkCluster;
import io.courtside.services.flink.FlinkClusterConfig;
import io.courtside.services.spark.SparkCluster;
import io.courtside.services.spark.SparkClusterConfig;
import io.courtside.services.stack.FileTrees;
import io.courtside.services.stack.LocalStack;
import io.courtside.services.stack.StackConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the modes of a {@link BenchConfig} against its own stack (a KRaft broker and influxd on free
 * loopback ports, and a Spark master + worker when the cluster runs), prints the Markdown report
 * and writes it under the output folder. Everything it started is stopped by PID.
 */
public final class BenchHarness {
  private static final Logger LOG = LoggerFactory.getLogger(BenchHarness.class);
  static final String SPARK_LOCAL_MASTER = "local[2]";

  /** The report and what it was made of, for tests. */
  public record Outcome(
      String markdown, Path reportFile, List<Drain.Result> drains, List<Latency.Result> latencies) {
    /** Every drain saw the whole backlog in InfluxDB, and every latency run every measured post. */
    public boolean allPostsWritten() {
      return drains.stream().allMatch(Drain.Result::complete)
          && latencies.stream().allMatch(l -> l.visible() >= l.sent());
    }
  }

  private final BenchConfig config;
  private final Path runDir;
  private final Set<String> produced = new HashSet<>();
  private LocalStack stack;
  private SparkCluster cluster;
  private FlinkCluster flinkCluster;
  private JobLauncher launcher;
  private Posts posts;
  private Ceiling.Batches ceilingBatches;
  private int jobCounter;

  private BenchHarness(BenchConfig config, Path runDir) {
    this.config = config;
    this.runDir = runDir;
  }

  public static Outcome run(BenchConfig config, PrintStream out) throws Exception {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path runDir = config.outputDir().toAbsolutePath().resolve("run-" + stamp);
    Files.createDirectories(runDir);
    BenchHarness h = new BenchHarness(config, runDir);
    Outcome outcome = null;
    try {
      outcome = h.execute(stamp, out);
      return outcome;
    } finally {
      h.stop();
      if (outcome != null && outcome.allPostsWritten()) {
        h.deleteData();
      } else {
        LOG.info(
            "bench: a run failed or stopped early: its Kafka and InfluxDB data stay in {}", runDir);
      }
    }
  }

  /**
   * Deletes what the drains stored, once every service has stopped: the broker's topic and
   * influxd's databases (up to a few GB for a 1M-post bench), the clusters' state and the jobs'
   * checkpoints. The report, the job and service logs and the recordings stay.
   */
  private void deleteData() {
    long bytes = 0;
    try (Stream<Path> children = Files.list(runDir.resolve("stack"))) {
      for (Path p : children.filter(p -> !p.getFileName().toString().equals("logs")).toList()) {
        bytes += deleteTree(p);
      }
    } catch (IOException e) {
      LOG.warn("bench: could not list {}: {}", runDir.resolve("stack"), e.toString());
    }
    try (Stream<Path> children = Files.list(runDir)) {
      for (Path p :
          children
              .filter(
                  p ->
                      p.getFileName().toString().startsWith("checkpoint-")
                          || p.getFileName().toString().equals("flink-checkpoints"))
              .toList()) {
        bytes += deleteTree(p);
      }
    } catch (IOException e) {
      LOG.warn("bench: could not list {}: {}", runDir, e.toString());
    }
    LOG.info(
        "bench: deleted the drains' Kafka, InfluxDB and checkpoint data ({} MB); report, logs and"
            + " recordings stay in {}",
        bytes >> 20,
        runDir);
  }

  /** Deletes {@code dir} and everything under it; the bytes of the files deleted. */
  private static long deleteTree(Path dir) {
    try {
      return FileTrees.delete(dir);
    } catch (IOException e) {
      LOG.warn("bench: could not delete all of {}: {}", dir, e.toString());
      return 0;
    }
  }

  private Outcome execute(String stamp, PrintStream out) throws Exception {
    LOG.info("bench: state, logs and recordings in {}", runDir);
    stack = LocalStack.start(runDir.resolve("stack"), StackConfig.freePorts());
    launcher = new JobLauncher(stack.kafkaBootstrap(), stack.influxUrl(), runDir);
    posts = new Posts(stack.kafkaBootstrap());
    Report report = new Report(header());
    List<Drain.Result> drains = new ArrayList<>();
    List<Latency.Result> latencies = new ArrayList<>();
    if (config.has(BenchConfig.Mode.DRAIN)) {
      for (int run = 0; run < config.runs(); run++) {
        // Runners interleaved run by run, so a noisy minute on the machine hits all of them.
        for (RunnerKind kind : config.runners()) {
          if (kind == RunnerKind.CEILING) {
            for (int threads : Ceiling.THREADS) {
              drains.add(ceiling(threads, run));
            }
            continue;
          }
          boolean profile = config.profile() && run == 0 && kind.jobInOneJvm();
          drains.add(drain(kind, config.partitions(), 2, run, profile));
        }
      }
      report.drains(
          "Drain: "
              + config.posts()
              + " posts backlog, "
              + config.partitions()
              + " partitions (median of "
              + config.runs()
              + ")",
          drains,
          config.runs());
      profiles(report, drains);
    }
    if (config.has(BenchConfig.Mode.LATENCY)) {
      for (int rate : config.rates()) {
        for (RunnerKind kind : config.runners()) {
          if (kind == RunnerKind.CEILING) {
            continue; // a drain-only reference: it writes a finished backlog, no live stream
          }
          latencies.add(latency(kind, rate));
        }
      }
      report.latencies(latencies);
    }
    if (config.has(BenchConfig.Mode.SCALING)) {
      List<Drain.Result> scaling = new ArrayList<>();
      for (int p : config.scalingPartitions()) {
        List<Drain.Result> row = new ArrayList<>();
        row.add(drain(RunnerKind.BASELINE, p, 1, 0, false));
        row.add(drain(RunnerKind.DIRECT, p, 1, 0, false));
        for (int cores : config.scalingCores()) {
          row.add(drain(RunnerKind.SPARK_LOCAL, p, cores, 0, false));
        }
        report.drains(
            "Scaling: " + p + " partition(s), " + config.posts() + " posts, one run", row, 1);
        scaling.addAll(row);
      }
      drains.addAll(scaling);
    }
    String md = report.markdown();
    out.println(md);
    Path file = config.outputDir().toAbsolutePath().resolve("bench-" + stamp + ".md");
    Files.writeString(file, md);
    Files.writeString(config.outputDir().toAbsolutePath().resolve("latest.md"), md);
    LOG.info("bench: report written to {}", file);
    return new Outcome(md, file, drains, latencies);
  }

  private Drain.Result drain(RunnerKind kind, int partitions, int cores, int run, boolean profile)
      throws Exception {
    String topic = "backlog-p" + partitions;
    if (produced.add(topic)) {
      LOG.info(
          "bench: producing {} posts into {} ({} partitions)", config.posts(), topic, partitions);
      posts.backlog(topic, partitions, config.posts(), Posts.BACKLOG_SEED);
    }
    String name = "j" + (++jobCounter) + "-" + kind.name().toLowerCase().replace('_', '-');
    String label = label(kind, cores);
    JobLauncher.Job job =
        new JobLauncher.Job(
            kind,
            topic,
            name.replace('-', '_'),
            name,
            master(kind, cores),
            cores,
            config.batchIntervalMillis(),
            flags(kind));
    Path jfr = profile ? runDir.resolve(name + ".jfr") : null;
    LOG.info("bench: drain {} run {} ({}, {} partitions)", label, run + 1, name, partitions);
    Drain.Result r =
        Drain.run(
            launcher,
            job,
            stack.influxUrl(),
            config.posts(),
            runDir.resolve("logs").resolve(name + ".log"),
            jfr,
            Duration.ofSeconds(config.drainTimeoutSeconds()),
            label);
    if (r.failed()) {
      LOG.warn("bench: {} -> failed (in no median; see the report's failed runs)", label);
    } else {
      LOG.info(
          "bench: {} -> {} posts/s wall, {} posts/s steady, {} HTTP writes ({} points each)",
          label,
          Report.num(r.wallRate()),
          Report.num(r.steadyRate()),
          r.writes().requests(),
          Report.dec(r.writes().pointsPerRequest()));
    }
    return r;
  }

  /**
   * One ceiling drain: the backlog's points (encoded and compressed once, before the first ceiling
   * run's clock) written into a fresh database from {@code threads} client threads.
   */
  private Drain.Result ceiling(int threads, int run) throws Exception {
    if (ceilingBatches == null) {
      long t = System.nanoTime();
      ceilingBatches =
          Ceiling.encode(
              config.posts(),
              Posts.BACKLOG_SEED,
              Instant.now(),
              new InfluxDbClient(stack.influxUrl(), "ceiling"));
      LOG.info(
          "bench: ceiling: {} posts parsed, scored, encoded and gzipped into {} batches ({} MB of"
              + " line protocol, {} MB gzip) in {} s, before any clock",
          ceilingBatches.points(),
          ceilingBatches.batches().size(),
          Report.dec(ceilingBatches.lineBytes() / 1e6),
          Report.dec(ceilingBatches.gzipBytes() / 1e6),
          Report.dec((System.nanoTime() - t) / 1e9));
    }
    String name = "j" + (++jobCounter) + "-ceiling-" + threads;
    String label = label(RunnerKind.CEILING, threads);
    LOG.info("bench: drain {} run {} ({})", label, run + 1, name);
    Drain.Result r =
        Ceiling.run(
            ceilingBatches,
            stack.influxUrl(),
            name.replace('-', '_'),
            threads,
            Duration.ofSeconds(config.drainTimeoutSeconds()),
            label);
    if (r.failed()) {
      LOG.warn("bench: {} -> failed (in no median; see the report's failed runs)", label);
    } else {
      LOG.info("bench: {} -> {} posts/s wall", label, Report.num(r.wallRate()));
    }
    return r;
  }

  private Latency.Result latency(RunnerKind kind, int rate) throws Exception {
    String name = "l" + (++jobCounter) + "-" + kind.name().toLowerCase().replace('_', '-');
    JobLauncher.Job job =
        new JobLauncher.Job(
            kind,
            "live-" + name,
            name.replace('-', '_'),
            name,
            master(kind, 2),
            2,
            config.batchIntervalMillis(),
            flags(kind));
    String label = label(kind, 2);
    LOG.info("bench: latency {} at {} posts/s for {} s", label, rate, config.latencySeconds());
    Latency.Result r =
        Latency.run(
            launcher,
            job,
            posts,
            stack.influxUrl(),
            config.partitions(),
            rate,
            config.latencySeconds(),
            runDir.resolve("logs").resolve(name + ".log"),
            label);
    LOG.info(
        "bench: {} -> latency_ms p99 {}, visible p99 {} ms, max lag {}",
        label,
        Report.num(r.latencyMs()[2]),
        Report.num(r.visibleMs()[2]),
        r.maxLag());
    return r;
  }

  private List<String> flags(RunnerKind kind) {
    if (kind == RunnerKind.DIRECT) {
      return config.directFlags();
    }
    return kind.isSpark() ? config.sparkFlags() : kind.isFlink() ? config.flinkFlags() : List.of();
  }

  private String master(RunnerKind kind, int cores) {
    return switch (kind) {
      case SPARK_LOCAL -> cores == 2 ? SPARK_LOCAL_MASTER : "local[" + cores + "]";
      case SPARK_CLUSTER -> cluster().masterUrl();
      case FLINK_CLUSTER -> flinkCluster().state().restAddress();
      default -> null;
    };
  }

  /** The row of a runner; for the ceiling {@code cores} is its client threads. */
  private static String label(RunnerKind kind, int cores) {
    return switch (kind) {
      case SPARK_LOCAL -> "SparkRunner local[" + cores + "]";
      case SPARK_CLUSTER -> "SparkRunner standalone, executor " + cores + " cores";
      case DIRECT -> "DirectRunner";
      case BASELINE -> "baseline";
      case FLINK_LOCAL -> "FlinkRunner embedded";
      case FLINK_CLUSTER -> "FlinkRunner session cluster, " + cores + " slots";
      case CEILING -> Ceiling.label(cores);
    };
  }

  private SparkCluster cluster() {
    if (cluster == null) {
      int cores =
          Math.max(2, config.scalingCores().stream().mapToInt(Integer::intValue).max().orElse(2));
      cluster =
          SparkCluster.start(
              runDir.resolve("stack"), SparkClusterConfig.freePort().withWorker(cores, "3g"));
    }
    return cluster;
  }

  private FlinkCluster flinkCluster() {
    if (flinkCluster == null) {
      flinkCluster =
          FlinkCluster.start(
              runDir.resolve("stack"), FlinkClusterConfig.freePort().withTaskManager(2, "2g"));
    }
    return flinkCluster;
  }

  private void profiles(Report report, List<Drain.Result> drains) {
    for (Drain.Result r : drains) {
      if (r.jfr() == null) {
        continue;
      }
      try {
        report.text(
            HotFrames.markdown(
                "Profile: " + r.label() + " drain, " + r.jfr().getFileName(),
                HotFrames.read(r.jfr(), 20)));
      } catch (Exception e) {
        LOG.warn("Cannot read {}: {}", r.jfr(), e.toString());
      }
    }
  }

  private String header() {
    return "## courtside bench\n\n"
        + "Machine: "
        + Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + System.getProperty("java.version")
        + "; every job in its own JVM ("
        + JobLauncher.HEAP
        + "); Kafka (KRaft) and influxd 1.6.7 on loopback. Spark streaming batch interval "
        + config.batchIntervalMillis()
        + " ms; unless a Spark flag sets --maxRecordsPerBatch, each micro-batch holds at most what"
        + " half the executor's storage memory keeps cached (the job's log says how many), which"
        + " bounds the SparkRunner's rate by its memory (runners/spark/README.md, \"Memory\")."
        + " Extra DirectRunner flags: "
        + config.directFlags()
        + "; extra SparkRunner flags: "
        + config.sparkFlags()
        + "; extra FlinkRunner flags: "
        + config.flinkFlags()
        + ". Drain end = the InfluxDB post count equals the"
        + " backlog. wall = launch to last post visible (start-up included); steady = the rate"
        + " from the first poll that saw 10% of the backlog to the first that saw 90% (start-up and"
        + " the first and last batches excluded). On Spark the steady rate over-states: a micro-batch"
        + " is read and cached, then its points are written in a burst; compare Spark by its wall rate"
        + " on a large backlog, or by the micro-batch times in its log. FlinkRunner: streaming"
        + " with a checkpoint every 10 s (the default users get)."
        + (config.runners().contains(RunnerKind.CEILING)
            ? " influxd ceiling: the drain's very points (parsed, scored, encoded and gzipped in"
                + " batches of "
                + BaselineMain.BATCH_SIZE
                + " before the clock starts) written by 1 or 2 threads of the bench's JVM straight"
                + " to influxd: no Kafka, parse, VADER, encoding or compression on its clock; what"
                + " the database allows on this machine."
            : "")
        + "\n";
  }

  private void stop() {
    try {
      if (flinkCluster != null) {
        flinkCluster.close();
      }
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
    }
  }
}
