package io.courtside.ingest.sources;

import io.courtside.ingest.StopSignal;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a blocking read of a streaming HTTP body when the stream goes quiet for too long (a
 * half-open connection sends nothing, not even keep-alives, and would otherwise hang for ever) or
 * when a stop is requested. It closes the stream from a timer thread, which makes the reader's
 * {@code read} throw; the reader rethrows {@link #explain} of that error, and reconnects or stops.
 */
public final class StreamWatchdog implements AutoCloseable {
  private static final long CHECK_MILLIS = 100;
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "courtside-ingest-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final InputStream watched;
  private final Duration idleTimeout;
  private final ScheduledFuture<?> check;
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean stalled;

  /** Watches {@code in}; read from {@link #stream()} so that every read counts as activity. */
  public StreamWatchdog(InputStream in, Duration idleTimeout, StopSignal stop) {
    this.watched =
        new FilterInputStream(in) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            lastActivity = System.nanoTime();
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            lastActivity = System.nanoTime();
            return n;
          }
        };
    this.idleTimeout = idleTimeout;
    long idleNanos = idleTimeout.toNanos();
    this.check =
        TIMER.scheduleWithFixedDelay(
            () -> {
              boolean idle = System.nanoTime() - lastActivity > idleNanos;
              if (idle || stop.isStopped()) {
                stalled = idle && !stop.isStopped();
                closeQuietly();
              }
            },
            CHECK_MILLIS,
            CHECK_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  public InputStream stream() {
    return watched;
  }

  /**
   * What to throw for a read that failed with {@code e}: when the watchdog closed a silent stream,
   * an IOException saying so ("no {@code silence} for N s: connection presumed dead"), else {@code
   * e} itself.
   */
  public IOException explain(IOException e, String silence) {
    return stalled
        ? new IOException(
            "no " + silence + " for " + idleTimeout.toSeconds() + " s: connection presumed dead", e)
        : e;
  }

  @Override
  public void close() {
    check.cancel(false);
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      watched.close();
    } catch (IOException e) {
      // Closing is how we abort; a failure to close changes nothing.
    }
  }
}
