package io.courtside.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where records that are not valid posts go, with the reason. */
public interface DeadLetterOptions extends PipelineOptions {
  @Description(
      "Dead-letter topic: every record that is not a valid post is written here as JSON with"
          + " the reason and the original bytes. Uses the same bootstrap servers as the input."
          + " Default: the input topic's name with -dlq appended (twitterdata-dlq).")
  @Default.InstanceFactory(TopicNameWithDlqSuffix.class)
  String getDlqTopic();

  void setDlqTopic(String value);

  /** {@code --topic} + {@code -dlq}: each input topic's dead letters apart from another's. */
  final class TopicNameWithDlqSuffix implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      return options.as(KafkaReadOptions.class).getTopic() + "-dlq";
    }
  }

  @Description(
      "Records whose value is larger than this many bytes go to the dead-letter topic as 'too"
          + " large' without being parsed (the dead letter keeps their first 128 KiB).")
  @Default.Integer(1_048_576)
  int getMaxRecordBytes();

  void setMaxRecordBytes(int value);
}
