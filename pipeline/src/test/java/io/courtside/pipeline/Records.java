package io.courtside.pipeline;

import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;

/** Kafka records for tests, as KafkaIO would deliver them. */
public final class Records {
  private Records() {}

  public static KafkaRecord<byte[], byte[]> of(Post post, long offset) {
    return raw(post.id(), PostJson.toBytes(post), offset, post.createdAt().toEpochMilli());
  }

  public static KafkaRecord<byte[], byte[]> raw(
      String key, byte[] value, long offset, long timestamp) {
    return raw(0, key, value, offset, timestamp);
  }

  /** A record of partition {@code partition} of "twitterdata". */
  public static KafkaRecord<byte[], byte[]> raw(
      int partition, String key, byte[] value, long offset, long timestamp) {
    return new KafkaRecord<>(
        "twitterdata",
        partition,
        offset,
        timestamp,
        KafkaTimestampType.CREATE_TIME,
        null,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value);
  }

  public static KafkaRecord<byte[], byte[]> raw(String value, long offset) {
    return raw(null, value.getBytes(StandardCharsets.UTF_8), offset, 1_779_238_923_000L);
  }
}
