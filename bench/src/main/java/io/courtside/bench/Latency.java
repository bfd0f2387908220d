package io.courtside.bench;

import io.courtside.services.stack.ManagedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One latency run: the job started and warmed up on a live topic, then posts produced at a fixed
 * rate with createdAt = the moment each is sent, while the visible count is polled.
 *
 * <p>Two delays come out, and they measure different things:
 *
 * <ul>
 *   <li>{@code latency_ms} (read back from InfluxDB, every post): the point's build time in the
 *       job's PostPoints step minus createdAt, i.e. Kafka produce + broker + the runner's read,
 *       parse, score, up to the sink's buffer. It excludes the sink's batching wait and the HTTP
 *       write.
 *   <li>visible delay (from polling, every {@link VisibleCount#POLL_MILLIS} ms): when the post
 *       count reached c minus when the c-th post was sent, i.e. createdAt to queryable in InfluxDB,
 *       batching and write included; per post, assuming posts become visible in send order
 *       (partitions are not read in strict order, so this is approximate), to within one poll
 *       interval (it can only overstate the delay, by up to that interval).
 * </ul>
 *
 * Lag = posts sent minus posts visible; bounded when the job keeps up, growing when it does not.
 */
final class Latency {
  static final String WARMUP = "warmup";
  static final String MEASURED = "bench";

  /** What one latency run measured; delays in ms. */
  record Result(
      RunnerKind kind,
      String label,
      int rate,
      int sent,
      long visible,
      double[] latencyMs,
      double[] visibleMs,
      long maxLag,
      long lagAtEnd,
      double catchUpSeconds,
      double jobCores,
      double influxdCores) {}

  private Latency() {}

  static Result run(
      JobLauncher launcher,
      JobLauncher.Job job,
      Posts posts,
      String influxUrl,
      int partitions,
      int rate,
      int seconds,
      Path log,
      String label)
      throws Exception {
    InfluxStats influx = new InfluxStats(influxUrl, job.database());
    influx.createDatabase();
    posts.createTopic(job.topic(), partitions);
    ManagedProcess process = launcher.start(job, log);
    try {
      // Warm-up: the job is started, JIT-compiled and keeping up before anything is measured.
      int warmSeconds = 5;
      posts.live(job.topic(), WARMUP, rate, warmSeconds, 7);
      await(influx, WARMUP, (long) rate * warmSeconds, Duration.ofSeconds(240), process, label);
      Thread.sleep(2000);

      // The cores the job and influxd used while the measured posts were produced: CPU seconds
      // from the OS over the production's wall time (CpuUse; a cluster's JVMs count as the job).
      CpuUse.Reading cpuBefore = CpuUse.read(false);
      long cpuFrom = System.nanoTime();
      double[] cores = null; // job, influxd
      CompletableFuture<long[]> sending =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return posts.live(job.topic(), MEASURED, rate, seconds, 11);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      long n = (long) rate * seconds;
      List<long[]> samples = new ArrayList<>(); // {epoch ms, visible}
      long productionEnd = 0;
      long deadline = System.currentTimeMillis() + (seconds + 180) * 1000L;
      long visible = 0;
      VisibleCount count = new VisibleCount((from, to) -> influx.postCount(MEASURED, from, to));
      while (visible < n && System.currentTimeMillis() < deadline && process.isAlive()) {
        Thread.sleep(VisibleCount.POLL_MILLIS);
        visible = count.at(System.currentTimeMillis());
        samples.add(new long[] {System.currentTimeMillis(), visible});
        if (productionEnd == 0 && sending.isDone()) {
          productionEnd = System.currentTimeMillis();
          cores = coresSince(cpuBefore, cpuFrom);
        }
      }
      long[] sentAt = sending.get();
      visible = influx.postCount(MEASURED);
      if (productionEnd == 0) {
        productionEnd = System.currentTimeMillis();
        cores = coresSince(cpuBefore, cpuFrom);
      }
      return summarize(
          job.kind(),
          label,
          rate,
          sentAt,
          samples,
          visible,
          influx.latencyPercentiles(MEASURED),
          productionEnd,
          cores[0],
          cores[1]);
    } finally {
      process.stop(job.kind().stopGrace());
    }
  }

  private static Result summarize(
      RunnerKind kind,
      String label,
      int rate,
      long[] sentAt,
      List<long[]> samples,
      long visible,
      double[] latency,
      long productionEnd,
      double jobCores,
      double influxdCores) {
    List<Long> delays = new ArrayList<>();
    long maxLag = 0;
    long lagAtEnd = 0;
    long lastVisibleChange = samples.isEmpty() ? productionEnd : samples.get(0)[0];
    long prev = -1;
    for (long[] s : samples) {
      long t = s[0];
      long c = s[1];
      long sent = upperBound(sentAt, t);
      maxLag = Math.max(maxLag, sent - c);
      if (t <= productionEnd) {
        lagAtEnd = sent - c;
      }
      // Each post that became visible in this poll: seen at t, sent at its rank's send time.
      for (long k = Math.max(prev, 0) + 1; k <= Math.min(c, sentAt.length); k++) {
        delays.add(t - sentAt[(int) k - 1]);
      }
      if (c != prev) {
        lastVisibleChange = t;
      }
      prev = Math.max(prev, c);
    }
    double[] visibleMs = percentiles(delays);
    double catchUp = Math.max(0, (lastVisibleChange - productionEnd) / 1000.0);
    return new Result(
        kind,
        label,
        rate,
        sentAt.length,
        visible,
        latency,
        visibleMs,
        maxLag,
        lagAtEnd,
        catchUp,
        jobCores,
        influxdCores);
  }

  /** The cores the job and influxd used since {@code before}, read at {@code fromNanos}. */
  private static double[] coresSince(CpuUse.Reading before, long fromNanos) {
    CpuUse used = CpuUse.between(before, CpuUse.read(false));
    double wall = (System.nanoTime() - fromNanos) / 1e9;
    return new double[] {used.jobSeconds() / wall, used.influxdSeconds() / wall};
  }

  /** How many send times are at or before {@code t}. */
  private static long upperBound(long[] sorted, long t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i < 0) {
      return -i - 1;
    }
    while (i + 1 < sorted.length && sorted[i + 1] == t) {
      i++;
    }
    return i + 1;
  }

  /** p50, p95, p99, max of the samples (nearest rank). */
  static double[] percentiles(List<Long> values) {
    if (values.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }
    long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return new double[] {rank(v, 50), rank(v, 95), rank(v, 99), v[v.length - 1]};
  }

  private static double rank(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static void await(
      InfluxStats influx,
      String source,
      long n,
      Duration timeout,
      ManagedProcess process,
      String label)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (influx.postCount(source) < n) {
      if (!process.isAlive()) {
        throw new IllegalStateException(label + " exited during warm-up:\n" + process.logTail(30));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            label + " did not write the warm-up posts within " + timeout.toSeconds() + " s");
      }
      Thread.sleep(Drain.POLL.toMillis());
    }
  }
}
