package io.courtside.pipeline.parse;

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
  private final String bootstrapServers;
  private final String topic;

  private WriteDeadLetters(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  public static WriteDeadLetters to(String bootstrapServers, String topic) {
    return new WriteDeadLetters(bootstrapServers, topic);
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
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeySerializer(StringSerializer.class)
                .withValueSerializer(StringSerializer.class)
                .withProducerConfigUpdates(DeadLetterDelivery.producerConfig()));
  }
}
