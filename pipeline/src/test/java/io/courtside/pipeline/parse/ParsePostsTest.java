package io.courtside.pipeline.parse;

import static org.apache.beam.sdk.values.TypeDescriptors.strings;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.Records;
import io.courtside.pipeline.read.CreatedAtTimestamps;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.junit.Rule;
import org.junit.Test;

public class ParsePostsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T = Instant.parse("2026-05-20T01:02:03.456Z");

  @Test
  public void validPostsPassAndEveryBadRecordGoesToTheDeadLettersWithItsReason() {
    Post good = Post.of("1", T, "Lakers win!");
    PCollectionTuple out =
        p.apply(
                Create.of(
                        List.of(
                            Records.of(good, 0),
                            Records.raw("{not json", 1),
                            Records.raw("{\"id\":\"2\",\"text\":\"x\"}", 2),
                            Records.raw(
                                null,
                                "{\"id\":\"3\",\"createdAt\":\"3000-01-01T00:00:00Z\",\"text\":\"x\"}"
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                3,
                                T.toEpochMilli()),
                            Records.raw(null, new byte[] {(byte) 0xff, 'x'}, 4, T.toEpochMilli())))
                    .withCoder(
                        KafkaRecordCoder.of(
                            NullableCoder.of(ByteArrayCoder.of()),
                            NullableCoder.of(ByteArrayCoder.of()))))
            .apply(ParsePosts.create());

    // Its version: the record's Kafka timestamp (Records.of uses createdAt) and offset 0.
    PAssert.that(out.get(ParsePosts.VALID))
        .containsInAnyOrder(new PostRecord(good, PostRecord.version(T.toEpochMilli(), 0)));
    PAssert.that(out.get(ParsePosts.INVALID))
        .satisfies(
            letters -> {
              java.util.Map<Long, String> reasons = new java.util.TreeMap<>();
              letters.forEach(d -> reasons.put(d.offset(), d.reason()));
              assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(reasons.keySet()));
              assertTrue(reasons.get(1L), reasons.get(1L).startsWith("invalid JSON"));
              assertEquals("missing required field 'createdAt'", reasons.get(2L));
              assertTrue(
                  reasons.get(3L), reasons.get(3L).contains("after the record was produced"));
              assertEquals("not valid UTF-8", reasons.get(4L));
              assertEquals(
                  java.util.Map.of(
                      1L,
                      ReasonKind.INVALID_JSON,
                      2L,
                      ReasonKind.MISSING_FIELD,
                      3L,
                      ReasonKind.FUTURE_CREATED_AT,
                      4L,
                      ReasonKind.BAD_UTF8),
                  kinds(letters));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void hostileRecordsAreDeadLetteredByTheDocumentedRules() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      deep.append('[');
    }
    byte[] huge = new byte[5000];
    java.util.Arrays.fill(huge, (byte) 'x');
    String ok = "\"id\":\"i\",\"text\":\"t\"";
    PCollectionTuple out =
        p.apply(
                Create.of(
                        List.of(
                            Records.raw(null, huge, 0, T.toEpochMilli()),
                            Records.raw("{" + ok + ",\"createdAt\":\"1970-01-01T00:00:00Z\"}", 1),
                            Records.raw("{\"x\":" + deep + "}", 2),
                            Records.raw(
                                "{"
                                    + ok
                                    + ",\"createdAt\":\"2026-05-20T01:00:00Z\",\"hashtags\":{\"a\":1}}",
                                3),
                            Records.raw("{" + ok + ",\"createdAt\":1779238923000}", 4)))
                    .withCoder(
                        KafkaRecordCoder.of(
                            NullableCoder.of(ByteArrayCoder.of()),
                            NullableCoder.of(ByteArrayCoder.of()))))
            .apply(ParsePosts.create(4096));
    PAssert.that(out.get(ParsePosts.VALID)).empty();
    PAssert.that(out.get(ParsePosts.INVALID))
        .satisfies(
            letters -> {
              java.util.Map<Long, String> reasons = new java.util.TreeMap<>();
              letters.forEach(d -> reasons.put(d.offset(), d.reason()));
              assertEquals(List.of(0L, 1L, 2L, 3L, 4L), List.copyOf(reasons.keySet()));
              assertTrue(reasons.get(0L), reasons.get(0L).startsWith("too large: 5000 bytes"));
              assertTrue(reasons.get(1L), reasons.get(1L).contains("is before 2006"));
              assertTrue(reasons.get(2L), reasons.get(2L).startsWith("invalid JSON"));
              assertTrue(reasons.get(3L), reasons.get(3L).contains("'hashtags' must be an array"));
              assertTrue(reasons.get(4L), reasons.get(4L).contains("'createdAt' must be a string"));
              assertEquals(
                  java.util.Map.of(
                      0L,
                      ReasonKind.TOO_LARGE,
                      1L,
                      ReasonKind.ANCIENT_CREATED_AT,
                      2L,
                      ReasonKind.INVALID_JSON,
                      3L,
                      ReasonKind.BAD_FIELD,
                      4L,
                      ReasonKind.BAD_FIELD),
                  kinds(letters));
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static java.util.Map<Long, ReasonKind> kinds(Iterable<DeadLetter> letters) {
    java.util.Map<Long, ReasonKind> kinds = new java.util.TreeMap<>();
    letters.forEach(d -> kinds.put(d.offset(), d.kind()));
    return kinds;
  }

  /**
   * The code comes from the rule that refused the record, never from its message: a createdAt that
   * is not an instant but reads like the messages of the createdAt rules is a bad field (classified
   * by its message, the first was ancient_created_at and the others future_created_at).
   */
  @Test
  public void theReasonKindIsTheRulesNotReadFromTheMessage() {
    String ok = "\"id\":\"i\",\"text\":\"t\"";
    for (String createdAt :
        List.of("x is before 2006", "y after the record was produced", "z ahead of the clock")) {
      KV<Post, DeadLetter> parsed =
          ParsePosts.parse(
              Records.raw("{" + ok + ",\"createdAt\":\"" + createdAt + "\"}", 1), 4096);
      assertEquals(parsed.getValue().reason(), ReasonKind.BAD_FIELD, parsed.getValue().kind());
      assertTrue(parsed.getValue().reason(), parsed.getValue().reason().contains(createdAt));
    }
  }

  @Test
  public void aDeadLetterOfAHugeValueStaysUnderKafkasMessageLimit() throws Exception {
    byte[] value = new byte[900_000];
    java.util.Arrays.fill(value, (byte) 1); // a control character: 6 bytes once JSON-escaped
    String json =
        new DeadLetter(ReasonKind.TOO_LARGE, "too large", "t", 0, 1, null, value).toJson();
    assertTrue(json.length() < 1_000_000);
    com.fasterxml.jackson.databind.JsonNode node =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    assertEquals(900_000, node.get("valueBytes").asInt());
    assertTrue(node.get("valueTruncated").asBoolean());
  }

  /**
   * The source judges the clock rule earlier than this step (a micro-batch earlier on Spark) or on
   * another machine; this step keeps the source's verdict, which its stamp shows. Each record is
   * stamped as {@code CreatedAtTimestamps} stamps it when read at the clock given.
   */
  @Test
  public void theClockRuleIsJudgedAsTheSourceJudgedIt() {
    long now = System.currentTimeMillis();
    long minute = 60_000;
    long hour = 60 * minute;
    // Too far ahead of a source that read it ten minutes ago; within the hour of this step's clock.
    KafkaRecord<byte[], byte[]> aheadWhenRead =
        future("ahead-when-read", now + hour - 5 * minute, now + 2 * hour, 1);
    // Within the hour of a source whose clock ran ten minutes ahead; beyond it for this step.
    KafkaRecord<byte[], byte[]> fineWhenRead =
        future("fine-when-read", now + hour + 5 * minute, now + 2 * hour, 2);
    // Beyond the hour after its Kafka time, whatever any clock says.
    KafkaRecord<byte[], byte[]> aheadOfItsRecord =
        future("ahead-of-its-record", now + 3 * hour, now, 3);
    KafkaRecord<byte[], byte[]> ordinary = future("ordinary", now - minute, now, 4);
    PCollectionTuple out =
        p.apply(
                Create.timestamped(
                        stampedAt(aheadWhenRead, now - 10 * minute),
                        stampedAt(fineWhenRead, now + 10 * minute),
                        stampedAt(aheadOfItsRecord, now + 10 * minute),
                        stampedAt(ordinary, now))
                    .withCoder(
                        KafkaRecordCoder.of(
                            NullableCoder.of(ByteArrayCoder.of()),
                            NullableCoder.of(ByteArrayCoder.of()))))
            .apply(ParsePosts.create());

    PAssert.that(
            out.get(ParsePosts.VALID)
                .apply(MapElements.into(strings()).via((PostRecord r) -> r.post().id())))
        .containsInAnyOrder("fine-when-read", "ordinary");
    PAssert.that(out.get(ParsePosts.INVALID))
        .satisfies(
            letters -> {
              java.util.Map<Long, String> reasons = new java.util.TreeMap<>();
              letters.forEach(d -> reasons.put(d.offset(), d.reason()));
              assertEquals(List.of(1L, 3L), List.copyOf(reasons.keySet()));
              assertTrue(reasons.get(1L), reasons.get(1L).contains("when its source read"));
              assertTrue(
                  reasons.get(3L), reasons.get(3L).contains("after the record was produced"));
              assertEquals(
                  java.util.Map.of(
                      1L, ReasonKind.FUTURE_CREATED_AT, 3L, ReasonKind.FUTURE_CREATED_AT),
                  kinds(letters));
              return null;
            });
    p.run().waitUntilFinish();
  }

  private static KafkaRecord<byte[], byte[]> future(
      String id, long createdAtMillis, long kafkaMillis, long offset) {
    return Records.raw(
        id,
        io.courtside.model.PostJson.toBytes(
            Post.of(id, Instant.ofEpochMilli(createdAtMillis), "x")),
        offset,
        kafkaMillis);
  }

  /** {@code record} with the event time its source gives it when read at {@code clockMillis}. */
  private static TimestampedValue<KafkaRecord<byte[], byte[]>> stampedAt(
      KafkaRecord<byte[], byte[]> record, long clockMillis) {
    KV<Post, DeadLetter> asRead =
        ParsePosts.parse(record, ParsePosts.DEFAULT_MAX_RECORD_BYTES, clockMillis);
    return TimestampedValue.of(record, CreatedAtTimestamps.eventTime(record, asRead));
  }
}
