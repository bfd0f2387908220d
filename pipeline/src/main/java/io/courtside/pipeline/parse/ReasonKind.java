package io.courtside.pipeline.parse;

import io.courtside.model.InvalidPostException;

/**
 * Why a record was dead-lettered, as a code given where the reason is made (the post codec, the
 * createdAt rule, the size limit, the sink): {@link DeadLetter#kind()}. Its {@link #tag()} is the
 * {@code reason_kind} tag of {@code dead_letters}, a short, bounded label: the full reason (with
 * field names and values) stays in the dead-letter topic, and a tag must not carry free text, or
 * every distinct message would become a new series. The dashboards and {@code courtside verify}
 * read these tags: a tag once stored is never renamed.
 */
public enum ReasonKind {
  EMPTY("empty"),
  BAD_UTF8("bad_utf8"),
  INVALID_JSON("invalid_json"),
  NOT_AN_OBJECT("not_an_object"),
  MISSING_FIELD("missing_field"),
  BAD_FIELD("bad_field"),
  /** Over {@code --maxRecordBytes}, not parsed. */
  TOO_LARGE("too_large"),
  /** createdAt more than the allowed skew ahead, or past what InfluxDB can store. */
  FUTURE_CREATED_AT("future_created_at"),
  /** createdAt before the first believable date. */
  ANCIENT_CREATED_AT("ancient_created_at"),
  /** The parser failed in a way it has no rule for. */
  UNPARSEABLE("unparseable"),
  /** A point InfluxDB refused; not counted in {@code dead_letters}, which counts input records. */
  REFUSED_POINT("refused_point");

  private final String tag;

  ReasonKind(String tag) {
    this.tag = tag;
  }

  /** The {@code reason_kind} tag value. */
  public String tag() {
    return tag;
  }

  /** The code of a rule of the post codec. */
  public static ReasonKind of(InvalidPostException.Kind kind) {
    return switch (kind) {
      case EMPTY -> EMPTY;
      case NOT_UTF8 -> BAD_UTF8;
      case INVALID_JSON -> INVALID_JSON;
      case NOT_AN_OBJECT -> NOT_AN_OBJECT;
      case MISSING_FIELD -> MISSING_FIELD;
      case BAD_FIELD -> BAD_FIELD;
    };
  }
}
