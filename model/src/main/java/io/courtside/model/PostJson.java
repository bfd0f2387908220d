package io.courtside.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courtside.model.InvalidPostException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON codec of the post format (UTF-8, one object per record). Parsing checks types and
 * required fields by hand rather than by data binding, so that every rejection carries a reason a
 * person can act on. Every string must be valid Unicode: a JSON escape of a lone surrogate ({@code
 * "\ud800"}) would become "?" in UTF-8 (Kafka keys, InfluxDB), so two different ids would merge.
 */
public final class PostJson {
  // Trailing tokens fail: "{...} {...}" is not one post (readTree would silently use the first).
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static {
    // Bound the work one hostile record can cause.
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(10_000_000)
                .build());
  }

  /** For posts that cannot be UTF-8 (see {@link #toBytes}): every non-ASCII character escaped. */
  private static final com.fasterxml.jackson.databind.ObjectWriter ASCII_WRITER =
      MAPPER.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII);

  private PostJson() {}

  /**
   * Serialises a post as compact UTF-8 JSON; absent optional fields are omitted. A string with an
   * unpaired surrogate (a source sent the JSON escape {@code "\ud800"}) has no UTF-8 form: encoding
   * it would write "?" and merge two ids. Such a post is written with every non-ASCII character
   * escaped instead, so its strings stay exactly as they came and {@link #parse} refuses it with
   * the reason: it reaches the dead letters, never InfluxDB under a mangled id.
   */
  public static byte[] toBytes(Post post) {
    if (isValidUnicode(post)) {
      return toJson(post).getBytes(StandardCharsets.UTF_8);
    }
    try {
      return ASCII_WRITER.writeValueAsBytes(tree(post));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a post", e);
    }
  }

  /**
   * The Kafka key of a post: its id in UTF-8, or, for an id with an unpaired surrogate, the id as a
   * JSON string with non-ASCII escaped (lossless; see {@link #toBytes}).
   */
  public static byte[] keyBytes(String id) {
    if (problem("id", id) == null) {
      return id.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return ASCII_WRITER.writeValueAsBytes(id);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an id", e);
    }
  }

  /** Whether every string of {@code post} is valid Unicode (no unpaired surrogate). */
  public static boolean isValidUnicode(Post post) {
    return problem("id", post.id()) == null
        && problem("text", post.text()) == null
        && (post.lang() == null || problem("lang", post.lang()) == null)
        && (post.author() == null || problem("author", post.author()) == null)
        && (post.source() == null || problem("source", post.source()) == null)
        && post.hashtags().stream().allMatch(t -> problem("hashtags", t) == null);
  }

  public static String toJson(Post post) {
    try {
      return MAPPER.writeValueAsString(tree(post));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a post", e);
    }
  }

  private static ObjectNode tree(Post post) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", post.id());
    node.put("createdAt", post.createdAt().toString());
    node.put("text", post.text());
    putIfPresent(node, "lang", post.lang());
    putIfPresent(node, "author", post.author());
    putIfPresent(node, "source", post.source());
    if (!post.hashtags().isEmpty()) {
      ArrayNode tags = node.putArray("hashtags");
      post.hashtags().forEach(tags::add);
    }
    return node;
  }

  /** Parses one record value. Throws with the reason when the bytes are not a valid post. */
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

  /** {@code s}, when it holds no unpaired surrogate; else the reason, naming where. */
  private static String wellFormed(String field, String s) throws InvalidPostException {
    String problem = problem(field, s);
    if (problem != null) {
      throw new InvalidPostException(Kind.BAD_FIELD, problem);
    }
    return s;
  }

  /** Why {@code s} is not valid Unicode (an unpaired surrogate, and where); null when it is. */
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

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
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
