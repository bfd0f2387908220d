package io.courtside.pipeline.window;

import io.courtside.pipeline.options.Durations;
import io.courtside.pipeline.options.WindowOptions;
import java.io.Serializable;
import org.joda.time.Duration;

/**
 * The windows of every aggregate: fixed event-time windows of {@code size}, early panes every
 * {@code earlyFiringPeriod}, late panes within {@code allowedLateness} ({@link AccumulatingPanes}).
 * Typed values, parsed once from the flags by {@link #from}.
 */
public record WindowSpec(Duration size, Duration allowedLateness, Duration earlyFiringPeriod)
    implements Serializable {
  /** The spec of {@code --windowSize}, {@code --allowedLateness} and {@code --earlyFiringPeriod}. */
  public static WindowSpec from(WindowOptions options) {
    return new WindowSpec(
        Durations.parsePositive("windowSize", options.getWindowSize()),
        Durations.parse("allowedLateness", options.getAllowedLateness()),
        Durations.parsePositive("earlyFiringPeriod", options.getEarlyFiringPeriod()));
  }
}
