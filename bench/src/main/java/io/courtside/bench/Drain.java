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
 * for, JVM and runner start-up included. {@code steady} = the rate between the first poll that saw
 * at least 10% of the backlog and the first that saw at least 90%: the processing rate once the job
 * runs, without start-up and without the first and last batches. Measuring from the first visible
 * point instead favoured runners that write in large batches (a Spark micro-batch read before that
 * point was counted as written after it).
 */
final class Drain {
  private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
  static final Duration POLL = Duration.ofMillis(200);

  /** What one drain measured. */
  record Result(
      RunnerKind kind,
      String label,
      long posts,
      double wallSeconds,
      double firstSeconds,
      double steadySeconds,
      long steadyPosts,
      boolean complete,
      Path jfr) {
    double wallRate() {
      return posts / wallSeconds;
    }

    /** NaN when one poll saw both 10% and 90% of the backlog (too few polls to tell). */
    double steadyRate() {
      return steadySeconds > 0 && steadyPosts > 0 ? steadyPosts / steadySeconds : Double.NaN;
    }
  }

  /** The 10%-90% span of a drain's polls: first poll at or above each mark. */
  static final class Span {
    private final long low;
    private final long high;
    private long lowNanos = -1;
    private long lowCount;
    private long highNanos = -1;
    private long highCount;

    Span(long posts) {
      this.low = (posts + 9) / 10;
      this.high = (posts * 9 + 9) / 10;
    }

    void poll(long nanos, long count) {
      if (lowNanos < 0 && count >= low) {
        lowNanos = nanos;
        lowCount = count;
      }
      if (highNanos < 0 && count >= high) {
        highNanos = nanos;
        highCount = count;
      }
    }

    double seconds() {
      return highNanos > lowNanos && lowNanos >= 0 ? Drain.seconds(highNanos - lowNanos) : 0;
    }

    long posts() {
      return highNanos > lowNanos && lowNanos >= 0 ? highCount - lowCount : 0;
    }
  }

  private Drain() {}

  static Result run(
      JobLauncher launcher,
      JobLauncher.Job job,
      String influxUrl,
      long posts,
      Path log,
      Path jfr,
      Duration timeout,
      String label)
      throws Exception {
    InfluxStats influx = new InfluxStats(influxUrl, job.database());
    influx.createDatabase();
    long t0 = System.nanoTime();
    ManagedProcess process = launcher.start(job, log);
    long first = 0;
    long count = 0;
    Span span = new Span(posts);
    boolean profiling = false;
    Path dumped = null;
    try {
      long deadline = t0 + timeout.toNanos();
      while (count < posts && System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              label
                  + " exited before writing every post ("
                  + count
                  + " of "
                  + posts
                  + "); log "
                  + log
                  + ":\n"
                  + process.logTail(30));
        }
        Thread.sleep(POLL.toMillis());
        count = influx.postCount(null);
        span.poll(System.nanoTime(), count);
        if (count > 0 && first == 0) {
          first = System.nanoTime();
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
      return new Result(
          job.kind(),
          label,
          complete ? posts : count,
          seconds(end - t0),
          first == 0 ? Double.NaN : seconds(first - t0),
          span.seconds(),
          span.posts(),
          complete,
          dumped);
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
