package io.courtside.pipeline.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.model.PostJson;
import io.courtside.pipeline.Records;
import io.courtside.pipeline.health.DeadLetterCounts;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.read.CreatedAtTimestamps;
import io.courtside.pipeline.score.ScoredPost;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;

/**
 * Event times are bounded by what InfluxDB can store and what the clock allows, whatever the
 * record's createdAt and Kafka timestamp: a post the job accepts encodes, lies at most an hour
 * ahead of the clock, and every record's event time (dead letters included) opens a window whose
 * point encodes. Times from 1970 to beyond year 292,000,000 (Instant's range), Kafka timestamps up
 * to Long.MAX_VALUE.
 */
class EventTimeBoundsProperties {
  private static final long HOUR = 3_600_000L;

  @Property
  void acceptedPostsEncodeAndAreNotAheadOfTheClock(
      @ForAll("instants") Instant createdAt, @ForAll("kafkaTimes") long kafkaMillis) {
    long now = System.currentTimeMillis();
    KafkaRecord<byte[], byte[]> record =
        Records.raw("p", PostJson.toBytes(Post.of("p", createdAt, "t")), 0, kafkaMillis);
    KV<Post, DeadLetter> parsed = ParsePosts.parse(record, ParsePosts.DEFAULT_MAX_RECORD_BYTES);
    org.joda.time.Instant eventTime = CreatedAtTimestamps.eventTime(record, parsed);
    for (Duration size : new Duration[] {Duration.standardSeconds(10), Duration.standardDays(1)}) {
      long start = FixedWindows.of(size).assignWindow(eventTime).start().getMillis();
      InfluxSchema.deadLetterLine(
          new DeadLetterCounts("t", "k", new org.joda.time.Instant(start), 1));
    }
    if (parsed.getKey() != null) {
      assertTrue(
          createdAt + " accepted at " + Instant.ofEpochMilli(now),
          createdAt.toEpochMilli() <= System.currentTimeMillis() + HOUR);
      assertEquals(createdAt.toEpochMilli(), eventTime.getMillis());
      InfluxSchema.postLine(new ScoredPost(parsed.getKey(), 0, 0, 1, 0), Instant.ofEpochMilli(now));
    } else {
      assertNotNull(parsed.getValue().reason());
      assertEquals(
          "a dead letter is stamped with its Kafka time",
          Math.min(kafkaMillis, CreatedAtRule.LATEST.toEpochMilli() - 1),
          eventTime.getMillis());
    }
  }

  /** Issue 13: Kafka CreateTime and createdAt both in year 2300 passed the skew rule. */
  @Example
  void aPostFromYear2300IsADeadLetter() {
    long t2300 = Instant.parse("2300-01-01T00:00:00Z").toEpochMilli();
    KafkaRecord<byte[], byte[]> record =
        Records.raw(
            "p", PostJson.toBytes(Post.of("p", Instant.ofEpochMilli(t2300), "t")), 0, t2300);
    DeadLetter d = ParsePosts.parse(record, ParsePosts.DEFAULT_MAX_RECORD_BYTES).getValue();
    assertNotNull(d);
    assertTrue(d.reason(), d.reason().contains("ahead of the clock"));
  }

  /** Storable but decades ahead of the clock: it would drag every partition's watermark there. */
  @Example
  void aPostFromYear2200StampedInYear2200IsADeadLetter() {
    long t2200 = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    KafkaRecord<byte[], byte[]> record =
        Records.raw(
            "p", PostJson.toBytes(Post.of("p", Instant.ofEpochMilli(t2200), "t")), 0, t2200);
    KV<Post, DeadLetter> parsed = ParsePosts.parse(record, ParsePosts.DEFAULT_MAX_RECORD_BYTES);
    assertNull(parsed.getKey());
    assertTrue(parsed.getValue().reason(), parsed.getValue().reason().contains("clock"));
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond),
        Arbitraries.longs()
            .between(-2 * HOUR, 2 * HOUR)
            .map(d -> Instant.ofEpochMilli(System.currentTimeMillis() + d)),
        Arbitraries.of(
                "2262-04-11T23:47:15.999Z",
                "2262-04-11T23:47:16Z",
                "2262-04-11T23:47:16.854Z",
                "2300-01-01T00:00:00Z")
            .map(Instant::parse));
  }

  @Provide
  Arbitrary<Long> kafkaTimes() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(-1, Long.MAX_VALUE),
        Arbitraries.longs().between(-2 * HOUR, 2 * HOUR).map(d -> System.currentTimeMillis() + d),
        Arbitraries.of(
            -1L, 0L, Long.MAX_VALUE, Instant.parse("2300-01-01T00:00:00Z").toEpochMilli()));
  }
}
