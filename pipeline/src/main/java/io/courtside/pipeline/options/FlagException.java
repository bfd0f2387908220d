package io.courtside.pipeline.options;

/**
 * A flag value the job cannot use; the message names the flag and says why. Beam wraps what an
 * option type's parser throws in its own message, so the options parser unwraps this one.
 */
public final class FlagException extends IllegalArgumentException {
  public FlagException(String message) {
    super(message);
  }

  /** The FlagException behind {@code e} (Beam's parser wraps it), else {@code e} itself. */
  public static IllegalArgumentException unwrap(IllegalArgumentException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FlagException f) {
        return f;
      }
    }
    return e;
  }
}
