package io.courtside.pipeline.window;

import java.io.Serializable;
import org.joda.time.Duration;

/**
 * The windows of every aggregate: fixed event-time windows of {@code size}, early panes every
 * {@code earlyFiringPeriod}, late panes within {@code allowedLateness} ({@link AccumulatingPanes}).
 * Typed values, read once from the flags ({@code config/JobConfig}).
 */
public record WindowSpec(Duration size, Duration allowedLateness, Duration earlyFiringPeriod)
    implements Serializable {}
