package io.courtside.ingest;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where records go: the Kafka flags, shared by every source. */
public final class KafkaOptions {
  @Option(
      names = "--bootstrapServers",
      defaultValue = "127.0.0.1:9092",
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--topic",
      defaultValue = "twitterdata",
      paramLabel = "NAME",
      description = "Topic to produce to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      paramLabel = "N",
      description = "Partitions when the topic is created (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replicationFactor",
      defaultValue = "1",
      paramLabel = "N",
      description = "Replication factor when the topic is created (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  @Option(
      names = "--maxKafkaOutage",
      paramLabel = "SECONDS",
      defaultValue = "900",
      description =
          "How long Kafka may acknowledge nothing before ingest gives up; until then"
              + " records are held (up to 64 MiB, then the source waits) and sent again"
              + " (default: ${DEFAULT-VALUE}).")
  long maxKafkaOutage;

  @Option(
      names = {"--kafkaConfig", "--producerConfig"},
      paramLabel = "FILE",
      description =
          "Properties file of Kafka client settings (SASL/SSL, tuning): the same file the"
              + " pipeline and verify take as --kafkaConfig; the producer and the admin client"
              + " each get the keys they know (--producerConfig is its former name).")
  Path kafkaConfig;
}
