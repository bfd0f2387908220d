package io.courtside.model;

import java.util.Objects;

/**
 * A record that is not a valid {@link Post}: the message is the reason, fit for a dead-letter
 * record; {@link #kind()} says which rule it broke, so no reader has to parse the message.
 */
public final class InvalidPostException extends Exception {
  /** Which rule of {@link PostJson} a record broke. */
  public enum Kind {
    /** No bytes, or a tombstone. */
    EMPTY,
    /** Not strict UTF-8. */
    NOT_UTF8,
    /** Not JSON, trailing content, nesting too deep. */
    INVALID_JSON,
    /** JSON, but an array or a scalar. */
    NOT_AN_OBJECT,
    /** A required field absent or null. */
    MISSING_FIELD,
    /** A field of the wrong type or with a value the post format does not allow. */
    BAD_FIELD
  }

  private final Kind kind;

  public InvalidPostException(Kind kind, String reason) {
    super(reason);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
