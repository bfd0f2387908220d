package io.courtside.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where the posts come from. */
public interface KafkaReadOptions extends PipelineOptions {
  @Description("Kafka bootstrap servers, host:port[,host:port...].")
  @Default.String("127.0.0.1:9092")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description(
      "Properties file of extra Kafka client settings for every Kafka client of the job (the"
          + " reader, the dead-letter producer, the start's admin clients and consumers, verify):"
          + " SASL/SSL for a secured cluster (security.protocol, sasl.mechanism, sasl.jaas.config,"
          + " ssl.truststore.location, ...) or tuning. Read at start and again where each worker"
          + " runs (the job carries only the path), so it must be there too; values are never"
          + " logged. bootstrap.servers, group.id, enable.auto.commit and the (de)serializers are"
          + " the job's and refused, as is a key no Kafka client knows.")
  String getKafkaConfig();

  void setKafkaConfig(String value);

  @Description("Topic holding the posts (JSON in Courtside's post format, key = post id).")
  @Default.String("twitterdata")
  String getTopic();

  void setTopic(String value);

  @Description(
      "Kafka consumer group. A streaming run commits its read position under it and resumes"
          + " from it, rewound to the recount point (see --restartRewindMargin). One streaming"
          + " job per group: a second one is refused.")
  @Default.String("courtside")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description(
      "Read everything the topic holds at start (from the earliest offset, ignoring and not"
          + " committing the consumer group's offsets), write it, and exit. Use it to reprocess"
          + " history, for example with a new lexicon. Without it the pipeline streams until"
          + " stopped.")
  @Default.Boolean(false)
  boolean isBackfill();

  void setBackfill(boolean value);

  @Description(
      "How far out of createdAt order posts may arrive before the watermark passes them,"
          + " e.g. 30s, 2m, PT1M.")
  @Default.String("30s")
  String getMaxOutOfOrderness();

  void setMaxOutOfOrderness(String value);

  @Description(
      "A caught-up partition that has read nothing for this long is idle: its watermark then"
          + " advances from its own newest createdAt by the processing time elapsed, so the last"
          + " windows of a quiet stream still close. A partition with no record at all never"
          + " holds the others back.")
  @Default.String("10s")
  String getPartitionIdleness();

  void setPartitionIdleness(String value);

  @Description(
      "Streaming start: windows that start before the newest window the previous run closed,"
          + " minus allowedLateness and this margin, are final and keep their stored points; the"
          + " consumer group is rewound so that every later window is recounted from all its"
          + " posts, re-reading every record whose Kafka timestamp is at most this margin before"
          + " that point, or earlier when a recounted window holds a post whose record is stamped"
          + " earlier (createdAt ahead of the record's timestamp; each window stores its earliest"
          + " record time). The margin covers write races between the aggregates and clock skew."
          + " See README, Restarts and crashes.")
  @Default.String("2m")
  String getRestartRewindMargin();

  void setRestartRewindMargin(String value);

  @Description(
      "FlinkRunner on a Flink cluster (Beam's FlinkPipelineOptions flag, read here too): start"
          + " from this savepoint. Its Kafka offsets and open windows are restored, so the start"
          + " neither rewinds the consumer group nor recounts windows. Refused on other runners.")
  String getSavepointPath();

  void setSavepointPath(String value);
}
