package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * {@link InfluxDbIO}'s latest-pane-wins mode: panes in order, a stale pane never written, against
 * {@link ScriptedInfluxServer}.
 */
public class LatestPaneWriteTest {
  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");
  private static final Duration WINDOW = Duration.standardMinutes(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final ScriptedInfluxServer server = new ScriptedInfluxServer();

  private PointWriter.Config config() {
    return new PointWriter.Config(
        InfluxTarget.v1(server.url(), "courtside"),
        100,
        java.time.Duration.ofSeconds(1),
        RetryPolicy.of(java.time.Duration.ofSeconds(20)));
  }

  private InfluxDbIO.Write latestPaneWins() {
    return InfluxDbIO.write()
        .withTarget(InfluxTarget.v1(server.url(), "courtside"))
        .withBatchSize(100)
        .withMaxRetryTime(java.time.Duration.ofSeconds(20))
        .withLatestPaneWins();
  }

  /** (series, (pane, line)) in the first minute, as KeyBySeries makes them. */
  private static TimestampedValue<KV<String, KV<Long, String>>> pane(
      String series, long pane, long total) {
    return TimestampedValue.of(
        KV.of(series, KV.of(pane, series + " total=" + total + "i " + T0.getMillis() * 1_000_000L)),
        T0.plus(Duration.standardSeconds(59)));
  }

  @Test
  public void anOlderPaneArrivingAfterANewerOneIsNotWritten() {
    TestStream<KV<String, KV<Long, String>>> events =
        TestStream.create(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of())))
            .advanceWatermarkTo(T0)
            .addElements(pane("m,t=a", 3, 30), pane("m,t=b", 0, 5))
            .addElements(pane("m,t=a", 2, 20)) // the race: pane 2 reaches the sink after pane 3
            .addElements(pane("m,t=b", 1, 7)) // in order: written
            .addElements(pane("m,t=a", 4, 40), pane("m,t=a", 5, 50)) // one bundle: the newest wins
            .advanceWatermarkToInfinity();
    p.apply(events)
        .apply(Window.into(FixedWindows.of(WINDOW)))
        .apply(ParDo.of(new LatestPaneWrite.NewestPaneFn(config(), null)))
        .setCoder(FailedPoint.Coder.of());
    p.run().waitUntilFinish();

