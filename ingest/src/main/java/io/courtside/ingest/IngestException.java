package io.courtside.ingest;

/** A failure the user can act on; its message is printed as is, without a stack trace. */
public final class IngestException extends Exception {
  public IngestException(String message) {
    super(message);
  }

  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
