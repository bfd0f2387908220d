package io.courtside.ingest;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Formats the periodic progress line (stderr) and the final summary (stdout). The rate in the
 * progress line is over the last interval, so a stall shows at once instead of being averaged
 * away; the summary gives the average over the run.
 */
final class Progress {
  private final PostProducer producer;
  private final ReplaySource replay;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private long lastNanos;
  private long lastSent;

  /** @param replay the replay source, or null for synthetic runs */
  Progress(PostProducer producer, ReplaySource replay, LongSupplier nanoTime) {
    this.producer = producer;
    this.replay = replay;
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
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "ingest: %d produced, %d acked, %d failed, %.1f/s",
        sent, producer.acknowledged(), producer.failed(), rate));
    if (replay != null) {
      s.append(String.format(Locale.ROOT, "; lines %d read, %d blank skipped, %d raw (unparseable)",
          replay.linesRead(), replay.blankLines(), replay.rawLines()));
      if (replay.oversizeLines() > 0) {
        s.append(", ").append(replay.oversizeLines()).append(" oversize skipped");
      }
    }
    return s.toString();
  }

  /** The final line, e.g. {@code ingest done: 1200 produced, 1200 acknowledged, 0 failed ...}. */
  String summary(String outcome) {
    double seconds = (nanoTime.getAsLong() - startNanos) / 1e9;
    long sent = producer.sent();
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "ingest %s: %d produced, %d acknowledged, %d failed",
        outcome, sent, producer.acknowledged(), producer.failed()));
    if (replay != null) {
      s.append(String.format(Locale.ROOT, ", %d raw (unparseable) lines, %d blank lines skipped",
          replay.rawLines(), replay.blankLines()));
      if (replay.oversizeLines() > 0) {
        s.append(", ").append(replay.oversizeLines()).append(" oversize lines skipped");
      }
    }
    s.append(String.format(Locale.ROOT, " in %.1f s", seconds));
    if (seconds > 0 && sent > 0) {
      s.append(String.format(Locale.ROOT, " (%.0f/s)", sent / seconds));
    }
    return s.toString();
  }
}
