package io.courtside.pipeline.options;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * The Kafka flags checked by Kafka's own rules before anything connects: a bad value would
 * otherwise surface as a stack trace from the first admin client ({@code Failed to create new
 * KafkaAdminClient}) or as a topic the broker refuses, naming no flag. ({@code --bootstrapServers}
 * is checked by {@code model/KafkaClientSettings}, which ingest shares.)
 */
public final class KafkaFlags {
  private KafkaFlags() {}

  /** A topic flag ({@code --topic}, {@code --dlqTopic}): a name the broker accepts. */
  public static String topic(String flag, String value) {
    try {
      Topic.validate(value == null ? "" : value);
    } catch (InvalidTopicException e) {
      throw new IllegalArgumentException("--" + flag + "=" + value + ": " + e.getMessage());
    }
    return value;
  }

  /** {@code --consumerGroup}: not empty (offsets are committed under it). */
  public static String consumerGroup(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "--consumerGroup is empty; the job commits its offsets under this group");
    }
    return value;
  }
}
