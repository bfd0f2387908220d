package io.courtside.pipeline.launch;

import java.time.Duration;

/**
 * Ends the JVM with a code, running its shutdown hooks for at most a grace period, then halting.
 *
 * <p>Why: a job that died must leave, so that whatever supervises it (spark-submit's {@code
 * --supervise}, systemd, a test, the bench) sees the exit code and can restart it. Seen on the
 * SparkRunner: after an executor task's {@code OutOfMemoryError}, Spark's uncaught-exception
 * handler starts the JVM's shutdown, the job's result reports the failure, and {@code System.exit}
 * then waits for ever on a shutdown hook that never returns (Spark's graceful stop of the streaming
 * context waits for batches no executor will run); the driver JVM stayed up, doing nothing, until
 * it was killed.
 */
public final class ExitWithin {
  private ExitWithin() {}

  /**
   * {@code System.exit(code)}; if the hooks have not finished after {@code grace}, {@code
   * Runtime.halt(code)}. Does not return.
   */
  public static void exit(int code, Duration grace) {
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
    System.exit(code);
  }
}
