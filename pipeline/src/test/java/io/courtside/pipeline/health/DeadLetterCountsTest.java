package io.courtside.pipeline.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ReasonKind;
import io.courtside.pipeline.window.CountPerWindow;
import io.courtside.pipeline.window.Countable;
import io.courtside.pipeline.window.PaneCounts;
import io.courtside.pipeline.window.WindowSpec;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** Dead letters counted per reason kind and window by the one windowed count, as points. */
public class DeadLetterCountsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");
  private static final Duration WINDOW = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, WINDOW);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(WINDOW), WINDOW);

  private static TimestampedValue<DeadLetter> letter(ReasonKind kind, long offset, int second) {
    // The message reads like another kind: the count goes by the code alone.
    return TimestampedValue.of(
        new DeadLetter(kind, "not a JSON object", "twitterdata", 0, offset, null, new byte[] {1}),
        T0.plus(Duration.standardSeconds(second)));
  }

  private TestStream.Builder<DeadLetter> stream() throws Exception {
    return TestStream.create(p.getCoderRegistry().getCoder(DeadLetter.class))
        .advanceWatermarkTo(T0);
  }

  /** The dead_letters points of {@code letters}, as the job counts and encodes them. */
  private static PCollection<String> points(PCollection<DeadLetter> letters) {
    return letters
        .apply(
            "ByReasonKind",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptor.of(Countable.class)))
                .via(DeadLetterCounts::counted))
        .apply(
            "CountDeadLetters",
            CountPerWindow.of(
                new WindowSpec(WINDOW, Duration.standardMinutes(5), Duration.standardSeconds(5))))
        .apply(
            "DeadLetterPoints",
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (KV<String, PaneCounts> c) ->
                        InfluxSchema.deadLetterLine(DeadLetterCounts.of("twitterdata", c))));
  }

  @Test
  public void countsPerReasonKindAndWindowAsPoints() throws Exception {
    TestStream<DeadLetter> letters =
        stream()
            .addElements(
                letter(ReasonKind.INVALID_JSON, 1, 5),
                letter(ReasonKind.INVALID_JSON, 2, 6),
                letter(ReasonKind.NOT_AN_OBJECT, 3, 7),
                letter(ReasonKind.INVALID_JSON, 4, 65))
            .advanceWatermarkToInfinity();
    PCollection<String> lines = points(p.apply(letters));

    long first = T0.getMillis() * 1_000_000L;
    long second = SECOND.start().getMillis() * 1_000_000L;
    PAssert.that(lines)
        .inOnTimePane(FIRST)
        .containsInAnyOrder(
            "dead_letters,reason_kind=invalid_json,topic=twitterdata total=2i " + first,
            "dead_letters,reason_kind=not_an_object,topic=twitterdata total=1i " + first);
    PAssert.that(lines)
        .inOnTimePane(SECOND)
        .containsInAnyOrder(
            "dead_letters,reason_kind=invalid_json,topic=twitterdata total=1i " + second);
    p.run().waitUntilFinish();
  }

  @Test
  public void aRecordReadTwiceIsCountedOnceAndTwoRecordsWithTheSameBytesTwice() throws Exception {
    // A restart's rewind reads offset 1 again; offsets 2 and 3 hold the same bad bytes.
    TestStream<DeadLetter> letters =
        stream()
            .addElements(
                letter(ReasonKind.INVALID_JSON, 1, 5), letter(ReasonKind.INVALID_JSON, 2, 6))
            .addElements(
                letter(ReasonKind.INVALID_JSON, 1, 5), letter(ReasonKind.INVALID_JSON, 3, 6))
            .advanceWatermarkToInfinity();
    PAssert.that(points(p.apply(letters)))
        .inOnTimePane(FIRST)
        .containsInAnyOrder(
            "dead_letters,reason_kind=invalid_json,topic=twitterdata total=3i "
                + T0.getMillis() * 1_000_000L);
    p.run().waitUntilFinish();
  }

  @Test
  public void aRecordIsItsPartitionAndOffset() {
    assertEquals(
        DeadLetterCounts.counted(new DeadLetter(ReasonKind.EMPTY, "a", "t", 2, 7, null, null))
            .getValue()
            .id(),
        DeadLetterCounts.counted(
                new DeadLetter(
                    ReasonKind.INVALID_JSON, "b", "t", 2, 7, new byte[] {1}, new byte[] {2}))
            .getValue()
            .id());
    assertNotEquals(DeadLetterCounts.position(0, 7), DeadLetterCounts.position(1, 7));
    assertNotEquals(DeadLetterCounts.position(0, 7), DeadLetterCounts.position(0, 8));
  }
}
