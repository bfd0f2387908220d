package io.courtside.pipeline.parse;

import io.courtside.model.InvalidPostException;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.util.Optional;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * Turns raw Kafka records into {@link Post}s. Anything that is not a valid post goes to {@link
 * #INVALID} with the reason; nothing is dropped, and no input can fail the job. The rules, in
 * order:
 *
 * <ol>
 *   <li>a value larger than {@code maxRecordBytes}: "too large", not parsed at all;
 *   <li>empty, or not strict UTF-8;
 *   <li>not JSON, nested deeper than 64 levels, not an object, or a required field ({@code id},
 *       {@code createdAt}, {@code text}) missing or not a string, an optional one of the wrong type
 *       ({@link PostJson});
 *   <li>a createdAt that is not believable ({@link CreatedAtRule}); on the clock, as the source
 *       judged it ({@link #parseAsStamped}).
 * </ol>
 *
 * Any other unexpected exception of the parser is also a dead letter ("unparseable"), not a crash:
 * a poison record must never stop the stream.
 */
public final class ParsePosts
    extends PTransform<PCollection<KafkaRecord<byte[], byte[]>>, PCollectionTuple> {
  public static final TupleTag<PostRecord> VALID = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> INVALID = new TupleTag<>() {};

  public static final int DEFAULT_MAX_RECORD_BYTES = 1_048_576;

  private final int maxRecordBytes;

  private ParsePosts(int maxRecordBytes) {
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException(
          "--maxRecordBytes must be at least 1, got " + maxRecordBytes);
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  public static ParsePosts create() {
    return new ParsePosts(DEFAULT_MAX_RECORD_BYTES);
  }

  public static ParsePosts create(int maxRecordBytes) {
    return new ParsePosts(maxRecordBytes);
  }

  /**
   * One parse into {@code KV<post, dead letter>} (exactly one side set), then one step per side.
   * Why not a multi-output ParDo: the Spark runner caches a multi-output step's elements as
   * Java-serialized (tag, value) pairs and deserializes all of them once for each output; one
   * output it caches as coder bytes, which read back several times cheaper (bench/README.md,
   * "Design choices measured").
   */
  @Override
  public PCollectionTuple expand(PCollection<KafkaRecord<byte[], byte[]>> records) {
    CoderRegistry registry = records.getPipeline().getCoderRegistry();
    Coder<PostRecord> postCoder;
    Coder<DeadLetter> deadLetterCoder;
    try {
      postCoder = registry.getCoder(PostRecord.class);
      deadLetterCoder = registry.getCoder(DeadLetter.class);
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException(e);
    }
    PCollection<KV<PostRecord, DeadLetter>> parsed =
        records
            .apply("Parse", ParDo.of(new ParseFn(maxRecordBytes)))
            .setCoder(KvCoder.of(NullableCoder.of(postCoder), NullableCoder.of(deadLetterCoder)));
    PCollection<PostRecord> valid =
        parsed.apply("Valid", ParDo.of(new PostsFn())).setCoder(postCoder);
    PCollection<DeadLetter> invalid =
        parsed.apply("Invalid", ParDo.of(new DeadLettersFn())).setCoder(deadLetterCoder);
    return PCollectionTuple.of(VALID, valid).and(INVALID, invalid);
  }

  static final class PostsFn extends DoFn<KV<PostRecord, DeadLetter>, PostRecord> {
    @ProcessElement
    public void process(
        @Element KV<PostRecord, DeadLetter> parsed, OutputReceiver<PostRecord> out) {
      if (parsed.getKey() != null) {
        out.output(parsed.getKey());
      }
    }
  }

  static final class DeadLettersFn extends DoFn<KV<PostRecord, DeadLetter>, DeadLetter> {
    @ProcessElement
    public void process(
        @Element KV<PostRecord, DeadLetter> parsed, OutputReceiver<DeadLetter> out) {
      if (parsed.getValue() != null) {
        out.output(parsed.getValue());
      }
    }
  }

  /**
   * The decision of this step for one record: a post (key) or a dead letter (value), exactly one of
   * them set. Public so that {@code courtside verify} recounts with the job's own rules.
   */
  public static KV<Post, DeadLetter> parse(KafkaRecord<byte[], byte[]> record, int maxRecordBytes) {
    return parse(record, maxRecordBytes, System.currentTimeMillis());
  }

  /** As {@link #parse(KafkaRecord, int)}, with the clock the createdAt rule reads given. */
  public static KV<Post, DeadLetter> parse(
      KafkaRecord<byte[], byte[]> record, int maxRecordBytes, long nowMillis) {
    byte[] value = record.getKV().getValue();
    if (value != null && value.length > maxRecordBytes) {
      return invalid(
          record,
          ReasonKind.TOO_LARGE,
          "too large: " + value.length + " bytes, more than --maxRecordBytes=" + maxRecordBytes);
    }
    try {
      Post post = PostJson.parse(value);
      Optional<CreatedAtRule.Problem> bad =
          CreatedAtRule.problem(post.createdAt(), record.getTimestamp(), nowMillis);
      if (bad.isPresent()) {
        return invalid(record, bad.get().kind(), bad.get().reason());
      }
      return KV.of(post, null);
    } catch (InvalidPostException e) {
      return invalid(record, ReasonKind.of(e.kind()), e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return invalid(
          record, ReasonKind.UNPARSEABLE, "unparseable: " + e.getClass().getSimpleName());
    }
  }

  /**
   * As {@link #parse(KafkaRecord, int, long)}, for a record its source stamped with {@code
   * stampedMillis}: its createdAt if the source took it for a post, its Kafka time if not ({@code
   * read/CreatedAtTimestamps}). The createdAt rule reads a clock, and the source read it earlier (a
   * micro-batch earlier on Spark) or on another machine. Judged again here, a createdAt that was
   * too far ahead when the source read it and no longer is would be counted in the window of its
   * Kafka time without having moved the watermark; one the source accepted, on a clock since set
   * back, would be a dead letter in its createdAt's window. Where the stamp shows the source's
   * verdict on the clock, that verdict stands; every other rule is the same whenever it runs. A
   * stamp that shows neither (a test's, or a createdAt in the same millisecond as the Kafka time)
   * leaves the verdict to {@code nowMillis}.
   */
  static KV<Post, DeadLetter> parseAsStamped(
      KafkaRecord<byte[], byte[]> record, int maxRecordBytes, long nowMillis, long stampedMillis) {
    KV<Post, DeadLetter> parsed = parse(record, maxRecordBytes, nowMillis);
    Post post = parsed.getKey();
    boolean stampedAsDeadLetter =
        stampedMillis == CreatedAtRule.deadLetterMillis(record.getTimestamp());
    if (post != null) {
      if (stampedAsDeadLetter && stampedMillis != post.createdAt().toEpochMilli()) {
        CreatedAtRule.Problem ahead = CreatedAtRule.aheadWhenRead(post.createdAt());
        return invalid(record, ahead.kind(), ahead.reason());
      }
      return parsed;
    }
    if (parsed.getValue().kind() == ReasonKind.FUTURE_CREATED_AT
        && !stampedAsDeadLetter
        && stampedMillis > nowMillis) {
      // Judged by the clock at the stamp: a post whose createdAt is the stamp passed the source's.
      KV<Post, DeadLetter> asRead = parse(record, maxRecordBytes, stampedMillis);
      if (asRead.getKey() != null && asRead.getKey().createdAt().toEpochMilli() == stampedMillis) {
        return asRead;
      }
    }
    return parsed;
  }

  private static KV<Post, DeadLetter> invalid(
      KafkaRecord<byte[], byte[]> record, ReasonKind kind, String reason) {
    return KV.of(
        null,
        new DeadLetter(
            kind,
            reason,
            record.getTopic(),
            record.getPartition(),
            record.getOffset(),
            record.getKV().getKey(),
            record.getKV().getValue()));
  }

  static final class ParseFn extends DoFn<KafkaRecord<byte[], byte[]>, KV<PostRecord, DeadLetter>> {
    private final int maxRecordBytes;
    private final Counter valid = Metrics.counter(ParsePosts.class, "posts_valid");
    private final Counter invalid = Metrics.counter(ParsePosts.class, "posts_invalid");

    ParseFn(int maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
    }

    @ProcessElement
    public void process(
        @Element KafkaRecord<byte[], byte[]> record,
        @Timestamp Instant stamped,
        OutputReceiver<KV<PostRecord, DeadLetter>> out) {
      KV<Post, DeadLetter> parsed =
          parseAsStamped(record, maxRecordBytes, System.currentTimeMillis(), stamped.getMillis());
      if (parsed.getKey() == null) {
        invalid.inc();
        out.output(KV.of(null, parsed.getValue()));
        return;
      }
      valid.inc();
      long version = PostRecord.version(record.getTimestamp(), record.getOffset());
      out.output(KV.of(new PostRecord(parsed.getKey(), version), null));
    }
  }
}
