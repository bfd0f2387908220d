package io.courtside.pipeline.verify;

/** Verify could not run (a server unreachable, a topic or database missing): one line says why. */
public final class VerifyException extends Exception {
  public VerifyException(String message, Throwable cause) {
    super(message, cause);
  }

  public VerifyException(String message) {
    super(message);
  }
}
