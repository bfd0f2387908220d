package io.courtside.pipeline.influx;

/**
 * One InfluxDB line-protocol point, written straight into one {@link StringBuilder}: measurement,
 * tags, fields, time in nanoseconds. Its output is byte for byte what influxdb-client-java's {@code
 * com.influxdb.client.write.Point#toLineProtocol()} gives for the same point, Point being the
 * reference ({@code LineProtocolProperties} compares the two on hostile inputs).
 *
 * <p>Why hand-written: Point is general (any keys in any order, any {@code Number}), so it keeps
 * tags and fields in TreeMaps, boxes every value and formats every double with a {@code
 * DecimalFormat} of 340 fraction digits; profiles put its {@code toLineProtocol} at the top of the
 * sink's cost on every runner. Our points have fixed, known keys, so this builder only appends.
 *
 * <p>The contract: call {@link #measurement}, then {@link #tag} in ascending key order, then the
 * {@code field} methods in ascending key order ({@link String#compareTo}, the order Point sorts
 * in), then {@link #timeNs}. Keys are not sorted here; a key not greater than the one before (out
 * of order, or twice) throws {@link IllegalArgumentException}, so a field added out of order fails
 * every test that writes that point. So does an empty key (Point refuses an empty field key and
 * silently drops a tag with an empty key). Point's rules, kept here:
 *
 * <ul>
 *   <li>A tag whose value is null or empty is left out; a null string field, and a NaN or infinite
 *       float field, is left out. A point left with no field is the empty string.
 *   <li>Measurement, tag keys and values and field keys escape space and comma with a backslash,
 *       and {@code =} too except in the measurement; newline, carriage return and tab become {@code
 *       \n}, {@code \r}, {@code \t}. A backslash is not escaped.
 *   <li>String field values are quoted, with {@code "} and backslash escaped; every other character
 *       (newlines included) is written as is.
 *   <li>Integers end in {@code i}; booleans are {@code true}/{@code false}; floats are in plain
 *       notation ({@link LineProtocolFloats}).
 * </ul>
 */
final class LineProtocol {
  private final StringBuilder sb;
  private String lastTag;
  private String lastField;
  private boolean anyField;

  private LineProtocol(String measurement, int capacity) {
    sb = new StringBuilder(capacity);
    escapeKey(sb, measurement, false);
  }

  /** A point of {@code measurement}; {@code capacity}: the expected length of the line. */
  static LineProtocol measurement(String measurement, int capacity) {
    return new LineProtocol(measurement, capacity);
  }

  /** Adds a tag; keys in ascending order, before any field. Null or empty values are left out. */
  LineProtocol tag(String key, String value) {
    if (lastField != null) {
      throw new IllegalStateException("tag " + key + " after field " + lastField);
    }
    lastTag = inOrder(lastTag, key);
    if (value != null && !value.isEmpty()) {
      sb.append(',');
      escapeKey(sb, key, true);
      sb.append('=');
      escapeKey(sb, value, true);
    }
    return this;
  }

  /** Adds a string field (quoted and escaped); null is left out. */
  LineProtocol field(String key, String value) {
    startField(key, value != null);
    if (value != null) {
      sb.append('"');
      escapeString(sb, value);
      sb.append('"');
    }
    return this;
  }

  /** Adds a float field; NaN and infinities are left out. */
  LineProtocol field(String key, double value) {
    boolean finite = Double.isFinite(value);
    startField(key, finite);
    if (finite) {
      LineProtocolFloats.append(sb, value);
    }
    return this;
  }

  /** Adds an integer field. */
  LineProtocol field(String key, long value) {
    startField(key, true);
    sb.append(value).append('i');
    return this;
  }

  /** Adds a boolean field. */
  LineProtocol field(String key, boolean value) {
    startField(key, true);
    sb.append(value);
    return this;
  }

  /** The line, with {@code nanos} as its time; empty if no field was written (as Point). */
  String timeNs(long nanos) {
    if (!anyField) {
      return "";
    }
    return sb.append(' ').append(nanos).toString();
  }

  /** Checks the key's order and, if the value is written, writes the separator and the key. */
  private void startField(String key, boolean written) {
    lastField = inOrder(lastField, key);
    if (written) {
      sb.append(anyField ? ',' : ' ');
      anyField = true;
      escapeKey(sb, key, true);
      sb.append('=');
    }
  }

  private static String inOrder(String last, String key) {
    if (key.isEmpty() || (last != null && last.compareTo(key) >= 0)) {
      throw new IllegalArgumentException(
          "line-protocol keys must be non-empty and strictly ascending: " + key + " after " + last);
    }
    return key;
  }

  /** Measurement, tag key and value, field key: Point's escapes (see the class comment). */
  static void escapeKey(StringBuilder sb, String s, boolean escapeEquals) {
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escaped;
      switch (c) {
        case '\n' -> escaped = "\\n";
        case '\r' -> escaped = "\\r";
        case '\t' -> escaped = "\\t";
        case ' ' -> escaped = "\\ ";
        case ',' -> escaped = "\\,";
        case '=' -> escaped = escapeEquals ? "\\=" : null;
        default -> escaped = null;
      }
      if (escaped != null) {
        sb.append(s, from, i).append(escaped);
        from = i + 1;
      }
    }
    appendRest(sb, s, from);
  }

  /** A string field's value, without the quotes: {@code "} and backslash get a backslash. */
  static void escapeString(StringBuilder sb, String s) {
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append(s, from, i).append('\\');
        from = i; // the character itself goes with the next run
      }
    }
    appendRest(sb, s, from);
  }

  private static void appendRest(StringBuilder sb, String s, int from) {
    if (from == 0) {
      sb.append(s);
    } else {
      sb.append(s, from, s.length());
    }
  }
}
