package io.courtside.pipeline.entity;

import io.courtside.pipeline.window.PolarityCounts;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/** The polarity counts of the posts naming one entity in one event-time window, as of one pane. */
@DefaultCoder(SerializableCoder.class)
public record EntityWindowCounts(
    String topic, String entity, EntityKind kind, Instant windowStart, Instant windowEnd,
    PolarityCounts counts)
    implements Serializable {}
