package io.courtside.pipeline.influx;

import java.io.IOException;

/** A failed InfluxDB request; {@link #retryable()} says whether trying again can help. */
public final class InfluxDbException extends IOException {
  private final int status;
  private final boolean retryable;

  public InfluxDbException(String message, int status, boolean retryable, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryable = retryable;
  }

  /** HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }
}
