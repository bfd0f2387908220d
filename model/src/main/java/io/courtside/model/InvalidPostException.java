package io.courtside.model;

/** A record that is not a valid {@link Post}; the message is the reason, fit for a dead-letter record. */
public final class InvalidPostException extends Exception {
  public InvalidPostException(String reason) {
    super(reason);
  }

  public InvalidPostException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
