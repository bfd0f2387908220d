package io.courtside.pipeline.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.courtside.pipeline.parse.CreatedAtRule;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.joda.time.Instant;

/**
 * Event time = the post's {@code createdAt}, read at the source so that the watermark follows event
 * time ({@link EventTimeWatermark}). A record without a readable, believable {@code createdAt}
 * keeps its Kafka timestamp: it is headed for the dead-letter topic anyway.
 */
public final class CreatedAtTimestamps {
  private static final JsonFactory JSON = new JsonFactory();

  private CreatedAtTimestamps() {}

  /**
   * createdAt of the record's JSON value, or its Kafka timestamp when there is none or it is not
   * believable ({@link CreatedAtRule}): such a record is headed for the dead-letter topic, and a
   * year-3000 or 1970 createdAt must not move the watermark or open absurd windows.
   */
  public static Instant eventTime(KafkaRecord<byte[], byte[]> record) {
    return believableCreatedAt(record).orElseGet(() -> kafkaTime(record));
  }

  /**
   * The Kafka timestamp, held below {@link CreatedAtRule#LATEST} so that the dead letter's window
   * can be stored. Not held to the clock: the recount ({@code courtside verify}) must put the
   * record in the same window whenever it runs.
   */
  static Instant kafkaTime(KafkaRecord<byte[], byte[]> record) {
    return new Instant(Math.min(record.getTimestamp(), CreatedAtRule.LATEST.toEpochMilli() - 1));
  }

  /** The record's createdAt when it is readable and believable now: what moves the watermark. */
  public static Optional<Instant> believableCreatedAt(KafkaRecord<byte[], byte[]> record) {
    return believableCreatedAt(record, System.currentTimeMillis());
  }

  /** The record's createdAt when it is readable and believable at {@code nowMillis}. */
  static Optional<Instant> believableCreatedAt(KafkaRecord<byte[], byte[]> record, long nowMillis) {
    Instant createdAt = createdAt(record.getKV().getValue());
    if (createdAt != null
        && CreatedAtRule.problem(
                java.time.Instant.ofEpochMilli(createdAt.getMillis()),
                record.getTimestamp(),
                nowMillis)
            .isEmpty()) {
      return Optional.of(createdAt);
    }
    return Optional.empty();
  }

  /**
   * Streams the top-level object up to its {@code createdAt} field: cheaper than a full parse,
   * which ParsePosts does afterwards.
   */
  static Instant createdAt(byte[] value) {
    if (value == null || value.length == 0) {
      return null;
    }
    try (JsonParser p = JSON.createParser(value)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if ("createdAt".equals(name)) {
          return t == JsonToken.VALUE_STRING
              ? new Instant(java.time.Instant.parse(p.getText()).toEpochMilli())
              : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException | DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}
