package io.courtside.pipeline.window;

import io.courtside.pipeline.score.ScoredPost;
import java.util.HashMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Fixed event-time windows of polarity counts. Early panes every {@code earlyFiringPeriod} while a
 * window is open, the on-time pane when the watermark passes its end, and a late pane for each
 * late post within the allowed lateness. Panes accumulate, so every pane carries the window's full
 * count so far and its point simply overwrites the previous one. A post that arrives twice is
 * counted once ({@link DistinctPosts}). Counts are combined inside each bundle first
 * ({@link CombineInBundles}): the Spark runner keeps every element of a window otherwise.
 */
public final class CountPolarityPerWindow
    extends PTransform<PCollection<ScoredPost>, PCollection<WindowCounts>> {
  private final String topic;
  private final Duration windowSize;
  private final Duration allowedLateness;
  private final Duration earlyFiringPeriod;

  public CountPolarityPerWindow(
      String topic, Duration windowSize, Duration allowedLateness, Duration earlyFiringPeriod) {
    this.topic = topic;
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
    this.earlyFiringPeriod = earlyFiringPeriod;
  }

  @Override
  public PCollection<WindowCounts> expand(PCollection<ScoredPost> posts) {
    return posts
        .apply(
            "FixedWindows",
            AccumulatingPanes.<ScoredPost>of(windowSize, allowedLateness, earlyFiringPeriod))
        .apply("OneKey", WithKeys.<Void, ScoredPost>of((Void) null))
        .setCoder(KvCoder.of(VoidCoder.of(), posts.getCoder()))
        .apply("Count", CombineInBundles.<Void, ScoredPost, HashMap<Long, DistinctPosts.Latest>, PolarityCounts>perKey(new DistinctPosts.CountFn()))
        .apply("Counts", Values.create())
        .apply("WithWindow", ParDo.of(new WithWindowFn(topic)));
  }

  static final class WithWindowFn extends DoFn<PolarityCounts, WindowCounts> {
    private final String topic;

    WithWindowFn(String topic) {
      this.topic = topic;
    }

    @ProcessElement
    public void process(
        @Element PolarityCounts counts,
        IntervalWindow window,
        PaneInfo pane,
        OutputReceiver<WindowCounts> out) {
      if (AccumulatingPanes.skipEmpty(counts.total())) {
        return;
      }
      boolean closed = pane.getTiming() != PaneInfo.Timing.EARLY;
      out.output(new WindowCounts(topic, window.start(), window.end(), counts, closed));
    }
  }
}
