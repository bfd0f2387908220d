package io.courtside.pipeline.influx;

import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.DeadLetterDelivery;
import java.io.Serializable;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where the sink puts points InfluxDB refused: the dead-letter topic, in the same JSON as bad
 * input ({@link DeadLetter}). Published from the sink itself, synchronously, before its bundle
 * completes, so a refused point is never lost. The producer is created on the first refusal
 * only: a healthy job pays nothing (on DirectRunner every extra step costs per bundle).
 */
public interface RefusedPoints extends Serializable {
  /** Stores {@code letters}; returns once they are acknowledged. */
  void publish(List<DeadLetter> letters) throws Exception;

  /** Frees resources; called at teardown. */
  default void close() {}

  /** The dead-letter topic on {@code bootstrapServers} ({@link DeadLetterDelivery}). */
  static RefusedPoints toKafka(String bootstrapServers, String topic) {
    return new KafkaRefusedPoints(bootstrapServers, topic);
  }

  /** Publishes with a lazily created Kafka producer. */
  final class KafkaRefusedPoints implements RefusedPoints {
    private final String bootstrapServers;
    private final String topic;
    private transient Producer<String, String> producer;

    KafkaRefusedPoints(String bootstrapServers, String topic) {
      this.bootstrapServers = bootstrapServers;
      this.topic = topic;
    }

    @Override
    public void publish(List<DeadLetter> letters) throws ExecutionException, InterruptedException {
      if (letters.isEmpty()) {
        return;
      }
      if (producer == null) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.putAll(DeadLetterDelivery.producerConfig());
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
      }
      Future<?>[] sent = new Future<?>[letters.size()];
      for (int i = 0; i < letters.size(); i++) {
        DeadLetter d = letters.get(i);
        sent[i] = producer.send(new ProducerRecord<>(topic, d.kafkaKey(), d.toJson()));
      }
      for (Future<?> f : sent) {
        RecordMetadata ignored = (RecordMetadata) f.get();
      }
    }

    @Override
    public void close() {
      if (producer != null) {
        producer.close();
        producer = null;
      }
    }
  }
}
