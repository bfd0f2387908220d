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

  @Description("Topic holding the posts (JSON in Courtside's post format, key = post id).")
  @Default.String("twitterdata")
  String getTopic();

  void setTopic(String value);

  @Description(
      "Kafka consumer group. Streaming runs commit their offsets under it once a bundle is"
          + " durably processed, and resume from them on restart.")
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
      "Streaming start: the consumer group is rewound so that every window that could still"
          + " change is recounted from all its posts (window state dies with a crashed job). Per"
          + " partition the rewind reaches back windowSize + allowedLateness + maxOutOfOrderness +"
          + " this margin of Kafka record time before the last committed record. The margin covers"
          + " ingest delay and clock skew between createdAt and the record's timestamp.")
  @Default.String("2m")
  String getRestartRewindMargin();

  void setRestartRewindMargin(String value);
}
