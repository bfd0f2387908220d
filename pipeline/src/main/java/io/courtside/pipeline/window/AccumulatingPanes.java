package io.courtside.pipeline.window;

import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.joda.time.Duration;

/**
 * The windowing of every Courtside aggregate (polarity, entities, dead letters): fixed
 * event-time windows, early panes every {@code earlyFiringPeriod}, the on-time pane, one late pane
 * per late element within the allowed lateness, panes accumulating. Each pane therefore carries the
 * window's full value so far, and its point (time = window start) overwrites the previous one:
 * that is what makes the aggregates idempotent in InfluxDB.
 */
public final class AccumulatingPanes {
  private AccumulatingPanes() {}

  public static <T> Window<T> of(Duration size, Duration allowedLateness, Duration earlyFiringPeriod) {
    return Window.<T>into(FixedWindows.of(size))
        .triggering(
            AfterWatermark.pastEndOfWindow()
                .withEarlyFirings(
                    AfterProcessingTime.pastFirstElementInPane().plusDelayOf(earlyFiringPeriod))
                .withLateFirings(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(allowedLateness)
        .accumulatingFiredPanes();
  }
}
