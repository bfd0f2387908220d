package io.courtside.pipeline.health;

import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.window.Countable;
import io.courtside.pipeline.window.PaneCounts;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * How many records of one {@link io.courtside.pipeline.parse.ReasonKind} (its tag) were
 * dead-lettered in one window, as of one pane: the dashboards' dead-letter panel. Counted by {@code
 * CountPerWindow} keyed by reason kind, each record once however often it is read (a restart's
 * rewind, a second backfill): its identity is its position in the one input topic, not its bytes,
 * so two records with the same bad bytes count twice. A dead letter's time is its record's Kafka
 * timestamp, whatever createdAt it carries ({@code read/CreatedAtTimestamps}).
 */
public record DeadLetterCounts(String topic, String reasonKind, Instant windowStart, long count) {
  /** A dead letter as the count sees it: its reason kind, and its record's position as its id. */
  public static KV<String, Countable> counted(DeadLetter d) {
    return KV.of(d.kind().tag(), new Countable(position(d.partition(), d.offset()), 0L, 0.0));
  }

  /** A pane of {@code CountPerWindow} keyed by reason kind: every dead letter counts as neutral. */
  public static DeadLetterCounts of(String topic, KV<String, PaneCounts> pane) {
    PaneCounts p = pane.getValue();
    return new DeadLetterCounts(topic, pane.getKey(), p.windowStart(), p.counts().total());
  }

  /** Partition (16 bits) and offset (48 bits) as one long: exact for any real topic. */
  static long position(int partition, long offset) {
    return ((long) (partition & 0xffff) << 48) | (offset & ((1L << 48) - 1));
  }
}
