package io.courtside.pipeline.entity;

import io.courtside.pipeline.window.PaneCounts;
import io.courtside.pipeline.window.PolarityCounts;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/** The polarity counts of the posts naming one entity in one event-time window, as of one pane. */
public record EntityWindowCounts(
    String topic,
    String entity,
    EntityKind kind,
    Instant windowStart,
    Instant windowEnd,
    PolarityCounts counts) {
  /** A pane of {@code CountPerWindow} keyed as {@link TagEntities} keys a mention. */
  public static EntityWindowCounts of(String topic, KV<KV<String, String>, PaneCounts> pane) {
    PaneCounts p = pane.getValue();
    return new EntityWindowCounts(
        topic,
        pane.getKey().getValue(),
        EntityKind.valueOf(pane.getKey().getKey()),
        p.windowStart(),
        p.windowEnd(),
        p.counts());
  }
}
