package io.courtside.pipeline.options;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.utils.Utils;

/**
 * The Kafka flags checked by Kafka's own rules before anything connects: a bad value would
 * otherwise surface as a stack trace from the first admin client ({@code Failed to create new
 * KafkaAdminClient}) or as a topic the broker refuses, naming no flag.
 */
public final class KafkaFlags {
  private KafkaFlags() {}

  /**
   * {@code --bootstrapServers}: host:port entries separated by commas, each as the Kafka client
   * parses it ({@code Utils.getHost}, {@code Utils.getPort}). Names are not resolved here: the
   * machine that checks the flags (a spark-submit client) may not be where the job runs.
   */
  public static String bootstrapServers(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "--bootstrapServers is empty; give host:port, e.g. 127.0.0.1:9092");
    }
    boolean any = false;
    for (String server : value.split(",")) {
      String s = server.strip();
      if (s.isEmpty()) {
        continue; // as the Kafka client skips it
      }
      any = true;
      if (!isHostPort(s)) {
        throw new IllegalArgumentException(
            "--bootstrapServers="
                + value
                + ": '"
                + s
                + "' is not host:port (a port from 1 to 65535; several servers separated by"
                + " commas, e.g. 127.0.0.1:9092,127.0.0.1:9093)");
      }
    }
    if (!any) {
      throw new IllegalArgumentException(
          "--bootstrapServers=" + value + " names no server; give host:port, e.g. 127.0.0.1:9092");
    }
    return value;
  }

  private static boolean isHostPort(String s) {
    Integer port;
    try {
      port = Utils.getPort(s);
    } catch (NumberFormatException e) {
      return false; // digits past an int
    }
    return Utils.getHost(s) != null && port != null && port >= 1 && port <= 65_535;
  }

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