    // Writes of different series are independent; per series they must be in pane order.
    String time = " " + T0.getMillis() * 1_000_000L;
    assertEquals(List.of("m,t=a total=30i" + time, "m,t=a total=50i" + time), written("m,t=a"));
    assertEquals(List.of("m,t=b total=5i" + time, "m,t=b total=7i" + time), written("m,t=b"));
  }

  private List<String> written(String series) {
    List<String> lines = new ArrayList<>();
    server.writtenLines.forEach(
        l -> {
          if (l.startsWith(series + " ")) {
            lines.add(l);
          }
        });
    return lines;
  }

  @Test
  public void keyBySeriesTakesThePaneIndexFromTheRunner() {
    // Three panes of one window: early (2 elements), on time (3), late (4).
    TestStream<String> events =
        TestStream.create(StringUtf8Coder.of())
            .advanceWatermarkTo(T0)
            .addElements(
                TimestampedValue.of("x", T0.plus(1000)), TimestampedValue.of("y", T0.plus(2000)))
            .advanceProcessingTime(Duration.standardSeconds(10))
            .addElements(TimestampedValue.of("z", T0.plus(3000)))
            .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1)))
            .addElements(TimestampedValue.of("late", T0.plus(4000)))
            .advanceWatermarkToInfinity();
    PCollection<String> lines =
        p.apply(events)
            .apply(
                Window.<String>into(FixedWindows.of(WINDOW))
                    .triggering(
                        AfterWatermark.pastEndOfWindow()
                            .withEarlyFirings(
                                org.apache.beam.sdk.transforms.windowing.AfterProcessingTime
                                    .pastFirstElementInPane()
                                    .plusDelayOf(Duration.standardSeconds(5)))
                            .withLateFirings(AfterPane.elementCountAtLeast(1)))
                    .withAllowedLateness(Duration.standardMinutes(5))
                    .accumulatingFiredPanes())
            .apply(Combine.globally(Count.<String>combineFn()).withoutDefaults())
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via((Long n) -> "m,t=a total=" + n + "i 0"));
    PAssert.that(lines.apply(ParDo.of(new LatestPaneWrite.KeyBySeriesFn())))
        .containsInAnyOrder(
            KV.of("m,t=a", KV.of(0L, "m,t=a total=2i 0")),
            KV.of("m,t=a", KV.of(1L, "m,t=a total=3i 0")),
            KV.of("m,t=a", KV.of(2L, "m,t=a total=4i 0")));
    p.run().waitUntilFinish();
  }

  @Test
  public void writesEveryPaneOfAWindowInOrderEndingWithTheFullCount() {
    TestStream<String> events =
        TestStream.create(StringUtf8Coder.of())
            .advanceWatermarkTo(T0)
            .addElements(TimestampedValue.of("a", T0.plus(1000)))
            .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1)))
            .addElements(TimestampedValue.of("b", T0.plus(2000)))
            .addElements(TimestampedValue.of("c", T0.plus(3000)))
            .advanceWatermarkToInfinity();
    p.apply(events)
        .apply(
            Window.<String>into(FixedWindows.of(WINDOW))
                .triggering(
                    AfterWatermark.pastEndOfWindow()
                        .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.standardMinutes(5))
                .accumulatingFiredPanes())
        .apply(Combine.globally(Count.<String>combineFn()).withoutDefaults())
        .apply(
            MapElements.into(TypeDescriptors.strings()).via((Long n) -> "m,t=a total=" + n + "i 0"))
        .apply(latestPaneWins());
    p.run().waitUntilFinish();
    assertEquals(
        List.of("m,t=a total=1i 0", "m,t=a total=2i 0", "m,t=a total=3i 0"),
        new ArrayList<>(server.writtenLines));
  }

  @Test
  public void windowsBeforeTheRecountPointAreNotWrittenAndLaterOnesAre() {
    // Two windows; a restarted job recounts from the second: the first keeps its stored point.
    Instant second = T0.plus(WINDOW);
    TestStream<String> events =
        TestStream.create(StringUtf8Coder.of())
            .advanceWatermarkTo(T0)
            .addElements(
                TimestampedValue.of("a", T0.plus(1000)),
                TimestampedValue.of("b", second.plus(1000)))
            .advanceWatermarkToInfinity();
    countsPerWindow(events).apply(latestPaneWins().keepingWindowsBefore(second));
    p.run().waitUntilFinish();
    assertEquals(
        List.of("m,t=a total=1i " + second.getMillis() * 1_000_000L),
        new ArrayList<>(server.writtenLines));
  }

  @Test
  public void aRefusedPaneIsAFailedPointInItsWindowAndTheOtherWindowsAreWritten() {
    Instant second = T0.plus(WINDOW);
    TestStream<String> events =
        TestStream.create(StringUtf8Coder.of())
            .advanceWatermarkTo(T0)
            .addElements(
                TimestampedValue.of("a", T0.plus(1000)),
                TimestampedValue.of("b", second.plus(1000)))
            .addElements(TimestampedValue.of("c", second.plus(2000)))
            .advanceWatermarkToInfinity();
    PCollection<FailedPoint> failed =
        countsPerWindow(events)
            // The second window's point is one the server refuses (as a field type conflict).
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via((String l) -> l.replace("total=2i", "REJECT=2i")))
            .apply(latestPaneWins())
            .getFailedPoints();
    String refused = "m,t=a REJECT=2i " + second.getMillis() * 1_000_000L;
    PAssert.that(failed).inWindow(new IntervalWindow(T0, WINDOW)).empty();
    PAssert.that(failed)
        .inWindow(new IntervalWindow(second, WINDOW))
        .satisfies(
            f -> {
              List<String> lines = new ArrayList<>();
              f.forEach(x -> lines.add(x.line()));
              assertEquals(List.of(refused), lines);
              return null;
            });
    p.run().waitUntilFinish();
    assertEquals(
        List.of("m,t=a total=1i " + T0.getMillis() * 1_000_000L),
        new ArrayList<>(server.writtenLines));
  }

  /** The number of events per window, one pane each, as a point at the window's start. */
  private PCollection<String> countsPerWindow(TestStream<String> events) {
    return p.apply(events)
        .apply(
            Window.<String>into(FixedWindows.of(WINDOW))
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        .apply(Combine.globally(Count.<String>combineFn()).withoutDefaults())
        .apply(ParDo.of(new AtWindowStart()));
  }

  /** A count as a point at its window's start. */
  static final class AtWindowStart extends org.apache.beam.sdk.transforms.DoFn<Long, String> {
    @ProcessElement
    public void process(
        @Element Long n,
        org.apache.beam.sdk.transforms.windowing.BoundedWindow w,
        OutputReceiver<String> out) {
      long start =
          ((org.apache.beam.sdk.transforms.windowing.IntervalWindow) w).start().getMillis();
      out.output("m,t=a total=" + n + "i " + start * 1_000_000L);
    }
  }
}
