package io.courtside.ingest;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Formats the periodic progress line (stderr) and the final summary (stdout): what the source
 * received, produced and skipped (by reason) and how often it reconnected, then what Kafka
 * acknowledged. The rate in the progress line is over the last interval, so a stall shows at once
 * instead of being averaged away; the summary gives the average over the run.
 */
final class Progress {
  private final PostProducer producer;
  private final SourceStats source;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private long lastNanos;
  private long lastSent;

  Progress(PostProducer producer, SourceStats source, LongSupplier nanoTime) {
    this.producer = producer;
    this.source = source;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.lastNanos = startNanos;
  }

  /** One progress line; each call measures the rate since the previous call. */
  synchronized String line() {
    long now = nanoTime.getAsLong();
    long sent = producer.sent();
    double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
    double rate = (sent - lastSent) / seconds;
    lastNanos = now;
    lastSent = sent;
    return String.format(
        Locale.ROOT,
        "ingest: %s; Kafka %d produced, %d acked, %d failed, %.1f/s%s",
        source.describe(),
        sent,
        producer.acknowledged(),
        producer.failed(),
        rate,
        producer.outage());
  }

  /** The final line, e.g. {@code ingest done: received 12, posts 10, ... in 1.2 s}. */
  String summary(String outcome) {
    double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
    long sent = producer.sent();
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "ingest %s: %s; Kafka %d produced, %d acknowledged, %d failed in %.1f s",
            outcome,
            source.describe(),
            sent,
            producer.acknowledged(),
            producer.failed(),
            seconds));
    if (seconds > 0 && sent > 0) {
      s.append(String.format(Locale.ROOT, " (%.0f/s)", sent / seconds));
    }
    return s.toString();
  }
}
