package io.courtside.pipeline.window;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.courtside.model.Post;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.score.ScoredPostCoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** Early, on-time, late-but-kept and too-late posts, driven in event time by TestStream. */
public class CountPolarityPerWindowTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");
  private static final Duration WINDOW = Duration.standardMinutes(1);
  private static final Duration LATENESS = Duration.standardMinutes(5);
  private static int seq;

  private static TimestampedValue<ScoredPost> post(double compound, int secondsIntoWindow) {
    Instant t = T0.plus(Duration.standardSeconds(secondsIntoWindow));
    Post post = Post.of("p" + (seq++), java.time.Instant.ofEpochMilli(t.getMillis()), "x");
    return TimestampedValue.of(new ScoredPost(post, compound, 0, 1, 0), t);
  }

  private PCollection<WindowCounts> run(TestStream<ScoredPost> events) {
    return p.apply(events)
        .apply(new CountPolarityPerWindow("twitterdata", WINDOW, LATENESS, Duration.standardSeconds(5)));
  }

  @Test
  public void panesAreEarlyOnTimeAndLateAndTooLatePostsAreDropped() {
    TestStream<ScoredPost> events =
        TestStream.create(SerializableCoder.of(ScoredPost.class))
            .advanceWatermarkTo(T0)
            .addElements(post(0.6, 10), post(0.3, 20), post(-0.5, 30))
            .advanceProcessingTime(Duration.standardSeconds(10)) // early pane: 2 pos, 1 neg
            .addElements(post(0.0, 40))
            .advanceWatermarkTo(T0.plus(WINDOW).plus(Duration.standardSeconds(1))) // on time
            .addElements(post(0.9, 50)) // late, within allowed lateness
            .advanceWatermarkTo(T0.plus(WINDOW).plus(LATENESS).plus(Duration.standardSeconds(1)))
            .addElements(post(-0.9, 55)) // later than allowed lateness: dropped
            .advanceWatermarkToInfinity();

    PCollection<WindowCounts> counts = run(events);
    IntervalWindow window = new IntervalWindow(T0, WINDOW);

    PAssert.that(counts)
        .inOnTimePane(window)
        .satisfies(
            panes -> {
              for (WindowCounts c : panes) {
                org.junit.Assert.assertEquals(new PolarityCounts(2, 1, 1, 0.4), rounded(c.counts()));
                org.junit.Assert.assertEquals(T0, c.windowStart());
                org.junit.Assert.assertEquals(T0.plus(WINDOW), c.windowEnd());
              }
              return null;
            });
    // Exactly these panes; the too-late negative post never reaches one. Panes after the
    // watermark passed the window's end are marked closed.
    PAssert.that(counts.apply(ParDo.of(new DescribePane())))
        .containsInAnyOrder("EARLY 2/1/0", "ON_TIME 2/1/1 closed", "LATE 3/1/1 closed");
    p.run().waitUntilFinish();
  }

  @Test
  public void windowsAreFixedAndSeparate() {
    TestStream<ScoredPost> events =
        TestStream.create(SerializableCoder.of(ScoredPost.class))
            .advanceWatermarkTo(T0)
            .addElements(post(0.5, 5), post(0.5, 65), post(-0.5, 70), post(0.01, 130))
            .advanceWatermarkToInfinity();
    PCollection<WindowCounts> counts = run(events);
    PAssert.that(counts)
        .inOnTimePane(new IntervalWindow(T0.plus(WINDOW), WINDOW))
        .satisfies(
            panes -> {
              for (WindowCounts c : panes) {
                org.junit.Assert.assertEquals(1, c.counts().positive());
                org.junit.Assert.assertEquals(1, c.counts().negative());
                org.junit.Assert.assertEquals(0, c.counts().neutral());
              }
              return null;
            });
    PAssert.that(counts)
        .inOnTimePane(new IntervalWindow(T0.plus(WINDOW.multipliedBy(2)), WINDOW))
        .satisfies(
            panes -> {
              for (WindowCounts c : panes) {
                org.junit.Assert.assertEquals(1, c.counts().neutral());
                org.junit.Assert.assertEquals(1, c.counts().total());
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void aPostDeliveredTwiceIsCountedOnce() {
    TimestampedValue<ScoredPost> once = post(0.7, 10);
    TestStream<ScoredPost> events =
        TestStream.create(SerializableCoder.of(ScoredPost.class))
            .advanceWatermarkTo(T0)
            .addElements(once, post(-0.7, 20), once) // at-least-once delivery: a repeat
            .addElements(once) // and a replay
            .advanceWatermarkToInfinity();
    PAssert.that(run(events))
        .inOnTimePane(new IntervalWindow(T0, WINDOW))
        .satisfies(
            panes -> {
              for (WindowCounts c : panes) {
                org.junit.Assert.assertEquals(new PolarityCounts(1, 1, 0, 0.0), rounded(c.counts()));
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void anEditedPostCountsOnceWithTheCompoundOfItsLatestVersionWhateverTheArrivalOrder() {
    Instant t = T0.plus(Duration.standardSeconds(10));
    Post v1 = Post.of("edited", java.time.Instant.ofEpochMilli(t.getMillis()), "great win");
    Post v2 = Post.of("edited", java.time.Instant.ofEpochMilli(t.getMillis()), "terrible loss");
    TestStream<ScoredPost> events =
        TestStream.create(ScoredPostCoder.of())
            .advanceWatermarkTo(T0)
            // The newer version (greater Kafka position) reaches the step first, then the older.
            .addElements(TimestampedValue.of(new ScoredPost(v2, 200, -0.7, 0.5, 0.3, 0.2), t))
            .addElements(TimestampedValue.of(new ScoredPost(v1, 100, 0.8, 0.1, 0.3, 0.6), t))
            .advanceWatermarkToInfinity();
    PAssert.that(run(events).apply(ParDo.of(new DescribePane())))
        .inOnTimePane(new IntervalWindow(T0, WINDOW))
        .containsInAnyOrder("ON_TIME 0/1/0 closed");
    p.run().waitUntilFinish();
  }

  @Test
  public void anEmptyPaneIsNeverWrittenOverAWindowsCount() {
    // What the Spark runner emits when a window's timer fires with its buffer gone: no posts.
    PCollection<String> described =
        p.apply(
                org.apache.beam.sdk.transforms.Create.timestamped(
                        TimestampedValue.of(PolarityCounts.EMPTY, T0.plus(1000)),
                        TimestampedValue.of(new PolarityCounts(1, 0, 2, 0.5), T0.plus(2000)))
                    .withCoder(org.apache.beam.sdk.coders.SerializableCoder.of(PolarityCounts.class)))
            .apply(org.apache.beam.sdk.transforms.windowing.Window.into(
                org.apache.beam.sdk.transforms.windowing.FixedWindows.of(WINDOW)))
            .apply(ParDo.of(new CountPolarityPerWindow.WithWindowFn("twitterdata")))
            .apply(ParDo.of(new DescribePane()));
    PAssert.that(described).containsInAnyOrder("UNKNOWN 1/0/2 closed"); // no grouping here: no pane timing
    p.run().waitUntilFinish();
  }

  private static PolarityCounts rounded(PolarityCounts c) {
    return new PolarityCounts(
        c.positive(), c.negative(), c.neutral(), Math.round(c.compoundSum() * 1e6) / 1e6);
  }

  static final class DescribePane extends DoFn<WindowCounts, String> {
    @ProcessElement
    public void process(@Element WindowCounts c, PaneInfo pane, OutputReceiver<String> out) {
      PolarityCounts n = c.counts();
      out.output(pane.getTiming() + " " + n.positive() + "/" + n.negative() + "/" + n.neutral()
          + (c.closed() ? " closed" : ""));
    }
  }
}
