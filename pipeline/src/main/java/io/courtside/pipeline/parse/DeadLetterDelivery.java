package io.courtside.pipeline.parse;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of every writer of the dead-letter topic (bad input and refused points):
 * acks=all and idempotence, so a dead letter is neither lost nor doubled by a retry, and one
 * request in flight per broker. Why one: with several, an idempotent producer's first records to a
 * partition the broker has no state for yet (the job creates the topic just before it writes) can
 * be lost silently, KAFKA-15591: see ingest's {@code KafkaSettings.MAX_IN_FLIGHT}.
 */
public final class DeadLetterDelivery {
  private DeadLetterDelivery() {}

  public static Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
        1);
  }
}
