package io.courtside.pipeline.window;

import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;

/**
 * The windowing of every Courtside aggregate (polarity, entities, dead letters): fixed event-time
 * windows, early panes every {@code earlyFiringPeriod}, the on-time pane, one late pane per late
 * element within the allowed lateness, panes accumulating. Each pane therefore carries the window's
 * full value so far, and its point (time = window start) overwrites the previous one: that is what
 * makes the aggregates idempotent in InfluxDB.
 */
public final class AccumulatingPanes {
  private AccumulatingPanes() {}

  /**
   * Counts an empty pane, which the steps after each aggregate drop instead of writing: a window
   * holds a point only once it has a post, and every correct pane of a window that has one counts
   * at least that post. The Spark runner emits a pane with no elements when the end-of-window or
   * garbage-collection timer of a window fires with its buffered elements gone (seen after a
   * restart from a checkpoint and behind a backlog); written, it would overwrite the window's count
   * with zero.
   */
  public static boolean skipEmpty(long total) {
    if (total != 0) {
      return false;
    }
    EMPTY_PANES.inc();
    return true;
  }

  private static final org.apache.beam.sdk.metrics.Counter EMPTY_PANES =
      org.apache.beam.sdk.metrics.Metrics.counter(AccumulatingPanes.class, "empty_panes_skipped");

  public static <T> Window<T> of(WindowSpec spec) {
    return Window.<T>into(FixedWindows.of(spec.size()))
        .triggering(
            AfterWatermark.pastEndOfWindow()
                .withEarlyFirings(
                    AfterProcessingTime.pastFirstElementInPane()
                        .plusDelayOf(spec.earlyFiringPeriod()))
                .withLateFirings(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(spec.allowedLateness())
        .accumulatingFiredPanes();
  }
}
