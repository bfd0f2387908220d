package io.courtside.pipeline.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed InfluxDB request. {@link #retryable()}: trying again can help (no answer, 5xx, 408,
 * 429). {@link #authFailure()}: 401/403, which no retry and no dead letter can fix. {@link
 * #pointsRefused()}: a rejection of the points themselves (400, 413, 422). Anything else means the
 * target is wrong (404, 405, 3xx). Messages name the server and its answer, never a credential.
 */
public final class InfluxDbException extends IOException {
  private final int status;
  private final boolean retryable;
  private final Duration retryAfter;

  public InfluxDbException(String message, int status, boolean retryable, Throwable cause) {
    this(message, status, retryable, null, cause);
  }

  public InfluxDbException(
      String message, int status, boolean retryable, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean authFailure() {
    return status == 401 || status == 403;
  }

  /**
   * The server refused the points themselves: 400 (parse error, field type conflict), 413 (too
   * large), 422 (InfluxDB 2.x/3.x: unprocessable points). Only these are worth splitting a batch
   * for; anything else (404 database or bucket missing, 405, a redirect) means the target is wrong.
   */
  public boolean pointsRefused() {
    return status == 400 || status == 413 || status == 422;
  }

  /** The server's {@code Retry-After}, if it sent one (429, 503). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
