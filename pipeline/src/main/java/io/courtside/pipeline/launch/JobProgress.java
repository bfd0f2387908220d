package io.courtside.pipeline.launch;

import io.courtside.pipeline.influx.InfluxDbIO;
import io.courtside.pipeline.parse.ParsePosts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * A line on stderr every period while a job runs, from the job's own counters: how many posts it
 * parsed and at what rate, how many records were dead letters, how many points reached InfluxDB and
 * how many writes were retried. Without it a long backfill printed nothing between its start and
 * its end. The counters are the attempted values (the DirectRunner has no committed ones while a
 * job runs); a runner whose result cannot report metrics while it runs gets no line.
 */
final class JobProgress implements AutoCloseable {
  private final ScheduledExecutorService timer;

  private JobProgress(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Prints {@link #line} about {@code result} to {@code err} every {@code period}. */
  static JobProgress every(Duration period, PipelineResult result, PrintStream err) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "courtside-progress");
              t.setDaemon(true);
              return t;
            });
    long started = System.nanoTime();
    long[] last = {0, started};
    timer.scheduleAtFixedRate(
        () -> {
          try {
            Counts now = counts(result);
            long at = System.nanoTime();
            err.println(
                line(Duration.ofNanos(at - started), now, now.posts - last[0], at - last[1]));
            last[0] = now.posts;
            last[1] = at;
          } catch (RuntimeException e) {
            // No metrics from this runner while it runs (or the job is ending): no line.
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return new JobProgress(timer);
  }

  /** The job's counters, summed over the steps that report them. */
  record Counts(long posts, long deadLetters, long points, long retries) {}

  static Counts counts(PipelineResult result) {
    return new Counts(
        sum(result, ParsePosts.class, "posts_valid"),
        sum(result, ParsePosts.class, "posts_invalid"),
        sum(result, InfluxDbIO.class, "points_written"),
        sum(result, InfluxDbIO.class, "write_retries"));
  }

  /**
   * E.g. {@code courtside pipeline: 20 s | 41,200 posts parsed (4,120/s), 12 dead letters | 45,007
   * points written, 0 writes retried}; the rate is over the last period.
   */
  static String line(Duration elapsed, Counts c, long newPosts, long periodNanos) {
    double rate = periodNanos <= 0 ? 0 : newPosts * 1e9 / periodNanos;
    return String.format(
        Locale.ROOT,
        "courtside pipeline: %3d s | %,d posts parsed (%,.0f/s), %,d dead letters | %,d points written,"
            + " %,d writes retried",
        elapsed.toSeconds(),
        c.posts(),
        rate,
        c.deadLetters(),
        c.points(),
        c.retries());
  }

  private static long sum(PipelineResult result, Class<?> namespace, String name) {
    MetricQueryResults r =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(namespace, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> counter : r.getCounters()) {
      Long v = counter.getAttempted();
      total += v == null ? 0 : v;
    }
    return total;
  }

  /** Stops the lines; returns once none is being printed. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
