package io.courtside.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Small null-safe readers over Jackson trees, shared by the format mappers. */
final class Json {
  private Json() {}

  /** The field's text, or null when absent, null or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** The text of {@code field} of every object in the array {@code node.array}. */
  static List<String> texts(JsonNode node, String array, String field) {
    List<String> out = new ArrayList<>();
    JsonNode items = node == null ? null : node.get(array);
    if (items != null && items.isArray()) {
      for (JsonNode item : items) {
        String t = text(item, field);
        if (t != null) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** An ISO-8601 instant, or null when absent or unparseable. */
  static Instant instant(JsonNode node, String field) {
    String t = text(node, field);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        // Bluesky allows an offset instead of 'Z' (e.g. "+00:00").
        return java.time.OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** "und" (undetermined) and blanks carry no language. */
  static String lang(String code) {
    return code == null || code.isBlank() || code.equals("und") ? null : code;
  }
}
