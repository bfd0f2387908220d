package io.courtside.pipeline.health;

import java.util.Locale;

/**
 * A short, bounded label for why a record was dead-lettered: the {@code reason_kind} tag of
 * {@code dead_letters}. The full reason (with field names and values) stays in the dead-letter
 * topic; a tag must not carry free text, or every distinct message would become a new series.
 */
public final class ReasonKind {
  private ReasonKind() {}

  public static String of(String reason) {
    String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (r.startsWith("invalid json")) {
      return "invalid_json";
    }
    if (r.startsWith("not a json object")) {
      return "not_an_object";
    }
    if (r.startsWith("not valid utf-8")) {
      return "bad_utf8";
    }
    if (r.startsWith("empty record")) {
      return "empty";
    }
    if (r.startsWith("missing required field")) {
      return "missing_field";
    }
    if (r.contains("createdat")
        && (r.contains("after the record was produced") || r.contains("ahead of the clock")
            || r.contains("influxdb can store"))) {
      return "future_created_at";
    }
    if (r.contains("createdat") && r.contains("is before")) {
      return "ancient_created_at";
    }
    if (r.startsWith("too large")) {
      return "too_large";
    }
    if (r.startsWith("unparseable")) {
      return "unparseable";
    }
    if (r.startsWith("field ")) {
      return "bad_field";
    }
    return "other";
  }
}
