package io.courtside.services.flink;

/** The local Flink cluster or a Flink job could not be started, reached or stopped. */
public final class FlinkException extends RuntimeException {
  public FlinkException(String message) {
    super(message);
  }

  public FlinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
