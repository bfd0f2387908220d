package io.courtside.pipeline.window;

import io.courtside.pipeline.parse.PostRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * The panes of the one windowed count, one test per lateness case as in Beam's LeaderBoardTest: on
 * time, early, late within the allowed lateness, droppably late; then keys, windows, repeats and
 * edits. Every pane is asserted whole (compounds are sums of binary fractions, so exact).
 */
public class CountPerWindowTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");
  private static final Duration WINDOW = Duration.standardMinutes(1);
  private static final Duration LATENESS = Duration.standardMinutes(5);
  private static final Duration EARLY = Duration.standardSeconds(5);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, WINDOW);

  /** Item {@code id} (version 0) of key "t" at {@code second} seconds after T0. */
  private static TimestampedValue<KV<String, Countable>> item(
      long id, double compound, int second) {
    return item("t", id, 0, compound, second);
  }

  private static TimestampedValue<KV<String, Countable>> item(
      String key, long id, long version, double compound, int second) {
    return TimestampedValue.of(
        KV.of(key, new Countable(id, version, compound)),
        T0.plus(Duration.standardSeconds(second)));
  }

  private static KV<String, PaneCounts> pane(
      IntervalWindow w, long pos, long neg, long neu, double sum, boolean closed) {
    return pane("t", w, pos, neg, neu, sum, closed);
  }

  private static KV<String, PaneCounts> pane(
      String key, IntervalWindow w, long pos, long neg, long neu, double sum, boolean closed) {
    return KV.of(
        key, new PaneCounts(w.start(), w.end(), new PolarityCounts(pos, neg, neu, sum), closed));
  }

  private static TestStream.Builder<KV<String, Countable>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), CountableCoder.of()))
        .advanceWatermarkTo(T0);
  }

  private PCollection<KV<String, PaneCounts>> count(TestStream<KV<String, Countable>> events) {
    return p.apply(events).apply(CountPerWindow.of(new WindowSpec(WINDOW, LATENESS, EARLY)));
  }

  @Test
  public void onTimeItemsGiveOneClosedOnTimePane() {
    PCollection<KV<String, PaneCounts>> counts =
        count(
            stream()
                .addElements(
                    item(1, 0.5, 10), item(2, 0.25, 20), item(3, -0.5, 30), item(4, 0.0, 40))
                .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1)))
                .advanceWatermarkToInfinity());

    PAssert.that(counts).inOnTimePane(FIRST).containsInAnyOrder(pane(FIRST, 2, 1, 1, 0.25, true));
    PAssert.that(counts).inWindow(FIRST).containsInAnyOrder(pane(FIRST, 2, 1, 1, 0.25, true));
    p.run().waitUntilFinish();
  }

  @Test
  public void processingTimeGivesAnOpenEarlyPaneThenTheWholeWindowOnTime() {
    PCollection<KV<String, PaneCounts>> counts =
        count(
            stream()
                .addElements(item(1, 0.5, 10), item(2, -0.25, 20))
                .advanceProcessingTime(EARLY.plus(Duration.standardSeconds(1)))
                .addElements(item(3, 0.75, 30))
                .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1)))
                .advanceWatermarkToInfinity());

    PAssert.that(counts).inEarlyPane(FIRST).containsInAnyOrder(pane(FIRST, 1, 1, 0, 0.25, false));
    PAssert.that(counts).inOnTimePane(FIRST).containsInAnyOrder(pane(FIRST, 2, 1, 0, 1.0, true));
    PAssert.that(counts)
        .inWindow(FIRST)
        .containsInAnyOrder(pane(FIRST, 1, 1, 0, 0.25, false), pane(FIRST, 2, 1, 0, 1.0, true));
    p.run().waitUntilFinish();
  }

  @Test
  public void anItemLateWithinTheAllowedLatenessGivesALatePaneOfTheWholeWindow() {
    PCollection<KV<String, PaneCounts>> counts =
        count(
            stream()
                .addElements(item(1, 0.5, 10), item(2, -0.5, 20))
                .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1)))
                .addElements(item(3, 0.25, 50)) // behind the watermark, within the lateness
                .advanceWatermarkTo(
                    T0.plus(WINDOW).plus(LATENESS).minus(Duration.standardSeconds(1)))
                .advanceWatermarkToInfinity());

    PAssert.that(counts).inOnTimePane(FIRST).containsInAnyOrder(pane(FIRST, 1, 1, 0, 0.0, true));
    // Accumulating: the late pane carries the on-time items too, so its point replaces the on-time
    // one.
    PAssert.that(counts).inLatePane(FIRST).containsInAnyOrder(pane(FIRST, 2, 1, 0, 0.25, true));
    PAssert.that(counts)
        .inWindow(FIRST)
        .containsInAnyOrder(pane(FIRST, 1, 1, 0, 0.0, true), pane(FIRST, 2, 1, 0, 0.25, true));
    p.run().waitUntilFinish();
  }

  @Test
  public void anItemLaterThanTheAllowedLatenessChangesNoPane() {
    PCollection<KV<String, PaneCounts>> counts =
        count(
            stream()
                .addElements(item(1, 0.5, 10), item(2, -0.5, 20))
                .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1)))
                .advanceWatermarkTo(
                    T0.plus(WINDOW).plus(LATENESS).plus(Duration.standardSeconds(1)))
                .addElements(item(3, -0.75, 55)) // its window has expired: dropped
                .advanceWatermarkToInfinity());

    PAssert.that(counts).inWindow(FIRST).containsInAnyOrder(pane(FIRST, 1, 1, 0, 0.0, true));
    // Nothing arrived in time after the on-time pane, so the window expires without another pane.
    PAssert.that(counts).inFinalPane(FIRST).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void keysAndWindowsAreCountedApart() {
    IntervalWindow second = new IntervalWindow(T0.plus(WINDOW), WINDOW);
    IntervalWindow third = new IntervalWindow(T0.plus(WINDOW.multipliedBy(2)), WINDOW);
    PCollection<KV<String, PaneCounts>> counts =
        count(
            stream()
                .addElements(
                    item("a", 1, 0, 0.5, 5),
                    item("b", 1, 0, -0.5, 6), // the same id under another key counts there too
                    item("a", 2, 0, 0.5, 65),
                    item("a", 3, 0, -0.5, 70),
                    item("a", 4, 0, 0.0, 130))
                .advanceWatermarkToInfinity());

    PAssert.that(counts)
        .inOnTimePane(FIRST)
        .containsInAnyOrder(
            pane("a", FIRST, 1, 0, 0, 0.5, true), pane("b", FIRST, 0, 1, 0, -0.5, true));
    PAssert.that(counts)
        .inOnTimePane(second)
        .containsInAnyOrder(pane("a", second, 1, 1, 0, 0.0, true));
    PAssert.that(counts)
        .inOnTimePane(third)
        .containsInAnyOrder(pane("a", third, 0, 0, 1, 0.0, true));
    p.run().waitUntilFinish();
  }

  @Test
  public void anIdThatComesAgainCountsOnce() {
    TimestampedValue<KV<String, Countable>> once = item(1, 0.75, 10);
    PCollection<KV<String, PaneCounts>> counts =
        count(
            stream()
                .addElements(once, item(2, -0.75, 20), once) // at-least-once delivery: a repeat
                .addElements(once) // and a replay
                .advanceWatermarkToInfinity());

    PAssert.that(counts).inOnTimePane(FIRST).containsInAnyOrder(pane(FIRST, 1, 1, 0, 0.0, true));
    p.run().waitUntilFinish();
  }

  @Test
  public void anEditedIdCountsOnceWithTheCompoundOfItsGreatestVersionWhateverTheArrivalOrder() {
    PCollection<KV<String, PaneCounts>> counts =
        count(
            stream()
                // The newer version (greater Kafka position) reaches the step first, then the
                // older.
                .addElements(item("t", 7, 200, -0.75, 10))
                .addElements(item("t", 7, 100, 0.75, 10))
                .advanceWatermarkToInfinity());

    PAssert.that(counts).inOnTimePane(FIRST).containsInAnyOrder(pane(FIRST, 0, 1, 0, -0.75, true));
    p.run().waitUntilFinish();
  }

  @Test
  public void anEmptyPaneIsNeverWrittenOverAWindowsCount() {
    // What the Spark runner emits when a window's timer fires with its buffer gone: no items.
    PCollection<KV<String, PaneCounts>> panes =
        p.apply(
                Create.timestamped(
                        TimestampedValue.of(
                            KV.of("t", new WindowTally(PolarityCounts.EMPTY, 5)), T0.plus(1000)),
                        TimestampedValue.of(
                            KV.of(
                                "u",
                                new WindowTally(
                                    new PolarityCounts(1, 0, 2, 0.5), WindowTally.NO_RECORD_TIME)),
                            T0.plus(2000)))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), WindowTallyCoder.of())))
            .apply(Window.into(FixedWindows.of(WINDOW)))
            .apply(ParDo.of(new CountPerWindow.WithWindowFn<String>()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), PaneCountsCoder.of()));

    // No grouping here, so no pane timing: anything but early is closed.
    PAssert.that(panes).containsInAnyOrder(pane("u", FIRST, 1, 0, 2, 0.5, true));
    p.run().waitUntilFinish();
  }

  /**
   * Each pane carries the earliest Kafka timestamp among the records of the versions it counts (a
   * restart rewinds that far): not of a version an edit replaced, and none for records without a
   * timestamp.
   */
  @Test
  public void aPaneCarriesTheEarliestRecordTimeOfTheVersionsItCounts() {
    long t0 = T0.getMillis();
    PCollection<KV<String, PaneCounts>> counts =
        count(
            stream()
                // Post 1: created in the window, its record stamped 40 s before the window starts.
                .addElements(
                    item("t", 1, PostRecord.version(t0 - 40_000, 3), 0.5, 10),
                    item("t", 2, PostRecord.version(t0 + 12_000, 4), 0.5, 11),
                    // Post 3's first record is the earliest, but its edit replaces it.
                    item("t", 3, PostRecord.version(t0 - 90_000, 5), 0.5, 12),
                    item("t", 3, PostRecord.version(t0 + 20_000, 6), -0.5, 12),
                    // A record without a timestamp (version 0) tells nothing.
                    item("t", 4, PostRecord.version(-1, 7), 0.0, 13))
                .advanceWatermarkToInfinity());

    PAssert.that(counts)
        .inOnTimePane(FIRST)
        .containsInAnyOrder(
            KV.of(
                "t",
                new PaneCounts(
                    FIRST.start(),
                    FIRST.end(),
                    new PolarityCounts(2, 1, 1, 0.5),
                    true,
                    t0 - 40_000)));
    p.run().waitUntilFinish();
  }
}
