package io.courtside.services.spark;

/** A Spark process could not be started, found or stopped; the message says what to do. */
public class SparkException extends RuntimeException {
  public SparkException(String message) {
    super(message);
  }

  public SparkException(String message, Throwable cause) {
    super(message, cause);
  }
}
