package io.courtside.pipeline.read;

import io.courtside.model.Post;
import io.courtside.pipeline.parse.CreatedAtRule;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ParsePosts;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Event time, read at the source so that the watermark follows event time ({@link
 * EventTimeWatermark}). A record the job counts as a post is stamped with its {@code createdAt};
 * every other record, headed for the dead-letter topic, with its Kafka timestamp, whatever {@code
 * createdAt} it carries. The decision is {@link ParsePosts#parse}'s, the job's own, so that the
 * source, the job and {@code courtside verify} never disagree on what is a post. The createdAt rule
 * reads a clock, and {@code ParsePosts} reads it later than the source: where the stamp shows the
 * source's verdict, {@code ParsePosts} keeps it ({@code ParsePosts.parseAsStamped}).
 *
 * <p>Why not just a readable, believable createdAt: a junk line such as {@code
 * {"createdAt":"2026-05-20T01:00:00Z","text":"no id"}} in a replayed archive then moved its
 * partition's clock months ahead; that partition stopped holding the job's watermark back, and its
 * posts still to be read became late as soon as another partition's reader ran ahead (seen on Flink
 * with two source subtasks: a second of the archive missing from the windows).
 */
public final class CreatedAtTimestamps {
  private CreatedAtTimestamps() {}

  /** The record's event time, parsing it as the job does ({@code maxRecordBytes}: its flag). */
  public static Instant eventTime(KafkaRecord<byte[], byte[]> record, int maxRecordBytes) {
    return eventTime(record, ParsePosts.parse(record, maxRecordBytes));
  }

  /**
   * The event time of {@code record}, which {@link ParsePosts#parse} turned into {@code parsed}.
   */
  public static Instant eventTime(KafkaRecord<byte[], byte[]> record, KV<Post, DeadLetter> parsed) {
    Post post = parsed.getKey();
    return new Instant(
        post == null
            ? CreatedAtRule.deadLetterMillis(record.getTimestamp())
            : post.createdAt().toEpochMilli());
  }
}
