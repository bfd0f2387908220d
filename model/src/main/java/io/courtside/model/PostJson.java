package io.courtside.model;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courtside.model.InvalidPostException.Kind;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /** Reads 8 bytes of a byte[] as one long (in {@link #surrogateEscape}). */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

  /**
   * Parses one record value. Throws with the reason when the bytes are not a valid post.
   *
   * <p>The bytes are checked to be strict UTF-8 first ({@link Utf8#isValid}, without decoding),
   * then read by Jackson's byte parser in one pass. That parser alone is not strict: inside strings
   * and names it takes overlong forms, UTF-8-encoded surrogates and code points above U+10FFFF, it
   * skips a UTF-8 BOM and guesses UTF-16/32 from zero bytes, and its messages for bad JSON differ
   * from the char parser's. So it only decides valid UTF-8 JSON that is an object (and the rules on
   * its fields, which do not depend on the parser); anything else (bad JSON, a BOM, another
   * encoding guessed, not an object) is read again, decoded, by {@link #parse(String)}, whose
   * messages are the reasons we have always given.
   */
  public static Post parse(byte[] bytes) throws InvalidPostException {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidPostException(Kind.EMPTY, "empty record");
    }
    if (!Utf8.isValid(bytes)) {
      throw new InvalidPostException(Kind.NOT_UTF8, "not valid UTF-8");
    }
    Fields fields = fieldsFromUtf8(bytes);
    if (fields == null) {
      return parse(new String(bytes, StandardCharsets.UTF_8)); // valid UTF-8: nothing replaced
    }
    fields.checkSurrogates = surrogateEscape(bytes);
    return fields.post();
  }

  /**
   * Parses one post from its JSON text. The same rules and reasons as {@link #parse(byte[])}; the
   * JSON is read as a token stream, as {@code ObjectMapper.readTree} would read it (every value
   * read in full, the last of repeated fields kept, nothing after the value), without building the
   * tree.
   */
  public static Post parse(String json) throws InvalidPostException {
    if (json == null) {
      throw new IllegalArgumentException("argument \"content\" is null"); // as readTree says
    }
    Fields fields;
    try (JsonParser p = MAPPER.getFactory().createParser(json)) {
      fields = readRoot(p);
    } catch (IOException e) {
      throw new InvalidPostException(
          Kind.INVALID_JSON, "invalid JSON: " + firstLine(e.getMessage()));
    }
    if (fields == null) {
      throw new InvalidPostException(Kind.NOT_AN_OBJECT, "not a JSON object");
    }
    return fields.post();
  }

  /**
   * The fields of valid UTF-8 {@code bytes} read by Jackson's byte parser, or null when {@link
   * #parse(String)} must decide: the byte parser refused the JSON or guessed another encoding, the
   * bytes start with a BOM (which the byte parser skips and the text parser refuses), or the value
   * is not an object.
   */
  private static Fields fieldsFromUtf8(byte[] bytes) {
    if (bytes.length >= 3
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF) {
      return null;
    }
    try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
      return p instanceof UTF8StreamJsonParser ? readRoot(p) : null;
    } catch (IOException | RuntimeException e) {
      return null; // bad JSON: the text parser gives the reason
    }
  }

  /**
   * Reads the one JSON value of {@code p} as {@code readTree} with FAIL_ON_TRAILING_TOKENS does,
   * calling the parser the way its tree deserializer does (so it fails where, and with the message,
   * readTree fails): the fields of an object, null for any other value or no value at all.
   */
  private static Fields readRoot(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return null; // no value: readTree's MissingNode
    }
    Fields fields = null;
    if (t == JsonToken.START_OBJECT) {
      fields = new Fields();
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "id" -> fields.id = value(p, v);
          case "createdAt" -> fields.createdAt = value(p, v);
          case "text" -> fields.text = value(p, v);
          case "lang" -> fields.lang = value(p, v);
          case "author" -> fields.author = value(p, v);
          case "source" -> fields.source = value(p, v);
          case "hashtags" -> fields.hashtags = tags(p, v);
          default -> read(p, v);
        }
      }
    } else if (t != JsonToken.VALUE_NULL) {
      read(p, t);
    }
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      // readTree's own words (DeserializationContext.reportTrailingTokens).
      throw new JsonParseException(
          p,
          "Trailing token (of type "
              + trailing
              + ") found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not"
              + " allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
    }
    return fields;
  }

  /** A field's value: its text when it is a string, else its {@link Type}. */
  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_STRING ? p.getText() : read(p, t);
  }

  /**
   * The hashtags value: when an array, its strings up to the first element that is not one (then
   * {@link Tags#stringsOnly} is false); else its {@link Type}.
   */
  private static Object tags(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_ARRAY) {
      return read(p, t);
    }
    List<String> strings = new ArrayList<>(4);
    boolean stringsOnly = true;
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
      if (stringsOnly && e == JsonToken.VALUE_STRING) {
        strings.add(p.getText());
      } else {
        stringsOnly = false;
        read(p, e);
      }
    }
    return new Tags(strings, stringsOnly);
  }

  /**
   * Reads the value that starts with {@code t} to its end, each part as readTree reads it: strings
   * in full (the string length limit applies), numbers converted, nested values to any depth the
   * parser allows. Recursion is bounded by the nesting limit (64).
   */
  private static Type read(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new JsonParseException(p, "Unexpected end-of-input"); // the parser reports it first
    }
    switch (t) {
      case START_OBJECT:
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          read(p, p.nextToken());
        }
        return Type.OBJECT;
      case START_ARRAY:
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          read(p, e);
        }
        return Type.ARRAY;
      case VALUE_STRING:
        p.getText();
        return Type.STRING;
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT -> p.getIntValue();
          case LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        }
        return Type.NUMBER;
      case VALUE_NUMBER_FLOAT:
        switch (p.getNumberType()) {
          case BIG_DECIMAL -> p.getDecimalValue();
          case FLOAT -> p.getFloatValue();
          default -> p.getDoubleValue();
        }
        return Type.NUMBER;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return Type.BOOLEAN;
      case VALUE_NULL:
        return Type.NULL;
      default:
        throw new JsonParseException(p, "Unexpected token (" + t + ")");
    }
  }

  /** A JSON value's type, named as in the reasons ("got number"). */
  private enum Type {
    STRING,
    NUMBER,
    BOOLEAN,
    OBJECT,
    ARRAY,
    NULL;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  /** A hashtags array: its leading strings, and whether there was nothing else. */
  private record Tags(List<String> strings, boolean stringsOnly) {}

  /**
   * The last value of each field of the post format in one object: null when absent, a String, a
   * {@link Type} (hashtags: a {@link Tags} when an array). Other fields were read and dropped.
   */
  private static final class Fields {
    Object id;
    Object createdAt;
    Object text;
    Object lang;
    Object author;
    Object source;
    Object hashtags;

    /**
     * Whether a string may hold an unpaired surrogate, so each must be checked: false only when
     * read from valid UTF-8 without a \\u escape of a surrogate (see {@link #surrogateEscape}).
     */
    boolean checkSurrogates = true;

    /** The post, checked in the order the reasons have always come in. */
    Post post() throws InvalidPostException {
      String id = required("id", this.id);
      if (id.isBlank()) {
        throw new InvalidPostException(Kind.BAD_FIELD, "field 'id' is blank");
      }
      String createdAtText = required("createdAt", this.createdAt);
      Instant createdAt;
      try {
        createdAt = IsoInstant.parse(createdAtText);
      } catch (DateTimeParseException e) {
        throw new InvalidPostException(
            Kind.BAD_FIELD,
            "field 'createdAt' is not an ISO-8601 instant (like 2026-05-20T01:02:03.456Z): "
                + truncate(createdAtText));
      }
      String text = required("text", this.text);
      return new Post(
          id,
          createdAt,
          text,
          optional("lang", lang),
          optional("author", author),
          optional("source", source),
          hashtags());
    }

    private String required(String field, Object value) throws InvalidPostException {
      if (value == null || value == Type.NULL) {
        throw new InvalidPostException(
            Kind.MISSING_FIELD, "missing required field '" + field + "'");
      }
      return string(field, value);
    }

    private String optional(String field, Object value) throws InvalidPostException {
      return value == null || value == Type.NULL ? null : string(field, value);
    }

    private String string(String field, Object value) throws InvalidPostException {
      if (value instanceof Type type) {
        throw new InvalidPostException(
            Kind.BAD_FIELD, "field '" + field + "' must be a string, got " + type.label);
      }
      return checkSurrogates ? wellFormed(field, (String) value) : (String) value;
    }

    private List<String> hashtags() throws InvalidPostException {
      if (hashtags == null || hashtags == Type.NULL) {
        return List.of();
      }
      if (!(hashtags instanceof Tags tags)) {
        throw new InvalidPostException(
            Kind.BAD_FIELD, "field 'hashtags' must be an array of strings");
      }
      for (String tag : tags.strings()) {
        if (checkSurrogates) {
          wellFormed("hashtags", tag);
        }
      }
      if (!tags.stringsOnly()) {
        throw new InvalidPostException(
            Kind.BAD_FIELD, "field 'hashtags' must be an array of strings");
      }
      return tags.strings();
    }
  }

  /**
   * Whether {@code utf8} holds a backslash, 'u', then what starts a surrogate's hex (d or D, then 8
   * to f): in JSON read from valid UTF-8 that is the only way a string gets a surrogate that is not
   * one of a pair (strict UTF-8 has no encoded surrogates, and its 4-byte forms decode to pairs).
   * An escaped backslash before "ud8.." matches too, which only costs the check. Looks at 8 bytes
   * at a time for a backslash.
   */
  static boolean surrogateEscape(byte[] utf8) {
    int n = utf8.length;
    int i = 0;
    while (i < n) {
      if (i + 8 <= n) {
        long x = (long) LONGS.get(utf8, i) ^ 0x5C5C5C5C5C5C5C5CL; // a zero byte where '\\' was
        if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) == 0) {
          i += 8;
          continue;
        }
      }
      for (int end = Math.min(i + 8, n); i < end; i++) {
        if (utf8[i] == '\\'
            && i + 3 < n
            && utf8[i + 1] == 'u'
            && (utf8[i + 2] | 0x20) == 'd'
            && "89abcdefABCDEF".indexOf(utf8[i + 3]) >= 0) {
          return true;
        }
      }
    }
    return false;
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
