package io.courtside.bench;

import io.courtside.services.stack.ManagedProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One drain: a fresh database, the job started in its own JVM, the post count polled until it
 * reaches the backlog size, the job stopped by PID. Each poll reads influxd's cheap counter of
 * points written and counts the stored posts only when that could show a new mark ({@link
 * Span#mayReachNextMark}): counting every poll cost the measured job half a core. The ceiling
 * ({@link Ceiling}) polls the same way, its writer threads in place of a job.
 *
 * <p>Two rates come out. {@code wall} = posts / (launch to last post visible): what a user waits
 * for, JVM and runner start-up included. {@code steady} = the rate between the first poll that saw
 * at least 10% of the backlog and the first that saw at least 90%: the processing rate once the job
 * runs, without start-up and without the first and last batches. Measuring from the first visible
 * point instead favoured runners that write in large batches (a Spark micro-batch read before that
 * point was counted as written after it).
 *
 * <p>Each result also carries what the run made influxd do ({@link InfluxStats.Writes}: write
 * requests, points, time in writes), and, when the job died or a write failed, why: such a run is
 * reported as failed and the bench goes on with the next one.
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
      Path jfr,
      InfluxStats.Writes writes,
      String failure,
      CpuUse cpu) {
    /** The run ended early: its job died or a write failed ({@link #failure} says how). */
    boolean failed() {
      return failure != null;
    }

    double wallRate() {
      return posts / wallSeconds;
    }

    /** NaN when one poll saw both 10% and 90% of the backlog (too few polls to tell). */
    double steadyRate() {
      return steadySeconds > 0 && steadyPosts > 0 ? steadyPosts / steadySeconds : Double.NaN;
    }
  }

  /**
   * The 10%-90% span of a drain's counts: first count at or above each mark. It also says when a
   * count is worth its cost ({@link #mayReachNextMark}).
   */
  static final class Span {
    private final long posts;
    private final long low;
    private final long high;
    private long lowNanos = -1;
    private long lowCount;
    private long highNanos = -1;
    private long highCount;
    private long lastCount;

    Span(long posts) {
      this.posts = posts;
      this.low = (posts + 9) / 10;
      this.high = (posts * 9 + 9) / 10;
    }

    /**
     * Whether a count of the stored posts could now reach the next mark it has not reached: the
     * first post, 10%, 90%, the whole backlog. Every stored post took at least one point written,
     * so while influxd's counter of points written by this run ({@code pointsWritten}) is below the
     * mark, the count is too, and a count would only cost influxd CPU. That cost is not small: a
     * {@code count()} over a million stored posts takes influxd about 0.3 CPU seconds (two cores
     * for 150 ms, measured with influxd 1.6.7 on the 2-core machine), so counting every poll took
     * about half a core from the job it measures; the counter takes 0.05 ms.
     */
    boolean mayReachNextMark(long pointsWritten) {
      long next = lastCount < 1 ? 1 : lastCount < low ? low : lastCount < high ? high : posts;
      return pointsWritten >= next;
    }

    void poll(long nanos, long count) {
      lastCount = Math.max(lastCount, count);
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

  /**
   * What a drain polls for: the job's JVM, or the ceiling's writer threads ({@link Ceiling}). It is
   * checked before every poll of the post count.
   */
  interface Writer {
    /** Throws when it can no longer write the rest: the job's JVM exited, a write failed. */
    void check(long count, long posts) throws Exception;

    /** Waits until the next poll: {@link Drain#POLL}. */
    default void awaitPoll() throws InterruptedException {
      Thread.sleep(POLL.toMillis());
    }

    /** The first poll that saw points. */
    default void firstPointsVisible() {}
  }

  /**
   * The polls of one drain: when the first points and the whole backlog were seen, influxd's write
   * counters at the end, and why the writer stopped early (null: it did not).
   */
  private record Polled(
      long count,
      long first,
      long end,
      Span span,
      InfluxStats.Writes writes,
      String failure,
      CpuUse cpu) {}

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
    InfluxStats.Writes before = influx.writes();
    CpuUse.Reading cpu = CpuUse.read(false);
    long t0 = System.nanoTime();
    ManagedProcess process = launcher.start(job, log);
    boolean[] profiling = {false};
    try {
      Polled polled =
          pollCount(
              influx,
              before,
              cpu,
              t0,
              posts,
              timeout,
              label,
              new Writer() {
                @Override
                public void check(long count, long posts) {
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
                }

                @Override
                public void firstPointsVisible() {
                  if (jfr != null) {
                    profiling[0] = Jfr.start(process.pid());
                  }
                }
              });
      Path dumped =
          profiling[0] && polled.failure() == null && Jfr.dump(process.pid(), jfr) ? jfr : null;
      return result(job.kind(), label, posts, t0, polled, dumped);
    } finally {
      // Streaming jobs never end by themselves: SIGTERM, and SIGKILL after the runner's grace.
      process.stop(job.kind().stopGrace());
    }
  }

  /**
   * Polls the post count of {@code influx} until it reaches {@code posts} or {@code timeout} after
   * {@code t0} passes, checking {@code writer} before each poll.
   */
  static Result poll(
      RunnerKind kind,
      String label,
      InfluxStats influx,
      InfluxStats.Writes before,
      CpuUse.Reading cpu,
      long t0,
      long posts,
      Duration timeout,
      Writer writer)
      throws Exception {
    return result(
        kind,
        label,
        posts,
        t0,
        pollCount(influx, before, cpu, t0, posts, timeout, label, writer),
        null);
  }

  /**
   * Polls until the backlog is visible, the timeout passes or {@code writer} fails its check; a
   * failed check ends this run (its reason kept), not the bench. {@code before}: influxd's write
   * counters when the run started; {@code cpu}: the CPU reading then.
   */
  private static Polled pollCount(
      InfluxStats influx,
      InfluxStats.Writes before,
      CpuUse.Reading cpu,
      long t0,
      long posts,
      Duration timeout,
      String label,
      Writer writer)
      throws Exception {
    long first = 0;
    long count = 0;
    String failure = null;
    Span span = new Span(posts);
    long deadline = t0 + timeout.toNanos();
    while (count < posts && System.nanoTime() < deadline) {
      try {
        writer.check(count, posts);
      } catch (Exception e) {
        failure = reason(e);
        LOG.error("{}: failed, the bench goes on with the next run: {}", label, failure);
        break;
      }
      writer.awaitPoll();
      if (!span.mayReachNextMark(influx.writes().minus(before).points())) {
        continue;
      }
      count = influx.postCount(null);
      span.poll(System.nanoTime(), count);
      if (count > 0 && first == 0) {
        first = System.nanoTime();
        writer.firstPointsVisible();
      }
    }
    long end = System.nanoTime();
    CpuUse used = CpuUse.between(cpu, CpuUse.read(cpu.benchJvmIsTheJob()));
    if (count < posts && failure == null) {
      LOG.warn("{}: only {} of {} posts after {} s", label, count, posts, timeout.toSeconds());
    }
    return new Polled(count, first, end, span, influx.writes().minus(before), failure, used);
  }

  private static Result result(
      RunnerKind kind, String label, long posts, long t0, Polled polled, Path jfr) {
    boolean complete = polled.count() >= posts;
    return new Result(
        kind,
        label,
        complete ? posts : polled.count(),
        seconds(polled.end() - t0),
        polled.first() == 0 ? Double.NaN : seconds(polled.first() - t0),
        polled.span().seconds(),
        polled.span().posts(),
        complete,
        jfr,
        polled.writes(),
        polled.failure(),
        polled.cpu());
  }

  /** The messages of {@code e} and its causes, outermost first. */
  static String reason(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (!s.isEmpty()) {
        s.append(": ");
      }
      s.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
    return s.toString();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
