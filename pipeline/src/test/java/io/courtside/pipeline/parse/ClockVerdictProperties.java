package io.courtside.pipeline.parse;

import static org.junit.Assert.assertEquals;

import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.Records;
import io.courtside.pipeline.read.CreatedAtTimestamps;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.values.KV;

/**
 * {@code ParsePosts} and the source that stamped a record agree on what is a post, whichever of the
 * two read its clock first and by how much: the source's verdict ({@link ParsePosts#parse} at the
 * source's clock, shown by the stamp {@code CreatedAtTimestamps} gives) is the oracle, and {@link
 * ParsePosts#parseAsStamped} at another clock must reach it. CreatedAt and Kafka times lie within
 * two hours of the clocks, mostly near the edge of the hour's rule, or anywhere Instant reaches.
 */
class ClockVerdictProperties {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long NOW = Instant.parse("2026-06-01T20:00:00Z").toEpochMilli();

  @Property(tries = 2000)
  void theStepReachesTheSourcesVerdict(
      @ForAll("createdAts") Instant createdAt,
      @ForAll("kafkaTimes") long kafkaMillis,
      @ForAll("clockOffsets") long sourceOffset,
      @ForAll("clockOffsets") long stepOffset) {
    KafkaRecord<byte[], byte[]> record =
        Records.raw("p", PostJson.toBytes(Post.of("p", createdAt, "t")), 7, kafkaMillis);
    KV<Post, DeadLetter> source =
        ParsePosts.parse(record, ParsePosts.DEFAULT_MAX_RECORD_BYTES, NOW + sourceOffset);
    long stamp = CreatedAtTimestamps.eventTime(record, source).getMillis();
    // The stamp cannot tell a post from a dead letter when createdAt is the Kafka time itself.
    Assume.that(
        createdAt.getEpochSecond() > Long.MAX_VALUE / 1000 - 1
            || createdAt.toEpochMilli() != CreatedAtRule.deadLetterMillis(kafkaMillis));

    KV<Post, DeadLetter> step =
        ParsePosts.parseAsStamped(
            record, ParsePosts.DEFAULT_MAX_RECORD_BYTES, NOW + stepOffset, stamp);

    assertEquals(source.getKey(), step.getKey());
    if (source.getValue() != null) {
      assertEquals(source.getValue().reason(), source.getValue().kind(), step.getValue().kind());
      assertEquals(source.getValue().offset(), step.getValue().offset());
    }
  }

  /** Mostly near the hour's edge of the clocks, where their readings decide. */
  @Provide
  Arbitrary<Instant> createdAts() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            4,
            Arbitraries.longs()
                .between(40 * MINUTE, 80 * MINUTE)
                .withDistribution(RandomDistribution.uniform())
                .map(d -> Instant.ofEpochMilli(NOW + d))),
        Tuple.of(
            4,
            Arbitraries.longs()
                .between(-2 * HOUR, 2 * HOUR)
                .map(d -> Instant.ofEpochMilli(NOW + d))),
        Tuple.of(
            1,
            Arbitraries.longs()
                .between(0, Instant.MAX.getEpochSecond())
                .map(Instant::ofEpochSecond)));
  }

  @Provide
  Arbitrary<Long> kafkaTimes() {
    return Arbitraries.oneOf(
        Arbitraries.longs()
            .between(-3 * HOUR, 3 * HOUR)
            .withDistribution(RandomDistribution.uniform())
            .map(d -> NOW + d),
        Arbitraries.of(-1L, 0L, Long.MAX_VALUE));
  }

  /**
   * How far a clock is from {@link #NOW}: a micro-batch, a lagging job, another machine's clock.
   */
  @Provide
  Arbitrary<Long> clockOffsets() {
    // Uniform: jqwik's default bias toward 0 would put both clocks together, where nothing differs.
    return Arbitraries.longs()
        .between(-15 * MINUTE, 15 * MINUTE)
        .withDistribution(RandomDistribution.uniform());
  }
}
