package io.courtside.pipeline.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courtside.model.Utf8;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A record that could not be used, with why ({@link #kind()}, the code, and {@link #reason()}, the
 * message) and where it came from. Written to the dead-letter topic as JSON: {@code reason}, {@code
 * topic}, {@code partition}, {@code offset}, {@code key}, and the original value as {@code value}
 * (text, when it is valid UTF-8) or {@code valueBase64}; a value over 128 KiB is cut to its first
 * 128 KiB in {@code valueBase64}, with {@code valueTruncated: true} and its full size in {@code
 * valueBytes}. The key likewise: over 16 KiB it is cut to {@code keyBase64} with {@code
 * keyTruncated} and {@code keyBytes}, and the dead-letter record's own Kafka key is then where the
 * record was. So every dead letter fits Kafka's default 1 MB record limit, whatever the record: a
 * producer error on one would fail the job on exactly the records the dead-letter topic exists for.
 */
public final class DeadLetter {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The most of the original value a dead letter carries (base64 then, with the full size). */
  public static final int MAX_VALUE_BYTES = 128 * 1024;

  /**
   * The most of the original key a dead letter carries. JSON escaping grows text at most 6x: value
   * 768 KiB + key 96 KiB (and 16 KiB more as the record key) + reason 12 KiB stay under 1 MB.
   */
  public static final int MAX_KEY_BYTES = 16 * 1024;

  static final int MAX_REASON_CHARS = 2000;

  private final ReasonKind kind;
  private final String reason;
  private final String topic;
  private final int partition;
  private final long offset;
  private final byte[] key;
  private final byte[] value;

  public DeadLetter(
      ReasonKind kind,
      String reason,
      String topic,
      int partition,
      long offset,
      byte[] key,
      byte[] value) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.key = key == null ? null : key.clone();
    this.value = value == null ? null : value.clone();
  }

  /** Which rule the record broke, given where the reason was made. */
  public ReasonKind kind() {
    return kind;
  }

  public String reason() {
    return reason;
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  public byte[] value() {
    return value == null ? null : value.clone();
  }

  /** The original record's key, as it came (null: none). */
  byte[] key() {
    return key == null ? null : key.clone();
  }

  /** The Kafka key of the dead-letter record: the original key, or where the record was. */
  public String kafkaKey() {
    String k = key == null || key.length > MAX_KEY_BYTES ? null : utf8(key);
    return k != null ? k : topic + "-" + partition + "@" + offset;
  }

  public String toJson() {
    ObjectNode node = MAPPER.createObjectNode();
    node.put(
        "reason",
        reason.length() > MAX_REASON_CHARS
            ? reason.substring(0, MAX_REASON_CHARS) + "..."
            : reason);
    node.put("topic", topic);
    node.put("partition", partition);
    node.put("offset", offset);
    if (key != null && key.length > MAX_KEY_BYTES) {
      node.put("keyBytes", key.length);
      node.put("keyTruncated", true);
      node.put("keyBase64", Base64.getEncoder().encodeToString(Arrays.copyOf(key, MAX_KEY_BYTES)));
    } else if (key != null) {
      String k = utf8(key);
      if (k != null) {
        node.put("key", k);
      } else {
        node.put("keyBase64", Base64.getEncoder().encodeToString(key));
      }
    }
    if (value != null && value.length > MAX_VALUE_BYTES) {
      node.put("valueBytes", value.length);
      node.put("valueTruncated", true);
      node.put(
          "valueBase64", Base64.getEncoder().encodeToString(Arrays.copyOf(value, MAX_VALUE_BYTES)));
    } else if (value != null) {
      String v = utf8(value);
      if (v != null) {
        node.put("value", v);
      } else {
        node.put("valueBase64", Base64.getEncoder().encodeToString(value));
      }
    }
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String utf8(byte[] bytes) {
    return Utf8.decodeOrNull(bytes);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeadLetter)) {
      return false;
    }
    DeadLetter d = (DeadLetter) o;
    return partition == d.partition
        && offset == d.offset
        && kind == d.kind
        && reason.equals(d.reason)
        && Objects.equals(topic, d.topic)
        && Arrays.equals(key, d.key)
        && Arrays.equals(value, d.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kind, reason, topic, partition, offset, Arrays.hashCode(key), Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "DeadLetter" + toJson();
  }
}
