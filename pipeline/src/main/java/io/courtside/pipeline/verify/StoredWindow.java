package io.courtside.pipeline.verify;

/**
 * One aggregate point as InfluxDB holds it. {@code dead_letters} points have only {@code total}
 * (the polarity fields are then 0 and {@code compoundMean} NaN).
 */
public record StoredWindow(
    WindowKey key, long positive, long negative, long neutral, long total, double compoundMean) {}
