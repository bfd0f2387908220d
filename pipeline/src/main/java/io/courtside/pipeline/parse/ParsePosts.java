package io.courtside.pipeline.parse;

import io.courtside.model.InvalidPostException;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * Turns raw Kafka records into {@link Post}s. Anything that is not a valid post (bad UTF-8 or
 * JSON, a missing or wrongly typed field, a createdAt far ahead of when the record was produced)
 * goes to {@link #INVALID} with the reason; nothing is dropped.
 */
public final class ParsePosts
    extends PTransform<PCollection<KafkaRecord<byte[], byte[]>>, PCollectionTuple> {
  public static final TupleTag<Post> VALID = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> INVALID = new TupleTag<>() {};

  /** A createdAt this far after the Kafka record's own timestamp is not believable. */
  public static final Duration MAX_FUTURE_SKEW = Duration.standardHours(1);

  private ParsePosts() {}

  public static ParsePosts create() {
    return new ParsePosts();
  }

  @Override
  public PCollectionTuple expand(PCollection<KafkaRecord<byte[], byte[]>> records) {
    return records.apply(
        "Parse", ParDo.of(new ParseFn()).withOutputTags(VALID, TupleTagList.of(INVALID)));
  }

  static final class ParseFn extends DoFn<KafkaRecord<byte[], byte[]>, Post> {
    private final Counter valid = Metrics.counter(ParsePosts.class, "posts_valid");
    private final Counter invalid = Metrics.counter(ParsePosts.class, "posts_invalid");

    @ProcessElement
    public void process(@Element KafkaRecord<byte[], byte[]> record, MultiOutputReceiver out) {
      byte[] value = record.getKV().getValue();
      try {
        Post post = PostJson.parse(value);
        long recordTime = record.getTimestamp();
        if (recordTime > 0
            && post.createdAt().toEpochMilli() > recordTime + MAX_FUTURE_SKEW.getMillis()) {
          throw new InvalidPostException(
              "field 'createdAt' ("
                  + post.createdAt()
                  + ") is more than "
                  + MAX_FUTURE_SKEW.getStandardMinutes()
                  + " minutes after the record was produced ("
                  + java.time.Instant.ofEpochMilli(recordTime)
                  + ")");
        }
        valid.inc();
        out.get(VALID).output(post);
      } catch (InvalidPostException e) {
        invalid.inc();
        out.get(INVALID)
            .output(
                new DeadLetter(
                    e.getMessage(),
                    record.getTopic(),
                    record.getPartition(),
                    record.getOffset(),
                    record.getKV().getKey(),
                    value));
      }
    }
  }
}
