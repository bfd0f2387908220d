package io.courtside.pipeline.parse;

import io.courtside.pipeline.config.KafkaClients;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes dead letters as readable JSON to the dead-letter topic ({@link DeadLetterDelivery}).
 */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {
  private final KafkaClients clients;
  private final String topic;

  private WriteDeadLetters(KafkaClients clients, String topic) {
    this.clients = clients;
    this.topic = topic;
  }

  public static WriteDeadLetters to(KafkaClients clients, String topic) {
    return new WriteDeadLetters(clients, topic);
  }

  @Override
  public PDone expand(PCollection<DeadLetter> letters) {
    return letters
        .apply(
            "ToJson",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((DeadLetter d) -> KV.of(d.kafkaKey(), d.toJson())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply(
            "KafkaIO.write(" + topic + ")",
            KafkaIO.<String, String>write()
                .withBootstrapServers(clients.bootstrapServers())
                .withTopic(topic)
                .withKeySerializer(StringSerializer.class)
                .withValueSerializer(StringSerializer.class)
                .withProducerConfigUpdates(DeadLetterDelivery.producerConfig())
                // The --kafkaConfig settings under these, added on the worker.
                .withProducerFactoryFn(clients.producerFactory()));
  }
}
