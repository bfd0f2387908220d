package io.courtside.pipeline.window;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/** The polarity counts of one event-time window of one topic, as of one pane. */
@DefaultCoder(SerializableCoder.class)
public record WindowCounts(String topic, Instant windowStart, Instant windowEnd, PolarityCounts counts)
    implements Serializable {}
