package io.courtside.pipeline.health;

import static org.junit.Assert.assertEquals;

import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ReasonKind;
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

  private static TimestampedValue<DeadLetter> letter(ReasonKind kind, long offset, int second) {
    // The message is the tag of another kind: the count goes by the code alone.
    return TimestampedValue.of(
        new DeadLetter(kind, "not_an_object", "twitterdata", 0, offset, null, new byte[] {1}),
        T0.plus(Duration.standardSeconds(second)));
  }

  @Test
  public void countsPerReasonKindAndWindowAsPoints() {
    TestStream<DeadLetter> letters =
        TestStream.create(SerializableCoder.of(DeadLetter.class))
            .advanceWatermarkTo(T0)
            .addElements(
                letter(ReasonKind.INVALID_JSON, 1, 5),
                letter(ReasonKind.INVALID_JSON, 2, 6),
                letter(ReasonKind.NOT_AN_OBJECT, 3, 7),
                letter(ReasonKind.INVALID_JSON, 4, 65))
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
            .addElements(letter(ReasonKind.INVALID_JSON, 1, 5), letter(ReasonKind.INVALID_JSON, 2, 6))
            .addElements(letter(ReasonKind.INVALID_JSON, 1, 5), letter(ReasonKind.INVALID_JSON, 3, 6))
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
