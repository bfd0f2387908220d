package io.courtside.bench;

import io.courtside.services.stack.ManagedProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drain: a fresh database, the job started in its own JVM, the post count polled until it
 * reaches the backlog size, the job stopped by PID.
 *
 * <p>Two rates come out. {@code wall} = posts / (launch to last post visible): what a user waits
 * for, JVM and runner start-up included. {@code steady} = posts written after the first poll that
 * saw any / time from that poll to the end: the processing rate once the job runs, without
 * start-up (undefined when the first visible batch already held every post).
 */
final class Drain {
  private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
  static final Duration POLL = Duration.ofMillis(200);

  /** What one drain measured. */
  record Result(RunnerKind kind, String label, long posts, double wallSeconds, double firstSeconds,
                double steadySeconds, long firstCount, boolean complete, Path jfr) {
    double wallRate() {
      return posts / wallSeconds;
    }

    /** NaN when the first visible count was already the whole backlog. */
    double steadyRate() {
      return steadySeconds > 0 && posts > firstCount ? (posts - firstCount) / steadySeconds : Double.NaN;
    }
  }

  private Drain() {}

  static Result run(JobLauncher launcher, JobLauncher.Job job, String influxUrl, long posts,
                    Path log, Path jfr, Duration timeout, String label) throws Exception {
    InfluxStats influx = new InfluxStats(influxUrl, job.database());
    influx.createDatabase();
    long t0 = System.nanoTime();
    ManagedProcess process = launcher.start(job, log);
    long first = 0;
    long firstCount = 0;
    long count = 0;
    boolean profiling = false;
    Path dumped = null;
    try {
      long deadline = t0 + timeout.toNanos();
      while (count < posts && System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(label + " exited before writing every post (" + count
              + " of " + posts + "); log " + log + ":\n" + process.logTail(30));
        }
        Thread.sleep(POLL.toMillis());
        count = influx.postCount(null);
        if (count > 0 && first == 0) {
          first = System.nanoTime();
          firstCount = count;
          if (jfr != null) {
            profiling = Jfr.start(process.pid());
          }
        }
      }
      long end = System.nanoTime();
      if (profiling && Jfr.dump(process.pid(), jfr)) {
        dumped = jfr;
      }
      boolean complete = count >= posts;
      if (!complete) {
        LOG.warn("{}: only {} of {} posts after {} s", label, count, posts, timeout.toSeconds());
      }
      return new Result(job.kind(), label, complete ? posts : count, seconds(end - t0),
          first == 0 ? Double.NaN : seconds(first - t0), first == 0 ? 0 : seconds(end - first),
          firstCount, complete, dumped);
    } finally {
      // Streaming jobs never end by themselves; Spark's graceful stop can take most of a minute
      // and measures nothing, so a short grace then SIGKILL.
      process.stop(Duration.ofSeconds(5));
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
