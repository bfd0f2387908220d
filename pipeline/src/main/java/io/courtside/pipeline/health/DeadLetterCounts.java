package io.courtside.pipeline.health;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.joda.time.Instant;

/**
 * How many records of one {@link io.courtside.pipeline.parse.ReasonKind} (its tag) were
 * dead-lettered in one window, as of one pane.
 */
@DefaultCoder(SerializableCoder.class)
public record DeadLetterCounts(String topic, String reasonKind, Instant windowStart, long count)
    implements Serializable {}
