package io.courtside.model;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.model.InvalidPostException.Kind;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The oracle: {@link PostJson#parse} as it was before the streaming parser (issue 17), kept
 * verbatim: strict UTF-8 decode, {@code readTree}, then the fields checked on the tree. {@code
 * PostJsonDifferentialTest} holds the streaming parser to exactly its results, and {@code
 * PostJsonBenchmark} measures against it. Not to be changed except to follow a deliberate change of
 * the format's rules in both.
 */
public final class TreePostJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(10_000_000)
                .build());
  }

  private TreePostJson() {}

  public static Post parse(byte[] bytes) throws InvalidPostException {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidPostException(Kind.EMPTY, "empty record");
    }
    String json = Utf8.decodeOrNull(bytes);
    if (json == null) {
      throw new InvalidPostException(Kind.NOT_UTF8, "not valid UTF-8");
    }
    return parse(json);
  }

  public static Post parse(String json) throws InvalidPostException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new InvalidPostException(
          Kind.INVALID_JSON, "invalid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidPostException(Kind.NOT_AN_OBJECT, "not a JSON object");
    }
    String id = requiredString(root, "id");
    if (id.isBlank()) {
      throw new InvalidPostException(Kind.BAD_FIELD, "field 'id' is blank");
    }
    String createdAtText = requiredString(root, "createdAt");
    Instant createdAt;
    try {
      createdAt = Instant.parse(createdAtText);
    } catch (DateTimeParseException e) {
      throw new InvalidPostException(
          Kind.BAD_FIELD,
          "field 'createdAt' is not an ISO-8601 instant (like 2026-05-20T01:02:03.456Z): "
              + truncate(createdAtText));
    }
    String text = requiredString(root, "text");
    return new Post(
        id,
        createdAt,
        text,
        optionalString(root, "lang"),
        optionalString(root, "author"),
        optionalString(root, "source"),
        hashtags(root));
  }

  private static String requiredString(JsonNode root, String field) throws InvalidPostException {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidPostException(Kind.MISSING_FIELD, "missing required field '" + field + "'");
    }
    if (!value.isTextual()) {
      throw new InvalidPostException(
          Kind.BAD_FIELD,
          "field '"
              + field
              + "' must be a string, got "
              + value.getNodeType().name().toLowerCase());
    }
    return wellFormed(field, value.textValue());
  }

  private static String optionalString(JsonNode root, String field) throws InvalidPostException {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidPostException(
          Kind.BAD_FIELD,
          "field '"
              + field
              + "' must be a string, got "
              + value.getNodeType().name().toLowerCase());
    }
    return wellFormed(field, value.textValue());
  }

  private static String wellFormed(String field, String s) throws InvalidPostException {
    String problem = problem(field, s);
    if (problem != null) {
      throw new InvalidPostException(Kind.BAD_FIELD, problem);
    }
    return s;
  }

  private static String problem(String field, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "field '"
            + field
            + "' is not valid Unicode: an unpaired surrogate \\u"
            + Integer.toHexString(c)
            + " at character "
            + i;
      }
    }
    return null;
  }

  private static List<String> hashtags(JsonNode root) throws InvalidPostException {
    JsonNode value = root.get("hashtags");
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new InvalidPostException(
          Kind.BAD_FIELD, "field 'hashtags' must be an array of strings");
    }
    List<String> tags = new ArrayList<>(value.size());
    for (JsonNode tag : value) {
      if (!tag.isTextual()) {
        throw new InvalidPostException(
            Kind.BAD_FIELD, "field 'hashtags' must be an array of strings");
      }
      tags.add(wellFormed("hashtags", tag.textValue()));
    }
    return tags;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return truncate(nl < 0 ? message : message.substring(0, nl));
  }

  private static String truncate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
