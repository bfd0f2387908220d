package io.courtside.pipeline.launch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the JVM with a code, running its shutdown hooks for at most a grace period, then halting.
 *
 * <p>Why: a job that died must leave, so that whatever supervises it (spark-submit's {@code
 * --supervise}, systemd, a test, the bench) sees the exit code and can restart it. Seen on the
 * SparkRunner: after an executor task's {@code OutOfMemoryError}, Spark's uncaught-exception
 * handler starts the JVM's shutdown, the job's result reports the failure, and {@code System.exit}
 * then waits for ever on a shutdown hook that never returns (Spark's graceful stop of the streaming
 * context waits for batches no executor will run); the driver JVM stayed up, doing nothing, until
 * it was killed. The same hook hung a driver stopped with SIGTERM: {@link #haltAfter}.
 */
public final class ExitWithin {
  /** The JVM's exit status after SIGTERM (128 + 15), which a hung shutdown never reaches. */
  public static final int SIGTERM_EXIT_CODE = 143;

  /** A watchdog is running: the JVM is on its way out. */
  private static final AtomicBoolean LEAVING = new AtomicBoolean();

  private ExitWithin() {}

  /**
   * {@code System.exit(code)}; if the hooks have not finished after {@code grace}, {@code
   * Runtime.halt(code)}. Does not return.
   */
  public static void exit(int code, Duration grace) {
    LEAVING.set(true);
    watch(code, grace);
    System.exit(code);
  }

  /**
   * For a shutdown hook: when the JVM is stopping without {@link #exit} (a signal: SIGTERM from
   * {@code kill} or a supervisor, Ctrl-C), halts it with {@code code} if the hooks have not
   * finished after {@code grace}. Returns at once; does nothing when {@link #exit} already watches.
   */
  public static void haltAfter(int code, Duration grace) {
    if (LEAVING.compareAndSet(false, true)) {
      watch(code, grace);
    }
  }

  /**
   * True once the JVM is on its way out ({@link #exit} or {@link #haltAfter} was called): an error
   * the job reports now is a consequence of the exit, not its cause.
   */
  public static boolean leaving() {
    return LEAVING.get();
  }

  private static void watch(int code, Duration grace) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(grace.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              System.err.printf(
                  "courtside: shutdown hooks still running after %d s; halting with exit code %d%n",
                  grace.toSeconds(), code);
              Runtime.getRuntime().halt(code);
            },
            "exit-within-" + grace.toSeconds() + "s");
    // A daemon thread keeps running while the hooks run: the JVM only stops it at the very end.
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
