package io.courtside.pipeline.health;

import static org.junit.Assert.assertEquals;

import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.parse.DeadLetter;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class CountDeadLettersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");

  private static TimestampedValue<DeadLetter> letter(String reason, long offset, int second) {
    return TimestampedValue.of(
        new DeadLetter(reason, "twitterdata", 0, offset, null, new byte[] {1}),
        T0.plus(Duration.standardSeconds(second)));
  }

  @Test
  public void reasonKindsAreBoundedLabels() {
    assertEquals("invalid_json", ReasonKind.of("invalid JSON: Unexpected character"));
    assertEquals("missing_field", ReasonKind.of("missing required field 'createdAt'"));
    assertEquals("bad_field", ReasonKind.of("field 'hashtags' must be an array of strings"));
    assertEquals("future_created_at", ReasonKind.of(
        "field 'createdAt' (2030-01-01T00:00:00Z) is more than 60 minutes after the record was produced (x)"));
    assertEquals("other", ReasonKind.of("something new"));
  }

  @Test
  public void countsPerReasonKindAndWindowAsPoints() {
    TestStream<DeadLetter> letters =
        TestStream.create(SerializableCoder.of(DeadLetter.class))
            .advanceWatermarkTo(T0)
            .addElements(
                letter("invalid JSON: x", 1, 5),
                letter("invalid JSON: y", 2, 6),
                letter("not a JSON object", 3, 7),
                letter("invalid JSON: z", 4, 65))
            .advanceWatermarkToInfinity();
    var lines =
        p.apply(letters)
            .apply(new CountDeadLetters("twitterdata", Duration.standardMinutes(1),
                Duration.standardMinutes(5), Duration.standardSeconds(5)))
            .apply(MapElements.into(TypeDescriptors.strings()).via(InfluxSchema::deadLetterLine));
    long ns = T0.getMillis() * 1_000_000L;
    PAssert.that(lines)
        .satisfies(
            all -> {
              Map<String, String> last = new TreeMap<>();
              for (String l : all) {
                last.put(l.substring(0, l.indexOf(' ')) + l.substring(l.lastIndexOf(' ')), l);
              }
              assertEquals(3, last.size());
              assertEquals(
                  "dead_letters,reason_kind=invalid_json,topic=twitterdata total=2i " + ns,
                  last.get("dead_letters,reason_kind=invalid_json,topic=twitterdata " + ns));
              assertEquals(
                  "dead_letters,reason_kind=not_an_object,topic=twitterdata total=1i " + ns,
                  last.get("dead_letters,reason_kind=not_an_object,topic=twitterdata " + ns));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void aRecordReadTwiceIsCountedOnceAndTwoRecordsWithTheSameBytesTwice() {
    // A restart's rewind reads offset 1 again; offsets 2 and 3 hold the same bad bytes.
    TestStream<DeadLetter> letters =
        TestStream.create(SerializableCoder.of(DeadLetter.class))
            .advanceWatermarkTo(T0)
            .addElements(letter("invalid JSON: x", 1, 5), letter("invalid JSON: y", 2, 6))
            .addElements(letter("invalid JSON: x", 1, 5), letter("invalid JSON: y", 3, 6))
            .advanceWatermarkToInfinity();
    var totals =
        p.apply(letters)
            .apply(new CountDeadLetters("twitterdata", Duration.standardMinutes(1),
                Duration.standardMinutes(5), Duration.standardSeconds(5)))
            .apply(MapElements.into(TypeDescriptors.strings())
                .via((DeadLetterCounts d) -> d.reasonKind() + "=" + d.count()));
    PAssert.that(totals)
        .inOnTimePane(new org.apache.beam.sdk.transforms.windowing.IntervalWindow(T0, Duration.standardMinutes(1)))
        .containsInAnyOrder("invalid_json=3");
    p.run().waitUntilFinish();
  }
}
