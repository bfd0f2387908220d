package io.courtside.ingest;

import java.util.Properties;
import org.apache.kafka.common.KafkaException;

/**
 * Makes sure the topic exists and opens the producer. An interface so that command-level tests can
 * run every source end to end against kafka-clients' {@code MockProducer}.
 */
interface KafkaAccess {
  PostProducer open(KafkaOptions kafka, Properties extra, Properties producerProps)
      throws IngestException;

  /** The real broker. */
  static KafkaAccess broker() {
    return (kafka, extra, producerProps) -> {
      try {
        new TopicAdmin(KafkaSettings.admin(kafka.bootstrapServers, extra))
            .ensureTopic(kafka.topic, kafka.partitions, kafka.replicationFactor);
        return PostProducer.create(
            producerProps, kafka.topic, java.time.Duration.ofSeconds(kafka.maxKafkaOutage));
      } catch (KafkaException e) {
        // Raised by client construction: unresolvable address, a bad setting in --kafkaConfig.
        // The client says "Failed to create new KafkaAdminClient"; its cause says what is wrong.
        StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
          why.append(": ").append(c.getMessage());
        }
        throw new IngestException("cannot configure the Kafka client: " + why, e);
      }
    };
  }
}
